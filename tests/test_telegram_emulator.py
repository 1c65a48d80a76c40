"""The Bot API emulator, driven by python-telegram-bot itself over real HTTP."""

from __future__ import annotations

import asyncio
import datetime as dtm
import subprocess
import sys
import threading
import time
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllPrivateChats,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    Update,
)
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Conflict,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TimedOut,
)
from telegram.ext import Application, ApplicationBuilder, CallbackQueryHandler, CommandHandler
from telegram.warnings import PTBDeprecationWarning

from tests.auxil.emulator_client import EmulatorClient
from tests.auxil.emulator_fixture import REPO_ROOT
from tests.auxil.telegram_emulator import EmulatorServer

pytestmark = pytest.mark.timeout(60)

TOKEN = "123456:TEST-token_abc"
USER = 777
SLOW_CLOCK = 0.1  # limit tests run the emulator clock 10x slower, so slow machines can't flake


def make_bot(client: EmulatorClient) -> Bot:
    """A PTB Bot pointed at the emulator."""
    return Bot(TOKEN, base_url=client.bot_base_url, base_file_url=client.file_base_url)


def with_bot(client: EmulatorClient, action: Callable[[Bot], Awaitable[Any]]) -> Any:
    """Run one coroutine against an initialised Bot and return its result."""

    async def scenario() -> Any:
        async with make_bot(client) as bot:
            return await action(bot)

    return asyncio.run(scenario())


def build_app(client: EmulatorClient) -> Application:
    """A real Application talking to the emulator."""
    return (
        ApplicationBuilder()
        .token(TOKEN)
        .base_url(client.bot_base_url)
        .base_file_url(client.file_base_url)
        .build()
    )


async def run_app_until(app: Application, body: Callable[[], Any]) -> Any:
    """Start polling, run a blocking `body` in a thread, then stop the Application cleanly."""
    async with app:
        await app.start()
        await app.updater.start_polling(poll_interval=0.05, timeout=1)
        try:
            return await asyncio.to_thread(body)
        finally:
            await app.updater.stop()
            await app.stop()


# ----- basics ------------------------------------------------------------------------------


def test_get_me(telegram_emulator: EmulatorClient) -> None:
    me = with_bot(telegram_emulator, lambda bot: bot.get_me())
    assert me.id == 1000001
    assert me.username == "raqib_test_bot"
    assert me.can_join_groups is True
    assert [c["method"] for c in telegram_emulator.calls()] == ["getMe", "getMe"]


def test_malformed_token_is_invalid_token(telegram_emulator: EmulatorClient) -> None:
    async def scenario() -> None:
        async with Bot("not-a-token", base_url=telegram_emulator.bot_base_url):
            pass  # initialize() calls getMe

    with pytest.raises(InvalidToken, match="rejected by the server"):
        asyncio.run(scenario())


def test_a_revoked_token_is_refused_at_every_method(telegram_emulator: EmulatorClient) -> None:
    telegram_emulator.configure(revoked_tokens=[TOKEN])
    with pytest.raises(InvalidToken, match="rejected by the server"):
        with_bot(telegram_emulator, lambda bot: bot.get_me())
    assert telegram_emulator.calls()[-1]["status"] == 401

    async def other_token() -> Any:
        async with Bot("654321:OTHER-token_abc", base_url=telegram_emulator.bot_base_url) as bot:
            return await bot.get_me()

    assert asyncio.run(other_token()).id == 1000001


