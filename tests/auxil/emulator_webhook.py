"""The Telegram emulator's webhook: setWebhook, deleteWebhook, getWebhookInfo, and the updates POSTed.

As the real Bot API: while a webhook is set, getUpdates answers 409 Conflict and each queued update
is POSTed as JSON to the webhook URL, with the secret token in `X-Telegram-Bot-Api-Secret-Token`.
An update leaves the queue only when the bot answers 2xx; another answer or a connection error is
kept in getWebhookInfo's last_error_* and the update is POSTed again after `webhook_retry_seconds`.
Telegram accepts only https; the emulator, on loopback, also accepts http to a loopback host.
Stdlib only, like the rest of the emulator.
"""

from __future__ import annotations

import ipaddress
import json
import re
import threading
import time
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import urlsplit

from tests.auxil.emulator_bot_api import ApiError

SECRET_TOKEN_HEADER = "X-Telegram-Bot-Api-Secret-Token"
SECRET_TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{1,256}")
POST_TIMEOUT_S = 5.0


def _is_loopback(host: str) -> bool:
    try:
        return host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class WebhookMethods:
    """api_setwebhook, api_deletewebhook, api_getwebhookinfo and the delivery thread.

    Runs with the Emulator's lock held; uses its `webhook` (None or the settings), `webhook_posts`
    (one entry per POST tried), `updates`, `cond`, `config` and `closing`.
    """

    def api_setwebhook(self, params: dict, files: dict) -> bool:
        """setWebhook; an empty url removes the webhook, as Telegram does."""
        url = str(params.get("url") or "")
        if not url:
            return self.api_deletewebhook(params, files)
        parts = urlsplit(url)
        if not parts.hostname or not (
            parts.scheme == "https" or (parts.scheme == "http" and _is_loopback(parts.hostname))
        ):
            raise ApiError(400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook")
        secret = params.get("secret_token")
        if secret is not None and not SECRET_TOKEN_RE.fullmatch(str(secret)):
            raise ApiError(400, "Bad Request: secret token contains unallowed characters")
        if params.get("drop_pending_updates"):
            self.updates.clear()
        self.webhook = {
            "url": url,
            "secret_token": None if secret is None else str(secret),
            "allowed_updates": list(params.get("allowed_updates") or []),
            "max_connections": int(params.get("max_connections") or 40),
            "last_error_date": None,
            "last_error_message": None,
        }
        self._start_webhook_delivery()
        self.cond.notify_all()
        return True

    def api_deletewebhook(self, params: dict, files: dict) -> bool:
        """deleteWebhook: back to getUpdates."""
        if params.get("drop_pending_updates"):
            self.updates.clear()
        self.webhook = None
        self.cond.notify_all()
        return True

    def api_getwebhookinfo(self, params: dict, files: dict) -> dict:
        """getWebhookInfo."""
        info = {"url": "", "has_custom_certificate": False, "pending_update_count": len(self.updates)}
        hook = self.webhook
        if hook is None:
            return info
        info.update(url=hook["url"], max_connections=hook["max_connections"])
        if hook["allowed_updates"]:
            info["allowed_updates"] = hook["allowed_updates"]
        if hook["last_error_date"] is not None:
            info.update(
                last_error_date=hook["last_error_date"], last_error_message=hook["last_error_message"]
            )
        return info

    def webhook_state(self) -> dict:
        """The webhook as set (secret included, for tests) and every POST tried."""
        with self.lock:
            return {"webhook": self.webhook, "posts": list(self.webhook_posts)}

    # ----- delivery ----------------------------------------------------------------------------

    def _start_webhook_delivery(self) -> None:
        """Start the thread that POSTs updates, once (polling-only tests never start it)."""
        if getattr(self, "_webhook_thread", None) is None:
            self._webhook_thread = threading.Thread(
                target=self._deliver_forever, name="emulator-webhook", daemon=True
            )
            self._webhook_thread.start()

    def _next_delivery(self) -> tuple[dict, dict] | None:
        """Wait (lock held) for a webhook and an update it takes; None once the emulator closes.
        Updates of kinds the webhook did not ask for are dropped, as Telegram never sends them."""
        while not self.closing:
            hook = self.webhook
            if hook is not None:
                allowed = hook["allowed_updates"]
                self.updates = [u for u in self.updates if not allowed or set(u) & set(allowed)]
                if self.updates:
                    return hook, self.updates[0]
            self.cond.wait(0.5)
        return None

    def _deliver_forever(self) -> None:
        """POST the oldest update until the bot takes it (2xx), then the next, in order."""
        while True:
            with self.lock:
                taken = self._next_delivery()
            if taken is None:
                return
            hook, update = taken
            status, error = _post_update(hook["url"], hook["secret_token"], update)
            with self.lock:
                self.webhook_posts.append(
                    {"update_id": update["update_id"], "url": hook["url"], "status": status, "error": error}
                )
                if error is None:
                    self.updates = [u for u in self.updates if u is not update]
                    continue
                if self.webhook is hook:
                    hook["last_error_date"], hook["last_error_message"] = int(time.time()), error
                deadline = time.monotonic() + float(self.config["webhook_retry_seconds"])
                while not self.closing and self.webhook is hook and (left := deadline - time.monotonic()) > 0:
                    self.cond.wait(left)


def _post_update(url: str, secret: str | None, update: dict) -> tuple[int, str | None]:
    """POST one update as Telegram does; (HTTP status or 0, None or what went wrong)."""
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers[SECRET_TOKEN_HEADER] = secret
    request = urllib.request.Request(url, json.dumps(update).encode(), headers, method="POST")
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback: never via a proxy
    try:
        with opener.open(request, timeout=POST_TIMEOUT_S) as response:
            return response.status, None
    except urllib.error.HTTPError as exc:
        exc.close()
        return exc.code, f"Wrong response from the webhook: {exc.code} {exc.reason}"
    except (OSError, ValueError) as exc:
        reason: Any = getattr(exc, "reason", exc)
        return 0, f"Connection failed: {reason}"
