"""State of the Telegram emulator: clock, flood limits, faults, updates and the call log."""

from __future__ import annotations

import base64
import json
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any

from tests.auxil.emulator_bot_api import (
    BOT_SENDER,
    TOKEN_RE,
    ApiError,
    BotApiMethods,
    Reply,
    chat_key,
)
from tests.auxil.emulator_inline import InlineMethods
from tests.auxil.emulator_markup import command_entities
from tests.auxil.emulator_webhook import WebhookMethods


class Clock:
    """Emulator time in scaled seconds, running time_scale times faster than real time."""

    def __init__(self, scale: float = 1.0):
        self._anchor = (time.monotonic(), 0.0, float(scale))  # replaced atomically

    @property
    def scale(self) -> float:
        """How many emulator seconds pass per real second."""
        return self._anchor[2]

    def now(self) -> float:
        """Scaled seconds since the emulator started."""
        real0, scaled0, scale = self._anchor
        return scaled0 + (time.monotonic() - real0) * scale

    def set_scale(self, scale: float) -> None:
        """Change the speed without making the clock jump."""
        if scale <= 0:
            raise ValueError("time_scale must be positive")
        self._anchor = (time.monotonic(), self.now(), float(scale))

    def sleep(self, scaled_seconds: float) -> None:
        """Sleep for scaled seconds."""
        time.sleep(max(0.0, scaled_seconds) / self.scale)


@dataclass
class TokenBucket:
    """Allows `burst` events at once, refilled at `rate` per second."""

    burst: float
    rate: float
    tokens: float = -1.0
    stamp: float = 0.0

    def wait(self, now: float) -> float:
        """Seconds until one event is allowed (0 if allowed now)."""
        if self.tokens < 0:
            self.tokens, self.stamp = self.burst, now
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        return 0.0 if self.tokens >= 1 else (1 - self.tokens) / self.rate

    def take(self, now: float) -> None:
        """Record one event."""
        self.tokens -= 1


@dataclass
class SlidingWindow:
    """Allows at most `limit` events in any `period` seconds."""

    limit: int
    period: float
    events: deque = field(default_factory=deque)

    def wait(self, now: float) -> float:
        """Seconds until one event is allowed (0 if allowed now)."""
        while self.events and self.events[0] <= now - self.period:
            self.events.popleft()
        return 0.0 if len(self.events) < self.limit else self.events[0] + self.period - now

    def take(self, now: float) -> None:
        """Record one event."""
        self.events.append(now)


DEFAULT_CONFIG = {
    "enforce_limits": False,
    "time_scale": 1.0,
    "private_per_second": 1.0,
    "private_burst": 3,
    "group_per_minute": 20,
    "global_per_second": 30,
    "revoked_tokens": (),  # well-formed tokens the server refuses (401), as Telegram does a revoked one
    "webhook_retry_seconds": 0.5,  # after a failed webhook POST (real seconds), before the next try
}
FAULT_DESCRIPTIONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: "Conflict: terminated by other getUpdates request",
    429: "Too Many Requests: retry after {retry_after}",
    500: "Internal Server Error",
    502: "Bad Gateway",
}


