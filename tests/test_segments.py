"""segment(): exact coverage of the input, and where neutral characters go."""

from __future__ import annotations

import dataclasses
import gc
import itertools
import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mixscript
from mixscript import InputError, segment
from mixscript.lang.tagger import Span
from mixscript.segments import map_back
from mixscript.text.edits import Alignment
from mixscript.text.runs import Run, script_runs

NEWLINES = ["\n", "\r\n", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]
WORDS = ["Vienna", " ", "بِسْمِ", "اللَّهِ", "می\u200cخواهم", "، ", "(", ")", "۱۴۰۰", "2024", "«", "»"]
TRICKY = ["\u0301", "\u064e", "\ufdfd", "\ufef7\ufee7\ufeea", "\u202e", "\u202c", "Straße"]
pieces = st.sampled_from([*NEWLINES, *WORDS, *TRICKY, "\U0001f469\u200d\U0001f4bb"])
texts = st.one_of(
    st.lists(pieces, max_size=20).map("".join),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=40),
)


def assert_covers(text: str, segments: list[mixscript.Segment]) -> None:
    pos = 0
    for s in segments:
        assert s.start == pos and s.end > s.start, (s, pos)
        pos = s.end
    assert pos == len(text)


@pytest.mark.slow
@pytest.mark.parametrize("profile", ["safe", "clean", "search"])
@settings(max_examples=300, deadline=None)
@given(text=texts)
def test_segments_cover_input_exactly(profile: str, text: str) -> None:
    segs = segment(text, profile=profile)
    assert_covers(text, segs)
    for s in segs:
        assert s.direction in ("rtl", "ltr", "neutral")
        assert s.kind in ("text", "basmala", "formula", "number", "space", "punct")
        assert s.tag == f"{s.lang}-{s.script}"
        assert 0.0 <= s.confidence <= 1.0


@pytest.mark.slow
@given(text=texts)
@settings(max_examples=200, deadline=None)
def test_untouched_segments_are_source_slices(text: str) -> None:
    """With a profile that changes nothing, every segment's text is its source slice."""
    for s in segment(text, profile=mixscript.Profile("none")):
        assert s.text == text[s.start : s.end]


@pytest.mark.parametrize("bad", ["\ud800", "abc\udfffdef", "سلام\udc80"])
def test_lone_surrogates_rejected_with_position(bad: str) -> None:
    with pytest.raises(InputError) as info:
        segment(bad)
    assert info.value.position == next(i for i, ch in enumerate(bad) if 0xD800 <= ord(ch) <= 0xDFFF)
    assert "surrogate" in str(info.value)


def test_empty_input() -> None:
    assert segment("") == []


def test_statement_example_runs() -> None:
    text = "Statement بِسْمِ اللَّهِ الرَّحْمَنِ الرَّحِيمِ (Vienna، ۱۴۰۰) می\u200cخواهم"
    segs = segment(text, profile=mixscript.Profile("none"))
    by_source = [(text[s.start : s.end], s.script, s.kind) for s in segs]
    basmala = "بِسْمِ اللَّهِ الرَّحْمَنِ الرَّحِيمِ"
    # The basmala with all its harakat is one Arabic-script segment (kind may be "basmala").
    assert (basmala, "Arab") in [(src, script) for src, script, _ in by_source]
    # The opening bracket goes with the Latin word it encloses...
    assert ("(Vienna", "Latn", "text") in by_source
    # ...the Arabic comma, the Persian digits, the closing bracket (after Arabic
    # digits) and the Persian word with its ZWNJ fall in one Arabic run.
    assert ("، ۱۴۰۰) می\u200cخواهم", "Arab", "text") in [(a, b, "text") for a, b, _ in by_source]
    # Spaces between runs of different scripts are neutral segments of their own.
    assert by_source[1] == (" ", "Zyyy", "space")
    assert [s.direction for s in segs if s.script == "Arab"] == ["rtl", "rtl"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("English (فارسی) text", ["English", " ", "(فارسی)", " ", "text"]),
        ("سلام «Harry Potter» را", ["سلام", " ", "«Harry Potter»", " ", "را"]),
        ("سنة 2021 م", ["سنة 2021 م"]),
        ("Image2.jpg, 1.5 and 3,000 ok.", ["Image2.jpg, 1.5 and 3,000 ok."]),
        ("Vienna 1400 سلام", ["Vienna", " ", "1400", " ", "سلام"]),
        ("a\nb", ["a", "\n", "b"]),
        ("ب\r\nب", ["ب", "\r\n", "ب"]),
        ("کتاب\u0640\u0640ها", ["کتاب\u0640\u0640ها"]),
        ("٣ كتب", ["٣ كتب"]),
    ],
)
def test_neutral_resolution(text: str, expected: list[str]) -> None:
    segs = segment(text, profile=mixscript.Profile("none"))
    assert [text[s.start : s.end] for s in segs] == expected


