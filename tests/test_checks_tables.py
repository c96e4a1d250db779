"""The data behind ``check``, against independent sources: Unicode's files and ICU."""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from mixscript.checks import confusables
from mixscript.checks.confusables import ICU_NOTE, LATIN_LOOKALIKES
from mixscript.checks.scan import check, icu_note
from mixscript.text.kinds import syntax_for_path
from mixscript.text.source_code import lex
from mixscript.unicode._ucd_variants import STANDARDIZED_BASES
from mixscript.unicode.scripts import script_of


def _sequences(path: Path) -> list[tuple[int, int]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("#", 1)[0].split(";")
        cps = fields[0].split()
        if len(cps) == 2:
            out.append((int(cps[0], 16), int(cps[1], 16)))
    return out


def test_variant_table_matches_standardized_variants(ucd_file: Callable[[str], Path]) -> None:
    expected: dict[int, set[int]] = {}
    for base, vs in _sequences(ucd_file("StandardizedVariants.txt")):
        if 0xFE00 <= vs <= 0xFE0F:
            expected.setdefault(vs, set()).add(base)
    assert {vs: set(b) for vs, b in STANDARDIZED_BASES.items()} == expected


def test_no_standardized_sequence_is_reported(ucd_file: Callable[[str], Path]) -> None:
    """Each of the ~1,200 sequences selects something, so MS207 must stay silent."""
    for base, vs in _sequences(ucd_file("StandardizedVariants.txt")):
        if 0xFE00 <= vs <= 0xFE0F:
            text = chr(base) + chr(vs)
            assert [f for f in check(text) if f.code == "MS207"] == [], f"U+{base:04X}"


def test_lookalike_pairs_are_confusable_for_icu() -> None:
    icu = pytest.importorskip("icu")
    checker = icu.SpoofChecker()
    for other, latin in LATIN_LOOKALIKES.items():
        assert script_of(other) in ("Cyrl", "Grek"), unicodedata.name(other)
        assert latin.isascii() and latin.isalpha()
        assert checker.getSkeleton(0, other) == checker.getSkeleton(0, latin), unicodedata.name(
            other
        )


@pytest.fixture
def without_icu(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Make ``import icu`` fail, as on a machine without the ``icu`` extra."""
    confusables.spoof_checker.cache_clear()
    monkeypatch.setitem(sys.modules, "icu", None)
    yield
    confusables.spoof_checker.cache_clear()


@pytest.mark.usefixtures("without_icu")
def test_without_icu_the_note_is_given_and_the_rest_still_runs() -> None:
    assert icu_note() == ICU_NOTE
    text = "\u13aapple \u0440\u0430\u0443 p\u0430ypal Errorکا"
    assert [f.code for f in check(text)] == ["MS302", "MS301"]


def test_with_icu_there_is_no_note() -> None:
    pytest.importorskip("icu")
    confusables.spoof_checker.cache_clear()
    assert icu_note() is None


@pytest.mark.parametrize(
    ("path", "source", "expected"),
    [
        ("a.py", "x = 'a#b'  # c\n", [("string", "'a#b'"), ("comment", "# c")]),
        ("a.py", 's = """x\n"y"\n"""  # z', [("string", '"""x\n"y"\n"""'), ("comment", "# z")]),
        ("a.py", r"s = 'it\'s' # q", [("string", r"'it\'s'"), ("comment", "# q")]),
        ("a.js", "a = `x\ny` // c", [("string", "`x\ny`"), ("comment", "// c")]),
        ("a.c", 'f(/* a "b" */ "c//d");', [("comment", '/* a "b" */'), ("string", '"c//d"')]),
        ("a.go", 's := `a\\` + "b"', [("string", "`a\\`"), ("string", '"b"')]),
        ("a.py", "x = 'open\ny = 1", [("string", "'open")]),
    ],
)
def test_lexer_finds_comments_and_strings(
    path: str, source: str, expected: list[tuple[str, str]]
) -> None:
    syntax = syntax_for_path(path)
    assert syntax is not None
    assert [(s.kind, source[s.start : s.end]) for s in lex(source, syntax)] == expected
