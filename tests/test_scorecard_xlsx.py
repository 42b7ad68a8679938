"""The spreadsheet scorecard (export/scorecard_xlsx.py): filled in with openpyxl for several input sets,
recalculated by LibreOffice (headless, all sets in one run), its computed cells compared with scoring.py; its
structure (validation, frozen header, print set-up), byte-reproducibility, and its links on the page and in the
JSON export."""

from __future__ import annotations

import io
import json
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest

from playbook_gen.export.scorecard_xlsx import layout, make_scorecard, scorecard_xlsx, spec_for
from playbook_gen.load.loader import load
from playbook_gen.model import scoring
from playbook_gen.render.labels import label

from .conftest import ROOT, require_tool

EPOCH = 1790000000
NA = scoring.NOT_ASSESSED
CULTURAL = {"values-ethics", "pace-formality", "transparency", "trust-record"}
COMMITMENT = {"sponsors", "resources-committed", "collaboration-skills"}
OPERATIONAL = {"decision-making", "processes-systems", "alliance-experience", "resources-skills"}
OUTSIDE_IN = {"transparency", "trust-record", "sponsors", "collaboration-skills"}

# name -> (score per criterion id, yes answers); NA is a blank cell.
CASES = {
    "all assessed, mixed": (lambda c: [1, 2, 3, 4, 2][sum(map(ord, c)) % 5], False),
    "some not assessed": (lambda c: NA if c in OUTSIDE_IN else [2, 3, 4][len(c) % 3], False),
    "a whole dimension not assessed": (lambda c: NA if c in COMMITMENT else 3, False),
    "nothing assessed": (lambda c: NA, False),
    "showstopper criterion at the bottom": (lambda c: 0 if c == "shared-goals" else 4, False),
    "showstopper question answered yes": (lambda c: 4, True),
    "not assessed next to a showstopper": (lambda c: NA if c == "transparency" else (0 if c == "values-ethics" else 4), False),
    "a dimension below the floor caps a go": (lambda c: 1 if c in CULTURAL else 4, False),
    "exactly on the go band": (lambda c: 2 if c in OPERATIONAL else 3, False),  # 70.0
    "exactly on the conditional band": (lambda c: 2, False),  # 50.0
    "just under the conditional band": (lambda c: 1 if c == "complementary-contributions" else 2, False),
    "thirds": (lambda c: 1 if c == "sponsors" else (2 if c in COMMITMENT else 3), False),
}


@pytest.fixture(scope="module")
def assessment():
    return load(ROOT).content.assessments["partner-fit"]


@pytest.fixture(scope="module")
def playbook():
    return load(ROOT).content.playbook


@pytest.fixture(scope="module")
def spec(assessment, playbook) -> dict:
    return spec_for(assessment, playbook)


@pytest.fixture(scope="module")
def workbook(spec) -> bytes:
    return make_scorecard(json.dumps(spec, sort_keys=True), EPOCH)


def inputs(assessment, case):
    pick, yes = CASES[case]
    scores = {c.id: pick(c.id) for d in assessment.dimensions for c in d.criteria}
    answers = {q.id: yes and i == 0 for i, q in enumerate(assessment.showstoppers)}
    return scores, answers


# The small test playbook's scorecard does not offer "not assessed": there a blank is a criterion not scored yet.
MINI_CASES = {
    "mini all scored": (lambda c: 2 if c != "values" else 1, False),
    "mini showstopper at the bottom": (lambda c: 0 if c == "shared-goals" else 2, False),
    "mini one not scored": (lambda c: None if c == "values" else 2, False),
}


@pytest.fixture(scope="module")
def mini_assessment():
    return load(ROOT / "tests" / "fixtures" / "mini").content


