"""The validated model as JSON: `playbook` plus one list per entity kind, each entity with id and title."""

from __future__ import annotations

import json

from ..model import KINDS, Content
from .kinds import listed


def to_data(content: Content, packages: bool = True) -> dict:
    """`playbook`, then each kind where its declaration says (`Kind.export`, e.g. training.paths), in registry order.

    `packages`: add what each kind's exporters list (`Kind.exporters`, export/kinds.py): a learning path's SCORM
    packages, an assessment's scorecards, a template's download (site paths), as a build with exports writes them.
    """
    data = {"playbook": content.playbook.model_dump(mode="json", by_alias=True)}
    for kind in KINDS.values():
        *groups, key = kind.export_path
        place = data
        for group in groups:
            place = place.setdefault(group, {})
        entities = content.ordered(kind.key)
        items = [e.model_dump(mode="json", by_alias=True) for e in entities]
        if packages:
            items = [listed(kind, e, item) for e, item in zip(entities, items, strict=True)]
        place[key] = items
    return data


def to_json(content: Content, packages: bool = True) -> str:
    return json.dumps(to_data(content, packages), indent=2, ensure_ascii=False) + "\n"
