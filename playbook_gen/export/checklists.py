"""Printable checklists and scorecards as PDFs: one page per checklist, the checklist pack, a scorecard per assessment.

Each is a Job keyed by its print HTML (render/print.py) plus the WeasyPrint version, so an unchanged checklist
is not regenerated, while any change to its content, the templates or the paper size changes the HTML and so
the key.
"""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

from ..model import Content
from ..render.print import print_html, resource_roots, scorecard_pdf
from .jobs import Job
from .kinds import Exporter
from .pdf import html_to_pdf


def print_jobs(content: Content, project: Path, site, kind: str) -> list[Job]:
    """Jobs for the print documents of one kind: "checklists" (every sheet and the pack) or "assessments"."""
    engine = f"weasyprint {version('weasyprint')}\0".encode()
    roots = resource_roots(project)
    return [Job(path, html_to_pdf, (html, roots), engine + html.encode("utf-8"))
            for path, html in print_html(content, project, site, (kind,)).items()]


CHECKLIST_PDFS = Exporter(jobs=lambda content, project, site, options: print_jobs(content, project, site, "checklists"))
SCORECARD_PDFS = Exporter(jobs=lambda content, project, site, options: print_jobs(content, project, site, "assessments"),
                          listing=lambda assessment: {"downloads": {"pdf": scorecard_pdf(assessment.id)}})


