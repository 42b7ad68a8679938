"""Editable slide decks (PPTX) for learning paths, built with python-pptx, reproducible to the byte.

The deck is described by a plain dict (see `training.deck_spec`) so a worker process can build it and the
job cache can key on it. python-pptx stamps the current time into the zip entries; `ooxml.fixed_zip` rewrites
the archive with one fixed timestamp, and the document dates come from SOURCE_DATE_EPOCH.
"""

from __future__ import annotations

import datetime as dt
import io
import json

from .. import i18n
from ..i18n import _
from . import deck_fit
from .ooxml import fixed_zip

INCH = 914400  # EMU
# Slide size 16:9, in EMU; python-pptx's default template is 4:3 (10 in wide), so its layouts are widened too.
WIDTH, HEIGHT = 12192000, 6858000
TEMPLATE_WIDTH = 9144000
TITLE, SECTION, TITLE_ONLY = 0, 2, 5  # layouts of python-pptx's default template
SUMMARY_LINES = 6  # key takeaways per summary slide
FONT = "Arial"
INSET_X, INSET_Y = int(0.1 * INCH), int(0.05 * INCH)  # the text frames' inner margins, set on every box
MARGIN = int(0.6 * INCH)
# Where each text goes, as (left, top, width, height) in EMU: every box positioned and sized here, never
# left to a layout, so what deck_fit measured is what a viewer lays out.
BOXES = {
    "cover-title": (MARGIN, int(1.9 * INCH), WIDTH - 2 * MARGIN, int(1.9 * INCH)),
    "cover-subtitle": (MARGIN, int(4.0 * INCH), WIDTH - 2 * MARGIN, int(1.2 * INCH)),
    "section-title": (MARGIN, int(1.8 * INCH), WIDTH - 2 * MARGIN, int(1.7 * INCH)),
    "section-text": (MARGIN, int(3.7 * INCH), WIDTH - 2 * MARGIN, int(2.8 * INCH)),
    "title": (MARGIN, int(0.35 * INCH), WIDTH - 2 * MARGIN, int(1.2 * INCH)),
    "body": (MARGIN, int(1.7 * INCH), WIDTH - 2 * MARGIN, int(5.3 * INCH)),
}
INDENT = (0.35, 0.8)  # bullet levels' left margins in inches; the bullet hangs in it
SPACE = 0.3  # space before a paragraph, per point of its font size


def _box(name: str, **kw) -> deck_fit.Box:
    """A box's inner size in points, for measuring."""
    _left, _top, w, h = BOXES[name]
    return deck_fit.Box((w - 2 * INSET_X) / deck_fit.PT, (h - 2 * INSET_Y) / deck_fit.PT, **kw)


BODY = _box("body", indent=tuple(i * 72 for i in INDENT), space=SPACE)


def make_deck(spec_json: str, epoch: int) -> bytes:
    """The PPTX bytes for a deck spec (JSON text) with document dates at `epoch`, in the spec's language."""
    spec = json.loads(spec_json)
    with i18n.using(spec.get("language")):  # a worker process: the catalogue the build activated is not known here
        return _deck(spec, epoch)


def _deck(spec: dict, epoch: int) -> bytes:
    from pptx import Presentation

    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    _widen_layouts(prs)

    cover = prs.slides.add_slide(prs.slide_layouts[TITLE])
    _title(cover.shapes.title, "cover-title", spec["title"], 40, align="center")
    _text(cover.placeholders[1], "cover-subtitle", [deck_fit.Para(spec["subtitle"])], 20, bullets=False, align="center")
    _content(prs, _("Agenda"), spec["agenda"], notes=spec["goal"], size=20)
    for module in spec["modules"]:
        _section(prs, module["title"], module["summary"])
        _content(prs, _("Objectives: %(module)s") % {"module": module["title"]}, module["objectives"], size=22)
        for idea in module["ideas"]:
            _content(prs, idea["title"], idea["points"], notes=idea["notes"])
        if module["exercise"]:
            ex = module["exercise"]
            _content(prs, ex["title"], ex["bullets"], notes=ex["notes"], size=18)
        for n, q in enumerate(module["questions"], 1):
            _content(prs, _("Question %(n)s: %(module)s") % {"n": n, "module": module["title"]},
                     [q["prompt"], *(f"  {o}" for o in q["options"])], size=22)
    summary = spec["summary"]
    _content(prs, _("Summary"), summary, size=18, per_slide=SUMMARY_LINES)

    props = prs.core_properties
    when = dt.datetime.fromtimestamp(epoch, dt.UTC).replace(tzinfo=None)
    props.title, props.subject, props.author = spec["title"], spec["subtitle"], spec["author"]
    props.last_modified_by, props.revision = "playbook-gen", 1
    props.created = props.modified = props.last_printed = when
    out = io.BytesIO()
    prs.save(out)
    return fixed_zip(out.getvalue(), epoch)


