"""The lifecycle diagram: inline SVG generated from the stages and their gates, no JavaScript.

Stages are numbered boxes laid out in rows, left to right, with a gate diamond after every stage that
has one. Each box is a link to the stage's page, relative to the page the diagram sits on, so it works
from file:// as well as on a server. Text stays text (selectable, searchable, read by screen readers);
colours come from CSS classes in playbook.css so the diagram follows the theme and prints in black.
"""

from __future__ import annotations

import posixpath
import textwrap
from html import escape

from ..i18n import say

PER_ROW = 4
BOX_W, BOX_H = 170, 86
GAP = 58  # room for the gate diamond and the arrow between two boxes
ROW_GAP = 50
PAD = 12
LINE = 15  # line height of box text
CHARS = 19  # characters per line of a box title


def _lines(title: str, max_lines: int = 3) -> list[str]:
    lines = textwrap.wrap(" ".join(title.split()), CHARS) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: CHARS - 1].rstrip() + "…"
    return lines


def _href(page_path: str, stage_path: str) -> str:
    """Relative .html link from the page the diagram is on (use_directory_urls is off)."""
    target = stage_path.removesuffix(".md") + ".html"
    return posixpath.relpath(target, posixpath.dirname(page_path) or ".")


def lifecycle_svg(stages: list, page_path: str, stage_path) -> str:
    """The diagram as one SVG element on a single block of lines (no blank line, so Markdown leaves it alone).

    `stages` in lifecycle order; `stage_path(stage)` gives each stage's docs path (e.g. lifecycle/x.md).
    """
    n = len(stages)
    cols = min(PER_ROW, max(n, 1))
    rows = (n + PER_ROW - 1) // PER_ROW or 1
    width = PAD * 2 + cols * BOX_W + (cols - 1) * GAP
    height = PAD * 2 + rows * BOX_H + (rows - 1) * ROW_GAP
    names = ", ".join(f"{i}. {s.title}" for i, s in enumerate(stages, 1))
    gates = sum(1 for s in stages if s.gate)
    desc = say("%(n)s stages in order, %(gates)s of them ending at a decision gate (diamond): %(names)s. "
               "Each stage links to its page.", n=n, gates=gates, names=names)
    title = say("The %(subject)s lifecycle")
    out = [f'<svg class="pg-lifecycle" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
           f'width="{width}" height="{height}" role="group" aria-labelledby="pg-lifecycle-title pg-lifecycle-desc">',
           f'<title id="pg-lifecycle-title">{escape(title)}</title>',
           f'<desc id="pg-lifecycle-desc">{escape(desc)}</desc>',
           '<defs><marker id="pg-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
           'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="pg-lc-arrowhead"/></marker></defs>']
    pos = []
    for i in range(n):
        row, col = divmod(i, PER_ROW)
        pos.append((PAD + col * (BOX_W + GAP), PAD + row * (BOX_H + ROW_GAP)))
    for i, stage in enumerate(stages):
        x, y = pos[i]
        cy = y + BOX_H / 2
        if i + 1 < n:  # connector to the next stage, through the gate if there is one
            nx, ny = pos[i + 1]
            if ny == y:
                path = f"M{x + BOX_W},{cy} L{nx - 2},{cy}"
                gx, gy = x + BOX_W + GAP / 2, cy
            else:  # wrap to the next row: down from this box, back left, down into the next
                mid = y + BOX_H + ROW_GAP / 2
                path = f"M{x + BOX_W / 2},{y + BOX_H} L{x + BOX_W / 2},{mid} L{nx + BOX_W / 2},{mid} L{nx + BOX_W / 2},{ny - 2}"
                gx, gy = x + BOX_W / 2, y + BOX_H + ROW_GAP / 4
            out.append(f'<path d="{path}" class="pg-lc-line" marker-end="url(#pg-arrow)"/>')
        else:  # the last stage's gate sits on its right edge
            gx, gy = x + BOX_W, cy
        if stage.gate:
            r = 11
            gate = say("Gate: %(title)s", title=stage.gate.title)
            out.append(f'<path d="M{gx},{gy - r} L{gx + r},{gy} L{gx},{gy + r} L{gx - r},{gy} z" class="pg-lc-gate">'
                       f'<title>{escape(gate)}</title></path>')
        href = _href(page_path, stage_path(stage))
        lines = _lines(stage.title)
        ty = cy - (len(lines) - 1) * LINE / 2 + 10
        label = escape(say("Stage %(n)s: %(title)s", n=i + 1, title=stage.title))
        text = "".join(f'<tspan x="{x + BOX_W / 2}" y="{ty + k * LINE}">{escape(line)}</tspan>' for k, line in enumerate(lines))
        out.append(f'<a href="{escape(href)}" class="pg-lc-stage" aria-label="{label}">'
                   f'<rect x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}" rx="8"/>'
                   f'<text x="{x + 12}" y="{y + 20}" class="pg-lc-number">{i + 1}</text>'
                   f'<text class="pg-lc-title" text-anchor="middle">{text}</text></a>')
    out.append("</svg>")
    return "\n".join(out)


def figure(stages: list, page_path: str, stage_path) -> str:
    """The diagram wrapped as a raw HTML block for a Markdown page."""
    return f'<figure class="pg-lifecycle-figure">\n{lifecycle_svg(stages, page_path, stage_path)}\n</figure>'
