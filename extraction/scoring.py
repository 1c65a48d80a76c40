"""Scoring an extraction against an analyst's annotation (the corpus format in shared/corpus/SCHEMA.md).

Fields are scored on the article's main incident; actors by precision and recall, a predicted actor
matching a gold party when any spelling of one equals any spelling of the other after normalisation.
Background incidents are scored separately, matched on event type and town. Two figures look at what a
subscriber feels most: how many non-incidents are rejected (a false alert), and how many casualty figures
the text states (an integer, 0 included) come out exactly (a toll that rings or stays silent wrongly).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from extraction.matcher import name_key
from extraction.records import Extraction, Incident

FIELDS = ("is_incident", "event_type", "sub_event_type", "town", "killed", "injured")
# Accuracies `summarize` reports besides FIELDS: `non_incident_rejected` over the gold non-incidents.
SUMMARY_FIELDS = (
    "is_incident",
    "non_incident_rejected",
    "event_type",
    "sub_event_type",
    "town",
    "killed",
    "injured",
    "stated_counts",
    "actor_precision",
    "actor_recall",
    "actor_f1",
    "incident_recall",
    "incident_precision",
)


@dataclass
class ArticleScore:
    """How one article came out, field by field."""

    source: str
    outlet: str = ""
    governorate: str = ""
    correct: dict[str, bool] = field(default_factory=dict)
    stated_counts: int = 0  # figures (killed, injured) the gold main incident states
    stated_right: int = 0
    actor_tp: int = 0
    actor_fp: int = 0
    actor_fn: int = 0
    incidents_gold: int = 0
    incidents_predicted: int = 0
    incidents_matched: int = 0
    diffs: list[str] = field(default_factory=list)


def score_article(
    source: str, extraction: Extraction, gold: dict[str, Any], governorate: str = ""
) -> ArticleScore:
    """Compare one extraction with its annotation (`governorate`: where the gold main incident is, for
    the breakdown)."""
    score = ArticleScore(source, str(gold.get("outlet") or ""), governorate)
    score.correct["is_incident"] = extraction.is_incident == bool(gold.get("is_incident"))
    if not gold.get("is_incident"):
        score.correct["non_incident_rejected"] = not extraction.is_incident
    if not score.correct["is_incident"]:
        score.diffs.append(f"is_incident: got {extraction.is_incident}, want {gold.get('is_incident')}")
    gold_incidents = gold.get("incidents") or []
    score.incidents_gold, score.incidents_predicted = len(gold_incidents), len(extraction.incidents)
    score.incidents_matched = _matched_incidents(extraction.incidents, gold_incidents)
    gold_main = next(
        (i for i in gold_incidents if i.get("main")), gold_incidents[0] if gold_incidents else None
    )
    if not gold.get("is_incident") or gold_main is None:
        return score
    predicted = extraction.main
    for name, ok, got, want in _field_checks(predicted, gold_main):
        score.correct[name] = ok
        if not ok:
            score.diffs.append(f"{name}: got {got!r}, want {want!r}")
        if name in ("killed", "injured") and isinstance(want, int):
            score.stated_counts += 1
            score.stated_right += ok
    tp, fp, fn, missing, extra = _actor_counts(
        predicted.actors if predicted else (), gold_main.get("actors") or []
    )
    score.actor_tp, score.actor_fp, score.actor_fn = tp, fp, fn
    if missing:
        score.diffs.append(f"actors missing: {missing}")
    if extra:
        score.diffs.append(f"actors extra: {extra}")
    return score


def _field_checks(predicted: Incident | None, gold: dict[str, Any]):
    if predicted is None:
        for name in FIELDS[1:]:
            yield name, False, None, gold.get(name)
        return
    yield (
        "event_type",
        predicted.event_type == gold["event_type"],
        predicted.event_type,
        gold["event_type"],
    )
    yield (
        "sub_event_type",
        predicted.sub_event_type == gold["sub_event_type"],
        predicted.sub_event_type,
        gold["sub_event_type"],
    )
    town = predicted.settlement
    got_town = _keys((town.name, *town.aliases)) if town else set()
    want_town = _keys(gold.get("town") or [])
    town_ok = bool(got_town & want_town) or (not want_town and not got_town)
    yield "town", town_ok, town.name if town else None, gold.get("town")
    yield "killed", predicted.killed == gold.get("killed"), predicted.killed, gold.get("killed")
    yield (
        "injured",
        predicted.injured == gold.get("injured"),
        predicted.injured,
        gold.get("injured"),
    )


def _keys(names: Iterable[str]) -> set[str]:
    return {key for n in names if n and (key := name_key(n))}


def _actor_counts(predicted, gold_parties: list[list[str]]):
    unmatched = list(predicted)
    missing = []
    tp = 0
    for party in gold_parties:
        wanted = _keys(party)
        hit = next((a for a in unmatched if _keys((a.name, *a.aliases)) & wanted), None)
        if hit is None:
            missing.append(party[0] if party else "?")
        else:
            unmatched.remove(hit)
            tp += 1
    return tp, len(unmatched), len(missing), missing, [a.name for a in unmatched]


def _matched_incidents(predicted: tuple[Incident, ...], gold: list[dict[str, Any]]) -> int:
    """Gold incidents found among the predictions, matched on event type and town."""
    remaining = list(predicted)
    matched = 0
    for incident in gold:
        want_town = _keys(incident.get("town") or [])
        for candidate in remaining:
            town = candidate.settlement
            got_town = _keys((town.name, *town.aliases)) if town else set()
            town_ok = bool(got_town & want_town) or not want_town
            if candidate.event_type == incident["event_type"] and town_ok:
                remaining.remove(candidate)
                matched += 1
                break
    return matched


def summarize(scores: list[ArticleScore]) -> dict[str, Any]:
    """Accuracy per field, actor precision/recall/F1, background-incident recall and precision."""
    summary: dict[str, Any] = {"articles": len(scores)}
    for name in (*FIELDS, "non_incident_rejected"):
        judged = [s.correct[name] for s in scores if name in s.correct]
        summary[name] = round(sum(judged) / len(judged), 3) if judged else None
    stated = sum(s.stated_counts for s in scores)
    summary["stated_counts"] = round(sum(s.stated_right for s in scores) / stated, 3) if stated else None
    tp = sum(s.actor_tp for s in scores)
    fp = sum(s.actor_fp for s in scores)
    fn = sum(s.actor_fn for s in scores)
    if tp + fp + fn == 0:  # no party to judge (non-incidents only)
        summary.update(actor_precision=None, actor_recall=None, actor_f1=None)
    else:
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        summary["actor_precision"] = round(precision, 3)
        summary["actor_recall"] = round(recall, 3)
        both = precision + recall
        summary["actor_f1"] = round(2 * precision * recall / both, 3) if both else 0.0
    gold = sum(s.incidents_gold for s in scores)
    predicted = sum(s.incidents_predicted for s in scores)
    matched = sum(s.incidents_matched for s in scores)
    summary["incident_recall"] = round(matched / gold, 3) if gold else None
    summary["incident_precision"] = round(matched / predicted, 3) if predicted else None
    return summary
