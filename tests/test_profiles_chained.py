"""``normalize`` and ``explain`` run stretches of compiled steps as one core
chain (``explain`` composing each step's edits onto its alignment there), and
take the visual-order judge's answer for a line it left alone.  They must
agree with each other, and with the steps run one by one, each step's own
edits composed by :class:`~mixscript.text.edits.Alignment` (the definition of
a profile)."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings

from mixscript import PROFILES, explain, normalize
from mixscript.model import InputError
from mixscript.normalization import profiles
from mixscript.normalization.profiles import Profile
from mixscript.normalization.steps import STEPS
from mixscript.text.edits import Alignment

from .test_profiles import replay, texts

# The built-in profiles and variants that put the compiled steps in other
# company: every compiled step but nothing in Python, steps after nfc
# (digits in Arabic runs, fold without harakat), and Python steps in between.
VARIANTS = [
    *PROFILES.values(),
    replace(
        PROFILES["clean"], name="compiled", visual_order=False, letters=False, persian_affixes=False
    ),
    replace(PROFILES["search"], name="persian digits", digits="persian", casefold=False),
    replace(PROFILES["safe"], name="arabic digits", digits="arabic", fold=True, spaces="all"),
    replace(PROFILES["clean"], name="harakat", harakat=True, zero_width="unused"),
    replace(PROFILES["search"], name="no nfc", nfc=False, visual_order=False),
]


@pytest.mark.slow
@pytest.mark.parametrize("profile", VARIANTS, ids=lambda p: p.name)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts)
def test_normalize_is_the_text_of_explain(profile: profiles.Profile, text: str) -> None:
    assert normalize(text, profile) == explain(text, profile).text


def _step_by_step(text: str, profile: Profile) -> tuple[str, Alignment]:
    """The profile's steps one at a time, in order, with the steps' own edits.

    A step runs when its trigger matches the text (``casefold``'s leaves
    out a few letters that fold, such as U+00B5 MICRO SIGN, so this is part
    of what a profile does); a step that changed the text has its ``then``
    steps (those the profile runs) judged again; a change made after
    ``nfc`` marks the text for a last NFC pass.  No chains, no shortcut:
    what they must give.
    """
    ctx = profiles._context(profile, None, True)
    active = profile.active()
    alignment = Alignment(len(text))
    dirty = False
    for k, name in enumerate(active):
        after_nfc = "nfc" in active[:k]
        trigger = STEPS[name].trigger
        if trigger and re.search(trigger, text) is None:
            continue
        edits = STEPS[name].func(text, getattr(profile, name), ctx)
        if not edits:
            continue
        text, alignment = alignment.apply(text, edits, name)
        dirty = dirty or after_nfc
        for again in STEPS[name].then:
            if again in active:
                redo = STEPS[again].func(text, getattr(profile, again), ctx)
                if redo:
                    text, alignment = alignment.apply(text, redo, again)
                    dirty = dirty or after_nfc
    if profile.nfc and dirty:
        text, alignment = alignment.apply(text, STEPS["nfc"].func(text, True, ctx), "nfc")
    return text, alignment


@pytest.mark.slow
@pytest.mark.parametrize("profile", VARIANTS, ids=lambda p: p.name)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts)
def test_explain_is_the_steps_one_by_one(profile: profiles.Profile, text: str) -> None:
    """Text, changes and every source span of ``explain`` are those of the steps run one by one,
    and replaying the changes on the input gives the output."""
    n = explain(text, profile)
    out, alignment = _step_by_step(text, profile)
    assert n.text == out == normalize(text, profile)
    assert n.changes == alignment.changes(out)
    assert replay(text, n.changes) == n.text
    size = len(out)
    for i in range(size + 1):
        for j in range(i, size + 1):
            assert n.source_span(i, j) == alignment.source_span(i, j), (i, j)


def test_chains_by_hand() -> None:
    """Cases whose answers follow from the step rules (checked by hand)."""
    compiled = VARIANTS[3]
    # Tatweel stretching a word goes; the Forms-B lam-alef unshapes; a
    # ligature expanded next to a hamza above composes with it by NFC.
    assert normalize("\u0628\u0640\u0640\u062a", compiled) == "\u0628\u062a"
    assert normalize("\ufefb", compiled) == "\u0644\u0627"
    assert normalize("\ufdf1\u0654", compiled) == "\u0642\u0644\u06d3"
    # harakat (after nfc) lets alef meet hamza above: the last NFC pass.
    search = PROFILES["search"]
    assert normalize("\u0627\u0657\u0654", replace(search, fold=False)) == "\u0623"


def test_quiet_text_is_returned_or_composed() -> None:
    plain = "Image2.jpg, 1.5 and caf\u00e9"
    assert normalize(plain, "clean") is plain
    # Nothing a step touches, but NFC still composes e + acute accent.
    assert normalize("cafe\u0301", "clean") == "caf\u00e9"
    assert normalize("cafe\u0301", replace(PROFILES["clean"], nfc=False)) == "cafe\u0301"


def test_errors_are_the_librarys() -> None:
    with pytest.raises(TypeError, match=r"text must be str, not bytes \(decode it first"):
        normalize(b"abc")  # type: ignore[arg-type]
    with pytest.raises(InputError, match="lone surrogate U\\+D800"):
        normalize("ab\ud800", "safe")
    with pytest.raises(TypeError, match="text must be str, not int"):
        normalize(3, "search")  # type: ignore[arg-type]


@pytest.mark.parametrize("surrogate", ["\ud800", "\udfff"])
def test_a_lone_surrogate_is_refused_wherever_it_stands(surrogate: str) -> None:
    """The core reads a text sixteen code points at a time; a surrogate in
    any place of a block, in ASCII, Latin or Arabic company, is refused."""
    for filler in ("x", "\u00e9", "\u0628"):
        for n in range(40):
            text = filler * n + surrogate + "\u00ad" + filler * (n % 17)
            with pytest.raises(InputError, match="lone surrogate"):
                normalize(text, "clean")


def test_results_of_every_width_come_back_whole() -> None:
    """A result is built as narrow as its characters allow: ASCII, Latin-1,
    two bytes and four a character, each at every length around a block."""
    for tail in ("x", "\u00ff", "\u0100", "\uffef", "\U0001f600"):
        for n in range(40):
            # The soft hyphen and the ZWSP go; the rest stays as it is.
            text = "ab" * n + "\u00ad" + tail * (n % 18) + "\u200b."
            expected = "ab" * n + tail * (n % 18) + "."
            out = normalize(text, "clean")
            assert out == expected
            assert explain(text, "clean").text == expected


@pytest.mark.parametrize("name", sorted(STEPS))
def test_trigger_ranges_are_the_triggers_characters(name: str) -> None:
    """The joined trigger the core checks holds exactly the BMP characters of each trigger."""
    trigger = STEPS[name].trigger
    ranges = profiles._trigger_ranges(trigger)
    pattern = re.compile(trigger) if trigger else None
    for cp in range(0x10000):
        if 0xD800 <= cp < 0xE000:
            continue
        inside = any(lo <= cp <= hi for lo, hi in ranges)
        assert inside == (pattern is not None and pattern.fullmatch(chr(cp)) is not None), hex(cp)
