"""``normalize`` runs stretches of compiled steps as one core chain; ``explain``
runs every step on its own.  Both are public, so they must agree."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings

from mixscript import PROFILES, explain, normalize
from mixscript.model import InputError
from mixscript.normalization import profiles
from mixscript.normalization.steps import STEPS

from .test_profiles import texts

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
