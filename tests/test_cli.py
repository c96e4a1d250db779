"""The ``mixscript`` command in-process: modes, exit codes, and what happens to files."""

from __future__ import annotations

import codecs
import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from mixscript.cli import engine as cli_engine
from tests import _cli_helpers as h

DIRTY = f"Hello {h.FORM} world\nx {h.RLO}abc{h.PDF} y\n"
CLEAN = f"Hello {h.LETTER} world\nx abc y\n"


@pytest.fixture
def files(tmp_path: Path) -> Path:
    (tmp_path / "dirty.txt").write_text(DIRTY, encoding="utf-8")
    (tmp_path / "clean.txt").write_text("Nothing to do here.\n", encoding="utf-8")
    return tmp_path


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


# --- exit codes --------------------------------------------------------------------


def test_exit_0_when_nothing_to_change(monkeypatch: pytest.MonkeyPatch, files: Path) -> None:
    r = h.run(monkeypatch, "normalize", "--check", str(files / "clean.txt"))
    assert (r.code, r.out) == (0, b"")
    assert "0 files would be normalized, 1 unchanged" in r.err


def test_exit_1_and_check_leaves_files_byte_identical(
    monkeypatch: pytest.MonkeyPatch, files: Path
) -> None:
    before = _snapshot(files)
    r = h.run(monkeypatch, "normalize", "--check", str(files))
    assert r.code == 1
    assert f"{files / 'dirty.txt'}: would be normalized" in r.err
    assert "clean.txt" not in r.err.split("\n")[0]
    assert _snapshot(files) == before


@pytest.mark.parametrize(
    "argv",
    [
        ["normalize", "--no-such-option"],
        ["normalize", "--in-place", "--check", "x"],
        ["frobnicate"],
        ["normalize", "--profile", "nonsense", "-"],
        ["display", "--width", "0", "-"],
    ],
)
def test_exit_2_on_usage_errors(monkeypatch: pytest.MonkeyPatch, argv: list[str]) -> None:
    r = h.run(monkeypatch, *argv)
    assert r.code == 2 and r.out == b""
    assert "error" in r.err


def test_exit_2_for_a_missing_path_but_the_others_are_processed(
    monkeypatch: pytest.MonkeyPatch, files: Path
) -> None:
    r = h.run(monkeypatch, "normalize", "-i", str(files / "nope.txt"), str(files / "dirty.txt"))
    assert r.code == 2
    assert f"{files / 'nope.txt'}: no such file or directory" in r.err
    assert (files / "dirty.txt").read_text(encoding="utf-8") == CLEAN


def test_several_inputs_to_stdout_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, files: Path
) -> None:
    r = h.run(monkeypatch, "normalize", str(files))
    assert r.code == 2 and "--in-place" in r.err
    assert (files / "dirty.txt").read_text(encoding="utf-8") == DIRTY


# --- modes -------------------------------------------------------------------------


def test_stdin_to_stdout(monkeypatch: pytest.MonkeyPatch) -> None:
    r = h.run(monkeypatch, "normalize", stdin=DIRTY.encode())
    assert (r.code, r.text) == (1, CLEAN)
    r = h.run(monkeypatch, "normalize", "-", stdin=b"plain\n")
    assert (r.code, r.out) == (0, b"plain\n")


def test_stdin_keeps_its_encoding(monkeypatch: pytest.MonkeyPatch) -> None:
    data = codecs.BOM_UTF16_LE + DIRTY.encode("utf-16-le")
    r = h.run(monkeypatch, "normalize", "-", stdin=data)
    assert r.out == codecs.BOM_UTF16_LE + CLEAN.encode("utf-16-le")


