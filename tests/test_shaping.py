"""Contextual shaping in the compiled core, against arabic-reshaper and Unicode's own names.

arabic-reshaper is an independent implementation of the same rules (its
letter table, harakat list, ZWJ support and ligatures), so it is the oracle
for random text: ``shape`` must give exactly what arabic-reshaper gives with
the options ``shape`` used to pass it (harakat kept or deleted, the ALLAH
ligature off when harakat are kept and present).  The hand-checked cases
name each expected presentation form by its Unicode name.  Where
arabic-reshaper is wrong (a ZWJ before a ligature or a haraka), the expected
value is worked out from what a ZWJ means: a join, and nothing else.

arabic-reshaper knows only the letters that have presentation forms, and
breaks the word at any other (U+0620, U+06C2, Arabic Supplement...), where a
shaping renderer joins them by their Joining_Type.  The oracle is therefore
arabic-reshaper with its letter table completed from ArabicShaping.txt: each
Arabic letter that joins (D or R) and has no form is given the letter itself
as the form of every position its joining type allows.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import arabic_reshaper
import pytest
from arabic_reshaper.letters import LETTERS_ARABIC
from bidi import get_display
from hypothesis import given, settings
from hypothesis import strategies as st

from mixscript import _core
from mixscript.bidi.display import shape, to_visual

ROOT = Path(__file__).resolve().parent.parent
DISPLAY_TABLE = ROOT / "rust" / "core" / "src" / "display" / "tables.rs"
ZWJ, ZWNJ, TATWEEL = "\u200d", "\u200c", "\u0640"
ALLAH = "\u0627\u0644\u0644\u0647"
_FORMS = ("ISOLATED", "INITIAL", "MEDIAL", "FINAL")
_ARABIC_BLOCKS = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x0870, 0x08FF), (0xFB50, 0xFDFF))


def _n(name: str) -> str:
    return unicodedata.lookup(name)


Letters = dict[str, tuple[str, str, str, str]]


def _ucd_rows(path: Path) -> list[list[str]]:
    rows = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            rows.append([f.strip() for f in line.split(";")])
    return rows


@lru_cache(maxsize=1)
def _joining_arabic_letters(shaping: Path, scripts: Path) -> dict[str, str]:
    """Arabic-script letter -> Joining_Type, for the D and R letters of ArabicShaping.txt."""
    arabic: set[int] = set()
    for first_last, script in _ucd_rows(scripts):
        if script == "Arabic":
            first, _, last = first_last.partition("..")
            arabic.update(range(int(first, 16), int(last or first, 16) + 1))
    return {
        chr(int(cp, 16)): jt
        for cp, _name, jt, _group in _ucd_rows(shaping)
        if jt in ("D", "R") and int(cp, 16) in arabic
    }


@pytest.fixture(scope="session")
def letters(ucd_file: Callable[[str], Path]) -> Letters:
    """arabic-reshaper's table plus every joining Arabic letter without forms, written as itself."""
    table = dict(LETTERS_ARABIC)
    joining = _joining_arabic_letters(ucd_file("ArabicShaping.txt"), ucd_file("Scripts.txt"))
    for ch, jt in joining.items():
        if ch not in table:
            table[ch] = (ch, ch, ch, ch) if jt == "D" else (ch, "", "", ch)
    return table


@lru_cache(maxsize=8)
def _reshaper(
    keep: bool, allah: bool, letters: tuple[tuple[str, tuple[str, str, str, str]], ...]
) -> arabic_reshaper.ArabicReshaper:
    reshaper = arabic_reshaper.ArabicReshaper(
        configuration={"delete_harakat": not keep, "ARABIC LIGATURE ALLAH": allah}
    )
    if letters:
        reshaper.letters = dict(letters)
    return reshaper


def _has_arabic_mark(text: str) -> bool:
    return any(
        unicodedata.category(c) == "Mn" and any(lo <= ord(c) <= hi for lo, hi in _ARABIC_BLOCKS)
        for c in text
    )


