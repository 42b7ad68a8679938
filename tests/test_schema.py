"""JSON Schemas: committed files match the model, accept every default content file, reject typos."""

from __future__ import annotations

import datetime as dt
import functools
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from playbook_gen.load.loader import content_files
from playbook_gen.authoring.schema import SCHEMA_DIR, schema_comment, schema_name, schemas

from .conftest import ROOT, run_cli, write


def editor_view(path: Path):
    """The file's data as an editor's YAML server sees it: YAML 1.2, so dates are plain strings."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return json.loads(json.dumps(data, default=lambda v: v.isoformat() if isinstance(v, dt.date) else str(v)))


@functools.cache
def validator(kind: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((ROOT / SCHEMA_DIR / schema_name(kind)).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def test_committed_schemas_match_the_model():
    generated = schemas()
    committed = {p.name: p.read_bytes() for p in (ROOT / SCHEMA_DIR).glob("*.json")}
    stale = sorted(name for name in generated.keys() | committed.keys() if generated.get(name) != committed.get(name))
    assert not stale, f"schemas/ is out of date with the model ({', '.join(stale)}); run `playbook-gen schema`"


def test_every_default_content_file_validates():
    problems = []
    files = content_files(ROOT)
    assert len(files) > 100
    for kind, path in files:
        for err in validator(kind).iter_errors(editor_view(path)):
            problems.append(f"{path.relative_to(ROOT)}: {'/'.join(map(str, err.absolute_path))}: {err.message}")
    assert problems == []


def test_every_content_file_names_its_schema_on_line_one():
    for kind, path in content_files(ROOT):
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        assert first == schema_comment(kind), path
        target = (path.parent / first.split("$schema=", 1)[1]).resolve()
        assert target == (ROOT / SCHEMA_DIR / schema_name(kind)).resolve() and target.is_file()


@pytest.mark.parametrize(("rel", "kind", "bad_key"), [
    ("content/stages/partner-analysis.yml", "stages", "sumary"),
    ("content/checklists/exit-check.yml", "checklists", "pause_piont"),
])
def test_a_typo_in_a_key_is_rejected(rel, kind, bad_key):
    data = editor_view(ROOT / rel)
    assert list(validator(kind).iter_errors(data)) == []
    data[bad_key] = "typo"
    errors = list(validator(kind).iter_errors(data))
    assert [e.validator for e in errors] == ["additionalProperties"]
    assert f"'{bad_key}' was unexpected" in errors[0].message


def test_nested_typo_and_wrong_enum_are_rejected():
    data = editor_view(ROOT / "content/checklists/exit-check.yml")
    data["items"][0]["onwer"] = "alliance-manager"
    data["mode"] = "READ-CONFIRM"
    messages = sorted(e.message for e in validator("checklists").iter_errors(data))
    assert messages == ["'READ-CONFIRM' is not valid under any of the given schemas",
                        "Additional properties are not allowed ('onwer' was unexpected)"]


def test_schema_command_writes_schemas_and_comments(mini):
    write(mini, "content/glossary/old.yml", "# yaml-language-server: $schema=elsewhere.json\nid: old\ntitle: Old\ndefinition: Old.\n")
    result = run_cli("schema", cwd=mini)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (mini / SCHEMA_DIR).iterdir()) == sorted(schemas())
    assert (mini / "content/glossary/old.yml").read_text() == (
        "# yaml-language-server: $schema=../../schemas/term.schema.json\nid: old\ntitle: Old\ndefinition: Old.\n")
    assert (mini / "content/playbook.yml").read_text().startswith("# yaml-language-server: $schema=../schemas/playbook.schema.json\ntitle: ")
    again = run_cli("schema", cwd=mini)
    assert again.returncode == 0 and again.stderr == ""  # nothing left to change
    assert run_cli("check", cwd=mini).returncode == 0
