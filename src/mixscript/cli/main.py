"""The ``mixscript`` command: argument parsing and dispatch.

``main(argv)`` returns the exit code instead of exiting, so tests and other
programs can call it in-process.  Exit codes follow black and ruff:

- 0: nothing to report;
- 1: files changed, would change (``--check``, ``--diff``), or findings;
- 2: usage or input error (unknown option, missing or undecodable file).
  A file in error is left untouched; the other files are still processed.

The subcommands' work lives in one module each under :mod:`mixscript.cli`; the shared machinery
(chunks, processes, output order, exit codes) in :mod:`mixscript.cli.engine`.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from mixscript.cli.config import Config, ConfigError, find_config
from mixscript.cli.engine import Command, Engine
from mixscript.cli.inputs import Exclusion, collect_inputs

__all__ = ["build_parser", "main"]

CHECK_FORMATS = ("concise", "text", "json", "github", "sarif")


def _int(value: str) -> int:
    """A whole number; argparse would otherwise name the function ("invalid _width value")."""
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, not {value!r}") from None


def _jobs(value: str) -> int:
    n = _int(value)
    if n < 0:
        raise argparse.ArgumentTypeError("must be 0 (one per CPU) or more")
    return n or (os.cpu_count() or 1)


def _width(value: str) -> int:
    n = _int(value)
    if n < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return n


def _encoding(value: str) -> str:
    """A codec Python knows: checked once here, so an unknown one is one usage error (exit 2)."""
    import codecs

    try:
        codecs.lookup(value)
    except LookupError:
        raise argparse.ArgumentTypeError(f"unknown encoding {value!r}") from None
    return value


def _comma_list(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(",") if v.strip())


def _languages(value: str) -> tuple[str, ...]:
    """Candidate languages; a code no backend identifies is a usage error (exit 2)."""
    from mixscript.lang.tagger import check_languages

    try:
        return check_languages(_comma_list(value)) or ()
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def _confidence(value: str) -> float:
    x = float(value)
    if not 0.0 <= x <= 1.0:
        raise argparse.ArgumentTypeError("must be between 0 and 1")
    return x


def _codes(value: str) -> tuple[str, ...]:
    """Finding codes or prefixes; an unknown one is a usage error (exit 2), not a traceback."""
    from mixscript.checks.codes import parse_codes

    try:
        return parse_codes(value)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def _add_input_options(p: argparse.ArgumentParser, profile: bool = True) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH", help="files, folders, or - for stdin")
    if profile:
        p.add_argument("--profile", help="safe, clean or search (default: safe)")
    p.add_argument(
        "--encoding", type=_encoding, help="decode inputs with this codec instead of detecting"
    )
    p.add_argument(
        "--jobs", "-j", type=_jobs, default=1, metavar="N", help="processes (0: one per CPU)"
    )
    p.add_argument("--quiet", "-q", action="store_true", help="only errors on stderr")
    p.add_argument(
        "--exclude",
        type=_comma_list,
        action="extend",
        metavar="GLOBS",
        help="globs to skip in folders, instead of the configuration's exclude",
    )
    p.add_argument(
        "--extend-exclude",
        type=_comma_list,
        action="extend",
        default=[],
        metavar="GLOBS",
        help="globs to skip in folders, besides the exclude list",
    )
    p.add_argument(
        "--force-exclude",
        action="store_true",
        help="skip excluded files even when named (for pre-commit)",
    )
    p.add_argument(
        "--stdin-filename",
        metavar="NAME",
        help="the name of standard input: its kind (source code, Markdown, prose) and settings",
    )


def _add_language_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--languages", type=_languages, help="comma-separated language codes")
    p.add_argument(
        "--min-confidence",
        type=_confidence,
        metavar="X",
        help="tag runs below this confidence und (default 0.4)",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (a function so tests can compare its options with the README)."""
    parser = argparse.ArgumentParser(
        prog="mixscript",
        description="Clean, segment and order text that mixes Latin and Arabic script.",
    )
    parser.add_argument("--version", action="version", version=_version())
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("normalize", help="apply a profile (stdout, --in-place, --check, --diff)")
    _add_input_options(p)
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--in-place", "-i", action="store_true", help="rewrite files that change")
    mode.add_argument("--check", action="store_true", help="report files that would change")
    mode.add_argument("--diff", action="store_true", help="print a unified diff")
    p.add_argument("--explain", action="store_true", help="print each change with line:col")
    p.add_argument("--show-config", action="store_true", help="print the effective settings")

    p = sub.add_parser("segment", help="segments as JSON Lines, TSV or HTML")
    _add_input_options(p)
    p.add_argument("--format", choices=("jsonl", "tsv", "html"), default="jsonl")
    _add_language_options(p)

    p = sub.add_parser("detect", help="the languages of each input, ranked, with confidences")
    _add_input_options(p)
    p.add_argument("--format", choices=("text", "jsonl"), default="text")
    _add_language_options(p)

    p = sub.add_parser("display", help="logical to visual order, shaped")
    _add_input_options(p, profile=False)
    p.add_argument("--width", type=_width, help="wrap lines at N columns")
    p.add_argument("--base-direction", choices=("ltr", "rtl"))

    p = sub.add_parser("repair", help="lines detected as visual order back to logical order")
    _add_input_options(p, profile=False)
    p.add_argument(
        "--force", action="store_true", help="convert every right-to-left line, detected or not"
    )
    p.add_argument(
        "--keep-forms",
        action="store_true",
        help="leave presentation forms in lines already in logical order"
        " (by default they are unshaped, as the safe profile does)",
    )

    p = sub.add_parser("extract", help="text of PDFs in logical order (pdf extra)")
    p.add_argument("paths", nargs="+", metavar="FILE.pdf", help="PDF files")
    p.add_argument("--format", choices=("text", "jsonl"), default="text")
    p.add_argument("--profile", help="safe, clean or search (default: safe)")
    p.add_argument("--languages", type=_comma_list, help="comma-separated language codes")
    p.add_argument("--quiet", "-q", action="store_true", help="only errors on stderr")

    p = sub.add_parser("check", help="bidi controls, invisibles, mixed-script words")
    _add_input_options(p, profile=False)
    p.add_argument("--fix", action="store_true", help="apply the safe fixes")
    p.add_argument("--select", type=_codes, help="only these codes (comma-separated)")
    p.add_argument("--ignore", type=_codes, help="skip these codes (comma-separated)")
    p.add_argument(
        "--output-format",
        "--format",
        dest="format",
        choices=CHECK_FORMATS,
        default="concise",
        help="concise (default), text (with the source line), json, github, sarif",
    )
    p.add_argument("--diff", action="store_true", help="print the fixes as a diff, write nothing")
    p.add_argument("--statistics", action="store_true", help="count findings per code")
    p.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")

    p = sub.add_parser("inspect", help="one row per character of TEXT, of a file, or of stdin (-)")
    p.add_argument("text", metavar="TEXT", help="a string, a file name, or - for standard input")
    p.add_argument("--format", choices=("text", "tsv", "jsonl"), default="text")
    return parser


