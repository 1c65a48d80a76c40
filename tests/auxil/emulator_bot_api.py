"""The Bot API methods the Telegram emulator implements, as a mixin over its state."""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

from tests.auxil.emulator_markup import MarkupError, check_text

BOT_USER = {
    "id": 1000001,
    "is_bot": True,
    "first_name": "Raqib Test",
    "username": "raqib_test_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": True,  # as after /setinline in BotFather
}
BOT_SENDER = {k: BOT_USER[k] for k in ("id", "is_bot", "first_name", "username")}
TOKEN_RE = re.compile(r"^\d+:[A-Za-z0-9_-]+$")
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
MAX_CALLBACK_DATA_BYTES = 64


class ApiError(Exception):
    """A Bot API error answer: HTTP status, description and optional parameters."""

    def __init__(self, status: int, description: str, parameters: dict | None = None):
        super().__init__(description)
        self.status, self.description, self.parameters = status, description, parameters


@dataclass
class Reply:
    """What the HTTP layer should send back; drop=True closes the socket without answering (reset=True:
    with a TCP reset instead of an orderly close)."""

    status: int = 200
    body: bytes = b""
    content_type: str = "application/json"
    drop: bool = False
    reset: bool = False
    payload: Any = None  # decoded body, for the call log

    @classmethod
    def json(cls, status: int, payload: Any) -> Reply:
        """A JSON reply."""
        return cls(status, json.dumps(payload).encode(), payload=payload)

    @classmethod
    def ok(cls, result: Any) -> Reply:
        """A successful Bot API reply."""
        return cls.json(200, {"ok": True, "result": result})

    @classmethod
    def error(cls, exc: ApiError) -> Reply:
        """A failed Bot API reply."""
        body = {"ok": False, "error_code": exc.status, "description": exc.description}
        if exc.parameters:
            body["parameters"] = exc.parameters
        return cls.json(exc.status, body)

    @classmethod
    def html(cls, status: int) -> Reply:
        """An HTML error page like the one a proxy in front of Telegram sends."""
        text = f"<html>{HTTPStatus(status).phrase}</html>"
        return cls(status, text.encode(), "text/html", payload={"html": text})


