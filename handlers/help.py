"""Telegram handlers for /help and /start."""

from __future__ import annotations

from telegram import Update

from answers import help as help_answers
from handlers.common import answer
from handlers.context import RaqibContext


async def help_command(update: Update, context: RaqibContext) -> None:
    """/help and /start"""
    await answer(update, context, help_answers.help_text)
