"""Write the small PDFs that ``tests/test_pdf.py`` reads (committed under ``tests/data/pdf``).

Run again only to change them: ``python evaluation/pdf/make_test_pdfs.py``
(needs fpdf2 with uharfbuzz, Noto Naskh Arabic and DejaVu Sans).

* ``three_languages.pdf``: an Arabic, a Persian and an Urdu line on page 1, a
  line with a Latin name and a number on page 2, shaped by HarfBuzz;
  pdfminer.six reads its lines back in visual order;
* ``encrypted.pdf``: the same text behind a user password;
* ``image_only.pdf``: a page with a drawing and no text, like a scan.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fpdf import FPDF

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_pdfs import find_font  # noqa: E402

OUT = HERE.parent.parent / "tests" / "data" / "pdf"

PAGES = [
    [
        "ذهب الولد إلى المدرسة في الصباح.",
        "من هر روز صبح به کتابخانه می‌روم.",
        "میں ہر روز اسکول جاتا ہوں۔",
    ],
    ["نشرت مجلة Nature المقال في 2021."],
]


def _document() -> FPDF:
    pdf = FPDF(format="A5")
    naskh, latin = find_font("NotoNaskhArabic-Regular.ttf"), find_font("DejaVuSans.ttf")
    if naskh is None or latin is None:
        raise SystemExit("needs Noto Naskh Arabic and DejaVu Sans")
    pdf.add_font("naskh", fname=str(naskh))
    pdf.add_font("dejavu", fname=str(latin))
    pdf.set_fallback_fonts(["dejavu"])
    pdf.set_text_shaping(True, direction="rtl")
    return pdf


def three_languages(pdf: FPDF) -> FPDF:
    for lines in PAGES:
        pdf.add_page()
        pdf.set_font("naskh", size=12)
        for line in lines:
            pdf.multi_cell(0, 9, line, align="R", new_x="LMARGIN", new_y="NEXT")
    return pdf


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    three_languages(_document()).output(str(OUT / "three_languages.pdf"))
    locked = three_languages(_document())
    locked.set_encryption(owner_password="owner", user_password="secret")
    locked.output(str(OUT / "encrypted.pdf"))
    scan = FPDF(format="A5")
    scan.add_page()
    scan.rect(20, 20, 100, 60, style="F")
    scan.output(str(OUT / "image_only.pdf"))
    for p in sorted(OUT.glob("*.pdf")):
        print(p.name, p.stat().st_size)


if __name__ == "__main__":
    main()
