"""The validated model as JSON: `playbook` plus one list per entity kind, each entity with id and title."""

from __future__ import annotations

import json

from ..model import KINDS, Content
from ..render.training import scorm_package

# Training kinds are grouped under one key: {"training": {"paths": [...], "modules": [...]}}.
TRAINING = {"learning_paths": "paths", "modules": "modules"}


def to_data(content: Content, packages: bool = True) -> dict:
    """`packages`: list each learning path's SCORM packages (site paths), as a build with exports writes them."""
    data = {"playbook": content.playbook.model_dump(mode="json", by_alias=True)}
    for kind in KINDS:
        items = [e.model_dump(mode="json", by_alias=True) for e in content.ordered(kind)]
        if kind == "learning_paths" and packages:
            for item, path in zip(items, content.ordered(kind), strict=True):
                item["packages"] = {"scorm12": scorm_package(path, "1.2"), "scorm2004": scorm_package(path, "2004")}
        if kind in TRAINING:
            data.setdefault("training", {})[TRAINING[kind]] = items
        else:
            data[kind] = items
    return data


def to_json(content: Content, packages: bool = True) -> str:
    return json.dumps(to_data(content, packages), indent=2, ensure_ascii=False) + "\n"
