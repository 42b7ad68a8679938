"""Jinja filters for Markdown output. Pure functions; the context-aware ones read `page_path` and `resolve`.

Plain text (titles, item texts) is escaped so it shows literally: `{{ 7*7 }}`, `*x*` and `<b>` stay as typed.
Prose is Markdown, but raw HTML in it is escaped too (shown as text), and entity links such as
`[gate](stage:go-no-go)` become relative links from the page being rendered.
"""

from __future__ import annotations

import html
import posixpath
import re

import jinja2

from ..model import KINDS
from ..model.refs import destination_pattern, link_pattern

# Characters Python-Markdown treats as markup inside a line; `{}` also stop attr_list picking up a title.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]|#!])")
# A line that starts like a list item would become one: "- x", "+ x", "1. x".
_LIST_START = re.compile(r"^([-+]|\d+\.)(?=\s|$)")
_CODE = re.compile(r"(```.*?```|~~~.*?~~~|`[^`\n]*`)", re.S)
_TAG_START = re.compile(r"<(?=[A-Za-z!/?])(?!https?://|mailto:)")


def text(value) -> str:
    """Plain text for a Markdown line or table cell: whitespace folded, HTML and Markdown markup (pipes too) escaped."""
    folded = " ".join(str(value).split())
    escaped = _MD_SPECIAL.sub(r"\\\1", html.escape(folded, quote=False))
    return _LIST_START.sub(lambda m: m.group(1)[:-1] + "\\" + m.group(1)[-1], escaped)


def escape_html(source: str) -> str:
    """Escape raw HTML tags in Markdown prose, leaving code spans and fenced blocks alone."""
    parts = _CODE.split(source)
    for i in range(0, len(parts), 2):
        parts[i] = _TAG_START.sub("&lt;", parts[i])
    return "".join(parts)


def relative_url(from_page: str, target: str) -> str:
    """The link from one docs-relative page path to another target path (which may carry #anchor)."""
    path, _, anchor = target.partition("#")
    if path == from_page:
        rel = "" if anchor else posixpath.basename(path)  # a bare "" link would be empty
    else:
        rel = posixpath.relpath(path, posixpath.dirname(from_page) or ".")
    return rel + (f"#{anchor}" if anchor else "")


@jinja2.pass_context
def md(ctx, value, indent: int = 0) -> str:
    """Markdown prose for this page: HTML escaped, entity links resolved, optionally indented."""
    page, resolve = ctx["page_path"], ctx["resolve"]
    by_link = KINDS.by_link()
    entity_link, full_link = destination_pattern(), link_pattern()

    def sub(m):
        target, _title = resolve(by_link[m.group(1)], m.group(2))
        return "](" + relative_url(page, target)

    def gone(m):  # a link to an entity this build leaves out (audience filter) shows as its text
        try:
            resolve(by_link[m.group(2)], m.group(3))
        except KeyError:
            return m.group(1)
        return m.group(0)

    out = entity_link.sub(sub, full_link.sub(gone, escape_html(str(value).strip())))
    if indent:
        pad = " " * indent
        out = "\n".join(pad + line if line.strip() else "" for line in out.splitlines())
    return out


@jinja2.pass_context
def md_cell(ctx, value) -> str:
    """Inline Markdown for a table cell: links resolved, lines joined, pipes escaped."""
    return " ".join(md(ctx, value).split()).replace("|", "\\|")


@jinja2.pass_context
def url(ctx, ident: str, kind: str) -> str:
    return relative_url(ctx["page_path"], ctx["resolve"](kind, ident)[0])


@jinja2.pass_context
def link(ctx, ident: str, kind: str, label: str | None = None) -> str:
    """`[Title](relative.md)` for an entity id."""
    target, title = ctx["resolve"](kind, ident)
    return f"[{text(label or title)}]({relative_url(ctx['page_path'], target)})"


FILTERS = {"text": text, "md": md, "md_cell": md_cell, "url": url, "link": link}
