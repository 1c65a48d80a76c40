"""Who may change a chat's subscriptions and settings (docs/reliability.md §3.6).

Private chats: the user. Channels: whoever can post (only admins can). Groups: the group's admins, asked
with getChatMember (cached for a minute, so a demoted admin loses access within it), or an anonymous
admin of this very group (the message comes "from" the group itself). Forwarded commands, commands
sent through inline bots and posts made as another chat are refused."""

from __future__ import annotations

import logging
import time

from telegram import Update
from telegram.constants import ChatMemberStatus
from telegram.error import TelegramError

from handlers.context import RaqibContext

logger = logging.getLogger(__name__)

CACHE_SECONDS = 60.0
_MAX_CACHED = 10_000
_ADMIN_STATUSES = {ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR}
_cache: dict[tuple[int, int], tuple[float, bool]] = {}


async def may_change_chat(update: Update, context: RaqibContext) -> bool:
    """Whether the sender of this update may change what its chat receives."""
    chat, message, user = update.effective_chat, update.effective_message, update.effective_user
    if chat is None:
        return False
    if chat.type == chat.PRIVATE or chat.type == chat.CHANNEL:
        return True
    if message is not None and update.callback_query is None:
        if message.forward_origin is not None or message.via_bot is not None:
            return False
        if message.sender_chat is not None:  # anonymous admin of this group, or a channel posting as itself
            return message.sender_chat.id == chat.id
    if user is None:
        return False
    return await _is_admin(context, chat.id, user.id)


async def _is_admin(context: RaqibContext, chat_id: int, user_id: int) -> bool:
    now = time.monotonic()
    cached = _cache.get((chat_id, user_id))
    if cached and now - cached[0] < CACHE_SECONDS:
        return cached[1]
    try:
        member = await context.bot.get_chat_member(chat_id, user_id)
    except TelegramError as exc:  # cannot tell: refuse, and say so in the log
        logger.warning("getChatMember(%d, %d) failed: %s", chat_id, user_id, exc)
        return False
    allowed = member.status in _ADMIN_STATUSES
    if len(_cache) >= _MAX_CACHED:
        _cache.clear()
    _cache[(chat_id, user_id)] = (now, allowed)
    return allowed
