"""Reverse indexes over the content: who refers to what, the checklists of each stage, role views (the RACI
matrix is in raci.py).

Stages say who is responsible, accountable, consulted and informed per activity; checklists say who owns
each item; roles say whom they escalate to. `referrers` turns every reference the walk finds (model/refs.py)
around, once; a role's view is read back from it, so nothing about a role is written twice and the cost
grows with the number of references, not with roles times everything else.
"""

from __future__ import annotations

import functools

from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ..model import Activity, Checklist, ChecklistItem, Content, Role, Stage, Tier
from ..model.playbook import Contact
from ..model.refs import Reference, walk
from .raci import Raci, activity_letters, gate_deciders, merge_letters, raci

@dataclass
class StagePart:
    """What one role does in one stage."""

    stage: Stage
    letters: str  # union over the stage's activities (and "A" when it decides the gate)
    activities: list[tuple[Activity, str]]  # (activity, letters) for the activities it takes part in
    duty: str | None  # the role's own description of its duty here (Markdown)
    decides_gate: bool
    tiers: list[Tier] = field(default_factory=list)  # the tiers for which it decides the gate (when there are tiers)


@dataclass
class RoleView:
    role: Role
    stages: list[StagePart] = field(default_factory=list)
    checklists: list[Checklist] = field(default_factory=list)  # checklists it runs
    items: list[tuple[Checklist, list[ChecklistItem]]] = field(default_factory=list)  # its items in others' checklists
    escalation: list[Role] = field(default_factory=list)  # whom it escalates to, then whom they escalate to...
    escalated_from: list[Role] = field(default_factory=list)  # roles that escalate to it
    contact: Contact | None = None  # the outside contact the escalation path ends at, if it does
    paths: list = field(default_factory=list)  # learning paths that prepare people for it


def escalation_chain(content: Content, role_id: str) -> list[Role]:
    """The roles above `role_id`, nearest first; stops before a repeat (validation refuses loops anyway)."""
    roles, chain, seen = content.roles, [], {role_id}
    current = roles[role_id].escalates_to
    while current in roles and current not in seen:
        chain.append(roles[current])
        seen.add(current)
        current = roles[current].escalates_to
    return chain


@dataclass(frozen=True)
class Referrer:
    """One reference to an entity: from which entity, and where in it."""

    kind: str
    ident: str
    ref: Reference


class Index:
    """Every field reference turned around, once (prose links are not counted), plus each kind's reading order."""

    def __init__(self, content: Content):
        self.refs: dict[tuple[str, str], list[Referrer]] = defaultdict(list)
        for kind, items in content.entities.items():
            for ident, entity in items.items():
                for ref in walk(entity):
                    if not ref.prose:
                        self.refs[(ref.kind, ref.value)].append(Referrer(kind, ident, ref))
        self._content = content
        self._rank: dict[str, dict[str, int]] = {}

    def referrers(self, kind: str, ident: str) -> list[Referrer]:
        return self.refs.get((kind, ident), [])

    def ordered(self, kind: str, ids) -> list:
        """The entities `ids` of `kind`, in the kind's reading order."""
        if kind not in self._rank:
            self._rank[kind] = {e.id: n for n, e in enumerate(self._content.ordered(kind))}
        rank, items = self._rank[kind], self._content.entities.get(kind, {})
        return [items[i] for i in sorted((i for i in ids if i in rank), key=rank.__getitem__)]


def role_view(content: Content, role: Role, index: Index | None = None) -> RoleView:
    """What one role does, read from the references to it (`index` is shared by all roles of a build)."""
    index = Index(content) if index is None else index
    view = RoleView(role)
    by_kind: dict[str, set[str]] = defaultdict(set)
    for r in index.referrers("roles", role.id):
        by_kind[r.kind].add(r.ident)
    duties = {d.stage: d.duty for d in role.duties}
    for stage in index.ordered("stages", by_kind["stages"] | set(duties)):
        acts = [(a, activity_letters(a, role.id)) for a in stage.activities]
        acts = [(a, letters) for a, letters in acts if letters]
        mine = [d for d in gate_deciders(content, stage) if d.role == role.id]
        decides = bool(mine)
        if acts or decides or stage.id in duties:
            letters = merge_letters(*(x for _, x in acts), "A" if decides else "")
            view.stages.append(StagePart(stage, letters, acts, duties.get(stage.id), decides, [d.tier for d in mine if d.tier]))
    for cl in index.ordered("checklists", by_kind["checklists"]):
        if cl.owner == role.id:
            view.checklists.append(cl)
        else:
            mine = [item for item in cl.items if item.owner == role.id]
            if mine:
                view.items.append((cl, mine))
    view.escalation = escalation_chain(content, role.id)
    last = (view.escalation[-1] if view.escalation else role).escalates_to
    view.contact = next((c for c in content.playbook.contacts if c.id == last), None)
    view.escalated_from = [r for r in index.ordered("roles", by_kind["roles"]) if r.escalates_to == role.id]
    # Learning paths are optional: a playbook without training content has none.
    view.paths = [p for p in index.ordered("learning_paths", by_kind["learning_paths"]) if role.id in p.roles]
    return view


