"""The compiled ``letters`` and ``persian_affixes`` steps against the Python they replaced.

The rules were regular expressions and loops in Python
(``mixscript.normalization.affixes``, ``mixscript.lang.conventions`` and
``mixscript.normalization.steps``); the core ports them to plain scans
(``rust/core/src/affixes.rs``, ``rust/core/src/conventions.rs``).  A small
copy of the old rules is kept here as the oracle, and generated texts must
get the same edits from both: the rules alone, and the whole steps with
the language tagger behind them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from mixscript import _core
from mixscript.lang.conventions import convert_letters, run_spans
from mixscript.lang.letters import arabic_candidates
from mixscript.normalization import steps
from mixscript.normalization.affixes import affix_candidate, affix_edits
from mixscript.text.edits import Edit, apply_edits
from mixscript.unicode._ucd_joining import JOINING_RANGES
from mixscript.unicode.bmp_classes import class_body
from mixscript.unicode.chars import ARABIC_LETTERS_AND_MARKS, ZWNJ
from mixscript.unicode.ranges import RangeTable

# ---------------------------------------------------------------- the oracle: the old rules

_L = f"[{class_body(ARABIC_LETTERS_AND_MARKS)}]"
_EDGE_BEFORE = f"(?<!{_L[:-1]}\u200c\u200d])"
_EDGE_AFTER = f"(?!{_L[:-1]}\u200c\u200d])"
_PREFIX = re.compile(f"{_EDGE_BEFORE}(ن?می)( +)(?=({_L}+){_EDGE_AFTER})")
_SUFFIXES = "هایشان|هایتان|هایمان|هایش|هایت|هایم|هایی|های|ها|ترین"
_SUFFIX = re.compile(f"{_EDGE_BEFORE}({_L}+(?:\u200c{_L}+)*)( +)({_SUFFIXES}){_EDGE_AFTER}")
_SPACED_PREFIX = re.compile(f"می +{_L}")
_MARKS = re.compile("[\u064b-\u065f\u0670]")
_VERB_END = re.compile("(?:[مدتی])$")
_FUNCTION_WORDS = frozenset(
    "و از به با در بر که را تا یا اگر این آن هم نه چه چون برای بی پس پیش زیر روی"
    " من تو او ما شما ایشان آنان اینان وی خود همه هر هیچ چند نیز اما ولی باید"
    " است بود شد کرد می نمی ای یک دو سه".split()
)
_JOINING = RangeTable(JOINING_RANGES)
_YEH_KAF = str.maketrans({"\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9"})


def _bare(word: str) -> str:
    return _MARKS.sub("", word).translate(_YEH_KAF)


def _joins_left(word: str) -> bool:
    for ch in reversed(word):
        kind = _JOINING.get(ord(ch), "U")
        if kind != "T":
            return kind == "D"
    return False


def old_affix_edits(text: str, spans: Sequence[tuple[int, int]]) -> list[Edit]:
    edits: list[Edit] = []
    for start, end in spans:
        for m in _PREFIX.finditer(text, start, end):
            verb = _bare(m.group(3))
            if len(verb) < 2 or verb in ("می", "نمی"):
                continue
            if not (_VERB_END.search(verb) or verb == "توان"):
                continue
            before = text[max(0, m.start() - 12) : m.start()].split()
            if before and (_bare(before[-1]) == "ماه" or before[-1][-1].isdigit()):
                continue
            edits.append((m.start(2), m.end(2), ZWNJ))
        for m in _SUFFIX.finditer(text, start, end):
            word = _bare(m.group(1))
            if len(word) < 2 or word in _FUNCTION_WORDS:
                continue
            if m.group(3) == "ترین" and word.endswith(("ها", "ات")):
                continue
            edits.append((m.start(2), m.end(2), ZWNJ if _joins_left(m.group(1)) else ""))
    edits.sort()
    out: list[Edit] = []
    for e in edits:
        if not out or e[0] >= out[-1][1]:
            out.append(e)
    return out


def old_affix_candidate(text: str) -> bool:
    if " ها" in text or " ترین" in text:
        return True
    return "می " in text and _SPACED_PREFIX.search(text) is not None


_CONVENTIONS = {
    "fa": {"\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9"},
    "ur": {"\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9"},
    "ar": {"\u06a9": "\u0643"},
    "pnb": {"\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9"},
    "skr": {"\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9"},
    "azb": {"\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9"},
}


def old_convert_letters(text: str, lang: str, start: int, end: int) -> list[Edit]:
    table = _CONVENTIONS.get(lang)
    if table is None:
        return []
    edits: list[Edit] = []
    for m in re.compile("[\u064a\u0649\u0643\u06cc\u06a9]").finditer(text, start, end):
        ch = m.group()
        new = table.get(ch, ch)
        if lang == "ar" and ch == "\u06cc":
            nxt = m.end()
            while nxt < len(text) and unicodedata.combining(text[nxt]):
                nxt += 1
            at_end = nxt >= len(text) or text[nxt] not in ARABIC_LETTERS_AND_MARKS
            new = "\u0649" if at_end else "\u064a"
        if new != ch:
            edits.append((m.start(), m.end(), new))
    return edits


def _old_lines(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for part in text.splitlines(keepends=True):
        line = part.rstrip("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
        if line:
            out.append((pos, line))
        pos += len(part)
    return out


def old_letters(text: str, candidates: tuple[str, ...]) -> list[Edit]:
    def spans(line: str) -> list[tuple[int, int, str]]:
        out = []
        for base, end in _core.convention_pieces(line):
            tags = run_spans(line[base:end], candidates, convention=True)
            for s, e, script, lang, _, kind, conf in tags:
                if script == "Arab" and kind == "text" and lang in _CONVENTIONS and conf >= 0.9:
                    out.append((base + s, base + e, lang))
        return out

    edits: list[Edit] = []
    for base, line in _old_lines(text):
        current, touched, settled = line, set(), False
        for _ in range(3):
            found = [
                e for s, t, lang in spans(current) for e in old_convert_letters(current, lang, s, t)
            ]
            if not found:
                settled = True
                break
            chars = list(current)
            for start, _end, new in found:
                chars[start] = new
                touched.add(start)
            current = "".join(chars)
        if settled:
            edits.extend(
                (base + k, base + k + 1, current[k])
                for k in sorted(touched)
                if current[k] != line[k]
            )
    return edits


def old_persian_affixes(text: str, candidates: tuple[str, ...]) -> list[Edit]:
    def persian_spans(line: str) -> list[tuple[int, int]]:
        out = []
        for start, end, script, _kind in _core.script_runs(line):
            if script != "Arab" or not old_affix_candidate(line[start:end]):
                continue
            if not old_affix_edits(line, [(start, end)]):
                continue
            for s, e, _, lang, _, kind, conf in run_spans(line[start:end], candidates):
                if lang == "fa" and kind == "text" and conf >= 0.6:
                    out.append((start + s, start + e))
        return out

    edits: list[Edit] = []
    for base, line in _old_lines(text):
        if not old_affix_candidate(line):
            continue
        current, rounds = line, []
        for _ in range(4):
            found = old_affix_edits(current, persian_spans(current))
            if not found:
                break
            rounds.append(found)
            current = apply_edits(current, found)
        else:
            rounds = []
        source = list(range(len(line)))
        out: list[Edit] = []
        for found in rounds:
            for start, end, new in reversed(found):
                out.append((base + source[start], base + source[end - 1] + 1, new))
                source[start:end] = [-1] * len(new)
        edits.extend(sorted(out))
    return edits


# ---------------------------------------------------------------- generated texts

_PIECES = [
    *("می", "نمی", "مي", "نمي", "خواهم", "روم", "توان", "ها", "های", "هایی", "هایشان", "ترین"),
    *("کتاب", "كتاب", "بندر", "بزرگ", "ماه", "میز", "به", "که", "كه", "مشاهدات", "جمعه", "در"),
    *("قال", "هو", "ہیں", "علی", "علي", "في", "فی", "على", "الكتاب", "مدرسة", "این", "اين"),
    *(" ", " ", " ", "  ", ZWNJ, "\u200d", "\u064e", "\u0651", "\u0670", "\u0640", "\u06cc"),
    *("\u06a9", "\u0643", "\u064a", "\u0649", "ا", "ر", "ه", "ت", "م", "د"),
    *("5", "۱۵", "\u00b2", "\u2460", "\u00bd", "x", "AGV", ".", "،", "\n", "\r\n", "\u2028"),
    *("\x1f", "\u00a0", "\ufe8e", "\ufdfd", "\r", "\x85", "\x1c", "\x0b"),
]
_WORDS = st.sampled_from(
    [
        *("می", "نمی", "مي", "خواهم", "روم", "توان", "ها", "های", "هایشان", "ترین", "کتاب"),
        *("بندر", "بزرگ", "ماه", "به", "مشاهدات", "علی", "كتاب", "اين", "مدرسة", "۱۵", "\u00b2"),
    ]
)
_SEPS = st.sampled_from([" ", " ", "  ", "", ZWNJ, "\n", "، "])
# Pieces of every kind, and sentences of words most of which the rules look at.
_TEXTS = st.one_of(
    st.lists(st.sampled_from(_PIECES), max_size=16).map("".join),
    st.lists(st.tuples(_WORDS, _SEPS), max_size=10).map(lambda p: "".join(w + s for w, s in p)),
)


@st.composite
def _text_and_spans(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    text = draw(_TEXTS)
    bounds = st.integers(0, len(text))
    spans = sorted(draw(st.lists(st.tuples(bounds, bounds), max_size=3)))
    return text, [(min(a, b), max(a, b)) for a, b in spans]


@settings(max_examples=600, deadline=None)
@given(case=_text_and_spans())
@example(case=("ماه می خواهم", [(0, 12)]))
@example(case=("۱۵ می روم \u00b2 می روم", [(0, 20)]))
def test_affix_rules_are_the_old_ones(case: tuple[str, list[tuple[int, int]]]) -> None:
    text, spans = case
    assert affix_edits(text, spans) == old_affix_edits(text, spans)
    assert affix_edits(text, [(0, len(text))]) == old_affix_edits(text, [(0, len(text))])
    assert affix_candidate(text) is old_affix_candidate(text)


@settings(max_examples=400, deadline=None)
@given(case=_text_and_spans(), lang=st.sampled_from(["fa", "ar", "ur", "pnb", "ps", "en", "und"]))
def test_letter_conventions_are_the_old_ones(
    case: tuple[str, list[tuple[int, int]]], lang: str
) -> None:
    text, spans = case
    for start, end in [*spans, (0, len(text))]:
        assert convert_letters(text, lang, start, end) == old_convert_letters(
            text, lang, start, end
        )


def test_the_oracle_finds_work() -> None:
    """The generated texts meet the rules: the oracle is not comparing empty lists."""
    assert old_affix_edits("کتاب ها و می روم", [(0, 16)]) == [(4, 5, ZWNJ), (12, 13, ZWNJ)]
    assert old_convert_letters("فی کتاب", "ar", 0, 7) == [(1, 2, "ى"), (3, 4, "ك")]


@pytest.mark.slow
@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_TEXTS, languages=st.sampled_from([None, ("fa", "en"), ("ar", "ur")]))
@example(text="بزرگ ترین", languages=None)  # Persian at 0.73
@example(text="اين كتاب را مي خواهم\nذهب الولد إلى المدرسة فی الصباح", languages=None)
def test_steps_are_the_old_ones(text: str, languages: tuple[str, ...] | None) -> None:
    """The whole steps, tagger included: lines, rounds, settling, the edits mapped back."""
    candidates = arabic_candidates(languages)
    ctx = steps.Context(run_tags=steps.run_tags(languages), languages=languages)
    assert steps.letters(text, True, ctx) == old_letters(text, candidates)
    expected = old_persian_affixes(text, candidates) if "fa" in candidates else []
    assert steps.persian_affixes(text, True, ctx) == expected
