"""Visual-order input: detect_visual, to_logical, repair_edits.

Visual-order samples are made by an independent producer where possible
(python-bidi's ``get_display``, arabic-reshaper), or by hand: an Arabic word
in visual order is the word reversed.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mixscript
from mixscript.bidi.engine import bidi_class
from mixscript.bidi.repair import (
    DETECT_THRESHOLD,
    REPAIR_THRESHOLD,
    detect_visual,
    line_spans,
    repair_edits,
    to_logical,
)
from mixscript.text.breaks import LINE_BREAKS

LOGICAL = [
    "السلام عليكم ورحمة الله وبركاته",
    "ذهب الولد إلى المدرسة في الصباح الباكر",
    "سنة 2021 م كانت سنة صعبة على الجميع",
    "من می\u200cخواهم به دانشگاه تهران بروم",
    "یہ کتاب بہت اچھی ہے اور میں اسے پڑھ رہا ہوں",
    "قيمة الكتاب (مع الضريبة) هي 25 دولارا",
    "تم تحديث Windows على الجهاز الجديد في المكتب",
]


def _hand_visual(line: str) -> str:
    """Visual order of a line of Arabic words only: every word reversed, words in reverse order."""
    return " ".join(word[::-1] for word in reversed(line.split(" ")))


def test_exported_from_package() -> None:
    # Compared by behaviour: doctest collection may import the module twice.
    assert "detect_visual" in mixscript.__all__
    assert "to_logical" in mixscript.__all__
    assert "repair_edits" in mixscript.__all__
    sample = "مكيلع مالسلا ةنيدملا يف"
    assert mixscript.detect_visual(sample) == detect_visual(sample)
    assert mixscript.to_logical(sample) == to_logical(sample)
    assert mixscript.repair_edits(sample) == repair_edits(sample)


def test_hand_made_visual_line_detected_and_repaired() -> None:
    line = LOGICAL[0]
    visual = _hand_visual(line)
    found = detect_visual(f"{line}\n{visual}\n")
    assert [(v.line, v.start, v.end) for v in found] == [(1, len(line) + 1, 2 * len(line) + 1)]
    assert found[0].confidence >= REPAIR_THRESHOLD
    assert to_logical(visual) == line


@pytest.mark.parametrize("line", LOGICAL)
def test_logical_lines_not_detected(line: str) -> None:
    assert detect_visual(line) == []
    assert repair_edits(line) == []


@pytest.mark.parametrize("line", LOGICAL)
def test_python_bidi_output_round_trips(line: str) -> None:
    bidi = pytest.importorskip("bidi")
    visual = bidi.get_display(line)
    assert to_logical(visual) == line
    assert detect_visual(visual), "long visual lines should be detected"


@pytest.mark.parametrize("line", LOGICAL)
def test_reshaped_output_round_trips_after_unshaping(line: str) -> None:
    bidi = pytest.importorskip("bidi")
    reshaper = pytest.importorskip("arabic_reshaper")
    visual = bidi.get_display(reshaper.reshape(line))
    assert unicodedata.normalize("NFC", to_logical(visual)) == line


@pytest.mark.parametrize("line", LOGICAL)
def test_own_to_visual_round_trips(line: str) -> None:
    assert to_logical(mixscript.to_visual(line)) == line


@pytest.mark.parametrize("line", ["كَتَبَ الوَلَدُ الدَّرْسَ", "بِسْمِ اللَّهِ الرَّحْمَنِ الرَّحِيمِ"])
def test_harakat_round_trip_with_either_mark_placement(line: str) -> None:
    assert to_logical(mixscript.to_visual(line)) == line
    assert to_logical(mixscript.to_visual(line, marks_after_base=True)) == line


def test_lam_alef_unshaped_after_reversing() -> None:
    # Visual "السلام" in presentation forms: isolated meem, lam-alef ligature,
    # medial seen, initial lam, isolated alef (drawn left to right).
    visual = "\ufee1\ufefc\ufeb4\ufedf\ufe8d"
    assert to_logical(visual) == "السلام"
    # Unshaping first and reversing after gives the wrong word (alef before lam).
    wrong = unicodedata.normalize("NFKC", visual)[::-1]
    assert wrong == "السالم"


def test_brackets_mirrored_back_only_when_that_pairs_them() -> None:
    logical = "السلام (عليكم)"
    mirrored_visual = "(" + "عليكم"[::-1] + ") " + "السلام"[::-1]
    unmirrored_visual = ")" + "عليكم"[::-1] + "( " + "السلام"[::-1]
    assert to_logical(mirrored_visual) == logical
    assert to_logical(unmirrored_visual) == logical


def test_digits_and_latin_keep_their_order() -> None:
    # Persian digits after an Arabic word are an Arabic number, a run of their
    # own, so in display order they stand left of "Vienna" that follows them.
    visual = "م 2021 " + "سنة"[::-1] + " Vienna ۱۴۰۰ " + "في"[::-1]
    assert to_logical(visual) == "في ۱۴۰۰ Vienna سنة 2021 م"
    assert mixscript.to_visual("في ۱۴۰۰ Vienna سنة 2021 م", shape=False) == visual


def test_line_breaks_stay_and_latin_lines_untouched() -> None:
    text = "Hello world\r\n" + _hand_visual("السلام عليكم") + "\n\nabc"
    assert to_logical(text) == "Hello world\r\nالسلام عليكم\n\nabc"


def test_repair_edits_apply_and_are_idempotent() -> None:
    visual = _hand_visual(LOGICAL[1])
    text = f"{LOGICAL[0]}\r\n{visual}\nEnglish line"
    edits = repair_edits(text)
    assert edits == [(len(LOGICAL[0]) + 2, len(LOGICAL[0]) + 2 + len(visual), LOGICAL[1])]
    fixed = text
    for start, end, replacement in reversed(edits):
        fixed = fixed[:start] + replacement + fixed[end:]
    assert fixed == f"{LOGICAL[0]}\r\n{LOGICAL[1]}\nEnglish line"
    assert repair_edits(fixed) == []


def test_short_ambiguous_line_left_alone() -> None:
    # Two words with no evidence either way: neither detected nor repaired.
    assert repair_edits("سلام دوست") == []


def test_thresholds_are_ordered() -> None:
    assert 0 < DETECT_THRESHOLD < REPAIR_THRESHOLD < 1


_words = st.sampled_from(
    ["السلام", "عليكم", "في", "من", "المدرسة", "كتاب", "مكتبة", "علي", "به", "از", "کے", "کتاب"]
)
_lines = st.lists(_words, min_size=1, max_size=12).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(st.lists(_lines, min_size=1, max_size=4), st.sampled_from(["\n", "\r\n"]))
def test_repair_never_touches_logical_lines_and_is_idempotent(lines: list[str], brk: str) -> None:
    text = brk.join(lines)
    assert repair_edits(text) == []
    visual = brk.join(_hand_visual(line) for line in lines)
    edits = repair_edits(visual)
    fixed = visual
    for start, end, replacement in reversed(edits):
        assert visual[start:end] != replacement
        fixed = fixed[:start] + replacement + fixed[end:]
    assert repair_edits(fixed) == []
    for _start, _end, replacement in edits:
        assert replacement in lines, "a repair must give back the logical line"


def test_lone_surrogate_is_an_input_error() -> None:
    for func in (detect_visual, to_logical, repair_edits, mixscript.to_visual, mixscript.isolate):
        with pytest.raises(mixscript.InputError) as info:
            func("ab\ud800")
        assert info.value.position == 2


_plain_words = st.sampled_from(
    ["السلام", "عليكم", "في", "المدرسة", "كَتَبَ", "می\u200cخواهم", "کتاب", "ہے", "۱۴۰۰", "2021"]
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(_plain_words, min_size=1, max_size=8),
    st.booleans(),
    st.sampled_from(["", ".", "؟", "!"]),
    st.booleans(),
)
def test_to_logical_inverts_to_visual(
    words: list[str], bracket: bool, end: str, marks_after: bool
) -> None:
    """Arabic-script lines (numbers, brackets, harakat, ZWNJ) come back exactly."""
    if not any(w[0] not in "0123456789۰۱۲۳۴۵۶۷۸۹" for w in words):
        words = ["في", *words]  # at least one word with letters
    if bracket and len(words) > 1:
        words = [words[0], f"({words[1]})", *words[2:]]
    line = " ".join(words) + end
    drawn = mixscript.to_visual(line, marks_after_base=marks_after)
    assert unicodedata.normalize("NFC", to_logical(drawn)) == line


_SCORE_PIECES = st.sampled_from(
    [
        *(w for line in LOGICAL for w in line.split()),
        *(w[::-1] for line in LOGICAL for w in line.split()),
        "\u064e",
        "\u0651",
        "\u0301",
        "\u0640",
        "\u200d",
        "\u200c",
        "\ufeea",
        "\ufef7",
        "\U0001ee01",
        "\U0001ee80",
        " ",
        "a",
        "1",
        ".",
    ]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_SCORE_PIECES, max_size=14).map("".join))
def test_visual_score_matches_its_definition(line: str) -> None:
    """visual_score finds words as stored and strips each; the definition strips the line first.

    (Harakat, tatweel and ZWJ taken out, then maximal runs of Arabic-script
    letters are the words, each scored on its own.)  Both must give the same
    scores, also with astral Arabic letters.
    """
    import regex

    from mixscript.bidi import repair as visual

    stripped = regex.sub(r"[\p{Mn}\u0640\u200d]+", "", line)
    words = regex.findall(r"[\p{Script=Arabic}&&\p{L}]+", stripped, flags=regex.V1)
    scores = [visual.visual_score(w) for w in words]
    expected = (sum(f for f, _ in scores), sum(b for _, b in scores))
    assert visual.visual_score(line) == expected
    # A word scores the same reversed as backwards, and the line reversed swaps the two.
    assert [visual.visual_score(w[::-1]) for w in words] == [(b, f) for f, b in scores]
    assert visual.visual_score(stripped[::-1]) == expected[::-1]


# Letters, a space, an RLM and every line break (CR then LF makes a CRLF).
_BREAK_TEXT = st.lists(
    st.sampled_from(["a", "ب", " ", "\u200f", "\r\n", *sorted(LINE_BREAKS)]), max_size=20
).map("".join)


@settings(max_examples=500, deadline=None)
@given(_BREAK_TEXT)
def test_line_spans_cut_at_every_line_break(text: str) -> None:
    # Reference: scan for the breaks one character at a time, CRLF as one.
    expected: list[tuple[int, int, int]] = []
    start = i = 0
    while i < len(text):
        if text[i] in LINE_BREAKS:
            end = i + 2 if text.startswith("\r\n", i) else i + 1
            expected.append((start, i, end))
            start = i = end
        else:
            i += 1
    expected.append((start, len(text), len(text)))
    assert line_spans(text) == expected


def test_mirror_table_agrees_with_one_character_at_a_time() -> None:
    from mixscript.bidi.engine import MIRROR_TABLE, MIRRORS, mirror

    chars = "".join(chr(cp) for cp in MIRRORS) + "abc()[]{}<>«»ب١ "
    assert chars.translate(MIRROR_TABLE) == "".join(mirror(c) for c in chars)


def test_unshape_maps_every_presentation_form_as_one_character_at_a_time() -> None:
    """The positional forms of both blocks (their decomposition tag says so, in Python's
    own Unicode data) become their NFKC, each in its place; nothing else changes."""
    from mixscript.unicode.shaping import presentation_form, unshape

    def tag(c: str) -> str:
        in_blocks = 0xFB50 <= ord(c) <= 0xFDFF or 0xFE70 <= ord(c) <= 0xFEFF
        first = unicodedata.decomposition(c).split(" ")[0]
        positional = first in ("<initial>", "<medial>", "<final>", "<isolated>")
        return first[1:-1] if in_blocks and positional else ""

    text = "".join(chr(cp) for cp in range(0xFB50, 0xFF00)) + "بسم الله abc ١٢"
    expected = "".join(unicodedata.normalize("NFKC", c) if tag(c) else c for c in text)
    assert unshape(text) == expected
    assert [presentation_form(c) for c in text] == [tag(c) for c in text]
    assert unshape("\ufefb") == "\u0644\u0627"  # lam-alef: lam first
    # Small and vertical forms of punctuation are no Arabic letters and stay as they are.
    assert unshape("\ufe50\ufe10") == "\ufe50\ufe10"
    assert unshape("\ufdf2") == "الله"
    plain = "بسم الله"
    assert unshape(plain) is plain


def test_unshape_follows_unicode_data_for_every_presentation_form(
    ucd_file: Callable[[str], Path],
) -> None:
    """UnicodeData.txt's own decompositions: every code point of U+FB50..U+FDFF and
    U+FE70..U+FEFF tagged ``<initial>``, ``<medial>``, ``<final>`` or ``<isolated>`` becomes
    its mapping (then NFC, which gives U+0622 back from lam-alef-madda's pieces and spells out
    U+0677's own compatibility mapping), every other one stays; the letter guess and
    the language scores read a form as those letters."""
    from mixscript.lang import letters as lang_letters
    from mixscript.unicode.shaping import presentation_form, unshape

    mapping: dict[int, tuple[str, str]] = {}
    for line in ucd_file("UnicodeData.txt").read_text(encoding="utf-8").splitlines():
        fields = line.split(";")
        parts = fields[5].split()
        if parts and parts[0] in ("<initial>", "<medial>", "<final>", "<isolated>"):
            letters = "".join(chr(int(p, 16)) for p in parts[1:])
            mapping[int(fields[0], 16)] = (parts[0][1:-1], unicodedata.normalize("NFKC", letters))
    forms = [*range(0xFB50, 0xFE00), *range(0xFE70, 0xFF00)]
    for cp in forms:
        tag, letters = mapping.get(cp, ("", chr(cp)))
        assert (presentation_form(chr(cp)), unshape(chr(cp))) == (tag, letters), f"U+{cp:04X}"
    assert sum(cp in mapping for cp in forms) > 700
    text = "".join(map(chr, forms)) + " بسم abc"
    plain = "".join(mapping.get(cp, ("", chr(cp)))[1] for cp in forms) + " بسم abc"
    assert unshape(text) == plain
    assert lang_letters.guess(text).plain == plain
    assert lang_letters.scores(text) == lang_letters.scores(plain)


@pytest.mark.slow
@settings(max_examples=500, deadline=None)
@given(
    st.text(
        alphabet=st.one_of(st.sampled_from("aZبא1٣ (."), st.characters(codec="utf-8")),
        max_size=20,
    )
)
def test_class_codes_agree_with_bidi_class(text: str) -> None:
    from mixscript.bidi.engine import CODES, class_codes

    assert class_codes(text) == "".join(CODES[bidi_class(c)] for c in text)


def _paragraphs_one_by_one(text: str) -> list[tuple[int, int]]:
    """Reference for ``paragraphs``: each character's bidi class in turn, CRLF as one."""
    spans: list[tuple[int, int]] = []
    start = i = 0
    while i < len(text):
        if bidi_class(text[i]) == "B":
            end = i + 2 if text.startswith("\r\n", i) else i + 1
            spans.append((start, end))
            start = i = end
        else:
            i += 1
    if start < len(text) or not spans:
        spans.append((start, len(text)))
    return spans


@settings(max_examples=500, deadline=None)
@given(_BREAK_TEXT)
def test_paragraphs_cut_where_one_by_one_does(text: str) -> None:
    from mixscript.bidi.engine import paragraphs

    assert paragraphs(text) == _paragraphs_one_by_one(text)


def test_strip_harakat_drops_exactly_the_harakat() -> None:
    from mixscript.unicode.shaping import is_harakah, strip_harakat

    text = "".join(chr(cp) for cp in [*range(0x0600, 0x0900), *range(0xFB50, 0xFF00)]) + "é a"
    assert strip_harakat(text) == "".join(c for c in text if not is_harakah(c))
    assert strip_harakat("كَتَبَ") == "كتب"


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(["ب", "a", " ", "  ", ".", "؟", "1", "٣", "۴", "\t", "\u2003", "\n"]),
        max_size=12,
    ).map("".join)
)
def test_stop_before_number_is_the_end_anchored_pattern(line: str) -> None:
    """The scan from the end finds what the pattern ``(?<= )STOP(DIGITS+)\\s*$`` finds."""
    import re

    from mixscript.bidi import repair

    pattern = re.compile("(?<= )([.!?\u061f\u06d4])([0-9\u0660-\u0669\u06f0-\u06f9]+)(\\s*)$")
    m = pattern.search(line)
    assert repair._stop_before_number(line) == (-1 if m is None else m.start())


def test_compiled_scoring_through_the_bindings() -> None:
    """The evidence as the bindings hand it over, worked out by hand from the rules."""
    from mixscript import _core
    from mixscript.bidi import repair

    # One word per language family; palindromes and reversal pairs say nothing.
    assert {"في", "از", "کے", "په", "لە", "می"} <= repair.FUNCTION_WORDS
    assert not {"نحن", "ایک", "کیا", "وہ", "ہو"} & repair.FUNCTION_WORDS
    # المدرسة reversed (article 1 + teh marbuta 2), في reversed (1): two words leaning back.
    assert _core.visual_evidence("ةسردملا يف") == (0, 4, 0, 2)
    # Marks and tatweel are dropped before scoring; the word keeps its span.
    assert _core.visual_word_scores("فِـي") == (1, 0)
    assert _core.arabic_words("x فِـي، y") == [(2, 6)]
    assert _core.visual_confidence(0, 4) == 0.8
    assert _core.visual_confidence(3, 3) == 0.0
