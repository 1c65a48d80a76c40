"""Hostile feed documents as bytes: entity bombs in disguising encodings, lies about charsets, oversized
and markup-laden items, and bodies that are paths or URLs. Stdlib only; nothing here parses anything."""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Iterable
from itertools import pairwise
from pathlib import Path

__all__ = [
    "ARABIC_TEXT", "ARABIC_TITLE", "billion_laughs", "body_is_a_path", "body_is_a_url",
    "cp1256_declared_utf8", "encode", "external_dtd", "huge_title", "item", "many_items", "markup_titles",
    "quadratic_entity", "rss", "strict_utf7", "xxe_file",
]  # fmt: skip

ARABIC_TITLE = "اشتباكات بين قوات النظام وقسد في بلدة ذيبان بريف دير الزور"
ARABIC_TEXT = "اندلعت اشتباكات عنيفة صباح اليوم بين قوات النظام وقوات سوريا الديمقراطية في بلدة ذيبان بريف دير الزور الشرقي."
ENCODINGS = ("utf-8", "utf-16", "utf-7", "cp037", "unicode_escape")
# UTF-7's Set D plus the whitespace it allows directly; Python's encoder also passes "<!&;" through,
# which would leave a literal "<!ENTITY" for a byte scan to find.
_UTF7_DIRECT = re.compile(r"[A-Za-z0-9'(),\-./:? \t\r\n]+")


def item(
    title: str | None = ARABIC_TITLE,
    text: str | None = ARABIC_TEXT,
    guid: str | None = None,
    link: str | None = None,
    pub_date: str | None = None,
    raw: bool = False,
) -> str:
    """One RSS <item>; a None field is left out. With `raw`, title and text go in verbatim as XML
    (text outside CDATA, so entity references in it are live)."""
    parts = ["<item>"]
    if title is not None:
        parts.append(f"<title>{title if raw else html.escape(title, quote=False)}</title>")
    if guid is not None:
        parts.append(f'<guid isPermaLink="false">{html.escape(guid, quote=False)}</guid>')
    if link is not None:
        parts.append(f"<link>{html.escape(link, quote=False)}</link>")
    if pub_date is not None:
        parts.append(f"<pubDate>{pub_date}</pubDate>")
    if text is not None:
        parts.append(
            f"<description>{text}</description>"
            if raw
            else f"<description><![CDATA[<p>{text}</p>]]></description>"
        )
    parts.append("</item>")
    return "".join(parts)


def document(items: Iterable[str], doctype: str = "", title: str = "أخبار سوريا", prolog: str = "") -> str:
    """The RSS 2.0 text after the XML declaration: `prolog` (comments), `doctype`, then the channel."""
    body = "".join(items)
    channel = f"<channel><title>{html.escape(title)}</title><link>https://example.org/</link>{body}</channel>"
    return f'{prolog}{doctype}<rss version="2.0">{channel}</rss>'


def strict_utf7(text: str) -> bytes:
    """UTF-7 that base64-encodes every optional direct character, as RFC 2152 allows."""
    out, pos = [], 0
    for match in _UTF7_DIRECT.finditer(text):
        out.append(_utf7_shifted(text[pos : match.start()]))
        out.append(match.group().encode("ascii"))
        pos = match.end()
    out.append(_utf7_shifted(text[pos:]))
    return b"".join(out)


def _utf7_shifted(run: str) -> bytes:
    """A run of characters as a UTF-7 base64 block (the closing "-" is always written, which is allowed)."""
    if not run:
        return b""
    return b"+" + base64.b64encode(run.encode("utf-16-be")).rstrip(b"=") + b"-"


def encode(text: str, encoding: str = "utf-8", declare_in: str = "xml") -> bytes:
    """The document in `encoding`; with declare_in="xml" an XML declaration names it (put the charset in
    the HTTP Content-Type instead for "none"). UTF-7 and unicode_escape keep the declaration in ASCII, so
    a parser can read it, and disguise the rest; utf-16 carries a BOM; cp037 writes Arabic as char refs."""
    declaration = f'<?xml version="1.0" encoding="{encoding}"?>\n' if declare_in == "xml" else ""
    if encoding == "utf-7":
        return declaration.encode("ascii") + strict_utf7(text)
    if encoding == "unicode_escape":
        # The codec escapes only non-ASCII; "<" must be escaped too or "<!ENTITY" stays in the bytes.
        return declaration.encode("ascii") + text.encode("unicode_escape").replace(b"<", b"\\x3c")
    if encoding == "cp037":
        return (declaration + text).encode("cp037", errors="xmlcharrefreplace")
    return (declaration + text).encode(encoding)


