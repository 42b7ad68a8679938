"""The toolkit's downloads as jobs: a DOCX per document template, an XLSX per register template.

Each file is described by a plain dict of texts (`template_spec`), interface words already translated, so a
worker process builds it with python-docx or openpyxl and the job cache keys on exactly what it shows.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from ..i18n import _
from ..model import Content
from ..model.toolkit import Template
from ..render.terms import plain_lines
from .docx_export import make_docx
from .jobs import Job
from .kinds import Exporter
from .xlsx_export import make_xlsx

_BULLET = re.compile(r"^\s*(?:[-*+]|\d+\.)\s+")


def paragraphs(markdown: str) -> list[str]:
    """Markdown prose as plain paragraphs for an office file: links reduced to their text, one list item a line."""
    out = []
    for block in re.split(r"\n\s*\n", plain_lines(markdown)):
        lines = [line for line in block.splitlines() if line.strip()]
        if lines and all(_BULLET.match(line) for line in lines):
            out += [_BULLET.sub("• ", line) for line in lines]
        elif lines:
            out.append(" ".join(lines))
    return out


def template_spec(content: Content, template: Template) -> dict:
    pb, made = content.playbook, content.deliverables()
    stages = list(dict.fromkeys(made[d][0].title for d in template.deliverables if d in made))
    return {
        "title": template.title,
        "summary": template.summary,
        "author": pb.organisation or pb.title,
        "footer": f"{pb.title} · {pb.version}",  # the playbook a filled-in copy came from
        "facts": [[_("Owner"), content.roles[template.owner_role].title if template.owner_role in content.roles else ""],
                  [_("Stage"), ", ".join(stages)],
                  [_("Serves"), "; ".join(made[d][1].title for d in template.deliverables if d in made)]],
        "purpose": paragraphs(template.purpose),
        "instructions": paragraphs(template.instructions),
        "sections": [{"heading": s.heading, "guidance": paragraphs(s.guidance),
                      "fields": [{"label": f.label, "hint": f.hint} for f in s.fields]} for s in template.sections],
        "columns": [c.model_dump(mode="json") for c in template.columns],
        "rows": template.rows,
        "labels": {
            "delete_guidance": _("Text in this style is guidance from the playbook. Delete it when the document is "
                                 "complete: right-click any guidance text, choose Styles, Select all instances, then Delete."),
            "instructions": _("Instructions"), "about": _("Purpose"), "column": _("Column"), "what": _("What goes in it"),
            "choose": _("Choose one of the values in the list."), "date": _("Enter a date."), "number": _("Enter a number."),
        },
    }


def toolkit_jobs(content: Content, project: Path, site, options) -> list[Job]:
    """One job per template: DOCX for a document, XLSX for a register or matrix."""
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0"))
    jobs = []
    for template in content.ordered("templates"):
        spec = json.dumps(template_spec(content, template), sort_keys=True, ensure_ascii=False)
        func = make_docx if template.is_document else make_xlsx
        jobs.append(Job(template.download, func, (spec, epoch), f"{epoch}\0{spec}".encode()))
    return jobs


TOOLKIT = Exporter(jobs=toolkit_jobs, listing=lambda template: {"download": template.download})  # the DOCX or XLSX
