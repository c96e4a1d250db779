"""to_visual and isolate: display order for renderers without bidi, isolation for those with it.

Expected visual strings are built by hand from the rules: an Arabic word in
display order is the word reversed (``w[::-1]``), digits and Latin keep their
order, and the order of runs is reversed in a right-to-left paragraph.
Where ICU is installed, its own ``writeReordered`` (with mirroring, and with
or without marks kept after their base) is a second, independent oracle.
"""

from __future__ import annotations

import itertools
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mixscript
from mixscript.bidi.display import cell_width, isolate, to_visual, wrap_spans
from mixscript.bidi.engine import mirror

SALAM, ALAIKUM = "السلام", "عليكم"
LRI, RLI, PDI = "\u2066", "\u2067", "\u2069"

SENTENCES = [
    "السلام (عليكم)",
    "سنة 2021 م",
    "سال ۱۴۰۰ خورشیدی",
    "تم تحديث Windows 10 على الجهاز [الجديد]",
    "He said «مرحبا» twice (2 times).",
    "كَتَبَ الوَلَدُ الدَّرْسَ",
    "من می\u200cخواهم به Vienna بروم.",
    "ہم کل لاہور جائیں گے۔",
    "a < b و c > d",
]


def test_exported_from_package() -> None:
    # Compared by behaviour: doctest collection may import the module twice.
    assert "to_visual" in mixscript.__all__
    assert "isolate" in mixscript.__all__
    assert mixscript.to_visual("سلام (1)") == to_visual("سلام (1)")
    assert mixscript.isolate("سلام abc") == isolate("سلام abc")


def test_brackets_mirrored_at_odd_levels() -> None:
    # Logical "السلام (عليكم)": drawn right to left, so "(عليكم)" comes first
    # on the left and its brackets must be mirrored to still open on its right.
    expected = "(" + ALAIKUM[::-1] + ") " + SALAM[::-1]
    assert to_visual(f"{SALAM} ({ALAIKUM})", shape=False) == expected


def test_python_bidi_default_does_not_mirror() -> None:
    """Why mirroring is ours: python-bidi's default backend leaves ``)...(``."""
    bidi = pytest.importorskip("bidi")
    theirs = bidi.get_display(f"{SALAM} ({ALAIKUM})")
    assert theirs == ")" + ALAIKUM[::-1] + "( " + SALAM[::-1]
    assert to_visual(f"{SALAM} ({ALAIKUM})", shape=False) != theirs


@pytest.mark.parametrize(
    ("logical", "expected"),
    [
        ("سنة 2021 م", "م 2021 " + "سنة"[::-1]),
        ("سال ۱۴۰۰", "۱۴۰۰ " + "سال"[::-1]),
        ("۱۴۰۰", "۱۴۰۰"),
        ("العدد 3.14 تقريبا", "تقريبا"[::-1] + " 3.14 " + "العدد"[::-1]),
    ],
)
def test_numbers_keep_their_order_in_rtl(logical: str, expected: str) -> None:
    assert to_visual(logical, shape=False) == expected


def test_mixed_line_keeps_latin_phrase_and_its_number_together() -> None:
    logical = "تحديث Windows 10 جديد"
    expected = "جديد"[::-1] + " Windows 10 " + "تحديث"[::-1]
    assert to_visual(logical, shape=False) == expected


def test_ltr_paragraph_with_arabic_word() -> None:
    assert to_visual("I said سلام today", shape=False) == "I said " + "سلام"[::-1] + " today"


def test_base_direction_given() -> None:
    # "123 abc" has an LTR first strong letter; forced RTL, the runs swap.
    assert to_visual("123 abc", shape=False) == "123 abc"
    assert to_visual("123 abc", shape=False, base_direction="rtl") == "abc 123"
    with pytest.raises(ValueError):
        to_visual("x", base_direction="up")


def test_multi_paragraph_with_blank_lines_and_crlf() -> None:
    text = "سلام\r\n\r\nhello عالم\nمرحبا (1)\r\n"
    expected = "سلام"[::-1] + "\r\n\r\nhello " + "عالم"[::-1] + "\n(1) " + "مرحبا"[::-1] + "\r\n"
    assert to_visual(text, shape=False) == expected


def test_each_paragraph_finds_its_own_direction() -> None:
    # The second paragraph starts with Latin: LTR, so "abc" stays on the left.
    out = to_visual("سلام abc\nabc سلام", shape=False).split("\n")
    assert out == ["abc " + "سلام"[::-1], "abc " + "سلام"[::-1]]
    out = to_visual("سلام abc.\nabc سلام.", shape=False).split("\n")
    assert out == [".abc " + "سلام"[::-1], "abc " + "سلام"[::-1] + "."]