def _version() -> str:
    from importlib.metadata import version

    return f"mixscript {version('mixscript')}"


def _profiles() -> tuple[str, ...]:
    from mixscript.normalization.profiles import PROFILES

    return tuple(PROFILES)


def _config_for(paths: Sequence[str]) -> Config:
    """Settings from the nearest ``[tool.mixscript]`` above the inputs (or the current folder)."""
    folders = [
        str(Path(p).resolve() if Path(p).is_dir() else Path(p).resolve().parent)
        for p in paths
        if p != "-"
    ]
    start = Path(os.path.commonpath(folders)) if folders else Path.cwd()
    return find_config(start)


def _command(args: argparse.Namespace, config: Config) -> Command:
    if args.command == "normalize":
        from mixscript.cli.normalize import NormalizeCommand

        mode = (
            "in-place"
            if args.in_place
            else "check"
            if args.check
            else "diff"
            if args.diff
            else "stdout"
        )
        return NormalizeCommand(mode=mode, explain=args.explain, encoding=args.encoding)
    if args.command in ("segment", "detect"):
        from mixscript.cli.detect import DetectCommand
        from mixscript.cli.segment import SegmentCommand

        # Both tag languages: the same candidates and threshold, from the command line or config.
        tagging = SegmentCommand if args.command == "segment" else DetectCommand
        return tagging(
            format=args.format,
            languages=args.languages if args.languages is not None else config.languages,
            min_confidence=args.min_confidence,
            encoding=args.encoding,
        )
    if args.command == "display":
        from mixscript.cli.display import DisplayCommand

        return DisplayCommand(
            width=args.width, base_direction=args.base_direction, encoding=args.encoding
        )
    if args.command == "repair":
        from mixscript.cli.display import RepairCommand

        return RepairCommand(encoding=args.encoding, force=args.force, keep_forms=args.keep_forms)
    from mixscript.cli.check import CheckCommand

    fix = args.fix or args.diff
    return CheckCommand(
        to_stdout=fix and not args.diff and (not args.paths or "-" in args.paths),
        fix=fix,
        diff=args.diff,
        format=args.format,
        select=args.select,
        ignore=args.ignore,
        encoding=args.encoding,
        statistics=args.statistics,
        exit_zero=args.exit_zero,
        color=_color(sys.stdout),
    )


def _color(stream: object) -> bool:
    """Colour on a terminal, unless ``NO_COLOR`` is set to anything (https://no-color.org)."""
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and not os.environ.get("NO_COLOR")


