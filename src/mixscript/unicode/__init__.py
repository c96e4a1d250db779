"""Unicode character data: the generated UCD tables, their accessors, and the Arabic-script sets.

Everything here is about single characters (or sets of them) and nothing
about text: other subpackages ask this one what a character is.
"""
