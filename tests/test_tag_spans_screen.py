"""What the core's ``tag_spans`` does with the candidates object and the formula screen.

The tagger hands the core its Arabic-script candidates as an object made once
per candidate list, and the formula search's screen in place of the formulas:
the core tags a text the screen finds no formula in without any, and answers
None for another, which the caller then searches.  Whatever the path, the
spans must be those of the formulas found by :func:`find_formulas`.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mixscript import _core
from mixscript.lang import tagger
from mixscript.lang.formulas import find_formulas, formula_screen


def test_candidates_keep_the_known_codes_in_order() -> None:
    # Repeats are kept as given: the letter guess counts each candidate once.
    found = _core.ArabicCandidates(["en", "fa", "xx", "ur", "fa", "ckb"]).codes
    assert found == ("fa", "ur", "fa", "ckb")
    assert _core.ArabicCandidates([]).codes == ()


def test_the_plan_is_made_once_per_candidate_list() -> None:
    first = tagger._plan(("fa", "en"))
    assert first[0].codes == ("fa",)
    assert first[1] is False  # one Latin candidate
    assert tagger._plan(("fa", "en"))[0] is first[0]


def _backends() -> tuple[object, ...]:
    return (
        lambda text, codes: {},
        lambda text, codes: {},
        lambda text, codes: {},
        tagger._lingua_guess,
        tagger._stretch,
        tagger._direction,
    )


def _core_spans(text: str, formulas: object) -> list[tagger.Span] | None:
    cands = tagger._normalise_candidates(("fa", "ar", "ur"))
    return _core.tag_spans(text, formulas, cands, tagger._plan(cands), _backends(), 0.4)  # type: ignore[arg-type]


def _listed(text: str) -> list[tuple[int, int, str, str, str]]:
    return [(m.start, m.end, m.script, m.lang, m.kind) for m in find_formulas(text)]


@pytest.mark.parametrize(
    "text",
    [
        "\ufdfd این کتاب را می\u200cخواهم",
        "Bismillah \ufdfd",  # Latin letters, but not those of any pattern
        "The house is big.",
        "بسم الله الرحمن الرحيم قال",
        "بسم الله الرحمن الرحيم"[::-1],  # in visual order
        "بسم الله الرحمن الرحيم ﷽ صلى الله عليه وسلم",
        "این کتاب را می\u200cخواهم",
        "قال الله تعالى في كتابه",  # a chain of a form, but no form
        "",
    ],
)
def test_the_core_finds_the_arabic_formulas_as_the_search_does(text: str) -> None:
    # The search gives the screen the data of the text's blocks, as the
    # tagger's first call of a text with a new block does.
    expected = _core_spans(text, _listed(text))
    assert _core_spans(text, formula_screen()) == expected


@pytest.mark.parametrize(
    "text",
    ["He wrote Bismillah ir-Rahman ir-Rahim first.", "alhamdulillah \ufdfd", "Subhanahu wa ta'ala"],
)
def test_a_text_with_a_latin_search_to_make_is_left_to_the_search(text: str) -> None:
    find_formulas(text)  # the data of the text's blocks
    assert _core_spans(text, formula_screen()) is None


def _kept_oracle(spans: list[tuple[int, int]]) -> list[int]:
    """The rule as find_formulas applied it in Python before the core kept it."""
    order = sorted(range(len(spans)), key=lambda k: (spans[k][0], -(spans[k][1] - spans[k][0])))
    out: list[int] = []
    for k in order:
        if out and spans[k][0] < spans[out[-1]][1]:
            continue
        out.append(k)
    return out


@given(st.lists(st.tuples(st.integers(0, 12), st.integers(0, 6)), max_size=8))
def test_the_formulas_kept_are_those_the_python_kept(starts: list[tuple[int, int]]) -> None:
    spans = [(s, s + n) for s, n in starts]
    assert _core.formulas_kept(spans) == _kept_oracle(spans)


def test_a_screen_without_the_data_of_a_block_leaves_the_text_to_the_search() -> None:
    empty = _core.FormulaScreen([], None, [])
    assert _core_spans("این کتاب", empty) is None
    assert _core_spans("این کتاب", []) is not None


_PARTS = [
    "این کتاب",
    "الله",
    "بسم الله الرحمن الرحيم",
    "\ufdfd",
    "Bismillah",
    "ir-Rahman ir-Rahim",
    "the house",
    "\u0628\u0650\u0633\u0652\u0645\u0650",
    "\ufe8f\ufeb4\ufee2",
    "صلى الله عليه وسلم",
    "الحمد لله",
    " ",
    ". ",
    "\n",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PARTS), max_size=10).map("".join))
def test_tag_spans_gives_the_spans_of_the_formulas_found(text: str) -> None:
    formulas = _listed(text)
    expected = _core_spans(text, formulas)
    assert expected is not None
    with pytest.MonkeyPatch.context() as mp:
        for k, backend in enumerate(("log_probabilities", "confidences", "log_likelihoods")):
            module = (tagger.lang_fasttext, tagger.lang_lingua, tagger.lang_words)[k]
            mp.setattr(module, backend, lambda text, codes: {})
        found = tagger.tag_spans(text, languages=("fa", "ar", "ur"))
    assert found == expected
    spans = [(s[0], s[1]) for s in found if s[5] in ("basmala", "formula")]
    assert spans == [(f[0], f[1]) for f in formulas]
