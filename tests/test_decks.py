"""Slide decks as pictures: every default deck (and one with far too much text) converted by LibreOffice.

All decks go through one headless soffice call; then each page must be 16:9 and every word pdftotext finds
must lie inside a text box of its slide (so no text overflows its box, or the slide), and the layouts are
16:9 as well as the slides.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
from pathlib import Path

import pytest

from playbook_gen.export.slides import HEIGHT, WIDTH, make_deck
from playbook_gen.export.training import deck_spec
from playbook_gen.load.loader import load

from .conftest import require_tool

ROOT = Path(__file__).resolve().parent.parent
EMU_PER_PT = 12700
SLACK = 2.0  # points: glyphs may stand a hair outside their line box

LONG = "A sentence that goes on for a while so that the slide fills up quickly, with several words in it."
CROWDED = {
    "title": "A deck with far too much text on every slide to see that it is spread over several of them",
    "subtitle": "Playbook 1.0 · 3 h", "author": "", "goal": "", "agenda": [f"{n}:00–{n}:30  Module {n}" for n in range(30)],
    "summary": [LONG] * 14,
    "modules": [{
        "title": "A module whose title is long enough to need two lines on its section slide, or even three of them",
        "summary": LONG * 3,
        "objectives": [LONG] * 9,
        "ideas": [{"title": "One point far longer than a slide", "points": [LONG * 25], "notes": "n"},
                  {"title": "Many points with sub-points", "points": [LONG, *[f"  {LONG}"] * 4] * 3, "notes": ""}],
        "exercise": {"title": "Exercise: long", "bullets": ["Task (30 min)", *[f"  {LONG}"] * 12], "notes": ""},
        "questions": [{"prompt": LONG * 2, "options": [f"{c}. {LONG}" for c in "ABCDEF"]}],
    }],
}


@pytest.fixture(scope="module")
def decks(tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    """name -> (pptx, pdf) for every default deck and the crowded one, converted in one soffice run."""
    soffice = require_tool("soffice")
    folder = tmp_path_factory.mktemp("decks")
    content = load(ROOT).content
    specs = {path.id: deck_spec(content, path) for path in content.ordered("learning_paths")}
    specs["crowded"] = CROWDED
    for name, spec in specs.items():
        (folder / f"{name}.pptx").write_bytes(make_deck(json.dumps(spec, sort_keys=True), 0))
    subprocess.run([soffice, "--headless", f"-env:UserInstallation={(folder / 'lo-profile').as_uri()}",
                    "--convert-to", "pdf", "--outdir", str(folder), *sorted(str(p) for p in folder.glob("*.pptx"))],
                   check=True, capture_output=True, timeout=300)
    return {name: (folder / f"{name}.pptx", folder / f"{name}.pdf") for name in specs}


def words_per_page(pdf: Path) -> list[tuple[float, float, list[tuple[str, float, float, float, float]]]]:
    """(width, height, [(word, xmin, ymin, xmax, ymax)]) per page, in points, from pdftotext -bbox."""
    out = subprocess.run([require_tool("pdftotext"), "-bbox", str(pdf), "-"], check=True, capture_output=True).stdout
    pages = []
    for page in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', out.decode("utf-8"), re.S):
        words = [(html.unescape(w[4]), *map(float, w[:4])) for w in re.findall(
            r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*?)</word>', page[3])]
        pages.append((float(page[1]), float(page[2]), words))
    return pages


def boxes(pptx: Path) -> list[list[tuple[float, float, float, float]]]:
    """Each slide's text shapes as (left, top, right, bottom) in points."""
    from pptx import Presentation

    out = []
    for slide in Presentation(str(pptx)).slides:
        shapes = [s for s in slide.shapes if s.has_text_frame and s.text_frame.text.strip()]
        assert all(s._element.spPr.find("{*}xfrm") is not None for s in shapes), "every text box is positioned on its slide"
        out.append([(s.left / EMU_PER_PT, s.top / EMU_PER_PT, (s.left + s.width) / EMU_PER_PT,
                     (s.top + s.height) / EMU_PER_PT) for s in shapes])
    return out


def test_decks_are_16_9_and_no_text_leaves_its_box(decks):
    for name, (pptx, pdf) in decks.items():
        pages, slides = words_per_page(pdf), boxes(pptx)
        assert len(pages) == len(slides), name
        for n, ((width, height, words), rects) in enumerate(zip(pages, slides, strict=True), 1):
            assert width / height == pytest.approx(16 / 9, rel=0.005), (name, n)
            assert words, (name, n)
            outside = [r for r in rects if r[0] < 0 or r[1] < 0 or r[2] > WIDTH / EMU_PER_PT or r[3] > HEIGHT / EMU_PER_PT]
            assert outside == [], f"{name} slide {n}: text boxes outside the slide: {outside}"
            for word, x0, y0, x1, y1 in words:
                inside = any(x0 >= l - SLACK and y0 >= t - SLACK and x1 <= r + SLACK and y1 <= b + SLACK
                             for l, t, r, b in rects)
                assert inside, f"{name} slide {n}: {word!r} at {(x0, y0, x1, y1)} is outside its text boxes {rects}"


def test_layouts_are_16_9_too(decks):
    from pptx import Presentation

    prs = Presentation(str(decks["all-staff"][0]))
    assert (prs.slide_width, prs.slide_height) == (WIDTH, HEIGHT)
    for holder in [prs.slide_master, *prs.slide_layouts]:
        for shape in holder.placeholders:
            if shape.left is not None:
                assert 0 <= shape.left and shape.left + shape.width <= WIDTH, (holder.name, shape.name)
    title = prs.slide_master.placeholders[0]
    assert title.width / WIDTH == pytest.approx(8229600 / 9144000, rel=0.01)  # the template's proportions, widened


def test_crowded_content_is_spread_over_numbered_slides(decks):
    from pptx import Presentation

    titles = [s.shapes.title.text_frame.text for s in Presentation(str(decks["crowded"][0])).slides]
    assert "Agenda (1/3)" in titles and "Agenda (3/3)" in titles
    assert any(t.startswith("One point far longer than a slide (2/") for t in titles)
    assert "Summary (1/3)" in titles and "Summary (3/3)" in titles and "Summary" not in titles
