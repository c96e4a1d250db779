"""A griffe extension for the API reference: doctest examples shown as code.

The docstrings hold doctest examples (``>>>`` lines and their output) that
``pytest --doctest-modules`` runs. Markdown would read them as prose, and an
output such as ``[(2, 'MS201', '')]`` as a link reference, so this wraps each
run of example lines in a ``pycon`` fence before mkdocstrings renders it. The
source docstrings stay plain doctest text.
"""

from __future__ import annotations

from typing import Any

import griffe


def fence_doctests(text: str) -> str:
    """Put every block that starts with ``>>>`` and ends at a blank line in a fence."""
    out: list[str] = []
    in_block = False
    for line in text.split("\n"):
        stripped = line.strip()
        if not in_block and stripped.startswith(">>>"):
            out.append("```pycon")
            in_block = True
        elif in_block and not stripped:
            out.append("```")
            in_block = False
        out.append(line.strip() if in_block else line)
    if in_block:
        out.append("```")
    return "\n".join(out)


class DoctestBlocks(griffe.Extension):
    """Fence the doctest examples of every loaded object's docstring."""

    def on_object(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        if obj.docstring is not None and ">>>" in obj.docstring.value:
            obj.docstring.value = fence_doctests(obj.docstring.value)
