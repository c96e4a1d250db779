"""The ``nfc`` step against the Unicode Consortium's NormalizationTest.txt."""

from __future__ import annotations

import bz2
import unicodedata
from collections.abc import Callable
from pathlib import Path

from mixscript import Profile, normalize

NFC_ONLY = Profile("nfc-only", nfc=True)


def _chars(field: str) -> str:
    return "".join(chr(int(cp, 16)) for cp in field.split())


def _known(text: str) -> bool:
    """All characters exist in Python's own Unicode version (unassigned ones cannot normalise)."""
    return all(unicodedata.category(ch) != "Cn" for ch in text)


def test_normalization_test_nfc(ucd_file: Callable[[str], Path]) -> None:
    path = ucd_file("NormalizationTest.txt.bz2")
    passed = skipped = 0
    failures: list[str] = []
    with bz2.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            data = line.split("#")[0].strip()
            if not data or data.startswith("@"):
                continue
            c1, c2, c3, c4, c5 = (_chars(x) for x in data.split(";")[:5])
            if not _known(c1 + c3 + c5):
                skipped += 1
                continue
            # NFC: c2 == toNFC(c1) == toNFC(c2) == toNFC(c3); c4 == toNFC(c4) == toNFC(c5)
            for source, expected in ((c1, c2), (c2, c2), (c3, c2), (c4, c4), (c5, c4)):
                if normalize(source, NFC_ONLY) != expected:
                    failures.append(data)
                    break
            else:
                passed += 1
    assert not failures, f"{len(failures)} failures, first: {failures[:3]}"
    # Python 3.11 ships Unicode 14.0; the file is 15.0, so lines with new characters are skipped.
    assert passed > 18_000, (passed, skipped)


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
