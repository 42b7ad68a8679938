"""The toolkit: the `template` kind, its checks, pages, editable DOCX and XLSX files, audience filtering, `new`."""

from __future__ import annotations

import io
import json
import os
import shutil
import zipfile
from pathlib import Path

import pytest

from playbook_gen import pipeline
from playbook_gen.derive.audience import for_audience
from playbook_gen.errors import ContentError
from playbook_gen.export.docx_export import GUIDANCE_STYLE, make_docx
from playbook_gen.export.json_export import to_data
from playbook_gen.export.toolkit import template_spec, toolkit_jobs
from playbook_gen.export.xlsx_export import make_xlsx, row_formula
from playbook_gen.render.pages import render_site

from .conftest import FIXTURES, ROOT, require_tool, run_cli, write

GOLDEN = Path(__file__).resolve().parent / "golden" / "toolkit"
EPOCH = 1790000000

NOTE = """\
id: rationale-note
title: Rationale note
summary: The case for an alliance, on one page.
purpose: Records why an [alliance](term:alliance) is the route.
deliverables: [alliance-rationale]
owner_role: executive-sponsor
instructions: Fill it in before the strategy gate.
sections:
  - heading: The goal
    guidance: |
      The company goal the alliance serves.

      - one goal
      - not three
    fields:
      - {label: Goal, hint: As the strategy names it.}
      - {label: "=HYPERLINK(\\"http://x\\")"}
  - heading: Why not build or buy
sources: [simoons]
"""

LOG = """\
id: misfit-log
title: Misfit log
audiences: [executives]
summary: Differences found, sorted.
purpose: Keeps showstoppers in sight.
deliverables: [fit-findings]
owner_role: alliance-manager
columns:
  - {id: misfit, name: "=Difference", guidance: What differs.}
  - {id: kind, name: Kind, type: choice, values: [Manageable, Showstopper]}
  - {id: likelihood, name: Likelihood, type: number}
  - {id: impact, name: Impact, type: number}
  - {id: priority, name: Priority, type: formula, formula: "{likelihood} * {impact}"}
  - {id: due, name: Due, type: date}
rows: 5
"""


def toolkit_project(dest: Path) -> Path:
    """The mini playbook with a document template and a register template, each named by a stage deliverable."""
    shutil.copytree(FIXTURES / "mini", dest, ignore=shutil.ignore_patterns("site", "build"))
    strategy = dest / "content/stages/strategy.yml"
    strategy.write_text(strategy.read_text().replace(
        "  - title: Alliance rationale", "  - id: alliance-rationale\n    template: rationale-note\n    title: Alliance rationale"))
    analysis = dest / "content/stages/partner-analysis.yml"
    analysis.write_text(analysis.read_text().replace(
        "gate:\n", "deliverables:\n  - id: fit-findings\n    title: Fit findings\n    template: misfit-log\ngate:\n", 1))
    write(dest, "content/templates/rationale-note.yml", NOTE)
    write(dest, "content/templates/misfit-log.yml", LOG)
    return dest


@pytest.fixture
def project(tmp_path) -> Path:
    return toolkit_project(tmp_path / "tk")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The toolkit project's content, rendered pages and export bytes, made once for the module."""
    root = toolkit_project(tmp_path_factory.mktemp("toolkit") / "tk")
    content = pipeline.check(root).loaded.content
    os.environ["SOURCE_DATE_EPOCH"] = str(EPOCH)
    try:
        jobs = {job.path: job for job in toolkit_jobs(content, root, None, None)}
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    files = {path: job.func(*job.args) for path, job in jobs.items()}
    return root, content, render_site(content, root).files, jobs, files


# --- model and checks ---------------------------------------------------------------------------------


