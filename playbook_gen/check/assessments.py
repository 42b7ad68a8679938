"""Checks for scored assessments beyond their references: weights, unique ids and scores, result bands."""

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
    return issues
