"""The default site as a reader meets it (issue 15): every page at desktop and phone width, in light and dark.

One build (the session's default site), one browser, one visit per page and width: the sweep fixture records
horizontal scroll, the RACI's fit, the lifecycle diagram's geometry and axe's findings, and the tests read
those records. Link and label checks read the built HTML without a browser.
"""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from lxml import html as lxml_html


WIDTHS = {"desktop": (1280, 900, "light"), "phone": (390, 844, "dark")}  # one scheme per width: both get axe


def reader_pages(site: Path) -> list[str]:
    """Every page of the default language's site. The other languages' sites (nl/) are the same templates over
    translated text; tests/test_languages.py checks them, and sweeping them too would double the suite's time."""
    others = {p.parent.parent.name for p in site.glob("*/search/search_index.json")}  # nl/search/...: "nl"
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                  if "assets" not in p.relative_to(site).parts and p.name != "404.html"
                  and p.relative_to(site).parts[0] not in others)


def axe_pages(site: Path, pages: list[str]) -> list[str]:
    """The pages axe checks: per folder, a few pages that between them hold every element and class the folder's
    articles use (greedy cover). Pages of one folder share their template and differ in text, so this checks every
    template and every construct in it at a fifth of the cost of checking every page (axe takes ~1 s a page)."""
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
  out.raci = [...document.querySelectorAll(".pg-raci-wide table")].filter(t => t.getBoundingClientRect().width > 0)
    .map(t => { const w = t.closest(".md-typeset__scrollwrap") || t.parentElement; return w.scrollWidth - w.clientWidth; });
  return out;
}"""


@pytest.fixture(scope="module")
def sweep(browser, server, site):
    """Every page once per width (light at 1280 px, dark at 390 px): probe results, and serious axe findings on
    the pages `axe_pages` picks."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    pages = reader_pages(site)
    checked = set(axe_pages(site, pages))
    results: dict[tuple[str, str], dict] = {}
    for name, (width, height, scheme) in WIDTHS.items():
        context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
        # Nothing from elsewhere; and no search index, which every page would otherwise load and index again.
        context.route("**/*", lambda r: r.abort() if urlparse(r.request.url).hostname != "127.0.0.1"
                      or r.request.url.endswith("search_index.json") else r.continue_())
        page = context.new_page()
        for rel in pages:
            page.goto(server + rel, wait_until="load")
            found = page.evaluate(PROBE)
            found["scheme"] = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
            if rel in checked:
                violations = axe.run(page, options={"resultTypes": ["violations"]}).response["violations"]
                found["axe"] = [(v["id"], [n["target"] for n in v["nodes"]][:2]) for v in violations
                                if v["impact"] in ("serious", "critical")]
            results[(name, rel)] = found
        context.close()
    return results


def test_no_page_scrolls_sideways(sweep):
    assert [(w, rel, r["scroll"]) for (w, rel), r in sweep.items() if r["scroll"] > 0] == []


def test_raci_fits_at_desktop_width_and_stacks_on_a_phone(sweep):
    assert sweep[("desktop", "roles/raci.html")]["raci"] and all(x <= 0 for x in sweep[("desktop", "roles/raci.html")]["raci"])
    assert sweep[("phone", "roles/raci.html")]["raci"] == []  # the stacked view instead


def test_lifecycle_diagram_fits_with_readable_labels(sweep):
    seen = {(w, rel): r for (w, rel), r in sweep.items() if "layout" in r}
    assert {rel for _w, rel in seen} >= {"index.html", "lifecycle/index.html"}
    assert seen[("phone", "index.html")]["layout"] == "narrow"  # vertical on a phone
    assert seen[("desktop", "index.html")]["layout"] == "wide"
    for key, r in seen.items():
        assert (key, r["outside"], r["overlaps"]) == (key, 0, 0)
        assert r["text_px"] >= 12, key


def test_axe_finds_no_serious_problem_in_either_scheme(sweep):
    assert {r["scheme"] for r in sweep.values()} == {"default", "slate"}
    checked = {rel for (_w, rel), r in sweep.items() if "axe" in r}
    # Every folder and the pages with their own widgets are among those axe checked.
    assert {"index.html", "roles/raci.html", "assessments/partner-fit.html"} <= checked
    assert {posixpath.dirname(rel) for rel in checked} == {posixpath.dirname(rel) for _w, rel in sweep}
    assert [(w, rel, r["axe"]) for (w, rel), r in sweep.items() if r.get("axe")] == []


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
        two = links(site, start) | chooser
        assert f"training/paths/{a.paths[0]}.html" in two, a.id
        main = f"assessments/{a.assessments[0]}.html" if a.assessments else f"checklists/{a.checklists[0]}.html"
        assert main in two, a.id
    assert {"training/index.html", "checklists/index.html"} <= home


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
    # The unticked box is drawn with a clear outline, not a faint grey circle.
    border = page.evaluate("""() => getComputedStyle(document.querySelector('.pg-checklist .task-list-indicator'), '::before').borderTopColor""")
    assert border not in ("rgba(0, 0, 0, 0)", "transparent")


def test_dark_scheme_follows_the_system_and_toggles(browser, server):
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(server + "index.html")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    toggles = page.locator("form[data-md-component=palette] label:visible")
    toggles.first.click()
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "default"
    context.close()
