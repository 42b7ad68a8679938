"""The lifecycle diagram: inline SVG generated from the stages and their gates, no JavaScript.

Stages are numbered boxes laid out in rows, left to right, with a gate diamond after every stage that
has one. Each box is a link to the stage's page, relative to the page the diagram sits on, so it works
from file:// as well as on a server. Text stays text (selectable, searchable, read by screen readers);
colours come from CSS classes in checklists.css so the diagram follows the theme and prints in black.

The figure holds the diagram in three layouts (four, two and one box per row); a container query in the CSS
shows the one that fits the column, so labels never shrink below 12 px and a phone gets a vertical diagram.
Every element sits inside the SVG's box: the last gate goes below its stage, wrapped rows join through the gap.
"""

from __future__ import annotations

import posixpath
import textwrap
from html import escape

from ..i18n import _, say

# name -> (boxes per row, box width, box height, characters per title line); the CSS names the layouts too.
# The one-column layout has wide, low boxes so a phone shows it at its own size (14 px text) without a long scroll.
LAYOUTS = {"wide": (4, 170, 86, 19), "medium": (2, 170, 86, 19), "narrow": (1, 300, 62, 34)}
BOX_W, BOX_H, CHARS = 170, 86, 19  # the default box
GAP = 58  # room for the gate diamond and the arrow between two boxes
ROW_GAP = 50
PAD = 12
LINE = 15  # line height of box text
GATE_R = 11


def _lines(title: str, max_lines: int = 3, chars: int = CHARS) -> list[str]:
    lines = textwrap.wrap(" ".join(title.split()), chars) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: chars - 1].rstrip() + "…"
    return lines


def _href(page_path: str, stage_path: str) -> str:
    """Relative .html link from the page the diagram is on (use_directory_urls is off)."""
    target = stage_path.removesuffix(".md") + ".html"
    return posixpath.relpath(target, posixpath.dirname(page_path) or ".")


def _gate(gx: float, gy: float, title: str) -> str:
    r = GATE_R
    return (f'<path d="M{gx},{gy - r} L{gx + r},{gy} L{gx},{gy + r} L{gx - r},{gy} z" class="pg-lc-gate">'
            f'<title>{escape(_("Gate: %(title)s") % {"title": title})}</title></path>')


def lifecycle_svg(stages: list, page_path: str, stage_path, per_row: int = 4, layout: str = "wide",
                  box: tuple[int, int, int] = (BOX_W, BOX_H, CHARS)) -> str:
    """The diagram as one SVG element on a single block of lines (no blank line, so Markdown leaves it alone).

    `stages` in lifecycle order; `stage_path(stage)` gives each stage's docs path (e.g. lifecycle/x.md);
    `box` is (width, height, characters per line) of a stage box.
    """
    BOX_W, BOX_H, chars = box  # noqa: N806 - the layout's own box size
    max_lines = 3 if BOX_H >= 80 else 2
    n = len(stages)
    cols = min(per_row, max(n, 1))
    rows = (n + per_row - 1) // per_row or 1
    last_gate = bool(stages) and stages[-1].gate is not None
    width = PAD * 2 + cols * BOX_W + (cols - 1) * GAP
    height = PAD * 2 + rows * BOX_H + (rows - 1) * ROW_GAP + (ROW_GAP if last_gate else 0)
    names = ", ".join(f"{i}. {s.title}" for i, s in enumerate(stages, 1))
    gates = sum(1 for s in stages if s.gate)
    ids = f"pg-lifecycle-{layout}"
    desc = _("%(n)s stages in order, %(gates)s of them ending at a decision gate (diamond): %(names)s. "
             "Each stage links to its page.") % {"n": n, "gates": gates, "names": names}
    out = [f'<svg class="pg-lifecycle" data-layout="{layout}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
           f'width="{width}" height="{height}" role="group" aria-labelledby="{ids}-title {ids}-desc">',
           f'<title id="{ids}-title">{escape(say("The %(subject)s lifecycle"))}</title>',
           f'<desc id="{ids}-desc">{escape(desc)}</desc>',
           f'<defs><marker id="{ids}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
           'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="pg-lc-arrowhead"/></marker></defs>']
    pos = []
    for i in range(n):
        row, col = divmod(i, per_row)
        pos.append((PAD + col * (BOX_W + GAP), PAD + row * (BOX_H + ROW_GAP)))
    for i, stage in enumerate(stages):
        x, y = pos[i]
        cy = y + BOX_H / 2
        mid = y + BOX_H + ROW_GAP / 2  # the middle of the gap below this row
        if i + 1 < n:  # connector to the next stage, through the gate if there is one
            nx, ny = pos[i + 1]
            if ny == y:
                path = f"M{x + BOX_W},{cy} L{nx - 2},{cy}"
                gx, gy = x + BOX_W + GAP / 2, cy
            else:  # wrap to the next row: down from this box, across the gap, down into the next
                path = f"M{x + BOX_W / 2},{y + BOX_H} L{x + BOX_W / 2},{mid} L{nx + BOX_W / 2},{mid} L{nx + BOX_W / 2},{ny - 2}"
                gx, gy = (x + nx + BOX_W) / 2, mid
            out.append(f'<path d="{path}" class="pg-lc-line" marker-end="url(#{ids}-arrow)"/>')
        else:  # the last stage's gate sits below it, inside the picture
            gx, gy = x + BOX_W / 2, mid
            if stage.gate:
                out.append(f'<path d="M{gx},{y + BOX_H} L{gx},{gy - GATE_R}" class="pg-lc-line"/>')
        if stage.gate:
            out.append(_gate(gx, gy, stage.gate.title))
        href = _href(page_path, stage_path(stage))
        lines = _lines(stage.title, max_lines, chars)
        ty = cy - (len(lines) - 1) * LINE / 2 + 10
        label = escape(_("Stage %(n)s: %(title)s") % {"n": i + 1, "title": stage.title})
        text = "".join(f'<tspan x="{x + BOX_W / 2}" y="{ty + k * LINE}">{escape(line)}</tspan>' for k, line in enumerate(lines))
        out.append(f'<a href="{escape(href)}" class="pg-lc-stage" aria-label="{label}">'
                   f'<rect x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}" rx="8"/>'
                   f'<text x="{x + 12}" y="{y + 20}" class="pg-lc-number">{i + 1}</text>'
                   f'<text class="pg-lc-title" text-anchor="middle">{text}</text></a>')
    out.append("</svg>")
    return "\n".join(out)


def figure(stages: list, page_path: str, stage_path) -> str:
    """The diagram in each layout, wrapped as a raw HTML block for a Markdown page (the CSS shows one)."""
    svgs = [lifecycle_svg(stages, page_path, stage_path, per_row, layout, (w, h, chars))
            for layout, (per_row, w, h, chars) in LAYOUTS.items()]
    return '<figure class="pg-lifecycle-figure">\n' + "\n".join(svgs) + "\n</figure>"
