"""Inline mode: `@bot NAME` typed in any chat, answered with incident cards to send there."""

from __future__ import annotations

from telegram import InlineQueryResultArticle, InlineQueryResultsButton, InputTextMessageContent, Update
from telegram.constants import ParseMode

from answers.context import make_asker
from answers.inline import InlineCard, inline_answer
from handlers.common import answer_context
from handlers.context import RaqibContext

# Short: a new incident should show up soon; the answer depends on the user's language (is_personal).
INLINE_CACHE_SECONDS = 10
HINT_START_PARAMETER = "inline"  # /start inline: the button that opens the private chat (its /help)


async def inline_query(update: Update, context: RaqibContext) -> None:
    """Offer the newest incident cards for the town, party or type typed after the bot's name."""
    query, data = update.inline_query, context.bot_data
    if query is None or data.db is None or data.gazetteer is None:
        return
    user = query.from_user
    # the language the user chose in their private chat with the bot, else their app's
    asker = make_asker(data.db, user.id, "private", None, user.language_code, data.default_language)
    answer = inline_answer(answer_context(context), asker, query.query)
    button = (
        InlineQueryResultsButton(answer.hint, start_parameter=HINT_START_PARAMETER) if answer.hint else None
    )
    await query.answer(
        [_article(card) for card in answer.cards],
        cache_time=INLINE_CACHE_SECONDS,
        is_personal=True,
        button=button,
    )


def _article(card: InlineCard) -> InlineQueryResultArticle:
    return InlineQueryResultArticle(
        id=str(card.incident_id),
        title=card.title,
        description=card.description,
        input_message_content=InputTextMessageContent(card.card.html, parse_mode=ParseMode.HTML),
    )
