"""Invariants of the profiles, checked with Hypothesis on mixed-script text."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Hashable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mixscript import PROFILES, Profile, explain, normalize
from mixscript.model import Change
from mixscript.normalization.steps import STEPS
from mixscript.text.edits import Alignment

# Characters that exercise every step: Arabic letters and harakat (in both
# orders), presentation forms, word ligatures, Persian/Urdu letters, joiners,
# bidi controls, odd spaces, tatweel, three digit sets, Latin with accents,
# emoji with ZWJ, line breaks.
MIXED = st.sampled_from(
    list("abcXYZé,. '\"0123456789-()")
    + list("ابتسملهيكىةأإآٱءؤئ")
    + list("یکگپچژہےٹڑںھ۔،؛؟")
    + ["\u064e", "\u0651", "\u0650", "\u0652", "\u0654", "\u0670", "\u06e1", "\u0301"]
    + [
        "\ufef7",
        "\ufee7",
        "\ufeea",
        "\ufe8d",
        "\ufedf",
        "\ufb8a",
        "\ufdf2",
        "\ufdfd",
        "\ufdfa",
        "\ufd40",
    ]
    + ["\u200c", "\u200d", "\u200b", "\ufeff", "\u00ad", "\u2060"]
    + ["\u202e", "\u202c", "\u2067", "\u2069", "\u202b", "\u200f", "\u061c"]
    + ["\u00a0", "\u202f", "\u2007", "\u2009", "\u3000", "\u0640", "\u06e5", "\u06e6"]
    + list("٠١٢٣۴۵۶")
    + ["\U0001f469", "\U0001f4bb", "\n", "\r\n", "\u2029"]
)
mixed_text = st.lists(MIXED, max_size=40).map("".join)
any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)
texts = st.one_of(mixed_text, any_text)

PROFILE_NAMES = sorted(PROFILES)


def replay(source: str, changes: list[Change]) -> str:
    out: list[str] = []
    pos = 0
    for c in changes:
        assert pos <= c.start <= c.end <= len(source)
        out.append(source[pos : c.start])
        out.append(c.replacement)
        pos = c.end
    out.append(source[pos:])
    return "".join(out)


@pytest.mark.slow
@pytest.mark.parametrize("name", PROFILE_NAMES)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts)
def test_profile_is_idempotent(name: str, text: str) -> None:
    once = normalize(text, name)
    assert normalize(once, name) == once


@pytest.mark.slow
@pytest.mark.parametrize("name", PROFILE_NAMES)
@settings(max_examples=300, deadline=None)
@given(text=texts)
def test_explain_agrees_with_normalize_and_replays(name: str, text: str) -> None:
    n = explain(text, name)
    assert n.text == normalize(text, name)
    assert replay(text, n.changes) == n.text
    assert all(c.rule for c in n.changes)


@pytest.mark.parametrize("name", PROFILE_NAMES)
@settings(max_examples=200, deadline=None)
@given(text=texts, data=st.data())
def test_source_span_is_monotone_and_inside(name: str, text: str, data: st.DataObject) -> None:
    n = explain(text, name)
    size = len(n.text)
    i = data.draw(st.integers(0, size))
    j = data.draw(st.integers(i, size))
    s, e = n.source_span(i, j)
    assert 0 <= s <= e <= len(text)
    if j < size:
        s2, e2 = n.source_span(i, j + 1)
        assert s2 == s and e2 >= e
    if i > 0:
        s3, _ = n.source_span(i - 1, j)
        assert s3 <= s
    assert n.source_span(0, size) == ((0, len(text)) if size else n.source_span(0, 0))


latin = st.text(
    st.characters(codec="latin-1", exclude_categories=("Cs", "Cc", "Zs"))
    | st.sampled_from(" \n\t\u00a0"),
    max_size=40,
)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["safe", "clean"])
@given(text=latin)
def test_latin_only_text_changes_only_by_nfc(name: str, text: str) -> None:
    """No Arabic-script step touches Latin text; ``clean`` only drops soft hyphens.

    No-break spaces stay in Latin text (French typography needs them).
    """
    expected = unicodedata.normalize("NFC", text)
    if name == "clean":
        expected = expected.replace("\u00ad", "")
    assert normalize(text, name) == expected


@pytest.mark.slow
@settings(max_examples=500, deadline=None)
@given(
    source=st.text("abcdefgh", max_size=10),
    steps=st.lists(
        st.lists(
            st.tuples(st.integers(0, 12), st.integers(0, 2), st.text("XYZ", max_size=2)), max_size=4
        ),
        min_size=1,
        max_size=4,
    ),
)
def test_alignment_composes_arbitrary_edits(
    source: str, steps: list[list[tuple[int, int, str]]]
) -> None:
    text, alignment = source, Alignment(len(source))
    for k, raw in enumerate(steps):
        edits: list[tuple[int, int, str]] = []
        pos = 0
        for start, length, repl in sorted(raw):
            start = max(start, pos)
            end = min(start + length, len(text))
            if start > len(text) or repl == text[start:end]:
                continue
            edits.append((start, end, repl))
            pos = end + 1
        text, alignment = alignment.apply(text, edits, f"r{k}")
    assert replay(source, alignment.changes(text)) == text
    lows = [alignment.source_span(i, len(text))[0] for i in range(len(text) + 1)]
    assert lows == sorted(lows)


_CASE_PIECES = st.sampled_from(
    [
        "Straße",
        "ǅ",
        "ΣΊΣ",
        "ς",
        "Ⓐ",
        "\u0345",
        "İ",
        "ﬁ",
        "HELLO",
        "wörld",
        "_",
        "1",
        " ",
        "سلام",
        "\U00010400",
    ]
)


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(
    text=st.one_of(
        st.lists(_CASE_PIECES, max_size=10).map("".join),
        st.text(st.characters(exclude_categories=("Cs",)), max_size=30),
    )
)
def test_casefold_scans_for_folding_letters_but_folds_whole_words(text: str) -> None:
    """casefold finds the letters that fold and folds the word around each.

    It must give exactly the edits of folding every word and keeping those that changed.
    """
    import re

    from mixscript.normalization import steps

    words = re.finditer(r"[^\W\d_]+", text)
    expected = [(m.start(), m.end(), m.group().casefold()) for m in words]
    expected = [e for e in expected if e[2] != text[e[0] : e[1]]]
    assert steps.casefold(text, True, steps.Context()) == expected


@pytest.mark.parametrize("name", sorted(n for n, step in STEPS.items() if step.scans_itself))
@settings(max_examples=200, deadline=None)
@given(text=texts)
def test_steps_that_scan_themselves_do_nothing_without_their_trigger(name: str, text: str) -> None:
    """A profile calls such a step without searching its trigger first, so the
    step itself must find nothing in text that holds none of its characters."""
    import re

    from mixscript.normalization import steps

    step = steps.STEPS[name]
    bare = re.sub(step.trigger, "", text)
    for option in step.choices:
        if option not in (False, "keep"):
            assert step.func(bare, option, steps.Context()) == [], option


def _applied(text: str, edits: list[tuple[int, int, str]]) -> str:
    out, pos = [], 0
    for start, end, new in edits:
        out += [text[pos:start], new]
        pos = end
    return "".join([*out, text[pos:]])


@pytest.mark.parametrize("name", sorted(STEPS))
@settings(max_examples=150, deadline=None)
@given(text=texts)
def test_steps_give_the_same_text_with_and_without_precise_edits(name: str, text: str) -> None:
    """``normalize`` lets steps edit coarsely (no offsets kept); the text must not change."""
    from mixscript.normalization import steps

    step = steps.STEPS[name]
    for option in step.choices:
        if option in (False, "keep"):
            continue
        precise = step.func(text, option, steps.Context())
        coarse = step.func(text, option, steps.Context(precise=False))
        assert _applied(text, coarse) == _applied(text, precise), option


_LINE_PIECES = st.sampled_from(
    [
        *("The report", "سلام", "ةنيدملا يف", "ﻡﻼﺴﻟﺍ", "كتاب علي", "می خواهم", " ", ".", "۱۰"),
        *("\u200c", "\u200d", "\u064e\u0651", "\u0640", "\u00a0", "\u202b", "\u202c", "\ufdfd"),
        *("e\u0301", "(", ")", "12"),
    ]
)


@pytest.mark.slow
@pytest.mark.parametrize("profile", ["safe", "clean", "search"])
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    body=st.lists(_LINE_PIECES, max_size=12).map("".join),
    end=st.sampled_from(["", "\n"]),
)
def test_a_line_visual_order_judged_is_not_normalised_again(
    profile: str, body: str, end: str
) -> None:
    """``normalize`` and ``explain`` take the visual-order judge's answer for a
    one-line text (``_judged_line``); it must be what running every step
    gives, and for ``explain`` the same changes and source spans too."""
    from mixscript.normalization import profiles

    text = body + end
    fast = normalize(text, profile)
    explained = explain(text, profile)
    shortcut = profiles._judged_line
    profiles._judged_line = lambda *args: None
    try:
        slow = normalize(text, profile)
        slow_explained = explain(text, profile)
    finally:
        profiles._judged_line = shortcut
    assert fast == slow
    assert explained.text == slow_explained.text == fast
    assert explained.changes == slow_explained.changes
    n = len(fast)
    spans = [(i, j) for i in range(n + 1) for j in range(i, min(n, i + 3) + 1)]
    assert [explained.source_span(i, j) for i, j in spans] == [
        slow_explained.source_span(i, j) for i, j in spans
    ]


@pytest.mark.parametrize("profile", ["safe", "clean", "search"])
@pytest.mark.parametrize(
    "text",
    [
        "ةنيدملا يف مكيلع مالسلا",
        "ةنيدملا يف مكيلع مالسلا\n",
        "\ufeea\ufee8\ufef3\ufeaa\ufee4\ufedf\ufe8d \ufef2\ufed3 \u0640\u200c.",
        "The report: ةنيدملا يف مكيلع مالسلا (12) ۱۰",
        ".ةسردملا ىلإ بهذ دلولا",
    ],
)
def test_a_line_visual_order_repaired_is_not_normalised_again(profile: str, text: str) -> None:
    """A one-line text that ``visual_order`` turns round takes the judge's
    answer for the repaired line (``_judged_line``): it must be what running
    every step after the repair gives."""
    from mixscript.bidi.repair import plan_repairs
    from mixscript.normalization import profiles

    # Each text is one the step repairs (the shortcut is taken).
    assert plan_repairs(text.rstrip("\n"), judge=lambda line: line, keep_forms=True)
    fast = normalize(text, profile)
    shortcut = profiles._judged_line
    profiles._judged_line = lambda *args: None
    try:
        slow = normalize(text, profile)
    finally:
        profiles._judged_line = shortcut
    assert fast == slow


@pytest.mark.parametrize("profile", ["clean", "search"])
def test_tatweel_beside_an_expanded_ligature_is_judged_again(profile: str) -> None:
    """Tatweel, ZWNJ, tatweel, then the basmala ligature (found by Hypothesis).

    ``tatweel`` drops the second tatweel (it stretches the ligature's word),
    ``zero_width`` then drops the ZWNJ, which now separates a tatweel from
    the ligature; once ``ligatures`` spells the basmala out, the first
    tatweel stands before the letter beh and only stretches it.  Unless it
    is judged again, a second run removes it (not idempotent) and the
    one-line shortcut of ``normalize`` disagrees with ``explain``.
    """
    text = "\u0640\u200c\u0640\ufdfd"
    expected = "بسم الله الرحمن الرحيم"
    assert normalize(text, profile) == expected
    assert explain(text, profile).text == expected


def test_casefold_trigger_holds_every_letter_that_folds() -> None:
    """A letter missing from the trigger is never folded when it is a text's only cased letter.

    The micro sign was (``µ`` stayed while ``Aµ`` became ``aμ``), and so were
    Armenian, Georgian, Cherokee, the Roman numerals and the ligatures
    U+FB00..: every BMP word character that ``str.casefold`` changes must be
    in the trigger.
    """
    trigger = re.compile(STEPS["casefold"].trigger)
    word_char = re.compile(r"[^\W\d_]")
    missing = [
        f"U+{cp:04X}"
        for cp in range(0x10000)
        if not 0xD800 <= cp < 0xE000
        and chr(cp).casefold() != chr(cp)
        and word_char.match(chr(cp))
        and not trigger.match(chr(cp))
    ]
    assert missing == []
    assert normalize("\u00b5", "search") == "\u03bc"
    assert normalize("\u0531", "search") == "\u0561"
    assert normalize("\ufb00", "search") == "ff"


def test_languages_are_read_as_segment_reads_them() -> None:
    """Region subtags and case do not matter; an unknown code is an error, not a silent no-op."""
    # Arabic kaf before a Persian yeh: under Persian, the kaf becomes keheh (U+06A9).
    text = "\u0643\u062a\u0627\u0628 \u0639\u0644\u06cc"
    persian = "\u06a9\u062a\u0627\u0628 \u0639\u0644\u06cc"
    assert normalize(text, languages=["fa"]) == persian
    assert normalize(text, languages=["FA-ir"]) == persian
    assert explain(text, languages=["fa_IR"]).text == persian
    with pytest.raises(ValueError, match="unsupported language code 'xx'"):
        normalize(text, languages=["xx"])
    with pytest.raises(ValueError, match="unsupported language code 'xx'"):
        explain(text, languages=["xx"])
    with pytest.raises(TypeError, match="not the string"):
        normalize(text, languages="fa")  # type: ignore[arg-type]


def test_the_ascii_shortcut_names_exactly_the_profiles_that_leave_ascii_alone() -> None:
    """``normalize`` returns ASCII text at once for the built-in profiles listed as quiet on
    ASCII; each must be one whose every step's trigger misses ASCII, and the others not."""
    from mixscript.normalization import profiles

    for name, profile in PROFILES.items():
        assert (name in profiles._ASCII_QUIET) == profiles._compiled(profile).ascii_quiet, name
    # search casefolds: ASCII is its business.
    assert normalize("Hello World", "search") == "hello world"
    assert normalize("Hello World", "clean") == "Hello World"


@pytest.mark.parametrize("name", PROFILE_NAMES)
@settings(max_examples=200, deadline=None)
@given(text=st.one_of(texts, texts.map(lambda t: t[::-1] + "\n")))
def test_a_profile_by_name_gives_what_the_profile_itself_gives(name: str, text: str) -> None:
    """``normalize`` with a built-in profile's name and no candidates takes a shorter way
    (the core's one call with the plan's own arguments, a ``str`` back when done); the
    profile given as itself, or with its candidates named, goes through ``_run``: the same
    text either way, for texts done in the one call and texts that go on step by step."""
    from dataclasses import replace

    equal = replace(PROFILES[name])  # equal, not the same object: no shortcut
    assert equal is not PROFILES[name]
    expected = normalize(text, equal)
    assert normalize(text, name) == expected
    assert normalize(text, PROFILES[name]) == expected


def test_the_plan_kept_by_name_is_the_one_compiled_for_gives() -> None:
    """``normalize`` keeps the plan of a built-in profile by its name: the very plan
    ``_compiled_for`` keeps for the profile, forgotten by ``cache_clear``; and while
    ``_compiled_for`` is replaced (as the tests do to go step by step), the replacement
    is asked on every call and nothing is kept."""
    from dataclasses import replace

    from mixscript.normalization import profiles

    text = "a\u00adb \u0628\u0640\u0640\u0628"
    expected = normalize(text, replace(PROFILES["clean"]))
    assert normalize(text, "clean") == expected
    assert profiles._PLANS_BY_NAME["clean"] is profiles._compiled_for(PROFILES["clean"])
    assert profiles._CORES_BY_NAME["clean"] is profiles._PLANS_BY_NAME["clean"].core
    profiles._compiled_for.cache_clear()
    assert "clean" not in profiles._PLANS_BY_NAME
    assert "clean" not in profiles._CORES_BY_NAME
    assert normalize(text, "clean") == expected
    assert profiles._PLANS_BY_NAME["clean"] is profiles._compiled_for(PROFILES["clean"])

    keep = profiles._compiled_for
    asked: list[str] = []

    def step_by_step(p: Profile, *a: Hashable) -> object:
        asked.append(p.name)
        return replace(keep(p, *a), in_one_call=False)

    profiles._PLANS_BY_NAME.clear()
    profiles._compiled_for = step_by_step  # type: ignore[assignment]
    try:
        assert normalize(text, "clean") == expected
        once = len(asked)
        assert normalize(text, "clean") == expected
    finally:
        profiles._compiled_for = keep
    assert len(asked) > once >= 1
    assert set(asked) == {"clean"}
    assert "clean" not in profiles._PLANS_BY_NAME


def test_the_core_runs_a_plan_kept_by_name() -> None:
    """``_core.normalize_by_name`` answers as the plan's ``normalize`` and the steps after
    it: a done text as it is, a text left to Python's steps through ``go_on`` with what
    the core started; None where ``normalize`` must go the long way."""
    from mixscript.normalization import profiles

    compiled = profiles._compiled(PROFILES["clean"])
    plans = {"clean": compiled.core}
    handed: list[tuple[object, str]] = []

    def go_on(started: object, name: str) -> str:
        handed.append((started, name))
        return "went on"

    done = "the word \u00adشكرا\u200b in \u0627\u0644\u0643\u062a\u0627\u0628"
    assert profiles._core.normalize_by_name(plans, go_on, done, "clean") == (
        "the word شكرا in \u0627\u0644\u0643\u062a\u0627\u0628"
    )
    assert handed == []
    # Reversed letters on two lines: the core leaves them to visual_order
    # (after taking the soft hyphen out).
    left = "\u00ad\u0628\u0627\u062a\u0643\u0644\u0627 \u0645\u0644\u0633\n\u0627\u0628"
    started = compiled.core.normalize(left)
    assert not isinstance(started, str)
    assert profiles._core.normalize_by_name(plans, go_on, left, "clean") == "went on"
    assert handed == [(started, "clean")]
    for text, name in (("x", "safe"), (b"x", "clean"), ("a\ud800", "clean"), ("x", 3)):
        assert profiles._core.normalize_by_name(plans, go_on, text, name) is None
    assert len(handed) == 1
    # The library's own way on: the same as the long way.
    profiles._compiled_for.cache_clear()
    long_way = normalize(left, PROFILES["clean"])
    assert normalize(left, "clean") == long_way
    assert "clean" in profiles._CORES_BY_NAME
    assert normalize(left, "clean") == long_way != left


def test_the_plans_own_arguments_are_those_run_all_is_given() -> None:
    """``CompiledPlan.normalize`` is ``run_all`` with the plan's defaults: the ``str`` when
    done, else the same tuple; a plan made without defaults refuses."""
    from mixscript.normalization import profiles

    line = "the word \u00adشكرا\u200b in \u0627\u0644\u0643\u062a\u0627\u0628 and caf\u00e9"
    reversed_lines = "\u0628\u0627\u062a\u0643\u0644\u0627 \u0645\u0644\u0633\n\u0627\u0628"
    for name, profile in PROFILES.items():
        compiled = profiles._compiled(profile)
        for text in (line, reversed_lines, "plain", "e\u0301"):
            full = compiled.core.run_all(text, *compiled.default_args)
            out = compiled.core.normalize(text)
            assert out == (full[0] if full[3] else full), (name, text)
    bare = profiles._core.CompiledPlan([], False, [], False, [])
    with pytest.raises(ValueError, match="without defaults"):
        bare.normalize("x")


#: Every choice of the steps that can come before ``visual_order`` (the lead
#: chain of a profile that judges visual order), but all four left off.
_LEADS = [
    Profile("lead", bidi_controls=b, zero_width=z, tatweel=t, spaces=s)
    for b in STEPS["bidi_controls"].choices
    for z in STEPS["zero_width"].choices
    for t in STEPS["tatweel"].choices
    for s in STEPS["spaces"].choices
    if (b, z, t, s) != ("keep", "keep", False, False)
]


@pytest.mark.slow
@settings(max_examples=2000, deadline=None)
@given(text=texts, lead=st.sampled_from(_LEADS))
def test_the_steps_before_visual_order_are_idempotent_in_every_combination(
    text: str, lead: Profile
) -> None:
    """The core takes a line that ``visual_order`` judged on from where the steps before
    it left the line, where the rest of the profile, as the step-by-step loop runs it,
    begins by running them again: the two agree because those steps, together and with
    any options, change nothing the second time (``pipeline::judged_line``)."""
    assert lead.active()[-1] in {"bidi_controls", "zero_width", "tatweel", "spaces"}
    once = normalize(text, lead)
    assert normalize(once, lead) == once


def test_the_steps_before_visual_order_by_hand() -> None:
    """Cases where the steps meet, checked by hand against their documented rules: a
    ZWNJ next to a space goes, and then the tatweel stretching the letter before it; an
    unbalanced RLO goes, and a no-break space next to Arabic letters becomes a space
    (beside Latin letters it stays); a ZWNJ between Persian letters stays.  Each result
    is left as it is the second time."""
    lead = Profile(
        "lead", bidi_controls="unbalanced", zero_width="hints", tatweel=True, spaces=True
    )
    for text, expected in [
        ("\u0628\u0640\u200c x", "\u0628 x"),
        ("\u0633\u00a0\u202e\u0628", "\u0633 \u0628"),
        ("a\u00a0\u202eb", "a\u00a0b"),
        ("\u0645\u06cc\u200c\u0631\u0648\u0645", "\u0645\u06cc\u200c\u0631\u0648\u0645"),
    ]:
        assert normalize(text, lead) == expected
        assert normalize(expected, lead) == expected
