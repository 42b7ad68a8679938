"""The built default site in a real browser (Playwright driving Debian's chromium), over http and from file://.

Checklists keep their ticks, the scorecard adds up like scoring.py, glossary tooltips open, diagram links
navigate and no page asks anything of the network. Accessibility (axe) is checked by tests/test_reader.py.
"""

from __future__ import annotations

import json
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from urllib.parse import urlparse

import pytest

from playbook_gen.model import scoring
from playbook_gen.load.loader import load
from playbook_gen.render.labels import label



@pytest.fixture(params=["http", "file"])
def base(request, server, site) -> str:
    return server if request.param == "http" else site.as_uri() + "/"


@pytest.fixture
def page(browser):
    """A fresh page whose every request is recorded; anything not local is refused."""
    context = browser.new_context()
    requests: list[str] = []

    def route(r):
        requests.append(r.request.url)
        url = urlparse(r.request.url)
        if url.scheme in ("file", "data", "blob") or url.hostname == "127.0.0.1":
            r.continue_()
        else:
            r.abort()

    context.route("**/*", route)
    pg = context.new_page()
    pg.set_default_timeout(5000)
    pg.requests = requests
    yield pg
    context.close()


def shown(x: float) -> str:
    """A percentage as the page shows it: JavaScript's toFixed(1) rounds the exact value half up."""
    return f"{Decimal(x).quantize(Decimal('0.1'), ROUND_HALF_UP)} %"


def local_only(urls: list[str]) -> list[str]:
    return [u for u in urls if not (urlparse(u).scheme in ("file", "data", "blob") or urlparse(u).hostname == "127.0.0.1")]


def test_checklist_ticks_survive_a_reload(page, base):
    page.goto(base + "checklists/exit-check.html")
    boxes = page.locator(".pg-checklist input[type=checkbox]")
    n = boxes.count()
    assert n >= 3
    progress = page.locator(".pg-progress")
    assert progress.inner_text() == f"0 of {n} items ticked."
    # A reader clicks the drawn box (an empty span over the real checkbox): click where the checkbox is.
    boxes.nth(0).check(force=True)
    boxes.nth(2).check(force=True)
    assert progress.inner_text() == f"2 of {n} items ticked."
    page.reload()
    boxes = page.locator(".pg-checklist input[type=checkbox]")
    assert [boxes.nth(i).is_checked() for i in range(3)] == [True, False, True]
    assert page.locator(".pg-progress").inner_text() == f"2 of {n} items ticked."
    # Another checklist has its own state.
    page.goto(base + "checklists/pre-signature-check.html")
    assert page.locator(".pg-progress").inner_text().startswith("0 of ")
    page.goto(base + "checklists/exit-check.html")
    page.get_by_role("button", name="Reset").click()
    page.reload()
    assert page.locator(".pg-checklist input:checked").count() == 0
    assert page.locator(".pg-checklist-print").is_visible()
    assert local_only(page.requests) == []


NA = scoring.NOT_ASSESSED
OUTSIDE_IN = {"transparency", "trust-record", "sponsors", "collaboration-skills"}  # what cannot be seen from outside
COMMITMENT = {"sponsors", "resources-committed", "collaboration-skills"}  # a whole dimension
CULTURAL = {"values-ethics", "pace-formality", "transparency", "trust-record"}

# Input sets computed through scoring.py and through the scorecard in Chromium: (score per criterion, yes answers).
SCORECARD_CASES = {
    "all strong, no showstopper": (lambda c: 4, False),
    "mixed": (lambda c: [1, 2, 3, 4, 2][sum(map(ord, c)) % 5], False),
    "showstopper criterion at the bottom": (lambda c: 0 if c == "shared-goals" else 3, False),
    "showstopper question answered yes": (lambda c: 4, True),
    "outside-in pass with criteria not assessed": (lambda c: NA if c in OUTSIDE_IN else [2, 3, 4][len(c) % 3], False),
    "a whole dimension not assessed": (lambda c: NA if c in COMMITMENT else 2, False),
    "not assessed next to a showstopper": (lambda c: NA if c == "transparency" else (0 if c == "values-ethics" else 4), False),
    "not assessed and a yes": (lambda c: NA if c in OUTSIDE_IN else 3, True),
    "a dimension under the floor caps a go": (lambda c: 1 if c in CULTURAL else 4, False),
}


