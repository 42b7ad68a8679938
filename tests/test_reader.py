"""The default site as a reader meets it (issue 15): every page at desktop and phone width, in light and dark.

One build (the session's default site), one browser context, one visit per page and width: the sweep fixture
records horizontal scroll, the RACI's fit, the lifecycle diagram's geometry and axe's findings (every page, both
schemes on one load), and the tests read those records. Link and label checks read the built HTML without a browser.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections import defaultdict
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from lxml import html as lxml_html


WIDTHS = {"desktop": (1280, 900, "light"), "phone": (390, 844, "dark")}  # the system setting each width loads in
SCHEMES = {"light": "default", "dark": "slate"}  # the system setting and the Material scheme that follows it


def reader_pages(site: Path) -> list[str]:
    """Every page of the default language's site. The other languages' sites (nl/) are the same templates over
    translated text; tests/test_languages.py checks them, and sweeping them too would double the suite's time."""
    others = {p.parent.parent.name for p in site.glob("*/search/search_index.json")}  # nl/search/...: "nl"
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                  if "assets" not in p.relative_to(site).parts and p.name != "404.html"
                  and p.relative_to(site).parts[0] not in others)


def axe_pages(site: Path, pages: list[str]) -> list[str]:
    """The pages axe also checks at phone width: per folder, a few pages that between them hold every element and
    class the folder's articles use (greedy cover). Every page is checked at desktop width; the phone's layout shows
    other parts (the stacked RACI, the narrow diagram, the collapsed header), and these pages show each of them."""
    by_folder: dict[str, list[str]] = defaultdict(list)
    for rel in pages:
        by_folder[posixpath.dirname(rel)].append(rel)
    chosen = []
    for rels in by_folder.values():
        found = {rel: _constructs(site / rel) for rel in rels}
        needed = set().union(*found.values())
        while needed:
            best = max(rels, key=lambda rel: len(found[rel] & needed))
            chosen.append(best)
            needed -= found[best]
    return sorted(chosen)


def _constructs(path: Path) -> set[str]:
    tree = lxml_html.parse(str(path))
    out = set()
    for el in tree.xpath("//article//*[not(self::comment())]"):
        if isinstance(el.tag, str):
            out.add(el.tag)
            out.update(f"{el.tag}.{c}" for c in (el.get("class") or "").split())
    return out


# Run in the page: page scroll, the visible diagram's boxes and text size, the RACI tables' fit.
PROBE = """() => {
  const out = {scroll: document.documentElement.scrollWidth - document.documentElement.clientWidth};
  const svg = [...document.querySelectorAll("svg.pg-lifecycle")].find(s => s.getBoundingClientRect().width > 0);
  if (svg) {
    const box = svg.getBoundingClientRect(), scale = box.width / svg.viewBox.baseVal.width;
    const r = e => e.getBoundingClientRect();
    const parts = [...svg.querySelectorAll("rect, path.pg-lc-gate, text")];
    out.outside = parts.filter(e => r(e).left < box.left - .5 || r(e).right > box.right + .5
                                   || r(e).top < box.top - .5 || r(e).bottom > box.bottom + .5).length;
    const solid = [...svg.querySelectorAll("rect, path.pg-lc-gate")].map(r);
    let overlaps = 0;
    solid.forEach((a, i) => solid.slice(i + 1).forEach(b => {
      if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) overlaps++; }));
    out.overlaps = overlaps;
    out.text_px = Math.min(...[...svg.querySelectorAll("text")].map(t => parseFloat(getComputedStyle(t).fontSize) * scale));
    out.layout = svg.dataset.layout;
  }
  const size = e => parseFloat(getComputedStyle(e).fontSize), seen = e => e.getClientRects().length > 0;
  const body = document.querySelector("article p"), cells = [...document.querySelectorAll("article td")].filter(seen);
  if (body && cells.length) { out.body_px = size(body); out.cell_px = Math.min(...cells.map(size)); }
  out.stacked = [...document.querySelectorAll(".pg-raci-stacked")].filter(seen).length;
  out.raci = [...document.querySelectorAll(".pg-raci-wide table")].filter(t => t.getBoundingClientRect().width > 0)
    .map(t => { const w = t.closest(".md-typeset__scrollwrap") || t.parentElement; return w.scrollWidth - w.clientWidth; });
  return out;
}"""


