"""The reordering engines against the Unicode Consortium's BidiCharacterTest.txt.

Each line of the file gives a paragraph, its direction (0 LTR, 1 RTL, 2 auto),
the resolved paragraph level, the levels and the visual order of the
characters that rule X9 keeps.  We parse the file once and run every line
through each engine, rules L1 and L2 included, then report the counts.

``PythonEngine`` has two paths: a fast one for paragraphs without explicit
controls and the general one.  The tests count how often the fast path
answered, so the files are known to exercise it, and also run every line of
BidiCharacterTest.txt through the general path alone, which stays the
reference the fast path is compared with in ``tests/test_bidi_fast.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from mixscript.bidi import fast as bidi_fast
from mixscript.bidi.engine import (
    IcuEngine,
    LevelEngine,
    PythonEngine,
    _general_levels,
    bidi_class,
    line_levels,
    removed_by_x9,
    reorder_line,
)

Case = tuple[int, str, int | None, int, list[int]]
# LRE RLE PDF LRO RLO and LRI RLI FSI PDI (UAX #9, table 4): with none of
# them a paragraph is one isolating run sequence, the fast path's domain.
EXPLICIT_CONTROLS = frozenset(map(chr, [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]))


def _has_explicit(text: str) -> bool:
    return not EXPLICIT_CONTROLS.isdisjoint(text)


class _CountFastPath:
    """Wraps ``bidi_fast.fast_levels`` to count the paragraphs whose levels it gave.

    Call :meth:`check` with the levels the engine returned: it counts them
    only if they are the very list the fast path produced for that call.
    """

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.taken = 0
        self._last: list[int] | None = None
        self._real = bidi_fast.fast_levels
        monkeypatch.setattr(bidi_fast, "fast_levels", self)

    def __call__(self, text: str, codes: str, base: int | None) -> tuple[list[int], int] | None:
        result = self._real(text, codes, base)
        self._last = None if result is None else result[0]
        return result

    def check(self, levels: list[int]) -> None:
        self.taken += levels is self._last
        self._last = None


class _GeneralOnly:
    """The general path of ``PythonEngine`` as an engine of its own."""

    name = "python-general"

    def levels(self, text: str, base_level: int | None) -> tuple[list[int], int]:
        return _general_levels(text, base_level)


def _load(path: Path) -> list[Case]:
    cases: list[Case] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line or line.startswith("#"):
            continue
        codes, direction, para, _levels, order = line.split(";")
        text = "".join(chr(int(h, 16)) for h in codes.split())
        base = {"0": 0, "1": 1, "2": None}[direction]
        cases.append((number, text, base, int(para), [int(x) for x in order.split()]))
    return cases


def _failures(
    engine: LevelEngine, cases: list[Case], fast: _CountFastPath | None = None
) -> list[Case]:
    failed: list[Case] = []
    for case in cases:
        _, text, base, para, expected = case
        levels, got_para = engine.levels(text, base)
        if fast is not None:
            fast.check(levels)
        lines = line_levels(text, levels, got_para, 0, len(text))
        order = [i for i in reorder_line(lines) if not removed_by_x9(bidi_class(text[i]))]
        if order != expected or got_para != para:
            failed.append(case)
    return failed


@pytest.fixture(scope="module")
def cases(ucd_file: Callable[[str], Path]) -> list[Case]:
    loaded = _load(ucd_file("BidiCharacterTest.txt"))
    assert len(loaded) > 90_000, "BidiCharacterTest.txt looks truncated"
    return loaded


def test_python_engine_reproduces_every_line(
    cases: list[Case], monkeypatch: pytest.MonkeyPatch
) -> None:
    counter = _CountFastPath(monkeypatch)
    failed = _failures(PythonEngine(), cases, counter)
    passed = len(cases) - len(failed)
    assert not failed, f"python engine: {passed}/{len(cases)} lines; first failures {failed[:3]}"
    without_controls = sum(not _has_explicit(case[1]) for case in cases)
    assert without_controls > 90_000
    assert counter.taken == without_controls, "the fast path must answer every such line"


@pytest.mark.slow
def test_general_path_reproduces_every_line(cases: list[Case]) -> None:
    failed = _failures(_GeneralOnly(), cases)
    passed = len(cases) - len(failed)
    assert not failed, f"general path: {passed}/{len(cases)} lines; first failures {failed[:3]}"


def _icu_known_gap(text: str) -> bool:
    """Where ICU 72's ubidi is known to differ from UAX #9 (Unicode 15.0) in this file.

    Explicit embeddings and overrides (LRE..RLO), a combining mark after a
    bracket (N0's NSM clause), ZWJ next to a bracket, and bracket nesting past
    BD16's stack of 63.
    """
    if any(0x202A <= ord(c) <= 0x202E for c in text):
        return True
    for i, ch in enumerate(text):
        if ord(ch) in (0x28, 0x29, 0x5B, 0x5D) and i + 1 < len(text):
            nxt = bidi_class(text[i + 1])
            if nxt == "NSM" or text[i + 1] == "\N{ZERO WIDTH JOINER}":
                return True
    return text.count("(") > 63


def test_icu_engine_matches_except_documented_gaps(cases: list[Case]) -> None:
    pytest.importorskip("icu")
    failed = _failures(IcuEngine(), cases)
    passed = len(cases) - len(failed)
    unexplained = [c for c in failed if not _icu_known_gap(c[1])]
    assert not unexplained, f"icu engine: {passed}/{len(cases)}; unexplained {unexplained[:3]}"
    # The count is pinned so that a change in ICU (better or worse) is noticed.
    assert passed == len(cases) - 30, f"icu engine: {passed}/{len(cases)} lines"


# BidiTest.txt gives bidi *classes*, not characters; one character of each class
# stands in for it (none of them is a bracket, so rule N0 stays out of play,
# as the file intends).
CLASS_SAMPLE = {
    "L": "a",
    "R": "\u05d0",
    "AL": "\u0627",
    "EN": "1",
    "ES": "+",
    "ET": "$",
    "AN": "\u0660",
    "CS": ",",
    "NSM": "\u0300",
    "BN": "\u00ad",
    "B": "\u2029",
    "S": "\t",
    "WS": " ",
    "ON": "!",
    "LRE": "\u202a",
    "RLE": "\u202b",
    "PDF": "\u202c",
    "LRO": "\u202d",
    "RLO": "\u202e",
    "LRI": "\u2066",
    "RLI": "\u2067",
    "FSI": "\u2068",
    "PDI": "\u2069",
}
# Every case of the file takes about a minute; every STRIDE-th input line keeps
# the suite fast while still covering each @Levels/@Reorder block's variety.
# With STRIDE = 1 all 770,241 cases pass.
STRIDE = 10


@pytest.mark.slow
def test_python_engine_on_bidi_test_txt(
    ucd_file: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert all(bidi_class(ch) == cls for cls, ch in CLASS_SAMPLE.items())
    counter = _CountFastPath(monkeypatch)
    without_controls = 0
    engine = PythonEngine()
    levels_expected: list[str] = []
    order_expected: list[int] = []
    passed = 0
    failed: list[tuple[str, int | None]] = []
    data_lines = 0
    for raw in ucd_file("BidiTest.txt").read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("@Levels:"):
            levels_expected = line.split(":", 1)[1].split()
            continue
        if line.startswith("@Reorder:"):
            order_expected = [int(x) for x in line.split(":", 1)[1].split()]
            continue
        data_lines += 1
        if data_lines % STRIDE:
            continue
        classes, bitset = line.split(";")
        text = "".join(CLASS_SAMPLE[c] for c in classes.split())
        for bit, base in ((1, None), (2, 0), (4, 1)):
            if not int(bitset) & bit:
                continue
            levels, para = engine.levels(text, base)
            counter.check(levels)
            without_controls += not _has_explicit(text)
            lines = line_levels(text, levels, para, 0, len(text))
            got_levels = [
                "x" if removed_by_x9(bidi_class(c)) else str(lv)
                for c, lv in zip(text, lines, strict=True)
            ]
            order = [i for i in reorder_line(lines) if not removed_by_x9(bidi_class(text[i]))]
            if got_levels == levels_expected and order == order_expected:
                passed += 1
            else:
                failed.append((classes, base))
    assert passed > 70_000, f"only {passed} cases checked: BidiTest.txt looks truncated"
    assert not failed, f"{passed} passed, {len(failed)} failed, e.g. {failed[:3]}"
    assert without_controls > 10_000, "BidiTest.txt should exercise the fast path"
    assert counter.taken == without_controls, "the fast path must answer every such case"
