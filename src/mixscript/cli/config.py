"""``[tool.mixscript]`` in the nearest ``pyproject.toml``.

Why in ``pyproject.toml``: a repository that runs the pre-commit hook wants
one place for its choices, read the same way by the hook, the CI and a
developer's shell.  The settings::

    [tool.mixscript]
    profile = "safe"                  # default profile for every file
    exclude = ["vendor/**", "*.min.js"]
    extend-exclude = ["tests/fixtures/**"]  # added to exclude (and to --exclude)
    force-exclude = true              # exclude files even when named (pre-commit)
    languages = ["fa", "en"]          # language hint for `segment`
    [tool.mixscript.per-file-profile]
    "corpus/**/*.txt" = "clean"       # first matching glob wins
    [tool.mixscript.extension]
    "tpl" = "php"                     # file kind by extension, before identify's

``extension`` maps an extension (without the dot) to one of identify's tags
(``php``, ``python``, ``html``, ``markdown``, ...) or to ``prose``/``code``;
see :mod:`mixscript.text.kinds`.

Globs are relative to the folder holding ``pyproject.toml``; ``*`` stays
within one folder, ``**`` crosses folders, and a glob without ``/`` matches
the file name in any folder (as in ``.gitignore``).  Command-line options
override the file.  The search goes up from the starting folder and stops
at the first ``pyproject.toml`` that has a ``[tool.mixscript]`` table, or at
the repository root (a folder holding ``.git``).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = ["Config", "ConfigError", "find_config", "glob_match", "load_config"]

_KEYS = frozenset(
    (
        "profile",
        "exclude",
        "extend-exclude",
        "force-exclude",
        "languages",
        "per-file-profile",
        "extension",
    )
)


class ConfigError(ValueError):
    """An invalid ``[tool.mixscript]`` table; the message names the file and key."""


@dataclass(frozen=True, slots=True)
class Config:
    """Settings from ``[tool.mixscript]``; ``source`` is the file they came from, if any."""

    root: Path
    source: Path | None = None
    profile: str | None = None
    exclude: tuple[str, ...] = ()
    extend_exclude: tuple[str, ...] = ()
    force_exclude: bool = False
    languages: tuple[str, ...] | None = None
    per_file_profile: tuple[tuple[str, str], ...] = field(default=())
    extension: tuple[tuple[str, str], ...] = ()
    """Extension (no dot) -> identify tag or ``prose``/``markdown``/``code``."""

    def relative(self, path: Path) -> str | None:
        """``path`` relative to :attr:`root` in POSIX form, or None if it lies outside."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return None

    def excluded(self, path: Path) -> bool:
        """Whether an ``exclude`` or ``extend-exclude`` glob matches ``path``."""
        rel = self.relative(path)
        globs = (*self.exclude, *self.extend_exclude)
        return rel is not None and any(glob_match(g, rel) for g in globs)

    def profile_for(self, path: Path | None) -> str | None:
        """The profile of the first matching per-file glob, else the default profile."""
        rel = self.relative(path) if path is not None else None
        if rel is not None:
            for glob, profile in self.per_file_profile:
                if glob_match(glob, rel):
                    return profile
        return self.profile

    def as_toml(self) -> str:
        """The effective settings as a ``[tool.mixscript]`` table (for ``--show-config``)."""

        def q(s: str) -> str:
            return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'

        lines = [f"# from {self.source}" if self.source else "# no [tool.mixscript] found"]
        lines.append("[tool.mixscript]")
        lines.append(f"profile = {q(self.profile or 'safe')}")
        lines.append(f"exclude = [{', '.join(q(g) for g in self.exclude)}]")
        lines.append(f"extend-exclude = [{', '.join(q(g) for g in self.extend_exclude)}]")
        lines.append(f"force-exclude = {'true' if self.force_exclude else 'false'}")
        if self.languages is not None:
            lines.append(f"languages = [{', '.join(q(x) for x in self.languages)}]")
        lines.append("[tool.mixscript.per-file-profile]")
        lines.extend(f"{q(g)} = {q(p)}" for g, p in self.per_file_profile)
        if self.extension:
            lines.append("[tool.mixscript.extension]")
            lines.extend(f"{q(e)} = {q(t)}" for e, t in self.extension)
        return "\n".join(lines) + "\n"


