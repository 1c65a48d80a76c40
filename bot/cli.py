"""The `raqib` command: run the bot, administer its feeds, extract incidents from files, score extraction."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from datetime import date
from pathlib import Path

# PTB 22 gives RetryAfter.retry_after as an int with a deprecation warning; as a timedelta without.
os.environ.setdefault("PTB_TIMEDELTA", "true")

from bot.config import PROJECT_ROOT, Config, ConfigError, address_policy, load_config
from bot.logs import LOG_FORMATS, configure_logging, redact, redact_uncaught

logger = logging.getLogger(__name__)

# Exit statuses of `raqib run` that stops at start (docs/delivery.md, "Start-up failures").
EXIT_UNEXPECTED = 1  # a bug: the redacted traceback is in the log
EXIT_CONFIG = 2  # config.toml or the database file is wrong: fix the file
EXIT_RUNNING = 3  # another Raqib holds this database
EXIT_TOKEN = 4  # Telegram refuses TELEGRAM_BOT_TOKEN
_ACCESS_HINT = "check that the bot's user may write its folder"


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `raqib` console script."""
    try:
        return _main(argv)
    except BrokenPipeError:  # "raqib extract … | head": the reader has gone, which is no error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 128 + 13  # as a process killed by SIGPIPE


def _main(argv: list[str] | None) -> int:
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
    if command == "feeds":
        return feeds_admin_command(args)
    if command == "backup":
        return backup_command(args)
    if command == "health":
        return health_command(args)
    return run_command(args)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="raqib", description=__doc__)
    sub = parser.add_subparsers(dest="command")
    run = sub.add_parser("run", help="run the bot (Telegram with TELEGRAM_BOT_TOKEN, else the terminal chat)")
    # Given before or after "run": the subcommand's defaults must not undo "raqib --config F run".
    for target, defaults in ((parser, (None, False, "auto", "text")), (run, (argparse.SUPPRESS,) * 4)):
        config, terminal, sample, log_format = defaults
        target.add_argument("--config", type=Path, default=config, help="config.toml to use")
        target.add_argument(
            "--terminal", action="store_true", default=terminal, help="terminal chat even with a token"
        )
        target.add_argument(
            "--sample",
            choices=("auto", "yes", "no"),
            default=sample,
            help="poll the bundled sample feed (auto: only without a Telegram token)",
        )
        target.add_argument(
            "--log-format",
            choices=LOG_FORMATS,
            default=log_format,
            help="text (default), kv (key=value fields) or json (one object a line)",
        )
    extract = sub.add_parser("extract", help="print the incidents of article files as JSON lines")
    extract.add_argument(
        "files", nargs="*", help="article text files (title on the first line); - or none: stdin"
    )
    extract.add_argument(
        "--json", action="store_true", help="one JSON object per file (the stable interface)"
    )
    extract.add_argument("--explain", action="store_true", help="show the evidence for every value")
    extract.add_argument(
        "--published", default=None, type=_iso_day, help="publication date (YYYY-MM-DD) for relative dates"
    )
    export = sub.add_parser("export", help="write stored incidents as csv, geojson or json (ACLED columns)")
    export.add_argument("format", choices=("csv", "geojson", "json"))
    export.add_argument("filters", nargs="*", help="town|actor|type NAME and a period (7d, 2024-05…)")
    export.add_argument("-o", "--output", type=Path, default=None, help="file to write (default: stdout)")
    backfill = sub.add_parser(
        "backfill", help="ingest an archive: a corpus folder, a feed file or a feed URL"
    )
    backfill.add_argument("source", help="folder of NAME.txt (+ NAME.json), feed file, or http(s) URL")
    backfill.add_argument("--alerts", action="store_true", help="also alert subscribers of old incidents")
    feeds = sub.add_parser("feeds", help="add, list, pause, resume, remove, import or export the feeds")
    actions = feeds.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = actions.add_parser("add", help="fetch a feed once, show what it would give, and add it")
    add.add_argument("url", help="the feed's http(s) URL (a web page offers the feeds it links to)")
    add.add_argument("--name", default=None, help="the feed's name (default: its title)")
    feed_actions = [add, actions.add_parser("list", help="every feed with its health")]
    for verb, what in (("remove", "stop polling"), ("pause", "pause"), ("resume", "resume")):
        action = actions.add_parser(verb, help=f"{what} a feed")
        action.add_argument("feed", nargs="+", help="the feed's number or name")
        feed_actions.append(action)
    opml_in = actions.add_parser("import", help="add the feeds an OPML file lists")
    opml_in.add_argument("file", type=Path, help="an .opml file")
    opml_out = actions.add_parser("export", help="write the feeds as OPML")
    opml_out.add_argument("file", type=Path, nargs="?", default=None, help="file to write (default: stdout)")
    for target in (export, backfill, *feed_actions, opml_in, opml_out):
        target.add_argument("--db", type=Path, default=None, help="SQLite file (default: the config's)")
        target.add_argument("--config", type=Path, default=None, help="config.toml to use")
    backup = sub.add_parser("backup", help="copy the database while the bot runs (SQLite online backup)")
    backup.add_argument("out", type=Path, help="file to write the copy to")
    backup.add_argument("--db", type=Path, default=None, help="database (default: the configured one)")
    backup.add_argument("--config", type=Path, default=None, help="config file")
    health = sub.add_parser("health", help="exit 0 while the running bot polls and delivers, else 1")
    health.add_argument("--db", type=Path, default=None, help="database (default: the configured one)")
    health.add_argument("--config", type=Path, default=None, help="config file")
    health.add_argument(
        "--max-age", type=float, default=None, help="seconds a heartbeat may be old (default: 60, or 3 ticks)"
    )
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
    """`raqib export` / `raqib backfill` on --db, else on the configured database. A backfill always
    reads the config, for its fetch policy, and a URL it refuses is answered before the pipeline loads."""
    config = None
    if args.db is None or args.command == "backfill":
        try:
            config = load_config(config_path(args.config))
        except ConfigError as exc:
            return fail(str(exc), EXIT_CONFIG)
    database = args.db or config.database
    configure_logging("WARNING")
    from storage.db import StorageError

    try:
        return _archive(args, database, config)
    except StorageError as exc:
        return fail(f"{database}: {exc}", EXIT_CONFIG)


