"""Removing what is not the article: share buttons, bylines, credits, related-article lists, counters.

Cleaning keeps offsets: it returns the spans of the original text worth reading, so evidence quoted later
points into the text as published.
"""

from __future__ import annotations

import re

from extraction.normalize import keyset, normalize_words

# A line that is only a share button or a label.
_BUTTON_LINES = keyset(
    "facebook",
    "twitter",
    "whatsapp",
    "telegram",
    "email",
    "print",
    "linkedin",
    "pinterest",
    "messenger",
    "x",
    "فيسبوك",
    "فيس بوك",
    "تويتر",
    "واتساب",
    "واتس اب",
    "تلغرام",
    "تليجرام",
    "مشاركه",
    "شارك",
    "share",
    "طباعه",
    "اخبار",
    "اخبار محليه",
    "تقارير",
    "خاص",
    "عاجل",
    "الرئيسيه",
    "english",
    "sy24",
    "tweet",
)
# Everything after these is a list of other articles, comments or a footer.
_TAIL_MARKERS_RE = re.compile(
    r"^(اقرا ايضا|اقرا المزيد|اخبار ذات صله|مواضيع ذات صله|مقالات ذات صله|قد يعجبك ايضا|"
    r"related|read more|you may also like|this post is also available in|english version|"
    r"التعليقات|اترك تعليقا|اضف تعليق|شاهد ايضا)"
)
# Credit and byline lines: "إعداد: … تحرير: …", "خاص - SY24", "دير الزور- نورث برس".
_CREDIT_RE = re.compile(r"^(اعداد|تحرير|تصوير|المصدر|ترجمه|متابعات|مراسل)\s*:")
_COUNTER_RE = re.compile(r"^[\d,.\s]+(مشاهده|مشاهدات|views?|قراءه|تعليق|comments?)?$")
_DATE_LINE_RE = re.compile(
    r"^(\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2})([ t]\d{1,2}:\d{2}(:\d{2})?)?\s*(ص|م|am|pm)?$"
)
_DASH_RE = re.compile(r"\s*[-–—ـ]\s*")


def kept_spans(text: str) -> list[tuple[int, int]]:
    """Spans (start, end) of the lines that belong to the article body or title."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for raw_line in text.splitlines(keepends=True):
        start, end = offset, offset + len(raw_line.rstrip("\r\n"))
        offset += len(raw_line)
        if raw_line.isspace():
            continue  # a blank line normalises to nothing
        # Boilerplate lines are short: a long line is only a tail marker ("اقرأ أيضاً") or a credit
        # ("تحرير:") at its start, so only its start is read.
        whole = end - start <= 120
        line = normalize_words(text[start : end if whole else start + 40])
        if not line:
            continue
        if _TAIL_MARKERS_RE.match(line) and spans:
            break
        if _CREDIT_RE.match(line) or (whole and _is_boilerplate(line)):
            continue
        spans.append((start, end))
    return spans


def _is_boilerplate(line: str) -> bool:
    """A whole short line that is a button, a counter, a date, or a byline or dateline."""
    if line.strip(" :|•") in _BUTTON_LINES:
        return True
    if _COUNTER_RE.match(line) or _DATE_LINE_RE.match(line):
        return True
    # A short line split by a dash with no sentence in it is a byline or a dateline.
    return len(line.split()) <= 5 and bool(_DASH_RE.search(line)) and not line.endswith((".", "،"))
