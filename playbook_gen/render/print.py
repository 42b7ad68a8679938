"""Print documents as HTML, in memory: a sheet per checklist, the checklist pack, a scorecard per assessment.

Our own print templates (templates/print/, overridable like every template), never Material's pages. The
export step turns them into PDFs (export/checklists.py); `check` lays checklist sheets out to see that each
fits on one page (fit.py).
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
from pathlib import Path

from markupsafe import Markup

from ..derive.indexes import lifecycle_checklists, stage_checklists
from ..i18n import N_, _
from ..model import Content
from .env import make_env, render
from .pages import entity_path

PACK = "checklists/checklist-pack.pdf"
# msgids, translated where the sheet prints them
MODE_HOW = {"READ-DO": N_("Read each item aloud, then do it."),
            "DO-CONFIRM": N_("Do the work from memory, then pause and confirm every item."),
            "": N_("Work through every item.")}


def pdf_date() -> str:
    """The documents' date (their metadata and footers): SOURCE_DATE_EPOCH, never the clock."""
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0"))
    return dt.datetime.fromtimestamp(epoch, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def resource_roots(project: Path) -> tuple[str, ...]:
    """The only folders a PDF may read files from: the template folders (ours, and the project's own) and site_config/."""
    from .env import template_dirs

    return tuple(str(d) for d in [*template_dirs(project), (Path(project) / "site_config").resolve()])


def url_fetcher(roots: tuple[str, ...]):
    """A WeasyPrint URL fetcher that serves files inside `roots` and refuses everything else.

    Print HTML is ours, and prose in it is sanitised, but this is the last guard: no file elsewhere on the
    machine (as an image, a stylesheet or an attachment) and no network address is ever read into a PDF.
    """
    from urllib.parse import unquote, urlsplit

    from weasyprint.urls import URLFetcher, URLFetcherResponse

    allowed = [Path(r).resolve() for r in roots]

    class OnlyOurFiles(URLFetcher):
        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            if parts.scheme == "file" and not parts.netloc:
                path = Path(unquote(parts.path)).resolve()
                if any(path.is_relative_to(root) for root in allowed) and path.is_file():
                    return URLFetcherResponse(url, path.read_bytes())
            raise ValueError(f"playbook-gen refuses to fetch {url[:80]} for a PDF")

    return OnlyOurFiles(allowed_protocols={"file"}, allow_redirects=False)


def page_numbers() -> Markup:
    """The footer's "Page 2 of 3" as a CSS `content` value: the translated words as CSS strings around counters.

    Markup because it goes into print.css inside <style>, where HTML escaping would be read literally; the words
    are the catalogue's, escaped here for a CSS string (no quote, backslash, newline or `<` gets through).
    """
    marked = _("Page %(page)s of %(pages)s") % {"page": "\0page\0", "pages": "\0pages\0"}
    parts = []
    for n, piece in enumerate(marked.split("\0")):
        if n % 2:
            parts.append(f"counter({piece})")
        elif piece:
            escaped = "".join(c if c.isalnum() or c in " .,:;-–·/()%" else f"\\{ord(c):x} " for c in piece)
            parts.append(f'"{escaped}"')
    return Markup(" ".join(parts))


def checklist_pdf(ident: str) -> str:
    return f"checklists/pdf/{ident}.pdf"


def scorecard_pdf(ident: str) -> str:
    return f"assessments/pdf/{ident}.pdf"


def print_context(content: Content, site) -> dict:
    """What every print template sees."""
    pb = content.playbook
    stages = content.ordered("stages")
    roles = content.entities.get("roles", {})

    def page_url(kind: str, entity) -> str:
        """The entity's page on the published site (absolute when the playbook has a site_url)."""
        rel = entity_path(kind, entity).removesuffix(".md") + ".html"
        return posixpath.join(pb.site_url.rstrip("/"), rel) if pb.site_url else rel

    def role_title(ident) -> str:
        return roles[ident].title if ident in roles else "–"

    by_stage = {s.id: stage_checklists(content, s) for s in stages}
    checklists = lifecycle_checklists(content, by_stage)  # the pack's sheets: each once, where the contents first list it
    return {"playbook": pb, "content": content, "paper": site.print.paper, "pdf_date": pdf_date(),
            "stages": stages, "stage_number": {s.id: n for n, s in enumerate(stages, 1)}, "checklists": checklists,
            "by_stage": by_stage, "page_url": page_url, "page_numbers": page_numbers(), "role_title": role_title, "MODE_HOW": MODE_HOW,
            "pack_url": posixpath.join(pb.site_url.rstrip("/"), PACK) if pb.site_url else PACK}


def _bands(assessment) -> list[dict]:
    """Result bands from the top down, each with its range in words."""
    out, upper = [], None
    for band in sorted(assessment.results, key=lambda b: -b.min_percent):
        # The same msgids as the assessment page's result table (templates/assessment.md).
        if upper is None:
            words = _("%(min)s %% and above") % {"min": band.min_percent}
        elif band.min_percent == 0:
            words = _("under %(max)s %%") % {"max": upper}
        else:
            words = _("%(min)s %% to under %(max)s %%") % {"min": band.min_percent, "max": upper}
        out.append({"band": band, "range": words})
        upper = band.min_percent
    return out


def print_html(content: Content, project: Path, site, kinds=("checklists", "assessments")) -> dict[str, str]:
    """Every print document's HTML by output path, in memory: checklist sheets and the pack, scorecards."""
    env = make_env(project, html=True)
    ctx = print_context(content, site)
    docs = {}
    if "checklists" in kinds:
        docs = {checklist_pdf(c.id): render(env, "print/checklist.html", checklist=c, **ctx) for c in ctx["checklists"]}
        if ctx["checklists"]:
            docs[PACK] = render(env, "print/pack.html", **ctx)
    if "assessments" in kinds:
        for a in content.ordered("assessments"):
            docs[scorecard_pdf(a.id)] = render(env, "print/scorecard.html", assessment=a, bands=_bands(a), **ctx)
    return docs


