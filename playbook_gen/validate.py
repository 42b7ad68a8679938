"""Cross-reference checks over the loaded model: every id points at something, nothing loops."""

from __future__ import annotations

import difflib
import html
import re

from .errors import ContentError, Issue
from .loader import Loaded
from .model import LINK_KINDS
from .yamlload import MarkedDict, MarkedList

# A link destination: inline `[text](dest` or a reference definition `[label]: dest` on its own line.
LINK_RE = re.compile(r"\]\(\s*<?([^)\s>]*)|^ {0,3}\[[^\]\n]+\]:[ \t]*<?([^\s>]*)", re.M)
SCHEME_RE = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):(.*)", re.S)
# `{: onclick="..."}` after a paragraph, heading or link is a Markdown attribute list: it sets HTML attributes.
ATTR_LIST_RE = re.compile(r"\{:?[^}\n]*?[^\s={}]+=[^}\n]*\}?")
CODE_RE = re.compile(r"```.*?```|~~~.*?~~~|`[^`\n]*`", re.S)
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
    issues += _training(loaded, ref)
    issues += _assessments(loaded, ref)
    return issues


def _assessments(loaded: Loaded, ref) -> list[Issue]:
    """Assessments: references, weights adding up to 100, one meaning per score and per id, a band from 0 %."""
    c, src, issues = loaded.content, loaded.sources, []
    for a in c.ordered("assessments"):
        def err(loc, message, a=a):
            issues.append(src.issue("assessments", a.id, loc, message))

        ref("assessments", a.id, ("stage",), "stages", a.stage, "stage")
        ref("assessments", a.id, ("checklist",), "checklists", a.checklist, "checklist")
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


def _training(loaded: Loaded, ref) -> list[Issue]:
    """Learning paths and modules: references, quiz answers, timings, prerequisite order and loops."""
    c, src, issues = loaded.content, loaded.sources, []
    lesson_refs = (("stages", "stages", "stage"), ("roles", "roles", "role"),
                   ("checklists", "checklists", "checklist"), ("case_studies", "case_studies", "case study"))
    for m in c.ordered("modules"):
        for i, pre in enumerate(m.prerequisites):
            ref("modules", m.id, ("prerequisites", i), "modules", pre, "module")
        for i, lesson in enumerate(m.lessons):
            for field, target, what in lesson_refs:
                for j, value in enumerate(getattr(lesson, field)):
                    ref("modules", m.id, ("lessons", i, field, j), target, value, what)
        if m.exercise:
            ref("modules", m.id, ("exercise", "case_study"), "case_studies", m.exercise.case_study, "case study")
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
        for i, r in enumerate(p.roles):
            ref("learning_paths", p.id, ("roles", i), "roles", r, "role")
        seen: dict[str, int] = {}
        for i, mid in enumerate(p.modules):
            ref("learning_paths", p.id, ("modules", i), "modules", mid, "module")
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
    reported = set()
    for start in sorted(modules):
        loop = _cycle(start, lambda m: [p for p in modules[m].prerequisites if p in modules])
        if loop and frozenset(loop) not in reported:
            reported.add(frozenset(loop))
            issues.append(src.issue("modules", start, ("prerequisites",),
                                    f"circular prerequisites: {' -> '.join([*loop, start])}"))
    return issues


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
    """Check [text](kind:id) links and refuse script URLs and attribute lists in every string of one entity file."""
    issues = []
    for loc, text in _strings(src.entries[(kind, ident)].data, ()):
        for m in LINK_RE.finditer(text):
            # What a browser would see: entities decoded, whitespace and control characters dropped.
            dest = re.sub(r"[\x00-\x20]", "", html.unescape(m.group(1) if m.group(1) is not None else m.group(2)))
            found = SCHEME_RE.match(dest)
            if not found:
                continue  # a relative link; the strict engine build checks it
            scheme, target = found.group(1).lower(), found.group(2)
            if scheme in LINK_KINDS and m.group(1) is None:
                issues.append(src.issue(kind, ident, loc, f"write entity links inline, like [text]({scheme}:{target})"))
            elif scheme in LINK_KINDS:
                if target not in known[LINK_KINDS[scheme]]:
                    hint = difflib.get_close_matches(target, sorted(known[LINK_KINDS[scheme]]), n=1)
                    tail = f" (did you mean '{hint[0]}'?)" if hint else ""
                    issues.append(src.issue(kind, ident, loc, f"link to unknown {scheme} '{target}'{tail}"))
            elif scheme not in SAFE_SCHEMES:
                issues.append(src.issue(kind, ident, loc, f"link with unsafe URL scheme '{scheme}:'; use http(s), mailto or an entity link like (stage:id)"))
        for m in ATTR_LIST_RE.finditer(CODE_RE.sub("", text)):
            issues.append(src.issue(kind, ident, loc, f"attribute list '{m.group(0)[:40]}' would set HTML attributes; "
                                                      "remove it, or put it in backticks to show it as text"))
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
