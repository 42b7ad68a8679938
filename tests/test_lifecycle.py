"""Alliance tiers and a decider per tier, gate outcome labels, deliverables as data: checks with exact texts at their
places, and what the stage, role, checklist and RACI pages show. Playbooks without tiers keep a single decider."""

from __future__ import annotations

from pathlib import Path

import pytest

from playbook_gen.derive.audience import for_audience
from playbook_gen.derive.indexes import role_view
from playbook_gen.derive.raci import raci
from playbook_gen.errors import ContentError
from playbook_gen.pipeline import check
from playbook_gen.render.pages import render_site

from .conftest import ROOT

TIERS = """tiers:
  - id: major
    title: Major
    signs: [Large share of revenue.]
  - id: minor
    title: Minor
"""
STRATEGY_DECIDERS = """  deciders:
    - {tier: major, role: executive-sponsor, note: "on the board's advice"}
    - {tier: minor, role: alliance-manager}
"""
ANALYSIS_DECIDERS = """  deciders:
    - {tier: major, role: executive-sponsor}
    - {tier: minor, role: executive-sponsor}
"""


def edit(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text()
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1))


def problems(project: Path) -> list[str]:
    with pytest.raises(ContentError) as exc:
        check(project)
    return [str(i) for i in exc.value.issues]


def tiered(mini: Path, strategy: str = STRATEGY_DECIDERS, analysis: str = ANALYSIS_DECIDERS) -> Path:
    (mini / "content/playbook.yml").write_text((mini / "content/playbook.yml").read_text() + TIERS)
    edit(mini, "content/stages/strategy.yml", "  decision_maker: executive-sponsor\n", strategy)
    edit(mini, "content/stages/partner-analysis.yml", "  decision_maker: executive-sponsor\n", analysis)
    return mini


# --- tiers -------------------------------------------------------------------------------------------------------


def test_every_gate_needs_one_decider_for_every_tier(mini):
    tiered(mini, STRATEGY_DECIDERS.replace("{tier: minor, role: alliance-manager}",
                                           "{tier: major, role: alliance-manager}\n    - {tier: mnior, role: alliance-manager}"),
           "  decision_maker: executive-sponsor\n")
    assert problems(mini) == [
        "content/stages/partner-analysis.yml:13:3: gate has no decider for tier 'major'",
        "content/stages/partner-analysis.yml:13:3: gate has no decider for tier 'minor'",
        "content/stages/partner-analysis.yml:14:19: the playbook declares tiers (major, minor); name this gate's "
        "deciders per tier in `deciders` instead of `decision_maker`",
        "content/stages/strategy.yml:22:5: gate has no decider for tier 'minor'",
        "content/stages/strategy.yml:23:14: tier 'major' has more than one decider at this gate",
        "content/stages/strategy.yml:24:14: unknown tier 'mnior' (did you mean 'minor'?)",
    ]


def test_without_tiers_a_gate_needs_its_decision_maker(mini):
    edit(mini, "content/stages/strategy.yml", "  decision_maker: executive-sponsor\n", "")
    assert problems(mini) == ["content/stages/strategy.yml:20:3: gate has no decision_maker; name the role that decides it"]


def test_deciders_per_tier_on_the_stage_role_and_raci_pages(mini):
    content = check(tiered(mini)).loaded.content
    sponsor = role_view(content, content.roles["executive-sponsor"])
    assert [(p.stage.id, [t.id for t in p.tiers]) for p in sponsor.stages] == [
        ("strategy", ["major"]), ("partner-analysis", ["major", "minor"])]
    manager = role_view(content, content.roles["alliance-manager"])
    assert [(p.stage.id, p.decides_gate, [t.id for t in p.tiers]) for p in manager.stages][0] == ("strategy", True, ["minor"])
    matrix = raci(content)
    assert [r.label for r in matrix.rows if r.gate] == [
        "Gate: Strategy gate (major tier)", "Gate: Strategy gate (minor tier)",
        "Gate: Go/no-go {{ 7*7 }} (major tier)", "Gate: Go/no-go {{ 7*7 }} (minor tier)"]

    files = render_site(content, mini).files
    stage = files["lifecycle/strategy.md"].decode()
    assert ("    Who decides depends on the tier of the alliance:\n\n"
            "    - **Major:** [Executive sponsor](../roles/executive-sponsor.md) (on the board's advice)\n"
            "    - **Minor:** [Alliance manager](../roles/alliance-manager.md)\n") in stage
    assert "Decided by" not in stage
    page = files["roles/alliance-manager.md"].decode()
    assert ("- Decides the gate **Strategy gate** ([Strategy and readiness](../lifecycle/strategy.md)): for minor alliances\n"
            in page)
    table = files["roles/raci.md"].decode()
    assert "| Gate | Major | Minor |" in table
    assert ("| 1. Strategy gate | [Executive sponsor](executive-sponsor.md) (on the board's advice) | "
            "[Alliance manager](alliance-manager.md) |") in table
    assert "| *Gate: Strategy gate (minor tier)* | – | A | – |" in table


def test_a_playbook_without_tiers_shows_one_decider(mini):
    files = render_site(check(mini).loaded.content, mini).files
    assert "    Decided by [Executive sponsor](../roles/executive-sponsor.md).\n" in files["lifecycle/strategy.md"].decode()
    assert "Gate deciders by tier" not in files["roles/raci.md"].decode()


# --- gate outcome labels ----------------------------------------------------------------------------------------


