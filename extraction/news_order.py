"""Which clusters are the article's news: none when the lead frames a tally or a plan; years-old events last."""

from __future__ import annotations

from datetime import date

from extraction.clusters import _Cluster
from extraction.dates import sentence_norm
from extraction.document import Document
from extraction.framing import ARTICLE_FRAMES, told_a_while_after


def _news_first(document: Document, clusters: list[_Cluster], published: date | None) -> list[_Cluster]:
    """The incidents in news order, without those that are not the article's news: none at all when the
    lead frames the article as a tally, an anniversary, a statement, a plan or an investigation and no
    incident is dated to the days of publication; and an event of years before (the massacre of 2013
    an anniversary piece recounts) is never the main one, nor alone an incident report."""
    lead = [f for f in document.sentences if f.is_title] + _first_of_body(document)
    recent = any(f.recent for cluster in clusters for f in cluster.sentences)
    if any(f.frame in ARTICLE_FRAMES for f in lead) and not recent:
        return []
    reference = _reference_year(document, published)
    current = [c for c in clusters if not _years_before(c, reference, published)]
    if not current:
        return []
    if all(c.trigger[0].earlier for c in clusters) and not any(
        f.events and not (f.earlier and (f.years or _long_after(f))) for f in lead
    ):
        return []  # a lead that reports nothing, and only what happened before it: no news of its own
    return current + [c for c in clusters if c not in current]


def _first_of_body(document: Document) -> list:
    """The body's first sentence, and the next one too when the first is a standfirst: a short line
    of its own, with no full stop, that tells no event ("وفد الأمم المتحدة كان شاهدا على دفن الضحايا"
    under a headline, before "توافق اليوم الذكرى التاسعة لمجزرة الحولة")."""
    body = [f for f in document.sentences if not f.is_title]
    if len(body) > 1 and _standfirst(body[0], body[1]):
        return body[:2]
    return body[:1]


def _standfirst(first, following) -> bool:
    tokens = first.tokens
    return (
        not first.events
        and len(tokens) <= 12
        and tokens[-1].norm not in {".", "!", "؟", "،", ":"}
        and following.sentence.paragraph != first.sentence.paragraph
    )


def _long_after(facts) -> bool:
    """The lead is told from days or more after the events it names ("بعد أشهر على استعادة …")."""
    return told_a_while_after(facts.sentence, sentence_norm(facts.tokens))


OLD_AFTER_YEARS = 2  # an event dated two calendar years before the news is history, not news


def _reference_year(document: Document, published: date | None) -> int | None:
    """The year of the news: the publication's, else the latest year the article names."""
    if published is not None:
        return published.year
    years = [year for f in document.sentences for _, year in f.years]
    return max(years) if years else None


def _years_before(cluster: _Cluster, reference: int | None, published: date | None) -> bool:
    """The incident is dated years before the news: its day resolves a year or more before
    publication, or its report names a year at least two before the news' year right after the
    trigger ("… المجزرة التي ارتكبتها في آب عام 2013", "اتفاق فصل القوات الموقع عام 1974")."""
    facts, event = cluster.trigger
    if published is not None and facts.date is not None and (published - facts.date.day).days > 365:
        return True
    if reference is None:
        return False
    return any(
        year <= reference - OLD_AFTER_YEARS and event.start <= i <= event.end + 8 for i, year in facts.years
    )