class Emulator(BotApiMethods, InlineMethods, WebhookMethods):
    """All emulator state and behaviour; every public method is thread-safe."""

    def __init__(self, time_scale: float = 1.0, enforce_limits: bool = False):
        self.lock = threading.RLock()
        self.cond = threading.Condition(self.lock)
        self.startup_config = {**DEFAULT_CONFIG, "time_scale": time_scale}
        self.startup_config["enforce_limits"] = enforce_limits
        self.clock = Clock(time_scale)
        self.closing = False
        self.poll_generation = 0  # bumped by every getUpdates, see api_getupdates
        self.methods = {
            name[4:].replace("_", ""): getattr(self, name) for name in dir(self) if name.startswith("api_")
        }
        self.reset()

    # ----- control API -------------------------------------------------------------------

    def reset(self) -> dict:
        """Forget everything and restore the startup configuration."""
        with self.lock:
            self.config = dict(self.startup_config)
            self.clock.set_scale(self.config["time_scale"])
            self.updates: list[dict] = []
            self.next_update_id = 1
            self.calls: list[dict] = []
            self.messages: list[dict] = []
            self.message_index: dict[tuple, dict] = {}
            self.next_message_id: dict[Any, int] = {}
            self.chats: dict[Any, dict] = {}
            self.faults: list[dict] = []
            self.outage_until, self.outage_mode = 0.0, "close"
            self.commands: dict[tuple, list] = {}
            self.files: dict[str, dict] = {}
            self.inline_queries: dict[str, dict] = {}
            self.limiters: dict[Any, Any] = {}
            self.webhook: dict | None = None  # setWebhook's settings, see emulator_webhook
            self.webhook_posts: list[dict] = []
            self.stats = {"sent": 0, "http_429": 0, "by_method": {}, "by_status": {}}
            self.cond.notify_all()
        return {"ok": True}

    def configure(self, spec: dict) -> dict:
        """Change enforce_limits, time_scale or the limit numbers."""
        with self.lock:
            unknown = set(spec) - set(DEFAULT_CONFIG)
            if unknown:
                raise ValueError(f"unknown config keys: {sorted(unknown)}")
            config = {**self.config, **spec}
            self.clock.set_scale(float(config["time_scale"]))
            self.config = config
            self.limiters.clear()
            return dict(self.config)

    def add_faults(self, spec: dict | list) -> dict:
        """Queue scripted faults; each applies to `times` matching requests, in order."""
        with self.lock:
            for fault in spec if isinstance(spec, list) else [spec]:
                fault = dict(fault)
                fault["method"] = (fault.get("method") or "").lower() or None
                fault["times"] = int(fault.get("times", 1))
                self.faults.append(fault)
            return {"ok": True, "pending": len(self.faults)}

    def start_outage(self, spec: dict) -> dict:
        """Make the Bot API unreachable for `seconds` scaled seconds."""
        with self.lock:
            self.outage_until = self.clock.now() + float(spec.get("seconds", 5))
            self.outage_mode = spec.get("mode", "close")
            return {"ok": True, "until": self.outage_until}

    def set_chat(self, spec: dict) -> dict:
        """Mark a chat gone or migrated, set its admins, type or title."""
        with self.lock:
            chat = self.chats.setdefault(chat_key(spec["chat_id"]), {})
            chat.update({k: v for k, v in spec.items() if k != "chat_id"})
            return {"ok": True, "chat": chat}

    def list_calls(self, method: str | None, chat_id: Any, since: int = 0) -> list[dict]:
        """Recorded Bot API requests with seq > since, optionally filtered."""
        with self.lock:
            return [
                call
                for call in self.calls[max(0, int(since)) :]
                if (not method or call["method"].lower() == method.lower())
                and (chat_id is None or str(call["params"].get("chat_id")) == str(chat_id))
            ]

    def list_messages(self, chat_id: str | None) -> list[dict]:
        """Bot messages as the user would see them now, in sending order."""
        with self.lock:
            return [msg for msg in self.messages if chat_id is None or str(msg["chat"]["id"]) == str(chat_id)]

    def inject(self, spec: dict) -> dict:
        """Queue an incoming update built from a short spec and wake long polls."""
        with self.lock:
            if "raw" in spec:
                update, info = dict(spec["raw"]), {}
            elif spec.get("kind", "message") == "message":
                update, info = self._user_message_update(spec)
            elif spec["kind"] == "callback_query":
                update, info = self._callback_update(spec)
            elif spec["kind"] == "inline_query":
                update, info = self._inline_update(spec)
            else:
                raise ValueError(f"unknown update kind {spec['kind']!r}")
            update["update_id"] = self.next_update_id
            self.next_update_id += 1
            self.updates.append(update)
            self.cond.notify_all()
            return {"update_id": update["update_id"], **info}

    def add_user_file(self, spec: dict) -> dict:
        """A file a user uploads (base64 `content`, `filename`, `mime_type`): stored like the bot's own
        uploads, so getFile and the file URL serve it; returns its Document object."""
        with self.lock:
            content = base64.b64decode(spec["content"])
            file_id = f"user-document-{len(self.files) + 1}"
            described = {
                "file_id": file_id,
                "file_unique_id": f"u{file_id}",
                "file_name": spec.get("filename") or "file",
                "mime_type": spec.get("mime_type") or "application/octet-stream",
                "file_size": len(content),
            }
            self.files[file_id] = {**described, "content": content}
            return described

    def inline_answer(self, inline_query_id: str | None) -> dict | None:
        """The bot's answer to an inline query; None until it answered."""
        with self.lock:
            return (self.inline_queries.get(str(inline_query_id)) or {}).get("answer")

    def get_stats(self) -> dict:
        """Counters of sent messages, 429 answers and calls per method."""
        with self.lock:
            return json.loads(json.dumps(self.stats))

    # ----- update building ---------------------------------------------------------------

    def _chat_object(self, chat_id: Any, spec: dict | None = None) -> dict:
        """The Chat dict for chat_id, remembering what an injected update said about it."""
        info = self.chats.setdefault(chat_id, {})
        for key in ("type", "title", "is_forum", "username", "first_name"):
            if spec and key in spec:
                info[key] = spec[key]
        if isinstance(chat_id, str):
            kind = info.get("type", "channel")
        elif chat_id > 0:
            kind = info.get("type", "private")
        else:
            kind = info.get("type", "supergroup" if chat_id <= -(10**12) else "group")
        chat = {"id": chat_id, "type": kind}
        if kind == "private":
            chat["first_name"] = info.get("first_name", f"User {chat_id}")
        else:
            chat["title"] = info.get("title", f"Chat {chat_id}")
        for key in ("is_forum", "username"):
            if key in info:
                chat[key] = info[key]
        return chat

    def _allocate_message_id(self, chat_id: Any) -> int:
        """Next message id in a chat; user and bot messages share the sequence."""
        self.next_message_id[chat_id] = self.next_message_id.get(chat_id, 0) + 1
        return self.next_message_id[chat_id]

    def _user_message_update(self, spec: dict) -> tuple[dict, dict]:
        """An Update carrying a user's message, with a bot_command entity for "/cmd"."""
        chat = self._chat_object(chat_key(spec["chat"]["id"]), spec["chat"])
        sender = {"id": chat["id"] if chat["id"] > 0 else 1, "is_bot": False, "first_name": "User"}
        sender.update(spec.get("from") or {})
        text = spec.get("text", "")
        message = {
            "message_id": self._allocate_message_id(chat["id"]),
            "date": int(time.time()),
            "chat": chat,
            "text": text,
        }
        if spec.get("document"):  # a document message carries no text, maybe a caption
            del message["text"]
            message["document"] = spec["document"]
        if spec.get("sender_chat"):
            message["sender_chat"] = spec["sender_chat"]
        if chat["type"] != "channel":
            message["from"] = sender
        if entities := command_entities(text):
            message["entities"] = entities
        if spec.get("message_thread_id") is not None:
            message["message_thread_id"] = spec["message_thread_id"]
            message["is_topic_message"] = bool(chat.get("is_forum"))
        message.update(spec.get("extra") or {})
        self.message_index[(chat["id"], message["message_id"])] = message
        kind = "channel_post" if chat["type"] == "channel" else "message"
        return {kind: message}, {"message_id": message["message_id"]}

    def _callback_update(self, spec: dict) -> tuple[dict, dict]:
        """An Update carrying a button press on a message the bot sent."""
        ref = spec.get("message") or spec
        chat_id, message_id = chat_key(ref["chat_id"]), int(ref["message_id"])
        message = self.message_index.get((chat_id, message_id)) or {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": self._chat_object(chat_id),
            "from": BOT_SENDER,
        }
        user = {"id": chat_id if isinstance(chat_id, int) and chat_id > 0 else 1}
        user.update({"is_bot": False, "first_name": "User"}, **(spec.get("from") or {}))
        query_id = f"cbq-{self.next_update_id}"
        query = {
            "id": query_id,
            "from": user,
            "chat_instance": f"ci{chat_id}",
            "data": spec.get("data", ""),
            "message": message,
        }
        return {"callback_query": query}, {"callback_query_id": query_id}

    # ----- Bot API dispatch ----------------------------------------------------------------

    def handle_bot_request(self, token: str, method: str, params: dict, files: dict) -> Reply:
        """Answer one Bot API request, applying outages and scripted faults first."""
        key = method.lower()
        chat_id = params.get("chat_id")
        with self.lock:
            if self.clock.now() < self.outage_until:
                reply = Reply(drop=True) if self.outage_mode == "close" else Reply.html(502)
                return self._record(method, params, files, reply)
            fault = self._take_fault(key, chat_id)
        if fault and fault.get("delay"):
            self.clock.sleep(float(fault["delay"]))
        with self.lock:
            if fault and fault.get("drop_connection"):
                reply = Reply(drop=True)
            elif fault and fault.get("status"):
                reply = self._fault_reply(fault, int(fault["status"]))
            else:
                reply = self._call_method(token, key, params, files)
                if fault and fault.get("accept_then_status") and reply.status == 200:
                    reply = self._fault_reply(fault, int(fault["accept_then_status"]))
                if (
                    fault
                    and reply.status == 200
                    and (fault.get("accept_then_drop") or fault.get("accept_then_reset"))
                ):
                    reply = Reply(drop=True, reset=bool(fault.get("accept_then_reset")))  # stored, no answer
            recorded = self._record(method, params, files, reply)
        if fault and fault.get("accept_then_delay"):  # stored, but the answer comes too late
            self.clock.sleep(float(fault["accept_then_delay"]))
        return recorded

    def _take_fault(self, key: str, chat_id: Any) -> dict | None:
        """Consume the first queued fault matching this method and chat."""
        for fault in self.faults:
            if fault["method"] is None and key == "getupdates":
                continue
            if fault["method"] not in (None, key):
                continue
            if fault.get("chat_id") is not None and str(fault["chat_id"]) != str(chat_id):
                continue
            fault["times"] -= 1
            if fault["times"] <= 0:
                self.faults.remove(fault)
            return fault
        return None

    def _fault_reply(self, fault: dict, status: int) -> Reply:
        """The error answer a fault asks for."""
        if fault.get("html"):
            return Reply.html(status)
        parameters = {}
        if status == 429:
            parameters["retry_after"] = int(fault.get("retry_after", 1))
        if fault.get("migrate_to_chat_id") is not None:
            parameters["migrate_to_chat_id"] = int(fault["migrate_to_chat_id"])
            fault.setdefault("description", "Bad Request: group chat was upgraded to a supergroup")
        default = FAULT_DESCRIPTIONS.get(status, HTTPStatus(status).phrase)
        description = fault.get("description") or default.format(**parameters)
        return Reply.error(ApiError(status, description, parameters or None))

    def _record(self, method: str, params: dict, files: dict, reply: Reply) -> Reply:
        """Append the request to the call log and update the counters."""
        logged = dict(params)
        for name, upload in files.items():
            logged[name] = {k: v for k, v in upload.items() if k != "content"}
            logged[name]["file_size"] = len(upload["content"])
        status = 0 if reply.drop else reply.status
        self.calls.append(
            {
                "seq": len(self.calls) + 1,
                "t": time.monotonic(),
                "clock": self.clock.now(),
                "method": method,
                "params": logged,
                "status": status,
                "response": reply.payload,
            }
        )
        by_method, by_status = self.stats["by_method"], self.stats["by_status"]
        by_method[method] = by_method.get(method, 0) + 1
        by_status[str(status)] = by_status.get(str(status), 0) + 1
        self.stats["http_429"] += status == 429
        return reply

    def _call_method(self, token: str, key: str, params: dict, files: dict) -> Reply:
        """Run the emulated method, turning ApiError into an error reply."""
        try:
            if not TOKEN_RE.match(token) or token in self.config["revoked_tokens"]:
                raise ApiError(401, "Unauthorized")
            handler = self.methods.get(key)
            if handler is None:
                raise ApiError(404, "Not Found: method not found")
            if params.get("chat_id") is not None:
                self._check_chat(params["chat_id"], params)
            return Reply.ok(handler(params, files))
        except ApiError as exc:
            return Reply.error(exc)
        except (KeyError, TypeError, ValueError) as exc:
            return Reply.error(ApiError(400, f"Bad Request: invalid parameters: {exc}"))

    def _check_chat(self, chat_id: Any, params: dict) -> None:
        """Refuse requests to chats (or forum topics) the test marked gone, closed or migrated."""
        info = self.chats.get(chat_key(chat_id), {})
        if info.get("gone"):
            default = (
                "Forbidden: bot was blocked by the user"
                if isinstance(chat_id, int) and chat_id > 0
                else "Forbidden: bot was kicked from the group chat"
            )
            raise ApiError(int(info.get("status", 403)), info.get("description", default))
        thread = params.get("message_thread_id")
        if thread is not None and int(thread) in info.get("closed_topics", ()):
            raise ApiError(400, "Bad Request: TOPIC_CLOSED")
        if info.get("migrated_to") is not None:
            raise ApiError(
                400,
                "Bad Request: group chat was upgraded to a supergroup chat",
                {"migrate_to_chat_id": int(info["migrated_to"])},
            )

    def _check_limits(self, chat_id: Any) -> None:
        """Raise 429 if sending one more message would break Telegram's flood limits."""
        if not self.config["enforce_limits"]:
            return
        cfg, now = self.config, self.clock.now()
        limiters = [self.limiters.setdefault("*", SlidingWindow(cfg["global_per_second"], 1.0))]
        if isinstance(chat_id, int) and chat_id > 0:
            bucket = TokenBucket(cfg["private_burst"], cfg["private_per_second"])
        else:
            bucket = SlidingWindow(cfg["group_per_minute"], 60.0)
        limiters.append(self.limiters.setdefault(chat_id, bucket))
        wait = max(limiter.wait(now) for limiter in limiters)
        if wait > 0:
            retry_after = max(1, int(-(-wait // 1)))
            raise ApiError(429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after})
        for limiter in limiters:
            limiter.take(now)

    def shutdown(self) -> None:
        """Wake every long poll so the server can stop."""
        with self.lock:
            self.closing = True
            self.cond.notify_all()
