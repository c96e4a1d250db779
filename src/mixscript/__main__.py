"""``python -m mixscript``: the same command line as ``mixscript``."""

from __future__ import annotations

import sys

from mixscript.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
