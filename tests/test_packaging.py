"""What the package declares: its version once, and only the dependencies the library imports."""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys
import tomllib
from pathlib import Path

import mixscript

PYPROJECT = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text("utf-8"))


def test_version_is_the_installed_distributions() -> None:
    assert mixscript.__version__ == importlib.metadata.version("mixscript")
    assert mixscript.__version__ == PYPROJECT["project"]["version"]


def test_command_line_version() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "mixscript", "--version"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.strip() == f"mixscript {PYPROJECT['project']['version']}"


def test_python_bidi_is_not_a_core_dependency() -> None:
    """The library never imports ``bidi``; tests and benchmarks install it as a peer."""
    core = [d.split(">")[0].split("=")[0].strip() for d in PYPROJECT["project"]["dependencies"]]
    assert "python-bidi" not in core
    assert any(
        d.startswith("python-bidi") for d in PYPROJECT["project"]["optional-dependencies"]["test"]
    )
    src = Path(mixscript.__file__).parent
    for path in src.rglob("*.py"):
        text = path.read_text("utf-8")
        assert "from bidi" not in text and "import bidi\n" not in text, path
