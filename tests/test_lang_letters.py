"""The letter guess and its softmax, made in the compiled core, against their Python definitions.

The guess used to be computed in Python from the core's scans; the oracles
below are that Python (a plain softmax, and the guess built from the
scans), so the core must give the same answers and the same bits.
"""

from __future__ import annotations

import json
import math
import struct
import types
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mixscript import _core
from mixscript.bidi.display import shape
from mixscript.lang import letters as lang_letters
from mixscript.unicode.shaping import unshape

SAMPLES = json.loads((Path(__file__).parent / "data" / "lang_samples.json").read_text("utf-8"))
LANGS = lang_letters.ARABIC_SCRIPT_LANGUAGES
CANDIDATES: list[tuple[str, ...] | None] = [
    None,
    ("ar", "fa", "ur"),
    ("fa",),
    ("ur",),
    ("ur", "pnb", "skr", "ks"),
    ("ps", "fa", "ar", "fa"),
    ("en", "ms"),
    tuple(reversed(LANGS)),
]


def plain_softmax(scores: Mapping[str, float]) -> dict[str, float]:
    """The straightforward softmax: exp of each score minus the largest, summed left to right."""
    top = max(scores.values())
    exp = {k: math.exp(v - top) for k, v in scores.items()}
    z = 0.0
    for v in exp.values():
        z += v
    return {k: v / z for k, v in exp.items()}


def python_guess(
    text: str, candidates: Iterable[str] | None
) -> tuple[str, float, dict[str, float], dict[str, float]]:
    """The guess as the Python module made it from the core's scans."""
    langs = [c for c in (candidates or LANGS) if c in lang_letters.PRIOR] or list(LANGS)
    plain = unshape(text)
    if _core.letter_count(plain) < 2 and not _core.lone_function_word(plain):
        return "und", 0.0, {}, {}
    every = dict(zip(LANGS, _core.letter_scores(plain), strict=True))
    picked = {k: every[k] for k in langs}
    probs = plain_softmax(picked)
    best = max(probs, key=probs.__getitem__)
    bad = _core.foreign_letters(plain, best)
    if bad >= 2 and bad >= 0.1 * _core.arabic_script_letters(plain):
        return "und", 0.0, picked, probs
    return best, probs[best], picked, probs


def bits(values: Mapping[str, float]) -> list[tuple[str, bytes]]:
    """Keys in order with the exact bits of each value."""
    return [(k, struct.pack("<d", v)) for k, v in values.items()]


def same_guess(text: str, candidates: tuple[str, ...] | None) -> None:
    lang, confidence, scores, probs = python_guess(text, candidates)
    g = lang_letters.guess(text, candidates)
    assert (g.lang, struct.pack("<d", g.confidence)) == (lang, struct.pack("<d", confidence))
    assert bits(g.scores) == bits(scores)
    assert bits(g.probs) == bits(probs)
    assert g.plain == unshape(text)


SENTENCES = [s for code in ("ar", "fa", "ur", "ps", "ckb", "sd", "ug") for s in SAMPLES[code]]


@pytest.mark.parametrize("candidates", CANDIDATES)
def test_probabilities_are_the_softmax_of_the_scores_bit_for_bit(
    candidates: tuple[str, ...] | None,
) -> None:
    for sentence in SENTENCES:
        g = lang_letters.guess(sentence, candidates)
        assert bits(g.probs) == bits(plain_softmax(g.scores))
        if g.lang != "und":
            assert g.confidence == g.probs[g.lang] == max(g.probs.values())


@pytest.mark.parametrize("candidates", CANDIDATES)
def test_the_guess_is_the_python_guess(candidates: tuple[str, ...] | None) -> None:
    for sentence in SENTENCES:
        same_guess(sentence, candidates)
        # Urdu and Persian letters only: foreign to every Arabic candidate.
        same_guess(sentence + " یہ ہے گچ", candidates)


# Letters of every alphabet, harakat, ZWNJ, spaces, presentation forms (lam-alef,
# the spacing fatha), a letter no language here writes (ݜ) and Latin.
_ALPHABET = "ابتدرسکكیيىہےںٹپچژگڭۇەڵښځډټڠڤٻڄڪۄءآةه\u064e\u0651\u200c  \ufefb\ufe76\ufedb\ufe8fݜa"


@given(
    st.text(alphabet=_ALPHABET, max_size=30),
    st.lists(st.sampled_from([*LANGS, "en"]), max_size=5),
)
def test_the_guess_is_the_python_guess_on_any_text(text: str, candidates: list[str]) -> None:
    same_guess(text, tuple(candidates))


_SCORES = st.floats(allow_nan=False, allow_infinity=False) | st.floats(-40.0, 10.0)


@given(st.dictionaries(st.sampled_from(LANGS), _SCORES, min_size=1, max_size=12))
def test_softmax_gives_the_bits_of_the_plain_softmax(scores: dict[str, float]) -> None:
    assert bits(lang_letters.softmax(scores)) == bits(plain_softmax(scores))


def test_softmax_takes_any_mapping_and_refuses_nothing_to_weigh() -> None:
    proxy = types.MappingProxyType({"fa": 0.0, "ur": math.log(3.0)})
    assert bits(lang_letters.softmax(proxy)) == bits(plain_softmax(proxy))
    assert lang_letters.softmax({"fa": 2.0, "ar": 2.0}) == {"fa": 0.5, "ar": 0.5}
    with pytest.raises(ValueError):
        lang_letters.softmax({})


def test_every_function_reads_shaped_text_as_its_letters() -> None:
    """A sentence drawn in presentation forms (the display shaper's, lam-alef and ALLAH
    ligatures included) scores, counts and guesses as the sentence it was drawn from."""
    for sentence in SENTENCES:
        drawn = shape(sentence)
        assert drawn != sentence
        g, expected = lang_letters.guess(drawn), lang_letters.guess(sentence)
        assert (g.lang, g.scores, g.plain) == (expected.lang, expected.scores, sentence)
        for f in (lang_letters.scores, lang_letters.priors, lang_letters.letter_count):
            assert f(drawn) == f(sentence)
        assert lang_letters.foreign_letters(drawn, "ar") == lang_letters.foreign_letters(
            sentence, "ar"
        )
    # Without presentation forms the text is read as it is.
    text = "این کتاب را می\u200cخواهم"
    assert lang_letters.guess(text).plain is text


def test_candidates_in_any_iterable() -> None:
    text = "یہ کتاب ہے"
    assert lang_letters.guess(text, iter(["fa", "ur"])).scores.keys() == {"fa", "ur"}
    assert lang_letters.guess(text, "xx").scores.keys() == set(LANGS)
    assert lang_letters.guess(text, ["fa"]).lang == "und"  # ہ ہ ے: not Persian
