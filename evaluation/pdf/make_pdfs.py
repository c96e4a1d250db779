"""Typeset the gold lines of ``lines.txt`` as PDFs with several real engines.

Each gold line becomes one paragraph (one line of the page where it fits), so
an extractor's lines can be matched back to the gold by their letters.  The
engines are the ones that produce the Arabic-script PDFs people actually meet:

* ``chromium-naskh``, ``chromium-amiri``: headless Chromium's print-to-PDF of
  an HTML page with ``dir="rtl"`` (HarfBuzz shaping, the font's own cmap);
* ``fpdf2``: fpdf2 with uharfbuzz shaping (``set_text_shaping``);
* ``reportlab``: the classic recipe, ``arabic_reshaper.reshape`` then
  ``bidi.get_display``, drawn as given (presentation forms in visual order);
* ``libreoffice``: a flat ODT with a right-to-left paragraph style converted
  by ``soffice --headless``.

An engine whose tool or font is missing is skipped with a message.  The PDFs
are build output, not committed: ``python evaluation/pdf/make_pdfs.py --out
build/pdf-eval`` then ``python evaluation/pdf/evaluate.py --pdfs build/pdf-eval``.
"""

from __future__ import annotations

import argparse
import html
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))


def gold_lines(path: Path = HERE / "lines.txt") -> list[tuple[str, str]]:
    """(language, line) for every gold line; ``#`` starts a comment line."""
    out = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        lang, _, line = raw.partition("\t")
        out.append((lang, line))
    return out


def sample_lines(folder: Path, per_language: int, out: Path) -> Path:
    """Write ``per_language`` short sentences of each of ar, fa, ur from ``folder`` to ``out``.

    Every 7th sentence of at most 70 characters, so one sentence is one line
    of the page; the file is build output next to the PDFs, never committed.
    """
    rows = []
    for lang in ("ar", "fa", "ur"):
        sentences = (folder / f"sentences-{lang}.txt").read_text(encoding="utf-8").splitlines()
        short = [s.strip() for s in sentences if 10 < len(s.strip()) <= 70]
        rows += [f"{lang}\t{s}" for s in short[::7][:per_language]]
    out.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return out


def find_font(name: str) -> Path | None:
    """The first font file called ``name`` under the system font folders."""
    for d in FONT_DIRS:
        if d.is_dir():
            for p in d.rglob(name):
                return p
    return None


_HTML_LANG = {"ar": "ar", "fa": "fa", "ur": "ur", "mix": "ar"}


def chromium(lines: list[tuple[str, str]], out: Path, family: str) -> None:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        raise RuntimeError("chromium not installed")
    paras = "\n".join(
        f'<p lang="{_HTML_LANG.get(lang, "ar")}">{html.escape(line)}</p>' for lang, line in lines
    )
    page = (
        '<!doctype html><html dir="rtl" lang="ar"><head><meta charset="utf-8"><style>'
        f"body{{font-family:'{family}';font-size:15px;}} p{{margin:0 0 6px 0;}}"
        "@page{size:A4 landscape;margin:15mm}</style></head>"
        f"<body>{paras}</body></html>"
    )
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "page.html"
        src.write_text(page, encoding="utf-8")
        subprocess.run(
            [
                exe,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                f"--user-data-dir={tmp}/profile",
                "--no-pdf-header-footer",
                f"--print-to-pdf={out}",
                src.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )


def fpdf2(lines: list[tuple[str, str]], out: Path) -> None:
    from fpdf import FPDF

    font = find_font("NotoNaskhArabic-Regular.ttf")
    if font is None:
        raise RuntimeError("Noto Naskh Arabic not installed")
    pdf = FPDF(orientation="L")
    pdf.add_page()
    pdf.add_font("naskh", fname=str(font))
    pdf.set_font("naskh", size=13)
    latin = find_font("DejaVuSans.ttf")
    if latin is not None:
        pdf.add_font("dejavu", fname=str(latin))
        pdf.set_fallback_fonts(["dejavu"])
    pdf.set_text_shaping(True, direction="rtl")
    for _, line in lines:
        pdf.multi_cell(0, 10, line, align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(out))


def reportlab(lines: list[tuple[str, str]], out: Path) -> None:
    import arabic_reshaper
    from bidi import get_display
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    font = find_font("DejaVuSans.ttf")
    if font is None:
        raise RuntimeError("DejaVu Sans not installed")
    pdfmetrics.registerFont(TTFont("dejavu", str(font)))
    width, height = landscape(A4)
    c = canvas.Canvas(str(out), pagesize=(width, height))
    y = height - 50
    for _, line in lines:
        if y < 50:
            c.showPage()
            y = height - 50
        c.setFont("dejavu", 13)
        c.drawRightString(width - 40, y, get_display(arabic_reshaper.reshape(line)))
        y -= 22
    c.save()


_FODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls>
 <style:font-face style:name="Naskh" svg:font-family="'Noto Naskh Arabic'"
  xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"/>
</office:font-face-decls>
<office:automatic-styles>
 <style:style style:name="R" style:family="paragraph">
  <style:paragraph-properties fo:text-align="end" style:writing-mode="rl-tb"/>
  <style:text-properties style:font-name-complex="Naskh" style:font-size-complex="13pt"
   style:font-name="Naskh" style:language-complex="ar" style:country-complex="SA"/>
 </style:style>
</office:automatic-styles>
<office:body><office:text>
{paras}
</office:text></office:body></office:document>
"""


def libreoffice(lines: list[tuple[str, str]], out: Path) -> None:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        raise RuntimeError("LibreOffice not installed")
    paras = "\n".join(
        f'<text:p text:style-name="R">{html.escape(line)}</text:p>' for _, line in lines
    )
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / f"{out.stem}.fodt"
        src.write_text(_FODT.replace("{paras}", paras), encoding="utf-8")
        subprocess.run(
            [
                exe,
                f"-env:UserInstallation=file://{tmp}/profile",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                tmp,
                str(src),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        shutil.move(str(Path(tmp) / f"{out.stem}.pdf"), out)


ENGINES: dict[str, Callable[[list[tuple[str, str]], Path], None]] = {
    "chromium-naskh": lambda lines, out: chromium(lines, out, "Noto Naskh Arabic"),
    "chromium-amiri": lambda lines, out: chromium(lines, out, "Amiri"),
    "fpdf2": fpdf2,
    "reportlab": reportlab,
    "libreoffice": libreoffice,
}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=Path("build/pdf-eval"))
    ap.add_argument("--lines", type=Path, default=HERE / "lines.txt")
    ap.add_argument("--engines", default=",".join(ENGINES))
    ap.add_argument(
        "--sample-from",
        type=Path,
        help="a folder of sentences-{ar,fa,ur}.txt to typeset instead of lines.txt (held out)",
    )
    ap.add_argument("--per-language", type=int, default=40)
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.sample_from:
        args.lines = sample_lines(args.sample_from, args.per_language, args.out / "lines.txt")
    lines = gold_lines(args.lines)
    for name in args.engines.split(","):
        try:
            ENGINES[name](lines, args.out / f"{name}.pdf")
            print(f"{name}: {args.out / (name + '.pdf')}")
        except Exception as exc:  # an engine missing here is not an error
            print(f"{name}: skipped ({exc})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
