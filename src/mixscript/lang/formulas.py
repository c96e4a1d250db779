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
reading order) and searched again.

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

import regex

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

__all__ = ["Formula", "FormulaMatch", "find_formulas", "registry"]

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
_HAS_ARABIC = re.compile(f"[{ranges_class(ARABIC_BLOCKS)}]")
_HAS_LATIN = regex.compile("[A-Za-z]")
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
        letters = unicodedata.normalize("NFKC", ch)
        if letters != ch:  # unassigned code points in the blocks stay as they are
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


_ARABIC_FOLD = _FoldTable(_fold_char)
_LATIN_FOLD = _FoldTable(_latin_char)


def _arabic_pattern(form: str) -> str:
    words = [w for w in _fold_string(form).split(" ") if w]
    return " *".join(regex.escape(w) for w in words)


@lru_cache(maxsize=1)
def _compiled() -> tuple[regex.Pattern[str] | None, regex.Pattern[str] | None, list[Formula]]:
    """One alternation per script; the group name says which formula matched."""
    formulas = list(registry())
    arabic = []
    latin = []
    for k, f in enumerate(formulas):
        if f.arabic:
            alts = "|".join(_arabic_pattern(a) for a in f.arabic)
            arabic.append(f"(?P<f{k}>{alts})")
        if f.latin:
            latin.append(f"(?P<f{k}>{'|'.join(f'(?:{p})' for p in f.latin)})")
    ar = regex.compile(r"(?<!\w)(?:" + "|".join(arabic) + r")(?!\w)") if arabic else None
    la = regex.compile("|".join(latin)) if latin else None
    return ar, la, formulas


@lru_cache(maxsize=1)
def _screens() -> tuple[re.Pattern[str], re.Pattern[str] | None]:
    """Two cheap searches that rule out most texts before any folding.

    Folding a text costs a lookup per character; most texts hold no formula.
    The first pattern finds what folding turns into letters of its own
    (presentation forms and the formula ligatures): such a text is always
    folded and searched.  In any other text a folded letter comes from that
    letter or one of the variants ``_UNIFY`` maps to it, and between two
    letters of one folded word there can only be characters that fold to
    nothing (:data:`_FILLER`).  So a text can hold a
    formula, in either order, only if the longest word of one of its Arabic
    forms is there as such a chain, forwards or backwards: the second
    pattern (None when no formula has an Arabic form).
    """
    lig = "".join(re.escape(ch) for ch in _ligatures())
    shaped = re.compile(f"[{ranges_class((FORMS_A, FORMS_B))}{lig}]")
    variants: dict[str, set[str]] = {}
    for cp, to in _UNIFY.items():
        variants.setdefault(str(to), set()).add(chr(cp))

    def letter(ch: str) -> str:
        return "[" + "".join(re.escape(c) for c in sorted({ch} | variants.get(ch, set()))) + "]"

    words = {
        max(reversed([w for w in _fold_string(form).split(" ") if w]), key=len)
        for f in registry()
        for form in f.arabic
    }
    chains = sorted(words | {w[::-1] for w in words})
    return shaped, (re.compile(_trie(chains, letter)) if chains else None)


# What may stand between two letters of a folded word: characters that fold to
# nothing.  Those are tatweel and marks and format characters, never white
# space and, tatweel aside, never a word character (``re``'s ``\\w`` is
# ``str.isalnum`` and ``_``), which tests/test_formulas.py checks over all
# of Unicode.  Refusing letters keeps each attempt short.
_FILLER = "(?:[^\\w\\s]|" + _TATWEEL + ")*"


def _trie(words: list[str], letter: Callable[[str], str]) -> str:
    """One pattern for ``words`` (sorted), their shared beginnings written once, each
    letter by ``letter`` and :data:`_FILLER` between letters.

    Factored this way, ``re`` tries one branch per position instead of every word.
    """
    branches = []
    for first, group in itertools.groupby(words, key=lambda w: w[0]):
        rest = [w[1:] for w in group]
        head = letter(first)
        tails = [w for w in rest if w]
        if not tails:
            branches.append(head)
            continue
        tail = _FILLER + _trie(tails, letter)
        # A word that ends here makes the rest optional.
        branches.append(head + (f"(?:{tail})?" if len(tails) < len(rest) else tail))
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


@lru_cache(maxsize=1)
def _screens_start_arabic() -> bool:
    """Whether every match of the screens starts on a character of the Arabic blocks:
    the presentation forms, the ligatures, and the first letters of the chains (each
    with its variants).  Then a search may start at the text's first such character."""
    starts = set(_ligatures())
    for f in registry():
        for form in f.arabic:
            for word in _fold_string(form).split(" "):
                if word:
                    starts.update((word[0], word[-1]))
    starts.update(chr(cp) for cp, to in _UNIFY.items() if str(to) in starts)
    return all(in_ranges(ord(ch), ARABIC_BLOCKS) for ch in starts)


def _may_hold_arabic(text: str, start: int = 0) -> bool:
    """Whether ``text`` passes the screens of :func:`_screens` (a formula may be there).

    ``start`` is where the text's first character of the Arabic blocks is:
    no screen can match before it (:func:`_screens_start_arabic`).
    """
    shaped, chains = _screens()
    if not _screens_start_arabic():
        start = 0
    if shaped.search(text, start) is not None:
        return True
    return chains is not None and chains.search(text, start) is not None