def stage_checklists(content: Content, stage: Stage) -> list[Checklist]:
    """The checklists a stage uses, in the one order the site, the printed pack and checklist runs share.

    As the stage lists them in `checklists` (the order of the work), then any others that belong to it, by id.
    """
    listed = [content.checklists[c] for c in stage.checklists if c in content.checklists]
    return listed + [cl for cl in content.ordered("checklists") if cl.stage == stage.id and cl not in listed]


def lifecycle_checklists(content: Content, by_stage: dict[str, list[Checklist]]) -> list[Checklist]:
    """Every checklist once, at its first place in the stages' lists (`stage_checklists`), then any no stage has."""
    first = {cl.id: cl for stage in content.ordered("stages") for cl in by_stage.get(stage.id, [])}
    return [*first.values(), *(cl for cl in content.ordered("checklists") if cl.id not in first)]


@dataclass
class Tools:
    """The assessments and checklists a page's entity uses, linked where the work happens."""

    assessments: list = field(default_factory=list)
    checklists: list = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.assessments or self.checklists)


def tools(index: Index, kind: str, ident: str, checklists: list) -> Tools:
    """`checklists` (already found for the entity) and every assessment that names the entity or one of them."""
    ids = {r.ident for r in index.referrers(kind, ident) if r.kind == "assessments"}
    for cl in checklists:
        ids |= {r.ident for r in index.referrers("checklists", cl.id) if r.kind == "assessments"}
    return Tools(index.ordered("assessments", ids), checklists)


def tools_by_page(content: Content, index: Index, checklists_by_stage: dict, role_views: dict) -> dict[tuple[str, str], Tools]:
    """(kind, id) -> Tools for every stage, role, module and checklist, read from the reference index."""
    out = {("stages", s): tools(index, "stages", s, cls) for s, cls in checklists_by_stage.items()}
    for rid, view in role_views.items():
        out[("roles", rid)] = tools(index, "roles", rid, view.checklists + [c for c, _items in view.items])
    for module in content.ordered("modules"):
        used = {r.value for r in walk(module) if r.kind == "checklists" and not r.prose}
        out[("modules", module.id)] = tools(index, "modules", module.id, index.ordered("checklists", used))
    for cl in content.ordered("checklists"):
        out[("checklists", cl.id)] = tools(index, "checklists", cl.id, [])
    return out


class Derived:
    """Reverse indexes computed once from the content, so no fact is written twice."""

    def __init__(self, content: Content):
        self.stages = content.ordered("stages")
        self.checklists_by_stage = {s.id: stage_checklists(content, s) for s in self.stages}
        self.stage_number = {s.id: n for n, s in enumerate(self.stages, 1)}
        index = Index(content)
        self.role_views = {r.id: role_view(content, r, index) for r in content.ordered("roles")}
        self.tools = tools_by_page(content, index, self.checklists_by_stage, self.role_views)
        self._content = content
        self.gate_deciders = {s.id: gate_deciders(content, s) for s in self.stages}
        self.deliverables = content.deliverables()  # id -> (stage, deliverable)
        self.secondary_sources = secondary_sources(content)

    @functools.cached_property
    def raci(self) -> Raci:  # only the RACI page shows it: a preview that renders other pages skips the work
        return raci(self._content)


def secondary_sources(content: Content) -> set[str]:
    """Sources whose URL is on a host the playbook lists as a secondary summary (`source_hosts.secondary`)."""
    hosts = set(content.playbook.source_hosts.secondary) if content.playbook.source_hosts else set()
    return {s.id for s in content.ordered("sources") if s.url and (urlsplit(s.url).hostname or "").lower() in hosts}
