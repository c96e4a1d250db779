"""From command-line arguments to the list of inputs: files, folders, standard input.

Why the care with folders: ``mixscript normalize --in-place .`` must not
rewrite what git ignores (build output, virtual environments, vendored
data) nor anything under ``.git``.  Files are listed in a stable order
(sorted per folder) so output and ``--jobs`` runs are reproducible.
Files named explicitly are always taken (pre-commit passes file names);
``exclude`` globs from the configuration apply to both.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path

from mixscript.cli.config import Config
from mixscript.cli.engine import Input, stat_size

__all__ = ["collect_inputs", "git_ignored"]

_SKIP_DIRS = frozenset((".git", ".hg", ".svn"))


def git_ignored(folder: Path, files: Sequence[Path]) -> set[Path]:
    """The ``files`` (under ``folder``) that git ignores; empty when git or a repository is absent.

    One ``git check-ignore --stdin -z`` call for all of them; tracked files
    are never reported as ignored, as git itself treats them.
    """
    git = shutil.which("git")
    if git is None or not files:
        return set()
    rel = [str(f.relative_to(folder)) for f in files]
    try:
        proc = subprocess.run(
            [git, "check-ignore", "--stdin", "-z"],
            cwd=folder,
            input="\0".join(rel).encode("utf-8", "surrogateescape"),
            capture_output=True,
            check=False,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        return set()
    if proc.returncode not in (0, 1):  # 128: not a repository
        return set()
    out = proc.stdout.decode("utf-8", "surrogateescape")
    return {folder / name for name in out.split("\0") if name}


def _walk(folder: Path) -> list[Path]:
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS)
        found.extend(Path(root) / f for f in sorted(files))
    ignored = git_ignored(folder, found)
    return [f for f in found if f not in ignored and not f.is_symlink()]


def collect_inputs(
    args: Sequence[str],
    config: Config,
    profile: str | None,
    err: Callable[[str], None],
) -> tuple[list[Input], bool]:
    """Inputs in argument order, and whether any argument was in error (missing path).

    ``profile`` from the command line overrides the configuration's.
    """
    inputs: list[Input] = []
    failed = False

    def add(path: Path | None, name: str) -> None:
        chosen = profile or config.profile_for(path) or "safe"
        size = stat_size(path) if path is not None else 0
        inputs.append(Input(name=name, path=path, profile=chosen, size=size))

    for arg in args or ["-"]:
        if arg == "-":
            add(None, "-")
            continue
        path = Path(arg)
        if path.is_dir():
            for f in _walk(path):
                if not config.excluded(f):
                    add(f, str(f))
        elif path.exists():
            if not config.excluded(path):
                add(path, arg)
        else:
            err(f"{arg}: no such file or directory")
            failed = True
    return inputs, failed
