"""Fixes are final: fixed text has no fixable finding left, and fixing again changes nothing."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from mixscript.checks.scan import apply_fixes, check
from mixscript.model import Finding

# Characters each check looks at, plus their usual neighbours.
ALPHABET = list(
    "ab pyxe"  # Latin, with letters that have Cyrillic twins
    "\u0430\u0440\u0443\u0436"  # Cyrillic a, er, u, zhe
    "\u03bf\u0391"  # Greek omicron, Alpha
    "\u0628\u0647\u06cc\u0645\u0648"  # Arabic-script letters (beh, heh, Farsi yeh, meem, waw)
    "\u064e"  # fatha
    "\u0661\u0662\u06f1\u06f2\u06f3"  # Arabic-Indic and Persian digits
    "12.,\u060c\u061f\u06d4\n\t"
    "\"'#/*`\\"  # quotes and comment starters for source mode
    "\u200c\u200d\u200b\u2060\ufeff\u2062\u3164\u1160\u180e"
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
    "\ufe0f\ufe00\u2764\U0001f468\U0001f3f4\U000e0067\U000e007f\u13aa"
    "\ufffd\x00\x1b\x85\x92\x81"
    "\u00d8\u00d9\u00b3\u00a7\x84\u00c3\u00a9\u201e"  # UTF-8 Arabic and é read as cp1252
    "\u00e2\u00ef\u00b8\x9d\x8f\u00a4"  # ... and an emoji with its selector
)
texts = st.text(alphabet=ALPHABET, max_size=40)
paths = st.sampled_from([None, "notes.txt", "mod.py", "app.js", "main.c", "main.go"])
FUZZ = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(text=texts, path=paths)
@example(text="pa\u200b\u0443p\u0430l", path=None)
@example(text='x = "\u202e"', path="mod.py")
@example(text="b\u200c\u200b\u200cb", path=None)
# A stray continuation character after a complete sequence must not hide it.
@example(text="'\u00c3\x81\u200c\x81", path="mod.py")
def test_fixed_text_has_no_fixable_finding(text: str, path: str | None) -> None:
    fixed = apply_fixes(text, check(text, path=path))
    left = check(fixed, path=path)
    assert [f for f in left if f.fix is not None] == []
    # So a second --fix run has nothing to do.
    assert apply_fixes(fixed, left) == fixed


@FUZZ
@given(text=texts, path=paths)
def test_fixing_adds_no_new_kind_of_problem(text: str, path: str | None) -> None:
    """What is left after fixing was already reported, as a finding without a fix."""
    before = check(text, path=path)
    unfixable = {f.code for f in before if f.fix is None}
    after = check(apply_fixes(text, before), path=path)
    assert {f.code for f in after} <= unfixable


@FUZZ
@given(text=texts, path=paths)
def test_findings_are_sorted_in_bounds_and_fixes_are_short(text: str, path: str | None) -> None:
    found = check(text, path=path)
    assert found == sorted(found, key=lambda f: (f.start, f.end, f.code))
    for f in found:
        assert 0 <= f.start < f.end <= len(text)
        assert f.code.startswith("MS") and f.message
        assert f.fix is None or len(f.fix) <= 10 * (f.end - f.start)


# Mostly text no rule looks at (one script a line, Latin-1 letters), with a
# few characters that make a rule look.
QUIET_ALPHABET = list(
    "ab pyxe.,12\n\n\r"
    "\u0628\u0647\u06cc\u0661\u0662\u06f1"  # Arabic-script letters and digits
    "\u0430\u0440\u03bf"  # Cyrillic a, er, Greek omicron
    "\u00e9\u00fc\u00c3\u00a9\u00b5\u05d0"  # Latin-1 (and é as UTF-8 read as cp1252), micro, alef
    "\u200c\u200d\u064e"  # joiners and fatha
    "\u200b\u202e\u200f\x07\\u"
)
quiet_texts = st.text(alphabet=QUIET_ALPHABET, max_size=30)


@FUZZ
@given(text=quiet_texts, path=paths)
@example(text="p\u0430ypal", path=None)
@example(text="x \u00b5m", path=None)
@example(text="\u0628\u200c\u0647 ab", path="mod.py")
def test_quiet_fast_path_misses_no_finding(text: str, path: str | None) -> None:
    """When the compiled core calls a text quiet, the full check finds nothing in it."""
    from unittest import mock

    from mixscript import _core
    from mixscript.checks.confusables import spoof_checker

    def full_scan(text: str, _icu: bool) -> tuple[list[int], list[int], list[int], bool]:
        return (
            _core.unbalanced_bidi_controls(text),
            _core.invisible_candidates(text),
            _core.control_chars(text),
            _core.may_hold_mojibake(text),
        )

    scan = _core.check_scan(text, spoof_checker() is not None)
    if scan is None:
        with mock.patch.object(_core, "check_scan", full_scan):
            assert check(text, path=path) == []
    else:
        assert scan == full_scan(text, True)


@FUZZ
@given(first=texts, second=texts)
def test_word_findings_of_a_line_do_not_depend_on_other_lines(first: str, second: str) -> None:
    """The word rules read each line on its own (MS402's context is the line), so a
    line checked alone gives the findings it gives among other lines."""
    from dataclasses import replace

    from mixscript.checks import words as mixed_words

    def by_position(found: list[Finding]) -> list[Finding]:
        return sorted(found, key=lambda f: (f.start, f.end, f.code, f.message))

    first = first.replace("\r", "").removesuffix("\\")  # no CR LF across the join, no escape
    together = list(mixed_words.word_findings(first + "\n" + second))
    shift = len(first) + 1
    apart = [
        *mixed_words.word_findings(first),
        *(
            replace(f, start=f.start + shift, end=f.end + shift)
            for f in mixed_words.word_findings(second)
        ),
    ]
    assert by_position(together) == by_position(apart)


@FUZZ
@given(text=texts, path=paths)
@example(text="pa\u200bypal b\u200c\u0628 \x92", path=None)
@example(text="\u00c3\u00a9 \u0628\u200c\u0647a\u200d", path=None)
def test_a_view_without_fixes_is_the_text_itself(text: str, path: str | None) -> None:
    """``check`` skips the edited view when no finding before a stage has a fix;
    building the view every time (what it did before) gives the same findings."""
    from unittest import mock

    from mixscript.checks import scan
    from mixscript.text.edits import first_fit

    def always_a_view(text: str, findings: list[Finding]) -> scan._View:
        return scan._View(text, first_fit(scan._fix_edits(findings)))

    shortcut = check(text, path=path)
    with mock.patch.object(scan, "_fixed_view", always_a_view):
        assert check(text, path=path) == shortcut


@FUZZ
@given(text=texts, path=paths)
@example(text="a\u200cb \u0628\u200cx \u0661\u200b\u06f2", path=None)
@example(text="p\u200b\u0430y \u00c3\u00a9", path=None)
def test_the_word_stage_skips_the_view_only_when_it_would_find_nothing(
    text: str, path: str | None
) -> None:
    """``check`` asks the core whether the fixed text has anything for the word
    rules before building the view; always building it (the core answering yes)
    gives the same findings."""
    from unittest import mock

    from mixscript import _core

    shortcut = check(text, path=path)
    with mock.patch.object(_core, "edited_words_to_look_at", lambda *_: True):
        assert check(text, path=path) == shortcut


@FUZZ
@given(
    text=texts,
    raw=st.lists(
        st.tuples(st.integers(0, 45), st.integers(0, 2), st.sampled_from(["", "\u2019", "ab"])),
        max_size=5,
    ),
    icu=st.booleans(),
)
def test_edited_words_to_look_at_reads_the_edited_text(
    text: str, raw: list[tuple[int, int, str]], icu: bool
) -> None:
    """The core applies the edits as ``EditedText`` does, then scans as ``word_scan``."""
    from mixscript import _core
    from mixscript.text.edits import EditedText, first_fit

    edits = first_fit([(s, s + k, r) for s, k, r in raw])
    edited = EditedText(text, edits).text
    assert _core.edited_words_to_look_at(text, edits, icu) == (
        _core.word_scan(edited, icu) != ([], [])
    )
