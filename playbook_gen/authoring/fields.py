"""The field reference (docs/fields.md): every field of the playbook file and of every kind in the registry.

Generated from the model's field descriptions (the same ones the JSON Schemas carry), so the authors' guide
covers every field, always; `playbook-gen fields` writes it and a test keeps the committed page up to date.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from enum import Enum

from annotated_types import Ge, Le
from pydantic import BaseModel

from ..model import KINDS, SLUG_PATTERN, Playbook
from ..model.base import Prose, Ref

HEADER = """# Field reference

Every field of every content file, generated from the model by `playbook-gen fields` (do not edit by hand).
The JSON Schemas in `schemas/` carry the same descriptions, so editors show them on hover. See the
[authors' guide](authoring.md) for how the pieces fit together.
"""


def models() -> list[tuple[str, str, type[BaseModel]]]:
    """(heading, folder, model) for the playbook file and each kind, in registry order."""
    return [("Playbook file", "content/playbook.yml", Playbook),
            *((k.label, f"content/{k.folder}/", k.model) for k in KINDS.values())]


def nested(cls: type[BaseModel]) -> list[type[BaseModel]]:
    """The models inside `cls` (a gate inside a stage, its outcomes inside the gate...), depth first, once each."""
    seen: list[type[BaseModel]] = []

    def visit(model):
        for info in model.model_fields.values():
            for inner in _models_in(info.annotation):
                if inner not in seen and inner is not cls:
                    seen.append(inner)
                    visit(inner)
    visit(cls)
    return seen


def _models_in(annotation) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _models_in(arg)]


def type_words(annotation, metadata=()) -> str:
    """A field's type in an author's words: "text", "list of role ids", "whole number 0-999"..."""
    refs = [m for m in metadata if isinstance(m, Ref)]
    if refs:
        names = [_kind_name(k) for k in (refs[0].kind, *refs[0].also)]
        return " or ".join(names) + " id"
    if any(isinstance(m, Prose) for m in metadata):
        return "Markdown"
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        inner, *meta = typing.get_args(annotation)
        return type_words(inner, (*metadata, *meta))
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return " or ".join(type_words(a, metadata) for a in args)
    if origin is list:
        return "list of " + _plural(type_words(typing.get_args(annotation)[0]))
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return "one of " + ", ".join(f"`{e.value}`" for e in annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"[{annotation.__name__}](#{annotation.__name__.lower()})"
    if annotation is bool:
        return "true or false"
    if annotation is int:
        low = next((m.ge for m in metadata if isinstance(m, Ge)), None)
        high = next((m.le for m in metadata if isinstance(m, Le)), None)
        return "whole number" + (f" {low}-{high}" if low is not None and high is not None else "")
    if annotation is dt.date:
        return "date (YYYY-MM-DD)"
    pattern = next((getattr(m, "pattern", None) for m in metadata if getattr(m, "pattern", None)), None)
    if pattern == SLUG_PATTERN:
        return "id"
    if pattern and pattern.startswith("^https?"):
        return "web address"
    if pattern and pattern.endswith("[dw]$"):
        return "days or weeks (`7d`, `2w`)"
    if pattern:
        return "host name"
    return "text"


def _kind_name(key: str) -> str:
    return KINDS[key].singular if key in KINDS else key.removesuffix("s")


def _plural(words: str) -> str:
    return words if words.startswith("[") or words.endswith("s") else words + "s"


def _table(cls: type[BaseModel]) -> list[str]:
    rows = ["| Field | Type | Required | Description |", "| --- | --- | --- | --- |"]
    for name, info in cls.model_fields.items():
        cell = (info.description or "").replace("|", "\\|")
        rows.append(f"| `{info.alias or name}` | {type_words(info.annotation, tuple(info.metadata))} | "
                    f"{'yes' if info.is_required() else ''} | {cell} |")
    return rows


def fields_markdown() -> str:
    """The whole page; a part shared by several kinds (a finding) is described once, where it first appears."""
    out = [HEADER]
    done: set[type] = set()
    for heading, where, cls in models():
        out += [f"## {heading}", "", f"Files: `{where}`.", "", *_table(cls), ""]
        for inner in nested(cls):
            if inner not in done:
                done.add(inner)
                out += [f"### {inner.__name__}", "", *_table(inner), ""]
    return "\n".join(out).rstrip("\n") + "\n"
