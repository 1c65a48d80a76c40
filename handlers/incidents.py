"""Telegram handlers for the incident queries."""

from __future__ import annotations

from telegram import Update

from answers import incidents
from handlers.common import answer
from handlers.context import RaqibContext


async def latest(update: Update, context: RaqibContext) -> None:
    """/latest [n]"""
    await answer(update, context, incidents.latest)


async def town(update: Update, context: RaqibContext) -> None:
    """/town NAME [period]"""
    await answer(update, context, incidents.town)


async def actor(update: Update, context: RaqibContext) -> None:
    """/actor NAME [period]"""
    await answer(update, context, incidents.actor)


async def incident(update: Update, context: RaqibContext) -> None:
    """/incident ID"""
    await answer(update, context, incidents.incident)
