"""Text of a PDF, page by page, in logical order: ``mixscript.extract_pdf`` and ``mixscript extract``.

Needs the ``pdf`` extra (``pip install 'mixscript[pdf]'``), which brings
pdfminer.six.  Of the extractors measured on Arabic, Persian and Urdu PDFs
from five engines (``evaluation/pdf``), pdfminer.six with mixscript's repair
gave the most lines exactly right (441 of 570, against 379 for pypdfium2),
and it is pure Python, so it installs everywhere.  It hands back right-to-left
lines in visual order, which the ``safe`` profile's repair puts back; the
repair sees the whole document, so pages and the document decide for lines
whose own evidence is weak.

What no extractor's text allows to repair (ZWNJ turned into a space, lines
split, marks mapped to other characters by a font) is listed in
``docs/pdf.md``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

__all__ = ["Page", "PdfError", "extract_pages", "extract_pdf"]

#: What pdfminer writes for a glyph its font maps to U+0000: never text.
_NUL = "\x00"


class PdfError(ValueError):
    """A PDF whose text cannot be extracted: encrypted, image-only, damaged or not a PDF."""


@dataclass(frozen=True, slots=True)
class Page:
    """One page's text (``number`` counts from 1), repaired."""

    number: int
    text: str


def _raw_pages(path: str | os.PathLike[str]) -> list[str]:
    """Each page's text as pdfminer.six reads it, NUL characters dropped."""
    try:
        from pdfminer.high_level import extract_text
        from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
        from pdfminer.pdfparser import PDFSyntaxError
        from pdfminer.psparser import PSException
    except ImportError as exc:
        raise PdfError("reading PDFs needs the pdf extra: pip install 'mixscript[pdf]'") from exc
    name = os.fspath(path)
    try:
        text = extract_text(name)
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise PdfError(f"{name}: the PDF is encrypted and needs a password") from exc
    except (PDFSyntaxError, PSException) as exc:
        raise PdfError(f"{name}: not a readable PDF ({exc})") from exc
    except OSError as exc:
        raise PdfError(f"{name}: {exc.strerror or exc}") from exc
    pages = text.replace(_NUL, "").split("\f")
    if len(pages) > 1 and not pages[-1].strip():
        pages.pop()  # pdfminer ends every page with a form feed
    if not any(p.strip() for p in pages):
        raise PdfError(
            f"{name}: no text in the PDF (scanned pages are images: run OCR on them first)"
        )
    return pages


def extract_pages(path: str | os.PathLike[str], *, profile: str = "safe") -> list[Page]:
    """The pages of a PDF, each normalised with ``profile`` (``safe`` repairs visual order).

    The profile runs over the whole document at once, so a page's or the
    document's evidence decides for lines too short to judge alone.
    Raises :class:`PdfError` for an encrypted, image-only or unreadable PDF.
    """
    from mixscript.normalization.profiles import normalize

    raw = _raw_pages(path)
    fixed = normalize("\f".join(raw), profile).split("\f")
    if len(fixed) != len(raw):  # a profile never adds or removes form feeds
        raise AssertionError("normalisation changed the number of pages")
    return [Page(i + 1, text) for i, text in enumerate(fixed)]


def extract_pdf(path: str | os.PathLike[str], *, profile: str = "safe") -> str:
    """The text of a PDF in logical order, pages separated by form feeds (``\\f``).

    Raises :class:`PdfError` (a :class:`ValueError`) for an
    encrypted, image-only or unreadable PDF rather than returning nothing.
    """
    return "\f".join(page.text for page in extract_pages(path, profile=profile))
