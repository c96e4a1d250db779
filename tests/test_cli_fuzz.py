"""Random bytes and random text through ``mixscript normalize``, ``segment``, ``display``, ``repair``.

Whatever the input, the command returns 0, 1 or 2, never raises, and
reports problems only with the documented messages.  Text cut into small
chunks gives the same output as text processed whole, also when lines end
with VT, FF or U+2028, which end a line but not a bidi paragraph.
"""

from __future__ import annotations

import codecs
import itertools
import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mixscript
from tests import _cli_helpers as h

DOCUMENTED = re.compile(
    r"^-: (not UTF-(8|16|32) at byte \d+(; decodes as [^:]+: try --encoding [\w-]+)?"
    r"|would be normalized)$"
    r"|^\d+ files? would be normalized, \d+ unchanged(, 1 error)?$"
)
_ALPHABET = st.sampled_from(
    [
        "a",
        "Z",
        " ",
        "1",
        "(",
        "\u0628",
        "\u0644",
        "\u0627",
        "\u064e",
        "\u0651",
        "\u06cc",
        "\u06f1",
        "\ufe8d",
        "\ufedf",
        "\ufefb",
        "\ufdfd",
        "\N{ZERO WIDTH NON-JOINER}",
        "\N{ZERO WIDTH JOINER}",
        "\u200b",
        "\u202e",
        "\u202c",
        "\u2067",
        "\u2069",
        "\u200f",
        "\n",
        "\r\n",
        "\r",
        "\u2029",
        "\u2028",
        "\x0b",
        "\x0c",
        "\x85",
        "\u0301",
        "\U0001f600",
        "\ufeff",
    ]
)
TEXTS = st.one_of(
    st.text(st.characters(blacklist_categories=["Cs"]), max_size=60),
    st.lists(_ALPHABET, max_size=80).map("".join),
)


def fuzz(n: int) -> settings:
    return settings(
        max_examples=n, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
    )


def _stderr_is_documented(err: str) -> bool:
    return all(DOCUMENTED.match(line) for line in err.splitlines())