def test_send_message_is_recorded_and_returns_message(telegram_emulator: EmulatorClient) -> None:
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("More", callback_data="more:1")]])
    message = with_bot(
        telegram_emulator,
        lambda bot: bot.send_message(USER, "<b>خبر</b> &amp; more", parse_mode="HTML", reply_markup=keyboard),
    )
    assert message.message_id == 1
    assert message.chat.id == USER
    assert message.chat.type == "private"
    assert message.text == "خبر & more"
    assert message.entities[0].type == "bold"
    assert message.from_user.is_bot
    assert message.reply_markup == keyboard

    [call] = telegram_emulator.calls("sendMessage", chat_id=USER)
    assert call["params"]["text"] == "<b>خبر</b> &amp; more"
    assert call["params"]["chat_id"] == USER
    assert call["params"]["reply_markup"] == {
        "inline_keyboard": [[{"text": "More", "callback_data": "more:1"}]]
    }
    assert call["status"] == 200
    assert call["response"]["result"]["message_id"] == 1
    [stored] = telegram_emulator.messages(USER)
    assert stored["text"] == "خبر & more"
    assert telegram_emulator.stats()["sent"] == 1


def test_message_ids_increase_per_chat(telegram_emulator: EmulatorClient) -> None:
    async def send_three(bot: Bot) -> list[int]:
        first = await bot.send_message(1, "a")
        second = await bot.send_message(1, "b")
        other = await bot.send_message(-1001234567890, "c", message_thread_id=7)
        assert other.chat.type == "supergroup"
        assert other.message_thread_id == 7
        return [first.message_id, second.message_id, other.message_id]

    assert with_bot(telegram_emulator, send_three) == [1, 2, 1]


def test_json_get_and_case_insensitive_requests(telegram_emulator: EmulatorClient) -> None:
    base = f"{telegram_emulator.bot_base_url}{TOKEN}"
    with httpx.Client(trust_env=False) as http:
        by_json = http.post(f"{base}/SENDMESSAGE", json={"chat_id": "5", "text": "123"}).json()
        by_get = http.get(f"{base}/sendMessage", params={"chat_id": 5, "text": "true"}).json()
        unknown = http.post(f"{base}/noSuchMethod")
    assert by_json["result"]["text"] == "123"
    assert by_json["result"]["chat"]["id"] == 5
    assert by_get["result"]["text"] == "true"
    assert by_get["result"]["message_id"] == 2
    assert unknown.status_code == 404


@pytest.mark.parametrize(
    ("text", "parse_mode", "error"),
    [
        ("", None, "message text is empty"),
        ("   \n", None, "message text is empty"),
        ("a" * 4097, None, "message is too long"),
        ("😀" * 2049, None, "message is too long"),  # 4098 UTF-16 code units
        ("&lt;" * 4097, "HTML", "message is too long"),
        ("<foo>x</foo>", "HTML", "can't parse entities"),
        ("a & b", "HTML", "can't parse entities"),
        ("1 < 2", "HTML", "can't parse entities"),
        ("<b>x", "HTML", "can't parse entities"),
        ("<b>x</i>", "HTML", "can't parse entities"),
        ("<span>x</span>", "HTML", "can't parse entities"),
    ],
)
def test_send_message_validation(
    telegram_emulator: EmulatorClient, text: str, parse_mode: str | None, error: str
) -> None:
    with pytest.raises(BadRequest, match=f"(?i){error}"):
        with_bot(telegram_emulator, lambda bot: bot.send_message(1, text, parse_mode=parse_mode))
    assert telegram_emulator.messages() == []


@pytest.mark.parametrize(
    ("text", "parse_mode", "visible"),
    [
        ("a" * 4096, None, "a" * 4096),
        ("😀" * 2048, None, "😀" * 2048),
        ("<b>" + "a" * 4096 + "</b>", "HTML", "a" * 4096),
        ("&lt;" * 4096, "HTML", "<" * 4096),
        ("<b>x</b>", None, "<b>x</b>"),
        (
            '<span class="tg-spoiler">s</span> <a href="https://x.example/?a=1&amp;b=2">l</a> '
            "<tg-spoiler>t</tg-spoiler> <pre><code>c</code></pre> &#1575; &quot;",
            "HTML",
            's l t c ا "',
        ),
    ],
)
def test_send_message_accepts_valid_text(
    telegram_emulator: EmulatorClient, text: str, parse_mode: str | None, visible: str
) -> None:
    message = with_bot(telegram_emulator, lambda bot: bot.send_message(1, text, parse_mode=parse_mode))
    assert message.text == visible


