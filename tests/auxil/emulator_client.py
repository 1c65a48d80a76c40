"""Synchronous test client for the Telegram Bot API emulator's control API."""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Callable
from typing import Any

import httpx

CHAT_KEYS = {"title", "is_forum", "username"}
USER_KEYS = {"first_name", "last_name", "language_code", "username"}


class EmulatorClient:
    """Drives a running emulator: inject updates, script faults, read what the bot did."""

    def __init__(self, url: str, timeout: float = 5.0):
        self.url = url.rstrip("/")
        self.bot_base_url = f"{self.url}/bot"
        self.file_base_url = f"{self.url}/file/bot"
        self._http = httpx.Client(base_url=f"{self.url}/_emulator", timeout=timeout, trust_env=False)

    def close(self) -> None:
        """Close the HTTP connection pool."""
        self._http.close()

    def __enter__(self) -> EmulatorClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _get(self, route: str, **params: Any) -> Any:
        """GET a control route, leaving out parameters that are None."""
        query = {k: v for k, v in params.items() if v is not None}
        response = self._http.get(f"/{route}", params=query)
        response.raise_for_status()
        return response.json()

    def _post(self, route: str, payload: Any = None) -> Any:
        """POST JSON to a control route."""
        response = self._http.post(f"/{route}", json=payload if payload is not None else {})
        if response.status_code >= 400:
            raise AssertionError(f"emulator refused {route}: {response.text}")
        return response.json()

    # ----- incoming updates -------------------------------------------------------------------

    def send_message(
        self,
        chat_id: int,
        text: str,
        user_id: int | None = None,
        chat_type: str = "private",
        **extra: Any,
    ) -> dict:
        """A user writes `text` in a chat; returns {"update_id", "message_id"}.

        Extra keys title/is_forum/username go to the chat, first_name/language_code/... to the
        sender, anything else (message_thread_id, sender_chat, extra) to the update spec.
        """
        chat = {"id": chat_id, "type": chat_type}
        chat.update({k: extra.pop(k) for k in CHAT_KEYS & extra.keys()})
        is_private = isinstance(chat_id, int) and chat_id > 0
        sender = {"id": user_id if user_id is not None else (chat_id if is_private else 1)}
        sender.update({k: extra.pop(k) for k in USER_KEYS & extra.keys()})
        spec = {"kind": "message", "chat": chat, "from": sender, "text": text, **extra}
        return self._post("updates", spec)

    def send_document(
        self,
        chat_id: int,
        filename: str,
        content: bytes,
        user_id: int | None = None,
        mime_type: str = "application/octet-stream",
    ) -> dict:
        """A user sends a file in a chat (the bot can getFile and download it); returns the update's ids."""
        payload = {
            "filename": filename,
            "mime_type": mime_type,
            "content": base64.b64encode(content).decode(),
        }
        document = self._post("files", payload)
        return self.send_message(chat_id, "", user_id=user_id, document=document)

    def press_button(self, chat_id: int, message_id: int, data: str, user_id: int | None = None) -> dict:
        """A user presses an inline button; returns {"update_id", "callback_query_id"}."""
        spec: dict[str, Any] = {
            "kind": "callback_query",
            "message": {"chat_id": chat_id, "message_id": message_id},
            "data": data,
        }
        if user_id is not None:
            spec["from"] = {"id": user_id}
        return self._post("updates", spec)

    def send_inline_query(self, user_id: int, query: str, **user: Any) -> dict:
        """A user types `@bot QUERY` in some chat; returns {"update_id", "inline_query_id"}.
        Extra keys (language_code, first_name…) go to the user."""
        spec = {"kind": "inline_query", "query": query, "from": {"id": user_id, **user}}
        return self._post("updates", spec)

    def inline_answer(self, inline_query_id: str, timeout: float = 10.0) -> dict:
        """The bot's answer to an inline query, once it came: results, cache_time, is_personal, button."""
        deadline = time.monotonic() + timeout
        while (answer := self._get("inline_answer", inline_query_id=inline_query_id)) is None:
            if time.monotonic() >= deadline:
                raise AssertionError(
                    f"timed out after {timeout}s waiting for the answer to {inline_query_id}"
                )
            time.sleep(0.02)
        return answer

    def inject(self, raw_update: dict) -> dict:
        """Queue a raw Update dict as is (a fresh update_id is assigned)."""
        return self._post("updates", {"raw": raw_update})

    def pending_updates(self) -> list[dict]:
        """Updates not yet confirmed by the bot's getUpdates offset."""
        return self._get("updates")

    # ----- what the bot did -------------------------------------------------------------------

    def calls(
        self, method: str | None = None, chat_id: int | str | None = None, since: int = 0
    ) -> list[dict]:
        """Recorded Bot API requests (seq > since): seq, t, clock, method, params, status, ..."""
        return self._get("calls", method=method, chat_id=chat_id, since=since or None)

    def messages(self, chat_id: int | str | None = None) -> list[dict]:
        """Messages the bot sent, as the user sees them now (edits applied, deletions gone)."""
        return self._get("messages", chat_id=chat_id)

    def stats(self) -> dict:
        """Counters: sent, http_429, by_method, by_status."""
        return self._get("stats")

    def webhook(self) -> dict:
        """{"webhook": setWebhook's settings (url, secret_token, allowed_updates…) or None, "posts": every
        update POSTed to it, as {update_id, url, status, error}}."""
        return self._get("webhook")

    def health(self) -> dict:
        """{"ok": true} when the emulator is up."""
        return self._get("health")

    def wait_for(
        self,
        predicate: Callable[[list[dict]], Any],
        timeout: float = 10.0,
        *,
        source: str = "messages",
        method: str | None = None,
        chat_id: int | str | None = None,
    ) -> list[dict]:
        """Poll messages (or calls, with source="calls") every 20 ms until predicate(list)."""
        deadline = time.monotonic() + timeout
        while True:
            if source == "calls":
                items = self.calls(method=method, chat_id=chat_id)
            else:
                items = self.messages(chat_id=chat_id)
            if predicate(items):
                return items
            if time.monotonic() >= deadline:
                dump = json.dumps(items[-20:], ensure_ascii=False, indent=1)[:4000]
                name = getattr(predicate, "__name__", repr(predicate))
                raise AssertionError(
                    f"timed out after {timeout}s waiting for {name} on {source} "
                    f"(chat_id={chat_id}, method={method}); last {min(len(items), 20)} "
                    f"of {len(items)}:\n{dump}"
                )
            time.sleep(0.02)

    def wait_for_messages(self, chat_id: int | str, count: int, timeout: float = 10.0) -> list[dict]:
        """Wait until the bot has at least `count` visible messages in a chat."""

        def enough_messages(items: list[dict]) -> bool:
            return len(items) >= count

        return self.wait_for(enough_messages, timeout, chat_id=chat_id)

    def wait_for_calls(
        self, method: str, count: int = 1, chat_id: int | str | None = None, timeout: float = 10.0
    ) -> list[dict]:
        """Wait until at least `count` calls of `method` were recorded."""

        def enough_calls(items: list[dict]) -> bool:
            return len(items) >= count

        return self.wait_for(enough_calls, timeout, source="calls", method=method, chat_id=chat_id)

    # ----- steering ---------------------------------------------------------------------------

    def fault(self, **spec: Any) -> dict:
        """Script a fault, e.g. fault(method="sendMessage", status=429, retry_after=3).

        Actions: status (+ description, retry_after, migrate_to_chat_id, html), delay, drop_connection
        (read, not stored, closed), accept_then_status, accept_then_delay, accept_then_drop /
        accept_then_reset (stored, then the connection closed / reset without an answer)."""
        return self._post("faults", spec)

    def outage(self, seconds: float, mode: str = "close") -> dict:
        """Make the Bot API unreachable for `seconds` (mode "close" or "502")."""
        return self._post("outage", {"seconds": seconds, "mode": mode})

    def set_chat(self, chat_id: int | str, **spec: Any) -> dict:
        """Mark a chat gone=True, migrated_to=id, set admins=[...], type or title."""
        return self._post("chats", {"chat_id": chat_id, **spec})

    def configure(self, **spec: Any) -> dict:
        """Set enforce_limits, time_scale, private_burst, ...; returns the whole config."""
        return self._post("config", spec)

    def reset(self) -> dict:
        """Forget all state and restore the startup configuration."""
        return self._post("reset")
