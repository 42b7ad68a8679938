"""Checks for training content beyond its references: quiz answers, timings, prerequisite order and loops."""

from __future__ import annotations

from ..errors import Issue
from ..load.loader import Loaded


def check_training(loaded: Loaded) -> list[Issue]:
    """Learning paths and modules: quiz answers, timings, prerequisite order and loops."""
    c, src, issues = loaded.content, loaded.sources, []
    for m in c.ordered("modules"):
        planned = sum(lesson.minutes for lesson in m.lessons) + (m.exercise.minutes if m.exercise else 0)
        if planned > m.minutes:
            issues.append(src.issue("modules", m.id, ("minutes",),
                                    f"lessons and exercise take {planned} minutes, more than the module's {m.minutes}"))
        for i, q in enumerate(m.quiz):
            right = sum(o.correct for o in q.options)
            if right != 1:
                issues.append(src.issue("modules", m.id, ("quiz", i),
                                        f"quiz question {i + 1} has {right} correct options; mark exactly one with 'correct: true'"))
    modules = c.entities.get("modules", {})
    for p in c.ordered("learning_paths"):
        seen: dict[str, int] = {}
        for i, mid in enumerate(p.modules):
            if mid in seen:
                issues.append(src.issue("learning_paths", p.id, ("modules", i), f"module '{mid}' is listed twice"))
            seen.setdefault(mid, i)
            if p.scorm.mastery_score and mid in modules and not modules[mid].quiz:  # the pass mark is a quiz score
                issues.append(src.issue("learning_paths", p.id, ("modules", i),
                                        f"module '{mid}' has no quiz, but this path's mastery score "
                                        f"({p.scorm.mastery_score}%) is a quiz score; add a quiz or set "
                                        "'scorm: {mastery_score: 0}'"))
        for i, mid in enumerate(p.modules):
            for pre in getattr(modules.get(mid), "prerequisites", []):
                if seen.get(pre, -1) > i:
                    issues.append(src.issue("learning_paths", p.id, ("modules", i),
                                            f"module '{mid}' comes before its prerequisite '{pre}'"))
        issues += _breaks(loaded, p)
    reported = set()
    for start in sorted(modules):
        loop = _cycle(start, lambda m: [p for p in modules[m].prerequisites if p in modules])
        if loop and frozenset(loop) not in reported:
            reported.add(frozenset(loop))
            issues.append(src.issue("modules", start, ("prerequisites",),
                                    f"circular prerequisites: {' -> '.join([*loop, start])}"))
    return issues


def _breaks(loaded: Loaded, p) -> list[Issue]:
    """A path's breaks: each after one of its modules (not the last), one per module, with minutes unless the day ends."""
    out, after = [], set()
    for i, b in enumerate(p.breaks):
        if b.after not in loaded.content.modules:
            continue  # an unknown module: the reference check reports it
        if b.after not in p.modules:
            message = f"break after module '{b.after}', which is not in this path"
        elif b.after in after:
            message = f"more than one break after module '{b.after}'; make it one"
        elif b.after == p.modules[-1]:
            message = f"break after the last module '{b.after}'; the session ends there"
        elif b.minutes is None and not b.end_of_day:
            message = "break has no minutes; give its length, or set end_of_day: true"
        else:
            after.add(b.after)
            continue
        after.add(b.after)
        out.append(loaded.sources.issue("learning_paths", p.id, ("breaks", i), message))
    return out


def _cycle(start: str, edges) -> list[str] | None:
    """The path start -> ... back to start if there is one (depth-first, in sorted order)."""
    stack, seen = [(start, [start])], set()
    while stack:
        node, path = stack.pop()
        for nxt in sorted(edges(node), reverse=True):
            if nxt == start:
                return path
            if nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, [*path, nxt]))
    return None