@lru_cache(maxsize=256)
def _glob_regex(glob: str) -> re.Pattern[str]:
    anchored = "/" in glob.rstrip("/")
    glob = glob.strip("/")
    out = []
    i = 0
    while i < len(glob):
        if glob.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif glob.startswith("**", i):
            out.append(".*")
            i += 2
        elif glob[i] == "*":
            out.append("[^/]*")
            i += 1
        elif glob[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(glob[i]))
            i += 1
    prefix = "" if anchored else "(?:.*/)?"
    # A glob naming a folder matches everything below it.
    return re.compile(f"{prefix}{''.join(out)}(?:/.*)?")


def glob_match(glob: str, rel: str) -> bool:
    """Whether ``glob`` matches the POSIX relative path ``rel``.

    >>> glob_match("*.txt", "a/b/c.txt"), glob_match("a/*.txt", "a/b/c.txt")
    (True, False)
    >>> glob_match("a/**/*.txt", "a/b/c.txt"), glob_match("vendor", "vendor/x/y.md")
    (True, True)
    """
    return _glob_regex(glob).fullmatch(rel) is not None


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: expected a list of strings")
    return tuple(value)


def load_config(pyproject: Path) -> Config:
    """The ``[tool.mixscript]`` settings of one ``pyproject.toml`` (empty if it has none)."""
    try:
        with open(pyproject, "rb") as f:
            data = tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{pyproject}: {exc}") from None
    table = data.get("tool", {}).get("mixscript")
    root = pyproject.parent
    if table is None:
        return Config(root=root)
    where = f"{pyproject}: [tool.mixscript]"
    if not isinstance(table, dict):
        raise ConfigError(f"{where} must be a table")
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise ConfigError(
            f"{where}: unknown key {unknown[0]!r} (known: {', '.join(sorted(_KEYS))})"
        )
    profile = table.get("profile")
    if profile is not None and not isinstance(profile, str):
        raise ConfigError(f"{where}.profile: expected a string")
    per_file = table.get("per-file-profile", {})
    if not isinstance(per_file, dict) or not all(isinstance(v, str) for v in per_file.values()):
        raise ConfigError(f"{where}.per-file-profile: expected a table of glob = profile")
    languages = table.get("languages")
    force = table.get("force-exclude", False)
    if not isinstance(force, bool):
        raise ConfigError(f"{where}.force-exclude: expected true or false")
    extension = table.get("extension", {})
    if not isinstance(extension, dict) or not all(
        isinstance(v, str) and v for v in extension.values()
    ):
        raise ConfigError(f"{where}.extension: expected a table of extension = kind")
    return Config(
        root=root,
        source=pyproject,
        profile=profile,
        exclude=_strings(table.get("exclude", []), f"{where}.exclude"),
        extend_exclude=_strings(table.get("extend-exclude", []), f"{where}.extend-exclude"),
        force_exclude=force,
        languages=None if languages is None else _strings(languages, f"{where}.languages"),
        per_file_profile=tuple(per_file.items()),
        extension=tuple((k.lstrip("."), v) for k, v in extension.items()),
    )


def find_config(start: Path) -> Config:
    """The settings for files under ``start`` (a folder): nearest ``[tool.mixscript]`` upwards."""
    folder = start.resolve()
    for candidate in (folder, *folder.parents):
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file():
            config = load_config(pyproject)
            if config.source is not None:
                return config
        if (candidate / ".git").exists():
            break
    return Config(root=folder)
