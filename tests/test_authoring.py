"""Authoring help: every model field described, in the JSON Schemas and in the generated field reference."""

from __future__ import annotations

import json

from playbook_gen.authoring.fields import fields_markdown, models, nested
from playbook_gen.authoring.schema import schemas
from playbook_gen.model import KINDS

from .conftest import ROOT, run_cli


def every_model():
    for _heading, _where, cls in models():
        yield cls
        yield from nested(cls)


def test_every_field_of_every_kind_has_a_description():
    assert len(models()) == len(KINDS) + 1  # the playbook file and each kind in the registry
    missing = [f"{cls.__name__}.{name}" for cls in every_model() for name, info in cls.model_fields.items()
               if not (info.description or "").strip()]
    assert missing == []


def test_the_json_schemas_carry_the_descriptions():
    for name, data in schemas().items():
        schema = json.loads(data)
        parts = [schema, *schema.get("$defs", {}).values()]
        for part in parts:
            for field, prop in part.get("properties", {}).items():
                assert prop.get("description"), (name, part.get("title"), field)
    stage = json.loads(schemas()["stage.schema.json"])
    assert stage["properties"]["checklists"]["description"].startswith("Checklist ids in the order of the work")


def test_the_field_reference_is_up_to_date_and_covers_every_field():
    page = (ROOT / "docs" / "fields.md").read_text(encoding="utf-8")
    assert page == fields_markdown(), "docs/fields.md is stale: run playbook-gen fields --out docs/fields.md"
    sections = page.split("\n## ")[1:]
    assert len(sections) == len(KINDS) + 1
    for (heading, _where, cls), section in zip(models(), sections, strict=True):
        assert section.startswith(heading + "\n")
        for model in [cls, *nested(cls)]:
            for name, info in model.model_fields.items():
                assert f"| `{info.alias or name}` | " in section or f"| `{info.alias or name}` | " in page, (heading, name)
    assert "| `escalates_to` | role or contact id |  | Whom it turns to when something is stuck" in page
    assert "| `every` | days or weeks (`7d`, `2w`) |  |" in page


def test_fields_command_prints_the_reference(tmp_path):
    shown = run_cli("fields", cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout == fields_markdown()
