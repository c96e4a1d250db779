"""The normalisation steps whose rules live in the compiled core (``rust/core/src/steps``).

Each step's ``trigger`` (Python) must cover every character its rule
(Rust) edits, or a profile would skip text the step would change: checked
here over the whole Basic Multilingual Plane for the steps that judge one
character on its own.  Expected values elsewhere are written by hand from
the Unicode Character Database.
"""

from __future__ import annotations

import re

import pytest

from mixscript import Profile, check, normalize
from mixscript.normalization import steps
from mixscript.unicode.chars import joiner_has_effect

BMP = [chr(cp) for cp in range(0x10000) if not 0xD800 <= cp <= 0xDFFF]


@pytest.mark.parametrize(
    ("name", "option"),
    [("harakat", True), ("ligatures", True), ("spaces", "all"), ("bidi_controls", "all")],
)
def test_trigger_matches_exactly_what_the_rule_edits(name: str, option: object) -> None:
    step = steps.STEPS[name]
    trigger = re.compile(step.trigger)
    ctx = steps.Context()
    edited = {ch for ch in BMP if step.func(ch, option, ctx)}
    triggered = {ch for ch in BMP if trigger.fullmatch(ch)}
    # Ligatures without any expansion (none today) would be triggered but not edited.
    assert edited == triggered, sorted(edited ^ triggered)[:10]


def test_fold_and_tatweel_triggers_cover_their_edits() -> None:
    ctx = steps.Context()
    fold = re.compile(steps.STEPS["fold"].trigger)
    tatweel = re.compile(steps.STEPS["tatweel"].trigger)
    for ch in BMP:
        # Beside an alef (fold's marks) and beside beh (tatweel stretches a word).
        text = "\u0627" + ch + "\u0628"
        if steps.fold(text, True, ctx):
            assert fold.search(text), hex(ord(ch))
        if steps.tatweel(text, True, ctx):
            assert tatweel.search(text), hex(ord(ch))


def test_presentation_forms_trigger_covers_every_unshaped_form() -> None:
    ctx = steps.Context()
    trigger = re.compile(steps.STEPS["presentation_forms"].trigger)
    unshaped = [ch for ch in BMP if steps.presentation_forms(ch, True, ctx)]
    assert all(trigger.fullmatch(ch) for ch in unshaped)
    # Forms-A and -B hold over 700 positional letter forms.
    assert len(unshaped) > 700


def test_a_joiner_after_a_unicode_15_mark_is_kept_and_not_reported() -> None:
    """U+10EFD (ARABIC SMALL LOW WORD SAKTA, Unicode 15.0) is a mark, looked through.

    Python 3.11's own data (Unicode 14.0) has it unassigned, which used to make
    the ZWJ after it look like noise; both ``normalize`` and ``check`` now read
    the tables' Unicode version.
    """
    text = "\u06ba\U00010efd\u200d\u0624"
    assert joiner_has_effect(text, 2)
    assert steps.zero_width(text, "unused", steps.Context()) == []
    assert normalize(text, Profile("zw", zero_width="unused")) == text
    assert check(text) == []
    # The same joiner after a Latin letter does nothing: removed and reported.
    assert normalize("wo\u200drd", Profile("zw", zero_width="unused")) == "word"
    assert [f.code for f in check("wo\u200drd")] == ["MS208"]
