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
        "بسم الله الرحمن الرحيم قال",
        "بسم الله الرحمن الرحيم"[::-1],  # in visual order
        "He wrote Bismillah ir-Rahman ir-Rahim first.",
    ],
)
def test_a_text_with_a_formula_is_left_to_the_search(text: str) -> None:
    assert find_formulas(text)
    assert _core_spans(text, formula_screen()) is None


@pytest.mark.parametrize(
    "text",
    [
        "این کتاب را می\u200cخواهم",
        "قال الله تعالى في كتابه",  # a chain of a form, but no form
        "plain English text",
        "",
    ],
)
def test_a_text_the_screen_lets_through_or_not_is_tagged_as_with_its_formulas(text: str) -> None:
    found = _core_spans(text, formula_screen())
    if found is None:  # the screen could not rule a formula out
        assert not find_formulas(text)
        return
    assert found == _core_spans(text, _listed(text))


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
