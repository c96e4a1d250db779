"""The ``nfc`` step against the Unicode Consortium's NormalizationTest.txt.

The file is of the tables' Unicode version, so every line applies: none is
skipped for characters the running Python does not know.
"""

from __future__ import annotations

import bz2
import unicodedata
from collections.abc import Callable
from pathlib import Path

import mixscript.unicode
from mixscript import Profile, normalize
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


def test_pure_python_nfc_passes_the_whole_file(ucd_file: Callable[[str], Path]) -> None:
    """The fallback used for characters Python's ``unicodedata`` lacks, on every line."""
    slow = nfc_module._slow_nfc
    for c1, c2, c3, c4, c5 in _cases(ucd_file("NormalizationTest.txt.bz2")):
        assert slow(c1) == slow(c2) == slow(c3) == c2, (c1, c2)
        assert slow(c4) == slow(c5) == c4, (c4, c5)


def test_marks_newer_than_python_are_reordered() -> None:
    """U+10EFD..U+10EFF (Unicode 15.0) have combining class 220, so NFC puts kasra (32) first."""
    beh, kasra, sakta = "\u0628", "\u0650", "\U00010efd"
    assert normalize(beh + sakta + kasra, NFC_ONLY) == beh + kasra + sakta
    assert normalize(beh + kasra + sakta, NFC_ONLY) == beh + kasra + sakta


def test_nfc_safe_starters_never_change_under_nfc() -> None:
    """The chunk boundaries of the ``nfc`` step are sound for Python's Unicode version."""
    import re

    from mixscript.normalization.steps import NFC_SAFE_STARTERS

    safe = re.compile(f"[{NFC_SAFE_STARTERS}]")
    second_halves = set()
    for cp in range(0x110000):
        d = unicodedata.decomposition(chr(cp))
        if d and not d.startswith("<") and len(d.split()) == 2:
            second_halves.add(chr(int(d.split()[1], 16)))
    checked = 0
    for cp in range(0x100000):
        ch = chr(cp)
        if not safe.fullmatch(ch):
            continue
        assert unicodedata.combining(ch) == 0, f"U+{cp:04X} is not a starter"
        assert unicodedata.is_normalized("NFC", ch), f"U+{cp:04X} changes under NFC"
        assert ch not in second_halves, f"U+{cp:04X} composes with what precedes it"
        checked += 1
    assert checked > 300
