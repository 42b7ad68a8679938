"""The kind registry and the one reference walk: a new kind needs one declaration, a model and a template."""

from __future__ import annotations

import dataclasses
import json
import typing

import pytest
from pydantic import BaseModel

from playbook_gen.authoring.schema import schemas
from playbook_gen.check.validate import references
from playbook_gen.derive.audience import _pruned, for_audience, hidden_deliverables
from playbook_gen.errors import ContentError
from playbook_gen.export.jobs import Job
from playbook_gen.export.json_export import to_data
from playbook_gen.export.kinds import Exporter
from playbook_gen.model import KINDS, SLUG_PATTERN, Entity, Kind, Markdown, RoleId, StageId, Text
from playbook_gen.model.refs import Reference, walk
from playbook_gen.options import Options
from playbook_gen.pipeline import build, check

from .conftest import ROOT, write


class Widget(Entity):
    """A throw-away kind: it belongs to a stage, names roles and links to other entities in its prose."""

    summary: Text
    stage: StageId
    helpers: list[RoleId] = []
    notes: Markdown = ""


WIDGETS = Kind("widgets", Widget, "widgets", "widget", "widgets", "Widget", "widget", link="widget",
               page="widgets/{id}.md", template="widget.md", var="widget", section="widgets")

TEMPLATE = """# {{ widget.title|text }}

{{ widget.summary|text }} Stage: {{ widget.stage|link("stages") }}.

{% for r in widget.helpers %}
- {{ r|link("roles") }}
{% endfor %}

{{ widget.notes|md }}
"""


def widget(ident: str, **fields) -> str:
    lines = [f"id: {ident}", f"title: Widget {ident}", "summary: A widget for the tests.", "stage: strategy"]
    lines += [f"{key}: {json.dumps(value)}" for key, value in fields.items()]
    return "\n".join(lines) + "\n"


@pytest.fixture
def widgets():
    with KINDS.registered(WIDGETS):
        yield WIDGETS


