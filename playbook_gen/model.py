"""The typed content model: one pydantic class per entity kind, unknown keys rejected.

Prose fields are Markdown; plain-text fields (titles, item texts) are shown as text, never as HTML.
Cross-references are plain ids here; `validate.py` checks that they point at something.
A new entity kind is a model class here plus one line in `KINDS` below.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

# Ids become file names and URLs: lowercase words joined by single hyphens.
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Id = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, min_length=1, max_length=64)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=2000)]
Markdown = Annotated[str, StringConstraints(max_length=100_000)]
Url = Annotated[str, StringConstraints(pattern=r"^https?://[^\s<>\"']+$", max_length=2000)]


class Strict(BaseModel):
    # `version: 1.0` in YAML is a float; authors mean text, so numbers are accepted where text is.
    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)


class Level(str, Enum):
    executive = "executive"
    management = "management"
    operational = "operational"
    everyone = "everyone"


class Entity(Strict):
    """Fields every entity file has."""

    id: Id
    title: Text
    # Audiences allowed to see this entity; empty means everyone.
    audiences: list[Id] = []
    # Who keeps this entity current, and when it is next due for review.
    owner: Id | None = None
    review_by: dt.date | None = None
    last_reviewed: dt.date | None = None


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


class GateOutcomeKind(str, Enum):
    go = "go"
    go_with_conditions = "go-with-conditions"
    no_go = "no-go"
    revisit = "revisit"


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


# --- training -------------------------------------------------------------------------------


class QuizOption(Strict):
    text: Text
    correct: bool = False


class Question(Strict):
    """A multiple-choice question; `validate.py` checks exactly one option is marked correct."""

    prompt: Text
    options: list[QuizOption] = Field(min_length=2, max_length=6)
    explanation: Markdown = Field(min_length=1)


class Lesson(Strict):
    """One teaching block: own prose plus the playbook entities it teaches from."""

    title: Text
    minutes: int = Field(ge=1, le=240)
    body: Markdown = ""
    # Short points for slides and handouts.
    points: list[Text] = []
    stages: list[Id] = []
    roles: list[Id] = []
    checklists: list[Id] = []
    case_studies: list[Id] = []


class Exercise(Strict):
    title: Text
    minutes: int = Field(ge=1, le=240)
    case_study: Id | None = None
    brief: Markdown
    steps: list[Text] = []
    # What a good answer covers; for the facilitator.
    debrief: Markdown = ""


class Module(Entity):
    """A training module; its page, handout and slides are generated from these fields."""

    summary: Text
    minutes: int = Field(ge=5, le=480)
    objectives: list[Text] = Field(min_length=1)
    prerequisites: list[Id] = []  # module ids
    lessons: list[Lesson] = Field(min_length=1)
    exercise: Exercise | None = None
    discussion_prompts: list[Text] = []
    key_takeaways: list[Text] = Field(min_length=1)
    quiz: list[Question] = []


class LearningPath(Entity):
    """Modules in teaching order for one audience; the estimated time is the sum of their minutes."""

    order: int = Field(default=100, ge=0, le=999)
    level: Level
    summary: Text
    goal: Markdown
    roles: list[Id] = []  # the roles this path prepares people for
    modules: list[Id] = Field(min_length=1)


# --- assessments --------------------------------------------------------------------------


class ScaleLevel(Strict):
    score: int = Field(ge=0, le=100)
    label: Text
    meaning: Text | None = None  # the anchor: what this score looks like in evidence


class Criterion(Strict):
    id: Id
    text: Text
    guidance: Text | None = None  # what good evidence looks like
    # A score at the bottom of the scale on this criterion is a showstopper, whatever the total.
    showstopper: bool = False


class Dimension(Strict):
    id: Id
    title: Text
    weight: int = Field(ge=1, le=100)  # share of the overall score; the weights add up to 100
    description: Markdown = ""
    criteria: list[Criterion] = Field(min_length=1)


class ShowstopperQuestion(Strict):
    """A yes/no question; a yes flags the result, whatever the scores."""

    id: Id
    question: Text
    why: Text | None = None


class ResultBand(Strict):
    """What an overall weighted score (0-100) recommends, from `min_percent` up to the next band."""

    min_percent: int = Field(ge=0, le=100)
    outcome: GateOutcomeKind
    label: Text
    meaning: Text | None = None


class Assessment(Entity):
    """A scored assessment such as partner fit: weighted dimensions of criteria on one scale, plus showstoppers.

    `scoring.py` defines the arithmetic (per-dimension and overall weighted percentages, showstopper flags)
    for the printed scorecard today and an on-screen one later.
    """

    stage: Id
    summary: Text
    purpose: Markdown = ""
    checklist: Id | None = None  # the checklist that confirms the assessment is complete
    scale: list[ScaleLevel] = Field(min_length=2)
    dimensions: list[Dimension] = Field(min_length=1)
    showstoppers: list[ShowstopperQuestion] = []
    results: list[ResultBand] = Field(min_length=1)


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
