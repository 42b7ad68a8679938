"""Links between pages of the generated docs tree: relative, so the site works from file:// and any host."""

from __future__ import annotations

import posixpath


def relative_url(from_page: str, target: str) -> str:
    """The link from one docs-relative page path to another target path (which may carry #anchor)."""
    path, _, anchor = target.partition("#")
    if path == from_page:
        rel = "" if anchor else posixpath.basename(path)  # a bare "" link would be empty
    else:
        rel = posixpath.relpath(path, posixpath.dirname(from_page) or ".")
    return rel + (f"#{anchor}" if anchor else "")