def _formula_of(m: regex.Match[str], formulas: list[Formula]) -> Formula:
    name = m.lastgroup
    assert name is not None
    return formulas[int(name[1:])]


def _extend_over_marks(text: str, end: int) -> int:
    """Harakat after the last letter belong to the formula."""
    while end < len(text) and (
        unicodedata.category(text[end]) == "Mn" or 0xFE70 <= ord(text[end]) <= 0xFE7F
    ):
        end += 1
    return end


def _arabic_matches(text: str) -> list[tuple[int, int, Formula]]:
    pattern, _, formulas = _compiled()
    if pattern is None:
        return []
    found = []
    matches = list(pattern.finditer(_ARABIC_FOLD.fold(text)))
    if matches:
        src = _ARABIC_FOLD.source_of(text)
        for m in matches:
            start = src(m.start())
            end = _extend_over_marks(text, src(m.end() - 1) + 1)
            found.append((start, end, _formula_of(m, formulas)))
    # Visual order: the line reversed character by character reads logically.
    rev = text[::-1]
    matches = list(pattern.finditer(_ARABIC_FOLD.fold(rev)))
    if matches:
        src = _ARABIC_FOLD.source_of(rev)
        n = len(text)
        for m in matches:
            rstart = src(m.start())
            rend = _extend_over_marks(rev, src(m.end() - 1) + 1)
            found.append((n - rend, n - rstart, _formula_of(m, formulas)))
    return found


# The Latin fold of the ASCII characters as a plain table: ``str.translate``
# runs it in C without a lookup per character (None deletes).  Each entry is
# ``_latin_char``'s, which tests/test_formulas.py checks.
_ASCII_FOLD: dict[int, str | None] = {cp: (_latin_char(chr(cp)) or None) for cp in range(128)}
_NON_ASCII = re.compile("([^\x00-\x7f]+)")
# The same with the spaces between two such stretches (an Arabic passage).
_NON_ASCII_RUN = re.compile("([^\x00-\x7f][^\x00-\x7f ]*(?: +[^\x00-\x7f][^\x00-\x7f ]*)*)")


# Blocks whose characters never fold to Latin letters (the Arabic ones and
# General Punctuation): each becomes '#' or nothing.
_NO_LATIN_BLOCKS = (
    (0x0600, 0x06FF),
    (0x0750, 0x077F),
    (0x08A0, 0x08FF),
    (0x2000, 0x206F),
    (0xFB50, 0xFDFF),
    (0xFE70, 0xFEFF),
)


@lru_cache(maxsize=1)
def _no_latin_runs() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Runs that fold to '#' at least once, and runs that fold to nothing.

    Made of the characters of :data:`_NO_LATIN_BLOCKS` as ``_latin_char``
    folds them, and the space (glue, folded to nothing): the first pattern
    is a run that starts with a character folded to '#', the second one of
    characters folded to nothing.
    """
    hashes, drops = [], [" "]
    for lo, hi in _NO_LATIN_BLOCKS:
        for cp in range(lo, hi + 1):
            out = _latin_char(chr(cp))
            if out == "#":
                hashes.append(chr(cp))
            elif not out:
                drops.append(chr(cp))
    h = "".join(map(re.escape, hashes))
    d = "".join(map(re.escape, drops))
    return re.compile(f"[{h}][{h}{d}]*"), re.compile(f"[{d}]+")


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


def _screen_fold(text: str) -> str:
    """The Latin fold of ``text`` with some runs of '#' cut to one: what the
    letter screen needs, since no required letters hold a '#'.

    A run of :func:`_no_latin_runs` that folds to one or more '#' becomes one
    '#', and one that folds to nothing goes, before anything is folded: an
    Arabic passage costs one substitution instead of a lookup per character.
    The stretches without '#' are those of the full fold.
    """
    if text.isascii():
        return text.translate(_ASCII_FOLD)
    hashes, drops = _no_latin_runs()
    parts = _NON_ASCII_RUN.split(text)  # ASCII at even places, the rest at odd ones
    return "".join(
        _LATIN_FOLD.fold(drops.sub("", hashes.sub("#", part)))
        if k % 2
        else part.translate(_ASCII_FOLD)
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
    _, pattern, formulas = _compiled()
    if pattern is None:
        return []
    found: list[tuple[int, int, Formula]] = []
    screen = _latin_screen()
    if screen is not None:
        screened = _screen_fold(text)
        if not any(all(lit in screened for lit in runs) for runs in screen):
            return found
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
    found: list[tuple[int, int, str, Formula]] = []
    first = _HAS_ARABIC.search(text)
    if first is not None and _may_hold_arabic(text, first.start()):
        found.extend((s, e, "Arab", f) for s, e, f in _arabic_matches(text))
    if _HAS_LATIN.search(text):
        found.extend((s, e, "Latn", f) for s, e, f in _latin_matches(text))
    found.sort(key=lambda t: (t[0], -(t[1] - t[0])))
    result: list[FormulaMatch] = []
    for start, end, script, f in found:
        if result and start < result[-1].end:
            continue
        result.append(FormulaMatch(start, end, f.name, f.lang, script, f.kind))
    return result
