"""Data-driven normalisation cases from ``tests/cases/*.json``.

Each case: ``label``, ``input``, ``profile``, ``expected`` and an optional
``note``.  Cases in files named ``known-failures*.json`` are expected to fail
(strict xfail), so fixing one forces moving it to a regular file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mixscript import normalize

CASES_DIR = Path(__file__).parent / "cases"


def _load() -> list[Any]:
    params = []
    for path in sorted(CASES_DIR.glob("*.json")):
        known_failure = path.name.startswith("known-failures")
        for case in json.loads(path.read_text(encoding="utf-8")):
            marks = [pytest.mark.xfail(strict=True)] if known_failure else []
            params.append(pytest.param(case, id=f"{path.stem}:{case['label']}", marks=marks))
    return params


@pytest.mark.parametrize("case", _load())
def test_case(case: dict[str, str]) -> None:
    got = normalize(case["input"], case["profile"])
    assert got == case["expected"], case.get("note", "")


def test_cases_exist() -> None:
    assert len(_load()) >= 50