# Material's search script would fetch and index the whole site on every page: give it an empty index instead
# (aborting the request breaks Material's scripts, and with them the switch of scheme when the system setting changes).
EMPTY_INDEX = json.dumps({"config": {"lang": ["en"], "separator": r"[\s\-]+", "pipeline": []}, "docs": []})
# What a switch of scheme can change: colours. The structural rules' answers cannot change with it (the same
# elements are shown in both schemes, asserted by the sweep), so the second scheme runs the colour rules only.
COLOUR_RULES = {"resultTypes": ["violations"], "runOnly": {"type": "rule", "values": ["color-contrast", "link-in-text-block"]}}
SHOWN = "() => [...document.querySelectorAll('body *')].filter(e => e.getClientRects().length).length"
AXE_RUN = """opts => axe.run(document, opts).then(r => r.violations
  .filter(v => v.impact === "serious" || v.impact === "critical")
  .map(v => [v.id, v.nodes.slice(0, 2).map(n => n.target)]))"""


def _route(request):
    url = request.request.url
    if urlparse(url).hostname != "127.0.0.1":
        request.abort()
    elif url.endswith("search_index.json"):
        request.fulfill(status=200, content_type="application/json", body=EMPTY_INDEX)
    else:
        request.continue_()


def _axe(page, first: str, both: bool) -> dict[str, dict]:
    """axe in the scheme the page loaded in and, with `both`, in the other on the same load: the system setting is
    switched under the page (no reload), the palette follows it, and axe runs again. Serious and critical findings
    per scheme, with the Material scheme that was shown and the number of elements shown."""
    from axe_playwright_python.sync_playwright import Axe

    page.evaluate(Axe().axe_script)  # once per load, for both runs
    found = {}
    for scheme in (first, *(s for s in SCHEMES if s != first and both)):
        if scheme != first:
            page.emulate_media(color_scheme=scheme)
            page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') === '{SCHEMES[scheme]}'")
        found[scheme] = {"shown": page.evaluate("document.body.getAttribute('data-md-color-scheme')"),
                         "elements": page.evaluate(SHOWN),
                         "violations": page.evaluate(AXE_RUN, COLOUR_RULES if scheme != first
                                                     else {"resultTypes": ["violations"]})}
    if both:
        page.emulate_media(color_scheme=first)
        page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') === '{SCHEMES[first]}'")
    return found


@pytest.fixture(scope="module")
def sweep(browser, server, site):
    """Every page once per width (loaded light at 1280 px, dark at 390 px): probe results, and axe's serious
    findings in both schemes on every page at 1280 px, and in dark on the pages `axe_pages` picks at 390 px."""
    pages = reader_pages(site)
    on_phone = set(axe_pages(site, pages))
    results: dict[tuple[str, str], dict] = {}
    context = browser.new_context()  # one context and page for the whole sweep
    context.route("**/*", _route)  # nothing from elsewhere
    page = context.new_page()
    for name, (width, height, scheme) in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": height})
        page.emulate_media(color_scheme=scheme)
        for rel in pages:
            page.goto(server + rel, wait_until="load")
            found = page.evaluate(PROBE)
            found["scheme"] = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
            if name == "desktop" or rel in on_phone:
                found["axe"] = _axe(page, scheme, both=name == "desktop")
            results[(name, rel)] = found
    context.close()
    return results


def test_no_page_scrolls_sideways(sweep):
    assert [(w, rel, r["scroll"]) for (w, rel), r in sweep.items() if r["scroll"] > 0] == []


def test_raci_fits_at_desktop_width_and_stacks_on_a_phone(sweep):
    assert sweep[("desktop", "roles/raci.html")]["raci"] and all(x <= 0 for x in sweep[("desktop", "roles/raci.html")]["raci"])
    assert sweep[("phone", "roles/raci.html")]["raci"] == []  # the stacked view instead, shown
    assert sweep[("phone", "roles/raci.html")]["stacked"] > 0 and sweep[("desktop", "roles/raci.html")]["stacked"] == 0


