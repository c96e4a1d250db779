"""The ``mixscript`` command: one module per command, with the engine, inputs, files and config."""

from mixscript.cli.main import build_parser, main

__all__ = ["build_parser", "main"]
