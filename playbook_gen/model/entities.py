"""The playbook file and the core entity kinds: stages, roles, checklists, glossary terms, pages, sources, cases.

Prose fields are Markdown; plain-text fields (titles, item texts) are shown as text, never as HTML.
Reference fields are typed with the kind they point at (`RoleId`, `StageId`, ...); `check/validate.py`
checks that they point at something. Each kind is declared once, in `kinds.py`.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated

from pydantic import ConfigDict, Field, StringConstraints, model_validator

from .base import (AssessmentId, ChecklistId, DeliverableId, Entity, GateOutcomeKind, Id, Level, Markdown, PageId, PathId,
                   Ref, RoleId, SourceId, StageId, Strict, TermId, Text, TierId, Url)


# --- playbook -----------------------------------------------------------------------------


# A Material icon name as pymdownx.emoji writes it without the colons: "material-account-tie".
Icon = Annotated[str, StringConstraints(pattern=r"^(material|fontawesome-(solid|regular|brands)|octicons|simple)-[a-z0-9-]+$",
                                        max_length=100)]


class Audience(Strict):
    id: Id = Field(description="The audience's id, named in entities' `audiences` and by `--audience`.")
    title: Text = Field(description="The audience as readers see it.")
    level: Level = Field(
        description="Which level of the organisation it is: executive, management, operational or everyone.")
    description: Markdown = Field(default="", description="Who belongs to it (Markdown).")
    start_page: PageId | None = Field(default=None, description="The page this audience should read first (a page id).")
    icon: Icon | None = Field(default=None, description="A Material icon shown on the home page's audience card (e.g. material-compass).")
    summary: Text | None = Field(default=None, description="The card's one line on the home page.")
    paths: list[PathId] = Field(default=[], description=(
        "Learning paths its start page and the chooser link (learning-path ids)."))
    checklists: list[ChecklistId] = Field(default=[], description=(
        "Checklists the audience uses most, the first the main tool (checklist ids)."))
    assessments: list[AssessmentId] = Field(default=[], description="Assessments the audience uses (assessment ids).")


class StartHere(Strict):
    """The home page's "Just agreed a partnership?" box; its link opens the chooser page (every audience)."""

    title: Text = Field(description="The box's heading.")
    text: Markdown = Field(default="", description="What the box says (Markdown).")
    link: Text = Field(description="The words of the link to the chooser page.")


class Change(Strict):
    version: Text = Field(description="The playbook version this change came with.")
    date: dt.date = Field(description="When it was published (YYYY-MM-DD).")
    summary: list[Text] = Field(description="What changed, one line each.")


class Tier(Strict):
    """A partnership tier (by size and risk); every gate names its decider for each tier the playbook declares."""

    id: Id = Field(description="The tier's id, named by gate deciders.")
    title: Text = Field(description="The tier as readers see it.")
    description: Markdown = Field(default="", description="What the tier covers (Markdown).")
    signs: list[Text] = Field(default=[], description="How to recognise a partnership of this tier, one line each.")


Host = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$",
                                        max_length=253)]


class Contact(Strict):
    """Someone outside the playbook's roles that a role may escalate to (the chief revenue officer, a partner's
    board): shown by title, without a page or a link."""

    id: Id = Field(description="The contact's id, which a role's `escalates_to` may name (not a role's id).")
    title: Text = Field(description="Who it is, as readers see it (shown without a link): \"Chief revenue officer\".")
    description: Markdown = Field(default="", description="What they decide or are asked for (Markdown).")


class SourceHosts(Strict):
    """Where the playbook's sources may link: canonical hosts pass; secondary ones pass with a notice; others warn."""

    canonical: list[Host] = Field(default=[], description="Hosts a source's `url` may use without a warning.")
    secondary: list[Host] = Field(default=[], description=(
        "Hosts of secondary summaries: allowed, with a notice to link the original if it exists."))


# A language tag as Material's theme.language takes it: "en", "nl", "pt-BR".
Language = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")]


class TranslationSettings(Strict):
    require_complete: bool = Field(default=False, description=(
        "Fail `check` and builds unless every text field has a translation in every language (else a notice)."))


class Playbook(Strict):
    title: Text = Field(description="The playbook's title (the site name unless branding sets one).")
    organisation: Text | None = Field(default=None, description=(
        "The organisation the playbook is for, shown beside the version; left out when not set."))
    version: Text = Field(description="The playbook's version, shown on the site and printed documents.")
    owner: RoleId = Field(description="The role that keeps the playbook (a role id).")
    summary: Text | None = Field(default=None, description="The home page's short statement, above everything else.")
    description: Markdown = Field(default="", description="The home page's introduction (Markdown).")
    start_here: StartHere | None = Field(default=None, description=(
        "The home page's prominent box for readers who have just agreed a partnership; links the chooser page."))
    alliances_are: list[Text] = Field(default=[], description=(
        "What a partnership is, one line each (shown on the home page)."))
    alliances_are_not: list[Text] = Field(default=[], description=(
        "What a partnership is not, one line each (shown on the home page)."))
    audiences: list[Audience] = Field(default=[], description=(
        "The audiences the playbook is written for; entities name them in `audiences`."))
    site_url: Url | None = Field(default=None, description=(
        "Where the site is published (http:// or https://); printed documents link to it."))
    changes: list[Change] = Field(default=[], description="The change log, newest first.")
    tiers: list[Tier] = Field(default=[], description=(
        "Partnership tiers by size and risk; with tiers, every gate names a decider per tier."))
    contacts: list[Contact] = Field(default=[], description=(
        "People outside the playbook's roles whom a role may escalate to (a title, no page)."))
    source_hosts: SourceHosts | None = Field(default=None, description=(
        "The allow-list for source web addresses (default: the linter's built-in list)."))
    language: Language = Field(default="en", description="The language the content files are written in (e.g. en, nl).")
    languages: list[Language] = Field(default=[], description=(
        "Every language the site is built in; translations sit beside their originals as <file>.<lang>.yml."))
    translations: TranslationSettings = Field(default=TranslationSettings(), description=(
        "How translations are checked (require_complete: an incomplete translation is an error)."))


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