def test_tables_read_at_body_size_or_one_step_smaller(sweep):
    """Table cells at least 0.85 of the body text (Material's own tables are 0.8), on every page with a table."""
    sized = {key: (r["cell_px"], r["body_px"]) for key, r in sweep.items() if "cell_px" in r}
    assert ("desktop", "roles/raci.html") in sized and len(sized) > 20
    assert {key: px for key, px in sized.items() if px[0] < 0.85 * px[1]} == {}


def test_lifecycle_diagram_fits_with_readable_labels(sweep):
    seen = {(w, rel): r for (w, rel), r in sweep.items() if "layout" in r}
    assert {rel for _w, rel in seen} >= {"index.html", "lifecycle/index.html"}
    assert seen[("phone", "index.html")]["layout"] == "narrow"  # vertical on a phone
    assert seen[("desktop", "index.html")]["layout"] == "wide"
    for key, r in seen.items():
        assert (key, r["outside"], r["overlaps"]) == (key, 0, 0)
        assert r["text_px"] >= 12, key


def test_axe_finds_no_serious_problem_on_any_page_in_either_scheme(sweep, site):
    assert {r["scheme"] for r in sweep.values()} == {"default", "slate"}
    desktop = {rel for (w, rel), r in sweep.items() if w == "desktop" and "axe" in r}
    assert desktop == set(reader_pages(site))  # every page
    phone = {rel for (w, rel), r in sweep.items() if w == "phone" and "axe" in r}
    assert {"index.html", "roles/raci.html", "assessments/partner-fit.html"} <= phone
    assert {posixpath.dirname(rel) for rel in phone} == {posixpath.dirname(rel) for _w, rel in sweep}
    runs = [(w, rel, scheme, run) for (w, rel), r in sweep.items() for scheme, run in r.get("axe", {}).items()]
    assert {(scheme, run["shown"]) for _w, _rel, scheme, run in runs} == set(SCHEMES.items())  # each really shown
    for rel in desktop:  # both schemes, showing the same elements (so the colour rules are all that can differ)
        runs_here = sweep[("desktop", rel)]["axe"]
        assert set(runs_here) == set(SCHEMES) and len({r["elements"] for r in runs_here.values()}) == 1, rel
    assert [(w, rel, scheme, run["violations"]) for w, rel, scheme, run in runs if run["violations"]] == []


def test_axe_pages_cover_every_construct_of_a_folder(site):
    pages = reader_pages(site)
    chosen = axe_pages(site, pages)
    assert len(chosen) < len(pages) / 2
    for rel in pages:
        others = [c for c in chosen if posixpath.dirname(c) == posixpath.dirname(rel)]
        assert _constructs(site / rel) <= set().union(*(_constructs(site / c) for c in others)), rel


# --- links and labels, from the built HTML -------------------------------------------------------


def links(site: Path, rel: str) -> set[str]:
    """Docs-relative targets (without #anchors) of every link in a page's article."""
    tree = lxml_html.parse(str(site / rel))
    hrefs = tree.xpath("//article//a/@href | //*[local-name()='svg']//*[local-name()='a']/@href")
    return {urljoin(rel, h).split("#")[0] for h in hrefs if not re.match(r"^[a-z]+:", h)}


def test_tools_are_linked_where_the_work_happens(site):
    scorecard = "assessments/partner-fit.html"
    for rel in ["lifecycle/partner-analysis.html", "roles/alliance-manager.html",
                "checklists/partner-fit-assessment.html", "training/modules/partner-fit-and-misfits.html"]:
        assert scorecard in links(site, rel), rel
    assert "checklists/new-employee-onboarding.html" in links(site, "start/for-all-staff.html")
    # On the assessment page the interactive scorecard comes before the reference tables.
    text = (site / scorecard).read_text(encoding="utf-8")
    assert text.index('class="pg-scorecard"') < text.index("<table")


