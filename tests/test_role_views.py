"""Role views, the RACI matrix, the lifecycle diagram and glossary tooltips, derived from the content."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml
from lxml import html as lxml_html

from playbook_gen.derive.indexes import role_view
from playbook_gen.derive.raci import raci
from playbook_gen.load.loader import load
from playbook_gen.render.diagram import lifecycle_svg
from playbook_gen.render.pages import entity_path, render_site
from playbook_gen.render.terms import Glossary, abbreviations, variants

from .conftest import run_cli, write

SVG = "{http://www.w3.org/2000/svg}"


def content_of(project: Path):
    return load(project).content


def test_role_view_reads_back_every_fact_about_a_role(mini):
    c = content_of(mini)
    am = role_view(c, c.roles["alliance-manager"])
    assert [(p.stage.id, p.letters, p.duty) for p in am.stages] == [
        ("strategy", "R", None), ("partner-analysis", "R", "Lead the fit assessment."), ("launch", "RA", None)]
    assert [cl.id for cl in am.checklists] == ["partner-fit", "kick-off"]  # lifecycle order
    # Items it owns in a checklist someone else runs (rationale is run by the sponsor).
    assert [(cl.id, [i.text for i in items]) for cl, items in am.items] == [
        ("rationale", ["The rationale names one strategic goal."])]
    assert [r.id for r in am.escalation] == ["executive-sponsor"]
    assert [r.id for r in am.escalated_from] == ["functional-lead"]

    sponsor = role_view(c, c.roles["executive-sponsor"])
    # Accountable for the rationale, informed of the fit assessment, and the gates' decision-maker: "A" for both.
    assert [(p.stage.id, p.letters, p.decides_gate) for p in sponsor.stages] == [
        ("strategy", "A", True), ("partner-analysis", "AI", True)]
    assert sponsor.escalation == []

    lead = role_view(c, c.roles["functional-lead"])
    assert [(p.stage.id, p.letters) for p in lead.stages] == [("strategy", "C"), ("launch", "R")]
    assert [r.id for r in lead.escalation] == ["alliance-manager", "executive-sponsor"]
    assert lead.checklists == [] and lead.items == []


def test_role_view_lists_learning_paths_for_the_role(mini):
    write(mini, "content/training/modules/basics.yml", yaml.safe_dump({
        "id": "basics", "title": "Basics", "summary": "The basics.", "minutes": 30, "objectives": ["Know the stages."],
        "lessons": [{"title": "Stages", "minutes": 20}], "key_takeaways": ["Stages end at gates."]}))
    write(mini, "content/training/paths/for-leads.yml", yaml.safe_dump({
        "id": "for-leads", "title": "For leads", "level": "operational", "summary": "For leads.", "goal": "Contribute.",
        "roles": ["functional-lead"], "modules": ["basics"]}))
    c = content_of(mini)
    assert [p.id for p in role_view(c, c.roles["functional-lead"]).paths] == ["for-leads"]
    assert role_view(c, c.roles["alliance-manager"]).paths == []


def test_raci_matrix_by_stage_and_activity(mini):
    m = raci(content_of(mini))
    # Top of the organisation first.
    assert [r.id for r in m.roles] == ["executive-sponsor", "alliance-manager", "functional-lead"]
    assert [(s.id, cells) for s, cells in m.by_stage] == [
        ("strategy", {"executive-sponsor": "A", "alliance-manager": "R", "functional-lead": "C"}),
        ("partner-analysis", {"executive-sponsor": "AI", "alliance-manager": "R"}),  # only the roles with a letter
        ("launch", {"alliance-manager": "RA", "functional-lead": "R"}),
    ]
    assert [(r.stage.id, r.label, r.gate) for r in m.rows] == [
        ("strategy", "Write the alliance rationale", False), ("strategy", "Gate: Strategy gate", True),
        ("partner-analysis", "Assess fit", False), ("partner-analysis", "Gate: Go/no-go {{ 7*7 }}", True),
        ("launch", "Hold the kick-off", False)]


def test_past_sixteen_roles_the_raci_page_shows_only_the_roles_involved(mini):
    """Cells and columns follow the letters, not rows x roles: many roles do not make every table wider."""
    for n in range(17):
        write(mini, f"content/roles/extra-{n:02}.yml", yaml.safe_dump({
            "id": f"extra-{n:02}", "title": f"Extra role {n:02}", "level": "operational", "summary": "Extra."}))
    c = content_of(mini)
    m = raci(c)
    assert len(m.roles) == 20 and not m.wide
    assert [r.id for r in m.columns["launch"]] == ["alliance-manager", "functional-lead"]
    matrix = render_site(c, mini).files["roles/raci.md"].decode()
    assert "| Activity | [AM](alliance-manager.md \"Alliance manager\") | [FL](functional-lead.md \"Functional lead\") |" in matrix
    assert "| Stage |" not in matrix  # no 20-column overview: the list alone, shown at every width
    assert '<div class="pg-raci-list" markdown>' in matrix
    assert "extra-" not in matrix.split("## Roles by stage", 1)[1]  # uninvolved roles only in the legend


def test_role_and_raci_pages_render_the_derived_facts(mini):
    files = render_site(content_of(mini), mini).files
    matrix = files["roles/raci.md"].decode()
    # Short role headers with the full title as the link's tooltip, and a legend; letters without commas.
    assert ('| Stage | [ES](executive-sponsor.md "Executive sponsor") | [AM](alliance-manager.md "Alliance manager") | '
            '[FL](functional-lead.md "Functional lead") |') in matrix
    assert "**ES** [Executive sponsor](executive-sponsor.md)" in matrix
    assert "| 2. [Partner analysis](../lifecycle/partner-analysis.md) | AI | R | – |" in matrix
    assert "| *Gate: Go/no-go \\{\\{ 7\\*7 \\}\\}* | A | – | – |" in matrix  # content stays literal
    # The phone's stacked view: who holds each letter, per row.
    assert ("- **2. [Partner analysis](../lifecycle/partner-analysis.md)**\n    - Responsible: [Alliance manager](alliance-manager.md)\n"
            "    - Accountable: [Executive sponsor](executive-sponsor.md)") in matrix
    lead = files["roles/functional-lead.md"].decode()
    # Escalation near the top; each stage once (its activities and duty folded under one heading).
    assert lead.index("## Decisions and escalation") < lead.index("## Stage by stage")
    assert "- Escalates to [Alliance manager](alliance-manager.md) → [Executive sponsor](executive-sponsor.md)" in lead
    assert '??? note "1. Strategy and readiness · C"\n\n    Write the alliance rationale (**C**).' in lead
    assert lead.count("Write the alliance rationale") == 1
    am = files["roles/alliance-manager.md"].decode()
    assert "## Items this role owns in other checklists" in am
    assert "- [Rationale check](../checklists/rationale.md): The rationale names one strategic goal." in am
    assert "- Takes escalations from [Functional lead](functional-lead.md)" in am


def test_lifecycle_svg_is_well_formed_with_a_link_per_stage(mini):
    c = content_of(mini)
    stages = c.ordered("stages")
    for page, prefix in (("index.md", "lifecycle/"), ("lifecycle/index.md", "")):
        svg = ET.fromstring(lifecycle_svg(stages, page, lambda s: entity_path("stages", s)))
        assert svg.find(f"{SVG}title").text == "The alliance lifecycle"
        assert "3 stages in order, 2 of them ending at a decision gate" in svg.find(f"{SVG}desc").text
        links = svg.findall(f"{SVG}a")
        assert [a.get("href") for a in links] == [f"{prefix}{s.id}.html" for s in stages]
        assert [a.get("aria-label") for a in links] == [f"Stage {n}: {s.title}" for n, s in enumerate(stages, 1)]
        assert [" ".join(t.text for t in a.iter(f"{SVG}tspan")) for a in links] == [s.title for s in stages]
        assert len(svg.findall(f"{SVG}path[@class='pg-lc-gate']")) == 2
    long = stages[0].model_copy(update={"title": "A <very> long & winding stage title that goes on and on and on"})
    svg = ET.fromstring(lifecycle_svg([long], "index.md", lambda s: entity_path("stages", s)))  # escaped, wrapped
    assert [t.text for t in svg.iter(f"{SVG}tspan")] == ["A <very> long &", "winding stage title", "that goes on and o…"]


def test_diagram_is_on_home_and_lifecycle_pages_and_its_links_resolve(default_site):
    site = default_site / "site"
    for page in ("index.html", "lifecycle/index.html"):
        tree = lxml_html.parse(str(site / page))
        hrefs = tree.xpath("//*[local-name()='svg'][@class='pg-lifecycle']//*[local-name()='a']/@href")
        assert len(hrefs) == 8 * 3  # the diagram in each of its three layouts
        for href in hrefs:
            assert (site / page).parent.joinpath(href).resolve().is_file(), href


def test_glossary_forms_and_tooltips(mini):
    assert variants("Strategic fit") == ["Strategic fit", "strategic fit", "Strategic fits", "strategic fits"]
    assert variants("RACI") == ["RACI", "RACIs"]
    abbr = abbreviations(content_of(mini))
    assert abbr["showstoppers"] == "A finding that stops the alliance unless it is resolved. (Glossary: Showstopper)"
    assert "Dealbreaker" not in abbr  # one-word aliases would mark every line
    glossary = Glossary(content_of(mini))
    assert glossary.tips == abbr and glossary == Glossary(content_of(mini))  # equal glossaries share cached prose
    assert [m.group(1) for m in glossary.pattern.finditer("A showstopper, not co-showstopper or showstopper-free.")] == ["showstopper"]


def test_pages_link_the_glossary_terms_they_use(mini):
    files = render_site(content_of(mini), mini).files
    stage = files["lifecycle/partner-analysis.md"].decode()
    assert stage.rstrip().endswith('<p class="pg-terms" markdown>Glossary terms on this page: '
                                   "[Showstopper](../reference/glossary.md#showstopper)</p>")
    assert "pg-terms" not in files["reference/glossary.md"].decode()


def test_tooltips_only_in_running_text_never_in_titles_headings_links_or_code(mini):
    write(mini, "content/pages/for-executives.yml", yaml.safe_dump({
        "id": "for-executives", "title": "Showstopper basics", "section": "start",
        "body": "## When a showstopper appears\n\nSee [strategic fit](term:strategic-fit) and `showstopper` in code; "
                "a showstopper stops it, a pre-showstopper does not.\n"}))
    result = run_cli("build", "--no-pdf", cwd=mini, env={"SOURCE_DATE_EPOCH": "1790000000"})
    assert result.returncode == 0, result.stderr
    tree = lxml_html.parse(str(mini / "site/start/for-executives.html"))
    h2 = tree.xpath("//article//h2")[0]
    assert h2.get("id") == "when-a-showstopper-appears"
    assert h2.xpath(".//abbr") == [] and tree.xpath("//article//h1//abbr") == []
    link = tree.xpath("//article//a[contains(@href, 'glossary.html#strategic-fit')]")[0]
    assert link.xpath(".//abbr") == [] and link.text_content() == "strategic fit"
    assert tree.xpath("//article//code")[0].text == "showstopper"  # code is left alone
    # In running text: the whole word gets its tooltip, a hyphenated word does not.
    assert [a.text for a in tree.xpath("//article//p//abbr")] == ["showstopper"]
    toc = tree.xpath("//nav[contains(@class,'md-nav--secondary')]//a[contains(@href,'#when-a-showstopper-appears')]")
    assert re.sub(r"\s+", " ", toc[0].text_content()).strip() == "When a showstopper appears"
    assert tree.xpath("string(//title)").startswith("Showstopper basics")


def test_term_pattern_prefers_the_longest_term_and_respects_word_boundaries():
    from playbook_gen.render.terms import _pattern

    pattern = _pattern({"alliance": 1, "alliance manager": 2, "RACI": 3, "go/no-go gate": 4})
    found = [m.group(0) for m in pattern.finditer("The alliance manager, an alliance, RACIs, RACI and the go/no-go gate.")]
    assert found == ["alliance manager", "alliance", "RACI", "go/no-go gate"]