def oracle(text: str, keep: bool, letters: Letters | None = None) -> str:
    """arabic-reshaper with the options ``shape`` passed it before the compiled core.

    ``letters`` replaces its letter table (None: its own).
    """
    table = tuple(sorted(letters.items())) if letters else ()
    return _reshaper(keep, not (keep and _has_arabic_mark(text)), table).reshape(text)


# Letters of Arabic, Persian, Urdu (and more of the block, shaped or not), the
# marks around them, joiners, tatweel, bidi controls, Latin, digits, spaces.
_LETTERS = [chr(cp) for cp in range(0x0620, 0x06D4) if unicodedata.category(chr(cp)) == "Lo"]
_MARKS = [chr(cp) for cp in (*range(0x0610, 0x061B), *range(0x064B, 0x0660), 0x0670)] + [
    chr(cp) for cp in (*range(0x06D6, 0x06EE), *range(0x08D3, 0x0900))
]
_OTHER = [ZWNJ, TATWEEL, " ", "a", "Z", "1", "\u06f1", "(", ".", "\u060c", "\u200f", "\u202b"]
_OTHER += ["\u0301", "\u061c", "\u0750", "\u0759", "\u08a0", "\u08aa", "\ufefb", "\ufe91", "\n"]
_PIECES = [ALLAH, "\u0644\u0627", "\u0644\u0623", "\u0644\u0625", "\u0644\u0622", "\u0628\u0644"]
_ALPHABET = st.sampled_from(_LETTERS + _MARKS + _OTHER + _PIECES * 4)
TEXTS = st.lists(_ALPHABET, max_size=24).map("".join)


@settings(max_examples=600, deadline=None)
@given(TEXTS, st.booleans())
def test_shape_matches_arabic_reshaper(letters: Letters, text: str, keep: bool) -> None:
    assert shape(text, harakat=keep) == oracle(text, keep, letters)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*_LETTERS[:40], *_MARKS[:12], ZWJ, " ", *_PIECES]), max_size=16))
def test_zwj_joins_as_tatweel_does_and_is_dropped(letters: Letters, pieces: list[str]) -> None:
    # A ZWJ is a join-causing character that draws nothing: shaped like a
    # tatweel (which arabic-reshaper handles without the ZWJ bookkeeping
    # that misplaces ligatures and harakat), then left out.
    text = "".join(pieces)
    for keep in (True, False):
        expected = oracle(text.replace(ZWJ, TATWEEL), keep, letters).replace(TATWEEL, "")
        assert shape(text, harakat=keep) == expected


def test_zwj_before_a_ligature_or_haraka_named_fix() -> None:
    beh, lam, alef, teh, fatha = "\u0628", "\u0644", "\u0627", "\u062a", "\u064e"
    # arabic-reshaper raises IndexError here (its ligature positions count the ZWJ).
    with pytest.raises(IndexError):
        oracle(beh + ZWJ + lam + alef, True)
    expected = _n("ARABIC LETTER BEH INITIAL FORM") + _n("ARABIC LIGATURE LAM WITH ALEF FINAL FORM")
    assert shape(beh + ZWJ + lam + alef) == expected
    # ...and moves a fatha written after the ZWJ behind the next letter.
    assert oracle(beh + ZWJ + fatha + teh, True).endswith(fatha)
    expected = _n("ARABIC LETTER BEH INITIAL FORM") + fatha + _n("ARABIC LETTER TEH FINAL FORM")
    assert shape(beh + ZWJ + fatha + teh) == expected