def change(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


@pytest.mark.parametrize(("rel", "old", "new", "messages"), [
    ("content/stages/strategy.yml", "template: rationale-note", "template: rationale-nte",
     ["content/stages/strategy.yml:17:15: unknown template 'rationale-nte' (did you mean 'rationale-note'?)",
      "content/templates/rationale-note.yml:1:5: template 'rationale-note' is not used by any stage; "
      "name it in a deliverable's `template`",
      "content/templates/rationale-note.yml:5:16: deliverable 'alliance-rationale' (stage 'strategy') names template "
      "'rationale-nte'; set its `template: rationale-note` or remove it here"]),
    ("content/stages/partner-analysis.yml", "    template: misfit-log\n", "",
     ["content/templates/misfit-log.yml:1:5: template 'misfit-log' is not used by any stage; "
      "name it in a deliverable's `template`",
      "content/templates/misfit-log.yml:6:16: deliverable 'fit-findings' (stage 'partner-analysis') names no template; "
      "set its `template: misfit-log` or remove it here"]),
    ("content/templates/misfit-log.yml", "type: number}", "type: percent}",
     ["content/templates/misfit-log.yml:11:46: 'columns[2].type' must be one of 'text', 'number', 'date', 'choice' or "
      "'formula', got 'percent'"]),
    ("content/templates/misfit-log.yml", "{likelihood} * {impact}", "{likelihood} * {impct}",
     ["content/templates/misfit-log.yml:13:60: formula names unknown column 'impct' "
      "(this template's columns: misfit, kind, likelihood, impact, priority, due)"]),
    ("content/templates/misfit-log.yml", "{likelihood} * {impact}", "WEBSERVICE({impact})",
     ["content/templates/misfit-log.yml:13:60: the formula uses WEBSERVICE(); only ABS, AND, AVERAGE, IF, MAX, MIN, "
      "NOT, OR, ROUND, SUM are allowed"]),
    ("content/templates/misfit-log.yml", "{likelihood} * {impact}", "{impact}!A1",
     ["content/templates/misfit-log.yml:13:60: cannot read the formula at '!A1'; use column references like {impact}, "
      "numbers, \"text\", + - * / ^ & = < > and ABS, AND, AVERAGE, IF, MAX, MIN, NOT, OR, ROUND, SUM"]),
    ("content/templates/misfit-log.yml", "type: choice, values: [Manageable, Showstopper]", "type: choice",
     ["content/templates/misfit-log.yml:10:5: column 'kind' is a choice; list its allowed `values`"]),
    ("content/templates/rationale-note.yml", "sources: [simoons]", "sources: [simoons]\ncolumns: [{id: a, name: A}]",
     ["content/templates/rationale-note.yml:9:3: a template has either `sections` (a document) or `columns` "
      "(a register), not both and not neither"]),
])
def test_template_validation_errors(project, rel, old, new, messages):
    change(project, rel, old, new)
    with pytest.raises(ContentError) as exc:
        pipeline.check(project)
    assert sorted(str(i) for i in exc.value.issues) == sorted(messages)


def test_the_default_toolkit_is_valid_and_every_template_is_used():
    content = pipeline.check(ROOT).loaded.content
    ids = {"partner-profile", "misfit-register", "needs-and-contributions-matrix", "gate-pack", "governance-charter",
           "joint-business-plan", "health-check-survey", "communication-plan", "exit-plan"}
    assert ids <= set(content.templates)
    named = {d.template for s in content.stages.values() for d in s.deliverables if d.template}
    assert named == set(content.templates)
    assert all(t.sources for t in content.templates.values())


# --- pages --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("page", ["toolkit/index.md", "toolkit/rationale-note.md", "toolkit/misfit-log.md"])
def test_golden_toolkit_pages(built, page):
    actual = built[2][page].decode("utf-8")
    golden = GOLDEN / page
    if os.environ.get("UPDATE_GOLDENS"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert golden.is_file(), f"no golden file for {page}; run with UPDATE_GOLDENS=1"
    assert actual == golden.read_text(encoding="utf-8")


def test_stage_pages_link_their_deliverables_templates(built):
    stage = built[2]["lifecycle/strategy.md"].decode()
    assert "**Alliance rationale** · Template: [Rationale note](../toolkit/rationale-note.md)" in stage


def test_toolkit_is_in_the_menu_and_the_json_export(built):
    root, content, *_ = built
    nav = pipeline.generate(root, pipeline.check(root), Path("site")).config["nav"]
    toolkit = next(entry["Toolkit"] for entry in nav if "Toolkit" in entry)
    assert toolkit == ["toolkit/index.md", {"Misfit log": "toolkit/misfit-log.md"},
                       {"Rationale note": "toolkit/rationale-note.md"}]
    data = to_data(content)
    assert [t["id"] for t in data["templates"]] == ["misfit-log", "rationale-note"]
    assert data["templates"][0]["columns"][4]["formula"] == "{likelihood} * {impact}"
    assert [t["download"] for t in data["templates"]] == ["toolkit/downloads/misfit-log.xlsx",
                                                          "toolkit/downloads/rationale-note.docx"]
    assert "download" not in to_data(content, packages=False)["templates"][0]  # a build without exports


# --- DOCX and XLSX ------------------------------------------------------------------------------------


def test_docx_has_headings_a_guidance_style_field_tables_and_the_footer(built):
    from docx import Document

    doc = Document(io.BytesIO(built[4]["toolkit/downloads/rationale-note.docx"]))
    paras = [(p.style.name, p.text) for p in doc.paragraphs if p.text]
    assert paras[0] == ("Title", "Rationale note")
    assert [t for s, t in paras if s == "Heading 1"] == ["The goal", "Why not build or buy"]
    guidance = [t for s, t in paras if s == GUIDANCE_STYLE]
    assert guidance[1:] == ["Records why an alliance is the route.", "Fill it in before the strategy gate.",
                            "The company goal the alliance serves.", "• one goal", "• not three"]
    assert doc.styles[GUIDANCE_STYLE].font.italic is True
    facts, fields = doc.tables
    assert [[c.text for c in row.cells] for row in facts.rows] == [
        ["Owner", "Executive sponsor"], ["Stage", "Strategy and readiness"], ["Serves", "Alliance rationale"]]
    assert [[c.text for c in row.cells] for row in fields.rows] == [
        ["Goal", "As the strategy names it."], ['=HYPERLINK("http://x")', ""]]
    assert fields.rows[0].cells[1].paragraphs[0].style.name == GUIDANCE_STYLE
    assert doc.sections[0].footer.paragraphs[0].text == "Mini Alliance Playbook · 0.9"
    assert doc.core_properties.title == "Rationale note"


def test_xlsx_has_headers_lists_frozen_header_formulas_and_print_setup(built):
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(built[4]["toolkit/downloads/misfit-log.xlsx"]))
    assert wb.sheetnames == ["Misfit log", "Instructions", "Lists"]
    ws = wb["Misfit log"]
    assert [c.value for c in ws[1]] == ["=Difference", "Kind", "Likelihood", "Impact", "Priority", "Due"]
    assert ws["A1"].data_type == "s"  # a header is text, whatever it starts with
    assert ws.freeze_panes == "A2"
    assert ws.print_title_rows == "$1:$1"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.oddFooter.left.text == "Mini Alliance Playbook · 0.9"
    validations = {str(dv.sqref): (dv.type, dv.formula1) for dv in ws.data_validations.dataValidation}
    assert validations == {"B2:B6": ("list", "'Lists'!$A$2:$A$3"), "C2:C6": ("decimal", "-1E+300"),
                           "D2:D6": ("decimal", "-1E+300"), "F2:F6": ("date", "1")}
    assert [c.value for c in wb["Lists"]["A"]] == ["Kind", "Manageable", "Showstopper"]
    assert [ws[f"E{r}"].value for r in (2, 6)] == ['=IF(OR(C2="",D2=""),"",C2*D2)', '=IF(OR(C6="",D6=""),"",C6*D6)']
    assert ws["F2"].number_format == "yyyy-mm-dd"
    notes = wb["Instructions"]
    assert ("=Difference", "What differs.") in [(a.value, b.value) for a, b in notes.iter_rows(max_col=2)]


def test_row_formulas_keep_functions_text_and_numbers():
    letters = {"a": "A", "b": "B"}
    assert row_formula('IF({a} > 2.5, "high", MIN({a}, {b}))', letters, 7) == \
        '=IF(OR(A7="",B7=""),"",IF(A7>2.5,"high",MIN(A7,B7)))'
    assert row_formula("1 + 2", letters, 3) == "=1+2"


def test_formulas_compute_in_libreoffice(built, tmp_path):
    """The register's formulas as a spreadsheet computes them: a value once the row is filled in, blank before."""
    import csv
    import subprocess

    from openpyxl import load_workbook

    soffice = require_tool("soffice")
    wb = load_workbook(io.BytesIO(built[4]["toolkit/downloads/misfit-log.xlsx"]))
    ws = wb.worksheets[0]
    ws["C2"], ws["D2"], ws["C3"] = 3, 4, 5
    wb.save(tmp_path / "filled.xlsx")
    subprocess.run([soffice, "--headless", f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}",
                    "--convert-to", "csv", "--outdir", str(tmp_path), str(tmp_path / "filled.xlsx")],
                   check=True, capture_output=True, timeout=180)
    rows = list(csv.reader((tmp_path / "filled.csv").open(encoding="utf-8")))
    assert [row[4] for row in rows[:4]] == ["Priority", "12", "", ""]


