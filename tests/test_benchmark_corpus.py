"""The benchmark corpus is deterministic and holds every kind of work it advertises.

A corpus that silently lost, say, its presentation forms would make the
throughput figures look better than real text allows, so the features are
checked here by code point, independently of the generator's own constants.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

CORPUS_PY = Path(__file__).resolve().parent.parent / "benchmarks" / "corpus.py"


@pytest.fixture(scope="module")
def corpus() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_corpus", CORPUS_PY)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_corpus"] = module
    spec.loader.exec_module(module)
    return module


def _bench_module(name: str) -> ModuleType:
    """``benchmarks/<name>.py`` loaded as a module, its sibling modules importable
    while it loads and itself registered (its dataclasses look their module up)."""
    path = CORPUS_PY.parent / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"bench_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    sys.path.insert(0, str(path.parent))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(path.parent))
    return module


def test_same_seed_same_text_other_seed_other_text(corpus: ModuleType) -> None:
    a = "".join(corpus.generate(0.05, seed=1))
    assert a == "".join(corpus.generate(0.05, seed=1))
    assert a != "".join(corpus.generate(0.05, seed=2))


def test_size_and_lines(corpus: ModuleType, tmp_path: Path) -> None:
    out = tmp_path / "c.txt"
    size = corpus.write_corpus(out, 0.05)
    data = out.read_bytes()
    assert size == len(data) >= 50_000
    assert size < 50_000 + 10_000  # stops right after the line that reaches the target
    assert data.endswith(b"\n") and b"\r" not in data


@pytest.fixture(scope="module")
def sample(corpus: ModuleType) -> str:
    return "".join(corpus.generate(0.3))


@pytest.mark.parametrize(
    ("label", "pattern"),
    [
        ("fatha, damma or kasra", "[\u064e\u064f\u0650]"),
        ("shadda before a vowel (NFC reorders it)", "\u0651[\u064e\u064f\u0650]"),
        ("ZWNJ between Arabic-script letters", "[\u0600-\u06ff]\u200c[\u0600-\u06ff]"),
        ("tatweel", "\u0640"),
        ("presentation forms B", "[\ufe70-\ufeff]"),
        ("basmala ligature", "\ufdfd"),
        ("decomposed hamza", "\u0627\u0654"),
        ("Arabic-Indic digits", "[\u0660-\u0669]"),
        ("Extended Arabic-Indic digits", "[\u06f0-\u06f9]"),
        ("ASCII digits", "[0-9]"),
        ("no-break or thin space", "[\u00a0\u2009\u202f]"),
        ("combining acute in Latin text", "e\u0301"),
        ("Urdu full stop", "\u06d4"),
        ("German sharp s or umlaut", "[\u00df\u00e4\u00f6\u00fc]"),
    ],
)
def test_corpus_holds(sample: str, label: str, pattern: str) -> None:
    assert re.search(pattern, sample), label


def test_sentences_from_data_dir(corpus: ModuleType, tmp_path: Path) -> None:
    marks = {"ar": "عربي", "fa": "فارسی", "ur": "اردو", "en": "English", "fr": "Français"}
    marks["de"] = "Deutsch"
    for lang, word in marks.items():
        (tmp_path / f"sentences-{lang}.txt").write_text(f"{word} {word}.\n", encoding="utf-8")
    text = "".join(corpus.generate(0.02, data=tmp_path))
    for word in ("English", "Deutsch", "Français"):
        assert word in text
    # The built-in vocabulary does not leak in when sentences come from files.
    assert "committee" not in text and "Ausschuss" not in text


def test_english_kind_is_mostly_latin_with_arabic_quotations(corpus: ModuleType) -> None:
    """The English-dominant kind: Latin letters outnumber Arabic-script ones many times over,
    some paragraphs quote Arabic script, some open with the basmala, most have none."""
    lines = "".join(corpus.generate(0.3, kind="english")).splitlines()
    arabic = re.compile("[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff]")
    latin = sum(len(re.findall("[A-Za-z]", ln)) for ln in lines)
    arabic_letters = sum(len(arabic.findall(ln)) for ln in lines)
    assert latin > 10 * arabic_letters > 0
    with_arabic = [ln for ln in lines if arabic.search(ln)]
    assert 0.1 * len(lines) < len(with_arabic) < 0.4 * len(lines)
    # U+0628 U+0650 U+0633 (bi-s...) spelled out, or the U+FDFD ligature, opening a paragraph.
    assert any(ln.startswith(("\u0628\u0650\u0633\u0652\u0645\u0650 ", "\ufdfd")) for ln in lines)
    assert "".join(corpus.generate(0.05, kind="english")) != "".join(corpus.generate(0.05))


@pytest.mark.parametrize("kind", ["mixed", "english"])
def test_unique_corpus_uses_each_sentence_once_then_ends(
    corpus: ModuleType, tmp_path: Path, kind: str
) -> None:
    # Numbered sentences, 40 per language: every one may appear at most once,
    # and the stream stops (far short of the size asked) when a language runs out.
    for lang in ("ar", "fa", "ur", "en", "fr", "de"):
        lines = [f"s{lang}{i:02d} word{i:02d}." for i in range(40)]
        (tmp_path / f"sentences-{lang}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    text = "".join(corpus.generate(10.0, data=tmp_path, kind=kind, unique=True))
    ids = re.findall(r"s(?:ar|fa|ur|en|fr|de)\d\d", text, flags=re.IGNORECASE)
    assert len(ids) == len({i.lower() for i in ids}) > 20
    assert len(text) < 40 * 6 * 30
    assert re.findall(r"sen\d\d", text, flags=re.IGNORECASE)
    # Without unique, the same data repeats sentences to reach the size asked.
    repeated = "".join(corpus.generate(0.02, data=tmp_path, kind=kind))
    again = re.findall(r"s(?:ar|fa|ur|en|fr|de)\d\d", repeated, flags=re.IGNORECASE)
    assert len(again) > len({i.lower() for i in again})


def test_step_costs_times_every_step_a_profile_runs() -> None:
    # benchmarks/step_costs.py wraps the registered steps and rebuilds the
    # profile's plans around them; a plan kept from before would time nothing.
    module = _bench_module("step_costs")
    lines = ["ﻡﻼﺴﻟﺍ كتاب علي می خواهم", "The report", "كتاب ها"] * 3
    total, rows = module.step_costs(lines[:3], lines, "clean")
    names = {name for name, _ in rows}
    assert {"visual_order", "letters", "persian_affixes"} <= names
    assert total > 0


def test_line_kinds_sorts_lines_by_script() -> None:
    # benchmarks/line_kinds.py compares normalize with NFC line kind by line
    # kind; a line goes to exactly one kind, decided by hand here.
    module = _bench_module("line_kinds")
    lines = [
        "The report",
        "Caf\u00e9 soft\u00adhyphen",
        "He said \u0643\u062a\u0627\u0628",
        "\ufefb",
        "",
    ]
    assert module.kinds(lines) == {
        "ascii": ["The report", ""],
        "other": ["Caf\u00e9 soft\u00adhyphen"],
        "arabic": ["He said \u0643\u062a\u0627\u0628", "\ufefb"],
    }


def test_paired_blocks_cover_the_lines_in_order() -> None:
    # --paired times both functions block by block: every line lands in one
    # block, in order, and a block closes once it holds the size asked
    # (sizes in UTF-8: "é" is two bytes, "ك" two).
    run = _bench_module("run")
    lines = ["aaaa\n", "é\n", "كك\n", "b\n", "cccccc\n", "d\n"]
    blocks = run._blocks(lines, 0.008)  # 8 bytes a block
    # 5 + 3 bytes close the first; 5 + 2 do not close the second, 7 more do.
    assert blocks == [["aaaa\n", "é\n"], ["كك\n", "b\n", "cccccc\n"], ["d\n"]]
    assert run._blocks([], 1.0) == []


def test_paired_table_reports_each_round_and_the_median() -> None:
    run = _bench_module("run")
    # Reference CPU over our CPU, by hand: 1/2, 3/4 and 1/1; median 0.75.
    rounds: list[dict[str, object]] = [
        {"name": "clean", "mb": 2.0, "cpu": 2.0, "ref_cpu": 1.0},
        {"name": "clean", "mb": 2.0, "cpu": 4.0, "ref_cpu": 3.0},
        {"name": "clean", "mb": 2.0, "cpu": 1.0, "ref_cpu": 1.0},
    ]
    table = run.paired_table({"clean": rounds, "safe": [{"error": "exit 1: boom"}]}, "nfc")
    row = next(line for line in table.splitlines() if "profile='clean'" in line)
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    # MB/s from the median CPU times: 2 MB / 2 s and 2 MB / 1 s.
    assert cells[1:] == ["2.0", "1.00", "2.00", "0.500, 0.750, 1.000", "0.750"]
    assert "n/a (exit 1: boom)" in table
