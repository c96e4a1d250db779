"""The basmala and other formulas: every written form found once, with exact offsets; near-misses not."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mixscript.lang import formulas
from mixscript.lang.formulas import find_formulas, registry

PLAIN = "بسم الله الرحمن الرحيم"
# Presentation forms as a PDF extractor emits them, written out code point by code point:
# beh initial, seen medial, meem final / alef, lam initial, lam medial, heh final / ...
PRESENTATION = (
    "\ufe91\ufeb4\ufee2 \ufe8d\ufedf\ufee0\ufeea "
    "\ufe8d\ufedf\ufeae\ufea3\ufee4\ufee6 \ufe8d\ufedf\ufeae\ufea3\ufef4\ufee2"
)
# The same, with the word Allah as the single ligature U+FDF2.
PRESENTATION_ALLAH = "\ufe91\ufeb4\ufee2 \ufdf2 \ufe8d\ufedf\ufeae\ufea3\ufee4\ufee6 \ufe8d\ufedf\ufeae\ufea3\ufef4\ufee2"

BASMALA_ARABIC = {
    "fully vowelled": "بِسْمِ اللَّهِ الرَّحْمَٰنِ الرَّحِيمِ",
    "vowelled, alef wasla": "بِسْمِ ٱللَّهِ ٱلرَّحْمَٰنِ ٱلرَّحِيمِ",
    "partly vowelled": "بِسمِ الله الرَّحمن الرحيم",
    "no harakat": PLAIN,
    "Persian yeh": "بسم الله الرحمن الرحیم",
    "Urdu heh and yeh": "بسم اللہ الرحمٰن الرحیم",
    "spelled rahman with alef": "بسم الله الرحمان الرحيم",
    "tatweel": "بســم الله الرحمـــن الرحيــم",
    "double spaces": "بسم  الله  الرحمن  الرحيم",
    "single character U+FDFD": "\ufdfd",
    "presentation forms": PRESENTATION,
    "presentation forms, Allah ligature": PRESENTATION_ALLAH,
    "visual order, letters": PLAIN[::-1],
    "visual order, presentation forms": PRESENTATION[::-1],
}
BASMALA_LATIN = {
    "hyphenated": "Bismillah ir-Rahman ir-Rahim",
    "scholarly": "Bismillāh al-Raḥmān al-Raḥīm",
    "one word": "Bismillahirrahmanirrahim",
    "elided": "Bismi llāhi r-raḥmāni r-raḥīm",
    "spaced": "Bismillah hir Rahman nir Raheem",
    "ar- article": "Bismillah ar-Rahman ar-Rahim",
}


def test_presentation_fixture_is_the_basmala() -> None:
    # Independent check of the hand-written fixture: NFKC turns it into the plain words.
    assert unicodedata.normalize("NFKC", PRESENTATION) == PLAIN
    assert unicodedata.normalize("NFKC", PRESENTATION_ALLAH) == PLAIN


@pytest.mark.parametrize("form", BASMALA_ARABIC.values(), ids=list(BASMALA_ARABIC))
@pytest.mark.parametrize("before,after", [("", ""), ("Text: ", " و ادامه."), ("«", "»\n")])
def test_arabic_basmala_found_once_with_exact_offsets(form: str, before: str, after: str) -> None:
    text = before + form + after
    matches = find_formulas(text)
    assert len(matches) == 1
    m = matches[0]
    assert (m.start, m.end) == (len(before), len(before) + len(form))
    assert (m.name, m.kind, m.lang, m.script) == ("basmala", "basmala", "ar", "Arab")


@pytest.mark.parametrize("form", BASMALA_LATIN.values(), ids=list(BASMALA_LATIN))
def test_latin_basmala_found_once_with_exact_offsets(form: str) -> None:
    text = f"He began: {form}. Then he spoke."
    matches = find_formulas(text)
    assert [(m.start, m.end, m.name, m.script) for m in matches] == [
        (10, 10 + len(form), "basmala", "Latn")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "بسم",
        "الله",
        "بسم الله",  # the short form is not the basmala
        "بسم الله الرحمن",
        "هذا هو الرحمن الرحيم بعباده",
        "وبسم الله الرحمن الرحيمية",  # letters glued on both sides
        "\ufdf2",
        "Bismillah",
        "bismuth and rahim",
        "Allah",
    ],
)
def test_near_misses_are_not_a_basmala(text: str) -> None:
    assert [m for m in find_formulas(text) if m.kind == "basmala"] == []


@pytest.mark.parametrize(
    "text,name",
    [
        ("\ufdfa", "salawat"),
        ("صلى الله عليه وسلم", "salawat"),
        ("صَلَّى اللَّهُ عَلَيْهِ وَسَلَّمَ", "salawat"),
        ("\ufdfb", "jalla-jalaluhu"),
        ("جل جلاله", "jalla-jalaluhu"),
        ("إن شاء الله", "insha-allah"),
        ("إِنْ شَاءَ ٱللَّٰهُ", "insha-allah"),
        ("ان شاء الله", "insha-allah"),
        ("الحمد لله", "alhamdulillah"),
        ("اَلْحَمْدُ لِلَّٰهِ", "alhamdulillah"),
        ("Inshallah", "insha-allah"),
        ("in shā’ Allāh", "insha-allah"),
        ("Alhamdulillah", "alhamdulillah"),
        ("\ufdfe", "subhanahu-wa-taala"),
        ("\ufdff", "azza-wa-jall"),
    ],
)
def test_other_formulas(text: str, name: str) -> None:
    padded = f"x {text} y"
    matches = find_formulas(padded)
    assert [(m.start, m.end, m.name, m.kind) for m in matches] == [
        (2, 2 + len(text), name, "formula")
    ]


def test_several_formulas_in_order() -> None:
    text = "\ufdfd سلام. الحمد لله، إن شاء الله Bismillah ir-Rahman ir-Rahim"
    names = [(m.name, m.script) for m in find_formulas(text)]
    assert names == [
        ("basmala", "Arab"),
        ("alhamdulillah", "Arab"),
        ("insha-allah", "Arab"),
        ("basmala", "Latn"),
    ]


def test_every_registry_entry_is_found_from_its_data() -> None:
    """Adding a formula is a data change: each entry's forms and ligatures are found as it."""
    assert len(registry()) >= 7
    for formula in registry():
        assert formula.kind in ("basmala", "formula")
        for form in (*formula.arabic, *formula.ligatures):
            found = find_formulas(form)
            assert [(m.start, m.end, m.name) for m in found] == [(0, len(form), formula.name)]


