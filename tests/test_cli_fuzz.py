"""Random bytes and random text through ``mixscript normalize`` and ``segment``.

Whatever the input, the command returns 0, 1 or 2, never raises, and
reports problems only with the documented messages.  Text cut into small
chunks gives the same output as text processed whole.
"""

from __future__ import annotations

import codecs
import itertools
import json
import re
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mixscript

sys.path.insert(0, str(Path(__file__).parent))
import _cli_helpers as h

DOCUMENTED = re.compile(
    r"^-: (not UTF-(8|16|32) at byte \d+|binary file \(NUL byte at \d+\), skipped"
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
    if b"\0" in data[:8000]:
        assert (r.code, r.out) == (0, b"")  # binary: skipped with a note
        return
    bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
    body = text[1:] if bom else text
    expected = mixscript.normalize(body, profile="safe")
    assert r.out == bom + expected.encode("utf-8")
    assert r.code == (1 if expected != body else 0)


@fuzz(50)
@given(text=st.lists(TEXTS, min_size=1, max_size=6).map("\n\n".join))
def test_small_chunks_give_the_whole_text_result(
    monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    data = text.encode("utf-8")
    whole = h.run(monkeypatch, "normalize", stdin=data)
    with monkeypatch.context() as m:
        m.setattr("mixscript.text.chunks.CHUNK", 16)
        chunked = h.run(monkeypatch, "normalize", stdin=data)
        segs = h.run(monkeypatch, "segment", stdin=data)
    assert (chunked.code, chunked.out) == (whole.code, whole.out)
    binary = b"\0" in data[:8000]  # skipped with a note, no output
    if not binary and not data.startswith(codecs.BOM_UTF8):
        sources = [json.loads(line)["source"] for line in segs.text.splitlines()]
        assert "".join(sources) == text
