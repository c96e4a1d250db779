"""Reading drawn lines back (``to_logical``) in the compiled core, against the Python it replaced.

The oracle is the Python implementation of ``mixscript.bidi.repair`` that
``rust/core/src/repair/reorder.rs`` replaced, kept here as it was; its
UAX #9 levels come from the core's paragraph levels and rule L1, which
``test_bidi_conformance`` checks against the Unicode Consortium's test
files, and its paragraph-level guess reads each character's bidi class in
turn.  Both must give the same text for every line: generated lines (raw,
and drawn by ``mixscript.to_visual`` in both mark placements, shaped or
not), the texts of the test cases, and lines of BidiCharacterTest.txt.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mixscript
from mixscript import _core
from mixscript.bidi.engine import (
    MIRROR_TABLE,
    bidi_class,
    class_codes,
    codes_of,
    keep_marks_after_base,
    reorder_line,
)
from mixscript.bidi.repair import to_logical
from mixscript.unicode.chars import is_arabic_letter_or_mark
from mixscript.unicode.shaping import unshape

# ---------------------------------------------------------------- the oracle

_SENTENCE_END = frozenset(".!?\u061f\u06d4\u2026")  # . ! ? ؟ ۔ …
_OPENERS = {"(": ")", "[": "]", "{": "}", "«": "»", "<": ">"}
_CLOSERS = frozenset(_OPENERS.values())
_ANY_BRACKET = re.compile("[" + re.escape("".join(_OPENERS) + "".join(_CLOSERS)) + "]")
_R, _AL = codes_of("R"), codes_of("AL")
_PERSIAN_DIGITS_AS_AN = {cp: "\u0660" for cp in range(0x06F0, 0x06FA)}
_PERSIAN_DIGIT = re.compile("[\u06f0-\u06f9]")
_PARITY = bytes(level & 1 for level in range(256))
_FOLD_TABLE = {cp: min(chr(cp), to) for cp, to in MIRROR_TABLE.items()}
_MIRRORED = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(MIRROR_TABLE)) + "]")
_DIGIT_BESIDE_LETTER = re.compile("(?=[Dd] *L|L *[Dd])")
_CID = re.compile(r"\(cid:\d+\)")
_STAND_INS = [chr(0x10A60 + k) for k in range(32)]


def _pick(text: str, order: list[int]) -> str:
    return "".join(text[i] for i in order)


def _strong_base(line: str) -> int:
    strong = [c for c in (bidi_class(ch) for ch in line) if c in ("L", "R", "AL")]
    if not strong:
        return 0
    if (strong[-1] != "L") != (strong[0] == "L"):
        return 1 if strong[-1] != "L" else 0
    return 1 if 2 * sum(1 for c in strong if c != "L") >= len(strong) else 0


def _ends_sentence(candidate: str) -> int:
    body = candidate.strip()
    if not body:
        return 0
    return (body[-1] in _SENTENCE_END) - (body[0] in _SENTENCE_END)


def _bracket_errors(text: str) -> int:
    stack: list[str] = []
    errors = 0
    n = len(text)
    for m in _ANY_BRACKET.finditer(text):
        i = m.start()
        ch = text[i]
        if ch in _OPENERS:
            stack.append(_OPENERS[ch])
        elif stack and stack[-1] == ch:
            stack.pop()
        else:
            errors += 1
        before = text[i - 1].isalnum() if i > 0 else False
        after = text[i + 1].isalnum() if i + 1 < n else False
        if (before and not after and ch in _OPENERS) or (after and not before and ch in _CLOSERS):
            errors += 1
    return errors + len(stack)


def _misplaced_mark(mark: str, base: str, word_initial: bool) -> bool:
    if not base or not is_arabic_letter_or_mark(base):
        return True
    return mark == "\N{ARABIC SHADDA}" and word_initial


def _marks_follow_base(line: str) -> bool:
    votes = 0
    for i, j in _core.arabic_mark_runs(line):
        left = line[i - 1] if i > 0 else ""
        right = line[j] if j < len(line) else ""
        left_initial = not right or not is_arabic_letter_or_mark(right)
        right_initial = j + 1 >= len(line) or not is_arabic_letter_or_mark(line[j + 1])
        for mark in line[i:j]:
            votes += _misplaced_mark(mark, right, right_initial)
            votes -= _misplaced_mark(mark, left, left_initial)
    return votes > 0


@lru_cache(maxsize=64)
def _cached_levels(text: str, base: int) -> tuple[int, ...]:
    levels, para = _core.bidi_levels(text, base)
    return tuple(_core.line_levels(text, levels, para))


def _levels(text: str, base: int) -> list[int]:
    return list(_cached_levels(text, base))


def _levels_through(line: str, order: list[int], base: int) -> list[int]:
    back = [0] * len(line)
    for i, level in zip(order, _levels(_pick(line, order), base), strict=True):
        back[i] = level
    return back


def _order(text: str, lev: list[int], marks_after: bool) -> list[int]:
    order = reorder_line(lev)
    return keep_marks_after_base(text, order, lev) if marks_after else order


def _redraw(text: str, base: int, marks_after: bool) -> str:
    return _pick(text, _order(text, _levels(text, base), marks_after))


def _starts(line: str, base: int) -> Iterator[list[int]]:
    if base == 1:
        yield _levels(line[::-1], 1)[::-1]
    yield _levels(line, base)
    if _PERSIAN_DIGIT.search(line) is not None:
        yield _levels(line.translate(_PERSIAN_DIGITS_AS_AN), base)


def _readings(line: str, base: int, marks_after: bool) -> Iterator[tuple[list[int], list[int]]]:
    for lev in _starts(line, base):
        first = _order(line, lev, marks_after)
        yield first, lev
        lev2 = _levels_through(line, first, base)
        yield _order(line, lev2, marks_after), lev2


def _number_latin_kind(ch: str) -> str:
    if ch.isalnum() and bidi_class(ch) in ("L", "EN", "AN"):
        return ("D" if ch.isascii() else "d") if ch.isdigit() else "L"
    return " " if ch == " " else "x"


def _split_number_latin(line: str, order: list[int]) -> int:
    drawn = _pick("".join(map(_number_latin_kind, line)), order)
    swaps = 0
    for m in _DIGIT_BESIDE_LETTER.finditer(drawn):
        k = m.start()
        j = k + 1
        while drawn[j] == " ":
            j += 1
        ascii_digit = "D" in (drawn[k], drawn[j])
        if (order[k] > order[j]) == ascii_digit:
            swaps += 1
    return swaps


def _fold(text: str) -> str:
    return _MIRRORED.sub(lambda m: _FOLD_TABLE[ord(m[0])], text)


def _mirror_odd(text: str, levels: list[int]) -> str:
    return "".join(
        MIRROR_TABLE.get(ord(c), c) if lv & 1 else c for c, lv in zip(text, levels, strict=True)
    )


def _logical_text(line: str, order: list[int], lev: list[int]) -> tuple[int, str]:
    plain = _pick(line, order)
    if _MIRRORED.search(line) is None:
        return _bracket_errors(plain), plain
    mirrored = _pick(_mirror_odd(line, lev), order)
    plain_errors, mirrored_errors = _bracket_errors(plain), _bracket_errors(mirrored)
    if plain_errors < mirrored_errors:
        return plain_errors, plain
    return mirrored_errors, mirrored


def _reorder_line(line: str) -> str:
    codes = class_codes(line)
    if _R not in codes and _AL not in codes:
        return line
    marks_after = _marks_follow_base(line)
    guess = _strong_base(line)
    folded = _fold(line)
    ceiling = (True, int(not _SENTENCE_END.isdisjoint(line)), 0, 0, True, 0)
    best: tuple[tuple[bool, int, int, int, bool, int], str] | None = None
    for base in (guess, 1 - guess):
        seen: set[tuple[tuple[int, ...], bytes]] = set()
        for rank, (order, lev) in enumerate(_readings(line, base, marks_after)):
            reading = (tuple(order), bytes(lev).translate(_PARITY))
            if reading in seen:
                continue
            seen.add(reading)
            errors, text = _logical_text(line, order, lev)
            redrawn = _redraw(text, base, marks_after)
            key = (
                _fold(redrawn) == folded,
                _ends_sentence(text),
                -errors,
                -_split_number_latin(line, order),
                base == guess,
                -rank,
            )
            if best is None or key > best[0]:
                best = (key, text)
            if key == ceiling:
                return unshape(text)
    assert best is not None
    return unshape(best[1])


def _oracle_line(line: str) -> str:
    cids = _CID.findall(line)
    if not cids or len(cids) > len(_STAND_INS) or any(c in line for c in _STAND_INS):
        return _reorder_line(line)
    stand = iter(_STAND_INS)
    marked = _CID.sub(lambda m: next(stand), line)
    back = dict(zip(_STAND_INS, cids, strict=False))
    return "".join(back.get(ch, ch) for ch in _reorder_line(marked))


def _oracle(text: str) -> str:
    return "".join(
        _oracle_line(text[start:end]) + text[end:brk] for start, end, brk in _core.line_spans(text)
    )


# ---------------------------------------------------------------- the comparisons


def _assert_same(text: str) -> None:
    assert to_logical(text) == _oracle(text), repr(text)
    for start, end, _brk in _core.line_spans(text):
        line = text[start:end]
        assert _core.line_to_logical(line) == _oracle_line(line), repr(line)


_PIECES = [
    # Arabic, Persian and Urdu words, some with harakat or ZWNJ, some reversed
    *("السلام", "عليكم", "في", "المدرسة", "الله", "لا", "كَتَبَ", "بِسْمِ", "الرَّحْمَنِ", "مدرسة"),
    *("می\u200cخواهم", "دانشگاه", "است", "کتاب", "یہ", "ہے", "اچھی", "ملا", "ةسردملا", "يف"),
    # Latin words, digits of three systems, numbers with separators
    *("Windows", "PM", "abc", "x", "2021", "06:41", "1.5", "٣", "١٢", "٫", "۱۴۰۰", "۵", "10%"),
    # brackets, punctuation, spaces
    *("(", ")", "[", "]", "{", "}", "«", "»", "<", ">", ".", "،", "؟", "!", ":", "-", "/", "۔"),
    *("\u2026", " ", " ", " ", "\u00a0", "\t", "  "),
    # marks, tatweel, joiners, directional marks, Hebrew
    *("\u064e", "\u0651", "\u0650", "\u0670", "\u0301", "\u0640", "\u200c", "\u200d", "\u200f"),
    "\u05d0\u05d1",
    # presentation forms (Forms-B letters and lam-alef, Forms-A, ALLAH)
    *("\ufee1\ufefc\ufeb4\ufedf\ufe8d", "\ufeea", "\ufef7", "\ufb58", "\ufdf2", "\ufe70"),
    # pdfminer's placeholders, and the character that stands for one
    *("(cid:12)", "(cid:3)", "(cid:١٢)", "(cid:)", "\U00010a60"),
    # astral Arabic letters
    "\U0001ee01",
]

_line = st.lists(st.sampled_from(_PIECES), max_size=14).map("".join)


@settings(max_examples=400, deadline=None)
@given(_line, st.booleans(), st.booleans(), st.booleans())
def test_core_reads_lines_back_as_the_python_did(
    line: str, draw: bool, marks_after: bool, shape: bool
) -> None:
    _assert_same(line)
    if draw:
        _assert_same(mixscript.to_visual(line, marks_after_base=marks_after, shape=shape))


@settings(max_examples=100, deadline=None)
@given(st.lists(_line, min_size=1, max_size=4), st.sampled_from(["\n", "\r\n", "\f", "\u2029"]))
def test_core_reads_texts_back_as_the_python_did(lines: list[str], brk: str) -> None:
    _assert_same(brk.join(lines))
    _assert_same(mixscript.to_visual(brk.join(lines)))


def _case_texts() -> list[str]:
    here = Path(__file__).parent
    texts: list[str] = []
    for name in ("cases/normalization.json", "cases/negative.json"):
        for case in json.loads((here / name).read_text(encoding="utf-8")):
            texts += [v for v in case.values() if isinstance(v, str)]

    def strings(value: object) -> Iterator[str]:
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for v in value.values():
                yield from strings(v)
        elif isinstance(value, list):
            for v in value:
                yield from strings(v)

    samples = json.loads((here / "data/lang_samples.json").read_text(encoding="utf-8"))
    texts += strings(samples)
    return texts


def test_core_reads_the_test_cases_back_as_the_python_did() -> None:
    texts = _case_texts()
    assert len(texts) > 100
    for text in texts:
        _assert_same(text)
        _assert_same(mixscript.to_visual(text))
        _assert_same(mixscript.to_visual(text, marks_after_base=True, shape=False))


def test_the_lone_cases_the_core_decides() -> None:
    """Hand-checked lines whose reading turns on one tie-break each."""
    cases = {
        "PM 06:41 ةعاسلا": "الساعة PM 06:41",
        ")مكيلع( مالسلا": "السلام (عليكم)",
        "(cid:12)مالسلا": "السلام(cid:12)",
        ".مالسلا": "السلام.",
        # Read as an Arabic number, the Persian digit stays with the Arabic word.
        "Vienna ۵ م": "Vienna م ۵",
        "\ufee1\ufefc\ufeb4\ufedf\ufe8d": "السلام",
    }
    for drawn, logical in cases.items():
        assert to_logical(drawn) == _oracle(drawn) == logical
    latin = "abc (x) 12."
    assert _core.line_to_logical(latin) is latin


@pytest.mark.slow
def test_core_reads_bidi_character_test_lines_back_as_the_python_did(
    ucd_file: Callable[[str], Path],
) -> None:
    """Lines of BidiCharacterTest.txt (every 7th): explicit embeddings, isolates, numbers."""
    seen = 0
    path = ucd_file("BidiCharacterTest.txt")
    for k, raw in enumerate(path.read_text(encoding="utf-8").splitlines()):
        if not raw or raw.startswith("#") or k % 7:
            continue
        text = "".join(chr(int(cp, 16)) for cp in raw.split(";")[0].split())
        _assert_same(text)
        seen += 1
    assert seen > 10_000