def _widen_layouts(prs) -> None:
    """Stretch the master's and the layouts' placeholders to the 16:9 slide (the template is 4:3)."""
    scale = WIDTH / TEMPLATE_WIDTH
    for holder in [prs.slide_master, *prs.slide_layouts]:
        for shape in holder.placeholders:
            if shape._element.spPr.find(qn("a:xfrm")) is not None:  # only boxes positioned there, not inherited ones
                shape.left, shape.width = round(shape.left * scale), round(shape.width * scale)


def _content(prs, title: str, bullets, notes: str = "", size: int = 24, per_slide: int = 0) -> None:
    """One slide of bullets, or as many as it takes: "Title (1/2)", "Title (2/2)"."""
    paras = [deck_fit.Para(b[2:], 1) if b.startswith("  ") else deck_fit.Para(b) for b in bullets]
    pages: list[tuple[int, list]] = []
    chunks = [paras[i:i + per_slide] for i in range(0, len(paras), per_slide)] if per_slide else [paras]
    for chunk in chunks:
        fitted, parts = deck_fit.fit(chunk, BODY, size)
        pages += [(fitted, part) for part in parts]
    for n, (fitted, part) in enumerate(pages, 1):
        slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
        shown = title if len(pages) == 1 else _("%(title)s (%(n)s/%(total)s)") % {"title": title, "n": n, "total": len(pages)}
        _title(slide.shapes.title, "title", shown, 32)
        _text(slide.shapes.add_textbox(0, 0, 0, 0), "body", part, fitted)
        if notes:
            slide.notes_slide.notes_text_frame.text = notes


def _section(prs, title: str, summary: str) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[SECTION])
    _title(slide.shapes.title, "section-title", title, 36)
    box = _box("section-text")
    size, parts = deck_fit.fit([deck_fit.Para(summary)], box, 20)
    text = [p for part in parts for p in part]  # a summary too long for the box is cut to what fits at the smallest size
    _text(slide.placeholders[1], "section-text", text[:1] if len(parts) > 1 else text, size, bullets=False)


def _title(shape, box: str, text: str, size: int, align: str = "left") -> None:
    fitted = deck_fit.title_size(text, _box(box, bold=True), size)
    _text(shape, box, [deck_fit.Para(text)], fitted, bullets=False, bold=True, align=align, anchor="middle")


def _text(shape, box: str, paras, size: int, bullets: bool = True, bold: bool = False, align: str = "left",
          anchor: str = "top") -> None:
    """Fill `shape` (a text box or a placeholder) with `paras`, at the position and size BOXES gives it."""
    from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
    from pptx.util import Pt

    shape.left, shape.top, shape.width, shape.height = BOXES[box]
    frame = shape.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE  # never shrink or grow: deck_fit made the text fit
    frame.margin_left = frame.margin_right = INSET_X
    frame.margin_top = frame.margin_bottom = INSET_Y
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE if anchor == "middle" else MSO_ANCHOR.TOP
    for n, item in enumerate(paras):
        para = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
        para.text = item.text
        para.alignment = PP_ALIGN.CENTER if align == "center" else PP_ALIGN.LEFT
        s = deck_fit.sizes(size, item.level)
        para.line_spacing = 1.0
        para.space_before = Pt(SPACE * s if n and bullets else 0)
        para.space_after = Pt(0)
        _bullet(para, item.level if bullets else None)
        for run in para.runs:
            run.font.size, run.font.bold, run.font.name = Pt(s), bold, FONT
            run._r.get_or_add_rPr().set("cap", "none")  # a layout's all-caps title would be wider than measured


def _bullet(para, level) -> None:
    """A hanging bullet ("•", "–" below it) at the level's margin, or explicitly none."""
    p_pr = para._p.get_or_add_pPr()
    for old in p_pr.findall(qn("a:buNone")) + p_pr.findall(qn("a:buChar")):
        p_pr.remove(old)
    if level is None:
        p_pr.set("marL", "0")
        p_pr.set("indent", "0")
        p_pr.append(p_pr.makeelement(qn("a:buNone"), {}))
        return
    margin = int(INDENT[level] * INCH)
    hang = int(0.3 * INCH)
    p_pr.set("marL", str(margin))
    p_pr.set("indent", str(-hang))
    p_pr.append(p_pr.makeelement(qn("a:buChar"), {"char": "•" if level == 0 else "–"}))


def qn(tag: str) -> str:
    from pptx.oxml.ns import qn as name  # python-pptx is imported only when a deck is made

    return name(tag)
