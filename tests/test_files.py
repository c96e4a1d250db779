"""files.py and stream.py: decoding, atomic writes, and chunk cuts."""

from __future__ import annotations

import codecs
import io
import os
import re
import stat
import unicodedata
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mixscript.cli.files import (
    AtomicWriter,
    BinaryFileError,
    DecodeProblem,
    FileProblem,
    TextEncoding,
    TextSource,
    sniff_encoding,
)
from mixscript.text.chunks import chunks, safe_cut


def _decode(data: bytes, block: int = 8000, encoding: str | None = None) -> str:
    return "".join(TextSource(io.BytesIO(data), "f", encoding, block=block))


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_bom_decides_the_codec_and_is_not_part_of_the_text(bom: bytes, codec: str) -> None:
    text = "Statement \u0628\u0633\u0645 \N{ARABIC LETTER ALEF WASLA}\n" * 3000
    data = bom + text.encode(codec)
    source = TextSource(io.BytesIO(data), "f", block=8000)
    assert source.encoding.codec == codec and source.encoding.bom == bom
    assert "".join(source) == text


def test_utf8_without_bom_is_the_default() -> None:
    assert sniff_encoding(b"plain", "f") == TextEncoding("utf-8", b"", "UTF-8")


@pytest.mark.parametrize("block", [8000, 8192, 10_000])
@pytest.mark.parametrize("where", [0, 5, 7999, 8000, 8001, 20_000])
def test_decode_error_reports_the_absolute_byte(block: int, where: int) -> None:
    # A multi-byte character straddles many block edges; the bad byte is at ``where``.
    good = ("\u0633" * 20_000).encode()  # 2 bytes each
    data = bytearray(good[:where] if where % 2 == 0 else good[: where - 1] + b"a")
    data += b"\xff" + good
    with pytest.raises(DecodeProblem) as info:
        _decode(bytes(data), block=block)
    assert info.value.byte == where
    assert str(info.value) == f"f: not UTF-8 at byte {where}"


def test_truncated_sequence_at_end_is_reported_where_it_starts() -> None:
    data = b"abc" + "\u0633".encode()[:1]
    with pytest.raises(DecodeProblem) as info:
        _decode(data)
    assert info.value.byte == 3


def test_nul_byte_means_binary_but_not_in_utf16() -> None:
    with pytest.raises(BinaryFileError) as info:
        sniff_encoding(b"GIF89a\0\0", "img")
    assert info.value.byte == 6 and info.value.exit_code == 0
    assert sniff_encoding(codecs.BOM_UTF16_LE + "a".encode("utf-16-le"), "f").label == "UTF-16"


def test_named_encoding_is_used_and_named_in_errors() -> None:
    arabic = "\u0633\u0644\u0627\u0645"
    assert _decode(arabic.encode("cp1256"), encoding="cp1256") == arabic
    with pytest.raises(DecodeProblem, match="not ascii at byte 2"):
        _decode(b"ab\xe9", encoding="ascii")
    with pytest.raises(FileProblem, match="unknown encoding"):
        _decode(b"ab", encoding="no-such-codec")


def test_atomic_writer_keeps_mode_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + "old".encode("utf-16-le"))
    os.chmod(path, 0o640)
    enc = TextEncoding("utf-16-le", codecs.BOM_UTF16_LE, "UTF-16")
    with AtomicWriter(path, enc) as w:
        w.write("new ")
        w.write("text")
        w.commit()
    assert path.read_bytes() == codecs.BOM_UTF16_LE + "new text".encode("utf-16-le")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]  # no temporary file left


