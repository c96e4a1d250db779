"""Trojan Source (CVE-2021-42574) samples in Python, JavaScript and C, checked by position.

The samples in ``tests/data/trojan`` follow the three published attack
patterns: an early ``return`` hidden in a docstring or comment, code shown
as active that is really commented out, and a string stretched by bidi
controls so that a comparison looks different from what it is.

The expected (line, column) pairs were counted by hand from the sample
sources; gcc 12's ``-Wbidi-chars`` reports the same C lines, with columns in
display units (where every bidi control is zero wide), which is the
hand count minus the controls earlier on the line.
"""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

import mixscript
from mixscript.checks.scan import LineIndex, apply_fixes, check, format_finding, line_col

DATA = Path(__file__).parent / "data" / "trojan"
RLO, LRI, RLI, PDI = "\u202e", "\u2066", "\u2067", "\u2069"

# file -> [(line, column, character, code)], counted by hand.
EXPECTED: dict[str, list[tuple[int, int, str, str]]] = {
    "early_return.py": [(14, 46, RLI, "MS104")],
    "commented_out.py": [
        (12, 6, RLO, "MS103"),
        (12, 8, LRI, "MS103"),
        (12, 26, PDI, "MS103"),
        (12, 28, LRI, "MS103"),
        (14, 25, RLO, "MS103"),
        (14, 27, LRI, "MS103"),
    ],
    "stretched_string.py": [
        (11, 29, RLO, "MS104"),
        (11, 31, LRI, "MS104"),
        (11, 48, PDI, "MS104"),
        (11, 50, LRI, "MS104"),
    ],
    "early_return.js": [(5, 44, RLI, "MS103")],
    "commented_out.js": [
        (4, 5, RLO, "MS103"),
        (4, 9, LRI, "MS103"),
        (4, 22, PDI, "MS103"),
        (4, 24, LRI, "MS103"),
        (6, 25, RLO, "MS103"),
        (6, 29, LRI, "MS103"),
    ],
    "stretched_string.js": [
        (3, 27, RLO, "MS104"),
        (3, 29, LRI, "MS104"),
        (3, 47, PDI, "MS104"),
        (3, 49, LRI, "MS104"),
    ],
    "early_return.c": [(7, 46, RLI, "MS103")],
    "commented_out.c": [
        (6, 7, RLO, "MS103"),
        (6, 11, LRI, "MS103"),
        (6, 25, PDI, "MS103"),
        (6, 27, LRI, "MS103"),
        (8, 27, RLO, "MS103"),
        (8, 31, LRI, "MS103"),
    ],
    "stretched_string.c": [
        (5, 35, RLO, "MS104"),
        (5, 37, LRI, "MS104"),
        (5, 55, PDI, "MS104"),
        (5, 57, LRI, "MS104"),
    ],
}