def _inspect_text(arg: str) -> str:
    """What ``inspect`` looks at: standard input for ``-``, a file's text, or the string itself.

    Raises :class:`~mixscript.cli.files.FileProblem` for a file that cannot be read.
    """
    from mixscript.cli.files import FileProblem, TextSource

    if arg == "-":
        return "".join(TextSource(sys.stdin.buffer, "-", nul_is_text=True))
    path = Path(arg)
    if path.is_file():
        try:
            with open(path, "rb") as stream:
                return "".join(TextSource(stream, arg, nul_is_text=True))
        except OSError as exc:
            raise FileProblem(arg, (exc.strerror or type(exc).__name__).lower()) from None
    return arg


def _inspect(args: argparse.Namespace) -> int:
    from mixscript.cli.files import FileProblem
    from mixscript.cli.inspect import render
    from mixscript.model import InputError
    from mixscript.text.valid import validate

    try:
        args.text = _inspect_text(args.text)
    except FileProblem as exc:
        sys.stderr.write(f"mixscript inspect: {exc}\n")
        return 2
    try:
        validate(args.text)
    except InputError as exc:
        sys.stderr.write(f"mixscript inspect: {exc}\n")
        return 2
    _write_stdout(render(args.text, args.format))
    return 0


def _extract(args: argparse.Namespace) -> int:
    from mixscript.cli.extract import run

    profile = args.profile or "safe"
    if profile not in _profiles():
        return _usage_error(f"unknown profile {profile!r} (choose from {', '.join(_profiles())})")
    return run(args.paths, format=args.format, profile=profile, languages=args.languages)


def _write_stdout(text: str) -> None:
    sys.stdout.flush()
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.buffer.flush()


def _missing_extra_note(command: str) -> str | None:
    """The one line saying what an uninstalled extra leaves out, or None."""
    if command in ("segment", "detect"):
        from mixscript.lang.tagger import backend_note

        return backend_note()
    if command == "check":
        from mixscript.checks.scan import icu_note

        return icu_note()
    return None


def _usage_error(message: str) -> int:
    sys.stderr.write(f"mixscript: error: {message}\n")
    return 2


def main(argv: list[str] | None = None) -> int:
    """Run the command line ``argv`` (default: ``sys.argv[1:]``) and return the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # usage errors (2) and --help/--version (0)
        return exc.code if isinstance(exc.code, int) else 2
    if args.command == "inspect":
        return _inspect(args)
    if args.command == "extract":
        return _extract(args)
    try:
        named = [p for p in args.paths if p != "-"]
        stdin_name = getattr(args, "stdin_filename", None)
        config = _config_for(named or ([stdin_name] if stdin_name else []))
    except ConfigError as exc:
        return _usage_error(str(exc))
    if config.languages is not None and args.command in ("segment", "detect"):
        from mixscript.lang.tagger import check_languages

        try:
            check_languages(config.languages)
        except ValueError as exc:
            return _usage_error(f"[tool.mixscript] languages: {exc}")
    profile: str | None = getattr(args, "profile", None)
    known = _profiles()
    for name in (profile, config.profile, *(p for _, p in config.per_file_profile)):
        if name is not None and name not in known:
            return _usage_error(f"unknown profile {name!r} (choose from {', '.join(known)})")
    if getattr(args, "show_config", False):
        from dataclasses import replace

        shown = replace(config, profile=profile or config.profile)
        _write_stdout(shown.as_toml())
        return 0

    errors: list[str] = []
    notes: list[str] = []
    exclusion = Exclusion(
        exclude=tuple(args.exclude) if args.exclude is not None else None,
        extend_exclude=tuple(args.extend_exclude),
        force_exclude=args.force_exclude,
    )
    inputs, failed = collect_inputs(
        args.paths,
        config,
        profile,
        errors.append,
        exclusion,
        notes.append,
        stdin_filename=args.stdin_filename,
    )
    for line in errors + ([] if args.quiet else notes):
        sys.stderr.write(line + "\n")
    cmd = _command(args, config)
    if not args.quiet:
        note = _missing_extra_note(args.command)
        if note:
            sys.stderr.write(f"mixscript: {note}\n")
    if args.command == "normalize" and cmd.print_text and len(inputs) > 1:
        return _usage_error(
            "normalize writes one input to stdout; for several use --in-place, --check or --diff"
        )
    sys.stdout.flush()
    engine = Engine(cmd, jobs=args.jobs, quiet=args.quiet)
    try:
        code = engine.run(inputs)
    except BrokenPipeError:
        # The reader went away (``| head -1``): it has all it wanted, so stop
        # quietly with success, as ``head`` expects of the programs it reads.
        # Standard output goes to /dev/null so the interpreter's final flush
        # does not complain about the pipe again.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):  # no real file descriptor (tests)
            pass
        return 2 if failed else 0
    return max(code, 2 if failed else 0)
