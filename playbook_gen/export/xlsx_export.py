"""Editable spreadsheets (XLSX) for register and matrix templates, built with openpyxl, reproducible to the byte.

One sheet for the register (header row frozen and repeated on every printed page, drop-down lists for choice
columns, date and number formats, formulas on every empty row, landscape and fit to width), one with the
instructions and what goes in each column, and one holding the allowed values the drop-down lists read.
Text from the playbook is always written as text, never as a formula; formulas are rebuilt from the tokens
`model.toolkit.formula_tokens` allows, so they can only compute over their own row.
"""

from __future__ import annotations

import io
import json
import re

from ..model.toolkit import formula_tokens
from .ooxml import fixed_zip, stamp

LISTS_SHEET = "Lists"
_SHEET_UNSAFE = re.compile(r"[\[\]:*?/\\]")


def sheet_name(title: str) -> str:
    """A title as a sheet name: no []:*?/\\ and at most 31 characters, as Excel requires."""
    return _SHEET_UNSAFE.sub(" ", title).strip()[:31].strip() or "Sheet"


def row_formula(formula: str, letters: dict[str, str], row: int) -> str:
    """A column formula for one row: `{impact}` becomes D7; blank until every cell it reads is filled in."""
    tokens = formula_tokens(formula)
    expr = "".join(f"{letters[v]}{row}" if kind == "ref" else v for kind, v in tokens)
    refs = list(dict.fromkeys(f"{letters[v]}{row}" for kind, v in tokens if kind == "ref"))
    if not refs:
        return f"={expr}"
    blank = ",".join(f'{ref}=""' for ref in refs)
    return f'=IF(OR({blank}),"",{expr})'


def _put(ws, ref: str, value):
    """Write `value` as a value: a string that starts with '=' stays text (openpyxl would make it a formula)."""
    cell = ws[ref]
    cell.value = value
    if cell.data_type == "f":
        cell.data_type = "s"
    return cell


def make_xlsx(spec_json: str, epoch: int) -> bytes:
    """The XLSX bytes for a template spec (JSON text) with document dates at `epoch`."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter, quote_sheetname
    from openpyxl.worksheet.datavalidation import DataValidation

    spec = json.loads(spec_json)
    labels, columns, last = spec["labels"], spec["columns"], spec["rows"] + 1
    wb = Workbook()
    ws = wb.active
    ws.title = sheet_name(spec["title"])
    letters = {c["id"]: get_column_letter(n) for n, c in enumerate(columns, 1)}
    lists = wb.create_sheet(LISTS_SHEET)
    head_font, head_fill = Font(bold=True), PatternFill("solid", fgColor="DDE7F0")
    list_col = 0
    for n, col in enumerate(columns, 1):
        letter = letters[col["id"]]
        cell = _put(ws, f"{letter}1", col["name"])
        cell.font, cell.fill = head_font, head_fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[letter].width = col["width"] or max(12, min(40, len(col["name"]) + 4))
        cells = f"{letter}2:{letter}{last}"
        if col["type"] == "choice":
            list_col += 1
            where = get_column_letter(list_col)
            _put(lists, f"{where}1", col["name"]).font = head_font
            for i, value in enumerate(col["values"], 2):
                _put(lists, f"{where}{i}", value)
            dv = DataValidation(type="list", allow_blank=True, showErrorMessage=True,
                                formula1=f"{quote_sheetname(lists.title)}!${where}$2:${where}${len(col['values']) + 1}")
            dv.error = labels["choose"]
            dv.add(cells)
            ws.add_data_validation(dv)
        elif col["type"] == "date":
            dv = DataValidation(type="date", operator="greaterThan", formula1="1", allow_blank=True, showErrorMessage=True)
            dv.error = labels["date"]
            dv.add(cells)
            ws.add_data_validation(dv)
        elif col["type"] == "number":
            dv = DataValidation(type="decimal", operator="between", formula1="-1E+300", formula2="1E+300",
                                allow_blank=True, showErrorMessage=True)
            dv.error = labels["number"]
            dv.add(cells)
            ws.add_data_validation(dv)
        for row in range(2, last + 1):
            target = ws[f"{letter}{row}"]
            if col["type"] == "formula":
                target.value = row_formula(col["formula"], letters, row)
            if col["type"] == "date":
                target.number_format = "yyyy-mm-dd"
            target.alignment = Alignment(wrap_text=col["type"] == "text", vertical="top")
    if not list_col:
        wb.remove(lists)
    end = get_column_letter(len(columns))
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{end}{last}"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddFooter.left.text = spec["footer"].replace("&", "&&")  # & starts a header/footer code
    ws.oddFooter.right.text = "&P / &N"

    notes = wb.create_sheet(sheet_name(labels["instructions"]), 1)
    notes.column_dimensions["A"].width, notes.column_dimensions["B"].width = 28, 90
    rows = [(spec["title"], spec["summary"]), *spec["facts"], ("", ""), *((labels["about"], p) for p in spec["purpose"]),
            *((labels["instructions"], p) for p in spec["instructions"]), ("", ""), (labels["column"], labels["what"]),
            *((c["name"], c["guidance"] or "") for c in columns)]
    for r, (label, text) in enumerate(rows, 1):
        _put(notes, f"A{r}", label).font = head_font
        _put(notes, f"B{r}", text).alignment = Alignment(wrap_text=True, vertical="top")
    notes.oddFooter.left.text = spec["footer"].replace("&", "&&")

    props = wb.properties
    props.title, props.subject, props.creator = spec["title"], spec["summary"], spec["author"]
    props.lastModifiedBy = "playbook-gen"
    props.created = props.modified = stamp(epoch)  # saving stamps `modified` again; fixed_zip resets it
    out = io.BytesIO()
    wb.save(out)
    return fixed_zip(out.getvalue(), epoch)
