"""The one-page rule for printed checklists: a sheet that needs a second page is a `check` error.

Most sheets are cleared by a cautious estimate; the rest are laid out with WeasyPrint, and page counts are
remembered by the hash of each sheet's HTML between builds.
"""

from __future__ import annotations

import hashlib
from math import ceil
from pathlib import Path

from ..errors import Issue
from .env import make_env, overrides, render
from .print import print_context, resource_roots, url_fetcher

# Laying a sheet out takes ~0.1 s, so `check` lays out only the checklists this estimate cannot clear.
# It counts text lines of the default sheet (9 pt), pessimistically: ~50 characters a line where ~58 fit,
# one line of padding per item. A sheet holds at least 34 such lines on Letter and 38 on A4
# (measured; tests/test_pdf.py checks the estimate against real layouts).
SURELY_FITS = 28


def estimated_lines(cl, role_title) -> float:
    lines = 1.7 * (ceil(len(cl.title) / 40) - 1) + ceil(len(cl.pause_point or "-") / 80) - 1
    for item in cl.items:
        text = max(ceil((len(item.text) + 4) / 50), 0.9 * ceil(len(role_title(item.owner)) / 18))
        lines += 1 + text + (0.9 * ceil(len(item.note) / 70) if item.note else 0)
    return lines


def page_fit(loaded, site, project: Path, memo: dict[str, int] | None = None) -> list[Issue]:
    """An error for every checklist whose printed sheet needs more than one page, unless it allows continuation.

    `memo` holds page counts keyed by the hash of each sheet's HTML (see `read_memo`/`write_memo`), so an
    unchanged sheet is not laid out again; it is updated in place with this run's counts.
    """
    content = loaded.content
    known = dict(memo or {})
    counted: dict[str, int] = {}
    env = make_env(project, html=True)
    ctx = print_context(content, site)
    # The estimate only knows the default sheet; with the project's own print templates, lay out every one.
    own_print = overrides(project, "print")
    issues, roots = [], resource_roots(project)
    for cl in ctx["checklists"]:
        if cl.allow_continuation or (not own_print and estimated_lines(cl, ctx["role_title"]) <= SURELY_FITS):
            continue
        html = render(env, "print/checklist.html", checklist=cl, **ctx)
        key = hashlib.sha256(html.encode()).hexdigest()
        pages = counted[key] = known.get(key) or _layout_pages(html, roots)
        if pages > 1:
            issues.append(loaded.sources.issue(
                "checklists", cl.id, ("items",),
                f"checklist does not fit on one printed {site.print.paper} page (it needs {pages}); "
                "shorten it, split it, or set 'allow_continuation: true'"))
    if memo is not None:
        memo.clear()
        memo.update(counted)
    return issues


def _layout_pages(html: str, roots: tuple[str, ...]) -> int:
    from weasyprint import HTML  # lazily: importing it loads pango, which costs most of a second

    return len(HTML(string=html, url_fetcher=url_fetcher(roots)).render().pages)


def read_memo(path: Path, notices: list[Issue] | None = None, shown: str | None = None) -> dict[str, int]:
    """Page counts from a sealed JSON file (load/sealed.py); a damaged or foreign one is ignored with a notice."""
    from ..load.sealed import read_json

    data = read_json(path, "page-counts", "1", notices, shown)
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, int)} if isinstance(data, dict) else {}


def write_memo(path: Path, memo: dict[str, int]) -> None:
    from ..load.sealed import write_json

    write_json(path, "page-counts", "1", memo)
