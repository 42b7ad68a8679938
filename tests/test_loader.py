"""Loader and validator: every kind of content error, with its exact text and location."""

from __future__ import annotations

import pytest

from playbook_gen.errors import ContentError
from playbook_gen.load.loader import load
from playbook_gen.pipeline import check

from .conftest import write


def errors_of(project) -> list[str]:
    with pytest.raises(ContentError) as info:
        check(project)
    return [str(i) for i in info.value.issues]


def test_mini_project_is_valid(mini):
    loaded = load(mini)
    assert sorted(loaded.content.entities["stages"]) == ["launch", "partner-analysis", "strategy"]
    assert [s.id for s in loaded.content.ordered("stages")] == ["strategy", "partner-analysis", "launch"]


def test_yaml_syntax_error_is_located(mini):
    write(mini, "content/stages/launch.yml", "id: launch\ntitle: [unclosed\norder: 3\n")
    assert errors_of(mini) == [
        "content/stages/launch.yml:3:6: expected ',' or ']', but got ':' (while parsing a flow sequence)"
    ]


def test_wrong_type(mini):
    path = mini / "content/stages/launch.yml"
    path.write_text(path.read_text().replace("order: 3", "order: three"))
    assert errors_of(mini) == ["content/stages/launch.yml:3:8: 'order' must be a whole number, got 'three'"]


def test_unknown_key_suggests_the_right_one(mini):
    path = mini / "content/roles/functional-lead.yml"
    path.write_text(path.read_text() + "sumary: typo\n")
    assert errors_of(mini) == ["content/roles/functional-lead.yml:6:1: unknown key 'sumary' (did you mean 'summary'?)"]


def test_unknown_nested_key(mini):
    path = mini / "content/checklists/kick-off.yml"
    path.write_text(path.read_text().replace("    owner: alliance-manager", "    onwer: alliance-manager"))
    assert errors_of(mini) == ["content/checklists/kick-off.yml:9:5: unknown key 'onwer' (did you mean 'owner'?)"]


def test_missing_required_field(mini):
    path = mini / "content/stages/launch.yml"
    path.write_text(path.read_text().replace("summary: Run the first hundred days.\n", ""))
    assert errors_of(mini) == ["content/stages/launch.yml:1:1: missing required field 'summary'"]


def test_dangling_role_reference(mini):
    path = mini / "content/stages/launch.yml"
    path.write_text(path.read_text().replace("[alliance-manager, functional-lead]", "[alliance-manger, functional-lead]"))
    assert errors_of(mini) == [
        "content/stages/launch.yml:9:19: unknown role 'alliance-manger' (did you mean 'alliance-manager'?)"
    ]


def test_duplicate_id_names_the_first_file(mini):
    write(mini, "content/roles/copy.yml", "id: functional-lead\ntitle: Copy\nlevel: operational\nsummary: x\n")
    assert errors_of(mini) == [
        "content/roles/functional-lead.yml:1:5: duplicate role id 'functional-lead' (first defined in content/roles/copy.yml:1:5)"
    ]


def test_invalid_id(mini):
    path = mini / "content/roles/functional-lead.yml"
    path.write_text(path.read_text().replace("id: functional-lead", "id: Functional Lead"))
    errors = errors_of(mini)
    assert errors[0] == (
        "content/roles/functional-lead.yml:1:5: 'id': 'Functional Lead' is not a valid id; "
        "use lowercase letters, digits and single hyphens (like 'partner-fit')"
    )


def test_all_errors_are_reported_together(mini):
    write(mini, "content/stages/launch.yml", "id: launch\ntitle: [unclosed\n")
    path = mini / "content/roles/functional-lead.yml"
    path.write_text(path.read_text() + "sumary: typo\n")
    write(mini, "content/glossary/empty.yml", "")
    assert errors_of(mini) == [
        "content/glossary/empty.yml:1:1: file is empty; expected a mapping of keys to values",
        "content/roles/functional-lead.yml:6:1: unknown key 'sumary' (did you mean 'summary'?)",
        "content/stages/launch.yml:3:1: expected ',' or ']', but got '<stream end>' (while parsing a flow sequence)",
    ]


def test_prose_link_to_unknown_entity(mini):
    path = mini / "content/playbook.yml"
    path.write_text(path.read_text().replace("(stage:strategy)", "(stage:stratgy)"))
    assert errors_of(mini) == ["content/playbook.yml:6:69: link to unknown stage 'stratgy' (did you mean 'strategy'?)"]


def test_circular_escalation(mini):
    path = mini / "content/roles/executive-sponsor.yml"
    path.write_text(path.read_text() + "escalates_to: functional-lead\n")
    assert errors_of(mini) == [
        "content/roles/alliance-manager.yml:5:15: circular escalation path: "
        "alliance-manager -> executive-sponsor -> functional-lead -> alliance-manager"
    ]


def test_gate_needs_the_three_outcomes(mini):
    path = mini / "content/stages/strategy.yml"
    path.write_text(path.read_text().replace("    - outcome: no-go\n      meaning: Use another route to the goal.\n",
                                             "    - outcome: revisit\n      meaning: Come back later.\n"))
    assert errors_of(mini) == ["content/stages/strategy.yml:26:5: gate outcomes must include no-go"]


def test_duplicate_yaml_key(mini):
    path = mini / "content/roles/functional-lead.yml"
    path.write_text(path.read_text() + "title: Again\n")
    assert errors_of(mini) == ["content/roles/functional-lead.yml:6:1: duplicate key 'title'"]


def test_source_url_must_be_a_web_address(mini):
    path = mini / "content/sources/simoons.yml"
    path.write_text(path.read_text().replace("url: https://", "url: javascript:alert(1)//"))
    assert errors_of(mini) == [
        "content/sources/simoons.yml:4:6: 'url' must be a web address starting with http:// or https://, got 'javascript:alert(1)//www.petersimoons...'"]