def test_office_files_are_byte_identical_and_dated_from_source_date_epoch(built):
    from docx import Document
    from openpyxl import load_workbook

    _root, content, _pages, jobs, files = built
    for path, job in jobs.items():
        assert job.func(*job.args) == files[path], path
        with zipfile.ZipFile(io.BytesIO(files[path])) as z:
            assert {i.date_time for i in z.infolist()} == {(2026, 9, 21, 14, 13, 20)}, path
    doc = Document(io.BytesIO(files["toolkit/downloads/rationale-note.docx"]))
    wb = load_workbook(io.BytesIO(files["toolkit/downloads/misfit-log.xlsx"]))
    for when in (doc.core_properties.created, doc.core_properties.modified, wb.properties.created, wb.properties.modified):
        assert when.replace(tzinfo=None).isoformat() == "2026-09-21T14:13:20"
    # The job key follows what the file shows: another footer is another file.
    spec = json.loads(jobs["toolkit/downloads/rationale-note.docx"].args[0])
    assert spec == template_spec(content, content.templates["rationale-note"])
    spec["footer"] = "Other"
    assert make_docx(json.dumps(spec), EPOCH) != files["toolkit/downloads/rationale-note.docx"]
    register = json.loads(jobs["toolkit/downloads/misfit-log.xlsx"].args[0])
    assert make_xlsx(json.dumps(register), EPOCH + 60) != files["toolkit/downloads/misfit-log.xlsx"]


