"""Telegram handlers for the incident queries."""

from __future__ import annotations

from telegram import Update

from answers import export as export_answers
from answers import incidents
from answers import stats as stats_answers
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


async def event_type(update: Update, context: RaqibContext) -> None:
    """/type TYPE [period]"""
    await answer(update, context, incidents.event_type)


async def near(update: Update, context: RaqibContext) -> None:
    """/near NAME KM [period]"""
    await answer(update, context, incidents.near)


async def search(update: Update, context: RaqibContext) -> None:
    """/search WORDS"""
    await answer(update, context, incidents.search)


async def stats(update: Update, context: RaqibContext) -> None:
    """/stats [NAME] [period]"""
    await answer(update, context, stats_answers.stats)


async def incident_map(update: Update, context: RaqibContext) -> None:
    """/map [NAME] [period]"""
    await answer(update, context, stats_answers.incident_map)


async def export(update: Update, context: RaqibContext) -> None:
    """/export csv|geojson|json [filters]"""
    await answer(update, context, export_answers.export)
