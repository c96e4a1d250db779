"""The ``persian_affixes`` step: ZWNJ between a Persian word and its affix where a space was typed.

Expected outputs are written by hand from Persian orthography (the verbal
prefixes می/نمی, the plural ها and the superlative ترین are written attached
with a ZWNJ).  hazm's and parsivar's published examples are listed as facts,
each with whether we agree and, where we do not, why.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mixscript import PROFILES, Profile, explain, normalize

Z = "\u200c"
AFFIXES_ONLY = replace(PROFILES["safe"], name="safe+affixes", persian_affixes=True)
NO_AFFIXES = replace(PROFILES["clean"], name="clean-no-affixes", persian_affixes=False)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The four everyday cases: prefix, negative prefix, plural, superlative.
        ("می خواهم", f"می{Z}خواهم"),
        ("نمی دانم", f"نمی{Z}دانم"),
        ("کتاب ها", f"کتاب{Z}ها"),
        ("بزرگ ترین", f"بزرگ{Z}ترین"),
        # Inside sentences, with several spaces, with the plural's other forms.
        ("من هر روز به مدرسه می روم.", f"من هر روز به مدرسه می{Z}روم."),
        ("درخت  های بلند", f"درخت{Z}های بلند"),
        ("کتاب هایشان را آوردند", f"کتاب{Z}هایشان را آوردند"),
        ("تابستان هایی گرم", f"تابستان{Z}هایی گرم"),
        ("نمی توان گفت", f"نمی{Z}توان گفت"),
        # A word that holds a ZWNJ itself takes its suffix the same way.
        (f"کتاب{Z}خانه ها", f"کتاب{Z}خانه{Z}ها"),
        # After a letter that does not join, a ZWNJ would separate nothing.
        ("بندر ها", "بندرها"),
        ("کاراکتر های انفرادی", "کاراکترهای انفرادی"),
    ],
)
def test_affixes_are_joined(text: str, expected: str) -> None:
    assert normalize(text, AFFIXES_ONLY) == expected
    assert normalize(text, "clean") == expected


@pytest.mark.parametrize(
    "text",
    [
        # Words that merely begin with the letters, and words already joined.
        "میز و میوه",
        "میخ",
        f"می{Z}خواهم",
        "کتابها",
        # می as the month of May; a verb ending is needed after می.
        "ماه می سال جدید",
        "۱۵ می ۲۰۱۰",
        "می ناب",
        # Prepositions and pronouns take no plural; تر alone is also "wet".
        "به ها",
        "چشم تر",
        # A superlative never follows a plural: here ترین is a name.
        "مشاهدات ترین",
        # Function words spelled with Arabic yeh are still function words.
        "مي ها",
        # Latin text and a Latin word before ها are left alone.
        "AGV ها",
        "Les livres ha ha",
        # Arabic (ها is a particle) and Urdu (its own heh) are not Persian.
        "قال ها هو ذا",
        "یہ کتابیں ہیں اور وہ میں ہوں",
    ],
)
def test_nothing_else_is_touched(text: str) -> None:
    assert normalize(text, "clean") == normalize(text, NO_AFFIXES)
    assert normalize(text, AFFIXES_ONLY) == normalize(text, "safe")


def test_off_in_safe_on_in_clean() -> None:
    assert PROFILES["safe"].persian_affixes is False
    assert PROFILES["clean"].persian_affixes is True
    assert normalize("می خواهم", "safe") == "می خواهم"


def test_search_does_not_join() -> None:
    """search folds letters after the step, which can change whether a run reads as Persian."""
    assert PROFILES["search"].persian_affixes is False
    assert normalize("می ها", "search") == "مي ها"


def test_explain_names_the_step_and_points_at_the_space() -> None:
    n = explain("او می رود", "clean")
    assert [(c.start, c.end, c.replacement, c.rule) for c in n.changes] == [
        (5, 6, Z, "persian_affixes")
    ]


# hazm 0.10.0 (Normalizer docstrings) and parsivar 0.2.3.1 (README): their
# published input/output pairs, as facts about those tools.  ``agree`` says
# whether ``clean`` gives the same spacing of the affixes; where not, why.
PEER_VECTORS = [
    # (source, input, their output, agree, why we differ)
    ("hazm correct_spacing", "کاروان\u200c\u200cسرا", "کاروان\u200cسرا", True, ""),
    (
        "hazm correct_spacing",
        "جمعهها که کار نمی کنم مطالعه می کنم",
        f"جمعه{Z}ها که کار نمی{Z}کنم مطالعه می{Z}کنم",
        False,
        "a word already written joined is never split: that needs a lexicon"
        " (the same rule keeps میز and میوه safe)",
    ),
    (
        "hazm seperate_mi",
        "نمیدانم چه میگفت",
        f"نمی{Z}دانم چه می{Z}گفت",
        False,
        "joined می is never split without a verb lexicon (میخ, میدان, میز)",
    ),
    ("hazm seperate_mi", "میز", "میز", True, ""),
    ("hazm token_spacing", "کتاب ها", f"کتاب{Z}ها", True, ""),
    ("hazm token_spacing", "او می رود", f"او می{Z}رود", True, ""),
    ("hazm token_spacing", "ماه می سال جدید", "ماه می سال جدید", True, ""),
    (
        "hazm token_spacing",
        "اخلال گر",
        f"اخلال{Z}گر",
        False,
        "گر is also a word (short for اگر); suffixes that are words are left alone",
    ),
    (
        "hazm token_spacing",
        "زمین لرزه ای",
        f"زمین{Z}لرزه{Z}ای",
        False,
        "compounds need a lexicon; ای is also the vocative",
    ),
    (
        "hazm README normalize",
        "اصلاح نويسه ها و استفاده از نیم\u200cفاصله پردازش را آسان مي كند",
        f"اصلاح نویسه{Z}ها و استفاده از نیم{Z}فاصله پردازش را آسان می{Z}کند",
        True,
        "",
    ),
    (
        "parsivar README normalize",
        "این سمینار تا ۱۳ شهریور ادامه می یابد.",
        # parsivar also writes ASCII digits and spaces the full stop off;
        # the affix is what is compared here.
        f"این سمینار تا 13 شهریور ادامه می{Z}یابد .",
        True,
        "",
    ),
    (
        "parsivar space_correction",
        "بی کار",
        f"بی{Z}کار",
        False,
        "بی is also the preposition 'without' (بی تو)",
    ),
]


@pytest.mark.parametrize(
    ("source", "text", "theirs", "agree", "why"), PEER_VECTORS, ids=lambda v: str(v)[:20]
)
def test_peer_vectors(source: str, text: str, theirs: str, agree: bool, why: str) -> None:
    ours = normalize(text, "clean")
    if source.startswith("parsivar README"):
        # Compare the affix only: parsivar's digits and punctuation spacing are not ours.
        assert (f"می{Z}یابد" in ours) == (f"می{Z}یابد" in theirs) == agree
        return
    assert (ours == theirs) == agree, (ours, why)
    assert agree or why


_WORDS = st.sampled_from(
    [
        *("می", "نمی", "خواهم", "ها", "های", "ترین", "کتاب", "بندر", "بزرگ", "ماه", "میز"),
        *("سال", "به", "Hello", "ha", "AGV", "۱۵", "و", "رود", "هایشان", "قال", "هو", "ہیں"),
        f"می{Z}",
    ]
)
_SEPS = st.sampled_from([" ", "  ", Z, "\n", "، ", ". ", ""])
_TEXTS = st.lists(st.tuples(_WORDS, _SEPS), max_size=12).map(
    lambda pairs: "".join(w + s for w, s in pairs)
)


@pytest.mark.parametrize(
    "profile",
    [
        PROFILES["clean"],
        PROFILES["search"],
        AFFIXES_ONLY,
        replace(PROFILES["clean"], digits="persian"),
    ],
    ids=lambda p: p.name,
)
@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_TEXTS)
def test_idempotent_and_explained(profile: Profile, text: str) -> None:
    once = normalize(text, profile)
    assert normalize(once, profile) == once
    assert explain(text, profile).text == once


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(text=_TEXTS)
def test_only_spaces_between_arabic_letters_change(text: str) -> None:
    """Latin text untouched: with and without the step, the text differs only in spaces and ZWNJs."""
    on, off = normalize(text, "clean"), normalize(text, NO_AFFIXES)
    assert on.replace(" ", "").replace(Z, "") == off.replace(" ", "").replace(Z, "")
    assert on.count("\n") == off.count("\n")


def test_only_when_persian_is_a_candidate() -> None:
    assert normalize("می خواهم", "clean", languages=["ar", "en"]) == "می خواهم"
    assert normalize("می خواهم", "clean", languages=["fa", "en"]) == f"می{Z}خواهم"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("کتاب ها", True),  # a suffix after a space
        ("بزرگ   ترین", True),
        ("می  خواهم", True),  # the prefix, spaces, a word
        ("کتابها", False),  # nothing typed apart
        ("می‌خواهم", False),
        ("ها کتاب", False),  # a suffix with no space before it
        ("می 5", False),  # no word after the prefix
        ("میز", False),
        ("", False),
    ],
)
def test_affix_candidate(text: str, expected: bool) -> None:
    from mixscript.normalization.affixes import affix_candidate

    assert affix_candidate(text) is expected
