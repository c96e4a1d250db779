"""The basmala and other fixed formulas, found in whatever form they are written.

A formula is recognised on a *folded* copy of the text, never by comparing
raw characters: the same basmala arrives fully vowelled, with alef wasla,
with Persian yeh, stretched by tatweel, as presentation forms out of a PDF,
as the single character U+FDFD, or in visual (reversed) order.  Folding drops
what varies (harakat, tatweel, joiners, bidi marks), expands ligatures and
presentation forms to letters and unifies letter variants, while a map keeps
the input offset of every folded character, so a match is reported with exact
offsets into the caller's text.

Text in visual order that was not repaired is searched too: the text is
reversed character by character (which puts a right-to-left line back in
reading order) and searched again.  The Arabic-script search runs in the
core (``rust/core/src/formulas.rs``) from the fold of each character
(:func:`_fold_char`) and the folded words of each form, both made here.

Transliterations are matched on the lower-cased ASCII letters of the text
(diacritics, spaces, hyphens and apostrophes removed), so "Bismillāh
al-Raḥmān al-Raḥīm" and "Bismillahirrahmanirrahim" meet the same pattern.
Matches must start and end on word boundaries of the input.

The formulas themselves are data: ``data/formulas.json``.  Adding a formula
there needs no code.
"""

from __future__ import annotations

import bisect
import itertools
import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TypeVar

import regex

from mixscript import _core
from mixscript.unicode.char_tables import CharTable
from mixscript.unicode.chars import (
    ALM,
    ARABIC_BLOCKS,
    BIDI_CONTROLS,
    FORMS_A,
    FORMS_B,
    LRM,
    RLM,
    ZWJ,
    ZWNJ,
    in_ranges,
    ranges_class,
)
from mixscript.unicode.shaping import unshape

__all__ = ["Formula", "FormulaMatch", "find_formulas", "formula_screen", "registry"]

_TATWEEL = "\N{ARABIC TATWEEL}"
_DROP = frozenset((_TATWEEL, ZWNJ, ZWJ, LRM, RLM, ALM, "\N{ZERO WIDTH SPACE}", "\ufeff"))
_DROP |= BIDI_CONTROLS
# Letter variants that spelling, keyboards and regional usage swap freely.
_UNIFY = str.maketrans(
    {
        "\N{ARABIC LETTER ALEF WASLA}": "ا",
        "\N{ARABIC LETTER ALEF WITH HAMZA ABOVE}": "ا",
        "\N{ARABIC LETTER ALEF WITH HAMZA BELOW}": "ا",
        "\N{ARABIC LETTER ALEF WITH MADDA ABOVE}": "ا",
        "\N{ARABIC LETTER FARSI YEH}": "ي",
        "\N{ARABIC LETTER ALEF MAKSURA}": "ي",
        "\N{ARABIC LETTER KEHEH}": "ك",
        "\N{ARABIC LETTER SWASH KAF}": "ك",
        "\N{ARABIC LETTER HEH GOAL}": "ه",
        "\N{ARABIC LETTER AE}": "ه",
        "\N{ARABIC LETTER HEH DOACHASHMEE}": "ه",
        "\N{ARABIC LETTER HEH WITH YEH ABOVE}": "ه",
        "\N{ARABIC LETTER HEH GOAL WITH HAMZA ABOVE}": "ه",
    }
)
# Separators a transliteration may put between (or inside) the words.
_LATIN_GLUE = frozenset(" -\u2010\u2011'\u2019\u2018\u02bc\u02be\u02bf\u02bb`\u00b4")


@dataclass(frozen=True, slots=True)
class Formula:
    """One registry entry (see ``data/formulas.json``)."""

    name: str
    kind: str
    lang: str
    arabic: tuple[str, ...]
    ligatures: tuple[str, ...]
    latin: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FormulaMatch:
    """A formula found in ``text[start:end]``.

    ``script`` is ``Arab`` for Arabic-script forms (including U+FDFD) and
    ``Latn`` for transliterations, so the segment's tag is ``ar-Arab`` or
    ``ar-Latn``.
    """

    start: int
    end: int
    name: str
    lang: str
    script: str
    kind: str


def _is_presentation_form(cp: int) -> bool:
    return in_ranges(cp, (FORMS_A, FORMS_B))


@lru_cache(maxsize=1)
def registry() -> tuple[Formula, ...]:
    """The formulas in ``data/formulas.json``, loaded once."""
    raw = resources.files("mixscript.lang").joinpath("data/formulas.json").read_text("utf-8")
    return tuple(
        Formula(
            name=f["name"],
            kind=f["kind"],
            lang=f["lang"],
            arabic=tuple(f["arabic"]),
            ligatures=tuple(f.get("ligatures", ())),
            latin=tuple(f.get("latin", ())),
        )
        for f in json.loads(raw)["formulas"]
    )