@pytest.fixture(scope="module")
def recalculated(tmp_path_factory, assessment, spec, workbook, mini_assessment) -> dict[str, openpyxl.Workbook]:
    """Every input set typed into a copy of its workbook, then one LibreOffice run recalculates them all."""
    soffice = require_tool("soffice")
    folder = tmp_path_factory.mktemp("scorecard-xlsx")
    mini = mini_assessment.assessments["partner-fit"]
    mini_spec = spec_for(mini, mini_assessment.playbook)
    books = {id(spec): workbook, id(mini_spec): make_scorecard(json.dumps(mini_spec, sort_keys=True), EPOCH)}
    sets = [(case, assessment, spec, CASES[case]) for case in CASES]
    sets += [(case, mini, mini_spec, MINI_CASES[case]) for case in MINI_CASES]
    files = []
    for n, (case, a, sp, (pick, yes)) in enumerate(sets):
        at, words = layout(sp), sp["words"]
        wb = openpyxl.load_workbook(io.BytesIO(books[id(sp)]))
        ws = wb.active
        for cid in (c.id for d in a.dimensions for c in d.criteria):
            value = pick(cid)
            ws[at.scores[cid]] = None if value in (NA, None) else value
        for i, q in enumerate(a.showstoppers):
            ws[at.answers[q.id]] = words["yes"] if yes and i == 0 else words["no"]
        ws[at.fields["partner"]] = f"Candidate {n}"
        path = folder / f"case{n}.xlsx"
        wb.save(path)
        files.append(path)
    out = folder / "out"
    subprocess.run([soffice, "--headless", f"-env:UserInstallation={(folder / 'lo-profile').as_uri()}",
                    "--convert-to", "xlsx", "--outdir", str(out), *map(str, files)],
                   check=True, capture_output=True, timeout=300)
    return {case: openpyxl.load_workbook(out / f"case{n}.xlsx", data_only=True) for n, (case, *_x) in enumerate(sets)}


def test_the_cases_reach_every_rule(assessment):
    results = {case: scoring.score(assessment, *inputs(assessment, case)) for case in CASES}
    assert {r.outcome.value for r in results.values() if r.outcome} == {"go", "go-with-conditions", "no-go"}
    assert results["nothing assessed"].total is None
    assert results["exactly on the go band"].total == 70 and results["exactly on the go band"].outcome.value == "go"
    assert results["exactly on the conditional band"].total == 50
    under = results["just under the conditional band"]
    assert under.total < 50 and under.outcome.value == "no-go" and not under.showstoppers
    capped = results["a dimension below the floor caps a go"]
    assert capped.band.outcome.value == "go" and capped.outcome.value == "go-with-conditions"
    assert any(d.insufficient and d.percent is not None for r in results.values() for d in r.dimensions)
    assert results["not assessed next to a showstopper"].showstoppers == ["values-ethics"]


@pytest.mark.parametrize("case", CASES)
def test_libreoffice_computes_what_scoring_py_computes(recalculated, assessment, spec, case):
    expected = scoring.score(assessment, *inputs(assessment, case))
    ws = recalculated[case].active
    at, words = layout(spec), spec["words"]
    yes_no = {True: words["yes"], False: words["no"]}

    def number(ref):
        value = ws[ref].value
        return None if value in (None, "") else value

    for d in expected.dimensions:
        r = at.dimensions[d.id]
        assert ws[f"D{r}"].value == d.assessed and ws[f"E{r}"].value == d.not_assessed, d.id
        assert ws[f"F{r}"].value == d.points and ws[f"G{r}"].value == d.max_points, d.id
        assert number(f"H{r}") == (None if d.percent is None else pytest.approx(d.percent, abs=1e-9)), d.id
        assert number(f"I{r}") == (None if d.weighted is None else pytest.approx(d.weighted, abs=1e-9)), d.id
        assert ws[f"J{r}"].value == yes_no[d.insufficient], d.id
        assert ws[f"K{r}"].value == yes_no[d.id in expected.below_floor], d.id
    o = at.overall
    assert number(o["total"]) == (None if expected.total is None else pytest.approx(expected.total, abs=1e-9))
    assert ws[o["gaps"]].value == len(expected.gaps)
    assert ws[o["provisional"]].value == yes_no[expected.provisional]
    assert ws[o["showstoppers"]].value == len(expected.showstoppers)
    assert ws[o["below_floor"]].value == len(expected.below_floor)
    assert number(o["band"]) == (expected.band.label if expected.band else None)
    assert number(o["outcome"]) == (label(expected.outcome) if expected.outcome else None)  # "Stop", not "no-go"