def test_html_entities_are_returned(telegram_emulator: EmulatorClient) -> None:
    text = 'x <a href="https://e.example/?q=1&amp;r=2">link</a> <i>😀y</i>'
    message = with_bot(telegram_emulator, lambda bot: bot.send_message(1, text, parse_mode="HTML"))
    link, italic = message.entities
    assert (link.type, link.offset, link.length, link.url) == (
        "text_link",
        2,
        4,
        "https://e.example/?q=1&r=2",
    )
    assert (italic.type, italic.offset, italic.length) == ("italic", 7, 3)
    assert message.text_html == 'x <a href="https://e.example/?q=1&r=2">link</a> <i>😀y</i>'


def test_edit_and_delete_message(telegram_emulator: EmulatorClient) -> None:
    async def scenario(bot: Bot) -> None:
        sent = await bot.send_message(1, "draft")
        edited = await bot.edit_message_text("final", chat_id=1, message_id=sent.message_id)
        assert edited.text == "final"
        assert edited.edit_date is not None
        with pytest.raises(BadRequest, match="(?i)message is not modified"):
            await bot.edit_message_text("final", chat_id=1, message_id=sent.message_id)
        with pytest.raises(BadRequest, match="(?i)message to edit not found"):
            await bot.edit_message_text("x", chat_id=1, message_id=99)
        other = await bot.send_message(1, "to delete")
        assert await bot.delete_message(1, other.message_id) is True
        with pytest.raises(BadRequest, match="(?i)message to delete not found"):
            await bot.delete_message(1, other.message_id)

    with_bot(telegram_emulator, scenario)
    assert [m["text"] for m in telegram_emulator.messages(1)] == ["final"]


def test_send_document_and_download(telegram_emulator: EmulatorClient) -> None:
    content = b"date,event\r\n2024-01-01,\x00\xff\r\n"

    async def scenario(bot: Bot) -> tuple[Any, bytes]:
        message = await bot.send_document(
            -1001,
            document=content,
            filename="تقرير.csv",
            caption="<b>Export</b>",
            parse_mode="HTML",
        )
        file = await bot.get_file(message.document.file_id)
        return message, bytes(await file.download_as_bytearray())

    message, downloaded = with_bot(telegram_emulator, scenario)
    assert message.document.file_name == "تقرير.csv"
    assert message.document.mime_type == "text/csv"
    assert message.document.file_size == len(content)
    assert message.caption == "Export"
    assert downloaded == content
    [call] = telegram_emulator.calls("sendDocument")
    assert call["params"]["document"] == {
        "filename": "تقرير.csv",
        "mime_type": "text/csv",
        "file_size": len(content),
    }


def test_send_photo(telegram_emulator: EmulatorClient) -> None:
    message = with_bot(telegram_emulator, lambda bot: bot.send_photo(1, photo=b"\x89PNG fake", caption="map"))
    assert message.photo[0].file_size == 9
    assert message.caption == "map"


def test_commands_chat_actions_and_webhook(telegram_emulator: EmulatorClient) -> None:
    async def scenario(bot: Bot) -> None:
        await bot.set_my_commands([BotCommand("start", "Start")])
        await bot.set_my_commands(
            [BotCommand("help", "مساعدة")],
            scope=BotCommandScopeAllPrivateChats(),
            language_code="ar",
        )
        assert [c.command for c in await bot.get_my_commands()] == ["start"]
        scoped = await bot.get_my_commands(scope=BotCommandScopeAllPrivateChats(), language_code="ar")
        assert [(c.command, c.description) for c in scoped] == [("help", "مساعدة")]
        assert await bot.delete_my_commands() is True
        assert await bot.get_my_commands() == ()
        assert await bot.send_chat_action(1, "typing") is True
        info = await bot.get_webhook_info()
        assert info.url == ""
        assert await bot.delete_webhook(drop_pending_updates=True) is True

    with_bot(telegram_emulator, scenario)


