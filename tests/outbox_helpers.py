"""Building an outbox to deliver, delivering it against the emulator, and reading back what chats
received, for the delivery tests."""

from __future__ import annotations

import asyncio
import time

import telegram

from alerts.outcomes import DeliverySettings
from alerts.pacing import Pacer
from alerts.sender import Deliverer
from alerts.senders import TelegramSender, telegram_request
from storage.articles import NewArticle, NewIncident, store_article
from storage.subscriptions import Target, add_subscription, ensure_chat
from tests.conftest import BOT_TOKEN

NOW = "2026-01-01T12:00:00+00:00"
ADMIN = 900
SETTINGS = DeliverySettings(default_language="en", admins=(ADMIN,), backoff_base_s=0.1)
TOWNS = ["العشارة", "الميادين", "البوكمال", "هجين", "الشحيل", "ذيبان"]


def incident(n: int, killed: int | None = None, reported_at: str = NOW) -> NewIncident:
    """The n-th clash, in a town of its own (its id in the card tells alerts apart)."""
    town = TOWNS[n % len(TOWNS)]
    return NewIncident(
        "Battles", "Armed clash", "2026-01-01", 1, "2026-01-01", town, f"town{n}", "Deir-ez-Zor", None, None,
        None, 35.0, 40.0, 1, killed, None, True, {}, match_keys=[("type", "battles")], reported_at=reported_at,
    )  # fmt: skip


def queue_alerts(
    db, chats: list[int], count: int, killed: int | None = None, threads: tuple[int, ...] = (0,)
) -> None:
    """`count` incidents, each alerting every chat (subscribed to Battles in each of `threads`)."""
    for chat in chats:
        ensure_chat(db, chat, "private" if chat > 0 else "group", None, NOW)
        for thread in threads:
            add_subscription(db, chat, Target("type", "battles", "Battles"), NOW, thread_id=thread)
    for n in range(count):
        unique = f"{n}-{time.monotonic_ns()}"
        article = NewArticle(None, f"g{unique}", None, f"h{unique}", f"t{n}", "x", None)
        store_article(db, article, [incident(n, killed)], NOW)


def open_alerts(db) -> int:
    return db.execute("SELECT count(*) FROM alerts WHERE status IN ('pending', 'sending')").fetchone()[0]


def open_notices(db) -> int:
    return db.execute("SELECT count(*) FROM notices WHERE status = 'pending'").fetchone()[0]


def incident_ids(messages: list[dict]) -> list[int]:
    """The incident number in each alert the chat sees, in order."""
    found = []
    for message in messages:
        head = next(line for line in message["text"].splitlines() if "Incident #" in line)
        found.append(int(head.rsplit("#", 1)[1]))
    return found


def deliver(
    db,
    emulator,
    seconds: float,
    read_timeout_s: float = 5.0,
    settings=SETTINGS,
    on_start=None,
    pacer=None,
    base_url: str | None = None,
) -> Deliverer:
    """Run the delivery loop against the emulator (or `base_url`, a way to it) until the outbox is
    settled or `seconds` pass (`on_start` runs once the bot is initialised, e.g. to begin an outage).
    The Bot's request is the one the bot uses (`telegram_request`)."""

    async def main() -> Deliverer:
        request = telegram_request(connection_pool_size=64, read_timeout=read_timeout_s)
        bot = telegram.Bot(BOT_TOKEN, base_url=base_url or emulator.bot_base_url, request=request)
        async with bot:
            deliverer = Deliverer(db, TelegramSender(bot, read_timeout_s), settings, pacer or Pacer())
            if on_start is not None:
                on_start()
            deadline = time.monotonic() + seconds
            while time.monotonic() < deadline and not deliverer.halted:
                deliverer.tick()
                if not open_alerts(db) and not open_notices(db):
                    break
                await asyncio.sleep(0.05)
            await deliverer.stop()
            return deliverer

    return asyncio.run(main())
