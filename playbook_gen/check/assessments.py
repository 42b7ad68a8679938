"""Checks for scored assessments beyond their references: weights, unique ids and scores, result bands, and
showstopper questions that match the criteria flagged as showstoppers."""

from __future__ import annotations

from ..errors import Issue
from ..load.loader import Loaded


def check_assessments(loaded: Loaded) -> list[Issue]:
    """Assessments: weights adding up to 100, one meaning per score and per id, a band from 0 %."""
    c, src, issues = loaded.content, loaded.sources, []
    for a in c.ordered("assessments"):
        def err(loc, message, a=a):
            issues.append(src.issue("assessments", a.id, loc, message))

        total = sum(d.weight for d in a.dimensions)
        if total != 100:
            err(("dimensions",), f"dimension weights add up to {total}; make them add up to 100")
        ids: set[str] = set()
        named = [(("dimensions", i), d.id) for i, d in enumerate(a.dimensions)]
        named += [(("dimensions", i, "criteria", j), cr.id) for i, d in enumerate(a.dimensions) for j, cr in enumerate(d.criteria)]
        named += [(("showstoppers", i), q.id) for i, q in enumerate(a.showstoppers)]
        for loc, ident in named:
            if ident in ids:
                err((*loc, "id"), f"id '{ident}' is used twice in this assessment")
            ids.add(ident)
        seen_scores: set[int] = set()
        for i, level in enumerate(a.scale):
            if level.score in seen_scores:
                err(("scale", i, "score"), f"scale score {level.score} is used twice")
            seen_scores.add(level.score)
        mins = [b.min_percent for b in a.results]
        for i, m in enumerate(mins):
            if m in mins[:i]:
                err(("results", i, "min_percent"), f"result band min_percent {m} is used twice")
        if 0 not in mins:
            err(("results",), "result bands must start at min_percent 0, so every total has a result")
        issues.extend(_showstoppers(loaded, a))
    return issues


def _showstoppers(loaded: Loaded, a) -> list[Issue]:
    """When an assessment asks showstopper questions, they and the criteria flagged `showstopper` match both ways."""
    if not a.showstoppers:
        return []
    out = []
    criteria: dict = {}
    for c in (c for d in a.dimensions for c in d.criteria):
        criteria.setdefault(c.id, c)  # an id used twice is reported once, as such
    named = set()
    for i, q in enumerate(a.showstoppers):
        for j, cid in enumerate(q.criteria):
            named.add(cid)
            if cid not in criteria:
                message = f"no criterion '{cid}' in this assessment"
            elif not criteria[cid].showstopper:
                message = f"criterion '{cid}' is not marked showstopper: true; mark it or leave it out of this question"
            else:
                continue
            out.append(loaded.sources.issue("assessments", a.id, ("showstoppers", i, "criteria", j), message))
    for i, d in enumerate(a.dimensions):
        for j, c in enumerate(d.criteria):
            if c.showstopper and c.id not in named:
                out.append(loaded.sources.issue("assessments", a.id, ("dimensions", i, "criteria", j, "showstopper"),
                                                f"showstopper criterion '{c.id}' is named by no showstopper question; "
                                                "add it to the matching question's criteria"))
    return out
