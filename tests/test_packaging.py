"""What the package declares: its version once, and only the dependencies the library imports."""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys
import tomllib
from pathlib import Path

import mixscript
import mixscript.unicode

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


ROOT = Path(__file__).parents[1]


def test_core_is_a_compiled_extension_built_by_maturin() -> None:
    import importlib.machinery

    from mixscript import _core

    assert _core.__file__ is not None
    assert _core.__file__.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES))
    assert PYPROJECT["build-system"]["build-backend"] == "maturin"
    maturin = PYPROJECT["tool"]["maturin"]
    assert maturin["module-name"] == "mixscript._core"
    assert maturin["python-source"] == "src"
    assert "pyo3/abi3-py311" in maturin["features"]
    # One Unicode version for the Python tables and the compiled core.
    assert _core.UNICODE_VERSION == mixscript.unicode.UNICODE_VERSION


def test_cargo_workspace_matches_the_python_project() -> None:
    cargo = tomllib.loads((ROOT / "Cargo.toml").read_text("utf-8"))
    assert cargo["workspace"]["package"]["version"] == PYPROJECT["project"]["version"]
    for member in cargo["workspace"]["members"]:
        assert (ROOT / member / "Cargo.toml").is_file(), member
    py = tomllib.loads((ROOT / "rust" / "py" / "Cargo.toml").read_text("utf-8"))
    assert py["lib"]["name"] == PYPROJECT["tool"]["maturin"]["module-name"].rpartition(".")[2]


def test_wheel_workflow_parses_and_covers_every_platform() -> None:
    import yaml

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "wheels.yml").read_text("utf-8"))
    jobs = workflow["jobs"]
    targets = {
        name: {p["target"] for p in job["strategy"]["matrix"]["platform"]}
        for name, job in jobs.items()
        if "strategy" in job
    }
    assert targets == {
        "linux": {"x86_64", "aarch64"},
        "musllinux": {"x86_64", "aarch64"},
        "macos": {"x86_64", "aarch64"},
        "windows": {"x64"},
    }
    assert any(s.get("with", {}).get("command") == "sdist" for s in jobs["sdist"]["steps"])
    assert set(jobs["release"]["needs"]) == {*targets, "sdist"}
    for name, job in jobs.items():
        for step in job["steps"]:
            assert "uses" in step or "run" in step, (name, step)
