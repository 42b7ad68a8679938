"""Printable checklists and scorecards: a one-page PDF per checklist, the checklist pack, a scorecard per assessment.

The PDFs come from our own print HTML (templates/print/, overridable by file name like every template) via
WeasyPrint. Each is a Job keyed by its HTML plus the WeasyPrint version, so an unchanged checklist is not
regenerated, while any change to its content, the templates or the paper size changes the HTML and so the key.
`page_fit` lays the same HTML out at `check` time: a checklist that needs more than one page is an error
unless it sets `allow_continuation`.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
from importlib.metadata import version
from math import ceil
from pathlib import Path

from ..errors import Issue
from ..model import Content
from ..render.env import make_env, render
from ..render.pages import entity_path
from .jobs import Job
from .pdf import html_to_pdf, pdf_date

PACK = "checklists/checklist-pack.pdf"
MODE_HOW = {"READ-DO": "Read each item aloud, then do it.",
            "DO-CONFIRM": "Do the work from memory, then pause and confirm every item."}


def checklist_pdf(ident: str) -> str:
    return f"checklists/pdf/{ident}.pdf"


def scorecard_pdf(ident: str) -> str:
    return f"assessments/pdf/{ident}.pdf"


def _context(content: Content, site) -> dict:
    """What every print template sees."""
    pb = content.playbook
    stages = content.ordered("stages")
    checklists = content.ordered("checklists")
    roles = content.entities.get("roles", {})

    def page_url(kind: str, entity) -> str:
        """The entity's page on the published site (absolute when the playbook has a site_url)."""
        rel = entity_path(kind, entity).removesuffix(".md") + ".html"
        return posixpath.join(pb.site_url.rstrip("/"), rel) if pb.site_url else rel

    def role_title(ident) -> str:
        return roles[ident].title if ident in roles else "–"

    by_stage = {s.id: [c for c in checklists if c.stage == s.id] for s in stages}
    return {"playbook": pb, "content": content, "paper": site.print.paper, "pdf_date": pdf_date(),
            "stages": stages, "stage_number": {s.id: n for n, s in enumerate(stages, 1)}, "checklists": checklists,
            "by_stage": by_stage, "page_url": page_url, "role_title": role_title, "MODE_HOW": MODE_HOW,
            "pack_url": posixpath.join(pb.site_url.rstrip("/"), PACK) if pb.site_url else PACK}


def _bands(assessment) -> list[dict]:
    """Result bands from the top down, each with its range in words."""
    out, upper = [], None
    for band in sorted(assessment.results, key=lambda b: -b.min_percent):
        if upper is None:
            words = f"{band.min_percent} % and above"
        elif band.min_percent == 0:
            words = f"under {upper} %"
        else:
            words = f"{band.min_percent} % to under {upper} %"
        out.append({"band": band, "range": words})
        upper = band.min_percent
    return out


def print_html(content: Content, project: Path, site) -> dict[str, str]:
    """Every print document's HTML by output path, in memory."""
    env = make_env(project, html=True)
    ctx = _context(content, site)
    docs = {checklist_pdf(c.id): render(env, "print/checklist.html", checklist=c, **ctx) for c in ctx["checklists"]}
    if ctx["checklists"]:
        docs[PACK] = render(env, "print/pack.html", **ctx)
    for a in content.ordered("assessments"):
        docs[scorecard_pdf(a.id)] = render(env, "print/scorecard.html", assessment=a, bands=_bands(a), **ctx)
    return docs


def checklist_jobs(content: Content, project: Path, site, options) -> list[Job]:
    """Jobs for every checklist PDF, the pack and every scorecard."""
    engine = f"weasyprint {version('weasyprint')}\0".encode()
    return [Job(path, html_to_pdf, (html,), engine + html.encode("utf-8"))
            for path, html in print_html(content, project, site).items()]


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
    ctx = _context(content, site)
    # The estimate only knows the default sheet; with the project's own print templates, lay out every one.
    own_print = (Path(project) / "templates" / "print").is_dir()
    issues = []
    for cl in ctx["checklists"]:
        if cl.allow_continuation or (not own_print and estimated_lines(cl, ctx["role_title"]) <= SURELY_FITS):
            continue
        html = render(env, "print/checklist.html", checklist=cl, **ctx)
        key = hashlib.sha256(html.encode()).hexdigest()
        pages = counted[key] = known.get(key) or _layout_pages(html)
        if pages > 1:
            issues.append(loaded.sources.issue(
                "checklists", cl.id, ("items",),
                f"checklist does not fit on one printed {site.print.paper} page (it needs {pages}); "
                "shorten it, split it, or set 'allow_continuation: true'"))
    if memo is not None:
        memo.clear()
        memo.update(counted)
    return issues


def _layout_pages(html: str) -> int:
    from weasyprint import HTML  # lazily: importing it loads pango, which costs most of a second

    return len(HTML(string=html).render().pages)


def read_memo(path: Path) -> dict[str, int]:
    try:
        data = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, int)} if isinstance(data, dict) else {}


def write_memo(path: Path, memo: dict[str, int]) -> None:
    from ..write import write_if_changed

    write_if_changed(path, json.dumps(memo, sort_keys=True).encode("utf-8"))
