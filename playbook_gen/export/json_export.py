"""The validated model as JSON: `playbook` plus one list per entity kind, each entity with id and title."""

from __future__ import annotations

import json

from ..model import KINDS, Content
from ..render.print import scorecard_pdf
from ..render.training import scorm_package
from .scorecard_xlsx import scorecard_xlsx


def to_data(content: Content, packages: bool = True) -> dict:
    """`playbook`, then each kind where its declaration says (`Kind.export`, e.g. training.paths), in registry order.

    `packages`: list each learning path's SCORM packages, each assessment's scorecards and each template's download
    (site paths), as a build with exports writes them.
    """
    data = {"playbook": content.playbook.model_dump(mode="json", by_alias=True)}
    for kind in KINDS.values():
        *groups, key = kind.export_path
        place = data
        for group in groups:
            place = place.setdefault(group, {})
        items = [e.model_dump(mode="json", by_alias=True) for e in content.ordered(kind.key)]
        if kind.key == "learning_paths" and packages:
            for item, path in zip(items, content.ordered(kind.key), strict=True):
                item["packages"] = {"scorm12": scorm_package(path, "1.2"), "scorm2004": scorm_package(path, "2004")}
        if kind.key == "assessments" and packages:  # the printable and the spreadsheet scorecard
            for item in items:
                item["downloads"] = {"pdf": scorecard_pdf(item["id"]), "xlsx": scorecard_xlsx(item["id"])}
        if kind.key == "templates" and packages:  # the editable DOCX or XLSX the build writes
            for item, template in zip(items, content.ordered(kind.key), strict=True):
                item["download"] = template.download
        place[key] = items
    return data


def to_json(content: Content, packages: bool = True) -> str:
    return json.dumps(to_data(content, packages), indent=2, ensure_ascii=False) + "\n"
