"""Editable slide decks (PPTX) for learning paths, built with python-pptx, reproducible to the byte.

The deck is described by a plain dict (see `training.deck_spec`) so a worker process can build it and the
job cache can key on it. python-pptx stamps the current time into the zip entries; `_fixed_zip` rewrites
the archive with one fixed timestamp, and the document dates come from SOURCE_DATE_EPOCH.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile

# Slide size 16:9, in EMU (914400 per inch).
WIDTH, HEIGHT = 12192000, 6858000
TITLE, CONTENT, SECTION = 0, 1, 2  # layouts of python-pptx's default template
SUMMARY_LINES = 6  # key takeaways per summary slide


def make_deck(spec_json: str, epoch: int) -> bytes:
    """The PPTX bytes for a deck spec (JSON text) with document dates at `epoch`."""
    from pptx import Presentation
    from pptx.util import Pt

    spec = json.loads(spec_json)
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT

    def add(layout: int, title: str, bullets=(), notes: str = "", size: int = 24):
        slide = prs.slides.add_slide(prs.slide_layouts[layout])
        slide.shapes.title.text = title
        placeholders = [p for p in slide.placeholders if p.placeholder_format.idx != 0]
        if layout in (CONTENT, SECTION) and placeholders:
            body = placeholders[0]
            body.width = WIDTH - 2 * body.left
            frame = body.text_frame
            frame.word_wrap = True
            for i, line in enumerate(bullets):
                para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
                level, line = (1, line[2:]) if line.startswith("  ") else (0, line)
                para.text, para.level = line, level
                for run in para.runs:
                    run.font.size = Pt(size - 4 * level)
        if notes:
            slide.notes_slide.notes_text_frame.text = notes
        return slide

    slide = prs.slides.add_slide(prs.slide_layouts[TITLE])
    slide.shapes.title.text = spec["title"]
    slide.placeholders[1].text = spec["subtitle"]
    words = spec["words"]
    add(CONTENT, words["agenda"], spec["agenda"], notes=spec["goal"], size=20)
    for module in spec["modules"]:
        add(SECTION, module["title"], [module["summary"]], size=20)
        add(CONTENT, words["objectives"] % {"title": module["title"]}, module["objectives"], size=22)
        for idea in module["ideas"]:
            add(CONTENT, idea["title"], idea["points"], notes=idea["notes"])
        if module["exercise"]:
            ex = module["exercise"]
            add(CONTENT, ex["title"], ex["bullets"], notes=ex["notes"], size=18)
        for n, q in enumerate(module["questions"], 1):
            add(CONTENT, words["question"] % {"n": n, "title": module["title"]}, [q["prompt"], *(f"  {o}" for o in q["options"])], size=22)
    summary = spec["summary"]
    parts = [summary[i:i + SUMMARY_LINES] for i in range(0, len(summary), SUMMARY_LINES)]
    for n, part in enumerate(parts, 1):
        add(CONTENT, words["summary"] if len(parts) == 1 else words["summary_part"] % {"n": n, "total": len(parts)}, part, size=18)

    props = prs.core_properties
    when = dt.datetime.fromtimestamp(epoch, dt.UTC).replace(tzinfo=None)
    props.title, props.subject, props.author = spec["title"], spec["subtitle"], spec["author"]
    props.last_modified_by, props.revision = "playbook-gen", 1
    props.created = props.modified = props.last_printed = when
    out = io.BytesIO()
    prs.save(out)
    return _fixed_zip(out.getvalue(), epoch)


def _fixed_zip(data: bytes, epoch: int) -> bytes:
    """The same archive with every entry stamped `epoch` (at least 1980, zip's epoch) and fixed attributes."""
    stamp = dt.datetime.fromtimestamp(max(epoch, 315532800), dt.UTC).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():  # keep python-pptx's order: [Content_Types].xml must come first
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()