def test_atomic_writer_without_commit_leaves_the_original(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("old")
    with AtomicWriter(path, TextEncoding()) as w:
        w.write("new")
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_atomic_writer_refuses_read_only_files(tmp_path: Path) -> None:
    path = tmp_path / "ro.txt"
    path.write_text("old")
    os.chmod(path, 0o444)
    with pytest.raises(FileProblem, match="read-only"):
        AtomicWriter(path, TextEncoding())
    assert path.read_text() == "old"


def test_atomic_writer_does_not_recreate_a_deleted_file(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("old")
    with AtomicWriter(path, TextEncoding()) as w:
        w.write("new")
        path.unlink()
        with pytest.raises(FileProblem, match="deleted"):
            w.commit()
    assert list(tmp_path.iterdir()) == []


def test_atomic_writer_through_a_symlink_replaces_the_target(tmp_path: Path) -> None:
    target = tmp_path / "real.txt"
    target.write_text("old")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    with AtomicWriter(link, TextEncoding()) as w:
        w.write("new")
        w.commit()
    assert link.is_symlink() and target.read_text() == "new"


# --- chunks -------------------------------------------------------------------------


def _ends_paragraph(ch: str) -> bool:
    """Bidi_Class B, read from Python's own Unicode data (not from mixscript)."""
    return unicodedata.bidirectional(ch) == "B"


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.text(
            alphabet=st.sampled_from("ab \u0633\u064e\n\r\u2029\t\u2028\x0b\x0c\x85\x1c"),
            max_size=40,
        ),
        max_size=12,
    ),
    st.integers(min_value=1, max_value=30),
    st.booleans(),
)
@example(["ab\n\n\rcd\n\rxy\n\u2029zz" * 3], 2, True)
def test_chunks_rejoin_exactly_and_cut_only_after_paragraph_separators(
    pieces: list[str], size: int, lf_only: bool
) -> None:
    text = "".join(pieces)
    got = list(chunks(pieces, size, lf_only=lf_only))
    assert "".join(c.text for c in got) == text
    pos = 0
    for c in got:
        assert c.start == pos and c.text
        # Editors' lines: LF, CR LF and CR end a line; columns count from the last one.
        breaks = list(re.finditer(r"\r\n|\r|\n", text[:pos]))
        assert c.line == len(breaks) + 1
        assert c.col == pos - (breaks[-1].end() if breaks else 0) + 1
        assert c.lf_line == text.count("\n", 0, pos) + 1
        pos += len(c.text)
    for c in got[:-1]:
        end = c.start + len(c.text)
        # A bidi paragraph ends the chunk (not VT, FF or U+2028) ...
        assert _ends_paragraph(text[end - 1])
        if lf_only:  # ... an LF, and the whole run of them
            assert c.text.endswith("\n") and text[end] != "\n"
        else:  # ... and the whole run of them
            assert not _ends_paragraph(text[end])
        assert text[end - 1 : end + 1] != "\r\n"
        # The chunk knows the first line break of the text before it.
        first = re.search(r"\r\n|\r|\n", text[:end])
        assert got[got.index(c) + 1].line_break == (first.group() if first else None)


def test_chunks_prefer_paragraphs() -> None:
    text = "one\ntwo\n\nthree\nfour"
    assert safe_cut(text, 5) == text.index("three")
    # Without a blank line, a line break is used only once the buffer is 4x the target.
    assert safe_cut("a\nb\nc", 2) is None
    assert safe_cut("aa\nbb\ncc", 2) == 6


def test_a_line_longer_than_the_buffer_stays_whole() -> None:
    long_line = "x" * 100
    got = [c.text for c in chunks([long_line[:30], long_line[30:], "\n\nend"], size=10)]
    assert got == [long_line + "\n\n", "end"]


def test_chunks_stay_near_the_target_size_even_from_one_big_piece() -> None:
    lines = "".join(f"line {i}\n" for i in range(5000))
    sizes = [len(c.text) for c in chunks([lines], size=100)]
    assert sum(sizes) == len(lines) and len(sizes) > 50
    assert max(sizes) <= 8 * 100 + 10  # no blank lines: cut at a line break by 8x
    paragraphs = "".join(f"para {i}\n\n" for i in range(5000))
    sizes = [len(c.text) for c in chunks([paragraphs], size=100)]
    assert max(sizes) <= 2 * 100 + 10
