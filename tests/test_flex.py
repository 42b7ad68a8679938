"""Issue 18, flexibility and authoring help: role order, checklist order, external contacts, run schedules, gate
outcome labels, every problem in one run, prose positions, brand colours."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

from playbook_gen.derive.raci import raci
from playbook_gen.errors import ContentError
from playbook_gen.export.json_export import to_data
from playbook_gen.pipeline import check
from playbook_gen.render.pages import render_site

from .conftest import write


def edit(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text()
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1))


def problems(project: Path, strict: bool = False) -> list[str]:
    with pytest.raises(ContentError) as exc:
        check(project, strict=strict)
    return [str(i) for i in exc.value.issues]


def menu_titles(nav: list, section: str) -> list[str]:
    entries = next(v for e in nav if isinstance(e, dict) for k, v in e.items() if k == section)
    return [next(iter(e)) for e in entries if isinstance(e, dict)]


# --- role order ------------------------------------------------------------------------------


def test_roles_listed_by_order_then_title_everywhere(mini):
    edit(mini, "content/roles/functional-lead.yml", "level: operational", "level: operational\norder: 1")
    edit(mini, "content/roles/executive-sponsor.yml", "title: Executive sponsor", "title: Board sponsor")
    content = check(mini).loaded.content
    expected = ["functional-lead", "alliance-manager", "executive-sponsor"]  # order 1, then "Alliance..." < "Board..."
    assert [r.id for r in content.ordered("roles")] == expected
    assert [r["id"] for r in to_data(content)["roles"]] == expected
    # The RACI matrix too; among equal orders it keeps the organisation's top first (executive before management).
    assert [r.id for r in raci(content).roles] == ["functional-lead", "executive-sponsor", "alliance-manager"]
    site = render_site(content, mini)
    assert menu_titles(site.nav, "Roles")[1:] == ["Functional lead", "Alliance manager", "Board sponsor"]
    index = site.files["roles/index.md"].decode()
    assert index.index("Functional lead") < index.index("Alliance manager") < index.index("Board sponsor")


def test_role_order_is_validated(mini):
    edit(mini, "content/roles/functional-lead.yml", "level: operational", "level: operational\norder: -1")
    assert "content/roles/functional-lead.yml:4:8: 'order' must be at least 0, got -1" in problems(mini)


# --- every problem in one run ------------------------------------------------------------------


def test_schema_error_and_other_problems_reported_in_one_run(mini):
    edit(mini, "content/roles/functional-lead.yml", "level: operational", "level: sideways")
    edit(mini, "content/pages/for-executives.yml", "id: for-executives", "id: for-executives\naudiences: [nobody]")
    edit(mini, "content/checklists/kick-off.yml", "mode: DO-CONFIRM\n", "")
    found = problems(mini)
    assert ("content/roles/functional-lead.yml:3:8: 'level' must be one of 'executive', 'management', 'operational' "
            "or 'everyone', got 'sideways'") in found
    assert "content/pages/for-executives.yml:2:13: unknown audience 'nobody'" in found
    assert "content/checklists/kick-off.yml:1:1: warning: checklist has no mode; use READ-DO or DO-CONFIRM" in found
    # The broken role is still named by other files: no "unknown role 'functional-lead'" on top of its own error.
    assert not [p for p in found if "unknown role" in p], found


# --- run schedules -------------------------------------------------------------------------------


def run_files(project: Path, ident: str, start: str) -> dict[str, str]:
    from playbook_gen.export import runs
    content = check(project).loaded.content
    planned = runs.plan(content, ident, dt.date.fromisoformat(start), "Acme")
    return {name: data.decode() for name, data in runs.outputs(content, project, planned).items()}


def due_dates(csv_text: str) -> list[tuple[str, str]]:
    rows = list(csv.DictReader(io.StringIO(csv_text, newline="")))
    return list(dict.fromkeys((r["checklist_id"], r["due"]) for r in rows))


def test_run_schedule_offsets_from_the_stage_start_and_end(mini):
    # 'strategy' lasts 28 days and lists partner-fit, then its own rationale checklist.
    edit(mini, "content/checklists/rationale.yml", "stage: strategy", "stage: strategy\nschedule: {before_end: 1w}")
    files = run_files(mini, "strategy", "2026-03-02")
    # rationale a week before the end (03-30 - 7); partner-fit, the one left, spread evenly: on the stage's end.
    assert due_dates(files["strategy-2026-03-02.csv"]) == [("rationale", "2026-03-23"), ("partner-fit", "2026-03-30")]
    md = files["strategy-2026-03-02.md"]
    assert "## 1. Rationale check · due 2026-03-23" in md
    assert ("Due dates: the stage takes 28 days (its typical duration); checklists with a schedule are due as it says "
            "(days from the stage's start or before its end, repeated until its end); its 1 other checklist is due at the "
            "stage's end.") in md.replace("\n", " ")
    edit(mini, "content/checklists/rationale.yml", "{before_end: 1w}", "{after_start: 3d}")
    assert due_dates(run_files(mini, "strategy", "2026-03-02")["strategy-2026-03-02.csv"])[0] == ("rationale", "2026-03-05")


def test_run_schedule_recurs_until_the_stage_ends(mini):
    edit(mini, "content/checklists/partner-fit.yml", "stage: partner-analysis",
         "stage: partner-analysis\nschedule: {every: 1w}")
    files = run_files(mini, "strategy", "2026-03-02")
    assert due_dates(files["strategy-2026-03-02.csv"]) == [
        ("partner-fit", "2026-03-09"), ("partner-fit", "2026-03-16"), ("partner-fit", "2026-03-23"),
        ("partner-fit", "2026-03-30"), ("rationale", "2026-03-30")]
    md = files["strategy-2026-03-02.md"]
    for k, day in enumerate(("09", "16", "23", "30"), 1):
        assert f"({k} of 4) · due 2026-03-{day}" in md
    n_items = len(check(mini).loaded.content.checklists["partner-fit"].items)
    assert md.count(" | 2026-03-09 | open |") == n_items  # each occurrence lists its own items only
    edit(mini, "content/checklists/partner-fit.yml", "{every: 1w}", "{after_start: 10d, every: 14d}")
    assert due_dates(run_files(mini, "strategy", "2026-03-02")["strategy-2026-03-02.csv"])[:2] == [
        ("partner-fit", "2026-03-12"), ("partner-fit", "2026-03-26")]


def test_run_schedule_is_validated(mini):
    edit(mini, "content/checklists/rationale.yml", "stage: strategy",
         "stage: strategy\nschedule: {before_end: 1w, after_start: 2d}")
    edit(mini, "content/checklists/kick-off.yml", "stage: launch", "stage: launch\nschedule: {every: 1 week}")
    found = problems(mini)
    assert "content/checklists/rationale.yml:4:11: 'schedule': give either after_start or before_end, not both" in found
    assert ("content/checklists/kick-off.yml:4:19: 'schedule.every' must be a number of days or weeks, like 7d or 2w, "
            "got '1 week'") in found


# --- gate outcome labels -------------------------------------------------------------------------


def test_gate_outcome_labels_keep_the_meaning_for_tooling(mini):
    edit(mini, "content/stages/strategy.yml", "    - outcome: go-with-conditions\n",
         "    - outcome: go-with-conditions\n      id: transform\n      label: Transform first\n")
    edit(mini, "content/stages/strategy.yml", "    - outcome: go\n", "    - outcome: go\n      label: Proceed\n")
    content = check(mini).loaded.content
    page = render_site(content, mini).files["lifecycle/strategy.md"].decode()
    assert "| **Proceed** (go) | Start partner analysis. |" in page
    assert "| **Transform first** (conditions) | Start, with the named conditions. |" in page
    assert "| **Stop** | Use another route to the goal. |" in page  # no label: the meaning's own human label
    gate = next(s for s in to_data(content)["stages"] if s["id"] == "strategy")["gate"]
    assert [(o["outcome"], o["id"], o["label"]) for o in gate["outcomes"]] == [
        ("go", None, "Proceed"), ("go-with-conditions", "transform", "Transform first"), ("no-go", None, None)]
    # Whatever the labels, go, conditions and stop must all be on offer.
    edit(mini, "content/stages/strategy.yml", "    - outcome: no-go\n", "    - outcome: revisit\n      label: Stop\n")
    assert problems(mini) == ["content/stages/strategy.yml:26:5: gate outcomes must include no-go"]


# --- outside contacts ----------------------------------------------------------------------------

CONTACTS = """contacts:
  - id: chief-revenue-officer
    title: Chief revenue officer
    description: Owns the revenue targets alliances count towards.
