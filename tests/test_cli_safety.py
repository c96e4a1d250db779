"""The command line's promises around lost text, exclusion, output formats and small defects.

Each test states an expectation worked out by hand (or from Unicode's names
through :mod:`unicodedata`, or from the SARIF schema published by OASIS), not
copied from mixscript's own output.
"""

from __future__ import annotations

import io
import json
import os
import stat
import subprocess
import sys
import unicodedata
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mixscript
from mixscript.cli import engine as cli_engine
from mixscript.cli.check import CheckCommand, github_annotation
from mixscript.cli.main import _color
from mixscript.text.chunks import Chunk, chunks
from tests import _cli_helpers as h

DATA = Path(__file__).parent / "data"
ZWSP = "\N{ZERO WIDTH SPACE}"
RLO = "\N{RIGHT-TO-LEFT OVERRIDE}"
PDF = "\N{POP DIRECTIONAL FORMATTING}"
ARABIC = "سلام عليكم في المدينة"


# --- 6. Nothing lost to a NUL -------------------------------------------------


def test_stdin_with_nul_is_text(monkeypatch: pytest.MonkeyPatch) -> None:
    data = f"abc\0def {h.FORM}\n".encode()
    r = h.run(monkeypatch, "normalize", stdin=data)
    # The presentation form becomes its letter (NFKC); NUL and the rest stay.
    assert r.text == f"abc\0def {h.LETTER}\n"
    assert r.code == 1
    seg = h.run(monkeypatch, "segment", stdin=data)
    assert seg.code == 0 and seg.out


def test_named_binary_file_for_stdout_is_an_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    f = tmp_path / "dump.txt"
    f.write_bytes(b"abc\0def\n")
    for command in ("normalize", "segment", "display", "repair"):
        r = h.run(monkeypatch, command, str(f))
        assert r.code == 2, command
        assert r.err == f"{f}: binary file (NUL byte at 3), not processed\n", command
        assert r.out == b""


