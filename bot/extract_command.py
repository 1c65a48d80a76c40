"""`raqib extract` and `raqib eval`: extraction on files, outside the bot."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from extraction.gazetteer import Gazetteer, load_gazetteer
from extraction.incidents import extract_incidents
from extraction.records import Extraction
from extraction.scoring import SUMMARY_FIELDS, ArticleScore, score_article, summarize
from extraction.serialize import extraction_to_json


def published_for(path: Path, explicit: str | None) -> str | None:
    """--published, else the `published` field of NAME.json beside NAME.txt (corpus metadata)."""
    if explicit:
        return explicit
    sidecar = path.with_suffix(".json")
    if path.suffix == ".txt" and sidecar.is_file():
        try:
            return json.loads(sidecar.read_text(encoding="utf-8")).get("published")
        except (ValueError, OSError):
            return None
    return None


def extract_command(files: list[str], as_json: bool, explain: bool, published: str | None) -> int:
    """Print one result per input file (stdin when no file or "-")."""
    gazetteer = load_gazetteer()
    status = 0
    for name in files or ["-"]:
        try:
            if name == "-":
                text, day = sys.stdin.read(), published
            else:
                path = Path(name)
                text, day = path.read_text(encoding="utf-8"), published_for(path, published)
        except (OSError, UnicodeDecodeError) as exc:
            print(json.dumps({"source": name, "error": str(exc)}, ensure_ascii=False))  # noqa: T201
            status = 1
            continue
        extraction = extract_incidents(text, gazetteer, published=day)
        if as_json:
            print(json.dumps(extraction_to_json(extraction, name, explain), ensure_ascii=False))  # noqa: T201
        else:
            print(_explain(name, extraction, explain))  # noqa: T201
    return status


def _explain(source: str, extraction: Extraction, evidence: bool) -> str:
    lines = [f"{source}: {'incident' if extraction.is_incident else 'no incident'}"]
    for k, incident in enumerate(extraction.incidents, 1):
        town = incident.town.name if incident.town else "?"
        actors = " / ".join(a.name for a in incident.actors) or "?"
        lines.append(
            f"  {k}. {'[main] ' if incident.main else ''}{incident.event_type} / {incident.sub_event_type}"
            f" · {town}{' · ' + incident.location if incident.location else ''} · {actors}"
            f" · killed {incident.killed} · injured {incident.injured} · date {incident.date}"
        )
        if evidence:
            for name, ev in incident.evidence.items():
                lines.append(f"       {name:<10} «{ev.quote}» ({ev.rule}) in: {ev.sentence[:160]}")
    return "\n".join(lines)


def eval_command(dirs: list[Path], detail: bool) -> int:
    """Score every annotated article in `dirs`; print a table per folder, then by governorate and by
    outlet (and every difference with --detail)."""
    missing = [folder for folder in dirs if not folder.is_dir()]
    if missing:
        print(f"raqib eval: not a folder: {missing[0]}", file=sys.stderr)  # noqa: T201
        return 2
    gazetteer = load_gazetteer()
    by_folder: dict[str, list[ArticleScore]] = {}
    for folder in dirs:
        scores = by_folder.setdefault(folder.name or str(folder), [])
        for text_path in sorted(folder.glob("*.txt")):
            gold_path = text_path.with_suffix(".json")
            if not gold_path.is_file():
                continue
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            text = text_path.read_text(encoding="utf-8")
            extraction = extract_incidents(text, gazetteer, published=gold.get("published"))
            score = score_article(str(text_path), extraction, gold, _governorate(gold, gazetteer))
            scores.append(score)
            if detail and score.diffs:
                print(f"{text_path.name}:")  # noqa: T201
                for diff in score.diffs:
                    print(f"    {diff}")  # noqa: T201
    every = [score for scores in by_folder.values() for score in scores]
    columns = {name: summarize(scores) for name, scores in by_folder.items()}
    if len(columns) > 1:
        columns["all"] = summarize(every)
    print(_table(columns))  # noqa: T201
    for title, key in (("governorate", "governorate"), ("outlet", "outlet")):
        groups: dict[str, list[ArticleScore]] = {}
        for score in every:
            groups.setdefault(getattr(score, key) or "—", []).append(score)
        print(f"\nby {title}")  # noqa: T201
        print(_breakdown({name: summarize(group) for name, group in sorted(groups.items())}))  # noqa: T201
    print(json.dumps(summarize(every)))  # noqa: T201
    return 0


def _governorate(gold: dict, gazetteer: Gazetteer) -> str:
    """The governorate of the gold main incident's town, from the gazetteer ("" when not found)."""
    incidents = gold.get("incidents") or []
    main = next((i for i in incidents if i.get("main")), incidents[0] if incidents else None)
    for name in (main or {}).get("town") or []:
        places = [p for p in gazetteer.place_named(name) if p.admin1]
        if places:
            return sorted(places, key=lambda p: not p.is_settlement)[0].admin1
    return "non-incident" if not gold.get("is_incident") else ""


def _cell(value) -> str:
    return "—" if value is None else f"{value:.2f}" if isinstance(value, float) else str(value)


def _table(columns: dict[str, dict]) -> str:
    """One row per figure, one column per folder."""
    names = list(columns)
    width = max(len(f) for f in SUMMARY_FIELDS)
    lines = [f"{'':<{width}}  " + "  ".join(f"{n:>{max(6, len(n))}}" for n in names)]
    for field in ("articles", *SUMMARY_FIELDS):
        cells = "  ".join(f"{_cell(columns[n][field]):>{max(6, len(n))}}" for n in names)
        lines.append(f"{field:<{width}}  {cells}")
    return "\n".join(lines)


_BREAKDOWN = (
    "articles",
    "is_incident",
    "event_type",
    "sub_event_type",
    "town",
    "killed",
    "injured",
    "actor_f1",
)


def _breakdown(rows: dict[str, dict]) -> str:
    """One row per group, the main figures as columns."""
    width = max([len(name) for name in rows] + [5])
    lines = [f"{'':<{width}}  " + "  ".join(f"{f[:9]:>9}" for f in _BREAKDOWN)]
    for name, summary in rows.items():
        lines.append(f"{name:<{width}}  " + "  ".join(f"{_cell(summary[f]):>9}" for f in _BREAKDOWN))
    return "\n".join(lines)
