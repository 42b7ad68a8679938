"""The validated model as JSON: `playbook` plus one list per entity kind, each entity with id and title."""

from __future__ import annotations

import json

from ..model import KINDS, Content


def to_data(content: Content) -> dict:
    """`playbook`, then each kind where its declaration says (`Kind.export`, e.g. training.paths), in registry order."""
    data = {"playbook": content.playbook.model_dump(mode="json", by_alias=True)}
    for kind in KINDS.values():
        *groups, key = kind.export_path
        place = data
        for group in groups:
            place = place.setdefault(group, {})
        place[key] = [e.model_dump(mode="json", by_alias=True) for e in content.ordered(kind.key)]
    return data


def to_json(content: Content) -> str:
    return json.dumps(to_data(content), indent=2, ensure_ascii=False) + "\n"
