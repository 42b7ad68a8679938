"""Prose to safe HTML, for the site, the printed material and packages alike.

Markdown prose is parsed with raw HTML off (model/prose.py); a tree step turns entity links into markers,
drops any link or image a check would refuse (a second guard: `check` reports them first), and marks
glossary terms for tooltips; the HTML of each top-level block then passes the nh3 allow-list sanitiser.
The result is cached per text. `for_page` finishes it for one page: entity links become links relative to
that page (or plain text, when this build leaves their target out), and the blocks are laid out so the site
engine copies them as they are: headings as Markdown headings (so they reach the table of contents), every
other block as one line of HTML, with every character Markdown would read as markup written as an entity.
"""

from __future__ import annotations

import functools
import re
import threading
from dataclasses import dataclass
from html import escape as html_escape
from xml.etree import ElementTree as etree

import nh3
from markdown.treeprocessors import Treeprocessor

from ..model import KINDS
from ..model.prose import Link, entity_link, parser, unsafe
from .urls import relative_url

MARK = "pg-entity:"  # how an entity link's href reads between parsing and placing on a page
TAGS = {"p", "br", "hr", "em", "strong", "code", "pre", "a", "img", "ul", "ol", "li", "blockquote", "table", "thead",
        "tbody", "tr", "th", "td", "dl", "dt", "dd", "div", "details", "summary", "abbr", "span", "del", "sup", "sub",
        "h1", "h2", "h3", "h4", "h5", "h6"}
ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "abbr": {"title"}, "th": {"align"},
              "td": {"align"}, "ol": {"start"}, "div": {"class"}, "p": {"class"}, "details": {"class", "open"},
              "summary": {"class"}, "code": {"class"}, "span": {"class"}, "pre": {"class"}}
# Admonition and details kinds are CSS classes; code highlighting uses classes too. No other attribute survives.
SCHEMES = {"http", "https", "mailto", "tel", MARK.rstrip(":")}
_CLEANER = nh3.Cleaner(tags=TAGS, attributes=ATTRIBUTES, url_schemes=SCHEMES, link_rel=None, strip_comments=True)
# In nested positions the engine reads our HTML's text as Markdown: these characters would be markup there.
_MARKUP = re.compile(r"[\\`*_\[\]{}|!#~^=+<>]")
_ATTR_MARKUP = re.compile(r"[\\`\[\]!<>]")  # in attribute values: what the engine's inline patterns read before raw HTML
_EMOJI_COLON = re.compile(r":(?=[\w-]+:)")  # after _MARKUP, a "+" is an entity already: ":+1:" reads ":&#43;1:"
_ENTITY = re.compile(r"<a href=\"" + re.escape(MARK) + r"([a-z]+):([a-z0-9-]+)(#[^\"]*)?\"( title=\"[^\"]*\")?>(.*?)</a>", re.S)
_PAGE = re.compile(r"^(?![a-zA-Z][\w+.-]*:|/)(.*)\.md(#.*)?$")
_HEADING = re.compile(r"^<h([1-6])>(.*)</h\1>$", re.S)
_NO_TERMS = {"a", "code", "pre", "abbr", "h1", "h2", "h3", "h4", "h5", "h6", "summary"}


@dataclass(frozen=True)
class Block:
    html: str  # one top-level block, sanitised, on one line
    heading: int = 0  # its level when it is a heading


class _Prepare(Treeprocessor):
    """Entity links to markers, refused links and images out, glossary terms marked."""

    def __init__(self):
        super().__init__()
        self.terms = None  # (pattern, {form: tooltip}) for this conversion

    def run(self, root: etree.Element):
        words = KINDS.by_link()
        for parent in list(root.iter()):
            for el in list(parent):
                if el.tag == "a":
                    href = el.get("href", "")
                    found = entity_link(href, words)
                    if found:
                        el.set("href", f"{MARK}{found[0]}:{found[1]}{found[2]}")
                    elif unsafe(Link(href), words):
                        _unwrap(parent, el)
                    elif _PAGE.match(href):  # a relative link to a page of the docs: name the built page
                        el.set("href", _PAGE.sub(r"\1.html\2", href))
                elif el.tag == "img" and unsafe(Link(el.get("src", ""), image=True), words):
                    _unwrap(parent, el)  # an image has no content: only its tail stays
        if self.terms:
            _mark_terms(root, *self.terms)