"""


def test_escalation_to_an_outside_contact_is_shown_without_a_link(mini):
    write(mini, "content/playbook.yml", (mini / "content/playbook.yml").read_text() + CONTACTS)
    edit(mini, "content/roles/executive-sponsor.yml", "level: executive", "level: executive\nescalates_to: chief-revenue-officer")
    content = check(mini).loaded.content
    files = render_site(content, mini).files
    page = files["roles/functional-lead.md"].decode()
    assert ("- Escalates to [Alliance manager](alliance-manager.md) → "
            "[Executive sponsor](executive-sponsor.md) → Chief revenue officer") in page
    assert "chief-revenue-officer" not in page  # a title, no page and no link
    assert "- Escalates to Chief revenue officer\n" in files["roles/executive-sponsor.md"].decode()
    assert to_data(content)["playbook"]["contacts"][0]["title"] == "Chief revenue officer"


def test_contacts_are_validated(mini):
    write(mini, "content/playbook.yml", (mini / "content/playbook.yml").read_text() + CONTACTS
          + "  - id: alliance-manager\n    title: Someone else\n")
    edit(mini, "content/roles/executive-sponsor.yml", "level: executive", "level: executive\nescalates_to: chief-revenue")
    assert problems(mini) == [
        "content/playbook.yml:25:9: contact id 'alliance-manager' is also a role's id; give the contact another id",
        "content/roles/executive-sponsor.yml:4:15: unknown role or contact 'chief-revenue' (did you mean "
        "'chief-revenue-officer'?)"]


# --- checklist order within a stage ----------------------------------------------------------------


def test_checklists_follow_the_stages_list_everywhere(mini):
    # Two checklists of 'launch', listed by the stage against their alphabetical order.
    write(mini, "content/checklists/after-action.yml", "id: after-action\ntitle: After-action review\nstage: launch\n"
          "owner: alliance-manager\npause_point: A month after launch\nmode: READ-DO\n"
          "items:\n  - text: The review is written.\n    owner: alliance-manager\n")
    edit(mini, "content/stages/launch.yml", "order: 3", "order: 3\nchecklists: [kick-off, after-action]")
    checked = check(mini)
    content = checked.loaded.content
    site = render_site(content, mini)
    menu = menu_titles(site.nav, "Checklists")
    assert menu.index("Kick-off check") == menu.index("After-action review") - 1
    index = site.files["checklists/index.md"].decode()
    assert index.index("[Kick-off check]") < index.index("[After-action review]")
    from playbook_gen.render.print import PACK, print_html
    pack = print_html(content, mini, checked.site)[PACK]
    assert pack.index("Kick-off check") < pack.index("After-action review")
    assert pack.rindex("Kick-off check") < pack.rindex("After-action review")  # the sheets as well as the contents
    files = run_files(mini, "launch", "2026-03-02")
    assert [c for c, _ in due_dates(files["launch-2026-03-02.csv"])] == ["kick-off", "after-action"]


def test_the_pack_prints_each_checklist_once_in_the_order_of_its_contents(mini):
    # 'strategy' lists partner-fit (a checklist of 'partner-analysis') before its own rationale checklist.
    import re

    from playbook_gen.derive.indexes import Derived
    from playbook_gen.export import runs
    from playbook_gen.render.print import PACK, print_html
    checked = check(mini)
    content = checked.loaded.content
    pack = print_html(content, mini, checked.site)[PACK]
    contents, sheets = pack.split('<section class="contents">', 1)[1].split("</section>", 1)
    per_stage = {}
    for block in contents.split('class="toc-stage"')[1:]:
        title = re.search(r"<th colspan=\"3\">\d+\. ([^<]+)</th>", block).group(1)
        per_stage[title] = list(dict.fromkeys(re.findall(r'href="#checklist-([a-z0-9-]+)"', block)))
    derived = Derived(content)
    stages = content.ordered("stages")
    assert per_stage == {s.title: [c.id for c in derived.tools[("stages", s.id)].checklists] for s in stages}
    for stage in stages:  # a stage's run dates its checklists in the same order
        planned = runs.plan(content, stage.id, dt.date(2026, 3, 2))
        assert list(dict.fromkeys(step.checklist.id for step in planned.steps)) == per_stage[stage.title]
    first_places = list(dict.fromkeys(c for ids in per_stage.values() for c in ids))
    assert first_places == ["partner-fit", "rationale", "kick-off"]
    assert re.findall(r'<section class="sheet" id="checklist-([a-z0-9-]+)"', sheets) == first_places


# --- brand colours -----------------------------------------------------------------------------------


def test_exact_brand_colour_becomes_materials_custom_scheme(mini):
    from playbook_gen.render.config import COLOURS_CSS, compose
    write(mini, "site_config/branding.yml", 'branding:\n  primary: "#3D1F6E"\n  accent: deep orange\n')
    checked = check(mini)
    config, assets, _theme = compose(mini, checked.loaded.content, checked.site, [], mini / "site")
    schemes = [p for p in config["theme"]["palette"] if "scheme" in p]  # light and dark, behind the toggle
    assert [p["primary"] for p in schemes] == ["custom", "custom"]
    assert [p["accent"] for p in schemes] == ["deep orange"] * 2  # a Material name is passed on as it is
    assert COLOURS_CSS in config["extra_css"]
    assert assets[COLOURS_CSS].decode() == (":root > * {\n  --md-primary-fg-color: #3d1f6e;\n"
                                            "  --md-primary-fg-color--light: #6e5792;\n"
                                            "  --md-primary-fg-color--dark: #2e1752;\n}\n")


@pytest.mark.parametrize("value", ['"#3d1f6"', "mauve", '"3d1f6e"'])
def test_colours_are_validated(mini, value):
    write(mini, "site_config/branding.yml", f"branding:\n  primary: {value}\n")
    shown = value.strip('"')
    assert problems(mini) == [f"site_config/branding.yml:2:12: 'branding.primary' must be a Material colour name (like "
                              f"indigo or deep orange) or a colour like #3d1f6e, got '{shown}'"]


# --- prose problems at their own place --------------------------------------------------------------


def test_prose_problems_point_at_their_own_line_and_column(mini):
    edit(mini, "content/stages/strategy.yml", "purpose: |\n  Tie every alliance to the company strategy before any partner is named.\n",
         "purpose: |\n  Tie every alliance to the company strategy.\n\n  See [the launch](stage:launch-2) and\n"
         "  then [the end](stage:nowhere), then [again](stage:nowhere).\n  Never [this](javascript:alert(1)).\n")
    edit(mini, "content/roles/functional-lead.yml", "summary: Brings", "description: >\n  Folded text that\n"
         "  links [a term](term:no-such-term) here.\nsummary: Brings")
    found = problems(mini)
    assert "content/stages/strategy.yml:8:20: link to unknown stage 'launch-2' (did you mean 'launch'?)" in found
    assert "content/stages/strategy.yml:9:18: link to unknown stage 'nowhere'" in found
    assert "content/stages/strategy.yml:9:47: link to unknown stage 'nowhere'" in found
    assert ("content/stages/strategy.yml:10:16: link with unsafe URL scheme 'javascript:'; use http(s), mailto or an "
            "entity link like (stage:id)") in found
    assert "content/roles/functional-lead.yml:6:18: link to unknown term 'no-such-term'" in found
