"""Reading config.toml once into frozen dataclasses; a bad value stops start-up with one clear line.

`SETTINGS` is the one place a key's type, bounds and default are written (datasette's `Setting`): a
number must be finite and within its bounds (TOML allows `nan` and `inf`, and a huge integer makes
`timedelta` overflow later), and a key that is not a setting (a typo) is refused, naming it.
The Telegram token is never read from this file: only from the TELEGRAM_BOT_TOKEN environment variable.
"""

from __future__ import annotations

import difflib
import ipaddress
import math
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from i18n.catalog import LANGUAGES

if TYPE_CHECKING:
    from feeds.guard import AddressPolicy

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DAY_S = 86_400


class ConfigError(Exception):
    """A config value is missing or wrong; the message names the key."""


@dataclass(frozen=True, slots=True)
class Setting:
    """One config key: the Config field it fills, what it may hold, and its default."""

    key: str
    field: str
    kind: str  # boolean, integer, number, choice, url, path, folder, file, user_ids, string, ip, …
    default: object = None
    low: float | None = None
    high: float | None = None
    choices: tuple[str, ...] = ()


SETTINGS = (
    Setting("bot.default_language", "default_language", "choice", "ar", choices=LANGUAGES),
    Setting("bot.admins", "admins", "user_ids", ()),
    Setting("bot.log_level", "log_level", "choice", "INFO", choices=("DEBUG", "INFO", "WARNING", "ERROR")),
    Setting("storage.database", "database", "path", "data/raqib.db"),
    Setting("polling.interval_seconds", "poll_interval_s", "integer", 300, 1, 30 * DAY_S),
    Setting("polling.tick_seconds", "tick_s", "number", 10.0, 0.05, 3600),
    Setting("delivery.interval_seconds", "delivery_interval_s", "number", 0.5, 0.05, 60),
    Setting("delivery.ring_at_killed", "ring_at_killed", "integer", 5, 0, 100_000),
    Setting("delivery.delayed_after_hours", "delayed_after_h", "integer", 1, 1, 24 * 365),
    Setting("delivery.sends_per_second", "sends_per_second", "number", 28.0, 0.1, 30),  # Telegram: 30/s
    Setting("chat.commands_per_minute", "commands_per_minute", "number", 20.0, 0, 10_000),
    Setting("telegram.base_url", "telegram_base_url", "url", "https://api.telegram.org/bot"),
    Setting("telegram.base_file_url", "telegram_base_file_url", "url", "https://api.telegram.org/file/bot"),
    Setting("telegram.webhook_url", "webhook_url", "webhook_url", ""),  # "": long polling
    Setting("telegram.webhook_listen", "webhook_listen", "ip", "127.0.0.1"),
    Setting("telegram.webhook_port", "webhook_port", "integer", 8443, 1, 65535),
    Setting("telegram.webhook_secret", "webhook_secret", "secret_token", ""),  # "": a new one each start
    Setting("sample.feed", "sample_feed", "file"),
    Setting("fetch.allow_private_addresses", "allow_private_addresses", "boolean", False),
    Setting("backup.dir", "backup_dir", "folder"),
    Setting("backup.keep", "backup_keep", "integer", 7, 1, 1000),
    Setting("backup.interval_hours", "backup_interval_h", "number", 24.0, 0.0001, 24 * 30),
)
# A feed's name defaults to its URL's host and its interval to polling.interval_seconds.
FEED_SETTINGS = (
    Setting("feeds[].name", "name", "string"),
    Setting("feeds[].url", "url", "url"),
    Setting("feeds[].interval_seconds", "interval_s", "integer", None, 1, 30 * DAY_S),
)


@dataclass(frozen=True, slots=True)
class FeedConfig:
    """One feed to poll."""

    name: str
    url: str
    interval_s: int


@dataclass(frozen=True, slots=True)
class Config:
    """Everything config.toml sets (defaults: `SETTINGS`)."""

    path: Path
    database: Path
    default_language: str
    admins: tuple[int, ...]
    poll_interval_s: int
    tick_s: float
    delivery_interval_s: float
    ring_at_killed: int
    delayed_after_h: int
    sends_per_second: float
    commands_per_minute: float
    feeds: tuple[FeedConfig, ...]
    sample_feed: Path | None
    telegram_base_url: str
    telegram_base_file_url: str
    log_level: str
    allow_private_addresses: bool = False
    backup_dir: Path | None = None
    backup_keep: int = 7
    backup_interval_h: float = 24.0
    webhook_url: str = ""
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8443
    webhook_secret: str = ""
    extra: dict = field(default_factory=dict, compare=False)


