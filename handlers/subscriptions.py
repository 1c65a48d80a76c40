"""Telegram handlers that change what a chat receives."""

from __future__ import annotations

from telegram import Update

from answers import subscriptions as subs
from handlers.common import answer
from handlers.context import RaqibContext


async def subscribe(update: Update, context: RaqibContext) -> None:
    """/subscribe town|actor|type NAME"""
    await answer(update, context, subs.subscribe)


async def unsubscribe(update: Update, context: RaqibContext) -> None:
    """/unsubscribe town|actor|type NAME"""
    await answer(update, context, subs.unsubscribe)


async def subscriptions(update: Update, context: RaqibContext) -> None:
    """/subscriptions"""
    await answer(update, context, subs.subscriptions)


async def lang(update: Update, context: RaqibContext) -> None:
    """/lang ar|en"""
    await answer(update, context, subs.lang)