def test_named_utf8_file_with_a_stray_nul_is_text(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A PDF extractor's output file with a NUL here and there is text, not a binary file."""
    line = f"Page 3 of the report, {h.FORM} and more words\0 to make a real line of text\n"
    f = tmp_path / "extracted.txt"
    f.write_bytes((line * 3).encode())
    r = h.run(monkeypatch, "normalize", str(f))
    assert r.code == 1
    assert r.text == (line * 3).replace(h.FORM, h.LETTER)
    assert r.out.count(b"\0") == 3


def test_binary_files_are_skipped_with_a_note_in_place_and_check(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    f = tmp_path / "dump.bin"
    f.write_bytes(b"abc\0def\n")
    for mode in ("--in-place", "--check"):
        r = h.run(monkeypatch, "normalize", mode, str(f))
        assert r.code == 0
        assert f"{f}: binary file (NUL byte at 3), skipped" in r.err
        assert "1 skipped" in r.err
    assert f.read_bytes() == b"abc\0def\n"


# --- 8. Encodings ----------------------------------------------------------


@pytest.mark.parametrize(
    ("codec", "label", "option"),
    [
        ("cp1256", "windows-1256", "cp1256"),
        ("iso8859-6", "ISO-8859-6", "iso8859-6"),
        ("utf-16-le", "UTF-16-LE (no BOM)", "utf-16-le"),
    ],
)
def test_undecodable_file_names_the_likely_encoding(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, codec: str, label: str, option: str
) -> None:
    f = tmp_path / "old.txt"
    data = (ARABIC + "\n").encode(codec)
    f.write_bytes(data)
    r = h.run(monkeypatch, "normalize", "--in-place", str(f))
    # UTF-16 without a BOM has NUL bytes: a binary file to --in-place, skipped
    # with a note (exit 0); the others are decoding errors (exit 2).
    assert r.code == (0 if codec.startswith("utf-16") else 2)
    assert f"decodes as {label}: try --encoding {option}" in r.err
    assert f.read_bytes() == data  # left untouched
    if codec == "cp1256":
        assert f"{f}: not UTF-8 at byte 0; decodes as windows-1256: try --encoding cp1256" in r.err
    ok = h.run(monkeypatch, "normalize", "--encoding", option, str(f))
    assert ok.code == 0 and ok.out == data


def test_damaged_utf8_gets_no_legacy_hint(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    f = tmp_path / "damaged.txt"
    f.write_bytes(ARABIC.encode() + b"\xff" + ARABIC.encode())
    r = h.run(monkeypatch, "normalize", str(f))
    assert r.err == f"{f}: not UTF-8 at byte {len(ARABIC.encode())}\n"


def test_unknown_encoding_is_one_usage_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("x\n")
    b.write_text("y\n")
    r = h.run(monkeypatch, "normalize", "--check", "--encoding", "nosuch", str(a), str(b))
    assert r.code == 2
    assert r.err.count("nosuch") == 1
    assert "unknown encoding 'nosuch'" in r.err


def test_width_not_a_number_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    r = h.run(monkeypatch, "display", "--width", "abc")
    assert r.code == 2
    assert "_width" not in r.err
    assert "expected a whole number, not 'abc'" in r.err


# --- 8. Summaries and read-only files ----------------------------------------


def test_read_only_file_summary_and_check_fix_findings(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # The write is refused by AtomicWriter's permission check, which looks at
    # the mode bits, so this also holds when the tests run as root.
    f = tmp_path / "ro.txt"
    f.write_text(f"a{ZWSP}b\n", encoding="utf-8")
    f.chmod(stat.S_IRUSR)
    try:
        r = h.run(monkeypatch, "normalize", "--in-place", "--profile", "clean", str(f))
        assert r.code == 2
        assert r.err.splitlines()[-1] == "0 files normalized, 0 unchanged, 1 error"
        fixed = h.run(monkeypatch, "check", "--fix", str(f))
        assert fixed.code == 2
        # The ZWSP at line 1, column 2 is still reported, then the refusal.
        assert fixed.text.startswith(f"{f}:1:2: MS201 ")
        assert f"{f}: read-only, left unchanged" in fixed.err
    finally:
        f.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_check_fix_summary_fixed_and_remaining(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    f = tmp_path / "a.txt"
    # A ZWSP (fixable: removed) and a word mixing Latin and Arabic (MS301, no fix).
    f.write_text(f"a{ZWSP}b Errorکا\n", encoding="utf-8")
    r = h.run(monkeypatch, "check", "--fix", str(f))
    assert r.code == 1
    assert r.err.splitlines()[-1] == "2 findings: 1 fixed, 1 remaining"
    assert f.read_text(encoding="utf-8") == "ab Errorکا\n"
    z = h.run(monkeypatch, "check", "--exit-zero", str(f))
    assert z.code == 0 and "MS301" in z.text


def test_check_fix_diff_previews_and_writes_nothing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    f = tmp_path / "a.txt"
    f.write_text(f"one\na{ZWSP}b\n", encoding="utf-8")
    r = h.run(monkeypatch, "check", "--fix", "--diff", str(f))
    assert r.code == 1
    # A unified diff with its usual three lines of context: "one" comes along.
    assert r.text == f"--- {f}\n+++ {f}\n@@ -1,2 +1,2 @@\n one\n-a{ZWSP}b\n+ab\n"
    assert f.read_text(encoding="utf-8") == f"one\na{ZWSP}b\n"


def test_statistics_count_per_code(monkeypatch: pytest.MonkeyPatch) -> None:
    r = h.run(monkeypatch, "check", "--statistics", stdin=f"a{ZWSP}b c{ZWSP}d\n".encode())
    assert r.code == 1
    count, code, rest = r.text.rstrip("\n").split("\t")
    assert (count, code) == ("2", "MS201")
    assert rest.startswith("[*] ZERO WIDTH SPACE")


def test_same_file_named_twice_is_checked_once(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    f = tmp_path / "a.txt"
    f.write_text(f"a{ZWSP}b\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    r = h.run(monkeypatch, "check", "a.txt", "./a.txt")
    assert r.text.count("MS201") == 1


# --- 8. Messages ------------------------------------------------------------


def test_ms403_names_the_digits_it_saw() -> None:
    (finding,) = mixscript.check("۵٥")
    assert finding.code == "MS403"
    # U+06F5 and U+0665 are both FIVE, of two systems named by Unicode:
    assert unicodedata.name("۵") == "EXTENDED ARABIC-INDIC DIGIT FIVE"
    assert unicodedata.name("٥") == "ARABIC-INDIC DIGIT FIVE"
    assert "ZERO" not in finding.message.upper()
    assert "Arabic-Indic '٥'" in finding.message
    assert "Extended Arabic-Indic '۵'" in finding.message


def test_ms101_does_not_say_a_pdf_reorders() -> None:
    found = {f.start: f for f in mixscript.check(f"x {RLO}abc{PDF} y")}
    assert "reorders the text after it" in found[2].message
    assert "reorders the text after it" not in found[6].message
    assert "closes" in found[6].message


# --- 8. inspect ---------------------------------------------------------------


def test_inspect_reads_stdin_and_files(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    r = h.run(monkeypatch, "inspect", "-", "--format", "tsv", stdin="ب".encode())
    assert r.text.splitlines()[1].split("\t")[1:3] == ["U+0628", "ARABIC LETTER BEH"]
    f = tmp_path / "one.txt"
    f.write_text("\u202e", encoding="utf-8")
    r = h.run(monkeypatch, "inspect", str(f), "--format", "tsv")
    rows = r.text.splitlines()
    assert len(rows) == 2 and rows[1].split("\t")[1] == "U+202E"
    literal = h.run(monkeypatch, "inspect", "no such file", "--format", "tsv")
    assert len(literal.text.splitlines()) == 1 + len("no such file")


# --- 8. Broken pipe -----------------------------------------------------------


def test_broken_pipe_ends_quietly_with_success(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text(("abc سلام " * 20 + "\n") * 400, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    proc = subprocess.run(
        f"{sys.executable} -m mixscript segment {big} | head -1; echo rc=${{PIPESTATUS[0]}}",
        shell=True,
        executable="/bin/bash",
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    lines = proc.stdout.splitlines()
    assert len(lines) == 2 and json.loads(lines[0])["start"] == 0
    assert lines[1] == "rc=0"
    assert proc.stderr == ""


# --- 7. Exclusion -----------------------------------------------------------


def _project(tmp_path: Path, table: str = "") -> Path:
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.mixscript]\nexclude = ["fixtures"]\n{table}', encoding="utf-8"
    )
    (tmp_path / "fixtures").mkdir()
    (tmp_path / "fixtures" / "f.txt").write_text(f"a{ZWSP}b\n", encoding="utf-8")
    (tmp_path / "vendor.txt").write_text(f"c{ZWSP}d\n", encoding="utf-8")
    return tmp_path


def test_named_excluded_file_is_processed_unless_force_exclude(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    root = _project(tmp_path)
    monkeypatch.chdir(root)
    named = h.run(monkeypatch, "check", "fixtures/f.txt")
    assert named.code == 1 and "fixtures/f.txt:1:2: MS201" in named.text
    forced = h.run(monkeypatch, "check", "--force-exclude", "fixtures/f.txt")
    assert forced.code == 0 and forced.out == b""
    assert "fixtures/f.txt: excluded (--force-exclude), skipped" in forced.err
    folder = h.run(monkeypatch, "check", ".")
    assert "fixtures" not in folder.text and "vendor.txt:1:2: MS201" in folder.text


def test_exclude_options_and_config(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    root = _project(tmp_path, 'extend-exclude = ["vendor.txt"]\nforce-exclude = true\n')
    monkeypatch.chdir(root)
    # The configuration excludes both, and force-exclude applies to named files.
    assert h.run(monkeypatch, "check", ".").out == b""
    assert h.run(monkeypatch, "check", "vendor.txt").out == b""
    # --exclude replaces the configuration's exclude (fixtures come back), the
    # configuration's extend-exclude still applies.
    r = h.run(monkeypatch, "check", "--exclude", "nothing", ".")
    assert "f.txt:1:2: MS201" in r.text and "vendor.txt" not in r.text
    # --extend-exclude adds to the list.
    r = h.run(monkeypatch, "check", "--exclude", "nothing", "--extend-exclude", "f.txt", ".")
    assert r.out == b""


# --- 7. Output formats --------------------------------------------------------


def test_sarif_output_is_valid_sarif_2_1_0(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    a = tmp_path / "a b.txt"
    a.write_text(f"one\nx {RLO}abc y\n", encoding="utf-8")
    clean = tmp_path / "clean.txt"
    clean.write_text("nothing\n", encoding="utf-8")
    r = h.run(monkeypatch, "check", "--output-format", "sarif", str(a), str(clean))
    assert r.code == 1
    log = json.loads(r.text)
    jsonschema.validate(log, schema)
    (result,) = log["runs"][0]["results"]
    assert result["ruleId"] == "MS101"
    region = result["locations"][0]["physicalLocation"]["region"]
    # The override is the third character of line 2.
    assert (region["startLine"], region["startColumn"]) == (2, 3)
    empty = h.run(monkeypatch, "check", "--output-format", "sarif", str(clean))
    jsonschema.validate(json.loads(empty.text), schema)
    assert json.loads(empty.text)["runs"][0]["results"] == []


def test_github_annotations(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    f = tmp_path / "a,b.txt"
    f.write_text(f"ok\nx{ZWSP}y\n", encoding="utf-8")
    r = h.run(monkeypatch, "check", "--output-format", "github", str(f))
    line = r.text.rstrip("\n")
    # GitHub's workflow-command syntax: properties escape ',' as %2C and ':' as %3A.
    path = str(f).replace(":", "%3A").replace(",", "%2C")
    assert line.startswith(
        f"::error title=mixscript (MS201),file={path},line=2,col=2,endLine=2,endColumn=3::MS201 "
    )
    assert r.code == 1


def test_github_data_escapes_newlines() -> None:
    from mixscript.model import Finding
    from mixscript.text.lines import LineIndex

    finding = Finding(0, 1, "MS999", "50% of\nlines", None)
    line = github_annotation(finding, "f", LineIndex("x"))
    assert line.endswith("::MS999 50%25 of%0Alines\n")


def test_text_format_shows_the_line_with_escapes(monkeypatch: pytest.MonkeyPatch) -> None:
    r = h.run(monkeypatch, "check", "--output-format", "text", stdin=f"ab {RLO}cd\n".encode())
    lines = r.text.splitlines()
    assert lines[0].startswith("-:1:4: MS101 ")
    assert lines[1] == "  | ab \\u202ecd"
    assert lines[2] == "  |    " + "^" * len("\\u202e")


def test_colour_only_on_a_terminal_without_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert _color(Tty()) is True
    assert _color(io.StringIO()) is False
    monkeypatch.setenv("NO_COLOR", "1")
    assert _color(Tty()) is False
    cmd = CheckCommand(color=True)
    out = cmd.process(Chunk(f"a{ZWSP}b", 0), cli_engine.Input("f", None, "safe"))
    assert "\x1b[31m" in "".join(out.items)


# --- 7. Progress ------------------------------------------------------------


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_cleared_before_every_message(tmp_path: Path) -> None:
    from mixscript.cli.normalize import NormalizeCommand

    files = []
    for k in range(3):
        f = tmp_path / f"f{k}.txt"
        f.write_text(f"{h.FORM}\n", encoding="utf-8")
        files.append(f)
    tty = _Tty()
    monkey_min = cli_engine.PROGRESS_MIN_BYTES
    cli_engine.PROGRESS_MIN_BYTES = 0
    try:
        engine = cli_engine.Engine(NormalizeCommand(mode="check"), out=io.BytesIO(), err=tty)
        inputs = [cli_engine.Input(str(f), f, "safe", f.stat().st_size) for f in files]
        assert engine.run(inputs) == 1
    finally:
        cli_engine.PROGRESS_MIN_BYTES = monkey_min
    text = tty.getvalue()
    for f in files:
        message = f"{f}: would be normalized\n"
        at = text.index(message)
        # Just before the message: the bar wiped from its line, or a fresh line.
        assert text[:at].endswith(("\r\x1b[K", "\n")), text[:at][-40:]
        assert "]" not in text[:at].rpartition("\r\x1b[K")[2].rpartition("\n")[2]
    assert "ETA" in text or " in 0:" in text


def test_progress_line_has_an_eta() -> None:
    p = cli_engine.Progress(io.StringIO(), 4, 1000)
    p.add(250, 1)
    line = p.line(p._t0 + 10.0)  # a quarter done in 10 s: 30 s left
    assert line.endswith("ETA 0:30")


# --- 8. Library argument types ------------------------------------------------

PUBLIC = [
    mixscript.check,
    mixscript.detect_visual,
    mixscript.explain,
    mixscript.isolate,
    mixscript.normalize,
    mixscript.repair_edits,
    mixscript.segment,
    mixscript.to_logical,
    mixscript.to_visual,
]


@pytest.mark.parametrize("func", PUBLIC, ids=lambda f: f.__name__)
@pytest.mark.parametrize("bad", [None, b"abc", 3, ["abc"]], ids=repr)
def test_public_functions_reject_non_text(func: object, bad: object) -> None:
    assert callable(func)
    with pytest.raises(TypeError, match="must be str"):
        func(bad)


def test_bytes_error_says_to_decode() -> None:
    with pytest.raises(TypeError, match=r"text must be str, not bytes \(decode it first"):
        mixscript.normalize(b"abc")  # type: ignore[arg-type]


def test_other_argument_types_and_ranges() -> None:
    with pytest.raises(ValueError, match=r"min_confidence must be in \[0, 1\]"):
        mixscript.repair_edits("abc", min_confidence=5)
    with pytest.raises(TypeError):
        mixscript.normalize("abc", profile=3)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        mixscript.to_visual("abc", width="3")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        mixscript.segment("abc", languages="fa")
    with pytest.raises(TypeError):
        mixscript.check("abc", path=3)  # type: ignore[arg-type]


# --- 5. Linear time: chunks of an over-long line --------------------------------


@settings(max_examples=60, deadline=None)
@given(
    pieces=st.lists(st.text(st.sampled_from("ab\n\r س"), max_size=40), max_size=30),
    size=st.integers(1, 8),
)
def test_chunks_of_long_lines_join_back(pieces: list[str], size: int) -> None:
    got = list(chunks(pieces, size))
    assert "".join(c.text for c in got) == "".join(pieces)
    pos = 0
    for c in got:
        assert c.start == pos
        pos += len(c.text)


def test_text_format_cuts_a_long_line_around_the_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    line = "a" * 5000 + RLO + "b" * 5000
    r = h.run(monkeypatch, "check", "--output-format", "text", stdin=f"{line}\n".encode())
    head, excerpt, carets = r.text.splitlines()
    assert head.startswith("-:1:5001: MS101 ")
    # 60 code points each side of the override, marked as cut.
    assert excerpt == "  | …" + "a" * 60 + "\\u202e" + "b" * 60 + "…"
    assert carets == "  | " + " " * 61 + "^" * 6


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    before=st.text(st.sampled_from("ab سل\n\u200b\u202e\ufe8d"), max_size=20),
    after=st.text(st.sampled_from("ab سل\n\u200b\u202e\ufe8d"), max_size=20),
    profile=st.sampled_from(["safe", "clean", "search"]),
)
def test_nul_in_stdin_never_gives_an_empty_output(
    monkeypatch: pytest.MonkeyPatch, before: str, after: str, profile: str
) -> None:
    data = f"{before}\0{after}".encode()
    r = h.run(monkeypatch, "normalize", "--profile", profile, stdin=data)
    assert r.code in (0, 1)
    # NUL is a character no profile removes: it comes out as it went in.
    assert r.out.count(b"\0") == 1
    for command in ("segment", "display", "repair"):
        out = h.run(monkeypatch, command, stdin=data)
        assert out.code in (0, 1) and out.out, command
