"""The basmala and other formulas: every written form found once, with exact offsets; near-misses not."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from mixscript import _core
from mixscript.lang import formulas
from mixscript.lang.formulas import find_formulas, registry
from mixscript.unicode.chars import ARABIC_BLOCKS, FORMS_A, FORMS_B, in_ranges, ranges_class

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


# -- the screen that spares most texts the folding (formulas._screen, in the core) ---------------
#
# The screen was written in Python, as ``re`` searches and a fold, before it
# moved to the core.  That Python is kept here as the oracle: the core must
# let through every text it let through (a text it stopped would lose its
# formula), and lets through no other.


def _oracle_screens() -> tuple[re.Pattern[str], re.Pattern[str] | None]:
    """The presentation forms and ligatures, and the chains as one ``re`` trie."""
    lig = "".join(re.escape(ch) for ch in formulas._ligatures())
    shaped = re.compile(f"[{ranges_class((FORMS_A, FORMS_B))}{lig}]")
    variants: dict[str, set[str]] = {}
    for cp, to in formulas._UNIFY.items():
        variants.setdefault(str(to), set()).add(chr(cp))

    def letter(ch: str) -> str:
        return "[" + "".join(re.escape(c) for c in sorted({ch} | variants.get(ch, set()))) + "]"

    words = {
        max(reversed([w for w in formulas._fold_string(form).split(" ") if w]), key=len)
        for f in registry()
        for form in f.arabic
    }
    chains = sorted(words | {w[::-1] for w in words})
    return shaped, (re.compile(_oracle_trie(chains, letter)) if chains else None)


_ORACLE_FILLER = "(?:[^\\w\\s]|\u0640)*"


def _oracle_trie(words: list[str], letter: Callable[[str], str]) -> str:
    branches = []
    for first, group in itertools.groupby(words, key=lambda w: w[0]):
        rest = [w[1:] for w in group]
        head = letter(first)
        tails = [w for w in rest if w]
        if not tails:
            branches.append(head)
            continue
        tail = _ORACLE_FILLER + _oracle_trie(tails, letter)
        branches.append(head + (f"(?:{tail})?" if len(tails) < len(rest) else tail))
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def _oracle_screens_start_arabic() -> bool:
    starts = set(formulas._ligatures())
    for f in registry():
        for form in f.arabic:
            for word in formulas._fold_string(form).split(" "):
                if word:
                    starts.update((word[0], word[-1]))
    starts.update(chr(cp) for cp, to in formulas._UNIFY.items() if str(to) in starts)
    return all(in_ranges(ord(ch), ARABIC_BLOCKS) for ch in starts)


_NO_LATIN_BLOCKS = (
    (0x0600, 0x06FF),
    (0x0750, 0x077F),
    (0x08A0, 0x08FF),
    (0x2000, 0x206F),
    (0xFB50, 0xFDFF),
    (0xFE70, 0xFEFF),
)
_NON_ASCII_RUN = re.compile("([^\x00-\x7f][^\x00-\x7f ]*(?: +[^\x00-\x7f][^\x00-\x7f ]*)*)")


def _oracle_no_latin_runs() -> tuple[re.Pattern[str], re.Pattern[str]]:
    hashes, drops = [], [" "]
    for lo, hi in _NO_LATIN_BLOCKS:
        for cp in range(lo, hi + 1):
            out = formulas._latin_char(chr(cp))
            if out == "#":
                hashes.append(chr(cp))
            elif not out:
                drops.append(chr(cp))
    h = "".join(map(re.escape, hashes))
    d = "".join(map(re.escape, drops))
    return re.compile(f"[{h}][{h}{d}]*"), re.compile(f"[{d}]+")


def _oracle_screen_fold(text: str) -> str:
    if text.isascii():
        return text.translate(formulas._ASCII_FOLD)
    hashes, drops = _ORACLE_NO_LATIN_RUNS
    parts = _NON_ASCII_RUN.split(text)
    return "".join(
        formulas._LATIN_FOLD.fold(drops.sub("", hashes.sub("#", part)))
        if k % 2
        else part.translate(formulas._ASCII_FOLD)
        for k, part in enumerate(parts)
    )


_ORACLE_SCREENS = _oracle_screens()
_ORACLE_START_ARABIC = _oracle_screens_start_arabic()
_ORACLE_NO_LATIN_RUNS = _oracle_no_latin_runs()
_ORACLE_HAS_ARABIC = re.compile(f"[{ranges_class(ARABIC_BLOCKS)}]")


def _oracle(text: str) -> tuple[bool, bool]:
    """(searched in Arabic, searched in Latin), as find_formulas decided before the core did."""
    arabic = False
    first = _ORACLE_HAS_ARABIC.search(text)
    if first is not None:
        start = first.start() if _ORACLE_START_ARABIC else 0
        shaped, chains = _ORACLE_SCREENS
        arabic = shaped.search(text, start) is not None or (
            chains is not None and chains.search(text, start) is not None
        )
    latin = False
    if re.search("[A-Za-z]", text):
        screen = formulas._latin_screen()
        screened = _oracle_screen_fold(text) if screen is not None else ""
        latin = screen is None or any(all(lit in screened for lit in runs) for runs in screen)
    return arabic, latin


# Texts rich in what the screen judges: the formulas' letters and their
# variants, harakat, tatweel, joiners and bidi marks, presentation forms and
# ligatures, the letters and glue of transliterations, spaces and punctuation;
# and whole pieces of formulas (their words, reversed, in either fold), so
# that texts near the edge of passing are common.
_ARABIC_PIECES = sorted(
    {w for f in registry() for a in f.arabic for w in a.split(" ")}
    | {w[::-1] for f in registry() for a in f.arabic for w in a.split(" ")}
)
_LATIN_PIECES = sorted(
    {lit for runs in formulas._latin_screen() or () for lit in runs}
    | {"Bismillah", "ir-Rahman", "Raḥīm", "al-", "in shā’ Allāh", "ṣallā", "jalla", "ʿazza"}
)
_SCREEN_CHARS = sorted(
    set("".join(_ARABIC_PIECES))
    | {chr(cp) for cp in formulas._UNIFY}
    | set("\u064b\u064e\u0650\u0651\u0652\u0670\u0640\u200c\u200d\u200e\u200f\u061c")
    | set(PRESENTATION + "\ufefb\ufdf2\ufdfa\ufdfb\ufdfc\ufdfd\ufdfe\ufdff\ufe75\ufe80")
    | set("abhijlmnrsuwyzAEIBHRS\u0101\u1e25\u012b\u00e9\u00df\ufb01\u02bf\u02be\u0301")
    | set(" -'’`.,;:«»()!?0123456789_\u00a0\u2009\n")
)
_SCREEN_TEXTS = st.lists(
    st.sampled_from(_SCREEN_CHARS)
    | st.sampled_from(_ARABIC_PIECES)
    | st.sampled_from(_LATIN_PIECES)
    | st.characters(codec="utf-8"),
    max_size=24,
).map("".join)


@settings(max_examples=1000)
@given(_SCREEN_TEXTS)
def test_the_core_screen_lets_through_what_the_python_screen_did(text: str) -> None:
    assert formulas._passes(text) == _oracle(text)


@given(_SCREEN_TEXTS)
def test_the_screen_reversed_and_in_pieces(text: str) -> None:
    # A text in visual order is the same text reversed; a cut may split a chain.
    for part in (text[::-1], text[: len(text) // 2], text[len(text) // 2 :]):
        assert formulas._passes(part) == _oracle(part)


def _every_code_point_in_context(planes: range) -> None:
    """Each code point alone, inside a chain (between two letters of a chain
    word) and inside a required Latin literal, judged as the oracle did."""
    chain_word = "الله"  # the longest word of "إن شاء الله"
    screen = formulas._latin_screen()
    assert screen is not None
    literal = screen[0][0]
    latin_rest = " ".join(lit for lit in screen[0][1:])
    for cp in range(planes.start * 0x10000, planes.stop * 0x10000):
        ch = chr(cp)
        for text in (
            ch,
            chain_word[:2] + ch + chain_word[2:],
            f"{literal[:2]}{ch}{literal[2:]} {latin_rest}",
        ):
            assert formulas._passes(text) == _oracle(text), (hex(cp), text)


def test_every_code_point_of_the_bmp_in_context() -> None:
    _every_code_point_in_context(range(0, 1))


@pytest.mark.slow
def test_every_code_point_beyond_the_bmp_in_context() -> None:
    _every_code_point_in_context(range(1, 17))


def test_lone_surrogates_are_screened_as_code_points() -> None:
    # A str that no UTF-8 can hold is read through UTF-32: a surrogate is filler.
    text = "ال\ud800له"
    assert formulas._passes(text) == _oracle(text) == (True, False)
    latin = "\udfffBismillah ir-Rahman ir-Rahim"
    assert formulas._passes(latin) == _oracle(latin) == (False, True)


def test_what_folds_to_nothing_is_never_space_nor_a_word_character() -> None:
    """The chains of the screen allow only non-word, non-space characters (and
    tatweel) between two letters: everything the fold drops must be such a
    character, or the screen could turn away a text holding a formula."""
    fold = formulas._fold_char.__wrapped__
    shaped = formulas._shaped()
    bad = []
    for cp in range(0x110000):
        ch = chr(cp)
        if 0xD800 <= cp <= 0xDFFF or shaped.match(ch):
            continue
        if fold(ch) == "" and not formulas._FILLER.match(ch):
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

    assert isinstance(seed, random.Random)
    chars = list(form)
    for mark in fill:
        chars.insert(seed.randrange(1, len(chars) + 1), mark)
    text = "".join(chars)
    text = f"متن {text[::-1] if reverse else text} متن"
    assert find_formulas(text) != []
    assert formulas._passes(text)[0]


def test_the_screen_turns_away_plain_prose() -> None:
    assert formulas._passes("این کتاب را می‌خواهم و آن را نمی‌خواهم") == (False, False)
    assert formulas._passes("یہ کتاب ہے") == (False, False)
    assert formulas._passes("The cat sat on the mat, and so on.") == (False, False)
    # A form's longest word is enough to pass: the full search decides.
    assert formulas._passes("الرحیم") == (True, False)
    assert formulas._passes("\ufdfd") == (True, False)
    # The letters every basmala transliteration holds, in any order, likewise.
    assert formulas._passes("rabbi m, n: la bism") == (False, True)


def test_forms_after_latin_text_pass() -> None:
    text = "He wrote, as letters do: " + PLAIN
    assert formulas._passes(text) == (True, False)
    assert [m.name for m in find_formulas(text)] == ["basmala"]
    assert [m.name for m in find_formulas("Text: \ufdfd")] == ["basmala"]


def test_the_screen_asks_for_each_block_once() -> None:
    """The core names the blocks it lacks; once given, a block is not asked for again."""
    screen = _core.FormulaScreen([["\u0627", "\u0644"]], None)
    assert screen.screen("a \u0627\u0644 \U0001f600") == [0, 6, 0x1F6]
    for block in (0, 6, 0x1F6):
        screen.add_block(block, *formulas._screen_block(block))
    assert screen.screen("a \u0627\u0644 \U0001f600") == (True, True)
    assert screen.screen("\u0644\u0627") == (False, False)
    with pytest.raises(ValueError, match="256 entries"):
        screen.add_block(1, b"", [], [])


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
    )
)
def test_each_folded_character_is_traced_to_the_character_it_came_from(text: str) -> None:
    # Some characters fold to nothing (harakat), some to several (ß, "ﬁ"):
    # the folded text, character by character, must be found at the source
    # the lookup names.
    table = formulas._LATIN_FOLD
    expected = [i for i, ch in enumerate(text) for _ in table[ord(ch)]]
    src = table.source_of(text)
    assert [src(p) for p in range(len(expected))] == expected


# -- the Arabic search, in the core, against the Python search it replaced -------------------------


def _oracle_fold(text: str) -> tuple[str, list[int]]:
    """The Arabic fold of ``text`` and the index of the character each folded one came from."""
    folded = [formulas._fold_char(ch) for ch in text]
    source = [i for i, f in enumerate(folded) for _ in f]
    return "".join(folded), source


def _oracle_pattern() -> regex.Pattern[str]:
    """One alternation of every Arabic form, the group name saying which formula matched."""
    arabic = []
    for k, f in enumerate(registry()):
        if f.arabic:
            alts = "|".join(
                " *".join(regex.escape(w) for w in formulas._fold_string(a).split(" ") if w)
                for a in f.arabic
            )
            arabic.append(f"(?P<f{k}>{alts})")
    return regex.compile(r"(?<!\w)(?:" + "|".join(arabic) + r")(?!\w)")


_ORACLE_PATTERN = _oracle_pattern()


def _oracle_extend_over_marks(text: str, end: int) -> int:
    while end < len(text) and (
        unicodedata.category(text[end]) == "Mn" or 0xFE70 <= ord(text[end]) <= 0xFE7F
    ):
        end += 1
    return end


def _oracle_arabic(text: str) -> list[tuple[int, int, int]]:
    """The Arabic forms the Python search found: in the fold, then in the fold of the
    text reversed (visual order), each match taking the marks after its last letter."""
    found = []
    n = len(text)
    for reverse in (False, True):
        t = text[::-1] if reverse else text
        folded, source = _oracle_fold(t)
        for m in _ORACLE_PATTERN.finditer(folded):
            assert m.lastgroup is not None
            k = int(m.lastgroup[1:])
            start = source[m.start()]
            end = _oracle_extend_over_marks(t, source[m.end() - 1] + 1)
            found.append((n - end, n - start, k) if reverse else (start, end, k))
    return found


_FORM_PIECES = sorted(
    {form for f in registry() for form in f.arabic}
    | {form[::-1] for f in registry() for form in f.arabic}
    | set(BASMALA_ARABIC.values())
    | {w for f in registry() for form in f.arabic for w in form.split()}
)
_ODD_PIECES = [
    " ", "  ", "\t", "\n", "\u00a0", "\u064e", "\u0670", "\ufe70", "\u0640", "\u200c", "\u200f",
    "a", "_", "1", "\u0661", ".", "\u060c", "ی", "ك", "\ufdfd", "\ufdfa", "\ufdf2", "\ufefb",
    "\ud800", "\u0915", "\u0903",
]  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(
    st.lists(
        st.sampled_from(_FORM_PIECES) | st.sampled_from(_ODD_PIECES) | st.characters(),
        max_size=8,
    ).map("".join)
)
def test_the_core_finds_the_arabic_forms_the_python_search_found(text: str) -> None:
    arabic, latin = formulas._search(text)
    screened_arabic, screened_latin = formulas._passes(text)
    assert latin == screened_latin
    assert arabic == (_oracle_arabic(text) if screened_arabic else [])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A word character right before or after is no formula (\w of the fold).
        ("xبسم الله الرحمن الرحيم", []),
        ("بسم الله الرحمن الرحيم1", []),
        # Marks after the last letter belong to it; a tatweel does not.
        ("بسم الله الرحمن الرحيمِ،", [(0, 23, 0)]),
        ("بسم الله الرحمن الرحيمـ", [(0, 22, 0)]),
        # Visual order, found in the reversed text, at the text's offsets.
        ("x " + PLAIN[::-1], [(2, 24, 0)]),
        # The ligature is the whole formula, in either order.
        ("\ufdfd", [(0, 1, 0), (0, 1, 0)]),
    ],
)
def test_arabic_search_examples(text: str, expected: list[tuple[int, int, int]]) -> None:
    assert formulas._search(text) == (expected, False)
    assert _oracle_arabic(text) == expected
