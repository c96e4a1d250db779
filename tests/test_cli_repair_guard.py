"""``mixscript repair`` changes only the lines detection says are visual; ``--force`` all of them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import _cli_helpers as h

ROOT = Path(__file__).resolve().parents[1]
# A logical Arabic line, and the same line as a visual-order store keeps it:
# for a line of right-to-left letters and spaces only, visual order is the
# reversed string (letters in logical form, shaping left to the renderer).
LOGICAL = "السلام عليكم في المدينة"
VISUAL = LOGICAL[::-1]


def test_logical_text_is_left_identical_with_exit_0(monkeypatch: pytest.MonkeyPatch) -> None:
    data = f"{LOGICAL}\nplain line\n".encode()
    r = h.run(monkeypatch, "repair", stdin=data)
    assert (r.code, r.out) == (0, data)


def test_example_statement_is_left_identical(monkeypatch: pytest.MonkeyPatch) -> None:
    # The basmala, Persian and Urdu lines of the example are logical text.
    path = ROOT / "examples" / "statement.txt"
    r = h.run(monkeypatch, "repair", str(path))
    assert (r.code, r.out) == (0, path.read_bytes())


def test_only_the_visual_line_is_repaired_with_exit_1(monkeypatch: pytest.MonkeyPatch) -> None:
    r = h.run(monkeypatch, "repair", stdin=f"{VISUAL}\nplain line\n{LOGICAL}\n".encode())
    assert (r.code, r.text) == (1, f"{LOGICAL}\nplain line\n{LOGICAL}\n")


def test_force_converts_every_line(monkeypatch: pytest.MonkeyPatch) -> None:
    r = h.run(monkeypatch, "repair", "--force", stdin=f"{LOGICAL}\n".encode())
    assert (r.code, r.text) == (1, f"{VISUAL}\n")


def test_repair_decides_as_the_safe_profile_does(monkeypatch: pytest.MonkeyPatch) -> None:
    import mixscript

    text = f"{VISUAL}\n{LOGICAL}\n"
    r = h.run(monkeypatch, "repair", stdin=text.encode())
    assert r.text == mixscript.normalize(text, "safe")


def test_logical_lines_in_presentation_forms_are_unshaped(monkeypatch: pytest.MonkeyPatch) -> None:
    # السلام in logical order, drawn in forms (ALEF ISOLATED, LAM INITIAL,
    # SEEN MEDIAL, LAM WITH ALEF FINAL, MEEM ISOLATED), as pypdf extracts it.
    forms = "\ufe8d\ufedf\ufeb4\ufefc\ufee1 \u0627\ufbfe\ufee6\n"
    r = h.run(monkeypatch, "repair", stdin=forms.encode())
    assert (r.code, r.text) == (1, "السلام این\n")
    r = h.run(monkeypatch, "repair", "--keep-forms", stdin=forms.encode())
    assert (r.code, r.text) == (0, forms)
