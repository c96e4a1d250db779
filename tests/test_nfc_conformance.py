"""The ``nfc`` step against the Unicode Consortium's NormalizationTest.txt.

The file is of the tables' Unicode version, so every line applies: none is
skipped for characters the running Python does not know.
"""

from __future__ import annotations

import bz2
from collections.abc import Callable
from pathlib import Path

import mixscript.unicode
from mixscript import Profile, normalize
from mixscript.normalization import steps
from mixscript.text.edits import apply_edits
from mixscript.unicode import nfc as nfc_module

NFC_ONLY = Profile("nfc-only", nfc=True)


def _chars(field: str) -> str:
    return "".join(chr(int(cp, 16)) for cp in field.split())


def _cases(path: Path) -> list[tuple[str, str, str, str, str]]:
    with bz2.open(path, "rt", encoding="utf-8") as f:
        header = f.readline()
        assert header.startswith(f"# NormalizationTest-{mixscript.unicode.UNICODE_VERSION}.txt")
        rows = (line.split("#")[0].strip() for line in f)
        return [
            (c1, c2, c3, c4, c5)
            for data in rows
            if data and not data.startswith("@")
            for c1, c2, c3, c4, c5 in [[_chars(x) for x in data.split(";")[:5]]]
        ]


def test_normalization_test_nfc(ucd_file: Callable[[str], Path]) -> None:
    failures: list[tuple[str, ...]] = []
    cases = _cases(ucd_file("NormalizationTest.txt.bz2"))
    for c1, c2, c3, c4, c5 in cases:
        # NFC: c2 == toNFC(c1) == toNFC(c2) == toNFC(c3); c4 == toNFC(c4) == toNFC(c5)
        for source, expected in ((c1, c2), (c2, c2), (c3, c2), (c4, c4), (c5, c4)):
            if normalize(source, NFC_ONLY) != expected:
                failures.append((c1, c2, c3, c4, c5))
                break
    assert not failures, f"{len(failures)} failures, first: {failures[:3]}"
    assert len(cases) > 19_000


def test_compiled_nfc_passes_the_whole_file(ucd_file: Callable[[str], Path]) -> None:
    """:func:`mixscript.unicode.nfc.nfc` and ``is_nfc`` (the compiled core), on every line."""
    nfc, is_nfc = nfc_module.nfc, nfc_module.is_nfc
    for c1, c2, c3, c4, c5 in _cases(ucd_file("NormalizationTest.txt.bz2")):
        assert nfc(c1) == nfc(c2) == nfc(c3) == c2, (c1, c2)
        assert nfc(c4) == nfc(c5) == c4, (c4, c5)
        assert is_nfc(c2) and is_nfc(c4)
        assert is_nfc(c1) == (c1 == c2), c1


def test_precise_edits_rebuild_nfc_on_every_line(ucd_file: Callable[[str], Path]) -> None:
    """``explain``'s edits (one per changed chunk) give the same text as NFC, in order."""
    ctx = steps.Context(precise=True)
    for c1, c2, *_ in _cases(ucd_file("NormalizationTest.txt.bz2")):
        # Between two sentences and after a line feed, so chunks have neighbours.
        text = f"a {c1} \u0628\n{c1}"
        edits = steps.nfc(text, True, ctx)
        assert apply_edits(text, edits) == f"a {c2} \u0628\n{c2}", c1
        ends = [0] + [x for s, e, _ in edits for x in (s, e)] + [len(text)]
        assert ends == sorted(ends), edits
        assert all(new != text[s:e] for s, e, new in edits), edits


def test_marks_newer_than_python_are_reordered() -> None:
    """U+10EFD..U+10EFF (Unicode 15.0) have combining class 220, so NFC puts kasra (32) first."""
    beh, kasra, sakta = "\u0628", "\u0650", "\U00010efd"
    assert normalize(beh + sakta + kasra, NFC_ONLY) == beh + kasra + sakta
    assert normalize(beh + kasra + sakta, NFC_ONLY) == beh + kasra + sakta
