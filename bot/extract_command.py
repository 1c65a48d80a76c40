"""`raqib extract` and `raqib eval`: extraction on files, outside the bot."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from extraction.gazetteer import load_gazetteer
from extraction.incidents import extract_incidents
from extraction.records import Extraction
from extraction.scoring import FIELDS, score_article, summarize
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
    """Score every annotated article in `dirs`; print a table (and diffs with --detail)."""
    gazetteer = load_gazetteer()
    scores = []
    for folder in dirs:
        if not folder.is_dir():
            print(f"raqib eval: not a folder: {folder}", file=sys.stderr)  # noqa: T201
            return 2
        for text_path in sorted(folder.glob("*.txt")):
            gold_path = text_path.with_suffix(".json")
            if not gold_path.is_file():
                continue
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            text = text_path.read_text(encoding="utf-8")
            extraction = extract_incidents(text, gazetteer, published=gold.get("published"))
            score = score_article(str(text_path), extraction, gold)
            scores.append(score)
            if detail and score.diffs:
                print(f"{text_path.name}:")  # noqa: T201
                for diff in score.diffs:
                    print(f"    {diff}")  # noqa: T201
    summary = summarize(scores)
    print(_table(summary))  # noqa: T201
    print(json.dumps(summary))  # noqa: T201
    return 0


def _table(summary: dict) -> str:
    rows = [("articles", summary["articles"])]
    rows += [(name, summary[name]) for name in FIELDS]
    rows += [(k, summary[k]) for k in ("actor_precision", "actor_recall", "actor_f1")]
    rows += [(k, summary[k]) for k in ("incident_recall", "incident_precision")]
    width = max(len(name) for name, _ in rows)
    return "\n".join(f"{name:<{width}}  {value}" for name, value in rows)