def _archive(args: argparse.Namespace, database: Path, config: Config | None) -> int:
    if args.command == "export":
        from bot.archive_commands import export_command

        return export_command(database, args.format, args.filters, args.output)
    policy = address_policy(config)
    if "://" in args.source:
        from feeds.guard import UrlRefused, check_url

        try:
            asyncio.run(check_url(args.source, policy))
        except UrlRefused as exc:
            print(f"raqib backfill: {args.source}: refused: {exc}", file=sys.stderr)  # noqa: T201
            return 2
    from bot.archive_commands import backfill_command

    return backfill_command(database, args.source, args.alerts, policy)


def feeds_admin_command(args: argparse.Namespace) -> int:
    """`raqib feeds …` on --db, else on the configured database; the config gives the fetch policy
    and the polling interval of added feeds."""
    try:
        config = load_config(config_path(args.config))
    except ConfigError as exc:
        return fail(str(exc), EXIT_CONFIG)
    configure_logging("WARNING")
    from bot.feeds_command import feeds_command

    return feeds_command(config, args.db or config.database, args)


def backup_command(args: argparse.Namespace) -> int:
    """`raqib backup OUT` of --db, else of the configured database; prints the copy's path and size."""
    database = args.db
    if database is None:
        try:
            database = load_config(config_path(args.config)).database
        except ConfigError as exc:
            return fail(str(exc), EXIT_CONFIG)
    configure_logging("WARNING")
    from storage.backup import BackupError, backup_database

    try:
        size = backup_database(database, args.out)
    except BackupError as exc:
        return fail(f"backup: {exc}", 1)
    print(f"{args.out}: {size} bytes, integrity ok")  # noqa: T201 - the command's answer
    return 0