def test_tatweel_with_a_mark_joins_like_tatweel_named_fix() -> None:
    # ArabicShaping.txt: 0883..0885 are Join_Causing, as tatweel is;
    # arabic-reshaper does not know them and breaks the word there.
    for tatweel in "\u0883\u0884\u0885":
        text = f"\u0628{tatweel}\u0628"
        joined = _n("ARABIC LETTER BEH INITIAL FORM") + tatweel + _n("ARABIC LETTER BEH FINAL FORM")
        assert shape(text) == joined
        assert oracle(text, True) != joined


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("بب", ["BEH INITIAL", "BEH FINAL"]),
        ("ببب", ["BEH INITIAL", "BEH MEDIAL", "BEH FINAL"]),
        ("بدب", ["BEH INITIAL", "DAL FINAL", "BEH ISOLATED"]),
        ("سلام", ["SEEN INITIAL", "LIGATURE LAM WITH ALEF FINAL", "MEEM ISOLATED"]),
        ("لا", ["LIGATURE LAM WITH ALEF ISOLATED"]),
        ("لأ", ["LIGATURE LAM WITH ALEF WITH HAMZA ABOVE ISOLATED"]),
        ("الله", ["LIGATURE ALLAH ISOLATED"]),
        ("بالله", ["BEH INITIAL", "ALEF FINAL", "LAM INITIAL", "LAM MEDIAL", "HEH FINAL"]),
        ("اللهم", ["ALEF ISOLATED", "LAM INITIAL", "LAM MEDIAL", "HEH MEDIAL", "MEEM FINAL"]),
        # Persian: PEH, KEHEH, FARSI YEH; ZWNJ stops the join and stays.
        ("پک", ["PEH INITIAL", "KEHEH FINAL"]),
        ("می\u200cخ", ["MEEM INITIAL", "FARSI YEH FINAL", "", "KHAH ISOLATED"]),
        # Urdu: HEH GOAL, HEH DOACHASHMEE, YEH BARREE, TTEH, NOON GHUNNA.
        ("ہھے", ["HEH GOAL INITIAL", "HEH DOACHASHMEE MEDIAL", "YEH BARREE FINAL"]),
        ("ٹں", ["TTEH INITIAL", "NOON GHUNNA FINAL"]),
        # Tatweel joins both ways and stays; the letters beside it join to it.
        ("بـب", ["BEH INITIAL", "", "BEH FINAL"]),
    ],
)
def test_hand_checked_forms(text: str, names: list[str]) -> None:
    expected = "".join(
        text[i] if not name else _n(f"ARABIC {'' if 'LIGATURE' in name else 'LETTER '}{name} FORM")
        for i, name in enumerate(names)
    )
    assert shape(text) == expected


def test_harakat_kept_after_their_letter_or_deleted() -> None:
    kaf, fatha, teh = "\u0643", "\u064e", "\u062a"
    joined = _n("ARABIC LETTER KAF INITIAL FORM"), _n("ARABIC LETTER TEH FINAL FORM")
    assert shape(kaf + fatha + teh) == joined[0] + fatha + joined[1]
    assert shape(kaf + fatha + teh, harakat=False) == joined[0] + joined[1]


def test_allah_ligature_not_used_with_harakat_kept() -> None:
    marked = "\u0627\u0644\u0644\u0651\u0647"  # shadda on the second lam
    assert _n("ARABIC LIGATURE ALLAH ISOLATED FORM") not in shape(marked)
    assert "\u0651" in shape(marked)
    assert shape(marked, harakat=False) == _n("ARABIC LIGATURE ALLAH ISOLATED FORM")
    # A mark elsewhere in the text turns it off too, as the rule says.
    assert shape("الله بَ").startswith(_n("ARABIC LETTER ALEF ISOLATED FORM"))
    assert _core.has_arabic_marks("بَ") and not _core.has_arabic_marks("با")


