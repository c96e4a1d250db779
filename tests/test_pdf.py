"""``mixscript.extract_pdf`` and ``mixscript extract`` on small committed PDFs.

``tests/data/pdf`` is written by ``evaluation/pdf/make_test_pdfs.py``
(fpdf2 with HarfBuzz shaping); pdfminer.six reads its lines back in visual
order, so these tests pass only if the repair works on a real extractor.
The expected text is the sentences as written into the PDF, typed here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import mixscript
from mixscript.cli.main import main

pytest.importorskip("pdfminer", reason="the pdf extra (pdfminer.six) is not installed")

DATA = Path(__file__).parent / "data" / "pdf"
PAGE_1 = [
    "ذهب الولد إلى المدرسة في الصباح.",
    "من هر روز صبح به کتابخانه می\u200cروم.",
    "میں ہر روز اسکول جاتا ہوں۔",
]
PAGE_2 = ["نشرت مجلة Nature المقال في 2021."]


def _lines(page: str) -> list[str]:
    return [line for line in page.splitlines() if line.strip()]


def test_extract_pdf_gives_logical_lines_page_by_page() -> None:
    text = mixscript.extract_pdf(DATA / "three_languages.pdf")
    pages = text.split("\f")
    assert [_lines(p) for p in pages] == [PAGE_1, PAGE_2]


@pytest.mark.parametrize(
    ("name", "message"),
    [("encrypted.pdf", "encrypted"), ("image_only.pdf", "no text"), ("missing.pdf", "missing.pdf")],
)
def test_unreadable_pdfs_raise(name: str, message: str) -> None:
    from mixscript.pdf import PdfError

    with pytest.raises(PdfError, match=message):
        mixscript.extract_pdf(DATA / name)


def test_extract_command_text(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["extract", str(DATA / "three_languages.pdf")]) == 0
    out = capsysbinary.readouterr().out.decode("utf-8")
    assert [_lines(p) for p in out.split("\f")] == [PAGE_1, PAGE_2]


def test_extract_command_jsonl_pages(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["extract", "--format", "jsonl", str(DATA / "three_languages.pdf")]) == 0
    records = [json.loads(line) for line in capsysbinary.readouterr().out.splitlines()]
    by_page: dict[int, str] = {}
    for r in records:
        by_page[r["page"]] = by_page.get(r["page"], "") + r["text"]
    assert sorted(by_page) == [1, 2]
    assert _lines(by_page[1]) == PAGE_1
    assert _lines(by_page[2]) == PAGE_2
    nature = next(r for r in records if r["text"] == "Nature")
    assert (nature["page"], nature["script"], nature["direction"]) == (2, "Latn", "ltr")


@pytest.mark.parametrize("name", ["encrypted.pdf", "image_only.pdf"])
def test_extract_command_errors_exit_2_and_go_on(
    name: str, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    code = main(["extract", str(DATA / name), str(DATA / "three_languages.pdf")])
    captured = capsysbinary.readouterr()
    assert code == 2
    assert name in captured.err.decode("utf-8")
    # The readable file after the bad one is still extracted.
    assert _lines(captured.out.decode("utf-8").split("\f")[0]) == PAGE_1