def test_chat_members_follow_admin_list(telegram_emulator: EmulatorClient) -> None:
    telegram_emulator.set_chat(-100777, admins=[5])

    async def scenario(bot: Bot) -> None:
        assert (await bot.get_chat_member(-100777, 5)).status == "administrator"
        assert (await bot.get_chat_member(-100777, 6)).status == "member"
        assert (await bot.get_chat_member(42, 42)).status == "member"
        [admin] = await bot.get_chat_administrators(-100777)
        assert admin.user.id == 5
        chat = await bot.get_chat(-100777)
        assert chat.type == "group"

    with_bot(telegram_emulator, scenario)


# ----- updates -----------------------------------------------------------------------------


def test_get_updates_confirms_with_offset(telegram_emulator: EmulatorClient) -> None:
    telegram_emulator.send_message(USER, "/start")
    telegram_emulator.send_message(USER, "hello", first_name="Sami")

    async def scenario(bot: Bot) -> None:
        updates = await bot.get_updates()
        assert [u.message.text for u in updates] == ["/start", "hello"]
        assert updates[0].message.entities[0].type == "bot_command"
        assert updates[1].message.from_user.first_name == "Sami"
        assert await bot.get_updates(offset=updates[-1].update_id + 1) == ()

    with_bot(telegram_emulator, scenario)
    assert telegram_emulator.pending_updates() == []


def test_long_poll_wakes_on_new_update(telegram_emulator: EmulatorClient) -> None:
    timer = threading.Timer(0.3, telegram_emulator.send_message, args=(USER, "late"))

    async def scenario(bot: Bot) -> float:
        started = time.monotonic()
        timer.start()
        updates = await bot.get_updates(timeout=5)
        assert [u.message.text for u in updates] == ["late"]
        return time.monotonic() - started

    assert with_bot(telegram_emulator, scenario) < 3
    [call] = telegram_emulator.calls("getUpdates")
    assert call["params"]["timeout"] == 5


def test_second_poller_conflicts_with_the_first(telegram_emulator: EmulatorClient) -> None:
    async def scenario(bot: Bot) -> None:
        waiting = asyncio.create_task(bot.get_updates(timeout=5))
        await asyncio.sleep(0.3)
        async with make_bot(telegram_emulator) as second_instance:
            assert await second_instance.get_updates(timeout=0) == ()
        with pytest.raises(Conflict, match="only one bot instance"):
            await waiting

    with_bot(telegram_emulator, scenario)


def test_command_reaches_handler_through_long_polling(telegram_emulator: EmulatorClient) -> None:
    client = telegram_emulator

    async def start(update: Update, context: object) -> None:
        await update.message.reply_text(f"أهلا {update.effective_user.first_name}")

    app = build_app(client)
    app.add_handler(CommandHandler("start", start))

    def body() -> list[dict]:
        client.send_message(USER, "/start", first_name="Lina", language_code="ar")
        return client.wait_for_messages(USER, 1)

    [reply] = asyncio.run(run_app_until(app, body))
    assert reply["text"] == "أهلا Lina"
    assert client.pending_updates() == []
    [call] = client.calls("sendMessage", chat_id=USER)
    assert call["params"]["text"] == "أهلا Lina"
    assert client.calls("deleteWebhook")
    assert all(c["params"]["timeout"] in (0, 1) for c in client.calls("getUpdates"))


