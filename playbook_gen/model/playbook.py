"""The playbook file (`content/playbook.yml`): title, version, audiences, tiers, vocabulary, languages."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field, StringConstraints

from .base import (AssessmentId, ChecklistId, Id, Level, Markdown, PageId, PathId, RoleId, Strict, Text, Url)


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


class SubjectForms(Strict):
    """What the playbook is about, in one language: "partnership", "partnerships", "a partnership", "the partnership"."""

    singular: Text = Field(description='The subject in the singular ("partnership").')
    plural: Text = Field(description='The subject in the plural ("partnerships").')
    a: Text | None = Field(default=None, description=(
        "With its indefinite article (\"a partnership\"); English picks a/an when left out."))
    the: Text | None = Field(default=None, description=(
        'With its definite article ("the partnership", "het partnerschap", "die Partnerschaft").'))


class Subject(SubjectForms):
    """The playbook's subject, in the playbook's language, with its forms in other languages under `translations`."""

    translations: dict[Language, SubjectForms] = Field(default={}, description=(
        "The subject's forms in the playbook's other languages, by language tag."))

    def forms(self, language: str) -> SubjectForms:
        return self.translations.get(language, self)


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
    subject: Subject | None = Field(default=None, description=(
        "What the playbook is about (singular, plural, article forms, per language); none: the catalogue's word."))
    is_: list[Text] = Field(default=[], alias="is", description=(
        "What the subject is, one line each (shown on the home page)."))
    is_not: list[Text] = Field(default=[], description="What the subject is not, one line each (shown on the home page).")
    # The old names, still read with a notice pointing to `playbook-gen migrate`; exports name the new fields only.
    alliances_are: list[Text] = Field(default=[], exclude=True, description="Old name of `is` (run playbook-gen migrate).")
    alliances_are_not: list[Text] = Field(default=[], exclude=True, description=(
        "Old name of `is_not` (run playbook-gen migrate)."))
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

    @property
    def what_it_is(self) -> list[str]:
        return list(self.is_ or self.alliances_are)

    @property
    def what_it_is_not(self) -> list[str]:
        return list(self.is_not or self.alliances_are_not)
