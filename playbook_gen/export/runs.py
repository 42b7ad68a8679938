"""A run: a checklist or a whole stage turned into dated, assignable work for one concrete case of
the playbook's subject (one alliance, one partnership: `run --for NAME`).

The dating rule, kept simple so teams can predict it:
- A checklist run: every item is due on the start date (a checklist is run at one pause point).
- A stage run: the stage lasts D days, D read from its `typical_duration` (the first "N days/weeks/months",
  the upper end of a range such as "3–8 weeks" or "2 to 4 weeks"; a week is 7 days, a month 30) or 28 days if none is given.
  A checklist with a `schedule` is due as it says: `after_start: N` on start + N, `before_end: N` on end - N
  (N in days, or weeks of 7 days), and with `every: M` again every M days until the stage's end (from its
  offset, or from start + M without one); dates are kept inside the stage.
  The other n checklists, in the order the stage lists them, are spread evenly: checklist k is due on
  start + round(D * k / n) days, so the last one falls on the stage's end, at its gate.
  Steps are listed by due date, then in the stage's order.
Each item is assigned to its owner role (else the role that runs the checklist) and starts "open".
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from ..derive.indexes import stage_checklists
from ..errors import ProjectError
from ..i18n import _, ngettext
from ..model import Checklist, Content, Stage
from ..model.entities import Schedule, span_days
from ..render.env import make_env, render
from ..render.pages import tidy
from .csv_export import item_owner, to_csv

DEFAULT_STAGE_DAYS = 28
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30}
_DURATION = re.compile(r"(\d+)(?:\s*(?:[–-]|to)\s*(\d+))?\s*(day|week|month)s?\b", re.IGNORECASE)
COLUMNS = ["checklist_id", "checklist_title", "pause_point", "mode", "item", "text", "owner_role", "assignee",
           "due", "status"]


@dataclass(frozen=True)
class Step:
    """One checklist of a run and the date it is due."""

    checklist: Checklist
    due: dt.date
    occurrence: int = 0  # for a recurring checklist: 1, 2, ... (0 when it is run once)
    of: int = 0  # how many times it recurs in this run


@dataclass(frozen=True)
class Run:
    ident: str
    kind: str  # "checklist" or "stage"
    title: str
    start: dt.date
    end: dt.date
    name: str  # what the run is for ("Acme & Example Co"); may be empty
    steps: list[Step]
    rule: str  # the dating rule, in words, for the output's readers


def stage_days(stage: Stage) -> int:
    m = _DURATION.search(stage.typical_duration or "")
    if not m:
        return DEFAULT_STAGE_DAYS
    return int(m.group(2) or m.group(1)) * _UNIT_DAYS[m.group(3).lower()]


def plan(content: Content, ident: str, start: dt.date, name: str = "") -> Run:
    """Date every checklist of a run (see the module docstring for the rule)."""
    if ident in content.checklists:
        cl = content.checklists[ident]
        return Run(ident, "checklist", cl.title, start, start, name, [Step(cl, start)],
                   _("every item is due on the start date"))
    if ident in content.stages:
        stage = content.stages[ident]
        checklists, days = stage_checklists(content, stage), stage_days(stage)
        if not checklists:
            raise ProjectError(f"stage '{ident}' has no checklists to run")
        end = start + dt.timedelta(days=days)
        even = [cl for cl in checklists if cl.schedule is None]
        n = len(even)
        steps = [Step(cl, start + dt.timedelta(days=round(days * k / n))) for k, cl in enumerate(even, 1)]
        for cl in checklists:
            if cl.schedule is not None:
                dates = scheduled(cl.schedule, start, end)
                steps += [Step(cl, due, k if len(dates) > 1 else 0, len(dates) if len(dates) > 1 else 0)
                          for k, due in enumerate(dates, 1)]
        position = {cl.id: k for k, cl in enumerate(checklists)}
        steps.sort(key=lambda st: (st.due, position[st.checklist.id], st.occurrence))
        source = _("its typical duration") if stage.typical_duration and _DURATION.search(stage.typical_duration) \
            else _("the default when no typical duration is given")
        rule = _("the stage takes %(days)s days (%(source)s)") % {"days": days, "source": source}
        if len(even) < len(checklists):
            rule += _("; checklists with a schedule are due as it says (days from the stage's start or before its "
                      "end, repeated until its end)")
            if even:
                rule += ngettext("; its %(n)s other checklist is due at the stage's end",
                                 "; its %(n)s other checklists are spread evenly over them, the last due at the stage's end",
                                 n) % {"n": n}
        else:
            rule += ngettext("; its %(n)s checklist is due at the stage's end",
                             "; its %(n)s checklists are spread evenly over them, the last due at the stage's end", n) % {"n": n}
        return Run(ident, "stage", stage.title, start, end, name, steps, rule)
    known = [*content.checklists, *content.stages]
    hint = difflib.get_close_matches(ident, known, n=1)
    raise ProjectError(f"no checklist or stage '{ident}'" + (f" (did you mean '{hint[0]}'?)" if hint else ""))


def scheduled(schedule: Schedule, start: dt.date, end: dt.date) -> list[dt.date]:
    """The due dates a checklist's schedule gives inside a stage running from `start` to `end`."""
    every = span_days(schedule.every) if schedule.every else 0
    if schedule.after_start:
        first = start + dt.timedelta(days=span_days(schedule.after_start))
    elif schedule.before_end:
        first = end - dt.timedelta(days=span_days(schedule.before_end))
    else:
        first = start + dt.timedelta(days=every)
    first = min(max(first, start), end)
    dates = [first]
    while every and dates[-1] + dt.timedelta(days=every) <= end:
        dates.append(dates[-1] + dt.timedelta(days=every))
    return dates


def rows(content: Content, run: Run) -> list[dict[str, str]]:
    out = []
    for step in run.steps:
        cl = step.checklist
        for n, item in enumerate(cl.items, 1):
            role = item_owner(cl, item)
            out.append({"checklist_id": cl.id, "checklist_title": cl.title, "pause_point": cl.pause_point or "",
                        "mode": cl.mode.value if cl.mode else "", "item": str(n), "text": item.text, "owner_role": role,
                        "assignee": content.roles[role].title if role in content.roles else _("unassigned"),
                        "due": step.due.isoformat(), "status": _("open")})
    return out


def outputs(content: Content, project: Path, run: Run, lang: str | None = None) -> dict[str, bytes]:
    """The run as Markdown (template `run.md`, overridable) and CSV, in memory, by file name; a run in another
    of the playbook's languages (`run --lang nl`) is named for it, beside the original's (`kick-off-2026-03-02.nl.md`)."""
    name = f"{run.ident}-{run.start.isoformat()}"
    if lang and lang != content.playbook.language:
        name += f".{lang}"
    table = rows(content, run)
    markdown = render(make_env(project), "run.md", run=run, rows=table, playbook=content.playbook,
                      page_path="run.md", resolve=lambda kind, ident: ("", ""))
    return {f"{name}.md": tidy(markdown).encode("utf-8"), f"{name}.csv": to_csv(table, COLUMNS).encode("utf-8")}
