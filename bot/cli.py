"""The `raqib` command: run the bot, extract incidents from files, score extraction on a corpus."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from pathlib import Path

# PTB 22 gives RetryAfter.retry_after as an int with a deprecation warning; as a timedelta without.
os.environ.setdefault("PTB_TIMEDELTA", "true")

from bot.config import PROJECT_ROOT, Config, ConfigError, FeedConfig, load_config
from bot.logs import configure_logging

logger = logging.getLogger(__name__)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `raqib` console script."""
    parser = _parser()
    args, rest = parser.parse_known_args(argv)
    if rest and getattr(args, "command", None) == "export":
        args.filters = [*args.filters, *rest]  # filters may follow --db / -o
    elif rest:
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    command = args.command or "run"
    if command == "extract":
        from bot.extract_command import extract_command

        return extract_command(args.files, args.json, args.explain, args.published)
    if command == "eval":
        from bot.extract_command import eval_command

        return eval_command(args.dirs, args.detail)
    if command in ("export", "backfill"):
        return archive_command(args)
    return run_command(args)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="raqib", description=__doc__)
    sub = parser.add_subparsers(dest="command")
    run = sub.add_parser("run", help="run the bot (Telegram with TELEGRAM_BOT_TOKEN, else the terminal chat)")
    for target in (parser, run):
        target.add_argument("--config", type=Path, default=None, help="config.toml to use")
        target.add_argument("--terminal", action="store_true", help="terminal chat even with a token")
        target.add_argument(
            "--sample",
            choices=("auto", "yes", "no"),
            default="auto",
            help="poll the bundled sample feed (auto: only without a Telegram token)",
        )
    extract = sub.add_parser("extract", help="print the incidents of article files as JSON lines")
    extract.add_argument(
        "files", nargs="*", help="article text files (title on the first line); - or none: stdin"
    )
    extract.add_argument(
        "--json", action="store_true", help="one JSON object per file (the stable interface)"
    )
    extract.add_argument("--explain", action="store_true", help="show the evidence for every value")
    extract.add_argument("--published", default=None, help="publication date (YYYY-MM-DD) for relative dates")
    export = sub.add_parser("export", help="write stored incidents as csv, geojson or json (ACLED columns)")
    export.add_argument("format", choices=("csv", "geojson", "json"))
    export.add_argument("filters", nargs="*", help="town|actor|type NAME and a period (7d, 2024-05…)")
    export.add_argument("-o", "--output", type=Path, default=None, help="file to write (default: stdout)")
    backfill = sub.add_parser(
        "backfill", help="ingest an archive: a corpus folder, a feed file or a feed URL"
    )
    backfill.add_argument("source", help="folder of NAME.txt (+ NAME.json), feed file, or http(s) URL")
    backfill.add_argument("--alerts", action="store_true", help="also alert subscribers of old incidents")
    for target in (export, backfill):
        target.add_argument("--db", type=Path, default=None, help="SQLite file (default: the config's)")
        target.add_argument("--config", type=Path, default=None, help="config.toml to use")
    evaluate = sub.add_parser("eval", help="score extraction on annotated corpus folders")
    evaluate.add_argument("dirs", nargs="+", type=Path, help="folders of NAME.txt + NAME.json")
    evaluate.add_argument("--detail", action="store_true", help="print every article's differences")
    return parser


def config_path(explicit: Path | None) -> Path:
    """--config, else $RAQIB_CONFIG, else ./config.toml, else the project's config.toml."""
    if explicit:
        return explicit
    if os.environ.get("RAQIB_CONFIG"):
        return Path(os.environ["RAQIB_CONFIG"])
    local = Path("config.toml")
    return local if local.is_file() else PROJECT_ROOT / "config.toml"


def archive_command(args: argparse.Namespace) -> int:
    """`raqib export` / `raqib backfill` on --db, else on the configured database."""
    from bot.archive_commands import backfill_command, export_command

    database = args.db
    if database is None:
        try:
            database = load_config(config_path(args.config)).database
        except ConfigError as exc:
            print(f"raqib: {exc}", file=sys.stderr)  # noqa: T201
            return 2
    configure_logging("WARNING")
    if args.command == "export":
        return export_command(database, args.format, args.filters, args.output)
    return backfill_command(database, args.source, args.alerts)


def run_command(args: argparse.Namespace) -> int:
    """Run the bot until stopped (Telegram) or until end of input (terminal)."""
    token = os.environ.get("TELEGRAM_BOT_TOKEN", "").strip() or None
    try:
        config = load_config(config_path(args.config))
    except ConfigError as exc:
        print(f"raqib: {exc}", file=sys.stderr)  # noqa: T201 - before logging exists
        return 2
    configure_logging(config.log_level, token)
    terminal = args.terminal or token is None
    use_sample = args.sample == "yes" or (args.sample == "auto" and token is None)
    if use_sample and config.sample_feed is None:
        logger.warning("no [sample] feed configured; running on the configured feeds only")
        use_sample = False
    return _run(config, token, terminal, use_sample)


def _run(config: Config, token: str | None, terminal: bool, use_sample: bool) -> int:
    from contextlib import ExitStack

    from bot.runtime import AlreadyRunning, hold_instance_lock, open_runtime
    from bot.sample_feed import SampleFeedServer

    with ExitStack() as stack:
        extra: tuple[FeedConfig, ...] = ()
        if use_sample and config.sample_feed is not None:
            server = stack.enter_context(SampleFeedServer(config.sample_feed))
            extra = (FeedConfig("Raqib sample feed", server.url, config.poll_interval_s),)
        try:
            stack.enter_context(hold_instance_lock(config.database))
        except AlreadyRunning as exc:
            logger.error("%s", exc)
            return 3
        runtime = open_runtime(config, extra)
        if terminal:
            from bot.terminal import run_terminal

            async def chat() -> int:
                try:
                    return await run_terminal(runtime, sys.stdin, sys.stdout)
                finally:
                    await runtime.close()

            try:
                return asyncio.run(chat())
            except KeyboardInterrupt:
                return 130
        from bot.app import run_telegram

        run_telegram(runtime, token or "")
    return 0


if __name__ == "__main__":
    sys.exit(main())