def chat_key(value: Any) -> int | str:
    """Normalise a chat id: integers stay integers, "@name" stays a string."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return str(value)


class BotApiMethods:
    """api_<lowercased method> handlers plus message helpers.

    Runs with the Emulator's lock held; uses the state Emulator.reset() creates
    (messages, message_index, chats, files, commands, updates, stats) and its
    _allocate_message_id, _chat_object and _check_limits.
    """

    def _check_reply_markup(self, markup: Any) -> None:
        """Reject callback data longer than Telegram allows."""
        for row in (markup or {}).get("inline_keyboard", []) if isinstance(markup, dict) else []:
            for button in row:
                data = button.get("callback_data")
                if data is not None and len(str(data).encode()) > MAX_CALLBACK_DATA_BYTES:
                    raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")

    def _reply_to(self, chat_id: Any, params: dict) -> dict | None:
        """The message being replied to, or 400 if it does not exist."""
        reply = params.get("reply_parameters") or {}
        message_id = reply.get("message_id", params.get("reply_to_message_id"))
        if message_id is None:
            return None
        target_key = (chat_key(reply.get("chat_id", chat_id)), int(message_id))
        target = self.message_index.get(target_key)
        allow = reply.get("allow_sending_without_reply", params.get("allow_sending_without_reply"))
        if target is None and not allow:
            raise ApiError(400, "Bad Request: message to be replied not found")
        return target

    def _store_message(self, params: dict, content: dict) -> dict:
        """Check limits, then build, store and return a bot message."""
        chat_id = params["chat_id"]
        self._check_reply_markup(params.get("reply_markup"))
        reply_to = self._reply_to(chat_id, params)
        self._check_limits(chat_id)
        message = {
            "message_id": self._allocate_message_id(chat_id),
            "date": int(time.time()),
            "chat": self._chat_object(chat_id),
            "from": BOT_SENDER,
            **content,
        }
        if params.get("message_thread_id") is not None:
            message["message_thread_id"] = int(params["message_thread_id"])
        if reply_to is not None:
            nested = {k: v for k, v in reply_to.items() if k != "reply_to_message"}
            message["reply_to_message"] = nested
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        self.messages.append(message)
        self.message_index[(chat_id, message["message_id"])] = message
        self.stats["sent"] += 1
        return message

    def _text_content(self, params: dict, key: str = "text", caption: bool = False) -> dict:
        """Validated text (or caption) plus entities, as Telegram would store them."""
        try:
            plain, entities = check_text(params.get(key), params.get("parse_mode"), caption=caption)
        except MarkupError as exc:
            raise ApiError(400, str(exc)) from None
        if not plain:
            return {}
        content = {key: plain}
        if entities:
            content["caption_entities" if caption else "entities"] = entities
        return content

    def _bot_message(self, params: dict) -> dict:
        """The stored bot message a method refers to by chat_id and message_id."""
        key = (params["chat_id"], int(params["message_id"]))
        message = self.message_index.get(key)
        if message is None or message.get("from") is not BOT_SENDER:
            return {}
        return message

    def api_sendmessage(self, params: dict, files: dict) -> dict:
        """sendMessage."""
        return self._store_message(params, self._text_content(params))

    def api_senddocument(self, params: dict, files: dict) -> dict:
        """sendDocument."""
        document = self._file_object("document", params, files)
        return self._store_message(
            params, {"document": document, **self._text_content(params, "caption", True)}
        )

    def api_sendphoto(self, params: dict, files: dict) -> dict:
        """sendPhoto."""
        photo = self._file_object("photo", params, files)
        sizes = [{**{k: photo[k] for k in ("file_id", "file_unique_id")}, "width": 0, "height": 0}]
        sizes[0]["file_size"] = photo.get("file_size", 0)
        return self._store_message(params, {"photo": sizes, **self._text_content(params, "caption", True)})

    def _file_object(self, field_name: str, params: dict, files: dict) -> dict:
        """Store an uploaded file (or look up a file_id) and describe it as a Document."""
        value = params.get(field_name)
        if isinstance(value, str) and value.startswith("attach://"):
            upload = files.get(value[len("attach://") :])
        else:
            upload = files.get(field_name)
        if upload is None:
            if not isinstance(value, str) or not value:
                raise ApiError(400, f"Bad Request: there is no {field_name} in the request")
            known = self.files.get(value, {"file_id": value, "file_unique_id": value})
            return {k: v for k, v in known.items() if k != "content" and v is not None}
        if len(upload["content"]) > MAX_DOCUMENT_BYTES:
            raise ApiError(413, "Request Entity Too Large")
        file_id = f"{field_name}-{len(self.files) + 1}"
        described = {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "file_name": upload["filename"],
            "mime_type": upload["mime_type"],
            "file_size": len(upload["content"]),
        }
        self.files[file_id] = {**described, "content": upload["content"]}
        return {k: v for k, v in described.items() if v is not None}

    def api_editmessagetext(self, params: dict, files: dict) -> dict:
        """editMessageText."""
        if params.get("inline_message_id"):
            raise ApiError(400, "Bad Request: inline messages are not emulated")
        message = self._bot_message(params)
        if not message:
            raise ApiError(400, "Bad Request: message to edit not found")
        content = self._text_content(params)
        markup = params.get("reply_markup") or None
        self._check_reply_markup(markup)
        same_text = content.get("text") == message.get("text")
        if same_text and content.get("entities") == message.get("entities"):
            if markup == message.get("reply_markup"):
                raise ApiError(
                    400,
                    "Bad Request: message is not modified: specified new message content and "
                    "reply markup are exactly the same as a current content and reply markup "
                    "of the message",
                )
        message.pop("entities", None)
        message.pop("reply_markup", None)
        message.update(content, edit_date=int(time.time()))
        if markup:
            message["reply_markup"] = markup
        return message

    def api_editmessagereplymarkup(self, params: dict, files: dict) -> dict:
        """editMessageReplyMarkup."""
        message = self._bot_message(params)
        if not message:
            raise ApiError(400, "Bad Request: message to edit not found")
        markup = params.get("reply_markup") or None
        if markup == message.get("reply_markup"):
            raise ApiError(400, "Bad Request: message is not modified")
        self._check_reply_markup(markup)
        message.pop("reply_markup", None)
        if markup:
            message["reply_markup"] = markup
        message["edit_date"] = int(time.time())
        return message

    def api_deletemessage(self, params: dict, files: dict) -> bool:
        """deleteMessage."""
        message = self._bot_message(params)
        if not message:
            raise ApiError(400, "Bad Request: message to delete not found")
        self.messages = [m for m in self.messages if m is not message]
        del self.message_index[(params["chat_id"], message["message_id"])]
        return True

    # ----- other methods -------------------------------------------------------------------

    def api_getme(self, params: dict, files: dict) -> dict:
        """getMe."""
        return BOT_USER

    def api_getupdates(self, params: dict, files: dict) -> list[dict]:
        """getUpdates with long polling; updates below offset are confirmed and dropped.

        A newer getUpdates ends a waiting one with 409 Conflict, as Telegram does when two
        bot instances poll at once; so does any getUpdates while a webhook is set.
        """
        if self.webhook is not None:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to "
                "delete the webhook first",
            )
        self.poll_generation += 1
        generation = self.poll_generation
        self.cond.notify_all()
        offset = int(params.get("offset") or 0)
        limit = min(max(int(params.get("limit") or 100), 1), 100)
        allowed = params.get("allowed_updates") or None
        if offset > 0:
            self.updates = [u for u in self.updates if u["update_id"] >= offset]
        elif offset < 0:
            self.updates = self.updates[offset:]
        deadline = time.monotonic() + float(params.get("timeout") or 0)
        while True:
            pending = [u for u in self.updates if not allowed or set(u) & set(allowed)][:limit]
            remaining = deadline - time.monotonic()
            if pending or remaining <= 0 or self.closing:
                return pending
            self.cond.wait(remaining)
            if self.poll_generation != generation:
                raise ApiError(
                    409,
                    "Conflict: terminated by other getUpdates request; make sure that only one "
                    "bot instance is running",
                )

    def _commands_key(self, params: dict) -> tuple[str, str]:
        """Commands are stored per (scope, language_code)."""
        scope = params.get("scope") or {"type": "default"}
        return json.dumps(scope, sort_keys=True), params.get("language_code") or ""

    def api_setmycommands(self, params: dict, files: dict) -> bool:
        """setMyCommands."""
        self.commands[self._commands_key(params)] = list(params.get("commands") or [])
        return True

    def api_getmycommands(self, params: dict, files: dict) -> list:
        """getMyCommands."""
        return self.commands.get(self._commands_key(params), [])

    def api_deletemycommands(self, params: dict, files: dict) -> bool:
        """deleteMyCommands."""
        self.commands.pop(self._commands_key(params), None)
        return True

    def api_sendchataction(self, params: dict, files: dict) -> bool:
        """sendChatAction."""
        return True

    def api_answercallbackquery(self, params: dict, files: dict) -> bool:
        """answerCallbackQuery."""
        if not params.get("callback_query_id"):
            raise ApiError(400, "Bad Request: query is too old and response timeout expired")
        return True

    def api_getchat(self, params: dict, files: dict) -> dict:
        """getChat (a ChatFullInfo)."""
        gifts = dict.fromkeys(
            ("unlimited_gifts", "limited_gifts", "unique_gifts", "premium_subscription"), False
        )
        gifts["gifts_from_channels"] = False
        chat = self._chat_object(params["chat_id"])
        extra = {"accent_color_id": 0, "max_reaction_count": 11, "accepted_gift_types": gifts}
        return {**chat, **extra}

    def _member(self, chat_id: Any, user_id: int) -> dict:
        """A ChatMember: administrator if the test listed the user as admin, else member."""
        user = {"id": user_id, "is_bot": user_id == BOT_USER["id"], "first_name": f"User {user_id}"}
        admins = self.chats.get(chat_id, {}).get("admins") or []
        is_private = isinstance(chat_id, int) and chat_id > 0
        if is_private or user_id not in [int(a) for a in admins]:
            return {"status": "member", "user": user}
        rights = (
            "can_manage_chat can_delete_messages can_manage_video_chats can_restrict_members "
            "can_promote_members can_change_info can_invite_users can_post_stories "
            "can_edit_stories can_delete_stories"
        ).split()
        member = {"status": "administrator", "user": user, "can_be_edited": False}
        return {**member, "is_anonymous": False, **dict.fromkeys(rights, True)}

    def api_getchatmember(self, params: dict, files: dict) -> dict:
        """getChatMember."""
        return self._member(params["chat_id"], int(params["user_id"]))

    def api_getchatadministrators(self, params: dict, files: dict) -> list[dict]:
        """getChatAdministrators."""
        admins = self.chats.get(params["chat_id"], {}).get("admins") or []
        return [self._member(params["chat_id"], int(a)) for a in admins]

    def api_getfile(self, params: dict, files: dict) -> dict:
        """getFile for files uploaded to the emulator."""
        stored = self.files.get(params.get("file_id", ""))
        if stored is None:
            raise ApiError(400, "Bad Request: invalid file_id")
        return {
            "file_id": stored["file_id"],
            "file_unique_id": stored["file_unique_id"],
            "file_size": stored["file_size"],
            "file_path": f"documents/{stored['file_id']}",
        }

    def file_content(self, token: str, path: str) -> Reply:
        """Serve the bytes of an uploaded file under /file/bot<token>/documents/<file_id>."""
        with self.lock:
            stored = self.files.get(path.rsplit("/", 1)[-1])
        if not TOKEN_RE.match(token) or stored is None:
            return Reply.error(ApiError(404, "Not Found"))
        mime = stored.get("mime_type") or "application/octet-stream"
        return Reply(200, stored["content"], mime)

    def api_close(self, params: dict, files: dict) -> bool:
        """close."""
        return True

    def api_logout(self, params: dict, files: dict) -> bool:
        """logOut."""
        return True