def test_generated_letter_table_names_and_arabic_reshaper_agree(
    ucd_file: Callable[[str], Path],
) -> None:
    rows = re.findall(
        r"\(0x([0-9A-F]+), \[0x([0-9A-F]+), 0x([0-9A-F]+), 0x([0-9A-F]+), 0x([0-9A-F]+)\], "
        r"(true|false), (true|false)\)",
        DISPLAY_TABLE.read_text(encoding="utf-8"),
    )
    table = {
        chr(int(row[0], 16)): tuple(chr(int(x, 16)) if x != "0000" else "" for x in row[1:5])
        for row in rows
    }
    joins = {chr(int(row[0], 16)): (row[5] == "true", row[6] == "true") for row in rows}
    # The tatweels with a mark (Unicode 14, Joining_Type C) are the one addition
    # with forms; the other additions are the joining Arabic letters without any.
    tatweels = {c: (c, c, c, c) for c in "\u0883\u0884\u0885"}
    with_forms = {c: f for c, f in table.items() if any(f)}
    assert with_forms == {**LETTERS_ARABIC, **tatweels}
    joining = _joining_arabic_letters(ucd_file("ArabicShaping.txt"), ucd_file("Scripts.txt"))
    assert {c for c, f in table.items() if not any(f)} == set(joining) - set(LETTERS_ARABIC)
    # A letter without forms joins as its Joining_Type says; one with forms
    # where it has the form to show the join (arabic-reshaper's rule: a final
    # or medial form to join the letter before, an initial or medial one to
    # join the letter after); ZWJ and the tatweels (C) both ways.
    for letter, (before, after) in joins.items():
        if letter in (ZWJ, TATWEEL, *tatweels):
            assert (before, after) == (True, True), letter
        elif letter in LETTERS_ARABIC:
            _, initial, medial, final = LETTERS_ARABIC[letter]
            assert (before, after) == (bool(final or medial), bool(initial or medial)), letter
        else:
            assert (before, after) == (True, joining[letter] == "D"), letter
    for letter, forms in with_forms.items():
        if letter in (ZWJ, TATWEEL) or letter in tatweels:
            continue
        for form, kind in zip(forms, _FORMS, strict=True):
            # Each form's name is the letter's name (give or take ARABIC LETTER) plus the form.
            assert not form or unicodedata.name(form).endswith(f"{kind} FORM"), (letter, kind)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # Dual-joining letters without presentation forms: the neighbours
        # join them, the letter is itself (None).
        ("\u0628\u0620\u0628", ["BEH INITIAL", None, "BEH FINAL"]),
        ("\u0633\u0750", ["SEEN INITIAL", None]),
        ("\u08a0\u0645", [None, "MEEM FINAL"]),
        # Urdu: TEH joined to HEH GOAL WITH HAMZA ABOVE (NFC of HEH GOAL + HAMZA ABOVE).
        ("\u0646\u0642\u0637\u06c2", ["NOON INITIAL", "QAF MEDIAL", "TAH MEDIAL", None]),
        # Right-joining: joined from the right only.
        ("\u0628\u0759\u0628", ["BEH INITIAL", None, "BEH ISOLATED"]),
    ],
)
def test_letters_without_forms_join_their_neighbours(text: str, names: list[str | None]) -> None:
    expected = "".join(
        text[i] if name is None else _n(f"ARABIC LETTER {name} FORM")
        for i, name in enumerate(names)
    )
    assert shape(text) == expected
    # arabic-reshaper breaks the word there instead.
    assert oracle(text, True) != expected


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from([*_LETTERS[:40], "\u064e", " ", "abc", "12", ".", ALLAH]), max_size=12)
)
def test_to_visual_matches_reshaper_then_python_bidi(letters: Letters, pieces: list[str]) -> None:
    # One line without brackets or controls: nothing to mirror or drop, so
    # python-bidi's reordering of arabic-reshaper's output is the whole answer.
    text = "".join(pieces)
    assert to_visual(text) == get_display(oracle(text, True, letters))


def test_core_display_calls_refuse_inconsistent_arguments() -> None:
    with pytest.raises(ValueError, match="one level per character"):
        _core.render_lines("abc", [0, 0], 0, [(0, 3)], False)
    with pytest.raises(ValueError, match="within the text"):
        _core.render_lines("abc", [0, 0, 0], 0, [(2, 5)], False)
    with pytest.raises(ValueError, match="base level"):
        _core.to_visual("abc", 2)
    # Two lines of one right-to-left paragraph, each reversed on its own (by hand).
    assert _core.render_lines("אב גד", [1, 1, 1, 1, 1], 1, [(0, 2), (3, 5)], False) == [
        "בא",
        "דג",
    ]
