"""What the library accepts as text: any ``str`` without a lone surrogate."""

from __future__ import annotations

import regex

from mixscript.model import InputError

__all__ = ["validate"]

_SURROGATE = regex.compile(r"[\ud800-\udfff]")


def validate(text: str) -> None:
    """Raise :class:`InputError` if ``text`` holds a lone surrogate.

    Lone surrogates come from ``errors="surrogateescape"`` decoding or broken
    JSON; they are not characters, so no offset computed over them means much.
    """
    m = _SURROGATE.search(text)
    if m is not None:
        raise InputError(f"lone surrogate U+{ord(m.group()):04X} in input", m.start())
