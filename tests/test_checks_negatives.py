"""Prose that ``check`` must leave alone: Persian, Urdu, Arabic and Pashto, written for this suite.

Every line uses what these languages need and what naive scanners flag:
ZWNJ between letters (written ``|`` below and replaced by U+200C), ZWJ
(written ``+``) in the Persian abbreviation of the hijri year and in emoji
sequences, the Arabic comma, semicolon and question mark, the Urdu full stop,
guillemets, harakat, tatweel, Arabic-Indic and Extended Arabic-Indic digits,
RLM after a number, one-letter Arabic proclitics on a Latin name, and Latin
words next to Arabic-script ones.
"""

from __future__ import annotations

import pytest

from mixscript.checks.scan import check

ZWNJ, ZWJ, RLM = "\N{ZERO WIDTH NON-JOINER}", "\N{ZERO WIDTH JOINER}", "\N{RIGHT-TO-LEFT MARK}"

PERSIAN = [
    "من می|خواهم این کتاب را تا پایان هفته بخوانم.",
    "آن|ها دیروز به کتاب|خانه|ی دانشگاه رفتند، اما در بسته بود.",
    "آیا شما هم فکر می|کنید که هوا سردتر شده است؟",
    "قیمت بلیت قطار تهران به مشهد ۴۵۰٬۰۰۰ تومان است؛ بلیت هواپیما گران|تر است.",
    "بچه|ها در حیاط مدرسه بازی می|کردند و معلم|ها نگاه|شان می|کردند.",
    "این نامه در سال ۱۴۰۲ نوشته شده و ۳ صفحه دارد.",
    "لطفاً فایل|های PDF را تا ساعت ۱۰ صبح بفرستید.",
    "نسخه|ی جدید Firefox سریع|تر از نسخه|ی قبلی است.",
    "او گفت: «فردا دوباره می|آیم.»",
    "این بنا در سال ۷۹۳ ه+.ق بازسازی شد.",
    "خانه|مان نزدیک ایستگاه مترو است و تا محل کارم ده دقیقه راه است.",
    "کتاب|هایی که خریده|ام هنوز روی میز مانده|اند.",
    "شما این|جا چه می|کنید؟ من دنبال دوستم می|گردم.",
    "آزمایش|ها نشان داد که دمای آب به ۲۵ درجه رسیده است.",
    "هم|اکنون ساعت ۸:۳۰ است و جلسه ساعت ۹ شروع می|شود.",
    "دوستم برایم نوشت: «خیلی خوشحالم 😊» و یک قلب ❤\ufe0f فرستاد.",
    "خانواده|ی ما 👨+👩+👧 سه نفر است.",
    "گزارش|های API را هر روز بررسی می|کنیم.",
    "برنامه|نویس|ها باید کد را پیش از انتشار آزمایش کنند.",
    "در این شهر ۱۲٪ جمعیت زیر ده سال دارند.",
]
URDU = [
    "میں کل صبح لاہور جا رہا ہوں۔",
    "کیا آپ نے آج کا اخبار پڑھا؟",
    "بچوں نے امتحان میں اچھے نمبر حاصل کیے، اور استاد بہت خوش ہوئے۔",
    "اس کتاب کی قیمت ۵۰۰ روپے ہے؛ لیکن طلبہ کو رعایت ملتی ہے۔",
    "بے|روزگاری ایک بڑا مسئلہ ہے۔",
    "ہم نے ۲۰۲۳ میں نیا گھر خریدا۔",
    "وہ ہر روز شام کو پارک میں سیر کرتے ہیں۔",
    "براہِ کرم اپنا email پتہ یہاں لکھیں۔",
    "کراچی پاکستان کا سب سے بڑا شہر ہے، جس کی آبادی دو کروڑ سے زیادہ ہے۔",
    "ڈاکٹر نے کہا: «آرام کریں اور پانی زیادہ پئیں۔»",
    "کیا یہ ٹرین وقت پر پہنچے گی؟",
    "بے|شک آپ درست کہتے ہیں۔",
    "ہمارے دفتر میں ۱۵ لوگ کام کرتے ہیں۔",
]
ARABIC = [
    "ذهبتُ إلى السوق صباحًا، واشتريتُ خبزًا وحليبًا.",
    "هل قرأتَ الرسالة التي أرسلتُها أمس؟",
    "عدد الطلاب في الصف ٢٥ طالبًا؛ منهم ١٢ طالبة.",
    "قال المعلم: «الامتحان يوم الأحد القادم».",
    "يعمل أخي مهندسًا في شركة Siemens منذ عام ٢٠١٨.",
    "وGoogle أيضًا أعلنت عن نسخة جديدة من متصفحها.",
    "بِسْمِ اللَّهِ الرَّحْمَٰنِ الرَّحِيمِ",
    "الطقس اليوم حار جدًا، ودرجة الحرارة ٤٢ درجة مئوية.",
    "أين تقع أقرب صيدلية؟",
    "كتبَ الطالبُ الدرسَ في دفترِه.",
    "تأسست المدينة في القرن السابع الميلادي.",
    "سعر الكيلو ٣٫٥ دينار.",
    f"العنوان: شارع الملك فهد، رقم ١٥{RLM}.",
    "The meeting (الاجتماع) starts at 10 am، إن شاء الله.",
    "الحمـــد لله على كل حال.",
]
PASHTO = [
    "زه په کابل کې اوسېږم.",
    "ته نن ښوونځي ته ځې؟",
]


def _expand(line: str) -> str:
    return line.replace("|", ZWNJ).replace("+", ZWJ)


CORPUS = [_expand(s) for s in PERSIAN + URDU + ARABIC + PASHTO]


def test_corpus_has_what_it_is_meant_to_test() -> None:
    """The corpus is only a negative test if it really holds the tricky characters."""
    text = "\n".join(CORPUS)
    assert len(CORPUS) >= 45
    assert text.count(ZWNJ) >= 30
    assert text.count(ZWJ) >= 3
    for ch in "،؛؟۔«»ـ٫٬":
        assert ch in text, ch
    assert any("\u0660" <= ch <= "\u0669" for ch in text)
    assert any("\u06f0" <= ch <= "\u06f9" for ch in text)


@pytest.mark.parametrize("line", CORPUS)
def test_no_finding_on_a_line(line: str) -> None:
    assert check(line) == []


def test_no_finding_on_the_whole_corpus() -> None:
    assert check("\n".join(CORPUS) + "\n") == []


@pytest.mark.parametrize("line", [s for s in CORPUS if RLM not in s])
def test_no_finding_inside_a_string_literal_of_a_source_file(line: str) -> None:
    source = f'MESSAGE = "{line}"  # {line}\n'
    assert check(source, path="messages.py") == []


def test_the_same_prose_with_planted_defects_is_flagged() -> None:
    """A control: the corpus passes because the checks are selective, not because they are off."""
    planted = CORPUS[0] + " \N{ZERO WIDTH NON-JOINER}x" + "\u200b"
    codes = [f.code for f in check(planted)]
    assert codes == ["MS208", "MS201"]