def test_a_registered_kind_is_loaded_validated_rendered_exported_and_has_a_schema(widgets, mini):
    write(mini, "templates/widget.md", TEMPLATE)
    write(mini, "content/widgets/alpha.yml", widget("alpha", helpers=["executive-sponsor"],
                                                    notes="See [the launch](stage:launch) and [beta](widget:beta)."))
    write(mini, "content/widgets/beta.yml", widget("beta", audiences=["executives"], helpers=["alliance-manager"]))

    content = check(mini).loaded.content
    assert sorted(content.entities["widgets"]) == ["alpha", "beta"]
    assert [w["id"] for w in to_data(content)["widgets"]] == ["alpha", "beta"]
    assert "widget.schema.json" in schemas()
    assert json.loads(schemas()["widget.schema.json"])["properties"]["helpers"]["type"] == "array"

    # Audience filtering: beta is for executives only, so all staff lose it and alpha's link to it becomes text.
    staff = for_audience(content, "all-staff")
    assert sorted(staff.entities["widgets"]) == ["alpha"]
    assert "[beta](widget:beta)" not in staff.widgets["alpha"].notes and "beta" in staff.widgets["alpha"].notes

    result = build(mini, Options(pdf=False))
    page = (result.site_dir / "widgets" / "alpha.html").read_text(encoding="utf-8")
    assert "Widget alpha" in page and "../lifecycle/strategy.html" in page and "beta.html" in page
    assert 'href="widgets/alpha.html"' in (result.site_dir / "index.html").read_text(encoding="utf-8")  # in the menu
    search = json.loads((result.site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any(doc["location"].startswith("widgets/alpha.html") for doc in search["docs"])
    assert [w["id"] for w in json.loads((result.site_dir / "playbook.json").read_text())["widgets"]] == ["alpha", "beta"]


def widget_card(title: str) -> bytes:
    return f"card for {title}\n".encode()


def widget_cards(content, project, site, options) -> list[Job]:
    return [Job(f"widgets/cards/{w.id}.txt", widget_card, (w.title,), w.title.encode()) for w in content.ordered("widgets")]


def test_a_kind_declares_its_exporters_and_the_build_and_json_export_follow(mini):
    cards = Exporter(jobs=widget_cards, listing=lambda w: {"downloads": {"card": f"widgets/cards/{w.id}.txt"}})
    with KINDS.registered(dataclasses.replace(WIDGETS, exporters=(cards,))):
        write(mini, "templates/widget.md", TEMPLATE)
        write(mini, "content/widgets/alpha.yml", widget("alpha"))
        result = build(mini, Options(strict=True))
        assert "widgets/cards/alpha.txt" in result.exports_generated
        assert (result.site_dir / "widgets/cards/alpha.txt").read_bytes() == b"card for Widget alpha\n"
        listed = json.loads((result.site_dir / "playbook.json").read_text(encoding="utf-8"))
        assert listed["widgets"][0]["downloads"] == {"card": "widgets/cards/alpha.txt"}
        assert "downloads" not in to_data(check(mini).loaded.content, packages=False)["widgets"][0]
        # The default kinds' downloads come from their declarations the same way.
        assert listed["assessments"][0]["downloads"] == {"pdf": "assessments/pdf/partner-fit.pdf",
                                                         "xlsx": "assessments/xlsx/partner-fit.xlsx"}
        assert (result.site_dir / "assessments/xlsx/partner-fit.xlsx").is_file()


def test_references_of_a_registered_kind_are_checked_where_they_stand(widgets, mini):
    write(mini, "content/widgets/alpha.yml", widget("alpha", helpers=["alliance-manger"], notes="A [link](stage:nowhere)."))
    with pytest.raises(ContentError) as err:
        check(mini)
    assert [str(i) for i in err.value.issues] == [
        "content/widgets/alpha.yml:5:11: unknown role 'alliance-manger' (did you mean 'alliance-manager'?)",
        "content/widgets/alpha.yml:6:18: link to unknown stage 'nowhere'",  # the link itself, inside the text
    ]


def test_the_widget_kind_is_gone_again_after_the_test(mini):
    assert "widgets" not in KINDS and "widget.schema.json" not in schemas()


# --- one walk: validation and audience filtering see the same references --------------------------------


def _every_entity(content):
    yield "playbook", "", content.playbook
    for kind, items in content.entities.items():
        for ident, entity in items.items():
            yield kind, ident, entity


def test_validation_reports_exactly_the_references_the_walk_finds():
    loaded = check(ROOT).loaded
    sites = {(loaded.sources.entries[(kind, ident)].path, ref.loc) for kind, ident, e in _every_entity(loaded.content)
             for ref in walk(e)}
    assert len(sites) > 500  # the default playbook is full of references
    # With nothing known, every reference is an unknown one: validation reports each walk site, and no other.
    reported = {(i.path, i.line, i.col) for i in references(loaded, known={})}

    def site(kind, ident, ref, seen):
        if not ref.prose:
            return loaded.sources.issue(kind, ident, ref.loc, "")
        needle = f"{KINDS[ref.kind].link}:{ref.value}"  # a prose link is reported at its own place in the text
        nth = seen[(ref.loc, needle)] = seen.get((ref.loc, needle), -1) + 1
        return loaded.sources.issue(kind, ident, ref.loc, "", needle=needle, nth=nth)

    expected = set()
    for kind, ident, e in _every_entity(loaded.content):
        seen: dict = {}
        expected |= {(i.path, i.line, i.col) for i in (site(kind, ident, ref, seen) for ref in walk(e))}
    assert reported == expected


@pytest.mark.parametrize("kind", [k.key for k in KINDS.values()])
def test_audience_filtering_removes_every_reference_the_walk_finds(kind):
    """Hide every target: the filtered data of each entity of `kind` holds none of the references validation checks."""
    content = check(ROOT).loaded.content
    gone = {k: set(items) for k, items in content.entities.items()}
    gone["deliverables"] = hidden_deliverables(content, gone)  # declared in stages: hidden with them
    assert gone["deliverables"]
    entities = list(content.entities.get(kind, {}).values())
    assert entities, f"the default playbook has no {kind}"
    for entity in entities:
        data = _pruned(content, entity, gone)
        if data is None:
            assert any(ref.required and len(ref.loc) == 1 for ref in walk(entity))  # it cannot stand alone
            continue
        for ref in walk(entity):
            if ref.kind in ("audiences", "tiers"):  # declared in playbook.yml, never hidden
                continue
            assert _still_there(data, ref) is False, (kind, entity.id, ref)


def _still_there(data, ref: Reference) -> bool:
    node = data
    for part in ref.loc:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return False
    if ref.prose:
        return f"{KINDS[ref.kind].link}:{ref.value}" in node
    return node == ref.value


def _id_typed(annotation) -> bool:
    for arg in typing.get_args(annotation):
        if _id_typed(arg):
            return True
    meta = getattr(annotation, "__metadata__", ())
    return any(getattr(m, "pattern", None) == SLUG_PATTERN for m in meta)


def test_every_id_field_of_every_model_is_a_declared_reference():
    """A field holding ids must say what it refers to (`RoleId`, ...), or the walk (and so validation and the
    audience filter) would never see it. Only an entity's own `id` and ids local to one file are exempt."""
    # Criterion, dimension and question ids are names inside one assessment; a showstopper question's `criteria`
    # name criteria of its own assessment (check/assessments.py checks them).
    local = {"id", "ShowstopperQuestion.criteria"}
    seen: set[type] = set()
    missing = []

    def visit(cls: type[BaseModel]):
        if cls in seen:
            return
        seen.add(cls)
        for name, info in cls.model_fields.items():
            marked = any(type(m).__name__ == "Ref" for m in info.metadata) or "Ref(" in repr(info.annotation)
            plain_id = any(getattr(m, "pattern", None) == SLUG_PATTERN for m in info.metadata) or _id_typed(info.annotation)
            if plain_id and not marked and name not in local and f"{cls.__name__}.{name}" not in local:
                missing.append(f"{cls.__name__}.{name}")
            for arg in [info.annotation, *typing.get_args(info.annotation)]:
                for inner in [arg, *typing.get_args(arg)]:
                    if isinstance(inner, type) and issubclass(inner, BaseModel):
                        visit(inner)

    for k in KINDS.values():
        visit(k.model)
    from playbook_gen.model import Playbook

    visit(Playbook)
    assert missing == []


# --- one analysis of field annotations: references, translatable text, field suggestions ------------------------


def _models_and_fields():
    from playbook_gen.model.playbook import Playbook
    from playbook_gen.model.refs import model_inside
    seen, todo = [], [Playbook, *(k.model for k in KINDS.values())]
    while todo:
        cls = todo.pop()
        if cls not in seen:
            seen.append(cls)
            todo += [m for info in cls.model_fields.values() if (m := model_inside(info.annotation))]
    return [(cls, name, info) for cls in seen for name, info in cls.model_fields.items()]


def test_the_annotation_walk_exists_once():
    """model/refs.shape_of reads every field's annotation for references, translatable text and the loader's
    suggestions; only the field reference (authoring/fields.py) spells every type in words, a question of its own."""
    from .test_layout import modules
    walkers = sorted(name for name, path in modules().items() if "get_origin(" in path.read_text(encoding="utf-8"))
    assert walkers == ["authoring.fields", "model.refs"]


def test_references_and_translatable_text_read_every_field_the_same_way():
    from playbook_gen.load.translations import FIXED, text_fields
    from playbook_gen.model.refs import _fields

    def leaf(shape):
        while shape[0] in ("optional", "list"):
            shape = shape[1]
        return shape
    fields = _models_and_fields()
    assert len(fields) > 150
    prose = text = refs = 0
    for cls, name, info in fields:
        ref_shape = leaf(next((s for n, _key, s in _fields(cls) if n == name), ("none",)))
        text_shape = leaf(text_fields(cls)[info.alias or name])
        where = f"{cls.__name__}.{name}"
        if ref_shape[0] == "ref":  # an id is never translated
            refs += 1
            assert text_shape == FIXED, where
        elif ref_shape[0] == "prose":  # Markdown: links checked, text translated
            prose += 1
            assert text_shape == ("text", True), where
        elif text_shape[0] == "text":  # plain text: translated, holds no reference
            text += 1
            assert text_shape == ("text", False) and ref_shape == ("none",), where
        else:  # a number, date, enum, pattern string, or a model: the same model in both views, or in neither
            assert (ref_shape[0] == "model") <= (text_shape[0] == "model" or text_shape == FIXED), where
    assert refs > 40 and prose > 20 and text > 40
