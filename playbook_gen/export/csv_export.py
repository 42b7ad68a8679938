"""Checklists as CSV, one row per item, for import into task trackers and spreadsheets.

Every CSV playbook-gen writes goes through `to_csv`, which neutralises formulas: a spreadsheet may read a cell
starting with `=`, `+`, `-`, `@`, a tab or a carriage return as a formula, so such a cell gets a leading `'`
(OWASP's rule against CSV injection) and opens as text.
"""

from __future__ import annotations

import csv
import io

from ..i18n import N_, _
from ..model import Checklist, Content

# What a spreadsheet may take for the start of a formula (OWASP, "CSV Injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
COLUMNS = ["checklist_id", "checklist_title", "stage", "pause_point", "mode", "item", "text", "owner_role"]
# The header row in the active language (English keeps the column ids importers already know).
HEADERS = {"checklist_id": N_("checklist_id"), "checklist_title": N_("checklist_title"), "stage": N_("stage"),
           "pause_point": N_("pause_point"), "mode": N_("mode"), "item": N_("item"), "text": N_("text"),
           "owner_role": N_("owner_role"), "assignee": N_("assignee"), "due": N_("due"), "status": N_("status")}


def item_owner(checklist: Checklist, item) -> str:
    """Who does an item: its own owner, else the role that runs the checklist ('' if neither is named)."""
    return item.owner or checklist.owner or ""


def checklist_rows(content: Content) -> list[dict[str, str]]:
    """Every checklist item in lifecycle order, numbered from 1 within its checklist."""
    return [{"checklist_id": cl.id, "checklist_title": cl.title, "stage": cl.stage, "pause_point": cl.pause_point or "",
             "mode": cl.mode.value if cl.mode else "", "item": str(n), "text": item.text, "owner_role": item_owner(cl, item)}
            for cl in content.ordered("checklists") for n, item in enumerate(cl.items, 1)]


def inert(value: str) -> str:
    """The cell as text a spreadsheet will not evaluate: `'` before anything that could start a formula."""
    return f"'{value}" if value.startswith(FORMULA_START) else value


def to_csv(rows: list[dict[str, str]], columns: list[str]) -> str:
    """RFC 4180 CSV with a header row (CRLF line ends, quoted where needed), formulas neutralised."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([inert(_(HEADERS[c])) if c in HEADERS else c for c in columns])
    writer.writerows([inert(row.get(c, "")) for c in columns] for row in rows)
    return out.getvalue()


def checklists_csv(content: Content) -> str:
    return to_csv(checklist_rows(content), COLUMNS)
