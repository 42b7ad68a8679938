"""Audience-filtered content: the playbook as one audience may see it.

An entity with `audiences` set is visible only to those audiences (empty: everyone). `for_audience` is a
pure function from the validated Content to a smaller Content: hidden entities are dropped, everything
that needs one of them goes too (a checklist of a hidden stage, a learning path left without modules),
every reference to them is pruned, and prose links to them become their plain link text. The pipeline
applies it once, so pages, navigation, search, PDFs, training material and the JSON export all see the
same filtered playbook and nothing hidden can leak through a forgotten path.
"""

from __future__ import annotations

import re

from pydantic import ValidationError

from .errors import BuildError, UsageError
from .model import KINDS, LINK_KINDS, Content, Playbook

_LINK = re.compile(r"\[([^\]]*)\]\(\s*<?(" + "|".join(LINK_KINDS) + r"):([a-z0-9-]+)>?\s*\)")


def audience_ids(content: Content) -> list[str]:
    return [a.id for a in content.playbook.audiences]


def visible(entity, audience: str) -> bool:
    return not entity.audiences or audience in entity.audiences


def hidden_ids(content: Content, audience: str) -> dict[str, set[str]]:
    """Ids each kind loses for this audience, including entities that cannot stand without a hidden one."""
    gone = {kind: {i for i, e in content.entities.get(kind, {}).items() if not visible(e, audience)} for kind in KINDS}
    changed = True
    while changed:  # to a fixed point: a hidden stage hides its checklists, hidden modules can empty a path
        before = sum(map(len, gone.values()))
        for kind in ("checklists", "assessments"):
            gone[kind] |= {e.id for e in content.entities.get(kind, {}).values() if e.stage in gone["stages"]}
        gone["learning_paths"] |= {p.id for p in content.entities.get("learning_paths", {}).values()
                                   if all(m in gone["modules"] for m in p.modules)}
        changed = sum(map(len, gone.values())) != before
    return gone


def for_audience(content: Content, audience: str | None) -> Content:
    """The content `audience` may see; `None` returns the content unchanged."""
    if audience is None:
        return content
    known = audience_ids(content)
    if audience not in known:
        listed = ", ".join(known) or "none are defined in content/playbook.yml"
        raise UsageError(f"unknown audience '{audience}' (the playbook's audiences: {listed})")
    gone = hidden_ids(content, audience)
    keep = {kind: [i for i in content.entities.get(kind, {}) if i not in gone[kind]] for kind in KINDS}
    prune = _Pruner(content, gone)
    entities: dict = {}
    for kind, ids in keep.items():
        if kind not in content.entities:
            continue
        cls = KINDS[kind][1]
        entities[kind] = {}
        for ident in ids:
            data = prune.entity(kind, content.entities[kind][ident].model_dump(by_alias=True))
            entities[kind][ident] = _revalidate(cls, data, kind, ident, audience)
    pb = prune.text(content.playbook.model_dump(by_alias=True))
    if pb["owner"] in gone["roles"]:
        raise BuildError(f"the playbook's owner role '{pb['owner']}' is hidden from audience '{audience}'")
    for a in pb["audiences"]:
        if a["start_page"] in gone["pages"]:
            a["start_page"] = None
    return Content(playbook=Playbook.model_validate(pb), entities=entities)


def _revalidate(cls, data, kind, ident, audience):
    try:
        return cls.model_validate(data)
    except ValidationError as exc:  # e.g. an activity whose only responsible role is hidden
        where = ", ".join(".".join(map(str, e["loc"])) for e in exc.errors())
        raise BuildError(f"{kind} '{ident}' cannot be shown to audience '{audience}' without what it hides ({where}); "
                         "make the hidden entities visible to it, or hide this one too") from None


class _Pruner:
    """Drops references to hidden entities from one entity's data (a plain dict from model_dump)."""

    def __init__(self, content: Content, gone: dict[str, set[str]]):
        self.content, self.gone = content, gone

    def ids(self, kind: str, values: list[str]) -> list[str]:
        return [v for v in values if v not in self.gone[kind]]

    def one(self, kind: str, value):
        return None if value in self.gone[kind] else value

    def text(self, node):
        """Every string: links to hidden entities become their text."""
        if isinstance(node, str):
            return _LINK.sub(lambda m: m.group(1) if m.group(3) in self.gone[LINK_KINDS[m.group(2)]] else m.group(0), node)
        if isinstance(node, dict):
            return {k: self.text(v) for k, v in node.items()}
        if isinstance(node, list):
            return [self.text(v) for v in node]
        return node

    def entity(self, kind: str, d: dict) -> dict:
        d["owner"] = self.one("roles", d.get("owner"))
        getattr(self, kind, lambda d: None)(d)
        return self.text(d)

    def stages(self, d):
        d["checklists"] = self.ids("checklists", d["checklists"])
        for a in d["activities"]:
            for key in ("responsible", "consulted", "informed"):
                a[key] = self.ids("roles", a[key])
            a["accountable"] = self.one("roles", a["accountable"])
        if d["gate"] and d["gate"]["decision_maker"] in self.gone["roles"]:
            d["gate"]["decision_maker"] = None  # refused on revalidation, with a clear message

    def roles(self, d):
        d["duties"] = [x for x in d["duties"] if x["stage"] not in self.gone["stages"]]
        # A hidden role in the escalation path is skipped: escalate to the next one above it that is visible.
        target, roles = d["escalates_to"], self.content.roles
        while target in self.gone["roles"]:
            target = roles[target].escalates_to if target != d["id"] else None
        d["escalates_to"] = target

    def checklists(self, d):
        for item in d["items"]:
            item["owner"] = self.one("roles", item["owner"])

    def glossary(self, d):
        d["see_also"] = self.ids("glossary", d["see_also"])
        d["source"] = self.one("sources", d["source"])

    def pages(self, d):
        d["sources"] = self.ids("sources", d["sources"])

    def case_studies(self, d):
        for key, kind in (("stages", "stages"), ("roles", "roles"), ("sources", "sources")):
            d[key] = self.ids(kind, d[key])

    def modules(self, d):
        d["prerequisites"] = self.ids("modules", d["prerequisites"])
        for lesson in d["lessons"]:
            for key, kind in (("stages", "stages"), ("roles", "roles"), ("checklists", "checklists"),
                              ("case_studies", "case_studies")):
                lesson[key] = self.ids(kind, lesson[key])
        if d["exercise"]:
            d["exercise"]["case_study"] = self.one("case_studies", d["exercise"]["case_study"])

    def learning_paths(self, d):
        d["roles"] = self.ids("roles", d["roles"])
        d["modules"] = self.ids("modules", d["modules"])

    def assessments(self, d):
        d["checklist"] = self.one("checklists", d["checklist"])
