"""The five seed articles, extracted as the analysts annotated them (tests/corpus/seeds).

Each annotated incident is one case: event type and sub-type, town, casualties and every party must
come out, in the annotated order.
"""

import json

import pytest

from extraction.incidents import extract_incidents
from extraction.normalize import entity_key
from tests.conftest import TESTS_DIR, corpus_cases

SEED_CASES = corpus_cases(TESTS_DIR / "corpus" / "seeds")
# (article, incident index) pairs known to differ from the annotation; none at present.
KNOWN_GAPS: set[tuple[str, int]] = set()


def keys(names):
    return {entity_key(n) for n in names}


def incident_cases():
    for path in SEED_CASES:
        gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        for index, incident in enumerate(gold["incidents"]):
            marks = [pytest.mark.xfail(strict=True)] if (path.stem, index) in KNOWN_GAPS else []
            yield pytest.param(path, gold, index, incident, id=f"{path.stem}#{index}", marks=marks)


@pytest.mark.parametrize(("path", "gold", "index", "want"), list(incident_cases()))
def test_seed_incident(gazetteer, path, gold, index, want):
    extraction = extract_incidents(path.read_text(encoding="utf-8"), gazetteer, gold["published"])
    assert extraction.is_incident is gold["is_incident"]
    assert len(extraction.incidents) > index, f"only {len(extraction.incidents)} incidents"
    got = extraction.incidents[index]
    assert (got.event_type, got.sub_event_type) == (want["event_type"], want["sub_event_type"])
    assert got.main is want["main"]
    assert got.town is not None and keys([got.town.name, *got.town.aliases]) & keys(want["town"])
    assert (got.killed, got.injured) == (want["killed"], want["injured"])
    assert len(got.actors) == len(want["actors"])
    for party in want["actors"]:
        assert any(keys([a.name, *a.aliases]) & keys(party) for a in got.actors), party


@pytest.mark.parametrize("path", SEED_CASES, ids=lambda p: p.stem)
def test_seed_incident_count(gazetteer, path):
    gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    extraction = extract_incidents(path.read_text(encoding="utf-8"), gazetteer, gold["published"])
    missing = sum(1 for case in KNOWN_GAPS if case[0] == path.stem)
    assert len(extraction.incidents) == len(gold["incidents"]) - missing


def test_evidence_quotes_the_article(gazetteer):
    text = (TESTS_DIR / "corpus" / "seeds" / "seed-003.txt").read_text(encoding="utf-8")
    main = extract_incidents(text, gazetteer).main
    for name, evidence in main.evidence.items():
        assert text[evidence.start : evidence.end] == evidence.quote, name
        assert evidence.quote in evidence.sentence
    assert "اشتباكات" in main.evidence["event_type"].quote
    assert main.evidence["town"].quote.endswith("العشارة")


def test_empty_and_huge_articles_are_handled(gazetteer):
    assert extract_incidents("", gazetteer).is_incident is False
    assert extract_incidents("   \n ", gazetteer).incidents == ()
    huge = "اندلعت اشتباكات في مدينة العشارة. " * 2_000
    assert extract_incidents(huge, gazetteer).main.town.name == "العشارة"
