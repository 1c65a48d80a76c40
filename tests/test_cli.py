"""The `raqib` command as a user runs it: the terminal chat, extraction, configuration errors."""

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT, TESTS_DIR

SEEDS = TESTS_DIR / "corpus" / "seeds"


def raqib(*args, stdin="", env=None, cwd=None, timeout=60):
    environment = {k: v for k, v in os.environ.items() if k not in {"TELEGRAM_BOT_TOKEN", "RAQIB_CONFIG"}}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=environment,
        cwd=cwd or PROJECT_ROOT,
        timeout=timeout,
    )


def write_config(tmp_path: Path, extra: str = "") -> Path:
    config = tmp_path / "config.toml"
    config.write_text(
        f'[storage]\ndatabase = "{tmp_path / "raqib.db"}"\n'
        f'[sample]\nfeed = "{PROJECT_ROOT / "samples" / "seeds.xml"}"\n{extra}',
        encoding="utf-8",
    )
    return config


def test_terminal_chat_answers_piped_commands_from_the_sample_feed(tmp_path):
    config = write_config(tmp_path)
    result = raqib("run", "--config", str(config), stdin="/latest\n/town العشارة\n/actor الدفاع الوطني\n")
    assert result.returncode == 0, result.stderr
    latest, town, actor = result.stdout.strip().split("\n\n")
    annotated = sum(len(json.loads(p.read_text(encoding="utf-8"))["incidents"]) for p in SEEDS.glob("*.json"))
    assert latest.startswith(f"آخر {annotated} حوادث")
    assert town.startswith("حادثتان في العشارة") and town.count("\n#") == 2
    assert actor.count("\n#") == 7
    assert "5 new articles" in result.stderr


def test_terminal_subscription_receives_alerts_for_new_incidents(tmp_path):
    config = write_config(tmp_path)
    first = raqib("run", "--config", str(config), stdin="/subscribe town العشارة\n")
    assert "تم الاشتراك" in first.stdout
    # A second feed appears with a new report from al-Ashara: the alert is printed.
    feed = tmp_path / "new.xml"
    text = "انفجر لغم أرضي في مدينة العشارة بريف دير الزور الشرقي ما أدى لمقتل شخصين."
    feed.write_text(
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>n</title>'
        f"<item><title>لغم في العشارة</title><guid>new-1</guid><description>{text}</description></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    sample_line = f'feed = "{PROJECT_ROOT / "samples" / "seeds.xml"}"'
    config.write_text(config.read_text().replace(sample_line, f'feed = "{feed}"'))
    second = raqib("run", "--config", str(config), stdin="/subscriptions\n")
    assert "🔔" in second.stdout and "العشارة" in second.stdout
    third = raqib("run", "--config", str(config), stdin="")
    assert "🔔" not in third.stdout  # delivered once, never again after a restart


def test_bad_config_stops_with_the_key_named(tmp_path):
    config = write_config(tmp_path, '[polling]\ninterval_seconds = "often"\n')
    result = raqib("run", "--config", str(config))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"raqib: {config}: polling.interval_seconds must be a whole number between 1 and 2592000, got 'often'"
    ]


@pytest.mark.parametrize(
    ("table", "key"),
    [
        # nan passes every comparison: accepted, it stalled delivery without a word
        ("[delivery]\nsends_per_second = nan\n", "delivery.sends_per_second"),
        ("[delivery]\ninterval_seconds = nan\n", "delivery.interval_seconds"),
        ("[polling]\ntick_seconds = inf\n", "polling.tick_seconds"),
        # a poll scheduled 10**12 s ahead overflowed the date arithmetic at every tick
        (
            '[[feeds]]\nname = "x"\nurl = "https://example.org/f"\ninterval_seconds = 1000000000000\n',
            "feeds[0].interval_seconds",
        ),
        ("[fetch]\nallow_private_addresses = 1\n", "fetch.allow_private_addresses"),
    ],
)
def test_a_number_out_of_bounds_stops_start_up_naming_its_key(tmp_path, table, key):
    config = write_config(tmp_path, table)
    result = raqib("run", "--config", str(config))
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2 and len(lines) == 1 and f"{key} must be" in lines[0], result.stderr


