"""Reading config.toml once into frozen dataclasses; a bad value stops start-up with one clear line.

The Telegram token is never read from this file: only from the TELEGRAM_BOT_TOKEN environment variable.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from i18n.catalog import LANGUAGES

if TYPE_CHECKING:
    from feeds.guard import AddressPolicy

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class ConfigError(Exception):
    """A config value is missing or wrong; the message names the key."""


@dataclass(frozen=True, slots=True)
class FeedConfig:
    """One feed to poll."""

    name: str
    url: str
    interval_s: int


@dataclass(frozen=True, slots=True)
class Config:
    """Everything config.toml sets."""

    path: Path
    database: Path
    default_language: str = "ar"
    admins: tuple[int, ...] = ()
    poll_interval_s: int = 300
    tick_s: float = 10.0
    delivery_interval_s: float = 0.5
    ring_at_killed: int = 5
    delayed_after_h: int = 1
    sends_per_second: float = 28
    commands_per_minute: float = 20.0
    feeds: tuple[FeedConfig, ...] = ()
    sample_feed: Path | None = None
    telegram_base_url: str = "https://api.telegram.org/bot"
    telegram_base_file_url: str = "https://api.telegram.org/file/bot"
    log_level: str = "INFO"
    allow_private_addresses: bool = False
    extra: dict = field(default_factory=dict, compare=False)


def load_config(path: Path) -> Config:
    """Read and check `path`; raise ConfigError naming the first bad key."""
    try:
        with path.open("rb") as handle:
            raw = tomllib.load(handle)
    except FileNotFoundError as exc:
        raise ConfigError(f"config file not found: {path}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from exc
    base = path.resolve().parent
    bot = _table(raw, "bot")
    storage = _table(raw, "storage")
    polling = _table(raw, "polling")
    delivery = _table(raw, "delivery")
    telegram = _table(raw, "telegram")
    sample = _table(raw, "sample")
    chat = _table(raw, "chat")
    fetch = _table(raw, "fetch")
    language = _choice(bot, "bot.default_language", "ar", LANGUAGES)
    poll_interval = _integer(polling, "polling.interval_seconds", 300, minimum=1, maximum=MAX_INTERVAL_S)
    return Config(
        path=path,
        database=_path(base, _string(storage, "storage.database", "data/raqib.db")),
        default_language=language,
        admins=tuple(_integer_list(bot, "bot.admins")),
        poll_interval_s=poll_interval,
        tick_s=_bounded(polling, "polling.tick_seconds", 10.0, 0.05, 3600.0),
        delivery_interval_s=_bounded(delivery, "delivery.interval_seconds", 0.5, 0.05, 3600.0),
        ring_at_killed=_integer(delivery, "delivery.ring_at_killed", 5, minimum=0),
        delayed_after_h=_integer(delivery, "delivery.delayed_after_hours", 1, minimum=1),
        sends_per_second=_bounded(delivery, "delivery.sends_per_second", 28, 0.1, 30.0),
        commands_per_minute=_number(chat, "chat.commands_per_minute", 20.0, minimum=0.0),
        feeds=tuple(_feeds(raw, poll_interval)),
        sample_feed=_optional_path(base, sample, "sample.feed"),
        telegram_base_url=_url(telegram, "telegram.base_url", "https://api.telegram.org/bot"),
        telegram_base_file_url=_url(telegram, "telegram.base_file_url", "https://api.telegram.org/file/bot"),
        log_level=_choice(bot, "bot.log_level", "INFO", ("DEBUG", "INFO", "WARNING", "ERROR")),
        allow_private_addresses=_boolean(fetch, "fetch.allow_private_addresses", False),
    )


def address_policy(config: Config, sample_address: tuple[str, int] | None = None) -> AddressPolicy:
    """The addresses feeds may be fetched from: public ones, private ones if `fetch.allow_private_addresses`,
    and the bundled sample feed's own (ip, port) on loopback."""
    from feeds.guard import AddressPolicy  # httpx loads only for the commands that fetch

    exempt = frozenset({sample_address}) if sample_address else frozenset()
    return AddressPolicy(allow_private=config.allow_private_addresses, exempt=exempt)


