"""Cross-reference checks over the loaded model: every id points at something, nothing loops."""

from __future__ import annotations

import difflib
import re

from .errors import ContentError, Issue
from .loader import Loaded
from .model import LINK_KINDS
from .yamlload import MarkedDict, MarkedList

LINK_RE = re.compile(r"\]\(\s*<?([a-zA-Z][a-zA-Z0-9+.-]*):([^)\s>]*)")
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
# Ids that would collide with generated pages or folders.
RESERVED_IDS = {"index", "assets", "search", "print", "pdf", "training", "all"}


def check(loaded: Loaded) -> list[Issue]:
    """All cross-reference problems as issues (errors)."""
    c, src = loaded.content, loaded.sources
    known = {kind: set(c.entities.get(kind, {})) for kind in LINK_KINDS.values()}
    issues: list[Issue] = []

    def ref(kind_of_owner, owner_id, loc, target_kind, value, what):
        if value is not None and value not in known[target_kind]:
            hint = difflib.get_close_matches(value, sorted(known[target_kind]), n=1)
            tail = f" (did you mean '{hint[0]}'?)" if hint else ""
            issues.append(src.issue(kind_of_owner, owner_id, loc, f"unknown {what} '{value}'{tail}"))

    pb = c.playbook
    audience_ids = {a.id for a in pb.audiences}
    ref("playbook", "", ("owner",), "roles", pb.owner, "role")
    issues += _prose_links(src, "playbook", "", known)
    for i, a in enumerate(pb.audiences):
        ref("playbook", "", ("audiences", i, "start_page"), "pages", a.start_page, "page")

    for kind, items in c.entities.items():
        for ident, e in items.items():
            if ident in RESERVED_IDS:
                issues.append(src.issue(kind, ident, ("id",), f"id '{ident}' is reserved; choose another"))
            if kind != "checklists":
                ref(kind, ident, ("owner",), "roles", e.owner, "role")
            for i, aud in enumerate(e.audiences):
                if aud not in audience_ids:
                    hint = difflib.get_close_matches(aud, sorted(audience_ids), n=1)
                    tail = f" (did you mean '{hint[0]}'?)" if hint else ""
                    issues.append(src.issue(kind, ident, ("audiences", i), f"unknown audience '{aud}'{tail}"))
            issues += _prose_links(src, kind, ident, known)

    orders: dict[int, str] = {}
    for s in c.ordered("stages"):
        if s.order in orders:
            issues.append(src.issue("stages", s.id, ("order",), f"stage order {s.order} is also used by stage '{orders[s.order]}'"))
        orders.setdefault(s.order, s.id)
        for i, act in enumerate(s.activities):
            for field in ("responsible", "consulted", "informed"):
                for j, r in enumerate(getattr(act, field)):
                    ref("stages", s.id, ("activities", i, field, j), "roles", r, "role")
            ref("stages", s.id, ("activities", i, "accountable"), "roles", act.accountable, "role")
        if s.gate:
            ref("stages", s.id, ("gate", "decision_maker"), "roles", s.gate.decision_maker, "role")
            kinds = {o.outcome.value for o in s.gate.outcomes}
            missing = [k for k in ("go", "go-with-conditions", "no-go") if k not in kinds]
            if missing:
                issues.append(src.issue("stages", s.id, ("gate", "outcomes"), f"gate outcomes must include {', '.join(missing)}"))
        for i, cl in enumerate(s.checklists):
            ref("stages", s.id, ("checklists", i), "checklists", cl, "checklist")

    for r in c.ordered("roles"):
        for i, d in enumerate(r.duties):
            ref("roles", r.id, ("duties", i, "stage"), "stages", d.stage, "stage")
        ref("roles", r.id, ("escalates_to",), "roles", r.escalates_to, "role")
    issues += _escalation_loops(loaded)

    for cl in c.ordered("checklists"):
        ref("checklists", cl.id, ("stage",), "stages", cl.stage, "stage")
        ref("checklists", cl.id, ("owner",), "roles", cl.owner, "role")
        for i, item in enumerate(cl.items):
            ref("checklists", cl.id, ("items", i, "owner"), "roles", item.owner, "role")

    titles: dict[str, str] = {}
    for t in c.ordered("glossary"):
        for i, other in enumerate(t.see_also):
            ref("glossary", t.id, ("see_also", i), "glossary", other, "glossary term")
        ref("glossary", t.id, ("source",), "sources", t.source, "source")
        for name in [t.title, *t.aliases]:
            key = name.casefold()
            if key in titles and titles[key] != t.id:
                issues.append(src.issue("glossary", t.id, ("title",), f"glossary term '{name}' is also defined by '{titles[key]}'"))
            titles.setdefault(key, t.id)

    for p in c.ordered("pages"):
        for i, s in enumerate(p.sources):
            ref("pages", p.id, ("sources", i), "sources", s, "source")
    for cs in c.ordered("case_studies"):
        for field, target, what in (("stages", "stages", "stage"), ("roles", "roles", "role"), ("sources", "sources", "source")):
            for i, value in enumerate(getattr(cs, field)):
                ref("case_studies", cs.id, (field, i), target, value, what)
    return issues


def _escalation_loops(loaded: Loaded) -> list[Issue]:
    roles = loaded.content.entities.get("roles", {})
    issues, reported = [], set()
    for start in sorted(roles):
        chain, current = [start], roles[start].escalates_to
        while current in roles and current not in chain:
            chain.append(current)
            current = roles[current].escalates_to
        if current == start and frozenset(chain) not in reported:
            reported.add(frozenset(chain))
            path = " -> ".join([*chain, start])
            issues.append(loaded.sources.issue("roles", start, ("escalates_to",), f"circular escalation path: {path}"))
    return issues


def _prose_links(src, kind, ident, known) -> list[Issue]:
    """Check [text](kind:id) links and refuse script URLs in every string of one entity file."""
    issues = []
    for loc, text in _strings(src.entries[(kind, ident)].data, ()):
        for m in LINK_RE.finditer(text):
            scheme, target = m.group(1).lower(), m.group(2)
            if scheme in LINK_KINDS:
                if target not in known[LINK_KINDS[scheme]]:
                    hint = difflib.get_close_matches(target, sorted(known[LINK_KINDS[scheme]]), n=1)
                    tail = f" (did you mean '{hint[0]}'?)" if hint else ""
                    issues.append(src.issue(kind, ident, loc, f"link to unknown {scheme} '{target}'{tail}"))
            elif scheme not in SAFE_SCHEMES:
                issues.append(src.issue(kind, ident, loc, f"link with unsafe URL scheme '{scheme}:'; use http(s), mailto or an entity link like (stage:id)"))
    return issues


def _strings(node, loc):
    if isinstance(node, str):
        yield loc, node
    elif isinstance(node, MarkedDict):
        for k, v in node.items():
            yield from _strings(v, (*loc, k))
    elif isinstance(node, MarkedList):
        for i, v in enumerate(node):
            yield from _strings(v, (*loc, i))


def validate(loaded: Loaded) -> None:
    issues = check(loaded)
    if any(i.severity == "error" for i in issues):
        raise ContentError(issues)
