"""Script assignment checked against the Unicode Consortium's own data files."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

from mixscript.unicode.scripts import UNICODE_VERSION, extensions_of, script_of

BLOCKS = [
    (0x0000, 0x007F),
    (0x0080, 0x00FF),
    (0x0600, 0x06FF),
    (0x0750, 0x077F),
    (0x0870, 0x08FF),
    (0xFB50, 0xFDFF),
    (0xFE70, 0xFEFF),
]

UcdFile = Callable[[str], Path]


def _parse_ranges(path: Path) -> dict[int, str]:
    out: dict[int, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        data = line.split("#")[0].strip()
        if not data:
            continue
        cps, value = (p.strip() for p in data.split(";"))
        lo, _, hi = cps.partition("..")
        for cp in range(int(lo, 16), int(hi or lo, 16) + 1):
            out[cp] = value
    return out


def _aliases(path: Path) -> dict[str, str]:
    names: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = [p.strip() for p in line.split("#")[0].split(";")]
        if len(parts) >= 3 and parts[0] == "sc":
            names[parts[2]] = parts[1]
    return names


@pytest.fixture(scope="module")
def ucd(ucd_file: UcdFile) -> tuple[dict[int, str], dict[int, str], dict[str, str]]:
    return (
        _parse_ranges(ucd_file("Scripts.txt")),
        _parse_ranges(ucd_file("ScriptExtensions.txt")),
        _aliases(ucd_file("PropertyValueAliases.txt")),
    )


def test_unicode_version_is_debians(ucd_file: UcdFile) -> None:
    header = ucd_file("Scripts.txt").read_text(encoding="utf-8").splitlines()[0]
    assert header == f"# Scripts-{UNICODE_VERSION}.txt"  # "# Scripts-15.0.0.txt"


def test_scripts_agree_with_ucd(
    ucd: tuple[dict[int, str], dict[int, str], dict[str, str]],
) -> None:
    scripts, extensions, codes = ucd
    known = set(codes.values())
    checked = 0
    for lo, hi in BLOCKS:
        for cp in range(lo, hi + 1):
            if cp not in scripts:  # unassigned in the Debian version
                continue
            ch = chr(cp)
            assert script_of(ch) == codes[scripts[cp]], f"U+{cp:04X}"
            expected = set(extensions.get(cp, codes[scripts[cp]]).split())
            assert set(extensions_of(ch)) == expected, f"U+{cp:04X}"
            assert expected <= known
            checked += 1
    assert checked > 1400


def test_python_unicodedata_version_is_reported() -> None:
    assert unicodedata.unidata_version.count(".") == 2