def test_without_not_assessed_a_blank_leaves_the_result_open(recalculated, mini_assessment):
    mini = mini_assessment.assessments["partner-fit"]
    at = layout(spec_for(mini, mini_assessment.playbook))
    for case in ("mini all scored", "mini showstopper at the bottom"):
        pick, _yes = MINI_CASES[case]
        expected = scoring.score(mini, {c.id: pick(c.id) for d in mini.dimensions for c in d.criteria},
                                 {q.id: False for q in mini.showstoppers})
        ws = recalculated[case].active
        assert ws[at.overall["total"]].value == pytest.approx(expected.total, abs=1e-9), case
        assert ws[at.overall["outcome"]].value == label(expected.outcome), case
        assert ws[at.overall["showstoppers"]].value == len(expected.showstoppers), case
    ws = recalculated["mini one not scored"].active
    assert ws[at.overall["gaps"]].value == 1 and ws[at.overall["total"]].value in (None, "")
    assert ws[at.overall["outcome"]].value in (None, "") and ws[f"A{at.overall['gaps'][1:]}"].value == "Not scored"


def test_structure_validation_frozen_header_and_print_setup(workbook, spec, assessment):
    ws = openpyxl.load_workbook(io.BytesIO(workbook)).active
    at = layout(spec)
    assert ws.freeze_panes == "A6" and ws["D5"].value == "Score"
    rules = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    score_rule = next(dv for dv in rules.values() if dv.formula1 == '"0,1,2,3,4"')
    assert score_rule.allow_blank and score_rule.showErrorMessage
    for ref in at.scores.values():
        assert ref in score_rule.sqref
    answer_rule = next(dv for dv in rules.values() if dv.formula1 == '"yes,no"')
    for ref in at.answers.values():
        assert ref in answer_rule.sqref
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.print_title_rows == "$5:$5" and ws.sheet_properties.pageSetUpPr.fitToPage
    criteria = [c for d in assessment.dimensions for c in d.criteria]
    assert [ws[f"B{ref[1:]}"].value for ref in at.scores.values()] == [c.text for c in criteria]


def test_content_never_becomes_a_formula(assessment, playbook):
    hostile = assessment.model_copy(update={"title": "=HYPERLINK(\"http://x\")", "dimensions": [
        assessment.dimensions[0].model_copy(update={"title": "+1+1"}), *assessment.dimensions[1:]]})
    data = make_scorecard(json.dumps(spec_for(hostile, playbook), sort_keys=True), EPOCH)
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    assert ws["A1"].value == '=HYPERLINK("http://x")' and ws["A1"].data_type == "s"
    assert ws["A6"].value == "+1+1" and ws["A6"].data_type == "s"


def test_same_input_same_bytes(spec, workbook):
    again = make_scorecard(json.dumps(spec, sort_keys=True), EPOCH)
    assert again == workbook
    with zipfile.ZipFile(io.BytesIO(workbook)) as z:
        assert {i.date_time for i in z.infolist()} == {(2026, 9, 21, 14, 13, 20)}
        core = z.read("docProps/core.xml").decode()
    assert "2026-09-21T14:13:20Z" in core


def test_the_build_publishes_it_and_links_it(default_site):
    site = default_site / "site"
    built = site / "assessments" / "xlsx" / "partner-fit.xlsx"
    assert built.is_file() and scorecard_xlsx("partner-fit") == "assessments/xlsx/partner-fit.xlsx"
    ws = openpyxl.load_workbook(built).active
    assert ws["A1"].value == "Partner-fit scorecard"
    page = (site / "assessments" / "partner-fit.html").read_text(encoding="utf-8")
    assert 'href="xlsx/partner-fit.xlsx"' in page
    data = json.loads((site / "playbook.json").read_text(encoding="utf-8"))
    fit = next(a for a in data["assessments"] if a["id"] == "partner-fit")
    assert fit["downloads"] == {"pdf": "assessments/pdf/partner-fit.pdf", "xlsx": "assessments/xlsx/partner-fit.xlsx"}
