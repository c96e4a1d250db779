"""The real ``pre-commit`` running this repository's hooks in a throw-away git repository.

``pre-commit try-repo`` installs the hooks from this checkout (HEAD plus
uncommitted changes to tracked files) into a fresh virtual environment, so
this test exercises the manifest, the packaging and the entry points, not
just ``main()``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests import _cli_helpers as h

pytestmark = pytest.mark.external  # pre-commit builds a virtual environment from this checkout

REPO = Path(__file__).resolve().parents[1]
OVERRIDE_LINE = f"Reference: {h.RLO}Q3-2024{h.PDF} (annex 2)\n"


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def _pre_commit(cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PIP_DISABLE_PIP_VERSION_CHECK="1", NO_COLOR="1")
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(REPO), "--all-files", "--color=never"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_hooks_fix_then_pass_and_report_the_override(tmp_path: Path) -> None:
    pytest.importorskip("pre_commit")
    if shutil.which("git") is None:
        pytest.skip("git not installed")
    if not (REPO / ".git").exists():
        pytest.skip("not a git checkout: try-repo needs one")
    work = tmp_path / "project"
    work.mkdir()
    _git(work, "init", "-q")
    _git(work, "config", "user.email", "test@example.org")
    _git(work, "config", "user.name", "test")
    files = {
        "forms.txt": f"Hello {h.FORM} world\n",
        "visual.txt": f"Page 3\n{h.VISUAL}\n",
        "override.txt": "First line\n" + OVERRIDE_LINE,
    }
    for name, text in files.items():
        (work / name).write_text(text, encoding="utf-8")
    _git(work, "add", ".")

    # First run: mixscript-check reports the override, mixscript-normalize fixes everything.
    first = _pre_commit(work)
    report = first.stdout + first.stderr
    assert first.returncode == 1, report
    col = OVERRIDE_LINE.index(h.RLO) + 1
    assert f"override.txt:2:{col}: " in report
    assert "files were modified by this hook" in report
    assert (work / "forms.txt").read_text(encoding="utf-8") == f"Hello {h.LETTER} world\n"
    assert (work / "visual.txt").read_text(encoding="utf-8") == f"Page 3\n{h.LOGICAL}\n"
    assert (work / "override.txt").read_text(encoding="utf-8") == (
        "First line\nReference: Q3-2024 (annex 2)\n"
    )

    # Second run: nothing left to fix or report.
    _git(work, "add", ".")
    second = _pre_commit(work)
    assert second.returncode == 0, second.stdout + second.stderr
    assert second.stdout.count("Passed") == 2
