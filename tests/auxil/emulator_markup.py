"""Telegram-like text checks for the Bot API emulator: HTML entity parsing and length rules."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MAX_TEXT_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024

TAG_TO_ENTITY = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}

_TAG_RE = re.compile(
    r"<(/?)([A-Za-z][A-Za-z0-9-]*)"
    r"((?:\s+[A-Za-z][A-Za-z0-9_-]*(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>\"']+))?)*)\s*>"
)
_ATTR_RE = re.compile(r"([A-Za-z][A-Za-z0-9_-]*)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>\"']+))?")
_ENTITY_RE = re.compile(r"&(?:([A-Za-z]+)|#([0-9]{1,7})|#[xX]([0-9A-Fa-f]{1,6}));")


class MarkupError(ValueError):
    """Text that Telegram would reject; the message is the Bot API description."""


def utf16_len(text: str) -> int:
    """Length of text in UTF-16 code units, the unit Telegram counts in."""
    return len(text.encode("utf-16-le")) // 2


@dataclass
class _OpenTag:
    """A start tag waiting for its end tag."""

    name: str
    offset: int
    attrs: dict[str, str] = field(default_factory=dict)


def _parse_attrs(raw: str) -> dict[str, str]:
    """Parse the attributes of a start tag into a dict of unquoted values."""
    attrs = {}
    for name, value in _ATTR_RE.findall(raw):
        if value[:1] in "\"'":
            value = value[1:-1]
        attrs[name.lower()] = unescape_html(value)
    return attrs


def unescape_html(text: str) -> str:
    """Replace the entities Telegram understands, leaving anything else as it is."""

    def _replace(match: re.Match[str]) -> str:
        named, dec, hexa = match.groups()
        if named:
            return NAMED_ENTITIES.get(named.lower(), match.group(0))
        return chr(int(dec) if dec else int(hexa, 16))

    return _ENTITY_RE.sub(_replace, text)


def _entity_for(tag: _OpenTag, end: int) -> dict | None:
    """The MessageEntity dict for a closed tag, or None for an empty span."""
    length = end - tag.offset
    if length <= 0:
        return None
    entity = {"type": TAG_TO_ENTITY[tag.name], "offset": tag.offset, "length": length}
    if tag.name == "a":
        if "href" not in tag.attrs:
            return None
        entity["url"] = tag.attrs["href"]
    elif tag.name == "tg-emoji":
        entity["custom_emoji_id"] = tag.attrs.get("emoji-id", "")
    elif tag.name == "blockquote" and "expandable" in tag.attrs:
        entity["type"] = "expandable_blockquote"
    return entity


def _byte_offset(source: str, pos: int) -> int:
    """UTF-8 byte offset of a character position, as Telegram reports errors."""
    return len(source[:pos].encode("utf-8"))


def _open_tag(name: str, attrs: dict[str, str], source: str, pos: int) -> None:
    """Reject start tags Telegram does not support."""
    byte_offset = _byte_offset(source, pos)
    if name not in TAG_TO_ENTITY:
        raise MarkupError(f'Unsupported start tag "{name}" at byte offset {byte_offset}')
    if name == "span" and attrs.get("class") != "tg-spoiler":
        raise MarkupError(f'Tag "span" must have class "tg-spoiler" at byte offset {byte_offset}')
    if name == "tg-emoji" and "emoji-id" not in attrs:
        raise MarkupError(f'Tag "tg-emoji" must have attribute "emoji-id" at byte {byte_offset}')


def parse_html(source: str) -> tuple[str, list[dict]]:
    """Parse Telegram HTML into plain text and entities, raising MarkupError like Telegram."""
    out: list[str] = []
    entities: list[dict] = []
    stack: list[_OpenTag] = []
    offset = 0  # UTF-16 offset in the plain text
    pos = 0
    while pos < len(source):
        char = source[pos]
        if char == "<":
            match = _TAG_RE.match(source, pos)
            if not match:
                raise MarkupError(f"Unclosed start tag at byte offset {_byte_offset(source, pos)}")
            closing, name, raw_attrs = match.group(1), match.group(2).lower(), match.group(3)
            if closing:
                if not stack:
                    raise MarkupError(f"Unexpected end tag at byte offset {_byte_offset(source, pos)}")
                if stack[-1].name != name:
                    raise MarkupError(
                        f"Unmatched end tag at byte offset {_byte_offset(source, pos)}, expected "
                        f'"</{stack[-1].name}>", found "</{name}>"'
                    )
                entity = _entity_for(stack.pop(), offset)
                if entity:
                    entities.append(entity)
            else:
                attrs = _parse_attrs(raw_attrs)
                _open_tag(name, attrs, source, pos)
                stack.append(_OpenTag(name, offset, attrs))
            pos = match.end()
            continue
        if char == "&":
            match = _ENTITY_RE.match(source, pos)
            if not match or (match.group(1) and match.group(1).lower() not in NAMED_ENTITIES):
                raise MarkupError(
                    f"Character entity expected at byte offset {_byte_offset(source, pos)}; "
                    'escape "&" as "&amp;"'
                )
            char = unescape_html(match.group(0))
            pos = match.end()
        else:
            pos += 1
        out.append(char)
        offset += 2 if ord(char) > 0xFFFF else 1
    if stack:
        raise MarkupError(f'Can\'t find end tag corresponding to start tag "{stack[-1].name}"')
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return "".join(out), entities


def command_entities(text: str) -> list[dict]:
    """A bot_command entity for text starting with "/", as Telegram adds to user messages."""
    match = re.match(r"/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,64})?", text)
    if not match:
        return []
    return [{"type": "bot_command", "offset": 0, "length": utf16_len(match.group(0))}]


def check_text(text: object, parse_mode: str | None, *, caption: bool = False) -> tuple[str, list[dict]]:
    """Validate a message text or caption like Telegram; return (plain text, entities)."""
    limit = MAX_CAPTION_LENGTH if caption else MAX_TEXT_LENGTH
    source = "" if text is None else str(text)
    plain, entities = source, []
    if parse_mode and parse_mode.upper() == "HTML":
        try:
            plain, entities = parse_html(source)
        except MarkupError as exc:
            raise MarkupError(f"Bad Request: can't parse entities: {exc}") from None
    if not caption and not plain.strip():
        raise MarkupError("Bad Request: message text is empty")
    if utf16_len(plain) > limit:
        what = "message caption is too long" if caption else "message is too long"
        raise MarkupError(f"Bad Request: {what}")
    return plain, entities
