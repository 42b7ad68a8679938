"""The typed content model: one pydantic class per entity kind, unknown keys rejected.

Prose fields are Markdown; plain-text fields (titles, item texts) are shown as text, never as HTML.
Cross-references are plain ids here; `validate.py` checks that they point at something.
A new entity kind is a model class (here, or in model_training.py / model_assessment.py for the larger
families, re-exported here) plus one line in `KINDS` below.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum

from pydantic import BaseModel, ConfigDict, Field

from .model_assessment import (  # noqa: F401 - model is the one place to import content classes from
    Assessment,
    Criterion,
    Dimension,
    ResultBand,
    ScaleLevel,
    ShowstopperQuestion,
)
from .model_base import (  # noqa: F401
    SLUG_PATTERN,
    Entity,
    GateOutcomeKind,
    Id,
    Level,
    Markdown,
    Strict,
    Text,
    Url,
)
from .model_training import Exercise, LearningPath, Lesson, Module, Question, QuizOption  # noqa: F401

# --- playbook -----------------------------------------------------------------------------


class Audience(Strict):
    id: Id
    title: Text
    level: Level
    description: Markdown = ""
    # The page this audience should read first (a `pages` id).
    start_page: Id | None = None


class Change(Strict):
    version: Text
    date: dt.date
    summary: list[Text]


class Playbook(Strict):
    title: Text
    organisation: Text
    version: Text
    owner: Id  # a role id: who keeps the playbook
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
    responsible: list[Id] = Field(min_length=1)
    accountable: Id | None = None
    consulted: list[Id] = []
    informed: list[Id] = []


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
    decision_maker: Id  # role
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
    checklists: list[Id] = []


# --- roles --------------------------------------------------------------------------------


class Duty(Strict):
    stage: Id
    duty: Markdown


class Role(Entity):
    level: Level
    summary: Text
    description: Markdown = ""
    is_: list[Text] = Field(default=[], alias="is")
    is_not: list[Text] = []
    duties: list[Duty] = []
    escalates_to: Id | None = None
    escalation: Markdown = ""

    model_config = ConfigDict(populate_by_name=True, extra="forbid", frozen=True, coerce_numbers_to_str=True)


# --- checklists ---------------------------------------------------------------------------


class Mode(str, Enum):
    read_do = "READ-DO"
    do_confirm = "DO-CONFIRM"


class ChecklistItem(Strict):
    text: Text
    # Optional in the model so the linter can warn (not fail) when it is missing.
    owner: Id | None = None
    note: Text | None = None


class Checklist(Entity):
    stage: Id
    owner: Id | None = None
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
    see_also: list[Id] = []
    source: Id | None = None


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
    sources: list[Id] = []


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
    stages: list[Id] = []
    roles: list[Id] = []
    sources: list[Id] = []


# Entity kinds: key in the model and JSON export -> (folder under content/, class, title for humans).
KINDS: dict[str, tuple[str, type[Entity]]] = {
    "stages": ("stages", Stage),
    "roles": ("roles", Role),
    "checklists": ("checklists", Checklist),
    "glossary": ("glossary", Term),
    "pages": ("pages", Page),
    "sources": ("sources", Source),
    "case_studies": ("case-studies", CaseStudy),
    "learning_paths": ("training/paths", LearningPath),
    "modules": ("training/modules", Module),
    "assessments": ("assessments", Assessment),
}


# Prose links such as [text](stage:partner-fit): link scheme -> entity kind.
LINK_KINDS = {"stage": "stages", "role": "roles", "checklist": "checklists", "term": "glossary",
              "page": "pages", "source": "sources", "case": "case_studies",
              "path": "learning_paths", "module": "modules",
              "assessment": "assessments"}


class Content(BaseModel):
    """The whole validated playbook: the playbook file plus every entity, keyed by kind then id."""

    model_config = ConfigDict(frozen=False)

    playbook: Playbook
    entities: dict[str, dict[str, Entity]]

    def __getattr__(self, name: str):  # content.stages, content.roles, ...
        if name in KINDS:
            return self.entities.get(name, {})
        raise AttributeError(name)

    def ordered(self, kind: str) -> list[Entity]:
        """Entities of a kind in reading order: stages by `order`, checklists in lifecycle order."""
        items = list(self.entities.get(kind, {}).values())
        if kind in ("stages", "pages", "learning_paths"):
            return sorted(items, key=lambda e: (e.order, e.id))
        if kind == "checklists":
            stage_order = {s.id: s.order for s in self.entities.get("stages", {}).values()}
            return sorted(items, key=lambda c: (stage_order.get(c.stage, 999), c.id))
        if kind == "glossary":
            return sorted(items, key=lambda t: (t.title.casefold(), t.id))
        return sorted(items, key=lambda e: e.id)