def test_harakat_kept_and_placed_for_the_renderer() -> None:
    word = "كَتَبَ"  # kaf fatha teh fatha beh fatha
    fatha = "\N{ARABIC FATHA}"
    # Plain reversal: each fatha stands just left of (before) its letter, where
    # a font renderer without shaping draws a zero-width mark over it.
    assert to_visual(word, shape=False) == fatha + "ب" + fatha + "ت" + fatha + "ك"
    # Terminals attach a combining mark to the cell before it (rule L3).
    after = fatha.join("بتك") + fatha
    assert to_visual(word, shape=False, marks_after_base=True) == after
    shaped = to_visual(word)
    assert shaped.count(fatha) == 3
    assert all(unicodedata.category(shaped[i]) != "Mn" for i in range(1, 6, 2))
    assert fatha not in to_visual(word, harakat=False)
    assert fatha not in to_visual(word, shape=False, harakat=False)


def test_shaping_gives_presentation_forms_in_display_order() -> None:
    # Logical beh-beh is initial beh (U+FE91) + final beh (U+FE90); drawn RTL the
    # final form stands on the left.
    assert to_visual("بب") == "\ufe90\ufe91"
    # lam + alef becomes one ligature glyph (U+FEFB isolated lam-alef).
    assert to_visual("لا") == "\ufefb"


def test_reshaper_config_reaches_arabic_reshaper() -> None:
    assert to_visual("الله") == "\ufdf2"  # arabic-reshaper's default ALLAH ligature
    assert to_visual("الله", reshaper_config={"ARABIC LIGATURE ALLAH": False}) != "\ufdf2"


def test_wrapped_paragraph_reads_top_to_bottom() -> None:
    words = ["مرحبا", "بالعالم", "الكبير", "جدا", "هنا", "وهناك", "أيضا"]
    out = to_visual(" ".join(words), width=12, shape=False)
    lines = out.split("\n")
    assert len(lines) > 1
    assert all(cell_width(line) <= 12 for line in lines)
    # Each line is right to left on its own; reading the lines top to bottom,
    # each from right to left, gives the words in their logical order.
    read_back = [w for line in lines for w in line[::-1].split(" ")]
    assert read_back == words


def test_wrapping_keeps_paragraph_direction_on_every_line() -> None:
    # The second wrapped line starts with Latin.  On its own it would be an LTR
    # paragraph ("abc" on the left); as part of an RTL paragraph "abc" is read
    # first, so it stands on the right.
    word = "كلمة"
    lines = to_visual(f"{word} {word} abc {word}", width=9, shape=False).split("\n")
    assert lines == [word[::-1] + " " + word[::-1], word[::-1] + " abc"]
    assert to_visual(f"abc {word}", shape=False) == "abc " + word[::-1]


def test_wrap_counts_cells_not_code_points() -> None:
    assert cell_width("ب\N{ARABIC FATHA}\N{ZERO WIDTH NON-JOINER}ب") == 2
    assert [(s, e) for s, e in wrap_spans("بَ بَ بَ", 3)] == [(0, 5), (6, 8)]


@pytest.mark.parametrize("text", SENTENCES)
def test_engines_agree_and_match_icu_writereordered(text: str) -> None:
    icu = pytest.importorskip("icu")
    ours = to_visual(text, shape=False)
    assert to_visual(text, shape=False, engine="icu") == ours
    assert to_visual(text, engine="icu") == to_visual(text)
    ustr = icu.UnicodeString(text)
    bidi = icu.Bidi()
    bidi.setPara(ustr, 0xFE)
    assert ours == str(bidi.writeReordered(icu.Bidi.DO_MIRRORING))
    after = to_visual(text, shape=False, marks_after_base=True)
    assert after == str(bidi.writeReordered(icu.Bidi.DO_MIRRORING | icu.Bidi.KEEP_BASE_COMBINING))


def test_bidi_controls_dropped_after_reordering() -> None:
    out = to_visual("a \u2067سلام\u2069 b", shape=False)
    assert out == "a " + "سلام"[::-1] + " b"


_text = st.lists(
    st.sampled_from([*"ابتسلمة کی ۱۲ 12 abc ()«».\u064e\u200c", "\n", "\r\n"]),
    max_size=40,
).map("".join)


@settings(max_examples=150, deadline=None)
@given(_text)
def test_to_visual_is_a_permutation_per_line(text: str) -> None:
    """Reordering never adds, drops or moves characters across lines (mirroring aside)."""
    out = to_visual(text, shape=False)
    in_lines = text.splitlines(keepends=True)
    out_lines = out.splitlines(keepends=True)
    assert len(in_lines) == len(out_lines)
    for a, b in zip(in_lines, out_lines, strict=True):
        assert sorted(min(c, mirror(c)) for c in a) == sorted(min(c, mirror(c)) for c in b)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="abc XYZ 123.,()-", max_size=30))
