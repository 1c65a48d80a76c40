"""Cleaning keeps the article's title and body and drops what a news page puts around them."""

from extraction.clean import kept_spans

BODY = (
    "استنفرت القوات الأمريكية المتمركزة في قاعدة خراب الجير بريف الحسكة، صباح اليوم، عقب سقوط قذيفتين "
    "بالقرب من محيط القاعدة، دون ورود معلومات عن خسائر."
)


def _kept(text):
    return [text[start:end] for start, end in kept_spans(text)]


def test_buttons_credits_counters_and_bylines_are_dropped():
    text = "\n".join(
        [
            "مقتل شاب برصاص مجهولين في الشحيل",
            "فيسبوك",
            "تويتر",
            "2024-05-10 14:30",
            "دير الزور - نورث برس",
            BODY,
            "1,234 مشاهدة",
            "تحرير: أحمد محمد",
        ]
    )
    assert _kept(text) == ["مقتل شاب برصاص مجهولين في الشحيل", BODY]


def test_a_tail_marker_ends_the_article():
    text = f"عنوان الخبر\n{BODY}\nاقرأ أيضاً:\nمقتل ثلاثة أشخاص في درعا\n{BODY}"
    assert _kept(text) == ["عنوان الخبر", BODY]


def test_a_long_paragraph_opening_with_a_dateline_is_body():
    """A dateline glued to the paragraph ("الحسكة-نورث برس:") leaves few words and a dash in the
    first characters of a long line; the line is still the article, not a byline."""
    paragraph = f"الحسكة-نورث برس: {BODY}"
    assert _kept(f"عنوان الخبر\n{paragraph}") == ["عنوان الخبر", paragraph]