@lru_cache(maxsize=1)
def _ligatures() -> dict[str, str]:
    return {lig: f.arabic[0] for f in registry() for lig in f.ligatures if f.arabic}


@lru_cache(maxsize=8192)
def _fold_char(ch: str) -> str:
    """The folded form of one character: '' when it is dropped, ' ' for any space."""
    lig = _ligatures().get(ch)
    if lig is not None:
        return _fold_string(lig)
    cp = ord(ch)
    if 0xFE70 <= cp <= 0xFE7F:  # harakat and tatweel presentation forms
        return ""
    if _is_presentation_form(cp):
        letters = unshape(ch)
        if letters != ch:  # forms without a positional decomposition stay as they are
            return _fold_string(letters)
    if ch in _DROP or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return ""
    if ch.isspace():
        return " "
    return ch.translate(_UNIFY)


def _fold_string(s: str) -> str:
    return "".join(_fold_char(c) for c in s)


def _latin_char(ch: str) -> str:
    """One character's share of the Latin fold: its ASCII letters, '' for glue, else '#'."""
    if ch in _LATIN_GLUE:
        return ""
    letters = "".join(
        c.lower() for c in unicodedata.normalize("NFKD", ch) if "a" <= c.lower() <= "z"
    )
    if letters:
        return letters
    if unicodedata.category(ch) in ("Mn", "Lm"):
        return ""  # a detached accent or an ayn/hamza sign inside a word
    return "#"


class _FoldTable(CharTable):
    """A ``str.translate`` table that folds each character once and remembers it.

    Folding with ``str.translate`` runs in C; the offsets of the folded
    characters are only worked out for texts where a formula matched.
    """

    def fold(self, text: str) -> str:
        return text.translate(self)

    def source_of(self, text: str) -> Callable[[int], int]:
        """The index in ``text`` of the character that folded character ``p`` came from.

        The running total of each character's folded length is summed in C
        (``map`` and ``accumulate``); the character a folded position came
        from is the first whose running total passes it, found by bisection
        for the few positions a match needs, instead of a list of every
        character's source built in a Python loop.
        """
        ends = list(itertools.accumulate(map(len, map(self.__getitem__, map(ord, text)))))
        return lambda p: bisect.bisect_right(ends, p)


_LATIN_FOLD = _FoldTable(_latin_char)


def _arabic_words(form: str) -> list[str]:
    """The folded words of an Arabic form: what the core looks for, with any
    spaces between them, neither after nor before a word character."""
    return [w for w in _fold_string(form).split(" ") if w]


@lru_cache(maxsize=1)
def _compiled() -> tuple[regex.Pattern[str] | None, list[Formula]]:
    """The Latin patterns as one alternation; the group name says which formula matched."""
    formulas = list(registry())
    latin = [
        f"(?P<f{k}>{'|'.join(f'(?:{p})' for p in f.latin)})"
        for k, f in enumerate(formulas)
        if f.latin
    ]
    return (regex.compile("|".join(latin)) if latin else None), formulas


# What the screen asks of each character (see :func:`_screen_block`): whether
# it is in the Arabic blocks (a text without one is not searched in Arabic) or
# a Latin letter (likewise in Latin), and whether it may stand between two
# letters of a folded word.  The last are the characters that fold to
# nothing, and more: tatweel and marks and format characters, never white
# space and, tatweel aside, never a word character (``re``'s ``\\w`` is
# ``str.isalnum`` and ``_``), which tests/test_formulas.py checks over all of
# Unicode.  Refusing letters ends a chain at the first other letter.
_ARABIC_CHAR = re.compile(f"[{ranges_class(ARABIC_BLOCKS)}]")
_LATIN_LETTER = re.compile("[A-Za-z]")
_FILLER = re.compile("[^\\w\\s]|" + _TATWEEL)


@lru_cache(maxsize=1)
def _shaped() -> re.Pattern[str]:
    """What folding turns into letters of its own: the presentation forms and
    the formula ligatures.  A text with one is always folded and searched."""
    lig = "".join(re.escape(ch) for ch in _ligatures())
    return re.compile(f"[{ranges_class((FORMS_A, FORMS_B))}{lig}]")


