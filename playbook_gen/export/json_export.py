"""The validated model as JSON: `playbook` plus one list per entity kind, each entity with id and title."""

from __future__ import annotations

import json

from ..model import KINDS, Content


def to_data(content: Content) -> dict:
    data = {"playbook": content.playbook.model_dump(mode="json", by_alias=True)}
    for kind in KINDS:
        data[kind] = [e.model_dump(mode="json", by_alias=True) for e in content.ordered(kind)]
    return data


def to_json(content: Content) -> str:
    return json.dumps(to_data(content), indent=2, ensure_ascii=False) + "\n"