def _table(raw: dict, key: str) -> dict:
    value = raw.get(key, {})
    if not isinstance(value, dict):
        raise ConfigError(f"{key}: must be a table ([{key}])")
    return value


def _string(table: dict, key: str, default: str) -> str:
    value = table.get(key.rsplit(".", 1)[-1], default)
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{key}: must be a non-empty string, got {value!r}")
    return value.strip()


def _choice(table: dict, key: str, default: str, allowed: tuple[str, ...]) -> str:
    value = _string(table, key, default)
    if value not in allowed:
        raise ConfigError(f"{key}: must be one of {', '.join(allowed)}, got {value!r}")
    return value


MAX_INTERVAL_S = 30 * 24 * 3600  # a feed polled less than monthly is not watched


def _integer(table: dict, key: str, default: int, minimum: int, maximum: int = 10**6) -> int:
    value = table.get(key.rsplit(".", 1)[-1], default)
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= maximum:
        raise ConfigError(f"{key}: must be an integer from {minimum} to {maximum}, got {value!r}")
    return value


def _boolean(table: dict, key: str, default: bool) -> bool:
    value = table.get(key.rsplit(".", 1)[-1], default)
    if not isinstance(value, bool):
        raise ConfigError(f"{key}: must be true or false, got {value!r}")
    return value


def _number(table: dict, key: str, default: float, minimum: float) -> float:
    value = table.get(key.rsplit(".", 1)[-1], default)
    invalid = isinstance(value, bool) or not isinstance(value, int | float)
    if invalid or not math.isfinite(value) or value < minimum:  # nan passes every comparison
        raise ConfigError(f"{key}: must be a number ≥ {minimum}, got {value!r}")
    return float(value)


def _bounded(table: dict, key: str, default: float, minimum: float, maximum: float) -> float:
    value = _number(table, key, default, minimum)
    if value > maximum:
        raise ConfigError(f"{key}: must be at most {maximum:g}, got {value!r}")
    return value


def _integer_list(table: dict, key: str) -> list[int]:
    value = table.get(key.rsplit(".", 1)[-1], [])
    if not isinstance(value, list) or not all(isinstance(v, int) and not isinstance(v, bool) for v in value):
        raise ConfigError(f"{key}: must be a list of numeric Telegram user ids, got {value!r}")
    return value


def _url(table: dict, key: str, default: str) -> str:
    value = _string(table, key, default)
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise ConfigError(f"{key}: must be an http(s) URL, got {value!r}")
    return value.rstrip("/")


def _path(base: Path, value: str) -> Path:
    path = Path(value).expanduser()
    return path if path.is_absolute() else base / path


def _optional_path(base: Path, table: dict, key: str) -> Path | None:
    if key.rsplit(".", 1)[-1] not in table:
        return None
    path = _path(base, _string(table, key, ""))
    if not path.is_file():
        raise ConfigError(f"{key}: no such file {path}")
    return path


def _feeds(raw: dict, default_interval: int) -> list[FeedConfig]:
    entries = raw.get("feeds", [])
    if not isinstance(entries, list):
        raise ConfigError("feeds: must be an array of tables ([[feeds]])")
    feeds, seen = [], set()
    for k, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise ConfigError(f"feeds[{k}]: must be a table with name and url")
        url = _url(entry, f"feeds[{k}].url", "")
        if url in seen:
            raise ConfigError(f"feeds[{k}].url: listed twice ({url})")
        seen.add(url)
        name = _string(entry, f"feeds[{k}].name", urlsplit(url).netloc)
        interval = _integer(
            entry, f"feeds[{k}].interval_seconds", default_interval, minimum=1, maximum=MAX_INTERVAL_S
        )
        feeds.append(FeedConfig(name, url, interval))
    return feeds