@lru_cache(maxsize=1)
def _screen() -> _core.FormulaScreen:
    """The screen that rules out most texts before any folding, in the core.

    Folding a text costs a lookup per character, and the searches more;
    most texts hold no formula.  The core answers for both searches in one
    pass over the text (and a Latin fold of the texts with a Latin letter),
    where ``re`` searches and a Latin fold took a pass each.  A text is
    searched in Arabic only if it has
    a character of the Arabic blocks and either a shaped character
    (:func:`_shaped`) or a *chain*.  In a text without shaped characters a
    folded letter comes from that letter or one of the variants ``_UNIFY``
    maps to it, and between two letters of one folded word there can only be
    characters that fold to nothing, which :data:`_FILLER` all matches.  So a
    text can hold a formula, in either order, only if the longest word of one
    of its Arabic forms is there as such a chain, forwards or backwards.  It
    is searched in Latin only if it has a Latin letter and its Latin fold
    holds the letters every match of some pattern holds
    (:func:`_latin_screen`).

    The chains (each letter with its variants) and the literals are worked
    out here from the registry and the fold rules, and handed to the core
    once; the data of each character (:func:`_screen_block`) when a text
    first needs it.
    """
    variants: dict[str, set[str]] = {}
    for cp, to in _UNIFY.items():
        variants.setdefault(str(to), set()).add(chr(cp))

    def letter(ch: str) -> str:
        return "".join(sorted({ch} | variants.get(ch, set())))

    words = {
        max(reversed([w for w in _fold_string(form).split(" ") if w]), key=len)
        for f in registry()
        for form in f.arabic
    }
    chains = sorted(words | {w[::-1] for w in words})
    forms = [(k, _arabic_words(form)) for k, f in enumerate(registry()) for form in f.arabic]
    labels = [(f.lang, f.kind) for f in registry()]
    return _core.FormulaScreen(
        [[letter(ch) for ch in w] for w in chains], _latin_screen(), forms, labels
    )


def formula_screen() -> _core.FormulaScreen:
    """The screen :func:`find_formulas` starts with, for a caller in the core to ask first.

    The tagger hands it to the core with each text: when the search needs
    nothing of Python's (no Latin search to make, the data of every block
    there), the core finds the Arabic forms and keeps them as
    :func:`find_formulas` would, without the search's Python frames;
    :func:`find_formulas` runs only for the others (which also gives the
    screen the data it may lack).
    """
    return _screen()


# A word character, as the Arabic search reads its fold: a form starts after
# none and ends before none.  ``regex``'s, as the search was first written with.
_WORD_CHAR = regex.compile(r"\w")


def _mark(ch: str) -> bool:
    """Whether ``ch`` belongs to the letter before it: harakat after the last
    letter of a formula belong to the formula."""
    return unicodedata.category(ch) == "Mn" or 0xFE70 <= ord(ch) <= 0xFE7F


def _screen_block(block: int) -> tuple[bytes, list[str], list[str | None]]:
    """The flags, the Latin fold and the Arabic fold (None: the character itself)
    of each code point of one block of the core's screen.

    The properties are Python's (``re``, ``regex``, ``unicodedata``), whose
    Unicode version need not be the core's own, so the core takes them as given.
    """
    screen = _core.FormulaScreen
    size = screen.BLOCK
    chars = [chr(cp) for cp in range(block * size, (block + 1) * size)]
    shaped = _shaped()
    tests: tuple[tuple[Callable[[str], object], int], ...] = (
        (_ARABIC_CHAR.match, screen.ARABIC),
        (_LATIN_LETTER.match, screen.LATIN),
        (shaped.match, screen.SHAPED),
        (_FILLER.match, screen.FILLER),
        (_WORD_CHAR.match, screen.WORD),
        (_mark, screen.MARK),
    )
    flags = bytes(sum(flag for test, flag in tests if test(ch)) for ch in chars)
    arabic = [None if (folded := _fold_char(ch)) == ch else folded for ch in chars]
    return flags, [_latin_char(ch) for ch in chars], arabic


_T = TypeVar("_T")


def _with_blocks(ask: Callable[[str], _T | list[int]], text: str) -> _T:
    """``ask(text)`` of the core's screen, giving it first the blocks of
    characters it names as having no data of yet."""
    found = ask(text)
    while isinstance(found, list):
        for block in found:
            _screen().add_block(block, *_screen_block(block))
        found = ask(text)
    return found


def _passes(text: str) -> tuple[bool, bool]:
    """Whether the Arabic and the Latin search may find a formula in ``text``."""
    return _with_blocks(_screen().screen, text)


def _search(text: str) -> tuple[list[tuple[int, int, int]], bool]:
    """The Arabic forms in ``text`` (start, end, index in :func:`registry`), found in
    the core, and whether the Latin search may find a formula."""
    return _with_blocks(_screen().search, text)


def _formula_of(m: regex.Match[str], formulas: list[Formula]) -> Formula:
    name = m.lastgroup
    assert name is not None
    return formulas[int(name[1:])]


