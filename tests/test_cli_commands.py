"""``check`` and ``display`` through the command line; progress."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from mixscript.cli import engine as cli_engine
from tests import _cli_helpers as h

OVERRIDE = f"First line\nReference: {h.RLO}Q3-2024{h.PDF} (annex 2)\n"


def test_check_reports_path_line_col_and_exits_1(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = tmp_path / "ov.txt"
    path.write_text(OVERRIDE, encoding="utf-8")
    r = h.run(monkeypatch, "check", str(path))
    assert r.code == 1
    col = OVERRIDE.splitlines()[1].index(h.RLO) + 1
    assert r.text.startswith(f"{path}:2:{col}: ")
    assert "RIGHT-TO-LEFT OVERRIDE" in r.text
    assert path.read_text(encoding="utf-8") == OVERRIDE
    clean = tmp_path / "clean.txt"
    clean.write_text("Nothing here.\n", encoding="utf-8")
    assert h.run(monkeypatch, "check", str(clean)).code == 0


def test_check_json_fix_select(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = tmp_path / "ov.txt"
    path.write_text(OVERRIDE, encoding="utf-8")
    other = tmp_path / "zw.txt"
    other.write_text("pay\u200bment\n", encoding="utf-8")
    r = h.run(monkeypatch, "check", "--format", "json", str(tmp_path))
    records = json.loads(r.text)
    assert r.code == 1
    assert {(Path(rec["path"]).name, rec["line"]) for rec in records} >= {
        ("ov.txt", 2),
        ("zw.txt", 1),
    }
    rlo = next(rec for rec in records if rec["start"] == OVERRIDE.index(h.RLO))
    assert rlo["column"] == 12
    # --select keeps only the codes asked for.
    code = rlo["code"]
    r = h.run(monkeypatch, "check", "--format", "json", "--select", code, str(tmp_path))
    assert {rec["code"] for rec in json.loads(r.text)} == {code}
    # --fix rewrites the files and still exits 1 (something was found).
    r = h.run(monkeypatch, "check", "--fix", str(tmp_path))
    assert r.code == 1
    assert path.read_text(encoding="utf-8") == "First line\nReference: Q3-2024 (annex 2)\n"
    assert other.read_text(encoding="utf-8") == "payment\n"
    assert h.run(monkeypatch, "check", str(tmp_path)).code == 0


def test_check_fix_on_stdin_goes_to_stdout(monkeypatch: pytest.MonkeyPatch) -> None:
    for fmt in ("text", "json"):
        r = h.run(monkeypatch, "check", "--fix", "--format", fmt, stdin=OVERRIDE.encode())
        assert r.code == 1
        assert r.text == "First line\nReference: Q3-2024 (annex 2)\n"
        assert r.err == "2 findings: 2 fixed, 0 remaining\n"


def test_display_wraps_and_reverses(monkeypatch: pytest.MonkeyPatch) -> None:
    # Visual order of an RTL word inside LTR text: its letters come out reversed.
    word = "\u0628\u0627\u0628"  # palindrome in letters, so check shaping instead
    r = h.run(monkeypatch, "display", "--base-direction", "ltr", stdin=f"ab {word}\n".encode())
    assert r.code == 0
    line = r.text.rstrip("\n")
    assert line.startswith("ab ")
    # Shaped: isolated letters become presentation forms (U+FE8F..U+FE92 are BEH's).
    assert all("\ufb50" <= ch <= "\ufeff" for ch in line[3:])
    r = h.run(monkeypatch, "display", "--width", "5", stdin=b"aaaa bbbb cccc\n")
    assert all(len(x) <= 5 for x in r.text.splitlines())


def test_progress_bar_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    path = tmp_path / "a.txt"
    path.write_text("plain text\n" * 10, encoding="utf-8")
    monkeypatch.setattr(cli_engine, "PROGRESS_MIN_BYTES", 10)
    tty = Tty()
    engine = cli_engine.Engine(_normalize_check(), out=io.BytesIO(), err=tty, jobs=1, quiet=False)
    inputs = [cli_engine.Input(str(path), path, "safe", path.stat().st_size)]
    assert engine.run(inputs) == 0
    assert re.search(r"\] 1/1 files 0\.0/0\.0 MB [\d.]+ MB/s", tty.getvalue())
    quiet = Tty()
    cli_engine.Engine(_normalize_check(), out=io.BytesIO(), err=quiet, quiet=True).run(inputs)
    assert quiet.getvalue() == ""
    plain = io.StringIO()
    cli_engine.Engine(_normalize_check(), out=io.BytesIO(), err=plain).run(inputs)
    assert "MB/s" not in plain.getvalue()


def _normalize_check() -> cli_engine.Command:
    from mixscript.cli.normalize import NormalizeCommand

    return NormalizeCommand(mode="check")


class _WhoCommand(cli_engine.Command):
    """Reports which process handled each chunk (to see that --jobs really fans out)."""

    def process(self, chunk: cli_engine.Chunk, inp: cli_engine.Input) -> cli_engine.ChunkOut:
        import os
        import time

        time.sleep(0.05)  # long enough that one worker cannot take every task
        return cli_engine.ChunkOut(items=[f"{inp.name} {chunk.start} {os.getpid()}\n"])

    def exit_code(self, state: cli_engine.FileState) -> int:
        return 0


def test_jobs_spread_files_and_chunks_over_processes(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import os

    names = []
    for i in range(8):
        path = tmp_path / f"f{i}.txt"
        path.write_text(f"file {i}\n", encoding="utf-8")
        names.append(path)
    big = tmp_path / "big.txt"
    big.write_text("paragraph\n\n" * 200, encoding="utf-8")
    monkeypatch.setattr("mixscript.text.chunks.CHUNK", 100)
    monkeypatch.setattr(cli_engine, "LARGE", 1000)
    inputs = [cli_engine.Input(str(p), p, "safe", p.stat().st_size) for p in [*names, big]]
    out = io.BytesIO()
    cli_engine.Engine(_WhoCommand(), jobs=2, out=out, err=io.StringIO()).run(inputs)
    rows = [line.split() for line in out.getvalue().decode().splitlines()]
    file_rows = [r for r in rows if r[0] != str(big)]
    chunk_rows = [r for r in rows if r[0] == str(big)]
    assert [r[0] for r in file_rows] == [str(p) for p in names]  # input order kept
    assert [int(r[1]) for r in chunk_rows] == sorted(int(r[1]) for r in chunk_rows)
    assert len(chunk_rows) > 10
    parent = str(os.getpid())
    assert len({r[2] for r in file_rows} - {parent}) == 2
    assert len({r[2] for r in chunk_rows} - {parent}) == 2


def test_unknown_check_code_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = tmp_path / "ov.txt"
    path.write_text(OVERRIDE, encoding="utf-8")
    r = h.run(monkeypatch, "check", "--select", "XY", str(path))
    assert r.code == 2
    assert "unknown code or prefix 'XY'" in r.err
    assert "Traceback" not in r.err
    assert path.read_text(encoding="utf-8") == OVERRIDE


def test_a_missing_extra_is_named_in_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    from mixscript.lang import lingua

    monkeypatch.setattr(lingua, "available", lambda: False)
    r = h.run(monkeypatch, "segment", "-", stdin="Hello سلام\n".encode())
    assert r.code in (0, 1)
    notes = [line for line in r.err.splitlines() if "mixscript[lang]" in line]
    assert len(notes) == 1
    quiet = h.run(monkeypatch, "segment", "--quiet", "-", stdin=b"Hello\n")
    assert "mixscript[lang]" not in quiet.err


def test_display_keeps_each_haraka_after_its_letter(monkeypatch: pytest.MonkeyPatch) -> None:
    import unicodedata

    r = h.run(monkeypatch, "display", "-", stdin="كَتَبَ\n".encode())
    line = r.text.rstrip("\n")
    marks = [i for i, ch in enumerate(line) if unicodedata.combining(ch)]
    assert len(marks) == 3
    # In display order every mark follows a letter, never opens the line.
    assert all(i > 0 and not unicodedata.combining(line[i - 1]) for i in marks)