def test_the_scorecard_cases_cover_every_rule(default_site):
    """The input sets reach every branch that scoring.py and scorecard.js must agree on."""
    assessment = load(default_site).content.assessments["partner-fit"]
    results = []
    for pick, yes in SCORECARD_CASES.values():
        scores = {c.id: pick(c.id) for d in assessment.dimensions for c in d.criteria}
        results.append(scoring.score(assessment, scores, {q.id: yes and i == 0 for i, q in enumerate(assessment.showstoppers)}))
    assert {r.outcome.value for r in results} == {"go", "go-with-conditions", "no-go"}
    assert any(r.provisional and r.showstoppers for r in results) and any(r.provisional and not r.showstoppers for r in results)
    assert any(d.percent is None for r in results for d in r.dimensions)  # a dimension left out of the total
    assert any(d.insufficient and d.percent is not None for r in results for d in r.dimensions)
    assert any(r.below_floor and r.band.outcome.value == "go" and r.outcome.value == "go-with-conditions" for r in results)


@pytest.mark.parametrize("case", SCORECARD_CASES)
def test_scorecard_adds_up_like_scoring_py(page, server, case, default_site):
    assessment = load(default_site).content.assessments["partner-fit"]
    pick, yes = SCORECARD_CASES[case]
    scores = {c.id: pick(c.id) for d in assessment.dimensions for c in d.criteria}
    answers = {q.id: (yes and i == 0) for i, q in enumerate(assessment.showstoppers)}
    expected = scoring.score(assessment, scores, answers)

    page.goto(server + "assessments/partner-fit.html")
    for cid, value in scores.items():
        page.select_option(f"#pg-sc-{cid}", str(value))
    for qid, value in answers.items():
        page.select_option(f"#pg-ss-{qid}", "yes" if value else "no")
    for d in expected.dimensions:
        row = page.locator(f"tr[data-dimension='{d.id}']")
        assert row.locator(".pg-percent").inner_text() == ("–" if d.percent is None else shown(d.percent))
        assert row.locator(".pg-weighted").inner_text() == ("–" if d.weighted is None else shown(d.weighted))
        assert (row.get_attribute("data-insufficient") == "true") == d.insufficient, d.id
        assert (row.get_attribute("data-below-floor") == "true") == (d.id in expected.below_floor), d.id
    assert page.locator(".pg-overall").inner_text() == shown(expected.total)
    card = page.locator(".pg-scorecard")
    assert card.get_attribute("data-outcome") == expected.outcome.value
    gaps = page.locator(".pg-gaps li")
    assert [gaps.nth(i).get_attribute("data-criterion") for i in range(gaps.count())] == list(expected.gaps)
    assert page.locator(".pg-provisional").count() == (1 if expected.provisional else 0)
    flag = page.locator(".pg-verdict.pg-flag")
    assert flag.count() == (1 if expected.showstoppers else 0)
    if expected.showstoppers:
        assert "Showstopper: Stop" in flag.inner_text()
    else:  # outcomes in the site's words ("Go with conditions"), as on the static pages
        verdict = page.locator(".pg-verdict").inner_text()
        if expected.outcome is expected.band.outcome:
            assert f"ecommendation: {label(expected.outcome)} · {expected.band.label}" in verdict
        else:  # capped by the dimension floor
            assert f"ecommendation: {label(expected.outcome)} The total alone says {label(expected.band.outcome)}" in verdict
        assert verdict.startswith("Provisional") == expected.provisional
    assert not re.search(r"\b(go|no-go|go-with-conditions|revisit)\b", page.locator(".pg-verdict strong").inner_text())  # the tool's words

    with page.expect_download() as download:
        page.get_by_role("button", name="Download JSON").click()
    filled = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert filled["scores"] == scores and filled["outcome"] == expected.outcome.value
    assert filled["total"] == pytest.approx(expected.total)
    assert sorted(filled["showstoppers"]) == sorted(expected.showstoppers)
    assert filled["gaps"] == list(expected.gaps) and filled["provisional"] == expected.provisional
    assert filled["below_floor"] == list(expected.below_floor)
    page.reload()  # the filled scorecard stays in this browser, not-assessed marks included
    assert page.locator(".pg-overall").inner_text() == shown(expected.total)
    assert [page.locator(f"#pg-sc-{cid}").input_value() for cid in scores] == [str(v) for v in scores.values()]
    assert local_only(page.requests) == []


