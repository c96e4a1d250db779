"""The core calls behind ``plan_repairs``.

Expected values are worked out by hand from the evidence rules in
``mixscript.bidi.repair``.
"""

from __future__ import annotations

from mixscript import _core


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