def health_command(args: argparse.Namespace) -> int:
    """`raqib health`: 0 when the bot's polling and delivery heartbeats are recent (and the webhook's,
    in webhook mode), else 1 and why."""
    config = None
    if args.db is None or args.max_age is None:
        try:
            config = load_config(config_path(args.config))
        except ConfigError as exc:
            return fail(str(exc), EXIT_CONFIG)
    database = args.db or config.database
    max_age = args.max_age
    if max_age is None:  # a job may run less often than the heartbeat's own pace
        max_age = max(60.0, 3 * config.tick_s, 3 * config.delivery_interval_s)
    from datetime import UTC, datetime

    from storage.db import StorageError
    from storage.service import read_service_state

    try:
        state = read_service_state(database)
    except StorageError as exc:
        return fail(f"health: {exc}", 1)
    now = datetime.now(UTC)
    webhook = state.get("telegram_updates") == "webhook"  # as the running bot recorded at its start
    for job in ("polling", "delivery", "webhook") if webhook else ("polling", "delivery"):
        stamp = state.get(f"{job}_at")
        if stamp is None:
            return fail(f"health: {job} has never run", 1)
        age = (now - datetime.fromisoformat(stamp)).total_seconds()
        if age > max_age:
            return fail(f"health: {job} last ran {age:.0f} s ago (more than {max_age:g} s)", 1)
    running = "polling, delivery and the webhook are" if webhook else "polling and delivery are"
    print(f"ok: {running} running")  # noqa: T201 - the command's answer
    return 0


def run_command(args: argparse.Namespace) -> int:
    """Run the bot until stopped (Telegram) or until end of input (terminal); a failure at start ends
    with one redacted line and its exit status."""
    token = os.environ.get("TELEGRAM_BOT_TOKEN", "").strip() or None
    log_format = getattr(args, "log_format", "text")
    configure_logging("INFO", token, log_format=log_format)
    redact_uncaught()
    try:
        config = load_config(config_path(args.config))
    except ConfigError as exc:
        return fail(str(exc), EXIT_CONFIG, token)
    terminal = args.terminal or token is None
    if terminal:
        configure_logging(config.log_level, token, log_format=log_format)
    else:
        from telegram.error import InvalidToken

        configure_logging(config.log_level, token, brief=(InvalidToken,), log_format=log_format)
    use_sample = args.sample == "yes" or (args.sample == "auto" and token is None)
    if use_sample and config.sample_feed is None:
        logger.warning("no [sample] feed configured; running on the configured feeds only")
        use_sample = False
    try:
        return _run(config, token, terminal, use_sample)
    except Exception as exc:  # noqa: BLE001 - the edge: one line after the redacted traceback
        logger.critical("stopped by an unexpected error", exc_info=True)
        return fail(f"stopped by an unexpected {type(exc).__name__}: {exc}", EXIT_UNEXPECTED, token)


def fail(message: str, status: int, token: str | None = None) -> int:
    """Print the one line that says why the command stops, token-free; return its exit status."""
    print(f"raqib: {redact(message, token)}", file=sys.stderr)  # noqa: T201 - the last word, not a log
    return status


def _run(config: Config, token: str | None, terminal: bool, use_sample: bool) -> int:
    from contextlib import ExitStack

    from telegram.error import InvalidToken

    from bot.runtime import AlreadyRunning, hold_instance_lock, open_runtime
    from bot.sample_feed import SampleFeedServer
    from storage.db import StorageError

    with ExitStack() as stack:
        sample = None
        if use_sample and config.sample_feed is not None:
            sample = stack.enter_context(SampleFeedServer(config.sample_feed))
        try:
            stack.enter_context(hold_instance_lock(config.database))
        except AlreadyRunning as exc:
            return fail(str(exc), EXIT_RUNNING, token)
        except OSError as exc:  # the folder cannot hold the lock file: the database could not be written
            return fail(
                f"{config.database}: cannot lock it ({exc.strerror}): {_ACCESS_HINT}", EXIT_CONFIG, token
            )
        try:
            runtime = open_runtime(config, sample)
        except StorageError as exc:
            return fail(f"{config.database}: {exc}", EXIT_CONFIG, token)
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
            except StorageError as exc:  # the database was found damaged while the chat ran
                return fail(f"{config.database}: {exc}", EXIT_CONFIG, token)
        from bot.app import run_telegram

        try:
            run_telegram(runtime, token or "")
        except InvalidToken:
            message = (
                f"Telegram refused the bot token at {config.telegram_base_url}: check TELEGRAM_BOT_TOKEN"
            )
            return fail(message, EXIT_TOKEN, token)
        except StorageError as exc:  # the database was found damaged while the bot ran
            return fail(f"{config.database}: {exc}", EXIT_CONFIG, token)
    return 0


def _iso_day(value: str) -> str:
    """A calendar day written YYYY-MM-DD ("2021-13-45" is refused with exit status 2)."""
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a day (YYYY-MM-DD)") from None


if __name__ == "__main__":
    sys.exit(main())