def _unwrap(parent: etree.Element, el: etree.Element) -> None:
    """Replace `el` by its content (text, children and tail stay where they were)."""
    index = list(parent).index(el)
    before = parent[index - 1] if index else None
    text = (el.text or "")
    if before is not None:
        before.tail = (before.tail or "") + text
    else:
        parent.text = (parent.text or "") + text
    for n, child in enumerate(list(el)):
        parent.insert(index + n + 1, child)
    last = list(el)[-1] if len(el) else None
    tail = el.tail or ""
    parent.remove(el)
    if last is not None:
        last.tail = (last.tail or "") + tail
    elif before is not None:
        before.tail = (before.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail


def _mark_terms(root: etree.Element, pattern: re.Pattern, tips: dict[str, str]) -> None:
    """Wrap whole-word glossary terms in <abbr title="...">, except inside links, code and headings.

    A word can run across elements ("app-<em>marketplace</em>", "<b>market</b>place"), so each piece of
    text is matched with the characters around it in reading order: a term glued to a letter, a digit or
    a hyphen on either side is part of a longer word and gets no tooltip.
    """
    pieces = list(_texts(root, False))
    flat = [_plain(text) for _el, _after, text, _skip in pieces]
    for n, (el, after, text, skip) in enumerate(pieces):
        if skip or not text:
            continue
        before, behind = "".join(flat[:n])[-1:], "".join(flat[n + 1:])[:1]
        wrapped = _wrap(el, after, text, before, behind, pattern, tips)
        if after is None:
            el.text = wrapped
        else:
            after.tail = wrapped


def _texts(el: etree.Element, skip: bool):
    """Every piece of text under `el` in reading order: (parent, child it follows or None, text, skipped)."""
    skip = skip or el.tag in _NO_TERMS
    yield el, None, el.text or "", skip
    for child in list(el):
        yield from _texts(child, skip)
        yield el, child, child.tail or "", skip


def _plain(text: str) -> str:
    """Text as the reader sees it, for word boundaries: an escaped character's placeholder becomes the character,
    any other placeholder (an entity such as &#8209;) counts as a letter."""
    text = re.sub("\x02(\\d+)\x03", lambda m: chr(int(m.group(1))), text)
    return re.sub("\x02[^\x03]*\x03", "x", text)


def _wrap(parent: etree.Element, after, text: str, before: str, behind: str, pattern: re.Pattern,
          tips: dict[str, str]) -> str:
    """`text` with its terms as <abbr> elements inserted into `parent`; returns the text left before the first."""
    found = []
    for m in pattern.finditer(text):
        start, end = m.span()
        left = _plain(text[:start])[-1:] or before
        right = _plain(text[end:])[:1] or behind
        if not _glued(left) and not _glued(right):
            found.append(m)
    if not found:
        return text
    index = list(parent).index(after) + 1 if after is not None else 0
    for n, m in enumerate(found):
        abbr = etree.Element("abbr", title=tips[m.group(1)])
        abbr.text = m.group(1)
        abbr.tail = text[m.end():found[n + 1].start() if n + 1 < len(found) else len(text)]
        parent.insert(index + n, abbr)
    return text[:found[0].start()]


def _glued(char: str) -> bool:
    """A character that makes a term part of a longer word: a letter, a digit, or any kind of hyphen."""
    return bool(char) and (char.isalnum() or char in "_-\u00ad\u2010\u2011")


class _Render:
    """One Markdown instance per thread (Python-Markdown instances are not thread-safe)."""

    def __init__(self):
        self.prepare = _Prepare()
        self.md = parser([("pg_prepare", self.prepare, 1)])
        self.md.treeprocessors.register(_Split(self), "pg_split", 0)
        self.blocks: list[Block] = []


class _Split(Treeprocessor):
    """Serialise each top-level block on its own and sanitise it."""

    def __init__(self, state: _Render):
        super().__init__()
        self.state = state

    def run(self, root: etree.Element):
        md = self.state.md
        out = []
        for el in root:
            text = md.serializer(el)
            for pp in md.postprocessors:
                text = pp.run(text)
            clean = _one_line(_CLEANER.clean(text))
            m = _HEADING.match(clean)
            out.append(Block(m.group(2), int(m.group(1))) if m else Block(clean))
        self.state.blocks = out


def _one_line(html: str) -> str:
    """Newlines inside <pre> become &#10; (still a line break there); elsewhere they are just spaces."""
    parts = re.split(r"(<pre\b.*?</pre>)", html.strip(), flags=re.S)
    return "".join(p.replace("\n", "&#10;") if p.startswith("<pre") else " ".join(p.split()) for p in parts)


_local = threading.local()


@functools.lru_cache(maxsize=16384)
def blocks(text: str, terms=None) -> tuple[Block, ...]:
    """The prose as sanitised top-level blocks. `terms`: a `Glossary` (render/terms.py) for tooltips, or None."""
    state = getattr(_local, "render", None)
    if state is None:
        state = _local.render = _Render()
    state.md.reset()
    state.prepare.terms = (terms.pattern, terms.tips) if terms is not None and terms.pattern else None
    state.md.convert(text)
    return tuple(state.blocks)


def _links(html: str, resolve, page: str) -> str:
    """Entity markers to links relative to `page`; a target this build leaves out becomes its text."""
    by_link = KINDS.by_link()

    def sub(m: re.Match) -> str:
        try:
            target, _title = resolve(by_link[m.group(1)], m.group(2))
        except KeyError:
            return m.group(5)
        path, _, own_anchor = target.partition("#")
        anchor = m.group(3) or (f"#{own_anchor}" if own_anchor else "")
        # The engine rewrites .md links only in Markdown; this is HTML, so it names the built page itself.
        href = relative_url(page, path.removesuffix(".md") + ".html" + anchor)
        return f'<a href="{href}"{m.group(4) or ""}>{m.group(5)}</a>'

    return _ENTITY.sub(sub, html) if MARK in html else html


def inert(html: str) -> str:
    """The HTML with every Markdown-significant character in its text written as an entity (tags and entities kept),
    and the colon that would open an emoji shortcode too (the engine makes those CDN images). In attribute values,
    the characters of the engine's inline patterns that run before its raw-HTML one (code spans, escapes, links and
    images) are entities too: there a link in a title would become a tag inside the attribute and break out of it."""
    return re.sub(r"(<[^>]*>|&#?\w+;)|([^<&]+|&)", lambda m: _in_tag(m.group(1)) if m.group(1) else _EMOJI_COLON.sub(
        "&#58;", _MARKUP.sub(_entity, m.group(2))), html)


def _entity(m: re.Match) -> str:
    return f"&#{ord(m.group(0))};"


def attribute(text: str) -> str:
    """Plain text for a quoted attribute value in a Markdown page: escaped for HTML and inert for the engine."""
    return _ATTR_MARKUP.sub(_entity, html_escape(text, quote=True))


def _in_tag(token: str) -> str:
    """A tag with its quoted attribute values made inert for the engine's inline patterns; an entity as it is."""
    if not token.startswith("<"):
        return token
    return re.sub(r'="([^"]*)"', lambda v: '="' + _ATTR_MARKUP.sub(_entity, v.group(1)) + '"', token)


def for_page(text: str, resolve, page: str, *, indent: int = 0, terms=None) -> str:
    """Prose laid out for a Markdown page at `page` (indent > 0: inside a list item or admonition)."""
    out = []
    for block in blocks(str(text).strip(), terms):
        html = inert(_links(block.html, resolve, page))
        if block.heading and not indent:
            out.append("#" * block.heading + " " + html)
        elif indent:
            # Inside a list or admonition the engine wraps a line in <p> itself.
            out.append(html[3:-4] if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1 else html)
        else:
            out.append(html)
    pad = " " * indent
    return "\n\n".join(pad + b for b in out)


def inline(text: str, resolve, page: str, terms=None) -> str:
    """Prose for a table cell: every block on one line."""
    parts = []
    for block in blocks(str(text).strip(), terms):
        html = inert(_links(block.html, resolve, page))
        parts.append(html[3:-4] if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1 else html)
    return " ".join(parts)


def for_print(text: str) -> str:
    """Prose as HTML for printed material (WeasyPrint): entity links become their text."""
    html = "".join(b.html if not b.heading else f"<h{b.heading}>{b.html}</h{b.heading}>" for b in blocks(str(text).strip()))
    return _ENTITY.sub(lambda m: m.group(5), html)
