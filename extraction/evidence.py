"""The evidence of a value: a span of a sentence's tokens, as offsets into the article."""

from __future__ import annotations

from extraction.document import SentenceFacts
from extraction.records import Evidence


def evidence_for(facts: SentenceFacts, start: int, end: int, rule: str) -> Evidence:
    """The span of tokens [start, end) of a sentence, as offsets into the article."""
    tokens = facts.tokens
    if not tokens or start >= end:
        return Evidence(facts.sentence.start, facts.sentence.end, facts.text, facts.text, rule)
    first, last = tokens[start], tokens[min(end, len(tokens)) - 1]
    quote = facts.text[first.start - facts.sentence.start : last.end - facts.sentence.start]
    return Evidence(first.start, last.end, quote, facts.text, rule)
