"""The default alliance playbook: complete, readable, original, and built into a full site."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from playbook_gen.pipeline import check
from playbook_gen.render.pages import entity_path

from .conftest import ROOT, all_strings, run_cli

SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="module")
def exported():
    result = run_cli("export", "--format", "json", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_default_playbook_is_complete(exported):
    assert len(exported["stages"]) >= 7
    assert len(exported["roles"]) >= 7
    assert len(exported["checklists"]) >= 12
    assert len(exported["glossary"]) >= 30
    assert [c["id"] for c in exported["case_studies"]] == ["ceo-initiated-alliance", "planned-exit"]
    case = exported["case_studies"][0]
    kinds = {f["kind"] for f in case["findings"]}
    assert kinds == {"manageable", "showstopper"}
    assert len(case["discussion_questions"]) >= 5


def test_checklists_follow_the_design_rules(exported):
    for cl in exported["checklists"]:
        assert 5 <= len(cl["items"]) <= 9, cl["id"]
        assert cl["mode"] in ("READ-DO", "DO-CONFIRM") and cl["pause_point"], cl["id"]
        assert all(item["owner"] for item in cl["items"]), cl["id"]


def test_every_stage_has_a_full_gate(exported):
    for stage in exported["stages"]:
        gate = stage["gate"]
        assert gate, stage["id"]
        assert {"go", "go-with-conditions", "no-go"} <= {o["outcome"] for o in gate["outcomes"]}, stage["id"]
        assert {"showstopper", "manageable"} <= {f["kind"] for f in gate["findings"]}, stage["id"]
        assert stage["activities"] and stage["deliverables"] and stage["key_questions"] and stage["pitfalls"], stage["id"]


def test_roles_cover_the_three_governance_tiers(exported):
    levels = {r["level"] for r in exported["roles"]}
    assert {"executive", "management", "operational", "everyone"} <= levels
    sponsor = next(r for r in exported["roles"] if r["id"] == "executive-sponsor")
    assert re.search(r"escalat", json.dumps(sponsor), re.I) and re.search(r"guidance", json.dumps(sponsor), re.I)


def test_every_audience_has_an_entry_page(exported):
    pages = {p["id"]: p for p in exported["pages"]}
    audiences = exported["playbook"]["audiences"]
    assert {a["id"] for a in audiences} >= {"executives", "managers", "alliance-team", "functional-leads", "all-staff"}
    for a in audiences:
        assert pages[a["start_page"]]["section"] == "start"


def test_every_cited_source_is_listed(exported):
    ids = {s["id"] for s in exported["sources"]}
    text = json.dumps(exported)
    cited = set(re.findall(r"\(source:([a-z0-9-]+)\)", text))
    assert cited <= ids
    assert len(cited) >= 10


def test_the_site_has_a_page_for_every_entity(default_site, exported):
    site = default_site / "site"
    loaded = check(default_site).loaded
    for kind in ("stages", "roles", "checklists", "pages", "case_studies"):
        for entity in loaded.content.ordered(kind):
            page = site / entity_path(kind, entity).replace(".md", ".html")
            # Glossary terms in a title carry a tooltip (<abbr>); the title's text is what must be there.
            html = re.sub(r"</?abbr\b[^>]*>", "", page.read_text(encoding="utf-8"))
            assert f">{_html_text(entity.title)}<" in html or f">{_html_text(entity.title)}<a" in html, page
    glossary = (site / "reference/glossary.html").read_text(encoding="utf-8")
    assert all(f'id="{t["id"]}"' in glossary for t in exported["glossary"])
    sources = (site / "reference/sources.html").read_text(encoding="utf-8")
    assert all(f'id="{s["id"]}"' in sources for s in exported["sources"])


def _html_text(title: str) -> str:
    return title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def page_text(path: Path) -> str:
    import lxml.html

    doc = lxml.html.fromstring(path.read_bytes())
    article = doc.xpath("//article")[0]
    for junk in article.xpath(".//a[@class='headerlink'] | .//table"):
        junk.drop_tree()
    return " ".join(article.text_content().split())


@pytest.mark.parametrize("page", ["start/for-all-staff.html", "roles/every-employee.html"])
def test_all_staff_pages_read_plainly(default_site, page):
    import textstat

    text = page_text(default_site / "site" / page)
    assert len(text.split()) > 150, "too little text to judge"
    score = textstat.flesch_reading_ease(text)
    assert score >= 60, f"{page}: Flesch reading ease {score} < 60"


def _shingles(text: str, n: int) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9']+", text.lower())
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


@pytest.mark.skipif(not (SHARED / "seed").is_dir(), reason="the seed article and reference notes (../shared) are not beside this checkout")
def test_no_sentence_is_copied_from_the_seed_or_the_references():
    """No run of 10 words in our content appears in the seed article or the reference notes."""
    theirs = set()
    for path in [*(SHARED / "seed").glob("*.txt"), *(SHARED / "reference").glob("*.md")]:
        theirs |= _shingles(path.read_text(encoding="utf-8"), 10)
    loaded = check(ROOT).loaded
    copied = []
    for (kind, ident), src in loaded.sources.entries.items():
        if kind == "sources":
            continue  # titles of cited works are quoted on purpose
        for text in all_strings(src.data):
            copied += [f"{src.path}: {' '.join(s)}" for s in _shingles(text, 10) & theirs]
    assert copied == []


# Each point of the seed article (Simoons, "CEO & strategic alliances") and the built page that carries it,
# with patterns that must all appear in that page's text.
SEED_POINTS = [
    ("A CEO agrees an alliance with another CEO at a barbecue; someone must make it work",
     "cases/ceo-initiated-alliance.html", [r"barbecue", r"two CEOs agree"]),
    ("Take a step back and confidentially run the early stages: strategy fit, then partner assessment",
     "cases/ceo-initiated-alliance.html", [r"confidential strategy-fit check and partner assessment"]),
    ("Assess the partner to understand the match, not to disqualify it",
     "lifecycle/partner-analysis.html", [r"not to hunt for reasons to say no"]),
    ("The assessment also feeds the operational phase later",
     "lifecycle/partner-analysis.html", [r"operational teams a head start"]),
    ("Fit is judged within the company's own strategy",
     "lifecycle/partner-analysis.html", [r"strategic, operational and cultural fit"]),
    ("Findings are sorted into manageable issues and showstoppers",
     "lifecycle/go-no-go-decision.html", [r"manageable", r"A single showstopper blocks a go"]),
    ("With no fit, go back to the CEO and explain why another solution is better",
     "checklists/ceo-report-back.html", [r"An alternative route to the CEO's goal is prepared if the answer is no-go"]),
    ("The CEO values the confidential approach and talks to the other CEO",
     "cases/ceo-initiated-alliance.html", [r"reports back to the CEO"]),
    ("CEO-initiated alliances happen even in good companies, and have to be dealt with",
     "guide/ceo-initiated-alliances.html", [r"even in well-run companies", r"deal with it"]),
    ("Every level must understand what alliances are and are not",
     "guide/what-alliances-are.html", [r"what they are and are not", r"vendor contract"]),
    ("Every level must know its own role",
     "start/for-all-staff.html", [r"An alliance is not", r"Who does what", r"What you do"]),
    ("The C-level leader is executive sponsor: strategic guidance and escalation point",
     "roles/executive-sponsor.html", [r"strategic guidance", r"escalation point"]),
    ("Successful alliances focus on the long term and bring tangible and intangible results",
     "guide/long-term-focus-and-results.html", [r"long term", r"tangible and intangible results"]),
    ("Ad-hoc, short-term alliances bring more worries than value",
     "guide/long-term-focus-and-results.html", [r"ad-hoc, short-term alliances usually cost more than they return"]),
    ("People in alliances who are not the CEO keep the CEO well informed and involved",
     "guide/keeping-your-ceo-informed.html", [r"not the CEO", r"informed and involved"]),
]


@pytest.mark.parametrize(("point", "page", "patterns"), SEED_POINTS, ids=[p[1] + ":" + p[0][:30] for p in SEED_POINTS])
def test_every_seed_point_is_on_a_page(default_site, point, page, patterns):
    text = page_text(default_site / "site" / page)
    for pattern in patterns:
        assert re.search(pattern, text), f"{point!r}: {pattern!r} not on {page}"