ARABIC_LETTERS_AND_MARKS = st.sampled_from(list("ابتثجحخدذرزسشصضطظعغفقكلمنهوي "))


@given(
    left=st.text(alphabet=ARABIC_LETTERS_AND_MARKS | st.sampled_from(list("ab .,")), max_size=20),
    right=st.text(alphabet=ARABIC_LETTERS_AND_MARKS | st.sampled_from(list("ab .,")), max_size=20),
)
def test_basmala_between_arbitrary_words_keeps_offsets(left: str, right: str) -> None:
    text = f"{left} {PLAIN} {right}"
    matches = [m for m in find_formulas(text) if m.kind == "basmala"]
    start = len(left) + 1
    assert (start, start + len(PLAIN)) in [(m.start, m.end) for m in matches]


@given(st.text(max_size=60))
def test_matches_are_ordered_and_disjoint(text: str) -> None:
    matches = find_formulas(text)
    end = 0
    for m in matches:
        assert end <= m.start < m.end <= len(text)
        end = m.end


@pytest.mark.parametrize("ch", ["\ufdc8", "\ufdd0", "\ufefd", "\ufe75", "\ufdfc"])
def test_odd_code_points_in_the_presentation_blocks(ch: str) -> None:
    # Unassigned code points and noncharacters have no NFKC form to fold to,
    # and U+FDFC (rial sign) folds to a word that is no formula.
    assert find_formulas(f"{ch} {PLAIN} {ch}") != []
    assert find_formulas(ch) == []


# -- the screens that spare most texts the folding (formulas._screens) -------------------------


def test_what_folds_to_nothing_is_never_space_nor_a_word_character() -> None:
    """The chains of the screen allow only non-word, non-space characters (and
    tatweel) between two letters: everything the fold drops must be such a
    character, or the screen could turn away a text holding a formula."""
    from mixscript.lang import formulas

    fold = formulas._fold_char.__wrapped__
    shaped, _ = formulas._screens()
    bad = []
    for cp in range(0x110000):
        ch = chr(cp)
        if 0xD800 <= cp <= 0xDFFF or shaped.match(ch):
            continue
        if fold(ch) == "" and (ch.isspace() or ((ch.isalnum() or ch == "_") and ch != "\u0640")):
            bad.append(hex(cp))
    assert bad == []