def test_visual_line_maps_as_one_block() -> None:
    """Presentation forms are unshaped, and offsets still index the raw input."""
    raw = "x \ufeb3\ufefc\ufee1 y"
    segs = segment(raw, profile="safe")
    arabic = [s for s in segs if s.script == "Arab"]
    assert len(arabic) == 1
    assert raw[arabic[0].start : arabic[0].end] == "\ufeb3\ufefc\ufee1"
    assert arabic[0].text == "سلام"


def test_line_edges_join_the_run_on_their_line() -> None:
    text = "Reference (see annex 2).\n12. سلام\n2024\nok"
    got = [text[s.start : s.end] for s in segment(text, profile=mixscript.Profile("none"))]
    assert got == ["Reference (see annex 2).", "\n", "12. سلام", "\n", "2024", "\n", "ok"]


@settings(max_examples=300, deadline=None)
@given(text=texts)
def test_compiled_word_spans_follow_the_python_tables(text: str) -> None:
    """The compiled core's Arabic-script words (the visual-order scoring's) are an
    Arabic-script letter, then letters, nonspacing marks, tatweel and ZWJ, with Script
    and General_Category read from the Python tables (generated by their own code)."""
    from mixscript import _core
    from mixscript.unicode.properties import general_category
    from mixscript.unicode.scripts import script_of

    def letter(ch: str) -> bool:
        return script_of(ch) == "Arab" and general_category(ch).startswith("L")

    def inside(ch: str) -> bool:
        return letter(ch) or general_category(ch) == "Mn" or ch in "\u0640\u200d"

    expected: list[tuple[int, int]] = []
    i = 0
    while i < len(text):
        if not letter(text[i]):
            i += 1
            continue
        start = i
        i += 1
        while i < len(text) and inside(text[i]):
            i += 1
        expected.append((start, i))
    assert _core.arabic_words(text) == expected


def _clipped(runs: list[Run], lo: int, hi: int) -> list[tuple]:
    out = []
    for r in runs:
        s, e = max(r.start, lo), min(r.end, hi)
        if s < e:
            out.append((s - lo, e - lo, r.script, r.kind))
    return out


_LINE_PIECES = st.sampled_from(
    [w for w in WORDS if w.strip() or w == " "]
    + ["18", "12.", ")", ").", "!", "  ", "a", "ب", "see annex 2).", "\u0640"]
)


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(line=st.lists(_LINE_PIECES, max_size=12).map("".join))
def test_the_text_edges_cut_like_line_breaks(line: str) -> None:
    """A single line is cut exactly as the same line between two line breaks.

    Single-line calls (an API call per string, a Spark row) must not get
    other segments than the lines of a file: a number at the end of
    ``ساعت 18`` joins the Persian run as it does before a line break.
    """
    alone = _clipped(script_runs(line), 0, len(line))
    assert _clipped(script_runs(line + "\n"), 0, len(line)) == alone
    assert _clipped(script_runs("\n" + line), 1, len(line) + 1) == alone
    assert _clipped(script_runs("x\n" + line + "\nب"), 2, len(line) + 2) == alone


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The README's promise: one English run, brackets and full stop included.
        ("see annex 2).", [("see annex 2).", "Latn")]),
        ("ساعت 18", [("ساعت 18", "Arab")]),
        ("18 ساعت", [("18 ساعت", "Arab")]),
        # Spaces at the line's edges stay neutral; a lone number stays a number.
        (" 12. سلام ", [(" ", "Zyyy"), ("12. سلام", "Arab"), (" ", "Zyyy")]),
        ("2024", [("2024", "Zyyy")]),
    ],
)
def test_neutrals_at_the_text_edges_join_the_run_on_their_line(
    text: str, expected: list[tuple[str, str]]
) -> None:
    got = segment(text, profile=mixscript.Profile("none"))
    assert [(text[s.start : s.end], s.script) for s in got] == expected


