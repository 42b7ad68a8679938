"""Fitting text into slide text boxes: line wrapping with font metrics, and paragraphs spread over slides.

python-pptx cannot lay text out, and a deck opened elsewhere must not spill over its boxes, so the text is
measured here with a fixed table of DejaVu Sans widths (deck_metrics.json, made by bin/deck-metrics): wider
and taller than Arial, the deck's font, and what LibreOffice falls back to on Debian. Same text, same
slides, on every machine: nothing here reads the system's fonts.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

LINE = 1.2  # line height in em used for fitting: above DejaVu Sans' 1.164 and Arial's 1.15
UNKNOWN = 1.0  # width in em of a character the table does not know (CJK and the like are about this wide)
PT = 12700  # EMU per point
MIN_SIZE = 14  # points: text is never shrunk below this to stay on one slide (it goes on to the next instead)


@functools.cache
def _metrics() -> dict:
    return json.loads((Path(__file__).with_name("deck_metrics.json")).read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=65536)
def width(text: str, size: float, bold: bool = False) -> float:
    """The width of `text` at `size` points, in points."""
    widths = _metrics()["bold" if bold else "regular"]["widths"]
    return sum(widths.get(str(ord(ch)), UNKNOWN * 1000) for ch in text) * size / 1000


def lines(text: str, size: float, room: float, bold: bool = False) -> list[str]:
    """`text` wrapped greedily at spaces into lines at most `room` points wide (a longer word is cut)."""
    out: list[str] = []
    for para in text.split("\n"):
        line = ""
        for word in para.split():
            candidate = f"{line} {word}" if line else word
            if width(candidate, size, bold) <= room:
                line = candidate
                continue
            if line:
                out.append(line)
            while width(word, size, bold) > room:  # a word longer than the line breaks anywhere
                cut = max([1, *(n for n in range(1, len(word)) if width(word[:n], size, bold) <= room)])
                out.append(word[:cut])
                word = word[cut:]
            line = word
        out.append(line)
    return out


@dataclass(frozen=True)
class Para:
    text: str
    level: int = 0  # 0: a bullet, 1: a sub-bullet


@dataclass(frozen=True)
class Box:
    """A text box's inner size in points and how its paragraphs are set."""

    width: float
    height: float
    indent: tuple[float, ...] = (0.0, 0.0)  # left margin per level (bullets hang in it)
    space: float = 0.0  # space before each paragraph but the first, in points per point of font size
    shrink: tuple[int, ...] = (2, 4, 6)  # how many points smaller the text may be set to stay on one slide
    bold: bool = False


def sizes(size: int, level: int) -> int:
    return size - 4 * level


def height(paras: list[Para], box: Box, size: int) -> float:
    """How tall `paras` are in `box` at `size` (sub-bullets four points smaller)."""
    total = 0.0
    for n, para in enumerate(paras):
        s = sizes(size, para.level)
        count = len(lines(para.text, s, box.width - box.indent[min(para.level, len(box.indent) - 1)], box.bold))
        total += count * s * LINE + (box.space * s if n else 0)
    return total


def fit(paras: list[Para], box: Box, size: int) -> tuple[int, list[list[Para]]]:
    """The font size and the slides' worth of paragraphs: all on one slide, if need be a little smaller;
    else spread over several at `size`, a bullet kept with its sub-bullets where they fit together."""
    deepest = max((p.level for p in paras), default=0)
    for smaller in (0, *box.shrink):
        if smaller and sizes(size - smaller, deepest) < MIN_SIZE:
            break
        if height(paras, box, size - smaller) <= box.height:
            return size - smaller, [paras]
    pages: list[list[Para]] = []
    page: list[Para] = []
    for group in _groups(paras):
        if height(page + group, box, size) <= box.height:
            page += group
            continue
        if page:
            pages.append(page)
            page = []
        for para in group:
            for piece in _pieces(para, box, size):
                if page and height(page + [piece], box, size) > box.height:
                    pages.append(page)
                    page = []
                page.append(piece)
    if page:
        pages.append(page)
    return size, pages


def _groups(paras: list[Para]) -> list[list[Para]]:
    out: list[list[Para]] = []
    for para in paras:
        if para.level == 0 or not out:
            out.append([para])
        else:
            out[-1].append(para)
    return out


def _pieces(para: Para, box: Box, size: int) -> list[Para]:
    """One paragraph, or, when it alone is taller than the box, parts of it that each fit."""
    if height([para], box, size) <= box.height:
        return [para]
    s = sizes(size, para.level)
    per_page = max(1, int(box.height // (s * LINE)))
    wrapped = lines(para.text, s, box.width - box.indent[min(para.level, len(box.indent) - 1)], box.bold)
    return [Para(" ".join(wrapped[i:i + per_page]), para.level) for i in range(0, len(wrapped), per_page)]


def title_size(text: str, box: Box, size: int) -> int:
    """The largest size down to 16 points at which a title fits its box."""
    for s in range(size, 15, -2):
        if len(lines(text, s, box.width, box.bold)) * s * LINE <= box.height:
            return s
    return 16
