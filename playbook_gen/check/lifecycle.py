"""Checks for the lifecycle beyond its references: gate outcomes, deciders per tier, deliverables in stage order."""

from __future__ import annotations

from ..errors import Issue
from ..load.loader import Loaded
from ..model.refs import walk

MEANINGS = ("go", "go-with-conditions", "no-go")  # every gate must offer these three, whatever it calls them


def check_lifecycle(loaded: Loaded) -> list[Issue]:
    return _tiers(loaded) + _gates(loaded) + _deliverables(loaded)


def _tiers(loaded: Loaded) -> list[Issue]:
    seen, issues = set(), []
    for i, tier in enumerate(loaded.content.playbook.tiers):
        if tier.id in seen:
            issues.append(loaded.sources.issue("playbook", "", ("tiers", i, "id"), f"tier id '{tier.id}' is used twice"))
        seen.add(tier.id)
    return issues


def _gates(loaded: Loaded) -> list[Issue]:
    """Each gate offers go, go with conditions and no-go (under any labels) and has a decider for every tier."""
    c, issues = loaded.content, []
    tiers = [t.id for t in c.playbook.tiers]
    for s in c.ordered("stages"):
        gate = s.gate
        if gate is None:
            continue

        def err(loc, message, s=s):
            issues.append(loaded.sources.issue("stages", s.id, ("gate", *loc), message))

        kinds = {o.outcome.value for o in gate.outcomes}
        missing = [k for k in MEANINGS if k not in kinds]
        if missing:
            err(("outcomes",), f"gate outcomes must include {', '.join(missing)}")
        ids: set[str] = set()
        for i, o in enumerate(gate.outcomes):
            if o.id and o.id in ids:
                err(("outcomes", i, "id"), f"outcome id '{o.id}' is used twice in this gate")
            ids.add(o.id)
        if not tiers:
            if gate.decision_maker is None:
                err((), "gate has no decision_maker; name the role that decides it")
            continue
        if gate.decision_maker is not None:
            err(("decision_maker",), f"the playbook declares tiers ({', '.join(tiers)}); name this gate's deciders "
                                     "per tier in `deciders` instead of `decision_maker`")
        named: set[str] = set()
        for i, d in enumerate(gate.deciders):
            if d.tier in named:
                err(("deciders", i, "tier"), f"tier '{d.tier}' has more than one decider at this gate")
            named.add(d.tier)
        for tier in tiers:
            if tier not in named:
                err(("deciders",) if gate.deciders else (), f"gate has no decider for tier '{tier}'")
    return issues


def _deliverables(loaded: Loaded) -> list[Issue]:
    """Deliverable ids are unique, and nothing requires a deliverable before the stage that produces it."""
    c, src, issues = loaded.content, loaded.sources, []
    number = {s.id: n for n, s in enumerate(c.ordered("stages"), 1)}
    producer: dict[str, str] = {}
    for s in c.ordered("stages"):
        for i, d in enumerate(s.deliverables):
            if d.id and d.id in producer:
                issues.append(src.issue("stages", s.id, ("deliverables", i, "id"),
                                        f"deliverable id '{d.id}' is also used by stage '{producer[d.id]}'"))
            elif d.id:
                producer[d.id] = s.id
    for kind, items in c.entities.items():
        for ident, entity in items.items():
            stage = ident if kind == "stages" else getattr(entity, "stage", None)
            if stage not in number:
                continue
            for ref in walk(entity):
                made = producer.get(ref.value) if ref.kind == "deliverables" and not ref.prose else None
                if made and number[made] > number[stage]:
                    issues.append(src.issue(kind, ident, ref.loc,
                                            f"deliverable '{ref.value}' is required in stage {number[stage]} ('{stage}') "
                                            f"but produced later, in stage {number[made]} ('{made}')"))
    return issues
