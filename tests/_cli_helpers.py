"""Running ``mixscript.cli.main.main`` in-process with byte-level stdin, stdout and stderr."""

from __future__ import annotations

import io
import sys
import unicodedata
from dataclasses import dataclass

import pytest

from mixscript.cli.main import main
from tests.chars import ALEF_WASLA_FORM, PDF, RLO

__all__ = ["FORM", "LETTER", "LOGICAL", "PDF", "RLO", "VISUAL", "Result", "run"]

# Independent expectations, not mixscript's own output:
# a presentation form and its letter by NFKC (Unicode's own decomposition),
# a visual-order line as the character-reversed NFKC of its presentation forms.
FORM = ALEF_WASLA_FORM
LETTER = unicodedata.normalize("NFKC", FORM)
VISUAL = "\ufef1\ufeee\ufee8\ufeb4\ufedf\ufe8d \ufe94\ufee8\ufea0\ufee0\ufedf\ufe8d \ufeae\ufef3\ufeae\ufed8\ufe97"
LOGICAL = unicodedata.normalize("NFKC", VISUAL[::-1])


@dataclass
class Result:
    code: int
    out: bytes
    err: str

    @property
    def text(self) -> str:
        return self.out.decode("utf-8")


def run(monkeypatch: pytest.MonkeyPatch, *argv: str, stdin: bytes = b"") -> Result:
    """``mixscript *argv`` in this process; standard streams replaced for the call."""
    out = io.BytesIO()
    err = io.StringIO()
    fake_in = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    fake_out = io.TextIOWrapper(out, encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", fake_in)
    monkeypatch.setattr(sys, "stdout", fake_out)
    monkeypatch.setattr(sys, "stderr", err)
    code = main(list(argv))
    fake_out.flush()
    return Result(code, out.getvalue(), err.getvalue())
