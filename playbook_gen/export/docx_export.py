"""Editable Word documents (DOCX) for document templates, built with python-docx, reproducible to the byte.

The guidance is in one paragraph style of its own (`GUIDANCE_STYLE`), so a team deletes all of it at once
(Word: right-click guidance text, Styles, Select all instances, Delete) once the document is filled in.
The document is described by a plain dict (`export/toolkit.template_spec`), so a worker process builds it and
the job cache keys on it; `ooxml.fixed_zip` fixes the zip's timestamps and the document dates.
"""

from __future__ import annotations

import io
import json

from .ooxml import fixed_zip, stamp

GUIDANCE_STYLE = "Playbook guidance"


def make_docx(spec_json: str, epoch: int) -> bytes:
    """The DOCX bytes for a template spec (JSON text) with document dates at `epoch`."""
    from docx import Document
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt, RGBColor

    spec = json.loads(spec_json)
    labels = spec["labels"]
    doc = Document()
    guidance = doc.styles.add_style(GUIDANCE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    guidance.base_style = doc.styles["Normal"]
    guidance.quick_style = True  # listed in the style gallery, so it is easy to find and select
    guidance.font.italic = True
    guidance.font.size = Pt(10)
    guidance.font.color.rgb = RGBColor(0x1F, 0x5F, 0x8B)

    def guide(paragraphs, where=doc):
        for text in paragraphs:
            where.add_paragraph(text, style=GUIDANCE_STYLE)

    doc.add_heading(spec["title"], 0)
    facts = doc.add_table(rows=0, cols=2, style="Table Grid")
    for label, value in spec["facts"]:
        row = facts.add_row().cells
        row[0].paragraphs[0].add_run(label).bold = True
        row[1].paragraphs[0].text = value
    guide([labels["delete_guidance"], *spec["purpose"], *spec["instructions"]])
    for section in spec["sections"]:
        doc.add_heading(section["heading"], 1)
        guide(section["guidance"])
        if section["fields"]:
            table = doc.add_table(rows=0, cols=2, style="Table Grid")
            for field in section["fields"]:
                cells = table.add_row().cells
                cells[0].paragraphs[0].add_run(field["label"]).bold = True
                if field["hint"]:
                    cells[1].paragraphs[0].text = field["hint"]
                    cells[1].paragraphs[0].style = doc.styles[GUIDANCE_STYLE]
        doc.add_paragraph()  # room to write below the fields

    footer = doc.sections[0].footer.paragraphs[0]
    footer.text = spec["footer"]
    props = doc.core_properties
    props.title, props.subject, props.author = spec["title"], spec["summary"], spec["author"]
    props.last_modified_by, props.revision = "playbook-gen", 1
    props.created = props.modified = props.last_printed = stamp(epoch)
    out = io.BytesIO()
    doc.save(out)
    return fixed_zip(out.getvalue(), epoch)