@pytest.mark.parametrize(
    ("snippet", "key"),
    [
        ('[bot]\ndefault_language = "fr"\n', "bot.default_language"),
        ('[bot]\nadmins = ["@me"]\n', "bot.admins"),
        ('[[feeds]]\nname = "x"\nurl = "ftp://example.org/f"\n', "feeds[0].url"),
        ('[telegram]\nbase_url = "nowhere"\n', "telegram.base_url"),
        ("this is not toml", "not valid TOML"),
    ],
)
def test_each_bad_value_names_its_key(tmp_path, snippet, key):
    result = raqib("run", "--config", str(write_config(tmp_path, snippet)))
    assert result.returncode == 2 and key in result.stderr


def test_extract_json_prints_one_object_per_file():
    files = [str(SEEDS / "seed-003.txt"), str(SEEDS / "seed-005.txt")]
    result = raqib("extract", "--json", *files)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["source"] for line in lines] == files
    main = lines[0]["incidents"][0]
    assert set(main) >= {
        "event_type",
        "sub_event_type",
        "actors",
        "town",
        "location",
        "killed",
        "injured",
        "date",
        "main",
    }
    assert main["town"]["name"] == "العشارة" and main["town"]["lat"] is not None
    assert {"name", "aliases"} <= set(main["actors"][0])
    assert lines[1]["incidents"][0]["killed"] == 0


def test_extract_reads_stdin_and_uses_the_published_date():
    text = "اندلعت اشتباكات أمس الثلاثاء بين قوات النظام وقسد في بلدة ذيبان."
    result = raqib("extract", "--json", "--published", "2021-11-17", stdin=text)
    [line] = [json.loads(x) for x in result.stdout.splitlines()]
    assert line["source"] == "-"
    assert line["incidents"][0]["date"] == "2021-11-16"


def test_extract_explain_quotes_the_evidence():
    result = raqib("extract", "--explain", str(SEEDS / "seed-002.txt"))
    assert "[main] Battles / Armed clash" in result.stdout
    assert "«اشتباكات»" in result.stdout and "injured" in result.stdout


def test_extract_reports_unreadable_files(tmp_path):
    result = raqib("extract", "--json", str(tmp_path / "missing.txt"))
    assert result.returncode == 1
    assert "error" in json.loads(result.stdout)


def _corpus_article(folder: Path, name: str, text: str, gold: dict) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    (folder / f"{name}.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")


def test_eval_scores_each_folder_with_non_incidents_and_stated_counts(tmp_path):
    clash = {
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actors": [["قوات النظام"], ["قسد"]],
        "town": ["ذيبان"],
        "injured": None,
        "main": True,
    }
    text = "اندلعت اشتباكات بين قوات النظام وقسد في بلدة ذيبان أسفرت عن مقتل ثلاثة عناصر."
    _corpus_article(
        tmp_path / "one",
        "a",
        text,
        {"outlet": "X", "is_incident": True, "incidents": [{**clash, "killed": 3}]},
    )
    _corpus_article(
        tmp_path / "two",
        "b",
        text,
        {"outlet": "Y", "is_incident": True, "incidents": [{**clash, "killed": 5}]},
    )
    # A statement about fighting, annotated as no incident but read as one: not rejected.
    _corpus_article(tmp_path / "two", "c", text, {"outlet": "Y", "is_incident": False, "incidents": []})
    result = raqib("eval", str(tmp_path / "one"), str(tmp_path / "two"))
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout.splitlines()[-1])
    assert summary["articles"] == 3
    assert summary["stated_counts"] == 0.5  # killed 3 right, 5 wrong (injured unstated)
    assert summary["non_incident_rejected"] == 0.0
    header = result.stdout.splitlines()[0].split()
    assert header == ["one", "two", "all"]
    assert "by governorate" in result.stdout and "Deir-ez-Zor" in result.stdout
    assert "by outlet" in result.stdout


def test_eval_refuses_a_missing_folder(tmp_path):
    result = raqib("eval", str(tmp_path / "absent"))
    assert result.returncode == 2 and "not a folder" in result.stderr


def test_backfill_ingests_a_corpus_folder_without_alerts_and_skips_it_the_second_time(tmp_path):
    database = tmp_path / "archive.db"
    first = raqib("backfill", str(SEEDS), "--db", str(database))
    assert first.returncode == 0, first.stderr
    summary = json.loads(first.stdout.strip().splitlines()[-1])
    assert summary["articles"] == 5 and summary["stored"] == 5 and summary["new_incidents"] == 9
    again = json.loads(raqib("backfill", str(SEEDS), "--db", str(database)).stdout.strip().splitlines()[-1])
    assert again["stored"] == 0 and again["already_known"] == 5