def test_reader_reaches_start_page_training_and_main_tool_in_two_clicks(site, default_site):
    from playbook_gen.load.loader import load

    playbook = load(default_site).content.playbook
    home = links(site, "index.html")
    assert "start/index.html" in home  # "Start here" opens the chooser, with every audience
    chooser = links(site, "start/index.html")
    for a in playbook.audiences:
        start = f"start/{a.start_page}.html"
        assert start in home and start in chooser, a.id
        # The start page on its own links every path and tool of its audience (not only through the chooser).
        tools = {f"training/paths/{p}.html" for p in a.paths} | {f"assessments/{x}.html" for x in a.assessments} \
            | {f"checklists/{x}.html" for x in a.checklists}
        assert tools and tools - links(site, start) == set(), a.id
    assert {"training/index.html", "checklists/index.html", "toolkit/index.html"} <= home


def test_home_page_is_a_front_door(site, default_site):
    """A short statement, then a card per audience with its icon, its one line and a link to its start page."""
    from playbook_gen.load.loader import load

    playbook = load(default_site).content.playbook
    article = lxml_html.parse(str(site / "index.html")).xpath("//article")[0]
    lead = article.xpath(".//p[contains(concat(' ', @class, ' '), ' pg-lead ')]")
    assert lead and "".join(lead[0].itertext()).strip()
    cards = article.xpath(".//*[contains(concat(' ', @class, ' '), ' pg-audiences ')]/ul/li")
    assert len(cards) == len(playbook.audiences)
    for card, a in zip(cards, playbook.audiences, strict=True):
        assert card.xpath(".//*[contains(@class, 'twemoji')]//*[local-name()='svg']"), a.id  # the icon
        assert [urljoin("index.html", h) for h in card.xpath(".//a/@href")] == [f"start/{a.start_page}.html"], a.id
        assert a.summary and " ".join(a.summary.split()) in " ".join("".join(card.itertext()).split()), a.id


# Words the tool itself would show raw: enum values as whole cells or bold labels, and author-facing leftovers.
RAW_VALUE = re.compile(r"^(go|no-go|go-with-conditions|revisit|READ-DO|DO-CONFIRM|executive|management|operational|"
                       r"everyone|showstopper|manageable|None)$")
RAW_TEXT = re.compile(r"Level: (executive|management|operational|everyone)|Your organisation|playbook-gen check|"
                      r"\bNone\b")


def test_labels_are_human_and_tables_have_real_headers(site):
    bad, empty = [], []
    for rel in reader_pages(site):
        tree = lxml_html.parse(str(site / rel))
        for article in tree.xpath("//article"):
            for el in article.xpath(".//td | .//th | .//td/strong | .//dd | .//dt"):  # cells and facts the tool writes
                if RAW_VALUE.match("".join(el.itertext()).strip()):
                    bad.append((rel, "".join(el.itertext()).strip()))
            body = " ".join(article.xpath(".//text()[not(ancestor::script)][not(ancestor::pre)][not(ancestor::code)]"))
            bad += [(rel, m.group(0)) for m in RAW_TEXT.finditer(body)]
            empty += [rel for head in article.xpath(".//thead/tr") if not "".join(head.itertext()).strip()]
    assert bad == [] and empty == []


# Raw values in printed text: modes (the glossary's READ-DO is never printed in these) and the hyphenated outcome.
RAW_PRINTED = re.compile(r"\b(READ-DO|DO-CONFIRM|go-with-conditions)\b")


def test_printed_and_spreadsheet_outputs_use_the_same_labels(site):
    """The checklist sheets, the pack, handouts, guides and the printed scorecard (pypdf's text), and the
    spreadsheet scorecard's cells and formula strings (openpyxl) show the site's labels, not the raw values."""
    import openpyxl
    from pypdf import PdfReader

    pdfs = sorted([*site.glob("checklists/pdf/*.pdf"), site / "checklists/checklist-pack.pdf",
                   *site.glob("training/downloads/*.pdf"), *site.glob("assessments/pdf/*.pdf")])
    assert len(pdfs) > 30
    texts = {p.relative_to(site).as_posix(): " ".join(page.extract_text() or "" for page in PdfReader(p).pages)
             for p in pdfs}
    assert {rel: sorted(set(RAW_PRINTED.findall(t))) for rel, t in texts.items() if RAW_PRINTED.search(t)} == {}
    assert "Do-confirm" in texts["checklists/pdf/exit-check.pdf"] and "Read-do" in texts["checklists/checklist-pack.pdf"]
    bad, seen = [], set()
    for path in site.glob("assessments/xlsx/*.xlsx"):
        for row in openpyxl.load_workbook(path).active.iter_rows():
            for cell in row:
                value = cell.value if isinstance(cell.value, str) else ""
                words = re.findall(r'"([^"]*)"', value) if value.startswith("=") else [value]  # a formula's strings
                seen.update(words)
                bad += [(path.name, cell.coordinate, w) for w in words if RAW_VALUE.match(w)]
    assert bad == [] and {"Go", "Go with conditions", "Stop"} <= seen


