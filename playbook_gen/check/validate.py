"""Cross-reference and consistency checks over the loaded model: every id points at something, nothing loops.

The playbook's audiences and tiers, and the stages' deliverables, are reference targets declared inside files.
"""

from __future__ import annotations

import difflib

from ..errors import Issue
from ..load.loader import Loaded
from ..model import KINDS, prose
from ..model.refs import prose_fields, walk
from .assessments import check_assessments
from .lifecycle import check_lifecycle
from .training import check_training
from .vocabulary import check_vocabulary

# Ids that would collide with generated pages or folders.
RESERVED_IDS = {"index", "assets", "search", "print", "pdf", "training", "all"}


def check(loaded: Loaded) -> list[Issue]:
    """All cross-reference and consistency problems as issues (errors)."""
    c, src = loaded.content, loaded.sources
    issues = references(loaded)
    for kind, items in c.entities.items():
        for ident in items:
            if ident in RESERVED_IDS:
                issues.append(src.issue(kind, ident, ("id",), f"id '{ident}' is reserved; choose another"))
    issues += _prose_safety(loaded)

    orders: dict[int, str] = {}
    for s in c.ordered("stages"):
        if s.order in orders:
            issues.append(src.issue("stages", s.id, ("order",), f"stage order {s.order} is also used by stage '{orders[s.order]}'"))
        orders.setdefault(s.order, s.id)
    issues += check_lifecycle(loaded)
    issues += _escalation_loops(loaded)

    titles: dict[str, str] = {}
    for t in c.ordered("glossary"):
        for name in [t.title, *t.aliases]:
            key = name.casefold()
            if key in titles and titles[key] != t.id:
                issues.append(src.issue("glossary", t.id, ("title",), f"glossary term '{name}' is also defined by '{titles[key]}'"))
            titles.setdefault(key, t.id)
    issues += check_training(loaded)
    issues += check_vocabulary(loaded)
    issues += check_assessments(loaded)
    return issues


def references(loaded: Loaded, known: dict[str, set[str]] | None = None) -> list[Issue]:
    """Every reference (model.refs.walk) that names nothing: unknown ids, links to unknown entities.

    `known`: the ids that exist, by kind (default: the loaded content's, and the playbook's audiences).
    """
    c, src = loaded.content, loaded.sources
    if known is None:
        known = {kind: set(items) for kind, items in c.entities.items()}
        known["audiences"] = {a.id for a in c.playbook.audiences}
        known["tiers"] = {t.id for t in c.playbook.tiers}
        known["deliverables"] = set(c.deliverables())
    by_key = {k.key: k for k in KINDS.values()}
    issues = []
    for kind, ident, obj in [("playbook", "", c.playbook), *((k, i, e) for k, items in c.entities.items() for i, e in items.items())]:
        for ref in walk(obj):
            ids = known.get(ref.kind, set())
            if ref.value in ids:
                continue
            hint = difflib.get_close_matches(ref.value, sorted(ids), n=1)
            tail = f" (did you mean '{hint[0]}'?)" if hint else ""
            target = by_key[ref.kind] if ref.kind in by_key else None
            if ref.prose:
                message = f"link to unknown {target.link} '{ref.value}'{tail}"
            else:
                message = f"unknown {target.singular if target else ref.kind.removesuffix('s')} '{ref.value}'{tail}"
            issues.append(src.issue(kind, ident, ref.loc, message))
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


def _prose_safety(loaded: Loaded) -> list[Issue]:
    """Links and images in prose, read from the parsed prose: refused schemes and files, reference-style entity links."""
    c, src = loaded.content, loaded.sources
    words = KINDS.by_link()
    issues = []
    for kind, ident, obj in [("playbook", "", c.playbook), *((k, i, e) for k, items in c.entities.items() for i, e in items.items())]:
        for loc, text in prose_fields(obj):
            for link in prose.links(text):
                found = prose.entity_link(link.url, words)
                if found and not link.image and f"]({found[0]}:" not in text.replace("](<", "]("):
                    issues.append(src.issue(kind, ident, loc, f"write entity links inline, like [text]({found[0]}:{found[1]})"))
                    continue
                why = prose.unsafe(link, words)
                if why:
                    issues.append(src.issue(kind, ident, loc, why))
    return issues
