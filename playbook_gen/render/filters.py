"""Jinja filters for Markdown output. Pure functions; the context-aware ones read `page_path` and `resolve`.

Plain text (titles, item texts) is escaped so it shows literally: `{{ 7*7 }}`, `*x*` and `<b>` stay as typed.
Prose is Markdown, rendered by render/prose.py (raw HTML off, links checked, sanitised), with entity links
such as `[gate](stage:go-no-go)` made relative to the page being rendered.
"""

from __future__ import annotations

import html
import re

import jinja2

from . import prose
from .labels import label
from .urls import relative_url

# Characters Python-Markdown treats as markup inside a line; `{}` also stop attr_list picking up a title.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]|#!])")
# A line that starts like a list item would become one: "- x", "+ x", "1. x".
_LIST_START = re.compile(r"^([-+]|\d+\.)(?=\s|$)")
# The colon that opens an emoji shortcode (":smile:", the engine's pymdownx.emoji pattern `:[+\-\w]+:`): the
# engine would show an image from a CDN, so the site would fetch from the web and the text not show as typed.
EMOJI_COLON = re.compile(r":(?=[+\-\w]+:)")


def text(value) -> str:
    """Plain text for a Markdown line or table cell: whitespace folded, HTML and Markdown markup (pipes too) escaped."""
    folded = " ".join(str(value).split())
    escaped = _MD_SPECIAL.sub(r"\\\1", html.escape(folded, quote=False))
    escaped = _LIST_START.sub(lambda m: m.group(1)[:-1] + "\\" + m.group(1)[-1], escaped)
    if set(escaped) <= {"-", " "}:  # "--" after a list item's "- " would be a horizontal rule
        escaped = escaped.replace("-", "\\-")
    return EMOJI_COLON.sub("&#58;", escaped)


@jinja2.pass_context
def md(ctx, value, indent: int = 0) -> str:
    """Markdown prose for this page, rendered safely (render/prose.py); `indent` inside lists and admonitions."""
    return prose.for_page(value, ctx["resolve"], ctx["page_path"], indent=indent, terms=ctx.get("glossary"))


@jinja2.pass_context
def md_cell(ctx, value) -> str:
    """Prose for a table cell: on one line, nothing in it read as table syntax."""
    return prose.inline(value, ctx["resolve"], ctx["page_path"], terms=ctx.get("glossary"))


@jinja2.pass_context
def terms(ctx, value) -> str:
    """Plain text like `text`, with a tooltip on each glossary term it uses (not for headings or link labels)."""
    glossary = ctx.get("glossary")
    escaped = text(value)
    if glossary is None or glossary.pattern is None:
        return escaped
    pattern, tips = glossary.pattern, glossary.tips
    return pattern.sub(lambda m: f'<abbr title="{prose.attribute(tips[m.group(1)])}">{m.group(1)}</abbr>'
                       if m.group(1) in tips else m.group(0), escaped)


@jinja2.pass_context
def url(ctx, ident: str, kind: str) -> str:
    return relative_url(ctx["page_path"], ctx["resolve"](kind, ident)[0])


@jinja2.pass_context
def link(ctx, ident: str, kind: str, label: str | None = None) -> str:
    """`[Title](relative.md)` for an entity id."""
    target, title = ctx["resolve"](kind, ident)
    return f"[{text(label or title)}]({relative_url(ctx['page_path'], target)})"


FILTERS = {"label": label, "text": text, "terms": terms, "md": md, "md_cell": md_cell, "url": url, "link": link}
