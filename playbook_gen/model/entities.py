"""The playbook file and the core entity kinds: stages, roles, checklists, glossary terms, pages, sources, cases.

Prose fields are Markdown; plain-text fields (titles, item texts) are shown as text, never as HTML.
Reference fields are typed with the kind they point at (`RoleId`, `StageId`, ...); `check/validate.py`
checks that they point at something. Each kind is declared once, in `kinds.py`.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated

from pydantic import ConfigDict, Field, StringConstraints

from .base import (AssessmentId, ChecklistId, DeliverableId, Entity, GateOutcomeKind, Id, Level, Markdown, PageId, PathId,
                   Ref, RoleId, SourceId, StageId, Strict, TermId, Text, TierId, Url)


# --- playbook -----------------------------------------------------------------------------


# A Material icon name as pymdownx.emoji writes it without the colons: "material-account-tie".
Icon = Annotated[str, StringConstraints(pattern=r"^(material|fontawesome-(solid|regular|brands)|octicons|simple)-[a-z0-9-]+$",
                                        max_length=100)]


class Audience(Strict):
    id: Id
    title: Text
    level: Level
    description: Markdown = ""
    # The page this audience should read first (a `pages` id).
    start_page: PageId | None = None
    icon: Icon | None = None  # shown on the home page's audience card
    summary: Text | None = None  # the card's one line ("You decide which alliances we enter...")
    # What the audience's start page and the chooser link: its training, and the tools it uses most (first = main).
    paths: list[PathId] = []
    checklists: list[ChecklistId] = []
    assessments: list[AssessmentId] = []


class StartHere(Strict):
    """The home page's "Just agreed a partnership?" box; its link opens the chooser page (every audience)."""

    title: Text
    text: Markdown = ""
    link: Text  # the link's words


class Change(Strict):
    version: Text
    date: dt.date
    summary: list[Text]


class Tier(Strict):
    """An alliance tier (by size and risk); every gate names its decider for each tier the playbook declares."""

    id: Id
    title: Text
    description: Markdown = ""
    signs: list[Text] = []  # how to recognise an alliance of this tier


Host = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$",
                                        max_length=253)]


class SourceHosts(Strict):
    """Where the playbook's sources may link: canonical hosts pass; secondary ones pass with a notice; others warn."""

    canonical: list[Host] = []
    secondary: list[Host] = []  # secondary summaries: allowed, but flagged so an author links the original if it exists


Language = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]


class SubjectForms(Strict):
    """What the playbook is about, in one language: "partnership", "partnerships", "a partnership", "the partnership"."""

    singular: Text
    plural: Text
    a: Text | None = None  # with its indefinite article; English picks a/an when left out
    the: Text | None = None  # with its definite article ("the partnership", "het partnerschap", "die Partnerschaft")


class Subject(SubjectForms):
    """The playbook's subject, in the playbook's language, with its forms in other languages under `translations`."""

    translations: dict[Language, SubjectForms] = {}

    def forms(self, language: str) -> SubjectForms:
        return self.translations.get(language, self)


class Playbook(Strict):
    title: Text
    organisation: Text | None = None  # shown beside the version; left out when not set
    version: Text
    owner: RoleId  # who keeps the playbook
    summary: Text | None = None  # the home page's short statement, above everything else
    description: Markdown = ""
    # The interface language (a catalogue in playbook_gen/i18n/locale/) and what the playbook is about.
    language: Language = "en"
    subject: Subject | None = None  # none: the catalogue's word ("alliance", "alliantie", "Allianz")
    # What the subject is and is not, shown on the home page. `alliances_are`/`alliances_are_not` are the old
    # names, still read (with a notice pointing to `playbook-gen migrate`).
    is_: list[Text] = Field([], alias="is")
    is_not: list[Text] = []
    alliances_are: list[Text] = Field([], exclude=True)  # exports name the new fields only
    alliances_are_not: list[Text] = Field([], exclude=True)
    start_here: StartHere | None = None
    audiences: list[Audience] = []
    site_url: Url | None = None
    changes: list[Change] = []
    tiers: list[Tier] = []  # alliance tiers; none means every gate has a single `decision_maker`
    source_hosts: SourceHosts | None = None  # the allow-list for source URLs (check/lint_content.py has the default)

    @property
    def what_it_is(self) -> list[str]:
        return list(self.is_ or self.alliances_are)

    @property
    def what_it_is_not(self) -> list[str]:
        return list(self.is_not or self.alliances_are_not)


# --- lifecycle ----------------------------------------------------------------------------


class Activity(Strict):
    title: Text
    description: Markdown = ""
    responsible: list[RoleId] = Field(min_length=1)
    accountable: RoleId | None = None
    consulted: list[RoleId] = []
    informed: list[RoleId] = []


class Deliverable(Strict):
    id: Id | None = None  # lets stages, gates and checklists say they require it (unique across the playbook)
    title: Text
    description: Markdown = ""


class GateOutcome(Strict):
    outcome: GateOutcomeKind  # its meaning for the tooling: go, go-with-conditions, no-go (stop) or revisit
    id: Id | None = None  # the gate's own name for it, such as `exit`, with `label` as readers see it
    label: Text | None = None
    meaning: Markdown


class Decider(Strict):
    """Who decides a gate for alliances of one tier."""

    tier: TierId
    role: RoleId
    note: Text | None = None  # shown in brackets after the role: "with the board of directors for a joint venture"


class FindingKind(str, Enum):
    showstopper = "showstopper"
    manageable = "manageable"


class Finding(Strict):
    kind: FindingKind
    text: Text
    response: Markdown = ""


class Gate(Strict):
    title: Text
    decision_maker: RoleId | None = None  # the decider, when the playbook declares no tiers
    deciders: list[Decider] = []  # one per tier, when the playbook declares tiers
    question: Text
    criteria: list[Text] = Field(min_length=1)
    outcomes: list[GateOutcome] = Field(min_length=3)
    findings: list[Finding] = []
    requires: list[DeliverableId] = []  # deliverables the decision needs


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
    requires: list[DeliverableId] = []  # deliverables (of this stage or earlier ones) the work needs


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
    requires: list[DeliverableId] = []  # deliverables it checks or needs (of its stage or earlier ones)
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