def address_policy(config: Config, sample_address: tuple[str, int] | None = None) -> AddressPolicy:
    """The addresses feeds may be fetched from: public ones, private ones if `fetch.allow_private_addresses`,
    and the bundled sample feed's own (ip, port) on loopback."""
    from feeds.guard import AddressPolicy  # httpx loads only for the commands that fetch

    exempt = frozenset({sample_address}) if sample_address else frozenset()
    return AddressPolicy(allow_private=config.allow_private_addresses, exempt=exempt)


def load_config(path: Path) -> Config:
    """Read and check `path`; raise ConfigError naming the first bad key."""
    try:
        with path.open("rb") as handle:
            raw = tomllib.load(handle)
    except FileNotFoundError as exc:
        raise ConfigError(f"config file not found: {path}") from exc
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read ({exc.strerror})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from exc
    try:
        return _parse(raw, path)
    except ConfigError as exc:
        raise ConfigError(f"{path}: {exc}") from None


def _parse(raw: dict, path: Path) -> Config:
    base = path.resolve().parent
    _refuse_unknown(raw)
    values = {s.field: _read(s, _table(raw, s.key.split(".")[0]), s.key, base) for s in SETTINGS}
    feeds = tuple(_feeds(raw, values["poll_interval_s"], base))
    return Config(path=path, feeds=feeds, **values)


def _refuse_unknown(raw: dict) -> None:
    known = {s.key for s in SETTINGS}
    tables = {key.split(".")[0] for key in known} | {"feeds"}
    for name, value in raw.items():
        if name not in tables:
            raise ConfigError(f"[{name}] is not a config table{_did_you_mean(name, tables)}")
        if isinstance(value, dict) and name != "feeds":
            for key in value:
                if f"{name}.{key}" not in known:
                    raise ConfigError(f"{name}.{key} is not a setting{_did_you_mean(f'{name}.{key}', known)}")


def _did_you_mean(name: str, known: set[str]) -> str:
    close = difflib.get_close_matches(name, sorted(known), n=1)
    return f" (did you mean {close[0]}?)" if close else ""


def _table(raw: dict, key: str) -> dict:
    value = raw.get(key, {})
    if not isinstance(value, dict):
        raise ConfigError(f"{key} must be a table ([{key}])")
    return value


def _read(setting: Setting, table: dict, key: str, base: Path) -> object:
    """The checked value of `setting` in `table` (its default when absent); `key` names it in errors."""
    name = setting.key.rsplit(".", 1)[-1]
    if name not in table:
        if setting.kind in ("path", "url") and setting.default is not None:
            return _READERS[setting.kind](setting, setting.default, key, base)
        return setting.default
    return _READERS[setting.kind](setting, table[name], key, base)


def _show(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else repr(number)


def _integer(setting: Setting, value: object, key: str, base: Path) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not setting.low <= value <= setting.high:
        raise ConfigError(
            f"{key} must be a whole number between {_show(setting.low)} and {_show(setting.high)}, "
            f"got {value!r}"
        )
    return value


def _number(setting: Setting, value: object, key: str, base: Path) -> float:
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or not setting.low <= value <= setting.high
    ):
        raise ConfigError(
            f"{key} must be a finite number between {_show(setting.low)} and {_show(setting.high)}, "
            f"got {value!r}"
        )
    return float(value)


def _string(setting: Setting, value: object, key: str, base: Path) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{key} must be a non-empty string, got {value!r}")
    return value.strip()


def _choice(setting: Setting, value: object, key: str, base: Path) -> str:
    value = _string(setting, value, key, base)
    if value not in setting.choices:
        raise ConfigError(f"{key} must be one of {', '.join(setting.choices)}, got {value!r}")
    return value


def _url(setting: Setting, value: object, key: str, base: Path) -> str:
    value = _string(setting, value, key, base)
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise ConfigError(f"{key} must be an http(s) URL, got {value!r}")
    return value.rstrip("/")


