"""The compiled core's scans for ``check`` (``rust/core/src/checks``), from Python.

The rules' own tests are in ``rust/core`` (``cargo test``); these pin what
only the Python side can check: that the core and the library agree on their
shared definitions (line breaks, the Windows-1252 codec), and that text a
Rust string cannot hold (lone surrogates) keeps its positions.
"""

from __future__ import annotations

import pytest

from mixscript import _core
from mixscript.bidi.controls import unbalanced_bidi_controls
from mixscript.text.breaks import LINE_BREAKS


@pytest.mark.parametrize("brk", sorted(LINE_BREAKS), ids=lambda c: f"U+{ord(c):04X}")
def test_every_line_break_of_the_library_ends_open_bidi_controls(brk: str) -> None:
    # LRI, break, PDI: the isolate is left open on its line, the PDI closes nothing.
    assert unbalanced_bidi_controls(f"\u2066{brk}\u2069") == [0, 2]


@pytest.mark.parametrize("other", ["\t", " ", "\x1f", "\u200b", "a"])
def test_other_characters_do_not_end_a_line_for_the_balance(other: str) -> None:
    assert unbalanced_bidi_controls(f"\u2066{other}\u2069") == []


def _windows_1252(byte: int) -> str:
    """The character Windows-1252 reads ``byte`` as, or Latin-1 where it has none."""
    try:
        return bytes((byte,)).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


@pytest.mark.parametrize("byte", range(0x80, 0xC0), ids=hex)
def test_every_continuation_byte_read_as_windows_1252_follows_a_lead(byte: int) -> None:
    # Python's codec is the oracle for the core's hand-written table.
    assert _core.may_hold_mojibake("\u00c3" + _windows_1252(byte))
    # Its Latin-1 reading too (a C1 control for 0x80..0x9F).
    assert _core.may_hold_mojibake("\u00c3" + chr(byte))


def test_leads_are_c2_to_f4_and_other_characters_are_not_continuations() -> None:
    continuation = "\u00a9"  # byte 0xA9
    leads = [chr(b) for b in range(0xC2, 0xF5)]
    assert all(_core.may_hold_mojibake(lead + continuation) for lead in leads)
    # C0, C1 and F5 are never lead bytes of UTF-8.
    for not_lead in ("\u00c0", "\u00c1", "\u00f5", "a"):
        assert not _core.may_hold_mojibake(not_lead + continuation)
    continuations = {_windows_1252(b) for b in range(0x80, 0xC0)} | {
        chr(b) for b in range(0x80, 0xC0)
    }
    for ch in "a \u00c0\u00ff\u0600\u20ad\u2000":
        assert ch not in continuations
        assert not _core.may_hold_mojibake("\u00c3" + ch)


def test_lone_surrogates_keep_their_positions() -> None:
    text = "a\ud800b\ufffd\udfff\x07"
    assert _core.control_chars(text) == [1, 3, 4, 5]
    scan = _core.check_scan(text, True)
    assert scan is not None
    assert scan[2] == [1, 3, 4, 5]
    # A surrogate splits a word as U+FFFD does; "b" is the third character.
    assert _core.word_scan("p\u0430y\ud800b", False) == ([(0, 3, False)], [])
