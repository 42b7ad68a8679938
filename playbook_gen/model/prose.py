"""Markdown prose, parsed one way for every use: references, URL checks and rendering.

Prose is untrusted data, so the parser itself has raw HTML switched off: Python-Markdown's `html_block`
preprocessor and `html` inline pattern are removed, and `<b>` or `<script>` in prose is text. Attribute lists
and other extensions that would let prose set HTML attributes are not loaded. Links are read from the parsed
tree, never guessed with patterns, so a link is a link exactly when the renderer will make one.
"""

from __future__ import annotations

import functools
import html
import re
import threading
from dataclasses import dataclass
from xml.etree import ElementTree as etree

import markdown
from markdown.treeprocessors import Treeprocessor

# Block and inline Markdown that prose may use; none of these can produce raw HTML or attributes.
EXTENSIONS = ["admonition", "def_list", "tables", "sane_lists", "pymdownx.superfences", "pymdownx.details"]
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):(.*)", re.S)
_ENTITY_LINK = re.compile(r"([a-z]+):([a-z0-9]+(?:-[a-z0-9]+)*)(#[\w-]*)?")


@dataclass(frozen=True)
class Link:
    url: str  # as written (the parser has already resolved reference-style links)
    image: bool = False  # an image source rather than a link


def parser(treeprocessors=()) -> markdown.Markdown:
    """A fresh Markdown instance with raw HTML off; `treeprocessors` are (name, object, priority) to add."""
    md = markdown.Markdown(extensions=EXTENSIONS, output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    for name, processor, priority in treeprocessors:
        processor.md = md
        md.treeprocessors.register(processor, name, priority)
    return md


class _Collect(Treeprocessor):
    def __init__(self):
        super().__init__()
        self.links: list[Link] = []

    def run(self, root: etree.Element):
        self.links = [Link(el.get("href", ""), False) for el in root.iter("a")]
        self.links += [Link(el.get("src", ""), True) for el in root.iter("img")]


_local = threading.local()


@functools.lru_cache(maxsize=65536)
def links(text: str) -> tuple[Link, ...]:
    """Every link and image in a piece of prose, as the parser sees it."""
    if "](" not in text and "]:" not in text and "<" not in text and "][" not in text:
        return ()  # no link syntax at all: skip the parse (most fields)
    md = getattr(_local, "md", None)
    if md is None:
        collect = _Collect()
        md = _local.md = parser([("pg_collect", collect, 0)])
        md.pg_collect = collect
    md.reset()
    md.convert(text)
    return tuple(md.pg_collect.links)


def browser_view(url: str) -> str:
    """A URL as a browser would read it: entities decoded, whitespace and control characters dropped."""
    return re.sub(r"[\x00-\x20\x7f]", "", html.unescape(url))


def entity_link(url: str, words) -> tuple[str, str, str] | None:
    """(link word, id, #anchor) when `url` is an entity link like `stage:launch#gate` for one of `words`."""
    m = _ENTITY_LINK.fullmatch(url.strip())
    if m and m.group(1) in words:
        return m.group(1), m.group(2), m.group(3) or ""
    return None


def unsafe(link: Link, words) -> str | None:
    """Why a link or image may not be published, or None when it may.

    Links: entity links, relative links, and the schemes in SAFE_SCHEMES. Images: relative paths inside the
    site only (no scheme, no leading '/', no '..'), so no build or reader fetches anything from elsewhere.
    """
    if entity_link(link.url, words):
        return "an image cannot show an entity; link to it instead" if link.image else None
    seen = browser_view(link.url)
    found = _SCHEME.match(seen)
    if link.image:
        if found or seen.startswith(("/", "\\")) or ".." in re.split(r"[/\\]", seen):
            return (f"image '{link.url[:60]}' is not a file of the site; images may only use relative paths inside it "
                    "(no web address, no absolute path, no '..')")
        return None
    if found and found.group(1).lower() not in SAFE_SCHEMES:
        return (f"link with unsafe URL scheme '{found.group(1).lower()}:'; use http(s), mailto or an entity link "
                "like (stage:id)")
    return None
