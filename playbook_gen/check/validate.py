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
from .toolkit import check_toolkit
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
    issues += _contacts(loaded)

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
    issues += check_toolkit(loaded)
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
        known["contacts"] = {t.id for t in c.playbook.contacts}
        known["deliverables"] = set(c.deliverables())
        for kind, ids in loaded.broken.items():  # files that failed validation report their own errors
            known[kind] = known.get(kind, set()) | ids
    by_key = {k.key: k for k in KINDS.values()}
    issues = []
    for kind, ident, obj in [("playbook", "", c.playbook), *((k, i, e) for k, items in c.entities.items() for i, e in items.items())]:
        seen: dict[tuple, int] = {}  # prose links met so far per (field, link): the nth is located at its own place
        for ref in walk(obj):
            ids = known.get(ref.kind, set()).union(*(known.get(k, set()) for k in ref.also))
            if ref.value in ids:
                continue
            hint = difflib.get_close_matches(ref.value, sorted(ids), n=1)
            tail = f" (did you mean '{hint[0]}'?)" if hint else ""
            target = by_key[ref.kind] if ref.kind in by_key else None
            if ref.prose:
                message = f"link to unknown {target.link} '{ref.value}'{tail}"
                needle = f"{target.link}:{ref.value}"
                nth = seen[(ref.loc, needle)] = seen.get((ref.loc, needle), -1) + 1
                issues.append(src.issue(kind, ident, ref.loc, message, needle=needle, nth=nth))
                continue
            else:
                names = [by_key[k].singular if k in by_key else k.removesuffix("s") for k in (ref.kind, *ref.also)]
                message = f"unknown {' or '.join(names)} '{ref.value}'{tail}"
            issues.append(src.issue(kind, ident, ref.loc, message))
    return issues


def _contacts(loaded: Loaded) -> list[Issue]:
    """Contact ids are unique and differ from role ids, so `escalates_to: x` names one person."""
    roles, seen, issues = loaded.content.entities.get("roles", {}), set(), []
    for i, contact in enumerate(loaded.content.playbook.contacts):
        if contact.id in seen:
            message = f"contact id '{contact.id}' is used twice"
        elif contact.id in roles:
            message = f"contact id '{contact.id}' is also a role's id; give the contact another id"
        else:
            message = None
        if message:
            issues.append(loaded.sources.issue("playbook", "", ("contacts", i, "id"), message))
        seen.add(contact.id)
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
            seen: dict[str, int] = {}
            for link in prose.links(text):
                nth = seen[link.url] = seen.get(link.url, -1) + 1  # located at its own line and column
                found = prose.entity_link(link.url, words)
                if found and not link.image and f"]({found[0]}:" not in text.replace("](<", "]("):
                    issues.append(src.issue(kind, ident, loc, f"write entity links inline, like [text]({found[0]}:{found[1]})",
                                            needle=link.url, nth=nth))
                    continue
                why = prose.unsafe(link, words)
                if why:
                    issues.append(src.issue(kind, ident, loc, why, needle=link.url, nth=nth))
    return issues
