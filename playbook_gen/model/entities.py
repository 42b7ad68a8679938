"""The core entity kinds: stages, roles, checklists, glossary terms, pages, sources, case studies.

Prose fields are Markdown; plain-text fields (titles, item texts) are shown as text, never as HTML.
Reference fields are typed with the kind they point at (`RoleId`, `StageId`, ...); `check/validate.py`
checks that they point at something. Each kind is declared once, in `kinds.py`; the playbook file itself is
in `playbook.py`.
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated

from pydantic import ConfigDict, Field, StringConstraints, model_validator

from .base import (ChecklistId, DeliverableId, Entity, GateOutcomeKind, Id, Level, Markdown, Ref, RoleId, SourceId,
                   StageId, Strict, TermId, Text, TierId, Url)


# --- lifecycle ----------------------------------------------------------------------------


class Activity(Strict):
    title: Text = Field(description="What is done, as a short imperative.")
    description: Markdown = Field(default="", description="How it is done and what it produces (Markdown).")
    responsible: list[RoleId] = Field(min_length=1, description="The roles that do the work (role ids; at least one).")
    accountable: RoleId | None = Field(default=None, description="The one role that owns the outcome (a role id).")
    consulted: list[RoleId] = Field(default=[], description="Roles asked before it is done (role ids).")
    informed: list[RoleId] = Field(default=[], description="Roles told once it is done (role ids).")


class Deliverable(Strict):
    id: Id | None = Field(default=None, description=(
        "Lets stages, gates and checklists require it (unique across the playbook)."))
    title: Text = Field(description="The document or decision produced.")
    description: Markdown = Field(default="", description="What it contains (Markdown).")
    template: Annotated[Id, Ref("templates")] | None = Field(default=None, description=(
        "The toolkit template (content/templates/) a team fills in for it (a template id)."))


class GateOutcome(Strict):
    outcome: GateOutcomeKind = Field(
        description="Its meaning for tooling: go, go-with-conditions, no-go (stop) or revisit.")
    id: Id | None = Field(default=None, description=(
        "The gate's own name for it, such as `exit` (unique within the gate)."))
    label: Text | None = Field(default=None, description=(
        "The gate's own label as readers see it, such as \"Exit as planned\"."))
    meaning: Markdown = Field(description="What happens after this outcome (Markdown).")


class Decider(Strict):
    """Who decides a gate for partnerships of one tier."""

    tier: TierId = Field(description="The tier (a tier id from playbook.yml).")
    role: RoleId = Field(description="The role that decides the gate for that tier (a role id).")
    note: Text | None = Field(default=None, description=(
        "Shown in brackets after the role: \"with the board for a joint venture\"."))


class FindingKind(str, Enum):
    showstopper = "showstopper"
    manageable = "manageable"


class Finding(Strict):
    kind: FindingKind = Field(description="showstopper (stops the work unless resolved) or manageable.")
    text: Text = Field(description="The finding, in one line.")
    response: Markdown = Field(default="", description="How it is handled (Markdown).")


class Gate(Strict):
    title: Text = Field(description="The gate's name.")
    decision_maker: RoleId | None = Field(default=None, description=(
        "The role that decides, when the playbook declares no tiers (a role id)."))
    deciders: list[Decider] = Field(default=[], description="One decider per tier, when the playbook declares tiers.")
    question: Text = Field(description="The question the decision answers.")
    criteria: list[Text] = Field(min_length=1, description="What must be true to pass, one line each.")
    outcomes: list[GateOutcome] = Field(min_length=3, description=(
        "The possible outcomes; go, go-with-conditions and no-go must all be there."))
    findings: list[Finding] = Field(default=[], description=(
        "Typical findings at this gate, sorted into showstoppers and manageable ones."))
    requires: list[DeliverableId] = Field(default=[], description="Deliverable ids the decision needs.")


class Pitfall(Strict):
    title: Text = Field(description="The pitfall, in one line.")
    description: Markdown = Field(default="", description="Why it happens and how to avoid it (Markdown).")


class Stage(Entity):
    order: int = Field(ge=0, le=999, description="The stage's place in the lifecycle (0-999; unique).")
    summary: Text = Field(description="One sentence: what happens in this stage.")
    purpose: Markdown = Field(description="Why the stage exists and what it must achieve (Markdown).")
    when_to_start: Markdown = Field(description="What must be true before the stage starts (Markdown).")
    typical_duration: Text | None = Field(default=None, description=(
        "How long it usually takes, such as \"2-4 weeks\"; `run` reads the upper end."))
    activities: list[Activity] = Field(min_length=1, description=(
        "The work of the stage, each with its RACI roles (at least one)."))
    deliverables: list[Deliverable] = Field(default=[], description="What the stage produces.")
    key_questions: list[Text] = Field(default=[], description="The questions the stage must answer, one line each.")
    gate: Gate | None = Field(default=None, description="The decision at the end of the stage.")
    pitfalls: list[Pitfall] = Field(default=[], description="Common mistakes in this stage.")
    checklists: list[ChecklistId] = Field(default=[], description=(
        "Checklist ids in the order of the work; the site, the printed pack and runs follow it."))
    requires: list[DeliverableId] = Field(default=[], description=(
        "Deliverable ids (of this stage or earlier ones) the work needs."))


# --- roles --------------------------------------------------------------------------------


class Duty(Strict):
    stage: StageId = Field(description="The stage (a stage id).")
    duty: Markdown = Field(description="What the role does in that stage (Markdown).")


class Role(Entity):
    level: Level = Field(description="Its level in the organisation: executive, management, operational or everyone.")
    order: int = Field(default=100, ge=0, le=999, description=(
        "Where it is listed (0-999, default 100): roles are listed by order, then by title."))
    summary: Text = Field(description="One sentence: what the role is for.")
    description: Markdown = Field(default="", description="What the role does, in a short paragraph (Markdown).")
    is_: list[Text] = Field(default=[], alias="is", description="What the role is, one line each (key `is`).")
    is_not: list[Text] = Field(default=[], description="Common misunderstandings of the role, one line each.")
    duties: list[Duty] = Field(default=[], description="What the role does at each stage.")
    escalates_to: Annotated[Id, Ref("roles", pass_by=True, also=("contacts",))] | None = Field(default=None, description=(
        "Whom it turns to when something is stuck: a role id, or a contact id from playbook.yml."))
    escalation: Markdown = Field(default="", description="When and how to escalate (Markdown).")

    model_config = ConfigDict(populate_by_name=True, extra="forbid", frozen=True, coerce_numbers_to_str=True)


# --- checklists ---------------------------------------------------------------------------


class Mode(str, Enum):
    read_do = "READ-DO"
    do_confirm = "DO-CONFIRM"


class ChecklistItem(Strict):
    text: Text = Field(description="A short statement someone can confirm.")
    # Optional in the model so the linter can warn (not fail) when it is missing.
    owner: RoleId | None = Field(default=None, description=(
        "The role that confirms it (a role id; the linter warns without one)."))
    note: Text | None = Field(default=None, description="A short note printed under the item.")


# A span of time for run schedules: a number of days or weeks ("7d", "2w").
Span = Annotated[str, StringConstraints(pattern=r"^[1-9][0-9]{0,2}[dw]$")]


def span_days(span: str) -> int:
    return int(span[:-1]) * (7 if span.endswith("w") else 1)


class Schedule(Strict):
    """When a stage run dates this checklist: an offset from the stage's start or end, optionally repeated."""

    after_start: Span | None = Field(default=None, description="Due this long after the stage starts: `3d`, `2w`.")
    before_end: Span | None = Field(default=None, description="Due this long before the stage ends (its gate): `7d`.")
    every: Span | None = Field(default=None, description=(
        "Repeat this often until the stage ends, from the offset (or from the start plus one interval): `1w`, `14d`."))

    @model_validator(mode="after")
    def _one_anchor(self):
        if self.after_start and self.before_end:
            raise ValueError("give either after_start or before_end, not both")
        if not (self.after_start or self.before_end or self.every):
            raise ValueError("give after_start, before_end or every")
        return self


