"""Each assessment as a spreadsheet scorecard (XLSX, openpyxl) whose formulas score it as model/scoring.py does.

The reader types a score per criterion (a list of the scale's scores; blank = not assessed) and answers the
showstopper questions; formulas give each dimension's points, percentage, weighted result, insufficient-evidence
and floor marks, and the overall result, band and recommendation (outcomes in the site's words, "Stop" for no-go,
from render/labels.py). The formulas follow scoring.py step for step
and in the same order (the total is a left-to-right sum, not SUM, so the floating point matches Python's loop);
tests/test_scorecard_xlsx.py recalculates the workbook in LibreOffice and compares with scoring.py.

A workbook is described by a plain dict (`spec`, interface words already translated), so a worker process can
build it and the job cache can key on it. Content goes into cells as strings, never as formulas. The zip is
rewritten with one fixed timestamp and the document properties are dated from SOURCE_DATE_EPOCH.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..i18n import N_, _
from ..model import Assessment, Content, GateOutcomeKind
from ..render.labels import label
from .jobs import Job
from .kinds import Exporter
from .ooxml import fixed_zip

FIRST = 6  # the first criterion row; rows 1-5 are the title, partner, assessor, date and the header row
HEADER = FIRST - 1
PAPER = {"A4": 9, "Letter": 1}  # SpreadsheetML paper size codes


def scorecard_xlsx(ident: str) -> str:
    return f"assessments/xlsx/{ident}.xlsx"


@dataclass
class Layout:
    """Where everything is: the cells a reader fills in and the cells the formulas compute."""

    scores: dict[str, str] = field(default_factory=dict)  # criterion id -> score cell
    answers: dict[str, str] = field(default_factory=dict)  # question id -> answer cell
    dimensions: dict[str, int] = field(default_factory=dict)  # dimension id -> its row in the results table
    fields: dict[str, str] = field(default_factory=dict)  # partner, assessor, date -> input cell
    overall: dict[str, str] = field(default_factory=dict)  # total, weights, showstoppers, gaps, ... -> cell
    bands: tuple[int, int] = (0, 0)  # first and last row of the band table (ascending min_percent)
    last_row: int = 0


def layout(spec: dict) -> Layout:
    out = Layout(fields={"partner": "B2", "assessor": "B3", "date": "B4"})
    row = FIRST
    for d in spec["dimensions"]:
        for c in d["criteria"]:
            out.scores[c["id"]] = f"D{row}"
            row += 1
    row += 2  # a blank row, then the questions' header
    for q in spec["showstoppers"]:
        out.answers[q["id"]] = f"D{row}"
        row += 1
    row += 2  # a blank row, then the results' header
    for d in spec["dimensions"]:
        out.dimensions[d["id"]] = row
        row += 1
    row += 1
    for name in ("weights", "total", "gaps", "provisional", "showstoppers", "below_floor", "band", "band_outcome",
                 "outcome"):
        out.overall[name] = f"B{row}"
        row += 1
    row += 2  # a blank row, then the bands' header
    out.bands = (row, row + len(spec["results"]) - 1)
    out.last_row = out.bands[1]
    return out


def spec_for(a: Assessment, playbook, paper: str = "A4") -> dict:
    """Everything the workbook shows, as plain data: the assessment and its interface words, translated here."""
    # N_: extracted for the catalogues here, translated by the _() of this comprehension
    words = {k: _(v) for k, v in {
        "sheet": N_("Scorecard"), "partner": N_("Partner"), "assessor": N_("Assessor"), "date": N_("Date"),
        "dimension": N_("Dimension"), "criterion": N_("Criterion"), "showstopper": N_("Showstopper"), "score": N_("Score"),
        "evidence": N_("Evidence"), "flag": N_("Showstopper hit"), "question": N_("Showstopper question"), "answer": N_("Answer"),
        "weight": N_("Weight"), "criteria": N_("Criteria"), "assessed": N_("Assessed"), "not_assessed": N_("Not assessed"),
        "not_scored": N_("Not scored"), "points": N_("Points"), "max_points": N_("Maximum points"), "percent": N_("Result (%)"),
        "weighted": N_("Weighted"), "insufficient": N_("Insufficient evidence"), "below_floor": N_("Below the floor"),
        "weights": N_("Weights counted"), "total": N_("Overall result (%)"), "gaps": N_("Criteria not assessed"),
        "provisional": N_("Provisional"), "showstoppers": N_("Showstoppers hit"), "below_count": N_("Dimensions below the floor"),
        "band": N_("Result band"), "band_outcome": N_("Band recommendation"), "outcome": N_("Recommendation"),
        "min_percent": N_("From (%)"), "label": N_("Band"), "yes": N_("yes"), "no": N_("no"),
        "bad_score": N_("Choose a score from the scale, or leave the cell blank for not assessed."),
        "bad_score_strict": N_("Choose a score from the scale."), "bad_answer": N_("Answer yes or no."),
        "instructions": N_("Type a score per criterion (blank = not assessed) and answer every showstopper question; "
                        "the results below are computed."),
    }.items()}
    data = a.model_dump(mode="json")
    return {"id": a.id, "title": a.title, "playbook": playbook.title, "version": str(playbook.version or ""),
            "paper": paper, "scale": [s["score"] for s in data["scale"]], "dimensions": data["dimensions"],
            "showstoppers": data["showstoppers"], "results": data["results"], "floor": a.dimension_floor,
            "offers_not_assessed": a.not_assessed is not None, "words": words,
            "outcomes": {o.value: label(o) for o in GateOutcomeKind}}


def _text(ws, ref: str, value, bold: bool = False):
    """A content or interface string as a string cell: never read as a formula, whatever it starts with."""
    from openpyxl.styles import Font

    cell = ws[ref]
    cell.value = "" if value is None else str(value)
    cell.data_type = "s"
    if bold:
        cell.font = Font(bold=True)
    return cell


def make_scorecard(spec_json: str, epoch: int) -> bytes:
    """The XLSX bytes for a scorecard spec (JSON text), dated `epoch`."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.writer.excel import ExcelWriter

    spec = json.loads(spec_json)
    w, at, said = spec["words"], layout(spec), spec["outcomes"]
    yes, no = _q(w["yes"]), _q(w["no"])
    low, high = min(spec["scale"]), max(spec["scale"])
    wb = Workbook()
    ws = wb.active
    ws.title = w["sheet"][:31]
    _text(ws, "A1", spec["title"]).font = Font(bold=True, size=14)
    _text(ws, "C1", f"{spec['playbook']} {spec['version']}".strip())
    for name, ref in at.fields.items():
        _text(ws, f"A{ref[1:]}", w[name], bold=True)
        ws[ref].data_type = "s"
    ws["B4"].number_format = "yyyy-mm-dd"
    _text(ws, "C2", w["instructions"])
    for col, key in zip("ABCDEF", ("dimension", "criterion", "showstopper", "score", "evidence", "flag"), strict=True):
        _text(ws, f"{col}{HEADER}", w[key], bold=True)
    filled = PatternFill("solid", fgColor="FFF8E1")  # the cells a reader fills in
    allowed = ",".join(str(s) for s in spec["scale"])
    scores = DataValidation(type="list", formula1=f'"{allowed}"', allow_blank=True, showErrorMessage=True,
                            error=w["bad_score"] if spec["offers_not_assessed"] else w["bad_score_strict"])
    ws.add_data_validation(scores)
    flags = []
    for d in spec["dimensions"]:
        for c in d["criteria"]:
            ref = at.scores[c["id"]]
            r = ref[1:]
            _text(ws, f"A{r}", d["title"])
            _text(ws, f"B{r}", c["text"])
            _text(ws, f"C{r}", w["yes"] if c["showstopper"] else "")
            ws[ref].fill = filled
            ws[f"E{r}"].fill = filled
            scores.add(ref)
            if c["showstopper"]:  # the bottom score on a flagged criterion is a showstopper; blank is not
                ws[f"F{r}"] = f"=IF(ISNUMBER({ref}),IF({ref}={low},1,0),0)"
                flags.append(f"F{r}")
    if spec["showstoppers"]:
        head = int(next(iter(at.answers.values()))[1:]) - 1
        _text(ws, f"A{head}", w["question"], bold=True)
        _text(ws, f"D{head}", w["answer"], bold=True)
        answers = DataValidation(type="list", formula1=f'"{w["yes"]},{w["no"]}"', allow_blank=True,
                                 showErrorMessage=True, error=w["bad_answer"])
        ws.add_data_validation(answers)
        for q in spec["showstoppers"]:
            ref = at.answers[q["id"]]
            _text(ws, f"A{ref[1:]}", q["question"])
            ws[ref].fill = filled
            answers.add(ref)

    rows = list(at.dimensions.values())
    head = rows[0] - 1
    for col, key in zip("ABCDEFGHIJK", ("dimension", "weight", "criteria", "assessed", "not_assessed", "points",
                                          "max_points", "percent", "weighted", "insufficient", "below_floor"),
                        strict=True):
        _text(ws, f"{col}{head}", w["not_scored" if key == "not_assessed" and not spec["offers_not_assessed"] else key],
              bold=True)
    for d, r in zip(spec["dimensions"], rows, strict=True):
        cells = [at.scores[c["id"]] for c in d["criteria"]]
        span = f"{cells[0]}:{cells[-1]}"
        _text(ws, f"A{r}", d["title"])
        ws[f"B{r}"] = d["weight"]
        ws[f"C{r}"] = len(d["criteria"])
        ws[f"D{r}"] = f"=COUNT({span})"
        ws[f"E{r}"] = f"=C{r}-D{r}"
        ws[f"F{r}"] = f"=SUM({span})"
        ws[f"G{r}"] = f"=D{r}*{high}"
        ws[f"H{r}"] = f'=IF(D{r}=0,"",100*(F{r}-D{r}*{low})/(D{r}*{high - low}))'
        ws[f"I{r}"] = f'=IF(D{r}=0,"",H{r}*B{r}/100)'
        ws[f"J{r}"] = f"=IF(2*E{r}>C{r},{yes},{no})"
        ws[f"K{r}"] = f"=IF(D{r}=0,{no},IF(H{r}<{spec['floor']},{yes},{no}))" if spec["floor"] else "–"
        for col in "HI":
            ws[f"{col}{r}"].number_format = "0.0"
    first, last = rows[0], rows[-1]
    o = at.overall
    # The total: scoring.py adds the counted dimensions' weighted results one by one from 0.0, then divides
    # by the counted weights over 100. Adding 0 for a dimension left out changes nothing, exactly.
    running = "+".join(["0", *(f"IF(D{r}>0,I{r},0)" for r in rows)])
    total = f'IF({o["weights"]}=0,"",({running})/({o["weights"]}/100))'
    if not spec["offers_not_assessed"]:  # without "not assessed", a blank is unscored: no total yet
        total = f'IF({o["gaps"]}>0,"",{total})'
    answered = list(at.answers.values())
    hits = [f"COUNTIF({answered[0]}:{answered[-1]},{yes})"] if answered else []
    band_lo, band_hi = at.bands
    values = {
        "weights": f'=SUMIF(D{first}:D{last},">0",B{first}:B{last})',
        "total": f"={total}",
        "gaps": f"=SUM(E{first}:E{last})",
        "provisional": f"=IF({o['gaps']}>0,{yes},{no})",
        "showstoppers": "=" + "+".join([*hits, *flags] or ["0"]),
        "below_floor": f"=COUNTIF(K{first}:K{last},{yes})",
        "band": f'=IF({o["total"]}="","",INDEX(C{band_lo}:C{band_hi},MATCH({o["total"]},A{band_lo}:A{band_hi},1)))',
        "band_outcome": f'=IF({o["total"]}="","",INDEX(B{band_lo}:B{band_hi},MATCH({o["total"]},A{band_lo}:A{band_hi},1)))',
        "outcome": f'=IF({o["showstoppers"]}>0,{_q(said["no-go"])},IF({o["band_outcome"]}="","",'
                   f'IF(AND({o["below_floor"]}>0,{o["band_outcome"]}={_q(said["go"])}),{_q(said["go-with-conditions"])},'
                   f'{o["band_outcome"]})))',
    }
    labels = {"gaps": "gaps" if spec["offers_not_assessed"] else "not_scored", "below_floor": "below_count"}
    for name, ref in o.items():
        _text(ws, f"A{ref[1:]}", w[labels.get(name, name)], bold=True)
        ws[ref] = values[name]
    ws[o["total"]].number_format = "0.0"
    _text(ws, f"A{band_lo - 1}", w["min_percent"], bold=True)
    _text(ws, f"B{band_lo - 1}", w["outcome"], bold=True)
    _text(ws, f"C{band_lo - 1}", w["label"], bold=True)
    # Ascending, so MATCH(total, ..., 1) finds the highest band the total reaches, as scoring.band_for does.
    for n, b in enumerate(sorted(spec["results"], key=lambda b: b["min_percent"])):
        ws[f"A{band_lo + n}"] = b["min_percent"]
        _text(ws, f"B{band_lo + n}", said[b["outcome"]])
        _text(ws, f"C{band_lo + n}", b["label"])

    for col, width in zip("ABCDEFGHIJK", (28, 60, 12, 10, 40, 10, 10, 10, 10, 12, 12), strict=True):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = f"A{FIRST}"  # the title, the reader's fields and the header row stay in view
    ws.print_title_rows = f"{HEADER}:{HEADER}"
    ws.print_area = f"A1:K{at.last_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = PAPER.get(spec["paper"], 9)
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddFooter.center.text = f"{spec['playbook']} {spec['version']}".strip().replace("&", "&&")

    props = wb.properties
    when = dt.datetime.fromtimestamp(epoch, dt.UTC).replace(tzinfo=None)
    props.title, props.creator, props.lastModifiedBy = spec["title"], "playbook-gen", "playbook-gen"
    props.created = props.modified = when
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()  # not wb.save(), which stamps the clock into `modified`
    return fixed_zip(out.getvalue(), epoch)


def _q(word: str) -> str:
    """A word as a formula string literal."""
    return '"' + word.replace('"', '""') + '"'


def scorecard_jobs(content: Content, project: Path, site, options) -> list[Job]:
    """A spreadsheet scorecard per assessment."""
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0"))
    paper = site.print.paper if site else "A4"
    jobs = []
    for a in content.ordered("assessments"):
        spec = json.dumps(spec_for(a, content.playbook, paper), sort_keys=True, ensure_ascii=False)
        jobs.append(Job(scorecard_xlsx(a.id), make_scorecard, (spec, epoch), f"{epoch}\0{spec}".encode()))
    return jobs


SCORECARD_XLSX = Exporter(jobs=scorecard_jobs, listing=lambda assessment: {"downloads": {"xlsx": scorecard_xlsx(assessment.id)}})