@fuzz(80)
@given(data=st.binary(max_size=200))
def test_random_bytes_normalize(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    for argv in (["normalize"], ["normalize", "--check"], ["normalize", "--explain"]):
        r = h.run(monkeypatch, *argv, stdin=data)
        assert r.code in (0, 1, 2)
        assert _stderr_is_documented(r.err), r.err
        if r.code == 2:
            assert "not UTF-" in r.err


@fuzz(50)
@given(data=st.binary(max_size=200))
def test_random_bytes_segment(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    r = h.run(monkeypatch, "segment", stdin=data)
    assert r.code in (0, 2)
    assert _stderr_is_documented(r.err), r.err
    if r.code == 0 and r.out:
        records = [json.loads(line) for line in r.text.splitlines()]
        assert records[0]["start"] == 0
        assert all(a["end"] == b["start"] for a, b in itertools.pairwise(records))


@fuzz(100)
@given(text=TEXTS)
def test_random_text_normalize_matches_the_library(
    monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    data = text.encode("utf-8")
    r = h.run(monkeypatch, "normalize", stdin=data)
    # Standard input is text even with NUL characters: nothing is skipped.
    bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
    body = text[1:] if bom else text
    expected = mixscript.normalize(body, profile="safe")
    assert r.out == bom + expected.encode("utf-8")
    assert r.code == (1 if expected != body else 0)


# Paragraphs joined by a blank line, or by a line break that does not end a
# bidi paragraph: a chunk may be cut at the first, never at the second.
_JOINS = st.sampled_from(["\n\n", "\u2028\u2028", "\x0b", "\x0c\x0c", "\n\u2028\n"])


@fuzz(60)
@given(
    texts=st.lists(TEXTS, min_size=1, max_size=6),
    joins=st.lists(_JOINS, min_size=5, max_size=5),
)
def test_small_chunks_give_the_whole_text_result(
    monkeypatch: pytest.MonkeyPatch, texts: list[str], joins: list[str]
) -> None:
    text = texts[0] + "".join(j + t for j, t in zip(joins, texts[1:], strict=False))
    data = text.encode("utf-8")
    commands = (["normalize"], ["display"], ["repair"])
    whole = [h.run(monkeypatch, *argv, stdin=data) for argv in commands]
    with monkeypatch.context() as m:
        m.setattr("mixscript.text.chunks.CHUNK", 16)
        chunked = [h.run(monkeypatch, *argv, stdin=data) for argv in commands]
        segs = h.run(monkeypatch, "segment", stdin=data)
    for argv, w, c in zip(commands, whole, chunked, strict=True):
        assert (c.code, c.out) == (w.code, w.out), argv
    binary = b"\0" in data[:8000]  # skipped with a note, no output
    if not binary and not data.startswith(codecs.BOM_UTF8):
        sources = [json.loads(line)["source"] for line in segs.text.splitlines()]
        assert "".join(sources) == text


@pytest.mark.parametrize("separator", ["\u2028", "\x0b", "\x0c"])
def test_a_line_break_inside_a_bidi_paragraph_is_no_place_to_cut(
    monkeypatch: pytest.MonkeyPatch, separator: str
) -> None:
    """VT, FF and U+2028 end a line but not a bidi paragraph (Bidi_Class S or WS, not B).

    The paragraph's first strong letter is Arabic, so every line of it is
    right to left: ``abc ب`` shows as ``ب abc``.  A chunk cut after one of
    these breaks would start a new, left-to-right paragraph.
    """
    text = "\u0628" + separator + separator.join(["abc \u0628"] * 40) + "\n"
    expected = mixscript.to_visual(text, marks_after_base=True)
    # Checked by hand: one RTL paragraph throughout, the beh shaped to its isolated form.
    assert expected.count("\N{ARABIC LETTER BEH ISOLATED FORM} abc") == 40
    with monkeypatch.context() as m:
        m.setattr("mixscript.text.chunks.CHUNK", 16)
        chunked = h.run(monkeypatch, "display", stdin=text.encode("utf-8"))
    assert chunked.text == expected


# Lines of words for the line-ending property below: Latin, Arabic (letters,
# presentation forms, a lam-alef), Hebrew in brackets, spaces, so that
# ``--width`` wraps some lines into several.
_WORDS = st.sampled_from(
    [
        "abc",
        "one two",
        "\u0628\u0644\u0627",
        "\ufeb3\ufefc\ufee1",
        "\u0643\u062a\u0627\u0628 kitab",
        "x\u200by",
        "(\u05d0\u05d1)",
        "1 2",
        "  ",
    ]
)
_EDITOR_ENDINGS = st.sampled_from(["\n", "\r\n", "\r"])


@st.composite
def _text_with_line_endings(draw: st.DrawFn) -> str:
    """Lines that end with one of LF, CR LF and CR (or, mixed, also U+2029 and NEL), final one or not."""
    lines = draw(st.lists(st.lists(_WORDS, max_size=5).map(" ".join), min_size=1, max_size=8))
    if draw(st.booleans()):
        end = draw(_EDITOR_ENDINGS)
        ends = [end] * len(lines)
    else:
        mixed = st.one_of(_EDITOR_ENDINGS, st.sampled_from(["\u2029", "\x85"]))
        ends = draw(st.lists(mixed, min_size=len(lines), max_size=len(lines)))
    if not draw(st.booleans()):
        ends[-1] = ""
    return "".join(line + end for line, end in zip(lines, ends, strict=True))


# The streamed commands whose output must not depend on where chunks are cut.
# ``segment`` is left out: its language identification reads the whole prose
# paragraph, which a chunk cut inside one (only in paragraphs longer than the
# chunk) shortens; its sources still rejoin (above).
_STREAMED = (
    ["display", "--width", "6"],
    ["display", "--width", "1"],
    ["display"],
    ["normalize"],
    ["normalize", "--explain"],
    ["repair"],
    ["repair", "--force"],
)


@fuzz(60)
@given(text=_text_with_line_endings(), size=st.integers(1, 24))
def test_chunks_give_the_whole_text_result_whatever_the_line_endings(
    monkeypatch: pytest.MonkeyPatch, text: str, size: int
) -> None:
    """Chunked equals whole for LF, CR LF and CR files, with and without a final line break.

    ``display --width`` joins the lines it wraps with the file's own line
    break; a chunk holding only the last line of a CR LF file without its
    final line break has none of its own, and must still use CR LF.
    """
    data = text.encode("utf-8")
    whole = [h.run(monkeypatch, *argv, stdin=data) for argv in _STREAMED]
    with monkeypatch.context() as m:
        m.setattr("mixscript.text.chunks.CHUNK", size)
        chunked = [h.run(monkeypatch, *argv, stdin=data) for argv in _STREAMED]
    for argv, w, c in zip(_STREAMED, whole, chunked, strict=True):
        assert (c.code, c.out) == (w.code, w.out), argv


def test_the_last_line_of_a_crlf_file_without_a_final_break_wraps_with_crlf(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = "one two three\r\n\r\nfour five six"
    # Checked by hand: every wrapped line of a CR LF file ends with CR LF.
    expected = b"one\r\ntwo\r\nthree\r\n\r\nfour\r\nfive\r\nsix"
    assert h.run(monkeypatch, "display", "--width", "5", stdin=text.encode()).out == expected
    with monkeypatch.context() as m:
        m.setattr("mixscript.text.chunks.CHUNK", 4)
        chunked = h.run(monkeypatch, "display", "--width", "5", stdin=text.encode())
    assert chunked.out == expected


_LINE = re.compile(r"[^\n]*\n|[^\n]+\Z")


def _apply_diff(text: str, diff: str) -> str:
    """``text`` patched with a unified diff as ``patch`` reads one: lines end after LF."""
    old = _LINE.findall(text)
    lines = _LINE.findall(diff)
    i = next((k for k, line in enumerate(lines) if line.startswith("@@")), len(lines))
    out: list[str] = []
    pos = 0
    while i < len(lines):
        m = re.fullmatch(r"@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@\n", lines[i])
        assert m, lines[i]
        count = 1 if m[2] is None else int(m[2])
        first = int(m[1]) - 1 if count else int(m[1])
        assert first >= pos, "hunks out of order"
        out += old[pos:first]
        pos = first
        i += 1
        while i < len(lines) and not lines[i].startswith("@@"):
            line = lines[i]
            i += 1
            if i < len(lines) and lines[i].startswith("\\ "):
                line = line[:-1]  # "\ No newline at end of file": the line has no LF
                i += 1
            tag, content = line[0], line[1:]
            if tag in " -":
                assert old[pos] == content, (old[pos], content)
                pos += 1
            if tag in " +":
                out.append(content)
    return "".join(out + old[pos:])


@fuzz(60)
@given(text=_text_with_line_endings(), size=st.integers(1, 24))
def test_a_diff_made_in_chunks_patches_the_text_into_the_normalized_text(
    monkeypatch: pytest.MonkeyPatch, text: str, size: int
) -> None:
    """``normalize --diff`` in chunks: hunks of its own, but a diff that applies.

    A diff's lines end with LF, so chunks are cut only after LF: a chunk of
    a CR file ending with CR would end with half a line, which its diff
    marked as the end of the file, and ``patch`` rejected the hunks.  (A
    hunk near a chunk boundary has less context than the whole text's.)
    """
    data = text.encode("utf-8")
    expected = h.run(monkeypatch, "normalize", stdin=data).text
    whole = h.run(monkeypatch, "normalize", "--diff", stdin=data)
    with monkeypatch.context() as m:
        m.setattr("mixscript.text.chunks.CHUNK", size)
        chunked = h.run(monkeypatch, "normalize", "--diff", stdin=data)
    assert chunked.code == whole.code
    assert _apply_diff(text, whole.text) == expected
    assert _apply_diff(text, chunked.text) == expected
    if "\n" not in text:  # one line for a diff: one chunk, the whole text's diff
        assert chunked.out == whole.out