class Checklist(Entity):
    stage: StageId = Field(description="The stage it belongs to (a stage id).")
    owner: RoleId | None = Field(default=None, description="The role that runs the checklist (a role id).")
    pause_point: Text | None = Field(default=None, description="The moment in the work when the checklist is used.")
    mode: Mode | None = Field(default=None, description=(
        "READ-DO (read aloud, do step by step) or DO-CONFIRM (work from memory, then confirm)."))
    purpose: Markdown = Field(default="", description="What the checklist protects against (Markdown).")
    items: list[ChecklistItem] = Field(min_length=1, description="The items, at least one (the linter warns past 9).")
    requires: list[DeliverableId] = Field(default=[], description=(
        "Deliverable ids it checks or needs (of its stage or earlier ones)."))
    allow_continuation: bool = Field(default=False, description=(
        "Allow it to run over one printed page (otherwise an error)."))
    schedule: Schedule | None = Field(default=None, description=(
        "When a stage run dates it; without one, the stage's checklists are spread evenly."))


# --- glossary, pages, sources -------------------------------------------------------------


class Term(Entity):
    """A glossary term; `title` is the term as readers see it."""

    definition: Markdown = Field(description="What the term means in this playbook (Markdown).")
    aliases: list[Text] = Field(default=[], description=(
        "Other names and forms for the same term (plurals are found on their own)."))
    see_also: list[TermId] = Field(default=[], description="Related term ids.")
    source: SourceId | None = Field(default=None, description="The cited work the definition comes from (a source id).")


