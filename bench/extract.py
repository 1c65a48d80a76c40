"""Extraction throughput beside its floor, camel-tools' simple_word_tokenize, on the same text.

The articles of the test corpus (and ../shared/corpus when present) are repeated to about 10 MB. Prints
one JSON object on its last line:
{"bench": "extract", "articles_per_s", "mb_per_s", "ratio_vs_tokenize", "peak_rss_mb", ...,
"cold_ratio_vs_tokenize"}. The repeated corpus measures a bot whose per-word caches have seen the
vocabulary (news repeats its words); the cold figure is each distinct article once in a fresh process.
Goal (issue 4, performance.md P1): ratio_vs_tokenize ≥ 0.5. `--mb N` for a quicker run.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from camel_tools.tokenizers.word import simple_word_tokenize  # noqa: E402

from extraction.gazetteer import load_gazetteer  # noqa: E402
from extraction.incidents import extract_incidents  # noqa: E402


def corpus(megabytes: float) -> list[str]:
    folders = [*sorted((ROOT / "tests" / "corpus").iterdir()), ROOT.parent / "shared" / "corpus" / "dev"]
    texts = [p.read_text(encoding="utf-8") for f in folders if f.is_dir() for p in sorted(f.glob("*.txt"))]
    size = sum(len(t.encode("utf-8")) for t in texts)
    return texts * max(1, round(megabytes * 1e6 / size))


def timed(function, texts) -> float:
    started = time.perf_counter()
    for text in texts:
        function(text)
    return time.perf_counter() - started


def side_by_side(first, second, texts, chunk: int = 40) -> tuple[float, float]:
    """Total times of `first` and `second` over `texts`, taken in turns on chunks of articles, so
    both see the same moments of a shared machine whose speed drifts by half within a minute."""
    first_s = second_s = 0.0
    for k in range(0, len(texts), chunk):
        part = texts[k : k + chunk]
        first_s += timed(first, part)
        second_s += timed(second, part)
    return first_s, second_s


def cold_pass() -> dict:
    """Each distinct article once, in a process whose per-word caches are empty: the worst case,
    where the repeated corpus above shows a long-running bot whose vocabulary is already seen."""
    gazetteer = load_gazetteer()
    texts = sorted(set(corpus(0)))
    tokenize_s, extract_s = side_by_side(
        simple_word_tokenize, lambda t: extract_incidents(t, gazetteer), texts
    )
    return {"cold_articles": len(texts), "cold_ratio_vs_tokenize": round(tokenize_s / extract_s, 3)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=10.0, help="how much text to process")
    parser.add_argument("--cold", action="store_true", help="(internal) one pass, fresh process")
    args = parser.parse_args()
    if args.cold:
        print(json.dumps(cold_pass()))
        return
    gazetteer = load_gazetteer()
    texts = corpus(args.mb)
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    for text in sorted(set(texts)):  # warm-up: the per-word caches see the vocabulary once (the
        extract_incidents(text, gazetteer)  # first sight of it is the cold figure, measured below)
    tokenize_s, extract_s = side_by_side(
        simple_word_tokenize, lambda t: extract_incidents(t, gazetteer), texts
    )
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    cold = subprocess.run(
        [sys.executable, __file__, "--cold"], capture_output=True, text=True, check=True
    ).stdout.splitlines()[-1]
    print(
        json.dumps(
            {
                "bench": "extract",
                "articles": len(texts),
                "distinct_articles": len(set(texts)),
                "mb": round(megabytes, 2),
                "articles_per_s": round(len(texts) / extract_s, 1),
                "mb_per_s": round(megabytes / extract_s, 3),
                "tokenize_mb_per_s": round(megabytes / tokenize_s, 3),
                "ratio_vs_tokenize": round(tokenize_s / extract_s, 3),
                "peak_rss_mb": round(peak_kb / 1024, 1),
                **json.loads(cold),
            }
        )
    )


if __name__ == "__main__":
    main()