def test_button_press_reaches_callback_handler(telegram_emulator: EmulatorClient) -> None:
    client = telegram_emulator
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Details", callback_data="d:1")]])

    async def show(update: Update, context: object) -> None:
        await update.message.reply_text("summary", reply_markup=keyboard)

    async def details(update: Update, context: object) -> None:
        await update.callback_query.answer()
        await update.callback_query.edit_message_text(f"details for {update.callback_query.data}")

    app = build_app(client)
    app.add_handler(CommandHandler("show", show))
    app.add_handler(CallbackQueryHandler(details))

    def edited(items: list[dict]) -> bool:
        return bool(items) and items[0]["text"].startswith("details")

    def body() -> list[dict]:
        client.send_message(-100500, "/show@raqib_test_bot", user_id=9, chat_type="supergroup")
        [summary] = client.wait_for_messages(-100500, 1)
        assert summary["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "d:1"
        client.press_button(-100500, summary["message_id"], "d:1", user_id=9)
        return client.wait_for(edited, chat_id=-100500)

    [message] = asyncio.run(run_app_until(app, body))
    assert message["text"] == "details for d:1"
    assert "reply_markup" not in message
    assert len(client.calls("answerCallbackQuery")) == 1


# ----- scripted faults ---------------------------------------------------------------------


def test_429_is_retry_after_with_deprecation_warning(
    telegram_emulator: EmulatorClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PTB_TIMEDELTA", raising=False)  # conftest sets it, as the bot does
    telegram_emulator.fault(method="sendMessage", status=429, retry_after=3)
    # PTB 22.8 reads the deprecated int `retry_after` inside RetryAfter.__init__ itself, so the
    # PTBDeprecationWarning fires while the exception is built: with filterwarnings=error it
    # would replace the RetryAfter. Set PTB_TIMEDELTA=true (next test) to avoid it.
    with pytest.warns(PTBDeprecationWarning, match="retry_after"):
        with pytest.raises(RetryAfter) as caught:
            with_bot(telegram_emulator, lambda bot: bot.send_message(1, "x"))
        assert caught.value.retry_after == 3
    assert telegram_emulator.messages() == []
    assert telegram_emulator.stats()["http_429"] == 1


def test_429_retry_after_is_timedelta_with_ptb_timedelta(
    telegram_emulator: EmulatorClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "true")
    telegram_emulator.fault(method="sendMessage", status=429, retry_after=3)
    with pytest.raises(RetryAfter) as caught:
        with_bot(telegram_emulator, lambda bot: bot.send_message(1, "x"))
    assert caught.value.retry_after == dtm.timedelta(seconds=3)


@pytest.mark.parametrize(
    ("spec", "error", "match"),
    [
        (
            {"status": 403, "description": "Forbidden: bot was blocked by the user"},
            Forbidden,
            "blocked",
        ),
        (
            {"status": 400, "description": "Bad Request: message is too long"},
            BadRequest,
            "too long",
        ),
        ({"status": 500}, NetworkError, "Internal Server Error"),
        ({"drop_connection": True}, NetworkError, "RemoteProtocolError"),
    ],
)
def test_fault_maps_to_ptb_error(
    telegram_emulator: EmulatorClient, spec: dict, error: type[Exception], match: str
) -> None:
    telegram_emulator.fault(method="sendMessage", **spec)
    with pytest.raises(error, match=match) as caught:
        with_bot(telegram_emulator, lambda bot: bot.send_message(1, "x"))
    assert type(caught.value) is error
    assert telegram_emulator.messages() == []
    # the fault is used up: the next request goes through
    with_bot(telegram_emulator, lambda bot: bot.send_message(1, "y"))
    assert [m["text"] for m in telegram_emulator.messages()] == ["y"]


def test_migrate_to_chat_id_is_chat_migrated(telegram_emulator: EmulatorClient) -> None:
    telegram_emulator.fault(method="sendMessage", status=400, migrate_to_chat_id=-100123)
    with pytest.raises(ChatMigrated) as caught:
        with_bot(telegram_emulator, lambda bot: bot.send_message(-5, "x"))
    assert caught.value.new_chat_id == -100123


def test_502_html_is_network_error_not_bad_request(telegram_emulator: EmulatorClient) -> None:
    telegram_emulator.fault(method="sendMessage", status=502, html=True)
    with pytest.raises(NetworkError, match="Bad Gateway") as caught:
        with_bot(telegram_emulator, lambda bot: bot.send_message(1, "x"))
    assert not isinstance(caught.value, BadRequest)
    assert telegram_emulator.calls("sendMessage")[0]["response"] == {"html": "<html>Bad Gateway</html>"}


def test_delay_longer_than_read_timeout_is_timed_out(telegram_emulator: EmulatorClient) -> None:
    telegram_emulator.fault(method="sendMessage", delay=1.0)
    with pytest.raises(TimedOut):
        with_bot(telegram_emulator, lambda bot: bot.send_message(1, "slow", read_timeout=0.2))
    # like Telegram, the message may still arrive after the client gave up
    [late] = telegram_emulator.wait_for_messages(1, 1, timeout=5)
    assert late["text"] == "slow"


def test_accept_then_fail_stores_the_message(telegram_emulator: EmulatorClient) -> None:
    telegram_emulator.fault(method="sendMessage", accept_then_status=502, html=True)
    with pytest.raises(NetworkError):
        with_bot(telegram_emulator, lambda bot: bot.send_message(1, "twice?"))
    assert [m["text"] for m in telegram_emulator.messages(1)] == ["twice?"]
    assert telegram_emulator.calls("sendMessage")[0]["status"] == 502


@pytest.mark.parametrize(
    ("spec", "cause"),
    [({"accept_then_drop": True}, "RemoteProtocolError"), ({"accept_then_reset": True}, "ReadError")],
)
def test_accept_then_lose_the_connection_stores_the_message(
    telegram_emulator: EmulatorClient, spec: dict, cause: str
) -> None:
    telegram_emulator.fault(method="sendMessage", **spec)
    with pytest.raises(NetworkError, match=cause) as caught:
        with_bot(telegram_emulator, lambda bot: bot.send_message(1, "arrived?"))
    assert type(caught.value.__cause__).__name__ == cause
    assert [m["text"] for m in telegram_emulator.messages(1)] == ["arrived?"]
    assert telegram_emulator.calls("sendMessage")[0]["status"] == 0


def test_faults_respect_times_and_chat(telegram_emulator: EmulatorClient) -> None:
    telegram_emulator.fault(method="sendMessage", chat_id=2, times=2, status=403)

    async def scenario(bot: Bot) -> None:
        await bot.send_message(1, "ok")
        for _ in range(2):
            with pytest.raises(Forbidden):
                await bot.send_message(2, "no")
        await bot.send_message(2, "ok again")

    with_bot(telegram_emulator, scenario)
    assert [c["status"] for c in telegram_emulator.calls("sendMessage")] == [200, 403, 403, 200]


def test_gone_and_migrated_chats(telegram_emulator: EmulatorClient) -> None:
    telegram_emulator.set_chat(USER, gone=True)
    telegram_emulator.set_chat(-200, gone=True)
    telegram_emulator.set_chat(-300, migrated_to=-100300)

    async def scenario(bot: Bot) -> None:
        with pytest.raises(Forbidden, match="blocked by the user"):
            await bot.send_message(USER, "x")
        with pytest.raises(Forbidden, match="kicked from the group chat"):
            await bot.send_message(-200, "x")
        with pytest.raises(ChatMigrated) as caught:
            await bot.send_message(-300, "x")
        assert caught.value.new_chat_id == -100300

    with_bot(telegram_emulator, scenario)
    assert telegram_emulator.messages() == []


def test_outage_then_recovery(telegram_emulator: EmulatorClient) -> None:
    async def scenario(bot: Bot) -> None:
        telegram_emulator.outage(1.5)
        with pytest.raises(NetworkError):
            await bot.send_message(1, "lost")
        await asyncio.sleep(1.6)
        await bot.send_message(1, "back")

    with_bot(telegram_emulator, scenario)
    assert [m["text"] for m in telegram_emulator.messages()] == ["back"]
    assert [c["status"] for c in telegram_emulator.calls("sendMessage")] == [0, 200]


def test_outage_can_answer_502_html(telegram_emulator: EmulatorClient) -> None:
    telegram_emulator.outage(5, mode="502")
    with pytest.raises(NetworkError, match="Bad Gateway") as caught:
        with_bot(telegram_emulator, lambda bot: bot.get_me())
    assert not isinstance(caught.value, BadRequest)


# ----- flood limits ------------------------------------------------------------------------


async def statuses(bot: Bot, chat_ids: list[int]) -> list[object]:
    """Send one message per chat id in turn; 'ok' or the RetryAfter seconds for each."""
    results: list[object] = []
    for chat_id in chat_ids:
        try:
            await bot.send_message(chat_id, "x")
            results.append("ok")
        except RetryAfter as exc:
            results.append(exc.retry_after)
    return results


@pytest.fixture
def timedelta_retry_after(monkeypatch: pytest.MonkeyPatch) -> None:
    """Opt in to PTB's future RetryAfter.retry_after type, which does not warn."""
    monkeypatch.setenv("PTB_TIMEDELTA", "true")


@pytest.mark.telegram_emulator(enforce_limits=True, time_scale=SLOW_CLOCK)
@pytest.mark.usefixtures("timedelta_retry_after")
def test_private_chat_burst_then_429(telegram_emulator: EmulatorClient) -> None:
    results = with_bot(telegram_emulator, lambda bot: statuses(bot, [1] * 4))
    assert results == ["ok", "ok", "ok", dtm.timedelta(seconds=1)]
    stats = telegram_emulator.stats()
    assert (stats["sent"], stats["http_429"]) == (3, 1)
    assert len(telegram_emulator.messages(1)) == 3


@pytest.mark.usefixtures("timedelta_retry_after")
def test_private_chat_one_per_second_and_time_scale(telegram_emulator: EmulatorClient) -> None:
    telegram_emulator.configure(enforce_limits=True, private_burst=1, time_scale=SLOW_CLOCK)
    assert with_bot(telegram_emulator, lambda bot: statuses(bot, [1, 1])) == [
        "ok",
        dtm.timedelta(seconds=1),
    ]
    telegram_emulator.configure(time_scale=20)  # 1 emulator second = 50 ms
    time.sleep(0.1)
    assert with_bot(telegram_emulator, lambda bot: statuses(bot, [1, 2])) == ["ok", "ok"]


@pytest.mark.telegram_emulator(enforce_limits=True, time_scale=SLOW_CLOCK)
@pytest.mark.usefixtures("timedelta_retry_after")
def test_group_twenty_per_minute(telegram_emulator: EmulatorClient) -> None:
    results = with_bot(telegram_emulator, lambda bot: statuses(bot, [-100555] * 21))
    assert results[:20] == ["ok"] * 20
    assert dtm.timedelta(seconds=55) <= results[20] <= dtm.timedelta(seconds=60)


@pytest.mark.telegram_emulator(enforce_limits=True, time_scale=SLOW_CLOCK)
@pytest.mark.usefixtures("timedelta_retry_after")
def test_thirty_messages_per_second_overall(telegram_emulator: EmulatorClient) -> None:
    results = with_bot(telegram_emulator, lambda bot: statuses(bot, list(range(1, 32))))
    assert results[:30] == ["ok"] * 30
    assert results[30] == dtm.timedelta(seconds=1)
    assert telegram_emulator.stats()["by_method"]["sendMessage"] == 31


# ----- the server itself -------------------------------------------------------------------


def test_in_thread_server_and_reset() -> None:
    with EmulatorServer(enforce_limits=True) as server, EmulatorClient(server.url) as client:
        assert server.url.startswith("http://127.0.0.1:")
        assert client.health() == {"ok": True}
        client.send_message(1, "hi")
        client.configure(enforce_limits=False)
        client.reset()
        assert client.pending_updates() == []
        assert client.calls() == []
        assert client.configure()["enforce_limits"] is True


def test_cli_prints_one_line_and_exits_on_sigterm() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.auxil.telegram_emulator", "--port", "0"],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stdout.readline()
        assert line.startswith("EMULATOR_URL=http://127.0.0.1:")
        with EmulatorClient(line.split("=", 1)[1].strip()) as client:
            assert client.health() == {"ok": True}
    finally:
        process.terminate()
        out, err = process.communicate(timeout=5)
    assert process.returncode == 0
    assert (out, err) == ("", "")


def test_calls_since(telegram_emulator: EmulatorClient) -> None:
    with_bot(telegram_emulator, lambda bot: bot.send_message(1, "a"))
    seen = telegram_emulator.calls()[-1]["seq"]
    with_bot(telegram_emulator, lambda bot: bot.send_message(1, "b"))
    newer = telegram_emulator.calls(since=seen)
    assert [c["method"] for c in newer] == ["getMe", "sendMessage"]
    assert newer[-1]["params"]["text"] == "b"


def test_wait_for_times_out_with_readable_dump(telegram_emulator: EmulatorClient) -> None:
    with_bot(telegram_emulator, lambda bot: bot.send_message(1, "only one"))
    with pytest.raises(AssertionError, match="only one"):
        telegram_emulator.wait_for_messages(1, 2, timeout=0.1)


# ----- inline mode ---------------------------------------------------------------------------


def _article(result_id: str, text: str = "<b>card</b>", title: str = "title") -> InlineQueryResultArticle:
    return InlineQueryResultArticle(result_id, title, InputTextMessageContent(text, parse_mode="HTML"))


def test_an_inline_query_is_answered_once_and_its_answer_kept(telegram_emulator: EmulatorClient) -> None:
    sent = telegram_emulator.send_inline_query(USER, "العشارة", language_code="en")
    [update] = telegram_emulator.pending_updates()
    assert update["inline_query"]["query"] == "العشارة"
    assert update["inline_query"]["from"] == {
        "id": USER,
        "is_bot": False,
        "first_name": "User",
        "language_code": "en",
    }
    query_id = sent["inline_query_id"]

    async def answer_twice(bot: Bot) -> None:
        await bot.answer_inline_query(query_id, [_article("1"), _article("2")], cache_time=5)
        with pytest.raises(BadRequest, match="(?i)query is too old"):
            await bot.answer_inline_query(query_id, [])

    with_bot(telegram_emulator, answer_twice)
    answer = telegram_emulator.inline_answer(query_id)
    assert [r["id"] for r in answer["results"]] == ["1", "2"]
    assert answer["cache_time"] == 5
    assert answer["results"][0]["input_message_content"]["message_text"] == "<b>card</b>"


@pytest.mark.parametrize(
    ("results", "error"),
    [
        ([_article("1"), _article("1")], "RESULT_ID_DUPLICATE"),
        ([_article(str(n)) for n in range(51)], "RESULTS_TOO_MUCH"),
        ([_article("1", text="<b>unclosed")], "can't parse entities"),
        ([_article("1", title="")], "RESULT_TITLE_EMPTY"),
    ],
)
def test_an_inline_answer_telegram_would_refuse_is_refused(
    telegram_emulator: EmulatorClient, results: list, error: str
) -> None:
    query_id = telegram_emulator.send_inline_query(USER, "x")["inline_query_id"]

    async def answer(bot: Bot) -> None:
        with pytest.raises(BadRequest, match=f"(?i){error}"):
            await bot.answer_inline_query(query_id, results)

    with_bot(telegram_emulator, answer)
    with pytest.raises(AssertionError, match="timed out"):  # a refused answer is no answer
        telegram_emulator.inline_answer(query_id, timeout=0.1)
