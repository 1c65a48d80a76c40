"""Telegram handlers that change what a chat receives and how (admins only in groups)."""

from __future__ import annotations

from telegram import Update

from answers import settings
from answers import subscriptions as subs
from handlers.common import answer
from handlers.context import RaqibContext


async def subscribe(update: Update, context: RaqibContext) -> None:
    """/subscribe town|actor|type NAME, near NAME KM [min_killed N]"""
    await answer(update, context, subs.subscribe, changes_chat=True)


async def unsubscribe(update: Update, context: RaqibContext) -> None:
    """/unsubscribe town|actor|type|near NAME"""
    await answer(update, context, subs.unsubscribe, changes_chat=True)


async def subscriptions(update: Update, context: RaqibContext) -> None:
    """/subscriptions"""
    await answer(update, context, subs.subscriptions)


async def mute(update: Update, context: RaqibContext) -> None:
    """/mute 2h | off"""
    await answer(update, context, settings.mute, changes_chat=True)


async def quiet(update: Update, context: RaqibContext) -> None:
    """/quiet 23:00-07:00 [zone] | off"""
    await answer(update, context, settings.quiet, changes_chat=True)


async def digest(update: Update, context: RaqibContext) -> None:
    """/digest hourly|daily|off"""
    await answer(update, context, settings.digest, changes_chat=True)


async def lang(update: Update, context: RaqibContext) -> None:
    """/lang ar|en"""
    await answer(update, context, subs.lang, changes_chat=True)