def test_in_place_rewrites_only_what_changes(monkeypatch: pytest.MonkeyPatch, files: Path) -> None:
    clean_before = _snapshot(files)["clean.txt"]
    inode = (files / "dirty.txt").stat().st_ino
    r = h.run(monkeypatch, "normalize", "--in-place", str(files))
    assert r.code == 1
    assert (files / "dirty.txt").read_text(encoding="utf-8") == CLEAN
    assert (files / "dirty.txt").stat().st_ino != inode  # replaced, not truncated
    assert _snapshot(files)["clean.txt"] == clean_before  # mtime unchanged
    assert sorted(p.name for p in files.iterdir()) == ["clean.txt", "dirty.txt"]
    r = h.run(monkeypatch, "normalize", "--in-place", str(files))
    assert r.code == 0


@pytest.mark.parametrize(
    ("name", "encode"),
    [
        ("crlf", lambda t: t.replace("\n", "\r\n").encode()),
        ("bom", lambda t: codecs.BOM_UTF8 + t.encode()),
        ("no-final-newline", lambda t: t.rstrip("\n").encode()),
        ("utf16-crlf", lambda t: codecs.BOM_UTF16_BE + t.replace("\n", "\r\n").encode("utf-16-be")),
    ],
)
def test_in_place_preserves_line_endings_bom_and_final_newline(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, name: str, encode: object
) -> None:
    assert callable(encode)
    path = tmp_path / f"{name}.txt"
    path.write_bytes(encode(DIRTY))
    os.chmod(path, 0o600)
    r = h.run(monkeypatch, "normalize", "--in-place", str(path))
    assert r.code == 1
    assert path.read_bytes() == encode(CLEAN)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_diff_is_a_patch_that_gives_the_in_place_result(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    patch = shutil.which("patch")
    if patch is None:
        pytest.skip("patch(1) not installed")
    body = "".join(f"line {i}\n" for i in range(10))
    text = f"{body}Hello {h.FORM}\n{body}{h.VISUAL}\n{body}end without newline {h.FORM}"
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    r = h.run(monkeypatch, "normalize", "--diff", str(path))
    assert r.code == 1
    assert r.text.startswith(f"--- {path}\n+++ {path}\n@@ -8,7 +8,7 @@\n")
    assert f"-{h.VISUAL}\n+{h.LOGICAL}\n" in r.text
    assert path.read_text(encoding="utf-8") == text
    copy = tmp_path / "copy.txt"
    copy.write_text(text, encoding="utf-8")
    subprocess.run([patch, "-s", str(copy)], input=r.out, check=True)
    h.run(monkeypatch, "normalize", "--in-place", str(path))
    assert copy.read_bytes() == path.read_bytes()


def test_explain_lines(monkeypatch: pytest.MonkeyPatch, files: Path) -> None:
    path = files / "dirty.txt"
    r = h.run(monkeypatch, "normalize", "--explain", str(path))
    assert r.code == 1
    lines = r.text.splitlines()
    assert f"{path}:1:7: presentation_forms: {h.FORM!r} -> {h.LETTER!r}" in lines
    assert f"{path}:2:3: bidi_controls: '\\u202e' -> ''" in lines
    assert f"{path}:2:7: bidi_controls: '\\u202c' -> ''" in lines


def test_quiet_drops_messages_but_not_errors(monkeypatch: pytest.MonkeyPatch, files: Path) -> None:
    r = h.run(monkeypatch, "normalize", "--check", "-q", str(files), str(files / "gone"))
    assert r.code == 2
    assert r.err.strip() == f"{files / 'gone'}: no such file or directory"


# --- undecodable, binary, read-only, deleted ---------------------------------------


def test_undecodable_and_binary_files_are_untouched_while_others_are_fixed(
    monkeypatch: pytest.MonkeyPatch, files: Path
) -> None:
    bad = b"ok line\n" + f"{h.FORM}".encode() + b"\xc3\x28 rest"
    (files / "bad.txt").write_bytes(bad)
    binary = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + f"{h.FORM}".encode()
    (files / "image.png").write_bytes(binary)
    before = _snapshot(files)
    r = h.run(monkeypatch, "normalize", "--in-place", str(files))
    assert r.code == 2
    # The bad byte: 8 bytes of "ok line\n", then the 3-byte presentation form, then 0xC3.
    assert f"{files / 'bad.txt'}: not UTF-8 at byte 11" in r.err.splitlines()
    assert f"{files / 'image.png'}: binary file (NUL byte at 8), skipped" in r.err
    after = _snapshot(files)
    assert after["bad.txt"] == before["bad.txt"]
    assert after["image.png"] == before["image.png"]
    assert (files / "dirty.txt").read_text(encoding="utf-8") == CLEAN


def test_encoding_option(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    # A ZWNJ before a space joins nothing: the safe profile drops it.
    path.write_bytes("\u0633\u0644\u0627\u0645\N{ZERO WIDTH NON-JOINER} x\n".encode("cp1256"))
    r = h.run(monkeypatch, "normalize", "--in-place", str(path))
    assert r.code == 2 and "not UTF-8 at byte 0" in r.err
    r = h.run(monkeypatch, "normalize", "--in-place", "--encoding", "cp1256", str(path))
    assert r.code == 1
    assert path.read_bytes() == b"\xd3\xe1\xc7\xe3 x\n"  # cp1256 code chart: seen lam alef meem


def test_read_only_file_is_reported_and_left_alone(
    monkeypatch: pytest.MonkeyPatch, files: Path
) -> None:
    ro = files / "ro.txt"
    ro.write_text(DIRTY, encoding="utf-8")
    os.chmod(ro, 0o444)
    r = h.run(monkeypatch, "normalize", "--in-place", str(files))
    assert r.code == 2
    assert f"{ro}: read-only, left unchanged" in r.err
    assert ro.read_text(encoding="utf-8") == DIRTY
    assert (files / "dirty.txt").read_text(encoding="utf-8") == CLEAN


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_file_deleted_mid_run(monkeypatch: pytest.MonkeyPatch, files: Path, jobs: str) -> None:
    victim = files / "victim.txt"
    victim.write_text(DIRTY, encoding="utf-8")
    real = cli_engine.Engine.run

    def run_after_deleting(self: cli_engine.Engine, inputs: list[cli_engine.Input]) -> int:
        assert any(i.path == victim for i in inputs)  # listed before it vanished
        victim.unlink()
        return real(self, inputs)

    monkeypatch.setattr(cli_engine.Engine, "run", run_after_deleting)
    r = h.run(monkeypatch, "normalize", "--in-place", "--jobs", jobs, str(files))
    assert r.code == 2
    assert f"{victim}: no such file or directory" in r.err
    assert not victim.exists()
    assert (files / "dirty.txt").read_text(encoding="utf-8") == CLEAN


# --- folders and configuration -----------------------------------------------------


def test_folder_skips_git_and_gitignored_files(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    if shutil.which("git") is None:
        pytest.skip("git not installed")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / ".gitignore").write_text("build/\n*.log\n")
    for rel in ("a.txt", "sub/b.md", "build/c.txt", "x.log", ".git/d.txt"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(DIRTY, encoding="utf-8")
    r = h.run(monkeypatch, "normalize", "--check", str(tmp_path))
    flagged = sorted(
        Path(line.split(": ")[0]).relative_to(tmp_path).as_posix()
        for line in r.err.splitlines()
        if line.endswith("would be normalized")
    )
    assert flagged == ["a.txt", "sub/b.md"]


def test_config_profile_exclude_and_show_config(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.mixscript]\nprofile = "safe"\nexclude = ["vendor"]\n'
        '[tool.mixscript.per-file-profile]\n"search/*.txt" = "search"\n'
    )
    for rel in ("vendor/v.txt", "search/s.txt", "plain.txt"):
        (tmp_path / rel).parent.mkdir(exist_ok=True)
        (tmp_path / rel).write_text("CAFE\n", encoding="utf-8")
    r = h.run(monkeypatch, "normalize", "--in-place", str(tmp_path))
    assert r.code == 1
    # Only the search profile case-folds Latin text.
    assert (tmp_path / "search/s.txt").read_text() == "cafe\n"
    assert (tmp_path / "plain.txt").read_text() == "CAFE\n"
    assert (tmp_path / "vendor/v.txt").read_text() == "CAFE\n"
    # The command line overrides the file.
    r = h.run(monkeypatch, "normalize", "--in-place", "--profile", "search", str(tmp_path))
    assert (tmp_path / "plain.txt").read_text() == "cafe\n"
    r = h.run(monkeypatch, "normalize", "--show-config", "--profile", "clean", str(tmp_path))
    assert r.code == 0
    assert 'profile = "clean"' in r.text and 'exclude = ["vendor"]' in r.text
    assert '"search/*.txt" = "search"' in r.text


def test_bad_config_is_a_usage_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.mixscript]\nprofle = 'safe'\n")
    (tmp_path / "a.txt").write_text("x\n")
    r = h.run(monkeypatch, "normalize", "--check", str(tmp_path / "a.txt"))
    assert r.code == 2 and "unknown key 'profle'" in r.err


# --- segment -----------------------------------------------------------------------


@pytest.mark.slow
def test_segment_jsonl_offsets_lines_and_sources(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    text = f"Statement {h.FORM} ok\r\nسلام و (Vienna، ۱۴۰۰)\n\nmore {h.VISUAL}\n"
    path = tmp_path / "s.txt"
    path.write_text(text, encoding="utf-8", newline="")
    r = h.run(monkeypatch, "segment", str(path))
    assert r.code == 0
    records = [json.loads(line) for line in r.text.splitlines()]
    assert [set(rec) for rec in records[:1]] == [
        {
            "path",
            "start",
            "end",
            "line",
            "text",
            "source",
            "script",
            "lang",
            "tag",
            "direction",
            "kind",
            "confidence",
        }
    ]
    pos = 0
    for rec in records:
        assert rec["start"] == pos and rec["end"] > pos
        assert rec["source"] == text[rec["start"] : rec["end"]]
        assert rec["line"] == text.count("\n", 0, rec["start"]) + 1
        assert rec["tag"] == f"{rec['lang']}-{rec['script']}"
        assert rec["path"] == str(path)
        pos = rec["end"]
    assert pos == len(text)
    form = next(rec for rec in records if rec["source"] == h.FORM)
    assert form["text"] == h.LETTER and form["direction"] == "rtl"


def test_segment_tsv_escapes_tabs_and_newlines(monkeypatch: pytest.MonkeyPatch) -> None:
    r = h.run(monkeypatch, "segment", "--format", "tsv", stdin=b"a\tb\\c\n")
    rows = [line.split("\t") for line in r.text.splitlines()]
    assert rows[0][:3] == ["path", "start", "end"]
    assert all(len(row) == 12 for row in rows)
    sources = "".join(row[5] for row in rows[1:])
    assert sources == "a\\tb\\\\c\\n"


def test_segment_offsets_stay_absolute_across_chunks(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    para = f"English words {h.FORM} and سلام عليكم.\nSecond line {h.VISUAL}\n\n"
    text = para * 40
    path = tmp_path / "big.txt"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setattr("mixscript.text.chunks.CHUNK", 300)
    for jobs in ("1", "2"):
        r = h.run(monkeypatch, "segment", "--jobs", jobs, str(path))
        records = [json.loads(line) for line in r.text.splitlines()]
        assert "".join(rec["source"] for rec in records) == text
        assert all(rec["source"] == text[rec["start"] : rec["end"]] for rec in records)
        assert all(rec["line"] == text.count("\n", 0, rec["start"]) + 1 for rec in records)


def test_jobs_keep_output_order_and_results(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    for i in range(12):
        (tmp_path / f"f{i:02}.txt").write_text(f"{i} {DIRTY}" * (i + 1), encoding="utf-8")
    one = h.run(monkeypatch, "normalize", "--diff", str(tmp_path))
    two = h.run(monkeypatch, "normalize", "--diff", "--jobs", "2", str(tmp_path))
    assert one.code == two.code == 1
    assert one.out == two.out and one.err == two.err
    assert one.text.index("f03.txt") < one.text.index("f10.txt")


def test_one_large_file_in_chunks_with_jobs_matches_the_whole(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    text = (f"para {h.FORM} {h.RLO}x{h.PDF}\n{h.VISUAL}\n\n") * 200
    path = tmp_path / "big.txt"
    path.write_text(text, encoding="utf-8")
    whole = h.run(monkeypatch, "normalize", str(path))
    monkeypatch.setattr("mixscript.text.chunks.CHUNK", 256)
    monkeypatch.setattr(cli_engine, "LARGE", 1024)
    for jobs in ("1", "2"):
        r = h.run(monkeypatch, "normalize", "--jobs", jobs, str(path))
        assert (r.code, r.out) == (whole.code, whole.out)


# --- other subcommands -------------------------------------------------------------


def test_repair_and_display(monkeypatch: pytest.MonkeyPatch) -> None:
    r = h.run(monkeypatch, "repair", stdin=f"{h.VISUAL}\n".encode())
    assert (r.code, r.text) == (1, f"{h.LOGICAL}\n")
    r = h.run(monkeypatch, "repair", stdin=b"plain\n")
    assert (r.code, r.text) == (0, "plain\n")
    r = h.run(monkeypatch, "display", stdin="abc \u0628\u0627\n".encode())
    assert r.code == 0
    # Visual order: the Arabic word comes out reversed, in presentation forms.
    assert r.text.startswith("abc ") and r.text.rstrip("\n") != "abc \u0628\u0627"


def test_python_dash_m(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "mixscript", "normalize", "-"],
        input=DIRTY.encode(),
        capture_output=True,
        check=False,
    )
    assert (proc.returncode, proc.stdout.decode()) == (1, CLEAN)


def test_unchanged_files_in_a_read_only_folder_are_fine(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "clean.txt").write_text("Nothing to do.\n", encoding="utf-8")
    ro_file = folder / "ro-clean.txt"
    ro_file.write_text("Also clean.\n", encoding="utf-8")
    os.chmod(ro_file, 0o444)
    os.chmod(folder, 0o555)
    try:
        r = h.run(monkeypatch, "normalize", "--in-place", str(folder))
        assert (r.code, r.err.splitlines()[-1]) == (0, "0 files normalized, 2 unchanged")
    finally:
        os.chmod(folder, 0o755)


def test_change_after_an_unchanged_chunk_keeps_the_prefix_bytes(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # The first chunks need no change and are copied from the original.
    head = "".join(f"clean line {i}\n\n" for i in range(60))
    for codec, bom in (("utf-8", b""), ("utf-16-le", codecs.BOM_UTF16_LE)):
        path = tmp_path / f"late-{codec}.txt"
        path.write_bytes(bom + (head + DIRTY).encode(codec))
        monkeypatch.setattr("mixscript.text.chunks.CHUNK", 64)
        r = h.run(monkeypatch, "normalize", "--in-place", str(path))
        assert r.code == 1
        assert path.read_bytes() == bom + (head + CLEAN).encode(codec)


def test_languages_from_config_and_command_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import mixscript

    seen: list[object] = []
    real = mixscript.segment

    def spy(text: str, **kwargs: object) -> list[mixscript.Segment]:
        seen.append(kwargs.get("languages"))
        return real(text, profile="safe")

    # The command calls segment() from its home module, mixscript.segments.
    monkeypatch.setattr("mixscript.segments.segment", spy)
    (tmp_path / "pyproject.toml").write_text('[tool.mixscript]\nlanguages = ["fa", "en"]\n')
    path = tmp_path / "a.txt"
    path.write_text("x\n")
    h.run(monkeypatch, "segment", str(path))
    h.run(monkeypatch, "segment", "--languages", "ur,de", str(path))
    assert seen == [("fa", "en"), ("ur", "de")]
