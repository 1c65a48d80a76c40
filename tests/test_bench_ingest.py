"""bench/ingest.py runs end to end (a small run) and prints its figures as one JSON object on its last line."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import PROJECT_ROOT


def test_the_ingest_bench_prints_its_figures_on_its_last_line():
    result = subprocess.run(
        [sys.executable, "bench/ingest.py", "--feeds", "60", "--window", "3"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    assert figures["bench"] == "ingest" and figures["feeds"] == 60 and figures["polls"] == 60
    assert figures["hanging_still_in_flight"] is True  # the delay was measured beside a live hang
    assert figures["cpu_ratio_vs_feedparser"] > 0 and 0 < figures["rss_mb"] < 1000
    assert figures["max_delay_caused_by_hanging_feed_s"] < 1.0
