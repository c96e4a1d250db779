"""The shortcuts of ``plan_repairs`` give what its full path gives.

Most lines need no repair, so ``plan_repairs`` skips the runs and final-stop
repairs of a line when the compiled core's cheap necessary conditions
(``_core.may_tidy``, also answered by ``_core.line_records``) say neither can change the line nor the line as the
rest of the profile leaves it, and skips the block rules for a text of one
line.  Here the shortcut is compared with the full path (the pre-check
forced to say yes) on lines built from the pieces the repairs look at, and
the block rules are shown to say nothing about a single line.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mixscript import _core
from mixscript.bidi import repair
from mixscript.bidi.repair import plan_repairs
from mixscript.unicode.shaping import unshape_words

_PIECES = st.sampled_from(
    [
        # Arabic-script words, logical and reversed, Persian and Urdu ones
        "ذهب",
        "الولد",
        "دلولا",
        "المدرسة",
        "ةسردملا",
        "في",
        "يف",
        "ہیں",
        "می",
        "روم",
        "إلى",
        "ىلإ",
        # Latin words, digits of three systems
        "Martin",
        "John",
        "www.site.com",
        "2019",
        "٢٠١٩",
        "۱۲",
        # stops, spaces, punctuation
        ".",
        "!",
        "?",
        "\u061f",
        "\u06d4",
        "\u2026",
        " ",
        " ",
        "  ",
        "\t",
        "\u00a0",
        "(",
        ")",
        ":",
        # presentation forms (سلام in forms, a lam-alef, the ligature U+FDFD)
        "\ufeb3\ufef6\ufee1",
        "\ufefb",
        "\ufdfd",
        # bidi controls, ZWNJ, harakat, tatweel
        "\u202a",
        "\u202b",
        "\u202c",
        "\u200f",
        "\u200c",
        " \u200c",
        "\u064e",
        "\u0651",
        "\u0640",
    ]
)
_LINE = st.lists(_PIECES, max_size=12).map("".join)
_TEXT = st.lists(_LINE, min_size=1, max_size=4).map("\n".join)


def _fold_yeh(line: str) -> str:
    """A stand-in for the rest of a profile: folds ى into ي and drops harakat, as ``search`` does."""
    return line.replace("\u0649", "\u064a").replace("\u064e", "").replace("\u0651", "")


_JUDGES: list[Callable[[str], str] | None] = [None, unshape_words, _fold_yeh]


@settings(max_examples=400, deadline=None)
@given(_TEXT, st.sampled_from(range(len(_JUDGES))), st.booleans(), st.booleans())
def test_tidy_precheck_is_exact(text: str, which: int, keep_forms: bool, harakat: bool) -> None:
    judge = _JUDGES[which]
    shortcut = plan_repairs(text, judge=judge, keep_forms=keep_forms, strips_harakat=harakat)
    records = repair._line_records
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(repair, "_may_tidy", lambda line: True)
        # The core's own answer for each line (its last field) forced too.
        mp.setattr(repair, "_line_records", lambda t: [(*r[:-1], True) for r in records(t)])
        full = plan_repairs(text, judge=judge, keep_forms=keep_forms, strips_harakat=harakat)
    assert shortcut == full


def test_tidy_precheck_lets_the_repairs_through() -> None:
    # The shortcut is taken for a logical line, and not for the damage the
    # repairs undo (expected lines typed by hand).
    assert not _core.may_tidy("ذهب الولد إلى المدرسة")
    runs = plan_repairs(".2019  المدينة عامMartin زار الأستاذ")
    assert [r.text for r in runs] == ["زار الأستاذ Martin المدينة عام 2019."]
    stop = plan_repairs(".ذهب الولد إلى المدرسة")
    assert [(r.text, r.rules) for r in stop] == [("ذهب الولد إلى المدرسة.", ("final_stop",))]


_COUNTS = st.integers(min_value=0, max_value=40)


@settings(max_examples=300, deadline=None)
@given(_LINE, _COUNTS, _COUNTS, st.booleans(), st.booleans(), st.booleans())
def test_block_rules_say_nothing_about_one_line(
    work: str, forward: int, backward: int, own: bool, words_reversed: bool, clean: bool
) -> None:
    # Why a text of one line skips them: each needs two lines or more.
    item = repair._Line(0, len(work), 0, work, [], forward, backward)
    item.own = work if own else None
    item.words_reversed, item.clean = words_reversed, clean
    assert repair._block_is_visual([item]) is None
    assert repair._block_has_reversed_words([item]) is False
    assert repair._block_has_moved_stops([item]) is False
