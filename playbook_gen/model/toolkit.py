"""The toolkit: templates a team fills in for a stage's deliverables, as an editable document or spreadsheet.

A template has either `sections` (a document: headings, guidance, fields to fill in; exported as DOCX) or
`columns` (a register or matrix: typed columns, allowed values, formulas; exported as XLSX). Stages name a
deliverable's template (`Deliverable.template`), and the template names the deliverables it serves; the
checks in `check/toolkit.py` keep the two sides in step.

A formula is content, so it is never passed to a spreadsheet as written: `formula_tokens` reads it in a small
language (column references like `{impact}`, numbers, quoted text, arithmetic and comparison, and a short list
of functions), and the XLSX exporter writes only what that reading allows.
"""

from __future__ import annotations

import re
from enum import Enum

from pydantic import Field

from .base import DeliverableId, Entity, Id, Markdown, RoleId, SourceId, Strict, Text


class ColumnType(str, Enum):
    text = "text"
    number = "number"
    date = "date"
    choice = "choice"  # one of the column's `values`
    formula = "formula"  # computed from other columns of the same row


class Column(Strict):
    id: Id = Field(description="What formulas call the column: {likelihood}.")
    name: Text = Field(description="The column header readers see.")
    type: ColumnType = Field(default=ColumnType.text, description=(
        "text, number, date, choice (one of `values`) or formula (computed from other columns of the row)."))
    guidance: Text | None = Field(default=None, description="What goes in the column.")
    values: list[Text] = Field(default=[], description="The allowed values of a `choice` column.")
    formula: Text | None = Field(default=None, description=(
        'For a `formula` column: column references, numbers and a few functions, e.g. "{likelihood} * {impact}".'))
    width: int | None = Field(default=None, ge=4, le=100, description=(
        "Column width in characters (default: from the header and the type)."))


class TemplateField(Strict):
    label: Text = Field(description="What to fill in.")
    hint: Text | None = Field(default=None, description="Shown in the empty cell beside it, in the guidance style.")


class TemplateSection(Strict):
    heading: Text = Field(description="The section's heading in the document.")
    guidance: Markdown = Field(default="", description="How to write the section (Markdown; in the deletable guidance style).")
    fields: list[TemplateField] = Field(default=[], description="Labelled fields to fill in, as a table.")


class Template(Entity):
    """An editable template for one or more deliverables."""

    summary: Text = Field(description="One sentence: what the template is for (toolkit index and page).")
    purpose: Markdown = Field(description="Why the deliverable matters and what a good one achieves (Markdown).")
    deliverables: list[DeliverableId] = Field(min_length=1, description=(
        "The stage deliverables it serves (deliverable ids); each of them names this template back."))
    owner_role: RoleId = Field(description="The role that owns the filled-in document (a role id).")
    instructions: Markdown = Field(default="", description="How to fill it in (Markdown).")
    sections: list[TemplateSection] = Field(default=[], description="A document's sections (exported as DOCX).")
    columns: list[Column] = Field(default=[], description=(
        "A register's or matrix's columns (exported as XLSX); a template has sections or columns, never both."))
    rows: int = Field(default=30, ge=1, le=1000, description=(
        "Empty rows a register starts with (validation and formulas)."))
    sources: list[SourceId] = Field(default=[], description="Where its practice comes from (source ids).")

    @property
    def is_document(self) -> bool:
        return bool(self.sections)

    @property
    def download(self) -> str:
        """The docs path of the editable file (DOCX for a document, XLSX for a register)."""
        return f"toolkit/downloads/{self.id}.{'docx' if self.is_document else 'xlsx'}"


# --- formulas -----------------------------------------------------------------------------

FUNCTIONS = ("ABS", "AND", "AVERAGE", "IF", "MAX", "MIN", "NOT", "OR", "ROUND", "SUM")
_TOKEN = re.compile(r"""\s*(?:(?P<ref>\{[a-z0-9-]+\})|(?P<number>\d+(?:\.\d+)?)|(?P<string>"[^"{}=]*")"""
                    r"""|(?P<func>[A-Za-z]+)(?=\s*\()|(?P<op><>|<=|>=|[-+*/^&=<>(),]))""")


class FormulaError(ValueError):
    pass


def formula_tokens(formula: str) -> list[tuple[str, str]]:
    """(kind, text) for each token of a formula: ref (column id, braces removed), number, string, func, op.

    Raises FormulaError for anything else, so a formula can only compute over its own row."""
    out, pos = [], 0
    text = formula.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise FormulaError(f"cannot read the formula at '{text[pos:pos + 12]}'; use column references like "
                               f"{{impact}}, numbers, \"text\", + - * / ^ & = < > and {', '.join(FUNCTIONS)}")
        kind = m.lastgroup
        value = m.group(kind)
        if kind == "ref":
            value = value[1:-1]
        if kind == "func":
            value = value.upper()
            if value not in FUNCTIONS:
                raise FormulaError(f"the formula uses {value}(); only {', '.join(FUNCTIONS)} are allowed")
        out.append((kind, value))
        pos = m.end()
    ops = [v for k, v in out if k == "op"]
    if ops.count("(") != ops.count(")"):
        raise FormulaError("the formula's brackets do not match")
    return out


def formula_refs(formula: str) -> list[str]:
    """The column ids a formula names, in order (duplicates kept once)."""
    return list(dict.fromkeys(v for k, v in formula_tokens(formula) if k == "ref"))
