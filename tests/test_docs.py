"""The README documents what the code does: these tests fail when the two drift apart."""

from __future__ import annotations

from pathlib import Path

from mixscript.normalization.profiles import steps_table

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_steps_table_matches_code() -> None:
    assert steps_table() in README.read_text(encoding="utf-8"), (
        "README's table of steps is out of date: paste mixscript.normalization.profiles.steps_table()"
    )
