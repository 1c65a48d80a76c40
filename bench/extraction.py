"""Extraction throughput beside its floor, camel-tools' simple_word_tokenize, on the same text.

Articles: the test corpus (and ../shared/corpus when present), repeated to about 1 MB. Prints one JSON
object on its last line: {"bench": "extraction", "articles_per_s", "mb_per_s", "tokenize_mb_per_s",
"ratio_vs_tokenize", "gazetteer_mb_per_s", ...}. Goal (performance.md P1): ratio ≥ 0.5.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from camel_tools.tokenizers.word import simple_word_tokenize  # noqa: E402

from extraction.gazetteer import load_gazetteer  # noqa: E402
from extraction.incidents import extract_incidents  # noqa: E402
from extraction.tokens import tokenize  # noqa: E402

TARGET_BYTES = 1_000_000


def corpus() -> list[str]:
    folders = [*sorted((ROOT / "tests" / "corpus").iterdir()), ROOT.parent / "shared" / "corpus" / "dev"]
    texts = [p.read_text(encoding="utf-8") for f in folders if f.is_dir() for p in sorted(f.glob("*.txt"))]
    size = sum(len(t.encode("utf-8")) for t in texts)
    return texts * max(1, TARGET_BYTES // size)


def timed(function, texts, rounds=5) -> float:
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        for text in texts:
            function(text)
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def main() -> None:
    gazetteer = load_gazetteer()
    texts = corpus()
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    extract_incidents(texts[0], gazetteer)  # warm-up
    tokenize_s = timed(simple_word_tokenize, texts)
    extract_s = timed(lambda t: extract_incidents(t, gazetteer), texts)
    tokens = [tokenize(t) for t in texts[:200]]
    scan_s = timed(
        lambda toks: (gazetteer.place_matcher.find(toks), gazetteer.actor_matcher.find(toks)), tokens
    )
    scan_mb = sum(len(t.encode("utf-8")) for t in texts[:200]) / 1e6
    result = {
        "bench": "extraction",
        "articles": len(texts),
        "mb": round(megabytes, 2),
        "articles_per_s": round(len(texts) / extract_s, 1),
        "mb_per_s": round(megabytes / extract_s, 3),
        "tokenize_mb_per_s": round(megabytes / tokenize_s, 3),
        "ratio_vs_tokenize": round(tokenize_s / extract_s, 3),
        "gazetteer_mb_per_s": round(scan_mb / scan_s, 2),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
