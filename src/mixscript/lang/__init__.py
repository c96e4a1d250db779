"""Languages: the letter, word and statistical evidence, formulas, and per-language conventions."""