# The Latin fold of the ASCII characters as a plain table: ``str.translate``
# runs it in C without a lookup per character (None deletes).  Each entry is
# ``_latin_char``'s, which tests/test_formulas.py checks.
_ASCII_FOLD: dict[int, str | None] = {cp: (_latin_char(chr(cp)) or None) for cp in range(128)}
_NON_ASCII = re.compile("([^\x00-\x7f]+)")


def _latin_fold(text: str) -> str:
    """``_LATIN_FOLD.fold(text)``, the ASCII stretches through :data:`_ASCII_FOLD`.

    The fold is one character at a time, so the stretches can be folded apart.
    """
    if text.isascii():
        return text.translate(_ASCII_FOLD)
    parts = _NON_ASCII.split(text)  # ASCII at even places, the rest at odd ones
    return "".join(
        _LATIN_FOLD.fold(part) if k % 2 else part.translate(_ASCII_FOLD)
        for k, part in enumerate(parts)
    )


def _required_literals(pattern: str) -> tuple[str, ...] | None:
    """Stretches of plain letters every match of ``pattern`` holds, longest first, or None.

    Read from the pattern's text: a run of lower-case letters outside any
    group, class or alternative, none of them made optional or repeated by
    a quantifier, is in every match.  None when there is no such run, or
    when the pattern has an escape, an inline flag or a top-level
    alternative, which this reading does not follow.
    """
    if "\\" in pattern or "(?" in pattern.replace("(?:", ""):
        return None
    runs: list[str] = []
    run = ""
    depth = 0
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        following = pattern[i + 1 : i + 2]
        if ch == "[":  # a class: skip it (a ']' right after '[' or '[^' is a member)
            start = i + 2 if following != "^" else i + 3
            end = pattern.find("]", start)
            if end < 0:
                return None
            runs.append(run)
            run, i = "", end + 1
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            return None
        letter = depth == 0 and "a" <= ch <= "z"
        if letter and following not in ("?", "*", "{", "+"):
            run += ch
        elif letter and following == "+":
            runs.append(run + ch)  # at least one: the run ends with it
            run = ""
        else:
            runs.append(run)
            run = ""
        i += 1
    runs.append(run)
    found = sorted({r for r in runs if r}, key=lambda r: (-len(r), r))
    return tuple(found) or None


@lru_cache(maxsize=1)
def _latin_screen() -> tuple[tuple[str, ...], ...] | None:
    """Per Latin pattern, the letters every match holds (the folded text must hold all
    of them for some pattern to match), or None when a pattern has none and the text
    is always searched."""
    screen = []
    for f in registry():
        for p in f.latin:
            runs = _required_literals(p)
            if runs is None:
                return None
            screen.append(runs)
    return tuple(screen)


def _latin_matches(text: str) -> list[tuple[int, int, Formula]]:
    pattern, formulas = _compiled()
    if pattern is None:
        return []
    found: list[tuple[int, int, Formula]] = []
    matches = list(pattern.finditer(_latin_fold(text)))
    if not matches:
        return found
    src = _LATIN_FOLD.source_of(text)
    for m in matches:
        start, end = src(m.start()), src(m.end() - 1) + 1
        if start > 0 and text[start - 1].isalpha():
            continue
        while end < len(text) and unicodedata.category(text[end]) == "Mn":
            end += 1
        if end < len(text) and text[end].isalpha():
            continue
        found.append((start, end, _formula_of(m, formulas)))
    return found


def find_formulas(text: str) -> list[FormulaMatch]:
    """Every formula in ``text``, in order, without overlaps (the longest wins).

    >>> [(m.start, m.end, m.name) for m in find_formulas("Text: \\ufdfd and more")]
    [(6, 7, 'basmala')]
    >>> [(m.start, m.end, m.script) for m in find_formulas("Bismillah ir-Rahman ir-Rahim.")]
    [(0, 28, 'Latn')]
    """
    arabic, latin = _search(text)
    if not arabic and not latin:  # most texts: nothing found, nothing to sort
        return []
    formulas = registry()
    found = [(s, e, "Arab", formulas[k]) for s, e, k in arabic]
    if latin:
        found.extend((s, e, "Latn", f) for s, e, f in _latin_matches(text))
    # The longest leftmost of overlapping ones is kept, by the core's rule,
    # which also keeps them when the tagger's core call finds the formulas.
    kept = _core.formulas_kept([(s, e) for s, e, _, _ in found])
    return [
        FormulaMatch(s, e, f.name, f.lang, script, f.kind)
        for s, e, script, f in (found[k] for k in kept)
    ]
