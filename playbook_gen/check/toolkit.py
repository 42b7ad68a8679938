"""Checks for toolkit templates beyond their references: used by a stage, in step with the deliverables they
serve, a document or a register (not both), and columns whose values and formulas make sense."""

from __future__ import annotations

from ..errors import Issue
from ..load.loader import Loaded
from ..model.toolkit import ColumnType, FormulaError, formula_refs


def check_toolkit(loaded: Loaded) -> list[Issue]:
    c, src, issues = loaded.content, loaded.sources, []
    named: dict[str, list[str]] = {}  # template id -> the deliverables that name it
    for s in c.ordered("stages"):
        for d in s.deliverables:
            if d.template and d.id:
                named.setdefault(d.template, []).append(d.id)
            elif d.template:
                i = s.deliverables.index(d)
                issues.append(src.issue("stages", s.id, ("deliverables", i, "template"),
                                        "a deliverable with a template needs an `id`, which the template names"))
    made = c.deliverables()
    for t in c.ordered("templates"):
        def err(loc, message, t=t):
            issues.append(src.issue("templates", t.id, loc, message))

        if t.id not in named:
            err(("id",), f"template '{t.id}' is not used by any stage; name it in a deliverable's `template`")
        for i, d in enumerate(t.deliverables):
            if d not in made:
                continue  # an unknown deliverable is reported by the reference check
            stage, deliverable = made[d]
            if deliverable.template != t.id:
                now = f"names template '{deliverable.template}'" if deliverable.template else "names no template"
                err(("deliverables", i), f"deliverable '{d}' (stage '{stage.id}') {now}; "
                                         f"set its `template: {t.id}` or remove it here")
        if bool(t.sections) == bool(t.columns):
            err(("sections",) if t.sections else (), "a template has either `sections` (a document) or "
                                                     "`columns` (a register), not both and not neither")
        _columns(t, err)
    return issues


def _columns(t, err) -> None:
    ids = [col.id for col in t.columns]
    for i, col in enumerate(t.columns):
        if col.id in ids[:i]:
            err(("columns", i, "id"), f"column id '{col.id}' is used twice in this template")
        if col.type is ColumnType.choice and not col.values:
            err(("columns", i), f"column '{col.id}' is a choice; list its allowed `values`")
        if col.values and col.type is not ColumnType.choice:
            err(("columns", i, "values"), f"column '{col.id}' has `values` but is not a choice column")
        if col.type is ColumnType.formula and not col.formula:
            err(("columns", i), f"column '{col.id}' is a formula column; give its `formula`")
        if col.formula and col.type is not ColumnType.formula:
            err(("columns", i, "formula"), f"column '{col.id}' has a `formula` but its type is {col.type.value}")
        if not col.formula:
            continue
        try:
            refs = formula_refs(col.formula)
        except FormulaError as exc:
            err(("columns", i, "formula"), str(exc))
            continue
        for ref in refs:
            if ref == col.id:
                err(("columns", i, "formula"), f"the formula of column '{col.id}' refers to itself")
            elif ref not in ids:
                err(("columns", i, "formula"), f"formula names unknown column '{ref}' "
                                               f"(this template's columns: {', '.join(ids)})")