def _webhook_url(setting: Setting, value: object, key: str, base: Path) -> str:
    """An https URL Telegram can POST updates to, or "" for long polling. Telegram accepts only https;
    plain http is allowed to a loopback host alone, for a local TLS proxy in front and for tests."""
    if value == "":
        return ""
    value = _string(setting, value, key, base)
    parts = urlsplit(value)
    loopback = parts.scheme == "http" and _is_loopback(parts.hostname or "")
    if not (parts.scheme == "https" or loopback) or not parts.hostname or parts.query or parts.fragment:
        raise ConfigError(
            f"{key} must be an https URL without query or fragment (http only to a loopback host), "
            f"or empty for long polling, got {value!r}"
        )
    return value


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _ip(setting: Setting, value: object, key: str, base: Path) -> str:
    value = _string(setting, value, key, base)
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        raise ConfigError(f"{key} must be an IP address (127.0.0.1, 0.0.0.0, ::1…), got {value!r}") from None


# Telegram's rule for setWebhook's secret_token.
_SECRET_TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{1,256}")


def _secret_token(setting: Setting, value: object, key: str, base: Path) -> str:
    if value == "":
        return ""
    if not isinstance(value, str) or not _SECRET_TOKEN_RE.fullmatch(value):
        raise ConfigError(f"{key} must be 1 to 256 characters of A-Z, a-z, 0-9, _ and -, or empty")
    return value


def _path(setting: Setting, value: object, key: str, base: Path) -> Path:
    path = Path(_string(setting, value, key, base)).expanduser()
    path = path if path.is_absolute() else base / path
    if path.is_dir():
        raise ConfigError(f"{key} must name a file, but {path} is a directory")
    return path


def _folder(setting: Setting, value: object, key: str, base: Path) -> Path:
    path = Path(_string(setting, value, key, base)).expanduser()
    path = path if path.is_absolute() else base / path
    if path.exists() and not path.is_dir():
        raise ConfigError(f"{key} must name a folder, but {path} is a file")
    return path


def _file(setting: Setting, value: object, key: str, base: Path) -> Path:
    path = _path(setting, value, key, base)
    if not path.is_file():
        raise ConfigError(f"{key}: no such file {path}")
    return path


def _user_ids(setting: Setting, value: object, key: str, base: Path) -> tuple[int, ...]:
    if not isinstance(value, list) or not all(type(v) is int and v > 0 for v in value):
        raise ConfigError(f"{key} must be a list of numeric Telegram user ids, got {value!r}")
    return tuple(value)


def _boolean(setting: Setting, value: object, key: str, base: Path) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{key} must be true or false, got {value!r}")
    return value


_READERS = {
    "boolean": _boolean,
    "integer": _integer,
    "number": _number,
    "string": _string,
    "choice": _choice,
    "url": _url,
    "path": _path,
    "folder": _folder,
    "file": _file,
    "user_ids": _user_ids,
    "webhook_url": _webhook_url,
    "ip": _ip,
    "secret_token": _secret_token,
}


def _feeds(raw: dict, default_interval: int, base: Path) -> list[FeedConfig]:
    entries = raw.get("feeds", [])
    if not isinstance(entries, list):
        raise ConfigError("feeds must be an array of tables ([[feeds]])")
    known = {s.key.rsplit(".", 1)[-1] for s in FEED_SETTINGS}
    feeds, seen = [], set()
    for k, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise ConfigError(f"feeds[{k}] must be a table with name and url")
        for name in entry:
            if name not in known:
                hint = _did_you_mean(name, known)
                raise ConfigError(f"feeds[{k}].{name} is not a feed setting{hint}")
        if "url" not in entry:
            raise ConfigError(f"feeds[{k}].url is required")
        name_, url_, interval_ = FEED_SETTINGS
        url = _read(url_, entry, f"feeds[{k}].url", base)
        if url in seen:
            raise ConfigError(f"feeds[{k}].url is listed twice ({url})")
        seen.add(url)
        name = _read(name_, entry, f"feeds[{k}].name", base) or urlsplit(url).netloc
        interval = _read(interval_, entry, f"feeds[{k}].interval_seconds", base) or default_interval
        feeds.append(FeedConfig(name, url, interval))
    return feeds
