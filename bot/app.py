"""The Telegram bot: PTB Application with the command handlers, the command menu and the two jobs,
fed by long polling or by a webhook."""

from __future__ import annotations

import logging
import secrets
from urllib.parse import urlsplit

from telegram import BotCommand, BotCommandScopeChat
from telegram.ext import Application, ApplicationBuilder

from alerts.pacing import Pacer
from alerts.sender import Deliverer
from alerts.senders import TelegramSender, telegram_request
from answers.commands import visible_commands
from bot.config import Config
from bot.jobs import (
    HEARTBEAT_S,
    backup_database,
    count_repeated_errors,
    deliver_alerts,
    poll_feeds,
    watch_webhook,
)
from bot.runtime import Runtime, delivery_settings, tell_admins_about_feed
from handlers.context import CONTEXT_TYPES, BotData
from handlers.errors import error_handler
from handlers.flood import FloodGuard
from handlers.registry import command_handlers
from i18n.catalog import LANGUAGES, text
from ingest.poll import PollReport
from ingest.poller import FeedPoller
from storage.db import DamagedDatabaseError, describe_failure
from storage.service import set_state

logger = logging.getLogger(__name__)

# APScheduler's defaults (misfire_grace_time=1 s) silently skip runs on a busy loop; a tick that
# overruns must be skipped, never run twice at once (docs/reliability.md V15, feedparser #263).
_JOB_KWARGS = {"max_instances": 1, "coalesce": True, "misfire_grace_time": 60}
ALLOWED_UPDATES = ["message", "channel_post", "callback_query", "inline_query"]


def build_application(runtime: Runtime, token: str) -> Application:
    """The Application, wired but not started."""
    config = runtime.config

    async def post_init(application: Application) -> None:
        data: BotData = application.bot_data
        data.db, data.gazetteer, data.http = runtime.db, runtime.gazetteer, runtime.http
        data.default_language = config.default_language
        data.admins, data.feed_access = frozenset(config.admins), runtime.feed_access
        data.flood = FloodGuard(config.commands_per_minute)

        def database_damaged(exc: Exception) -> None:
            """Whoever finds the database damaged: delivery and polling stop, the admins are told
            once, and the bot ends (exit status 2, docs/operations.md)."""
            if data.damaged is not None:
                return
            data.damaged = exc
            data.deliverer.stop_for_damage(exc)
            data.poller.halt()
            application.stop_running()

        data.database_damaged = database_damaged
        data.deliverer = deliverer = Deliverer(
            runtime.db,
            TelegramSender(application.bot),
            delivery_settings(config),
            Pacer(config.sends_per_second),
            on_damage=database_damaged,
        )

        def after_poll(report: PollReport) -> None:
            # What a poll queued (alerts, a notice for the admins) leaves now, not at the next tick.
            if tell_admins_about_feed(runtime, report) or report.alerts_queued:
                deliverer.tick()

        data.poller = FeedPoller(
            runtime.db, runtime.http, runtime.gazetteer, after_poll=after_poll, on_damage=database_damaged
        )
        await set_command_menu(application)

    async def post_stop(application: Application) -> None:
        if application.bot_data.poller is not None:
            await application.bot_data.poller.stop()  # a hanging fetch must not hold up the stop
        if application.bot_data.deliverer is not None:
            await application.bot_data.deliverer.stop()  # in-flight sends finish and are recorded

    async def post_shutdown(application: Application) -> None:
        await runtime.close()

    application = (
        ApplicationBuilder()
        .token(token)
        .request(telegram_request(connection_pool_size=256))  # PTB's default, noting what was fully sent
        .base_url(config.telegram_base_url)
        .base_file_url(config.telegram_base_file_url)
        .context_types(CONTEXT_TYPES)
        .post_init(post_init)
        .post_stop(post_stop)
        .post_shutdown(post_shutdown)
        .build()
    )
    application.add_handlers(command_handlers())
    application.add_error_handler(error_handler)
    queue = application.job_queue
    queue.run_repeating(
        poll_feeds, interval=config.tick_s, first=0.1, name="poll_feeds", job_kwargs=_JOB_KWARGS
    )
    queue.run_repeating(
        deliver_alerts,
        interval=config.delivery_interval_s,
        first=0.5,
        name="deliver_alerts",
        job_kwargs=_JOB_KWARGS,
    )
    queue.run_repeating(
        count_repeated_errors, interval=10, name="count_repeated_errors", job_kwargs=_JOB_KWARGS
    )
    if config.webhook_url:
        queue.run_repeating(
            watch_webhook,
            interval=HEARTBEAT_S,
            first=1,
            data=(config.webhook_listen, config.webhook_port),
            name="watch_webhook",
            job_kwargs=_JOB_KWARGS,
        )
    if config.backup_dir is not None:
        queue.run_repeating(
            backup_database,
            interval=config.backup_interval_h * 3600,
            first=config.backup_interval_h * 3600,
            data=(config.backup_dir, config.backup_keep),
            name="backup_database",
            job_kwargs=_JOB_KWARGS,
        )
    return application


async def set_command_menu(application: Application) -> None:
    """The command menu in Arabic and English, from the same table as /help; each admin's private
    chat also lists the admin commands, which nobody else sees."""
    default = application.bot_data.default_language
    scopes = [(None, False)] + [(BotCommandScopeChat(admin), True) for admin in application.bot_data.admins]
    for scope, is_admin in scopes:
        for language in (None, *LANGUAGES):
            commands = [
                BotCommand(c.name, text(c.description_key, language or default))
                for c in visible_commands(is_admin)
            ]
            await application.bot.set_my_commands(commands, scope=scope, language_code=language)


def run_telegram(runtime: Runtime, token: str) -> None:
    """Take updates from Telegram (a webhook when telegram.webhook_url is set, else long polling)
    until interrupted; DamagedDatabaseError when the database was found damaged."""
    application = build_application(runtime, token)
    config = runtime.config
    set_state(runtime.db, "telegram_updates", "webhook" if config.webhook_url else "polling")
    # bootstrap_retries=-1: Telegram unreachable at start is waited out (with PTB's backoff), not fatal.
    if config.webhook_url:
        logger.info(
            "starting the Telegram webhook on %s port %d for %s",
            config.webhook_listen,
            config.webhook_port,
            config.webhook_url,
        )
        application.run_webhook(
            listen=config.webhook_listen,
            port=config.webhook_port,
            url_path=webhook_path(config),
            webhook_url=config.webhook_url,
            secret_token=config.webhook_secret or new_secret_token(),
            allowed_updates=ALLOWED_UPDATES,
            drop_pending_updates=False,
            bootstrap_retries=-1,
        )
    else:
        logger.info("starting Telegram long polling")
        application.run_polling(
            allowed_updates=ALLOWED_UPDATES, drop_pending_updates=False, bootstrap_retries=-1
        )
    damaged = application.bot_data.damaged
    if damaged is not None:
        raise DamagedDatabaseError(describe_failure(damaged) or str(damaged)) from damaged


def webhook_path(config: Config) -> str:
    """The path the webhook server answers on: webhook_url's own, which the proxy passes on unchanged."""
    return urlsplit(config.webhook_url).path or "/"


def new_secret_token() -> str:
    """A random secret for setWebhook (43 characters of Telegram's A-Z a-z 0-9 _ -), new at each start."""
    return secrets.token_urlsafe(32)
