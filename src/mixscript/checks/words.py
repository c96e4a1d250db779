"""Words that mix scripts (MS3xx) and confusable words and numbers (MS4xx).

A *word* here is a run of letters, marks, digits and underscores.  ``check``
hands this module the text as the character-level fixes will leave it, so
``pa`` + ZWSP + ``ypal`` is judged as the one word a reader sees.  A ZWNJ or
ZWJ between a Latin(-like) and an Arabic letter separates two words: Persian
writes ``PDF`` + ZWNJ + ``ها`` on purpose.  Escape sequences (``\\u200b``)
are blanked first, so their hex letters never join the word after them.

* MS301: Arabic-script letters with Latin (or Cyrillic, Greek) letters in
  one word (``Errorکا``): usually two words with the space lost; no
  automatic fix.  A single Arabic proclitic letter before a Latin word
  (Arabic ``وGoogle``, "and Google") is ordinary Arabic writing and passes.
* MS302: Latin with Cyrillic or Greek letters.  The other letters are
  replaced by Latin look-alikes when every one has one, else by look-alikes
  in the word's other script; otherwise the whole word is reported.
* MS401 (ICU): the letters of a word are not Highly Restrictive under UTS #39
  (any other script mix, e.g. Latin with Cherokee).
* MS402 (ICU): a word written wholly in Cyrillic or Greek whose confusable
  skeleton is Latin, on a line with Latin words and no other Cyrillic or
  Greek (``рау`` in an English sentence).
* MS403: one number written with digits of two systems (``١٢۳``).

Reading every line is the compiled core's part (``rust/core/src/checks/words.rs``):
it finds the words, skips the lines in one script and the words in one
script, and hands back only the words these rules must judge letter by
letter, and the numbers in two digit systems.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterator

import regex

from mixscript import _core
from mixscript.checks.confusables import lookalike_in, restriction_fails, skeleton, spoof_checker
from mixscript.model import Finding
from mixscript.text.breaks import EDITOR_LINE_BREAK
from mixscript.unicode.chars import ZWJ, ZWNJ, is_arabic_letter_or_mark
from mixscript.unicode.scripts import script_of

__all__ = ["word_findings"]

_ESCAPE = regex.compile(r"\\(?:u\{[0-9A-Fa-f]+\}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|x[0-9A-Fa-f]{2})")
_LATIN_MIXES = frozenset(("Cyrl", "Grek"))
_LATIN_LIKE = _LATIN_MIXES | {"Latn"}
_NAMES = {"Latn": "Latin", "Cyrl": "Cyrillic", "Grek": "Greek"}
_PROCLITICS = frozenset("وبلفك")
_ARABIC_DIGIT_ZEROS = frozenset((0x0660, 0x06F0))


def _letters(word: str, offset: int) -> list[tuple[int, str, str]]:
    """(index in text, letter, script) for the letters of a word."""
    return [
        (offset + k, ch, script_of(ch))
        for k, ch in enumerate(word)
        if unicodedata.category(ch)[0] == "L"
    ]


def _separates(before: str, after: str) -> bool:
    """A joiner between a Latin(-like) and an Arabic letter separates two words."""
    pair = {script_of(before), script_of(after)}
    return "Arab" in pair and bool(pair & _LATIN_LIKE)


def _split_at_script_joiners(word: str, offset: int) -> list[tuple[int, str]]:
    """Cut a word at each ZWNJ/ZWJ that stands between a Latin and an Arabic letter."""
    parts: list[tuple[int, str]] = []
    start = 0
    for k, ch in enumerate(word):
        if ch not in (ZWNJ, ZWJ):
            continue
        before = next((c for c in reversed(word[:k]) if c.isalpha()), "")
        after = next((c for c in word[k + 1 :] if c.isalpha()), "")
        if before and after and _separates(before, after):
            parts.append((offset + start, word[start:k]))
            start = k + 1
    parts.append((offset + start, word[start:]))
    return [(o, w) for o, w in parts if w]


def _latin_arabic(word: str, offset: int, letters: list[tuple[int, str, str]]) -> Finding | None:
    """MS301 for a word (part) with Arabic-script and Latin (or Cyrillic/Greek) letters."""
    latin = [x for x in letters if x[2] in _LATIN_LIKE]
    arabic = [x for x in letters if is_arabic_letter_or_mark(x[1])]
    if not latin or not arabic:
        return None
    if len(arabic) == 1 and arabic[0][1] in _PROCLITICS and arabic[0][0] < latin[0][0]:
        return None
    names = "/".join(sorted({_NAMES[s] for _, _, s in latin}))
    return Finding(
        offset,
        offset + len(word),
        "MS301",
        f"word {word!r} mixes {names} and Arabic letters (a missing space?)",
        None,
    )


def _latin_lookalikes(word: str, offset: int, letters: list[tuple[int, str, str]]) -> list[Finding]:
    """MS302: rewrite the word in one script with look-alike letters, or report it whole."""
    counts = Counter(s for _, _, s in letters if s in _LATIN_LIKE)
    rivals = [s for s in counts if s != "Latn"]
    # Latin first (the usual spoof hides look-alikes in a Latin word), then
    # the most frequent of Cyrillic and Greek (a Latin letter typed into a
    # Russian word).
    for target in ["Latn", *sorted(rivals, key=lambda s: -counts[s])]:
        strangers = [(i, ch, s) for i, ch, s in letters if s != target and s in counts]
        fixes = [(i, ch, s, lookalike_in(ch, target)) for i, ch, s in strangers]
        if all(fix is not None for *_, fix in fixes):
            return [
                Finding(
                    i,
                    i + 1,
                    "MS302",
                    f"{s} letter {ch!r} (U+{ord(ch):04X}) in the {target} word {word!r}",
                    fix,
                )
                for i, ch, s, fix in fixes
            ]
    scripts = ", ".join(sorted(counts))
    return [Finding(offset, offset + len(word), "MS302", f"word {word!r} mixes {scripts}", None)]


def _mixed_digits(text: str, runs: list[tuple[int, int]]) -> Iterator[Finding]:
    """MS403 for each run of digits the compiled core found in two digit systems."""
    for start, end in runs:
        run = text[start:end]
        zeros = Counter(ord(ch) - unicodedata.digit(ch, 0) for ch in run)
        if len(zeros) < 2:  # pragma: no cover - only if Python's Unicode lacks a digit system
            continue
        fix = None
        (top, n1), (_, n2) = zeros.most_common(2)
        if zeros.keys() <= _ARABIC_DIGIT_ZEROS and n1 != n2:
            fix = "".join(chr(top + unicodedata.digit(ch, 0)) for ch in run)
        systems = ", ".join(_digit_system(z, run) for z in sorted(zeros))
        yield Finding(start, end, "MS403", f"number {run!r} mixes digit systems: {systems}", fix)


_Letters = list[tuple[int, str, str]]
_Word = tuple[int, str, _Letters, set[str]]
"""(offset, word, letters, scripts) of a word for MS402; letters only when its scripts may be Cyrillic or Greek."""


def _digit_system(zero: int, run: str) -> str:
    """A digit system by its name and the run's digits of it: ``Extended Arabic-Indic '۵'``.

    The system is named after its digit zero (``EXTENDED ARABIC-INDIC DIGIT
    ZERO``), and the digits shown are the ones the number really has, so
    ``۵٥`` is not reported as two zeros.
    """
    name = unicodedata.name(chr(zero), f"U+{zero:04X}")
    system = name.removesuffix(" DIGIT ZERO").removesuffix("DIGIT ZERO").strip() or "ASCII"
    system = system if system == "ASCII" else system.title()
    digits = "".join(dict.fromkeys(ch for ch in run if ord(ch) - unicodedata.digit(ch, 0) == zero))
    return f"{system} {digits!r}"


def _whole_script_confusables(text: str, words: list[_Word]) -> Iterator[Finding]:
    """MS402, line by line: Cyrillic/Greek words that read as Latin among Latin words."""
    by_line: dict[int, list[_Word]] = {}
    line = 0
    breaks = [m.start() for m in EDITOR_LINE_BREAK.finditer(text)]
    for w in words:
        while line < len(breaks) and breaks[line] < w[0]:
            line += 1
        by_line.setdefault(line, []).append(w)
    for line_words in by_line.values():
        if not any("Latn" in s for *_, s in line_words):
            continue
        suspects = []
        clean = True
        for offset, word, letters, s in line_words:
            if len(s) != 1 or not s <= _LATIN_MIXES:
                continue
            sk = skeleton("".join(ch for _, ch, _ in letters)) or ""
            if sk.isascii() and sk.isalpha():
                suspects.append((offset, word, letters))
            else:
                clean = False
        if not clean:
            continue
        for offset, word, letters in suspects:
            fixes = [(i, ch, lookalike_in(ch, "Latn")) for i, ch, _ in letters]
            # A word that MS302 already rewrites gets no second fix.
            untouched = all(text[i] == ch for i, ch, _ in letters)
            if untouched and all(f is not None for *_, f in fixes):
                for i, ch, fix in fixes:
                    yield Finding(
                        i,
                        i + 1,
                        "MS402",
                        f"{script_of(ch)} letter {ch!r} (U+{ord(ch):04X}) in {word!r},"
                        " a word that reads as Latin in a Latin line",
                        fix,
                    )
            else:
                yield Finding(
                    offset,
                    offset + len(word),
                    "MS402",
                    f"{word!r} is written in {script_of(letters[0][1])} but reads as Latin",
                    None,
                )


def _script_set(letters: list[tuple[int, str, str]]) -> set[str]:
    return {s for *_, s in letters if s not in ("Zyyy", "Zinh", "Zzzz")}


def word_findings(text: str) -> Iterator[Finding]:
    """The MS3xx and MS4xx findings of ``text``.

    A word with Latin and Cyrillic or Greek letters gets MS302 first; the
    rules after it judge the word as those fixes will leave it.  Then each
    part of the word (cut at a joiner between Latin-like and Arabic letters)
    with Arabic and Latin-like letters gets MS301, and any other script mix
    MS401 (with ICU).  Words in one script go on to the MS402 line check.
    """
    if "\\" in text:
        # Escapes (\u200b, \u{202E}, \x41) are not words: the letters in their
        # hex digits must not join the word after them.  Blank them, same length.
        text = _ESCAPE.sub(lambda m: " " * len(m.group()), text)
    icu = spoof_checker() is not None
    # Every word of the lines read, for the line context of MS402.
    all_words: list[_Word] = []
    # The compiled core reads every line once and hands back only the words
    # to judge here: most lines are in one script and most words too.
    to_judge, digit_runs = _core.word_scan(text, icu)
    for start, end, latin_on_line in to_judge:
        word = text[start:end]
        if latin_on_line:
            # MS402 only needs to know that the line has a Latin word.
            all_words.append((start, word, [], {"Latn"}))
            continue
        letters = _letters(word, start)
        scripts = _script_set(letters)
        if len(scripts) <= 1:
            if icu:
                all_words.append((start, word, letters, scripts))
            continue
        # MS302 first; the later rules see the word as its fixes will leave it.
        swapped: dict[int, str] = {}
        whole_word_302 = False
        if "Latn" in scripts and scripts & _LATIN_MIXES:
            for f in _latin_lookalikes(word, start, letters):
                if f.fix is None:
                    whole_word_302 = True
                else:
                    swapped[f.start] = f.fix
                yield f
        if icu:
            # MS402 sees the word as MS302 leaves it.
            after = [(i, swapped.get(i, ch)) for i, ch, _ in letters]
            after_letters = [(i, ch, script_of(ch)) for i, ch in after]
            all_words.append((start, word, after_letters, _script_set(after_letters)))
        for offset, part in _split_at_script_joiners(word, start):
            part_letters = [x for x in letters if offset <= x[0] < offset + len(part)]
            part_scripts = _script_set(part_letters)
            if "Arab" in part_scripts and part_scripts & _LATIN_LIKE:
                found = _latin_arabic(part, offset, part_letters)
                if found is not None:
                    yield found
            elif (
                not whole_word_302
                and len(part_scripts) > 1
                and restriction_fails("".join(swapped.get(i, ch) for i, ch, _ in part_letters))
            ):
                yield Finding(
                    offset,
                    offset + len(part),
                    "MS401",
                    f"word {part!r} mixes scripts that UTS #39 does not allow together",
                    None,
                )
    if all_words:
        yield from _whole_script_confusables(text, all_words)
    yield from _mixed_digits(text, digit_runs)