class Section(str, Enum):
    start = "start"  # audience entry pages ("Start here")
    guide = "guide"  # background: what alliances are, why they fail
    reference = "reference"


class Page(Entity):
    """A free Markdown page, such as an audience entry page or a background essay."""

    section: Section = Field(default=Section.guide, description=(
        "start (audience entry pages), guide (background) or reference."))
    order: int = Field(default=100, ge=0, le=999, description=(
        "Its place in its section (0-999, default 100), then by id."))
    summary: Text | None = Field(default=None, description="One sentence: what a reader finds on the page.")
    body: Markdown = Field(description="The page's text (Markdown).")
    sources: list[SourceId] = Field(default=[], description="Cited works (source ids), listed under the page.")


class Source(Entity):
    """A cited work; `title` is the work's title."""

    author: Text = Field(description="The author or organisation.")
    year: int | None = Field(default=None, ge=1900, le=2100, description="The year of publication (1900-2100).")
    publisher: Text | None = Field(default=None, description="The publisher.")
    url: Url | None = Field(default=None, description="Where to read it (http:// or https://).")
    note: Markdown = Field(default="", description="What the work is good for (Markdown).")


class CaseStudy(Entity):
    """A worked story the playbook teaches from, with findings sorted like a gate review."""

    summary: Text = Field(description="One sentence: what happened.")
    situation: Markdown = Field(description="Where things stood and who was involved (Markdown).")
    approach: Markdown = Field(description="What the team did (Markdown).")
    findings: list[Finding] = Field(min_length=1, description=(
        "What was found, sorted like a gate review (at least one)."))
    conversation: Markdown = Field(default="", description="A key conversation, written out (Markdown).")
    outcome: Markdown = Field(description="How it ended (Markdown).")
    lessons: list[Text] = Field(default=[], description="What to do differently, one line each.")
    discussion_questions: list[Text] = Field(min_length=1, description=(
        "Questions for a training session (at least one)."))
    stages: list[StageId] = Field(default=[], description="The stages it illustrates (stage ids).")
    roles: list[RoleId] = Field(default=[], description="The roles it concerns (role ids).")
    sources: list[SourceId] = Field(default=[], description="Cited works (source ids).")