@pytest.mark.slow
def test_downloads_are_cached_and_an_edit_regenerates_only_its_template(project, monkeypatch):
    """The toolkit's files go through the build's export cache like the PDFs: a rebuild makes none of them, an edit
    to one template makes only that template's file, and the built site carries every download."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))  # else the documents' date follows the newest content file
    downloads = ["toolkit/downloads/misfit-log.xlsx", "toolkit/downloads/rationale-note.docx"]

    def made(result):
        return sorted(p for p in result.exports_generated if p.startswith("toolkit/"))

    site = project / "site"
    assert made(pipeline.build(project)) == downloads
    first = {rel: (site / rel).read_bytes() for rel in downloads}
    # force: a build with nothing changed would return before it looks at the export cache (publish/current.py)
    again = pipeline.build(project, force=True)
    assert made(again) == [] and again.exports_generated == []
    assert {rel: (site / rel).read_bytes() for rel in downloads} == first  # served from the cache, same bytes

    change(project, "content/templates/misfit-log.yml", "guidance: What differs.", "guidance: What differs and why.")
    assert pipeline.build(project).exports_generated == ["toolkit/downloads/misfit-log.xlsx"]
    assert (site / downloads[1]).read_bytes() == first[downloads[1]]
    assert (site / downloads[0]).read_bytes() != first[downloads[0]]
    for rel in downloads:
        with zipfile.ZipFile(site / rel) as z:  # a whole Office file, not a stub
            assert z.testzip() is None and "[Content_Types].xml" in z.namelist(), rel


# --- audiences, new -----------------------------------------------------------------------------------


def test_audience_filtering_hides_templates_like_any_kind(built):
    content = built[1]
    staff = for_audience(content, "all-staff")
    assert set(staff.templates) == {"rationale-note"}  # misfit-log is for executives only
    deliverable = next(d for d in staff.stages["partner-analysis"].deliverables if d.id == "fit-findings")
    assert deliverable.template is None  # the reference to the hidden template is pruned
    assert "misfit-log" not in json.dumps(to_data(staff))
    assert "toolkit/misfit-log.md" not in render_site(staff, built[0]).files
    assert set(for_audience(content, "executives").templates) == {"rationale-note", "misfit-log"}


def test_a_template_of_a_hidden_stage_is_hidden(project):
    change(project, "content/stages/partner-analysis.yml", "order: 2\n", "order: 2\naudiences: [executives]\n")
    content = pipeline.check(project).loaded.content
    change(project, "content/templates/misfit-log.yml", "audiences: [executives]\n", "")
    content = pipeline.check(project).loaded.content
    assert "misfit-log" not in for_audience(content, "all-staff").templates


def test_new_template_starts_a_document_for_a_free_deliverable(project):
    change(project, "content/stages/launch.yml", "activities:", "deliverables:\n  - {id: kick-off-record, title: Kick-off record}\nactivities:")
    made = run_cli("new", "template", "kick-off-notes", cwd=project)
    assert made.returncode == 0, made.stderr
    path = project / "content/templates/kick-off-notes.yml"
    text = path.read_text()
    assert text.split("\n", 1)[0] == "# yaml-language-server: $schema=../../schemas/template.schema.json"
    assert "deliverables: [kick-off-record]" in text  # the first deliverable without a template
    # Until the deliverable names it, check says what to do; then the starter file is valid.
    with pytest.raises(ContentError) as exc:
        pipeline.check(project)
    assert [i.message for i in exc.value.issues] == [
        "template 'kick-off-notes' is not used by any stage; name it in a deliverable's `template`",
        "deliverable 'kick-off-record' (stage 'launch') names no template; set its `template: kick-off-notes` or remove it here"]
    change(project, "content/stages/launch.yml", "title: Kick-off record}", "title: Kick-off record, template: kick-off-notes}")
    assert pipeline.check(project, strict=True).loaded.content.templates["kick-off-notes"].is_document
    taken = run_cli("new", "template", "another", cwd=project)
    assert (taken.returncode, taken.stderr) == (
        1, "error: every deliverable with an `id` has a template already; add a deliverable with an `id` to a stage "
           "first; a template names the deliverable it serves\n")