def test_export_writes_acled_csv_for_a_filter(tmp_path):
    database = tmp_path / "archive.db"
    raqib("backfill", str(SEEDS), "--db", str(database))
    out = tmp_path / "battles.csv"
    result = raqib("export", "csv", "--db", str(database), "type", "Battles", "-o", str(out))
    assert result.returncode == 0, result.stderr
    import csv

    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 5 and {r["event_type"] for r in rows} == {"Battles"}
    assert all(r["source"] and r["actor1"] for r in rows)


def test_export_refuses_an_unknown_format(tmp_path):
    result = raqib("export", "xlsx", "--db", str(tmp_path / "x.db"))
    assert result.returncode == 2


def test_terminal_answers_every_query_and_writes_files(tmp_path):
    config = write_config(tmp_path)
    commands = [
        "/type Battles",
        "/near الميادين 20",
        "/search الجورة",
        "/incident 1",
        "/stats",
        "/map",
        "/export csv",
        "/town الصالحية",
    ]
    result = raqib("run", "--config", str(config), stdin="\n".join(commands) + "\n")
    assert result.returncode == 0, result.stderr
    replies = result.stdout.strip().split("\n\n")
    assert len(replies) >= len(commands)
    saved = [line.split(": ", 1)[1] for line in result.stdout.splitlines() if line.startswith("حُفظ الملف: ")]
    # the sample's reports give no date: /stats has no week to chart them in and says so; a map needs
    # no date; the export leaves their event date blank instead of writing the day they were fetched
    assert [Path(p).suffix for p in saved] == [".png", ".csv"]
    assert all(Path(p).stat().st_size > 100 for p in saved)
    assert "لم تُحسب 9 حوادث بلا تاريخ معروف" in result.stdout
    with open(saved[1], encoding="utf-8") as exported:
        rows = list(csv.DictReader(exported))
    assert rows and all(r["event_date"] == r["year"] == r["time_precision"] == "" for r in rows)
    assert all(r["first_seen"] for r in rows)
    assert "→ /town =الصالحية (ريف البوكمال)" in result.stdout


class _CountingFeed:
    """A real HTTP server on loopback serving one feed and counting the connections it accepts."""

    def __init__(self):
        import http.server
        import threading

        from tests.feed_builders import rss

        body = rss(
            [{"title": "قصف على بلدة الشعفة", "guid": "ssrf-cli-1", "text": "قصفت قوات النظام بلدة الشعفة."}]
        )
        counter = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - stdlib name
                counter.requests += 1
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        class Server(http.server.ThreadingHTTPServer):
            def verify_request(self, request, client_address):
                counter.connections += 1
                return True

        self.requests = self.connections = 0
        self.server = Server(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def counting_feed():
    feed = _CountingFeed()
    yield feed
    feed.server.shutdown()
    feed.server.server_close()


@pytest.mark.parametrize(
    "host", ["127.0.0.1", "2130706433", "0x7f.1", "127.1", "localhost", "[::ffff:127.0.0.1]"]
)
def test_backfill_refuses_a_loopback_url_in_every_spelling_without_connecting(tmp_path, counting_feed, host):
    config = write_config(tmp_path)
    url = f"http://{host}:{counting_feed.port}/feed.xml"
    result = raqib("backfill", url, "--db", str(tmp_path / "d.db"), "--config", str(config))
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "refused" in result.stderr
    assert counting_feed.connections == 0


def test_backfill_fetches_a_loopback_feed_when_private_addresses_are_allowed(tmp_path, counting_feed):
    config = write_config(tmp_path, "[fetch]\nallow_private_addresses = true\n")
    url = f"http://127.0.0.1:{counting_feed.port}/feed.xml"
    result = raqib("backfill", url, "--db", str(tmp_path / "d.db"), "--config", str(config))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1])["stored"] == 1
    assert counting_feed.requests == 1


def test_two_files_in_one_second_do_not_overwrite_each_other(tmp_path):
    config = write_config(tmp_path)
    result = raqib("run", "--config", str(config), stdin="/export csv\n/export json\n/export csv\n")
    saved = [line.split(": ", 1)[1] for line in result.stdout.splitlines() if line.startswith("حُفظ الملف: ")]
    assert len(saved) == 3 and len(set(saved)) == 3
    assert all(Path(p).exists() for p in saved)
