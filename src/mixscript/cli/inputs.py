"""From command-line arguments to the list of inputs: files, folders, standard input.

Why the care with folders: ``mixscript normalize --in-place .`` must not
rewrite what git ignores (build output, virtual environments, vendored
data) nor anything under ``.git``.  Files are listed in a stable order
(sorted per folder) so output and ``--jobs`` runs are reproducible.
Exclusion follows ruff: ``exclude`` (the configuration's, or ``--exclude``
instead of it) and ``extend-exclude`` (both) apply to files found in
folders; a file named explicitly is processed anyway unless
``--force-exclude`` (or ``force-exclude = true``) is given, because
pre-commit names every file it passes and the hook must still honour the
project's exclusions.  A named file skipped that way gets a note, so the
user learns why nothing happened.  A file named twice (``a.txt ./a.txt``) is
processed once.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from mixscript.cli.config import Config
from mixscript.cli.engine import Input, stat_size

__all__ = ["Exclusion", "collect_inputs", "git_ignored"]

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


@dataclass(frozen=True, slots=True)
class Exclusion:
    """Exclusion options from the command line (None/empty: the configuration's alone).

    ``exclude`` replaces the configuration's ``exclude`` globs; its globs
    and ``extend_exclude``'s match paths relative to the current folder (as
    the shell that typed them sees them), the configuration's relative to
    its ``pyproject.toml``.
    """

    exclude: tuple[str, ...] | None = None
    extend_exclude: tuple[str, ...] = ()
    force_exclude: bool = False

    def matcher(self, config: Config) -> Callable[[Path], bool]:
        """Whether a path is excluded, under ``config`` and these options."""
        if self.exclude is not None:
            config = replace(config, exclude=())
        cli = (*(self.exclude or ()), *self.extend_exclude)
        here = Config(root=Path.cwd())
        cli_config = replace(here, exclude=cli)

        def excluded(path: Path) -> bool:
            return config.excluded(path) or (bool(cli) and cli_config.excluded(path))

        return excluded


def collect_inputs(
    args: Sequence[str],
    config: Config,
    profile: str | None,
    err: Callable[[str], None],
    exclusion: Exclusion | None = None,
    note: Callable[[str], None] | None = None,
    stdin_filename: str | None = None,
) -> tuple[list[Input], bool]:
    """Inputs in argument order, and whether any argument was in error (missing path).

    ``profile`` from the command line overrides the configuration's.
    ``note`` receives one line per named file skipped by ``--force-exclude``.
    ``stdin_filename`` names standard input (``--stdin-filename``): its kind
    and per-file profile come from that name, and messages use it.
    """
    exclusion = exclusion or Exclusion()
    excluded = exclusion.matcher(config)
    force = exclusion.force_exclude or config.force_exclude
    inputs: list[Input] = []
    seen: set[Path] = set()
    failed = False
    extensions = config.extension

    def add(path: Path | None, name: str, named: bool = False) -> None:
        if path is not None:
            key = path.resolve()
            if key in seen:
                return
            seen.add(key)
        called = path if path is not None else Path(stdin_filename) if stdin_filename else None
        chosen = profile or config.profile_for(called) or "safe"
        size = stat_size(path) if path is not None else 0
        inputs.append(
            Input(
                name=name,
                path=path,
                profile=chosen,
                size=size,
                named=named,
                kind_name=str(path) if path is not None else stdin_filename,
                extensions=extensions,
            )
        )

    for arg in args or ["-"]:
        if arg == "-":
            add(None, stdin_filename or "-", named=True)
            continue
        path = Path(arg)
        if path.is_dir():
            for f in _walk(path):
                if not excluded(f):
                    add(f, str(f))
        elif path.exists():
            if force and excluded(path):
                if note is not None:
                    note(f"{arg}: excluded (--force-exclude), skipped")
            else:
                add(path, arg, named=True)
        else:
            err(f"{arg}: no such file or directory")
            failed = True
    return inputs, failed
