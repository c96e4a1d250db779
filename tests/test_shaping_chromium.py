"""Arabic letters without presentation forms, as a real shaping renderer joins them (headless Chromium).

``shape`` (and so ``to_visual``) joins the neighbours of U+0620, U+06C2 and
the letters of Arabic Supplement and Extended-A by their Joining_Type,
though Unicode gives those letters no presentation form of their own.  The
check is against what Chromium, whose HarfBuzz shapes by joining type,
draws: the logical word drawn right to left, and ``to_visual`` of it drawn
with the direction forced left to right (``unicode-bidi: bidi-override``,
what a renderer without bidi does).  The letter without forms is drawn
transparent in both: it cannot look the same (Chromium draws it in its
joining form, our text can only hold the letter itself), but its neighbours
must.  For each neighbour the test compares the advance Chromium laid it
out with (``Range.getBoundingClientRect``, as the segment-page test reads
boxes) and its ink in a screenshot, against the same glyph in the logical
drawing.  A control row holds the neighbours in their isolated forms, which
is how they were shaped before and must not pass.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

import mixscript
from tests.test_html_chromium import _draw

FONT = "Noto Sans Arabic"  # has U+0620 and the presentation forms (fonts-noto-core)
# (logical word, its letter without forms, its neighbours' isolated forms in visual order)
WORDS = [
    # beh, KASHMIRI YEH (D), beh: BEH FINAL ... BEH INITIAL in visual order.
    ("\u0628\u0620\u0628", "\u0620", "\ufe8f\u0620\ufe8f"),
    # lam, U+0750 (D), meem.
    ("\u0644\u0750\u0645", "\u0750", "\ufee1\u0750\ufedd"),
    # seen, HEH GOAL WITH HAMZA ABOVE (D): seen initial.
    ("\u0633\u06c2", "\u06c2", "\u06c2\ufeb1"),
    # beh, U+0759 (R), beh: the first beh joins it, the second does not.
    ("\u0628\u0759\u0628", "\u0759", "\ufe8f\u0759\ufe8f"),
]
PROBE = """<script>
const result = {};
for (const el of document.querySelectorAll("div[id]")) {
  const out = [];
  const range = document.createRange();
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    for (let i = 0; i < node.data.length; i++) {
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const r = range.getBoundingClientRect();
      out.push([node.data[i], r.left, r.right, r.top, r.bottom]);
    }
  }
  result[el.id] = out;
}
const pre = document.createElement("pre");
pre.id = "probe";
pre.style.display = "none";
pre.textContent = JSON.stringify(result);
document.body.appendChild(pre);
</script>
"""
LTR = 'dir="ltr" style="unicode-bidi: bidi-override"'
Box = list[object]


def _page() -> str:
    rows = []
    for i, (word, formless, isolated) in enumerate(WORDS):
        for name, text, attrs in (
            ("logical", word, 'dir="rtl"'),
            ("visual", mixscript.to_visual(word), LTR),
            ("control", isolated, LTR),
        ):
            hidden = f'<span style="color: transparent">{formless}</span>'
            rows.append(f'<div id="{name}{i}" {attrs}>{text.replace(formless, hidden)}</div>')
    style = (
        f"<style>body {{ margin: 0 }} div {{ font: 60px '{FONT}'; height: 110px;"
        " width: 400px; padding-left: 40px }</style>"
    )
    body = "\n".join(rows)
    return f"<!doctype html><meta charset=utf-8>{style}<body>\n{body}\n{PROBE}</body>"


def _screenshot(page: Path, tmp_path: Path) -> Path:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium is not None  # _draw skipped already
    out = tmp_path / "shot.png"
    subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            f"--user-data-dir={tmp_path / 'shot-profile'}",
            "--window-size=600,1400",
            f"--screenshot={out}",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
    return out


def _ink(image: object, boxes: list[Box], i: int, formless: str) -> object:
    """The ink of glyph ``i`` of a row, cut off halfway through the (transparent) formless letter."""
    from PIL import Image

    assert isinstance(image, Image.Image)
    _, left, right, top, bottom = (float(str(v)) if k else v for k, v in enumerate(boxes[i]))
    lo, hi = left - 30, right + 30
    for other in boxes:
        if other[0] == formless:
            mid = (float(str(other[1])) + float(str(other[2]))) / 2
            lo, hi = (max(lo, mid), hi) if mid < left else (lo, min(hi, mid))
    crop = image.crop((int(lo), int(top), int(hi) + 1, int(bottom) + 1))
    ink = crop.point(lambda p: 255 - p)
    bbox = ink.point(lambda p: 255 if p > 8 else 0).getbbox()
    assert bbox is not None, (boxes[i], lo, hi)
    return ink.crop(bbox)


def _same_glyph(a: object, b: object) -> bool:
    """Ink boxes within a pixel, and the ink, at its best one-pixel shift, within 30%.

    Chromium places glyphs at fractional positions, so the same glyph is
    anti-aliased a little differently in two places; different forms of a
    letter differ in size by far more than a pixel.
    """
    from PIL import Image, ImageChops, ImageStat

    assert isinstance(a, Image.Image) and isinstance(b, Image.Image)
    if abs(a.width - b.width) > 1 or abs(a.height - b.height) > 1:
        return False
    size = (max(a.width, b.width) + 2, max(a.height, b.height) + 2)
    base = Image.new("L", size)
    base.paste(a, (1, 1))
    total = ImageStat.Stat(a).sum[0]
    best = min(
        ImageStat.Stat(ImageChops.difference(base, _placed(b, size, dx, dy))).sum[0]
        for dx in (0, 1, 2)
        for dy in (0, 1, 2)
    )
    return best <= 0.3 * total


def _placed(img: object, size: tuple[int, int], dx: int, dy: int) -> object:
    from PIL import Image

    assert isinstance(img, Image.Image)
    canvas = Image.new("L", size)
    canvas.paste(img, (dx, dy))
    return canvas


@pytest.mark.external  # drives a headless Chromium
def test_chromium_joins_the_neighbours_of_letters_without_forms_as_to_visual_does(
    tmp_path: Path,
) -> None:
    pytest.importorskip("PIL")
    from PIL import Image

    fonts = subprocess.run(["fc-list", FONT], capture_output=True, text=True, check=False)
    if not fonts.stdout.strip():
        pytest.skip(f"{FONT} not installed")
    page = _page()
    boxes = _draw(page, tmp_path)
    path = tmp_path / "shaping.html"
    path.write_text(page, encoding="utf-8")
    shot = Image.open(_screenshot(path, tmp_path)).convert("L")
    for i, (word, formless, _) in enumerate(WORDS):
        logical, visual, control = (boxes[f"{n}{i}"] for n in ("logical", "visual", "control"))
        control_differs = False
        for k, ch in enumerate(word):
            if ch == formless:
                continue
            v = len(word) - 1 - k  # visual order reverses the word
            width = float(str(logical[k][2])) - float(str(logical[k][1]))
            drawn = _ink(shot, logical, k, formless)
            # Our presentation form has the advance and the ink of the glyph
            # Chromium chose for the letter in the word.
            ours = float(str(visual[v][2])) - float(str(visual[v][1]))
            assert abs(ours - width) < 0.05, (word, k)
            assert _same_glyph(drawn, _ink(shot, visual, v, formless)), (word, k)
            control_differs |= not _same_glyph(drawn, _ink(shot, control, v, formless))
        # The isolated forms (the shaping before) draw something else, except
        # where every neighbour is isolated anyway (none of these words).
        assert control_differs, word