def rss(items: Iterable[str], encoding: str = "utf-8", doctype: str = "", prolog: str = "") -> bytes:
    """A whole RSS document from item() strings, in `encoding` with a matching XML declaration."""
    return encode(document(items, doctype, prolog=prolog), encoding)


def quadratic_entity(
    size_kb: int = 100,
    refs: int = 1000,
    encoding: str = "utf-8",
    declare_in: str = "xml",
    malformed_prolog: bool = True,
) -> bytes:
    """One flat entity of `size_kb` KiB referenced `refs` times (size_kb × refs KiB once expanded).
    The malformed comment before the DOCTYPE makes strict XML parsing fail, so feedparser's loose
    parser takes over and expands the entity itself."""
    doctype = f'<!DOCTYPE rss [<!ENTITY a "{"x" * (size_kb * 1024)}">]>'
    prolog = "<!-- x -- y -->\n" if malformed_prolog else ""
    text = document([item(text="&a;" * refs, guid="quadratic", raw=True)], doctype, prolog=prolog)
    return encode(text, encoding, declare_in)


def billion_laughs(one_line: bool = True) -> bytes:
    """The classic nine-level entity expansion (10^9 "lol"s), on one line or one declaration per line."""
    names = ["lol"] + [f"lol{n}" for n in range(1, 10)]
    declarations = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY {name} "{f"&{prev};" * 10}">' for prev, name in pairwise(names)
    ]
    sep = "" if one_line else "\n  "
    doctype = f"<!DOCTYPE rss [{sep}{sep.join(declarations)}{sep}]>" + ("" if one_line else "\n")
    return rss([item(text="&lol9;", guid="laughs", raw=True)], doctype=doctype)


def xxe_file(path: str | Path) -> bytes:
    """An external entity naming a local file, referenced in the title and the description."""
    doctype = f'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{Path(path).resolve()}">]>'
    return rss([item(title="&xxe;", text="&xxe;", guid="xxe", raw=True)], doctype=doctype)


def external_dtd(url: str) -> bytes:
    """A DOCTYPE whose external subset (and a parameter entity) point at `url`."""
    doctype = f'<!DOCTYPE rss SYSTEM "{url}" [<!ENTITY % remote SYSTEM "{url}"> %remote;]>'
    return rss([item(guid="dtd")], doctype=doctype)


def cp1256_declared_utf8() -> bytes:
    """Arabic RSS whose bytes are windows-1256 while its XML declaration says UTF-8."""
    text = document(
        [
            item(guid="cp1256-1"),
            item("قصف مدفعي على ريف إدلب الجنوبي", "سقوط قذائف على بلدة كفرنبل.", "cp1256-2"),
        ]
    )
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + text).encode("cp1256")


def huge_title(mb: int = 5) -> bytes:
    """One item whose title is at least `mb` MiB of Arabic (UTF-8)."""
    sentence = ARABIC_TITLE + " "
    repeats = mb * (1 << 20) // len(sentence.encode("utf-8")) + 1
    return rss([item(sentence * repeats, guid="huge-title")])


def many_items(n: int = 10_000) -> bytes:
    """`n` small items with distinct GUIDs and titles."""
    return rss(
        item(f"{ARABIC_TITLE} ({i})", guid=f"many-{i}", link=f"https://example.org/{i}") for i in range(n)
    )


def markup_titles() -> bytes:
    """Items whose titles and links carry markup, scripts, entities, dangerous schemes, quotes and bidi overrides."""
    items = [
        item(f"<b>{ARABIC_TITLE}</b>", guid="markup-b", raw=True),  # a real <b> element inside <title>
        item(
            f"{ARABIC_TITLE}<script>alert(1)</script>", guid="markup-script"
        ),  # escaped: text that is markup
        item("قوات النظام &amp; قسد", guid="markup-amp", raw=True),  # decodes to a plain "&"
        item("قوات النظام &amp; قسد", guid="markup-amp-double"),  # double-escaped: decodes to "&amp;"
        item(ARABIC_TITLE, guid="markup-js", link="javascript:alert(1)"),
        item(ARABIC_TITLE, guid="markup-quote", link='https://example.org/a"onmouseover="alert(1)'),
        item(f"\u202e{ARABIC_TITLE}", guid="markup-rlo"),  # RIGHT-TO-LEFT OVERRIDE
    ]
    return rss(items)


def body_is_a_path(path: str | Path) -> bytes:
    """A body that is only a local file path (feedparser reads files named by a str)."""
    return str(path).encode("utf-8")


def body_is_a_url(url: str) -> bytes:
    """A body that is only an http URL (feedparser fetches URLs given as a str)."""
    return url.encode("utf-8")
