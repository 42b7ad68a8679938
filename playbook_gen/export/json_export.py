"""The validated model as JSON: `playbook` plus one list per entity kind, each entity with id and title."""

from __future__ import annotations

import json

from ..model import KINDS, Content

# Training kinds are grouped under one key: {"training": {"paths": [...], "modules": [...]}}.
TRAINING = {"learning_paths": "paths", "modules": "modules"}


def to_data(content: Content) -> dict:
    data = {"playbook": content.playbook.model_dump(mode="json", by_alias=True)}
    for kind in KINDS:
        items = [e.model_dump(mode="json", by_alias=True) for e in content.ordered(kind)]
        if kind in TRAINING:
            data.setdefault("training", {})[TRAINING[kind]] = items
        else:
            data[kind] = items
    return data


def to_json(content: Content) -> str:
    return json.dumps(to_data(content), indent=2, ensure_ascii=False) + "\n"
