"""The playbook file and the core entity kinds: stages, roles, checklists, glossary terms, pages, sources, cases.

Prose fields are Markdown; plain-text fields (titles, item texts) are shown as text, never as HTML.
Reference fields are typed with the kind they point at (`RoleId`, `StageId`, ...); `check/validate.py`
checks that they point at something. Each kind is declared once, in `kinds.py`.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated

from pydantic import ConfigDict, Field

from .base import (ChecklistId, Entity, GateOutcomeKind, Id, Level, Markdown, PageId, Ref, RoleId, SourceId, StageId,
                   Strict, TermId, Text, Url)


# --- playbook -----------------------------------------------------------------------------


class Audience(Strict):
    id: Id
    title: Text
    level: Level
    description: Markdown = ""
    # The page this audience should read first (a `pages` id).
    start_page: PageId | None = None


class Change(Strict):
    version: Text
    date: dt.date
    summary: list[Text]


class Playbook(Strict):
    title: Text
    organisation: Text
    version: Text
    owner: RoleId  # who keeps the playbook
    description: Markdown = ""
    # What an alliance is and is not, shown on the home page.
    alliances_are: list[Text] = []
    alliances_are_not: list[Text] = []
    audiences: list[Audience] = []
    site_url: Url | None = None
    changes: list[Change] = []


# --- lifecycle ----------------------------------------------------------------------------


class Activity(Strict):
    title: Text
    description: Markdown = ""
    responsible: list[RoleId] = Field(min_length=1)
    accountable: RoleId | None = None
    consulted: list[RoleId] = []
    informed: list[RoleId] = []


class Deliverable(Strict):
    title: Text
    description: Markdown = ""


class GateOutcome(Strict):
    outcome: GateOutcomeKind
    meaning: Markdown


class FindingKind(str, Enum):
    showstopper = "showstopper"
    manageable = "manageable"


class Finding(Strict):
    kind: FindingKind
    text: Text
    response: Markdown = ""


class Gate(Strict):
    title: Text
    decision_maker: RoleId
    question: Text
    criteria: list[Text] = Field(min_length=1)
    outcomes: list[GateOutcome] = Field(min_length=3)
    findings: list[Finding] = []


class Pitfall(Strict):
    title: Text
    description: Markdown = ""


class Stage(Entity):
    order: int = Field(ge=0, le=999)
    summary: Text
    purpose: Markdown
    when_to_start: Markdown
    typical_duration: Text | None = None
    activities: list[Activity] = Field(min_length=1)
    deliverables: list[Deliverable] = []
    key_questions: list[Text] = []
    gate: Gate | None = None
    pitfalls: list[Pitfall] = []
    checklists: list[ChecklistId] = []


# --- roles --------------------------------------------------------------------------------


class Duty(Strict):
    stage: StageId
    duty: Markdown


class Role(Entity):
    level: Level
    summary: Text
    description: Markdown = ""
    is_: list[Text] = Field(default=[], alias="is")
    is_not: list[Text] = []
    duties: list[Duty] = []
    escalates_to: Annotated[Id, Ref("roles", pass_by=True)] | None = None
    escalation: Markdown = ""

    model_config = ConfigDict(populate_by_name=True, extra="forbid", frozen=True, coerce_numbers_to_str=True)


# --- checklists ---------------------------------------------------------------------------


class Mode(str, Enum):
    read_do = "READ-DO"
    do_confirm = "DO-CONFIRM"


class ChecklistItem(Strict):
    text: Text
    # Optional in the model so the linter can warn (not fail) when it is missing.
    owner: RoleId | None = None
    note: Text | None = None


class Checklist(Entity):
    stage: StageId
    owner: RoleId | None = None
    pause_point: Text | None = None
    mode: Mode | None = None
    purpose: Markdown = ""
    items: list[ChecklistItem] = Field(min_length=1)
    # A checklist that does not fit one printed page is an error unless this is set.
    allow_continuation: bool = False


# --- glossary, pages, sources -------------------------------------------------------------


class Term(Entity):
    """A glossary term; `title` is the term as readers see it."""

    definition: Markdown
    aliases: list[Text] = []
    see_also: list[TermId] = []
    source: SourceId | None = None


class Section(str, Enum):
    start = "start"  # audience entry pages ("Start here")
    guide = "guide"  # background: what alliances are, why they fail
    reference = "reference"


class Page(Entity):
    """A free Markdown page, such as an audience entry page or a background essay."""

    section: Section = Section.guide
    order: int = Field(default=100, ge=0, le=999)
    summary: Text | None = None
    body: Markdown
    sources: list[SourceId] = []


class Source(Entity):
    """A cited work; `title` is the work's title."""

    author: Text
    year: int | None = Field(default=None, ge=1900, le=2100)
    publisher: Text | None = None
    url: Url | None = None
    note: Markdown = ""


class CaseStudy(Entity):
    """A worked story the playbook teaches from, with findings sorted like a gate review."""

    summary: Text
    situation: Markdown
    approach: Markdown
    findings: list[Finding] = Field(min_length=1)
    conversation: Markdown = ""
    outcome: Markdown
    lessons: list[Text] = []
    discussion_questions: list[Text] = Field(min_length=1)
    stages: list[StageId] = []
    roles: list[RoleId] = []
    sources: list[SourceId] = []