@given(
    form=st.sampled_from(sorted({a for f in registry() for a in f.arabic})),
    fill=st.lists(
        st.sampled_from(["\u064e", "\u0651", "\u0640", "\u200c", "\u200f", "\u0670", ""])
    ),
    reverse=st.booleans(),
    seed=st.randoms(use_true_random=False),
)
def test_the_screen_lets_every_written_form_through(
    form: str, fill: list[str], reverse: bool, seed: object
) -> None:
    """Harakat, tatweel, joiners and marks scattered through a form, in either
    order: the full search finds it, and the screen must not stop it first."""
    import random

    from mixscript.lang import formulas

    assert isinstance(seed, random.Random)
    chars = list(form)
    for mark in fill:
        chars.insert(seed.randrange(1, len(chars) + 1), mark)
    text = "".join(chars)
    text = f"متن {text[::-1] if reverse else text} متن"
    assert find_formulas(text) != []
    assert formulas._may_hold_arabic(text)


def test_the_screen_turns_away_plain_prose() -> None:
    from mixscript.lang import formulas

    assert not formulas._may_hold_arabic("این کتاب را می‌خواهم و آن را نمی‌خواهم")
    assert not formulas._may_hold_arabic("یہ کتاب ہے")
    # A form's longest word is enough to pass: the full search decides.
    assert formulas._may_hold_arabic("الرحیم")
    assert formulas._may_hold_arabic("\ufdfd")


def test_the_screens_start_on_arabic_letters() -> None:
    """The formulas' letters and ligatures (U+FDFA..U+FDFD are in Presentation
    Forms-A) all lie in the Arabic blocks, so the screens may start at the
    text's first Arabic character, and a form after Latin text still passes."""
    from mixscript.lang import formulas

    assert formulas._screens_start_arabic()
    text = "He wrote, as letters do: " + PLAIN
    assert formulas._may_hold_arabic(text, text.index(PLAIN[0]))
    assert [m.name for m in find_formulas(text)] == ["basmala"]
    assert [m.name for m in find_formulas("Text: \ufdfd")] == ["basmala"]


def test_the_ascii_fold_table_follows_the_latin_rule() -> None:
    """Letters lower-cased, the transliteration glue dropped, anything else one '#'."""
    from mixscript.lang.formulas import _ASCII_FOLD

    glue = set(" -'`")
    for cp in range(128):
        ch = chr(cp)
        if ch.isalpha():
            expected: str | None = ch.lower()
        elif ch in glue:
            expected = None
        else:
            expected = "#"
        assert _ASCII_FOLD[cp] == expected, repr(ch)


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=30))
def test_the_latin_fold_in_stretches_is_the_fold_character_by_character(text: str) -> None:
    from mixscript.lang.formulas import _LATIN_FOLD, _latin_fold

    assert _latin_fold(text) == "".join(_LATIN_FOLD[ord(ch)] for ch in text)


def test_required_letters_of_the_latin_patterns() -> None:
    """The stretches of plain letters every match holds, read off the patterns by hand."""
    from mixscript.lang.formulas import _required_literals

    assert _required_literals("in(?:sh|ch)a{1,2}(?:a?l)?lah") == ("lah", "in")
    assert _required_literals("(?:a|e)lh?amd(?:u|o)?l(?:i|e)ll?ah") == ("amd", "ah", "l")
    assert _required_literals("sall?(?:a|e)") == ("sal",)
    assert _required_literals("(?:a|b)c?") is None  # nothing is certain
    assert _required_literals("ab?c+de") == ("de", "a", "c")
    assert _required_literals("x[a-z]yz|w") is None  # an alternative at the top
    assert _required_literals("(?i)bism") is None  # an inline flag
    assert _required_literals("bi\\sm") is None  # an escape


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("We said In-sha-Allah and left.", "insha-allah"),
        ("ﬁrst, Alhamdulillah.", "alhamdulillah"),  # a ligature before it
        ("Then “Bismillāh al-Raḥmān al-Raḥīm” was read.", "basmala"),
    ],
)
def test_latin_formulas_pass_the_letter_screen(text: str, name: str) -> None:
    assert [m.name for m in find_formulas(text)] == [name]


@given(
    st.text(
        alphabet=st.sampled_from(
            ["a", " ", "\u0644", "\u0647", "\u0640", "\u064e", "\ufdfd", "\ufefb", "\ufb50", "ß"]
        )
        | st.characters(codec="utf-8"),
        max_size=30,
    ),
    st.sampled_from(["arabic", "latin"]),
)
def test_each_folded_character_is_traced_to_the_character_it_came_from(
    text: str, which: str
) -> None:
    # Some characters fold to nothing (tatweel, harakat), some to several
    # (U+FDFD, lam-alef, ß): the folded text, character by character, must
    # be found at the source the lookup names.
    table = formulas._ARABIC_FOLD if which == "arabic" else formulas._LATIN_FOLD
    expected = [i for i, ch in enumerate(text) for _ in table[ord(ch)]]
    src = table.source_of(text)
    assert [src(p) for p in range(len(expected))] == expected