def test_ltr_only_text_is_unchanged(text: str) -> None:
    assert to_visual(text) == text


def test_isolate_wraps_opposite_runs() -> None:
    assert isolate("سلام Hello World! و 12") == f"سلام {LRI}Hello World{PDI}! و 12"
    assert isolate("He said سلام عليكم today") == f"He said {RLI}سلام عليكم{PDI} today"
    assert isolate("only latin (1)") == "only latin (1)"
    assert isolate("123 ...") == "123 ..."


def test_isolate_per_paragraph() -> None:
    text = "سلام abc\nabc سلام"
    assert isolate(text) == f"سلام {LRI}abc{PDI}\nabc {RLI}سلام{PDI}"


@settings(max_examples=150, deadline=None)
@given(_text)
def test_isolate_is_idempotent_and_only_adds_controls(text: str) -> None:
    once = isolate(text)
    assert isolate(once) == once
    assert "".join(c for c in once if c not in (LRI, RLI, PDI)) == text
    from mixscript.bidi.controls import unbalanced_bidi_controls

    assert unbalanced_bidi_controls(once) == []


def test_lone_cr_and_paragraph_separator_are_kept() -> None:
    text = "سلام\rabc\u2029عالم"
    assert to_visual(text, shape=False) == "سلام"[::-1] + "\rabc\u2029" + "عالم"[::-1]


def test_zwnj_kept_in_display_order() -> None:
    out = to_visual("می\N{ZERO WIDTH NON-JOINER}خواهم", shape=False)
    assert out == "خواهم"[::-1] + "\N{ZERO WIDTH NON-JOINER}" + "می"[::-1]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from([*"ابت سلام abc 12 ۱۲ ().,:-!«»[]", "\u2067", "\u2069"]), max_size=40
    ).map("".join),
    st.sampled_from([None, "ltr", "rtl"]),
)
def test_python_and_icu_engines_agree(text: str, base: str | None) -> None:
    """Away from the documented ICU gaps (embeddings, marks after brackets), same output."""
    pytest.importorskip("icu")
    ours = to_visual(text, shape=False, base_direction=base)
    assert to_visual(text, shape=False, base_direction=base, engine="icu") == ours


def test_wrapped_lines_break_like_the_text() -> None:
    words = "كلمة " * 5
    assert "\r\n" in to_visual(words.strip() + "\r\nx", width=10, shape=False)
    out = to_visual(words.strip() + "\u2029x", width=10, shape=False)
    assert out.count("\u2029") == 1
    assert out.split("\u2029")[0].count("\n") >= 1


def test_a_paragraph_without_a_line_break_of_its_own_takes_the_first_one_before_it() -> None:
    """Never one after it: text wrapped in pieces must come out as the whole does."""
    # By hand: "aa bb" (ended by U+2029, no LF/CR/CRLF before it) wraps with
    # LF; "cc dd" with its own CRLF; "ee ff" (no ending) with the first
    # CRLF before it.
    text = "aa bb\u2029cc dd\r\nee ff"
    assert to_visual(text, width=2) == "aa\nbb\u2029cc\r\ndd\r\nee\r\nff"
    # The last piece of a CR LF text, given the line break of the pieces before it.
    assert to_visual("ee ff", width=2, line_break="\r\n") == "ee\r\nff"
    assert to_visual("ee ff", width=2) == "ee\nff"
    # A line break of the text itself still wins over the one given.
    assert to_visual("a b\rc", width=1, line_break="\n") == "a\rb\rc"
    with pytest.raises(ValueError, match="line_break"):
        to_visual("ee ff", width=2, line_break="\u2029")


_LINE = st.lists(st.sampled_from(["abc", "كتاب", "(אב)", "12", " "]), max_size=6).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(
    lines=st.lists(_LINE, min_size=1, max_size=8),
    ending=st.sampled_from(["\n", "\r\n", "\r"]),
    final=st.booleans(),
    cuts=st.lists(st.integers(0, 120), max_size=6),
    size=st.integers(1, 30),
    width=st.integers(1, 8),
)
def test_wrapping_in_chunks_equals_wrapping_the_whole(
    lines: list[str],
    ending: str,
    final: bool,
    cuts: list[int],
    size: int,
    width: int,
) -> None:
    """The text read in pieces cut anywhere, re-cut into chunks, each wrapped alone."""
    from mixscript.text.chunks import chunks

    text = ending.join(lines) + (ending if final else "")
    bounds = sorted({0, len(text), *(c for c in cuts if c < len(text))})
    pieces = [text[a:b] for a, b in itertools.pairwise(bounds)]
    parts = [
        to_visual(c.text, width=width, marks_after_base=True, line_break=c.line_break)
        for c in chunks(pieces, size)
    ]
    assert "".join(parts) == to_visual(text, width=width, marks_after_base=True)
