"""Draw docs/direction.png: what to_visual and to_logical change, as a reader sees it.

Four rows, one Arabic sentence with harakat, a number and brackets:

1. the logical text drawn by a renderer with no bidi and no shaping
   (Pillow's basic layout): letters unjoined, in the wrong order;
2. the same renderer given ``to_visual(text)``: joined, right to left,
   brackets facing the right way;
3. visual-order input (python-bidi's ``get_display`` of the text shaped by
   arabic-reshaper,
   as PDF extraction often returns it) drawn by a bidi-aware renderer
   (Pillow with libraqm): reversed again, so unreadable;
4. the same input after ``to_logical``: readable.

Needs Pillow (``pip install Pillow``; rows 3-4 need its libraqm support, which
the PyPI wheels include) and DejaVu Sans from Debian's ``fonts-dejavu-core``.

Usage::

    python scripts/draw_direction.py [docs/direction.png]
"""

from __future__ import annotations

import sys
from pathlib import Path

from bidi import get_display
from PIL import Image, ImageDraw, ImageFont, features

from mixscript import to_logical, to_visual
from mixscript.bidi.display import shape

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
SENTENCE = "كَتَبَ الوَلَدُ الدَّرْسَ (سنة 2021) في فيينا"
WIDTH, ROW, PAD = 900, 78, 16


def main(out: Path) -> None:
    basic = ImageFont.truetype(str(FONT), 30, layout_engine=ImageFont.Layout.BASIC)
    label_font = ImageFont.truetype(str(FONT), 15, layout_engine=ImageFont.Layout.BASIC)
    if not features.check("raqm"):
        raise SystemExit("Pillow without libraqm: rows 3-4 need a bidi-aware renderer")
    raqm = ImageFont.truetype(str(FONT), 30, layout_engine=ImageFont.Layout.RAQM)

    visual_input = get_display(shape(SENTENCE))  # arabic-reshaper, harakat kept
    rows = [
        ("1. logical text, renderer without bidi or shaping", SENTENCE, basic),
        ("2. to_visual(text), same renderer", to_visual(SENTENCE), basic),
        ("3. visual-order input (e.g. from a PDF), bidi-aware renderer", visual_input, raqm),
        ("4. to_logical(visual-order input), bidi-aware renderer", to_logical(visual_input), raqm),
    ]
    image = Image.new("RGB", (WIDTH, ROW * len(rows) + PAD), "white")
    draw = ImageDraw.Draw(image)
    for k, (label, text, font) in enumerate(rows):
        top = PAD // 2 + k * ROW
        draw.text((PAD, top), label, font=label_font, fill=(90, 90, 90))
        # Right-align, as a right-to-left line is set.
        width = draw.textlength(text, font=font)
        ok = k % 2 == 1
        draw.text(
            (WIDTH - PAD - width, top + 24),
            text,
            font=font,
            fill=(0, 100, 0) if ok else (170, 0, 0),
        )
        if k:
            draw.line((PAD, top - 4, WIDTH - PAD, top - 4), fill=(220, 220, 220))
    out.parent.mkdir(parents=True, exist_ok=True)
    image.save(out, optimize=True)
    print(f"wrote {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/direction.png"))