def test_outcomes_keep_their_meaning_under_their_own_labels(mini):
    edit(mini, "content/stages/strategy.yml", "    - outcome: no-go\n", "    - outcome: no-go\n      id: exit\n      label: Exit as planned\n")
    files = render_site(check(mini).loaded.content, mini).files
    assert "| **Exit as planned** (stop) | Use another route to the goal. |" in files["lifecycle/strategy.md"].decode()
    assert "| **Go** | Start partner analysis. |" in files["lifecycle/strategy.md"].decode()  # no label: the meaning
    edit(mini, "content/stages/strategy.yml", "    - outcome: go\n", "    - outcome: go\n      id: exit\n")
    assert problems(mini) == ["content/stages/strategy.yml:32:11: outcome id 'exit' is used twice in this gate"]


def test_the_three_meanings_must_be_there_whatever_the_labels(mini):
    edit(mini, "content/stages/strategy.yml", "    - outcome: go-with-conditions\n", "    - outcome: revisit\n      label: Transform\n")
    assert problems(mini) == ["content/stages/strategy.yml:26:5: gate outcomes must include go-with-conditions"]


# --- deliverables ----------------------------------------------------------------------------------------------------


def with_deliverables(mini: Path) -> Path:
    edit(mini, "content/stages/strategy.yml", "  - title: Alliance rationale\n", "  - id: rationale-doc\n    title: Alliance rationale\n")
    edit(mini, "content/stages/launch.yml", "activities:\n", "deliverables:\n  - {id: kick-off-record, title: Kick-off record}\nactivities:\n")
    return mini


def test_a_deliverable_required_before_the_stage_that_produces_it_is_an_error_where_it_is_required(mini):
    with_deliverables(mini)
    edit(mini, "content/stages/strategy.yml", "  findings:\n", "  requires: [rationale-doc, kick-off-record]\n  findings:\n")
    edit(mini, "content/checklists/partner-fit.yml", "items:", "requires: [kick-off-record, rationale-doc, kick-off-recrod]\nitems:")
    assert problems(mini) == [
        "content/checklists/partner-fit.yml:7:12: deliverable 'kick-off-record' is required in stage 2 ('partner-analysis') "
        "but produced later, in stage 3 ('launch')",
        "content/checklists/partner-fit.yml:7:44: unknown deliverable 'kick-off-recrod' (did you mean 'kick-off-record'?)",
        "content/stages/strategy.yml:33:29: deliverable 'kick-off-record' is required in stage 1 ('strategy') "
        "but produced later, in stage 3 ('launch')",
    ]


def test_deliverable_ids_are_unique_across_stages(mini):
    with_deliverables(mini)
    edit(mini, "content/stages/launch.yml", "id: kick-off-record", "id: rationale-doc")
    assert problems(mini) == ["content/stages/launch.yml:8:10: deliverable id 'rationale-doc' is also used by stage 'strategy'"]


def test_required_deliverables_are_shown_where_they_are_needed_and_hidden_with_their_stage(mini):
    with_deliverables(mini)
    edit(mini, "content/stages/launch.yml", "activities:\n", "requires: [rationale-doc]\nactivities:\n")
    edit(mini, "content/checklists/kick-off.yml", "items:", "requires: [rationale-doc, kick-off-record]\nitems:")
    content = check(mini).loaded.content
    files = render_site(content, mini).files
    assert ("## What this stage needs\n\n- Alliance rationale (from [Strategy and readiness](strategy.md))\n"
            in files["lifecycle/launch.md"].decode())
    assert ("Needs\n:   Alliance rationale (from [Strategy and readiness](../lifecycle/strategy.md)); "
            "Kick-off record (from [Launch](../lifecycle/launch.md))\n") in files["checklists/kick-off.md"].decode()
    # A stage hidden from an audience takes its deliverables along: nothing there requires them any more.
    edit(mini, "content/stages/strategy.yml", "order: 1\n", "order: 1\naudiences: [executives]\n")
    staff = for_audience(check(mini).loaded.content, "all-staff")
    assert "strategy" not in staff.stages and staff.stages["launch"].requires == []
    assert staff.checklists["kick-off"].requires == ["kick-off-record"]


# --- the default playbook -----------------------------------------------------------------------------------------


def test_the_default_playbook_decides_every_gate_per_tier_and_orders_its_deliverables():
    content = check(ROOT, strict=True).loaded.content
    tiers = [t.id for t in content.playbook.tiers]
    assert tiers == ["strategic", "significant", "operational"]
    for stage in content.ordered("stages"):
        assert [d.tier for d in stage.gate.deciders] == tiers and stage.gate.decision_maker is None, stage.id
        assert "tier-and-structure" in stage.gate.requires, stage.id
    # The CEO decides strategic alliances' main gates only, never a significant or operational one.
    ceo = {(s.id, d.tier) for s in content.ordered("stages") for d in s.gate.deciders if d.role == "ceo"}
    assert {tier for _, tier in ceo} == {"strategic"} and len(ceo) == 5
    produced = content.deliverables()
    assert len(produced) == 44 and all(d.id for s in content.ordered("stages") for d in s.deliverables)
    required = {d for s in content.ordered("stages") for d in [*s.requires, *s.gate.requires]}
    required |= {d for c in content.ordered("checklists") for d in c.requires}
    assert len(required) >= 40
    exit_gate = content.stages["transform-renew-exit"].gate
    assert [(o.id, o.label, o.outcome.value) for o in exit_gate.outcomes] == [
        ("renew", "Renew", "go"), ("transform", "Transform", "go-with-conditions"),
        ("exit", "Exit as planned", "no-go"), ("defer", "Defer", "revisit")]
