"""The finding codes of ``mixscript check``: what each means, why it matters, what the fix does.

One table drives the README (``tests/test_checks.py`` fails when they drift
apart), ``--select``/``--ignore`` validation and the command line's help.
Codes are stable and grouped by their first digit: MS1xx bidi controls,
MS2xx invisible and default-ignorable characters, MS3xx mixed-script words,
MS4xx confusables, MS5xx encoding problems.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import regex

__all__ = ["CODES", "CodeInfo", "parse_codes"]


@dataclass(frozen=True, slots=True)
class CodeInfo:
    """One finding code as the README documents it."""

    code: str
    meaning: str
    why: str
    fix: str


CODES: dict[str, CodeInfo] = {
    c.code: c
    for c in (
        CodeInfo(
            "MS101",
            "LRO/RLO override (or the PDF that closes one) in text",
            "reverses the characters after it, so text shows in another order than it is",
            "removes it",
        ),
        CodeInfo(
            "MS102",
            "embedding or isolate left open at the end of a line, or a PDF/PDI closing nothing",
            "the direction leaks into the rest of the line or was cut from its pair",
            "removes it",
        ),
        CodeInfo(
            "MS103",
            "bidi control or mark in a comment of a source file",
            "CVE-2021-42574: a comment that hides code or shows code that is not there",
            "removes it",
        ),
        CodeInfo(
            "MS104",
            "bidi control or mark in a string literal of a source file",
            "CVE-2021-42574: a string that looks shorter or different than the compiler sees it",
            "replaces it by the language's escape (`\\u202e`); none for raw strings",
        ),
        CodeInfo(
            "MS105",
            "bidi control or mark in code, outside comments and strings",
            "reorders the tokens a reviewer sees",
            "removes it",
        ),
        CodeInfo(
            "MS201",
            "ZERO WIDTH SPACE (not between words of Thai, Khmer, Chinese ...)",
            "splits a word or identifier invisibly: search and comparison fail",
            "removes it",
        ),
        CodeInfo("MS202", "WORD JOINER", "invisible; glues or splits words unseen", "removes it"),
        CodeInfo(
            "MS203",
            "byte order mark after the start of the text",
            "a leftover from concatenated files; breaks the first token of the part",
            "removes it",
        ),
        CodeInfo(
            "MS204",
            "invisible operator (U+2061..U+2064)",
            "only meaningful in math markup; elsewhere hides inside words",
            "removes it",
        ),
        CodeInfo(
            "MS205",
            "Hangul filler outside a conjoining jamo syllable",
            "renders blank; used to fake empty or duplicate names",
            "removes it",
        ),
        CodeInfo(
            "MS206",
            "tag character outside an emoji flag sequence",
            "invisible text that software still reads (hidden prompts)",
            "removes it",
        ),
        CodeInfo(
            "MS207",
            "variation selector after a base with no such variant",
            "selects nothing; invisible payload or noise inside words",
            "removes it",
        ),
        CodeInfo(
            "MS208",
            "ZWNJ/ZWJ at a word edge or in a Latin, Cyrillic or Greek word",
            "does nothing there but breaks search; never reported between Arabic-script"
            " letters or in emoji",
            "removes it",
        ),
        CodeInfo(
            "MS209",
            "ARABIC LETTER MARK with no Arabic letter or digit next to it on its line",
            "an invisible bidi mark with nothing to act on",
            "removes it",
        ),
        CodeInfo(
            "MS210",
            "other invisible character: Mongolian vowel separator, Khmer inherent vowels,"
            " unassigned default-ignorable code points",
            "renders as nothing in most fonts",
            "removes it",
        ),
        CodeInfo(
            "MS211",
            "ZWNJ repeated between two letters (`کاروان` + ZWNJ + ZWNJ + `سرا`)",
            "one ZWNJ already separates the letters; the second is a doubled key press"
            " that breaks search and comparison",
            "removes the repeats, keeping one",
        ),
        CodeInfo(
            "MS301",
            "word with Arabic-script letters and Latin (or Cyrillic, Greek) letters (`Errorکا`)",
            "usually a lost space; breaks tokenising and display order",
            "none: the space or the script to keep needs a person",
        ),
        CodeInfo(
            "MS302",
            "word with Latin and Cyrillic or Greek letters (`pаypal`)",
            "the classic homograph spoof; also breaks search",
            "replaces the other letters by Latin look-alikes when all have one, else"
            " by look-alikes in the word's other script",
        ),
        CodeInfo(
            "MS401",
            "word in a script mix UTS #39 rejects (not Highly Restrictive); needs `mixscript[icu]`",
            "mixes like Latin with Cherokee are spoofs, not words",
            "none",
        ),
        CodeInfo(
            "MS402",
            "Cyrillic or Greek word that reads as Latin, in a Latin line; needs `mixscript[icu]`",
            "a whole-script homograph (`рау`) looks like the Latin word",
            "replaces its letters by the Latin look-alikes, when all have one",
        ),
        CodeInfo(
            "MS403",
            "number written with digits of two systems (`١٢۳`)",
            "Arabic-Indic and Persian digits look alike but compare unequal",
            "rewrites an Arabic-Indic/Persian mix in the majority system; else none",
        ),
        CodeInfo(
            "MS501",
            "U+FFFD REPLACEMENT CHARACTER",
            "a decoder lost the original bytes here",
            "none: the original is gone",
        ),
        CodeInfo(
            "MS502",
            "C1 control character (U+0080..U+009F)",
            "Windows-1252 text decoded as Latin-1 (`\\x92` for `’`)",
            "replaces it by its Windows-1252 character; none for the five bytes Windows-1252 leaves undefined",
        ),
        CodeInfo(
            "MS503",
            "C0 control character other than tab, line feed, carriage return, form feed",
            "invisible, and NUL/ESC/BS confuse terminals and tools",
            "removes it",
        ),
        CodeInfo(
            "MS504",
            "lone surrogate",
            "not a character: the text came from a lossy decode and cannot be encoded",
            "none",
        ),
        CodeInfo(
            "MS505",
            "UTF-8 read as Windows-1252 or Latin-1 (`Ø³Ù„Ø§Ù…` for `سلام`, `cafÃ©`)",
            "the text is unreadable, but nothing is lost yet",
            "replaces the run by its UTF-8 reading",
        ),
    )
}


def parse_codes(spec: str | Iterable[str] | None) -> tuple[str, ...]:
    """Code prefixes from ``"MS1,MS208"`` (or a list of such strings), checked against CODES.

    >>> parse_codes("ms1, MS208")
    ('MS1', 'MS208')
    >>> parse_codes("XY")
    Traceback (most recent call last):
    ...
    ValueError: unknown code or prefix 'XY' (codes are MS101..MS505)
    """
    if spec is None:
        return ()
    items = [spec] if isinstance(spec, str) else list(spec)
    out: list[str] = []
    for item in items:
        for part in regex.split(r"[,\s]+", item):
            code = part.strip().upper()
            if not code:
                continue
            if not any(c.startswith(code) for c in CODES):
                first, last = min(CODES), max(CODES)
                raise ValueError(f"unknown code or prefix {part!r} (codes are {first}..{last})")
            out.append(code)
    return tuple(dict.fromkeys(out))
