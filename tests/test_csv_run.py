"""CSV export of checklist items, and dated checklist runs for one alliance."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from playbook_gen.export.csv_export import COLUMNS
from playbook_gen.model import Stage
from playbook_gen.pipeline import check
from playbook_gen.export.runs import stage_days

from .conftest import ROOT, run_cli, write


def read_csv(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_export_round_trips_every_item():
    result = run_cli("export", "--format", "csv", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == ",".join(COLUMNS)
    rows = read_csv(result.stdout)
    content = check(ROOT).loaded.content
    assert len(rows) == sum(len(c.items) for c in content.checklists.values())
    for cl in content.checklists.values():
        mine = [r for r in rows if r["checklist_id"] == cl.id]
        assert [r["text"] for r in mine] == [i.text for i in cl.items]
        assert [r["item"] for r in mine] == [str(n) for n in range(1, len(cl.items) + 1)]
        assert {(r["checklist_title"], r["stage"], r["pause_point"], r["mode"]) for r in mine} == {
            (cl.title, cl.stage, cl.pause_point, cl.mode.value)}
        assert [r["owner_role"] for r in mine] == [i.owner or cl.owner for i in cl.items]


def test_csv_quotes_commas_quotes_and_newlines(mini):
    write(mini, "content/checklists/tricky.yml", """id: tricky
title: 'Tricky, "quoted" list'
stage: launch
owner: alliance-manager
pause_point: At kick-off, before anyone signs
mode: READ-DO
items:
  - text: 'Budget, scope and "success" are written down.'
    owner: alliance-manager
""")
    rows = read_csv(run_cli("export", "--format", "csv", cwd=mini).stdout)
    row = next(r for r in rows if r["checklist_id"] == "tricky")
    assert row["checklist_title"] == 'Tricky, "quoted" list'
    assert row["text"] == 'Budget, scope and "success" are written down.'
    assert row["pause_point"] == "At kick-off, before anyone signs"


@pytest.mark.parametrize(("text", "days"), [("3–8 weeks for a full assessment; 1–3 weeks otherwise", 56),
                                            ("2 to 4 weeks", 28), ("10 days", 10), ("about 2 months", 60),
                                            ("until the partner agrees", 28), (None, 28)])
def test_stage_duration_rule(text, days):
    stage = Stage.model_construct(typical_duration=text)
    assert stage_days(stage) == days


def test_stage_run_dates_every_item(mini, tmp_path):
    out = tmp_path / "runs"
    result = run_cli("run", "strategy", "--start", "2026-03-02", "--alliance", "Acme & Example Co",
                     "--out", str(out), cwd=mini)
    assert result.returncode == 0, result.stderr
    content = check(mini).loaded.content
    # 'strategy' lasts "2 to 4 weeks" = 28 days; it lists partner-fit, then its own rationale checklist.
    expected = {"partner-fit": dt.date(2026, 3, 16), "rationale": dt.date(2026, 3, 30)}
    rows = read_csv((out / "strategy-2026-03-02.csv").read_text())
    assert [(r["checklist_id"], r["text"]) for r in rows] == [
        (cid, i.text) for cid in expected for i in content.checklists[cid].items]
    for r in rows:
        assert r["due"] == expected[r["checklist_id"]].isoformat()
        assert r["status"] == "open"
        assert r["assignee"] == content.roles[r["owner_role"]].title
    markdown = (out / "strategy-2026-03-02.md").read_text()
    assert markdown.split("\n")[0] == "# Strategy and readiness: Acme &amp; Example Co"  # content is text, never markup
    assert "## 1. Partner fit review · due 2026-03-16" in markdown
    assert "| End | 2026-03-30 |" in markdown
    for r in rows:
        assert f"| {r['item']} | " in markdown and f" | {r['due']} | open |" in markdown
    assert markdown.count(" | open |") == len(rows)


def test_checklist_run_is_due_on_the_start_date(tmp_path):
    out = tmp_path / "runs"
    result = run_cli("run", "exit-check", "--start", "2026-05-04", "--out", str(out), cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [f"wrote {out}/exit-check-2026-05-04.md", f"wrote {out}/exit-check-2026-05-04.csv"]
    rows = read_csv((out / "exit-check-2026-05-04.csv").read_text())
    items = check(ROOT).loaded.content.checklists["exit-check"].items
    assert [r["text"] for r in rows] == [i.text for i in items]
    assert {r["due"] for r in rows} == {"2026-05-04"}


def test_run_of_unknown_target(mini):
    result = run_cli("run", "stratgy", "--start", "2026-03-02", cwd=mini)
    assert (result.returncode, result.stderr) == (1, "error: no checklist or stage 'stratgy' (did you mean 'strategy'?)\n")
    assert run_cli("run", "strategy", "--start", "March", cwd=mini).returncode == 2
