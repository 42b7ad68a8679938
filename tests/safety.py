"""Checks for live markup in built pages, shared by the output-safety tests and the hostile corpus."""

from __future__ import annotations

import re

BAD_SCHEMES = re.compile(r"^\s*(javascript|data|vbscript|file):", re.I)
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "poster", "data")


def content_scripts(tree) -> list[str]:
    """Inline scripts that are not the theme's own (Material's are JSON config or fixed bootstrap code)."""
    return [s.text_content() for s in tree.iter("script") if not s.get("src") and "alert" in s.text_content()]


def live_handlers(tree) -> list[str]:
    """Event-handler attributes (onclick, onerror, ...) anywhere in the tree."""
    return [f"{el.tag} {name}" for el in tree.iter() if isinstance(el.tag, str)
            for name in el.attrib if name.lower().startswith("on")]


def bad_urls(tree) -> list[str]:
    """javascript:, data:, vbscript: and file: URLs in any attribute that browsers follow or load."""
    return [el.get(a) for el in tree.iter() if isinstance(el.tag, str) for a in URL_ATTRIBUTES
            if el.get(a) and BAD_SCHEMES.match(el.get(a))]
