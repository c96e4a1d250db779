"""``mixscript inspect`` and the generated joining-type table behind it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from mixscript.cli.inspect import joining_type
from tests import _cli_helpers as h


def test_inspect_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    r = h.run(monkeypatch, "inspect", "--format", "tsv", "a\u0628\N{ZERO WIDTH NON-JOINER}\u060c")
    assert r.code == 0
    rows = [line.split("\t") for line in r.text.splitlines()]
    # Values from UnicodeData.txt, Scripts.txt, ScriptExtensions.txt and ArabicShaping.txt.
    assert rows == [
        ["index", "codepoint", "name", "script", "extensions", "bidi", "joining"],
        ["0", "U+0061", "LATIN SMALL LETTER A", "Latn", "Latn", "L", "U"],
        ["1", "U+0628", "ARABIC LETTER BEH", "Arab", "Arab", "AL", "D"],
        ["2", "U+200C", "ZERO WIDTH NON-JOINER", "Zinh", "Zinh", "BN", "U"],
        ["3", "U+060C", "ARABIC COMMA", "Zyyy", rows[4][4], "CS", "U"],
    ]
    assert {"Arab", "Syrc", "Thaa"} <= set(rows[4][4].split())


def test_inspect_jsonl_and_aligned_text(monkeypatch: pytest.MonkeyPatch) -> None:
    r = h.run(monkeypatch, "inspect", "--format", "jsonl", "\N{ZERO WIDTH JOINER}")
    record = json.loads(r.text)
    assert (record["codepoint"], record["joining"], record["bidi"]) == ("U+200D", "C", "BN")
    r = h.run(monkeypatch, "inspect", "\u0627")
    header, row = r.text.splitlines()
    assert header.split() == [
        "index",
        "codepoint",
        "name",
        "script",
        "extensions",
        "bidi",
        "joining",
    ]
    assert row.split() == ["0", "U+0627", "ARABIC", "LETTER", "ALEF", "Arab", "Arab", "AL", "R"]


def test_inspect_rejects_lone_surrogates(monkeypatch: pytest.MonkeyPatch) -> None:
    r = h.run(monkeypatch, "inspect", "a\udcff")
    assert r.code == 2 and "lone surrogate" in r.err


def test_joining_table_matches_arabic_shaping(ucd_file: Callable[[str], Path]) -> None:
    """Rebuilt independently: ArabicShaping.txt lists explicit types; unlisted Mn/Me/Cf are T."""
    explicit: dict[int, str] = {}
    for line in ucd_file("ArabicShaping.txt").read_text(encoding="utf-8").splitlines():
        fields = [f.strip() for f in line.split("#")[0].split(";")]
        if len(fields) >= 3:
            explicit[int(fields[0], 16)] = fields[2]
    checked = 0
    for line in ucd_file("UnicodeData.txt").read_text(encoding="utf-8").splitlines():
        fields = line.split(";")
        cp, name, category = int(fields[0], 16), fields[1], fields[2]
        if name.endswith(", Last>") or 0xD800 <= cp <= 0xDFFF:
            continue
        expected = explicit.get(cp, "T" if category in ("Mn", "Me", "Cf") else "U")
        assert joining_type(chr(cp)) == expected, f"U+{cp:04X}"
        checked += 1
    assert checked > 30_000