# --- interaction --------------------------------------------------------------------------------


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(5000)
    yield pg
    context.close()


def test_first_quiz_answer_counts_and_start_again_resets(page, server):
    page.goto(server + "training/modules/alliances-essentials.html")
    question = page.locator(".pg-question").first
    right = int(question.get_attribute("data-answer"))
    options = question.locator("button.pg-option")
    wrong = 0 if right else 1
    options.nth(wrong).click()
    assert options.nth(right).is_disabled()
    options.nth(right).click(force=True)  # a second pick does not count
    score = page.locator(".pg-score")
    assert re.match(r"Score: 0 of \d+ right \(1 of \d+ answered\)\.", score.inner_text())
    page.get_by_role("button", name="Start again").click()
    assert not options.nth(right).is_disabled()
    options.nth(right).click()
    assert re.match(r"Score: 1 of \d+ right", score.inner_text())


def test_whole_checklist_row_toggles_and_keyboard_works(page, server):
    page.goto(server + "checklists/exit-check.html")
    page.evaluate("localStorage.clear()")
    page.reload()
    row = page.locator(".pg-checklist li.task-list-item").first
    box = row.locator("input[type=checkbox]")
    row.click(position={"x": row.bounding_box()["width"] * 0.6, "y": 8})  # on the row, away from the box
    assert box.is_checked()
    box.focus()
    page.keyboard.press("Space")
    assert not box.is_checked()


# The unticked box's outline and the colour behind it (the first ancestor with a background).
BOX = """() => {
  const s = getComputedStyle(document.querySelector('.pg-checklist .task-list-indicator'), '::before');
  let e = document.querySelector('.pg-checklist li'), bg = 'rgba(0, 0, 0, 0)';
  for (; e && /rgba\\(.*, 0\\)$|transparent/.test(bg); e = e.parentElement) bg = getComputedStyle(e).backgroundColor;
  return {style: s.borderTopStyle, width: parseFloat(s.borderTopWidth), colour: s.borderTopColor, page: bg};
}"""


def _rgba(text: str) -> tuple[float, ...]:
    parts = [float(x) for x in re.findall(r"[\d.]+", text)]
    return (*parts[:3], parts[3] if len(parts) > 3 else 1.0)


def contrast(fg: str, bg: str) -> float:
    """WCAG contrast of a colour (its alpha blended over the background) against an opaque background."""
    (r, g, b, a), back = _rgba(fg), _rgba(bg)[:3]
    mixed = [a * c + (1 - a) * d for c, d in zip((r, g, b), back)]

    def lum(rgb):
        lin = [(c / 255 / 12.92) if c / 255 <= 0.03928 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((lum(mixed), lum(back)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_unticked_boxes_are_clearly_drawn_in_both_schemes(browser, server, scheme):
    """A solid outline at least 1.5 px wide with at least 3:1 against the page (WCAG's figure for controls);
    Material's own unticked box is a faint grey circle (a mask, no border)."""
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(server + "checklists/exit-check.html")
    box = page.evaluate(BOX)
    context.close()
    assert box["style"] == "solid" and box["width"] >= 1.5, box
    assert contrast(box["colour"], box["page"]) >= 3, box


def test_dark_scheme_follows_the_system_and_toggles(browser, server):
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(server + "index.html")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    toggles = page.locator("form[data-md-component=palette] label:visible")
    toggles.first.click()
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "default"
    context.close()