def _read(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_control_flagged_at_its_line_and_column(name: str) -> None:
    text = _read(name)
    findings = mixscript.check(text, path=name)
    got = [(*line_col(text, f.start), text[f.start], f.code) for f in findings]
    assert got == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hand_count_matches_a_plain_scan(name: str) -> None:
    """Guards the hand-written table itself against a typo."""
    scan = [
        (n, c, ch)
        for n, line in enumerate(_read(name).split("\n"), 1)
        for c, ch in enumerate(line, 1)
        if ch in (RLO, LRI, RLI, PDI)
    ]
    assert scan == [e[:3] for e in EXPECTED[name]]


def test_cli_line_format() -> None:
    text = _read("stretched_string.js")
    first = check(text, path="stretched_string.js")[0]
    line = format_finding(first, "src/stretched_string.js", LineIndex(text))
    assert line == (
        "src/stretched_string.js:3:27: MS104 U+202E RIGHT-TO-LEFT OVERRIDE"
        " in a string literal; write \\u202E instead"
    )


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_as_prose_the_same_controls_are_found_by_balance(name: str) -> None:
    """Without a source extension, overrides and isolates left open are still reported."""
    text = _read(name)
    codes = {f.code for f in check(text)}
    assert codes <= {"MS101", "MS102"}
    positions = {line_col(text, f.start) for f in check(text)}
    # Every override and every isolate left open at the line end is among them.
    for line, col, ch, _ in EXPECTED[name]:
        if ch == RLO:
            assert (line, col) in positions


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixed_sources_are_clean(name: str) -> None:
    text = _read(name)
    fixed = apply_fixes(text, check(text, path=name))
    assert not any(ch in fixed for ch in (RLO, LRI, RLI, PDI))
    assert check(fixed, path=name) == []


def test_string_fix_is_an_escape_with_the_same_value(tmp_path: Path) -> None:
    """The stretched string keeps its value after the fix; only now a reviewer can see it."""
    name = "stretched_string.py"
    fixed = apply_fixes(_read(name), check(_read(name), path=name))
    assert '"user\\u202e \\u2066# Check if admin\\u2069 \\u2066"' in fixed
    before = runpy.run_path(str(DATA / name))
    (tmp_path / name).write_text(fixed, encoding="utf-8")
    after = runpy.run_path(str(tmp_path / name))
    # The attack: a plain user passes the "admin" check, before and after the fix.
    assert before["may_delete"]("user") is True
    assert after["may_delete"]("user") is True


def test_python_samples_really_behave_as_hidden() -> None:
    """The samples are real attacks, not just strings with controls in them."""
    early = runpy.run_path(str(DATA / "early_return.py"))
    assert early["withdraw"]("alice", 30) is None
    assert early["BALANCES"] == {"alice": 100}
    commented = runpy.run_path(str(DATA / "commented_out.py"))
    assert commented["delete_everything"](False) is True


def test_raw_string_gets_no_escape_fix() -> None:
    """In r"..." an escape would change the value, so no fix is offered."""
    text = f'x = r"a{RLO}b"\ny = b"c"  # {PDI}\n'
    found = check(text, path="m.py")
    assert [(f.code, f.fix) for f in found] == [("MS104", None), ("MS103", "")]


def test_bidi_control_in_code_and_in_other_languages() -> None:
    assert [f.code for f in check(f"x = 1{LRI}\n", path="a.py")] == ["MS105"]
    rust = check(f'let s = "a{RLO}b";\n', path="main.rs")
    assert [(f.code, f.fix) for f in rust] == [("MS104", "\\u{202E}")]
    go = check(f"s := `a{RLO}b`\n", path="main.go")
    assert [(f.code, f.fix) for f in go] == [("MS104", None)]


def test_fixes_never_glue_tokens_or_break_escapes() -> None:
    """A fix must not turn code into a comment, or a name into a string prefix."""
    zwsp = "\N{ZERO WIDTH SPACE}"
    [glue] = check(f"x = 6 /{zwsp}/ 2\n", path="a.js")
    assert (glue.code, glue.fix) == ("MS201", None)
    [prefix] = check(f"s = r{zwsp}'a'\n", path="a.py")
    assert (prefix.code, prefix.fix) == ("MS201", None)
    [fine] = check(f"name{zwsp} = 1\n", path="a.py")
    assert fine.fix == ""
    # After a backslash an escape would be read as an escaped backslash.
    [after_backslash] = check(f's = "a\\{RLO}"\n', path="a.py")
    assert (after_backslash.code, after_backslash.fix) == ("MS104", None)


def test_arabic_letter_mark_in_source_is_reported_once() -> None:
    text = 'x = "a\N{ARABIC LETTER MARK}b"\n'
    assert [(f.code, f.fix) for f in check(text, path="a.py")] == [("MS104", "\\u061c")]
    assert [f.code for f in check(text)] == ["MS209"]


def test_marks_count_in_source_files_but_not_in_prose() -> None:
    """RLM is normal in Persian prose, but in code it is a bidi control like the others."""
    rlm = "\N{RIGHT-TO-LEFT MARK}"
    assert check(f"سلام{rlm} دنیا") == []
    assert [f.code for f in check(f'print("سلام{rlm}")\n', path="a.py")] == ["MS104"]
