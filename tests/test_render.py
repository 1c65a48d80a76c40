"""Every alert card Telegram would accept: HTML that parses, every value escaped, within 4,096 characters
(property tests with hostile values, checked by the emulator's own Telegram-like parser)."""

from __future__ import annotations

import re
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from alerts.render import (
    AlertMarks,
    date_text,
    incident_line,
    named_for,
    render_card,
    render_digest,
    tidy,
    visible_length,
)
from i18n.catalog import acled_label, text
from storage.incidents import IncidentRow, IncidentSource
from tests.auxil.emulator_markup import check_text

HOSTILE = st.lists(
    st.sampled_from(list("<>&\"'/ab ابتة\u202e\u200f\n😀") + ["<b>", "</a>", "&amp;", "<a href=x>"]),
    max_size=120,
).map("".join)
LINKS = st.one_of(
    st.none(), st.just("javascript:alert(1)"), st.text(max_size=60).map(lambda t: "https://example.org/" + t)
)


def row(name: str, quote: str, link: str | None, killed: int | None) -> IncidentRow:
    return IncidentRow(
        7, "Battles", "Armed clash", "2026-01-01", "2026-01-01", name, name, killed, None, True,
        (name, name[::-1]), name, link, {"event_type": {"sentence": quote}}, source_count=3,
    )  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(
    name=HOSTILE,
    quote=st.one_of(HOSTILE, st.text(min_size=5000, max_size=6000)),
    link=LINKS,
    outlets=st.lists(st.tuples(HOSTILE, LINKS), max_size=80),
    language=st.sampled_from(["ar", "en"]),
    marks=st.builds(AlertMarks, st.booleans(), st.booleans(), st.integers(0, 48)),
)
def test_every_card_parses_as_telegram_html_within_the_limit(name, quote, link, outlets, language, marks):
    sources = [IncidentSource(i, o, o, lnk, None, None, None, {}) for i, (o, lnk) in enumerate(outlets)]
    card = render_card(row(name, quote, link, 2), language, marks, sources)
    plain, _ = check_text(card.html, "HTML")  # raises as Telegram would answer 400
    assert plain.replace("\n", "") and visible_length(card.html) <= 4096
    check_text(card.plain, None)
    assert all(href.startswith(("http://", "https://")) for href in re.findall(r'href="([^"]*)"', card.html))


@settings(max_examples=50, deadline=None)
@given(names=st.lists(HOSTILE, min_size=1, max_size=300), language=st.sampled_from(["ar", "en"]))
def test_digests_parse_and_say_how_many_they_hold(names, language):
    pairs = [(row(n, "", None, None), i % 3 == 0) for i, n in enumerate(names)]
    card, used = render_digest(pairs, language, repeat=True)
    check_text(card.html, "HTML")
    assert 1 <= used <= len(names) and visible_length(card.html) <= 4096
    assert len(card.plain.splitlines()) == used + 2  # the repeat note, the head, one line each


@settings(max_examples=200, deadline=None)
@given(
    town=st.one_of(st.none(), HOSTILE),
    location=st.one_of(st.none(), HOSTILE),
    actors=st.lists(HOSTILE, max_size=5),
    english=st.lists(st.one_of(HOSTILE, st.just("Deir ez-Zor (Dayr az Zawr)")), max_size=5),
    town_en=st.one_of(st.none(), HOSTILE, st.just("Buqrus (Baqrus)")),
    language=st.sampled_from(["ar", "en"]),
)
def test_a_list_line_names_the_place_and_parties_as_the_card_does(
    town, location, actors, english, town_en, language
):
    base = replace(row("x", "", None, None), town=town, location=location, actors=tuple(actors))
    listed = replace(base, actors_en=tuple(english), town_en=town_en)
    shown = tidy(named_for(listed, language))  # what the card shows
    place = shown.town or text("card.unknown", language)
    if shown.location:
        place = f"{shown.location}، {place}" if language == "ar" else f"{shown.location}, {place}"
    line = f"#7 {date_text(shown, language)} · {acled_label('Armed clash', language)} · {place}"
    parties = " / ".join(shown.actors[:3])
    assert incident_line(listed, language) == (f"{line} · {parties}" if parties else line)
