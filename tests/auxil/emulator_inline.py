"""Inline mode in the Telegram emulator: a user types `@bot QUERY`, the bot answers with results.

The emulator hands out an `inline_query` update and checks the bot's answerInlineQuery as Telegram does
(one answer per query, at most 50 results with unique ids, articles with a title and a valid message,
a results button's start parameter); the answer is kept, by query id, for the test to read.
"""

from __future__ import annotations

import re
from typing import Any

from tests.auxil.emulator_bot_api import ApiError
from tests.auxil.emulator_markup import MarkupError, check_text

MAX_INLINE_RESULTS = 50
MAX_RESULT_ID_BYTES = 64
START_PARAMETER_RE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
TOO_OLD = "Bad Request: query is too old and response timeout expired or query ID is invalid"


class InlineMethods:
    """Mixin over the Emulator's state: `inline_queries` (id → the query and, once given, its answer)."""

    inline_queries: dict[str, dict]
    next_update_id: int

    def _inline_update(self, spec: dict) -> tuple[dict, dict]:
        """An Update carrying what a user typed after the bot's @username."""
        user = {"id": 1, "is_bot": False, "first_name": "User", **(spec.get("from") or {})}
        query_id = f"iq-{self.next_update_id}"
        query = {
            "id": query_id,
            "from": user,
            "query": spec.get("query", ""),
            "offset": spec.get("offset", ""),
            "chat_type": spec.get("chat_type", "sender"),
        }
        self.inline_queries[query_id] = {"query": query, "answer": None}
        return {"inline_query": query}, {"inline_query_id": query_id}

    def api_answerinlinequery(self, params: dict, files: dict) -> bool:
        """answerInlineQuery."""
        pending = self.inline_queries.get(str(params.get("inline_query_id")))
        if pending is None or pending["answer"] is not None:
            raise ApiError(400, TOO_OLD)
        results = params.get("results")
        if not isinstance(results, list):
            raise ApiError(400, "Bad Request: results must be an array")
        if len(results) > MAX_INLINE_RESULTS:
            raise ApiError(400, "Bad Request: RESULTS_TOO_MUCH")
        ids = [str(result.get("id", "")) for result in results]
        if any(not 1 <= len(i.encode()) <= MAX_RESULT_ID_BYTES for i in ids):
            raise ApiError(400, "Bad Request: RESULT_ID_INVALID")
        if len(set(ids)) != len(ids):
            raise ApiError(400, "Bad Request: RESULT_ID_DUPLICATE")
        for result in results:
            _check_result(result)
        button = params.get("button")
        if button is not None and not (
            button.get("text") and START_PARAMETER_RE.match(str(button.get("start_parameter", "")))
        ):
            raise ApiError(400, "Bad Request: START_PARAM_INVALID")
        pending["answer"] = {
            "results": results,
            "cache_time": params.get("cache_time", 300),
            "is_personal": bool(params.get("is_personal")),
            "button": button,
        }
        return True


def _check_result(result: Any) -> None:
    """An article result as Telegram requires it: a title and a message it can send."""
    if not isinstance(result, dict) or result.get("type") != "article":
        raise ApiError(400, "Bad Request: RESULT_TYPE_INVALID")
    if not result.get("title"):
        raise ApiError(400, "Bad Request: RESULT_TITLE_EMPTY")
    content = result.get("input_message_content") or {}
    try:
        check_text(content.get("message_text"), content.get("parse_mode"))
    except MarkupError as exc:
        raise ApiError(400, str(exc)) from None