def test_glossary_tooltips_open_on_hover_and_focus(page, base):
    page.goto(base + "lifecycle/partner-analysis.html")
    terms = page.locator("article abbr")
    assert terms.count() > 5
    first = terms.first
    first.hover()
    tip = page.locator(".md-tooltip2--active")
    tip.wait_for(state="visible", timeout=3000)
    assert "(Glossary:" in tip.inner_text()
    page.mouse.move(0, 0)
    tip.wait_for(state="hidden", timeout=3000)
    terms.nth(3).focus()
    page.locator(".md-tooltip2--active").wait_for(state="visible", timeout=3000)
    # Every page links the terms it uses to the glossary.
    link = page.locator(".pg-terms a").first
    assert "glossary.html#" in link.get_attribute("href")


def test_diagram_links_navigate(page, base):
    page.goto(base + "index.html")
    page.locator("svg.pg-lifecycle:visible a").nth(1).click()
    page.wait_for_url("**/lifecycle/partner-analysis.html")
    page.goto(base + "lifecycle/index.html")
    page.locator("svg.pg-lifecycle:visible a").nth(7).click()
    page.wait_for_url("**/lifecycle/transform-renew-exit.html")
    assert page.locator("h1").inner_text().startswith("Transform")


def test_no_page_requests_anything_beyond_localhost(browser, server, site):
    """One page of each kind in the browser (every request recorded); every page's resource tags read statically."""
    context = browser.new_context()
    seen: list[str] = []

    def route(r):
        seen.append(r.request.url)
        url = urlparse(r.request.url)
        r.continue_() if url.hostname == "127.0.0.1" or url.scheme in ("data", "blob") else r.abort()

    context.route("**/*", route)
    pg = context.new_page()
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert len(pages) > 60
    kinds = {}
    for rel in pages:  # the first page of each folder: home, lifecycle, roles, checklists, assessments, training...
        kinds.setdefault(rel.rsplit("/", 1)[0] if "/" in rel else rel, rel)
    for rel in [*kinds.values(), "404.html"]:
        pg.goto(server + rel, wait_until="load")
    context.close()
    assert local_only(seen) == []
    assert any(u.endswith("assets/checklists.js") for u in seen)
    # Every page: nothing it loads (scripts, styles, images, frames, objects) comes from elsewhere.
    loads = re.compile(r"<(?:script|img|iframe|source|object|embed)\b[^>]*\b(?:src|data)=\"([^\"]+)\"|<link\b[^>]*\brel=\"(?:stylesheet|icon|preload|modulepreload|manifest)\"[^>]*\bhref=\"([^\"]+)\"")
    found = [(rel, m.group(1) or m.group(2)) for rel in pages for m in loads.finditer((site / rel).read_text(encoding="utf-8"))]
    assert any(url.endswith("assets/scorecard.js") for _rel, url in found)
    assert [(rel, url) for rel, url in found if re.match(r"(?i)(https?:)?//", url)] == []