# -- map_back: the anchoring the Python did, against the core's ---------------------------------

_KIND_WEIGHT = {"basmala": 4, "formula": 4, "text": 3, "number": 2, "punct": 1, "space": 0}


def oracle_map_back(
    source: str, out: str, alignment: Alignment, tagged: list[Span]
) -> list[mixscript.Segment]:
    if not source:
        return []
    if not tagged:
        return [mixscript.Segment(0, len(source), "", "Zyyy", "und", "neutral", "space", 0.0)]
    bounds = [0]
    for start in alignment.source_starts([s[0] for s in tagged[1:]]):
        bounds.append(max(start, bounds[-1]))
    bounds.append(len(source))
    groups: list[list[int]] = []
    for k in range(len(tagged)):
        if groups and bounds[groups[-1][0]] == bounds[k]:
            groups[-1].append(k)
        else:
            groups.append([k])
    if len(groups) > 1 and bounds[groups[-1][0]] == len(source):
        groups[-2].extend(groups.pop())
    segments = []
    for g in groups:
        best = max((tagged[k] for k in g), key=lambda s: (_KIND_WEIGHT.get(s[5], 0), s[1] - s[0]))
        _, _, script, code, direction, kind, confidence = best
        cleaned = out[tagged[g[0]][0] : tagged[g[-1]][1]]
        segments.append(
            mixscript.Segment(
                bounds[g[0]], bounds[g[-1] + 1], cleaned, script, code, direction, kind, confidence
            )
        )
    return segments


@st.composite
def _edited(draw: st.DrawFn) -> tuple[str, str, Alignment, list[Span]]:
    """A source text, the text some edits make of it, their alignment, and tagged segments
    covering the result."""
    source = draw(st.text("abcdefgh", max_size=30))
    alignment = Alignment(len(source))
    out = source
    for rule in range(draw(st.integers(0, 3))):
        cuts = sorted(draw(st.lists(st.integers(0, len(out)), max_size=6)))
        edits = [
            (a, b, draw(st.text("xyz", max_size=4)))
            for a, b in zip(cuts[::2], cuts[1::2], strict=False)
            if draw(st.booleans())
        ]
        out, alignment = alignment.apply(out, edits, f"r{rule}")
    ends = sorted(set(draw(st.lists(st.integers(1, max(1, len(out))), max_size=8))))
    bounds = [0, *[e for e in ends if e < len(out)], len(out)] if out else []
    kinds = ["basmala", "formula", "text", "number", "punct", "space"]
    tagged: list[Span] = [
        (
            a,
            b,
            draw(st.sampled_from(["Latn", "Arab", "Zyyy"])),
            f"l{k}",
            "ltr",
            draw(st.sampled_from(kinds)),
            draw(st.sampled_from([0.0, 0.5, 1.0])),
        )
        for k, (a, b) in enumerate(itertools.pairwise(bounds))
    ]
    return source, out, alignment, tagged


@settings(max_examples=1000, deadline=None)
@given(_edited())
def test_segments_are_anchored_as_the_python_anchored_them(
    case: tuple[str, str, Alignment, list[Span]],
) -> None:
    source, out, alignment, tagged = case
    found = map_back(source, out, alignment, tagged)
    assert found == oracle_map_back(source, out, alignment, tagged)
    assert all(type(s) is mixscript.Segment for s in found)


def test_segments_made_in_the_core_are_whole_frozen_segments() -> None:
    # The core makes each Segment as the dataclass's own __init__ does; the
    # class must stay a frozen dataclass with these fields and nothing more to run.
    fields = [f.name for f in dataclasses.fields(mixscript.Segment)]
    assert fields == ["start", "end", "text", "script", "lang", "direction", "kind", "confidence"]
    assert mixscript.Segment.__dataclass_params__.frozen  # type: ignore[attr-defined]
    assert not hasattr(mixscript.Segment, "__post_init__")
    made = segment("Hi \ufdfd")
    built = [mixscript.Segment(*dataclasses.astuple(s)) for s in made]
    assert made == built and [hash(s) for s in made] == [hash(s) for s in built]
    with pytest.raises(dataclasses.FrozenInstanceError):
        made[0].lang = "xx"  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(made)) == made
    assert all(gc.is_tracked(s) for s in made)
