"""The core calls behind ``plan_repairs`` and the reading of drawn lines.

Expected values are worked out by hand from UAX #9 (rules W7, N1, I1-I2,
L1-L2) and from the evidence rules in ``mixscript.bidi.repair``.
"""

from __future__ import annotations

import pytest

from mixscript import _core

HEBREW = "abc \u05d0\u05d1 12"  # Latin, a space, alef bet, a space, an ASCII number


def test_line_records_read_every_line_once() -> None:
    text = "abc\r\n\u202bةنيدملا يف\u202c\f.في  xبa"
    latin, wrapped, tidy = _core.line_records(text)
    assert latin == (0, 3, 5, "abc", False, False, 0, 0, 0, 0, False)
    # The wrapper goes; ةنيدملا reads backwards with teh marbuta (2) and the
    # article (1), يف as the function word في (1): two words backwards.
    assert wrapped == (5, 17, 18, "ةنيدملا يف", True, True, 0, 4, 0, 2, False)
    # A stop at the front, a double space and a Latin letter glued to an
    # Arabic one: the line may need tidying; في forwards (1).
    assert tidy == (18, 26, 26, ".في  xبa", False, True, 1, 0, 1, 0, True)


def test_a_one_line_text_comes_back_as_itself() -> None:
    line = "في المدينة"
    ((start, end, brk, work, *_),) = _core.line_records(line)
    assert (start, end, brk) == (0, 5 + 1 + 4, 10)
    assert work is line


def test_levels_and_redrawing_follow_uax9() -> None:
    # The Hebrew letters and the space after them are R at level 1; the
    # number after R stays EN (W7) and goes to level 2 (I1).
    assert _core.line_levels_at(HEBREW, 0) == [0, 0, 0, 0, 1, 1, 1, 2, 2]
    # L2: reverse the level-2 run, then the run of levels 1 and above.
    assert _core.redraw(HEBREW, 0, False) == "abc 12 \u05d1\u05d0"
    # Read in its own order, a line resolves as it is.
    assert _core.levels_through(HEBREW, list(range(9)), 0) == _core.line_levels_at(HEBREW, 0)
    # Read reversed ("21 בא cba"), each level goes back to its character:
    # at base 1 everything is R-ish but the Latin (2) and the number (2).
    back = _core.levels_through(HEBREW, list(range(8, -1, -1)), 1)
    assert back == [2, 2, 2, 1, 1, 1, 1, 2, 2]


@pytest.mark.parametrize(
    "call",
    [
        lambda: _core.line_levels_at("ab", 2),
        lambda: _core.redraw("ab", 2, False),
        lambda: _core.levels_through("ab", [0, 0], 0),
        lambda: _core.levels_through("ab", [0], 0),
        lambda: _core.levels_through("ab", [0, 2], 0),
    ],
)
def test_bad_arguments_are_refused(call: object) -> None:
    with pytest.raises(ValueError):
        call()  # type: ignore[operator]
