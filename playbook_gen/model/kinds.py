"""The kind registry: one declaration per entity kind, read by every step that handles kinds generically.

Loading (folder, model), messages (singular), prose links (link word), pages (page path, template), the JSON
export (where it is listed), exporters (downloads), schemas (file name), freshness (label) and `playbook-gen new`
all read these declarations; references are declared on the models themselves (see `base.Ref`) and walked by `refs.py`.
Adding a kind: a model class, one `Kind(...)` in `DEFAULT_KINDS`, a page template.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from ..i18n import N_
from .assessment import Assessment
from .base import Entity
from .entities import CaseStudy, Checklist, Page, Role, Source, Stage, Term
from .toolkit import Template
from .training import LearningPath, Module


@dataclass(frozen=True)
class Kind:
    key: str  # key in Content.entities, e.g. "stages"
    model: type[Entity]
    folder: str  # files live in content/<folder>/, one entity a file
    singular: str  # the kind in messages: "unknown stage 'x'", "duplicate stage id"
    plural: str  # several of them, for readers: "stages"
    label: str  # the kind as a heading or column value: "Stage"
    schema: str  # JSON Schema file name: schemas/<schema>.schema.json
    link: str | None = None  # prose link word: [text](stage:id); None when prose cannot link to it
    # The entity's page (a docs path; `{id}` is replaced), or its anchor on a shared page ("reference/glossary.md#{id}").
    page: str | Callable[[Entity], str] | None = None
    template: str | None = None  # the page template; None when the entities share one page
    var: str = "entity"  # the name the template sees the entity under (it also sees `entity`)
    new: bool = False  # `playbook-gen new <link word>` can write a starter file (skeletons/new/<word>.yml)
    export: tuple[str, ...] = ()  # where the JSON export lists it: ("stages",) or ("training", "paths"); default (key,)
    # reading order: "id", "order" (then id), "order-title" (order, then title), "title" (case-insensitive),
    # "stage" (lifecycle order)
    sort: str = "id"
    section: str | None = None  # the site menu section its pages are listed in (render/pages.py SECTIONS, or a new one)
    group: str | None = None  # a sub-heading for them inside that section
    # Its exporters (downloads made by the build, and where the JSON export lists them): "module:attribute" names
    # of export/kinds.Exporter objects, resolved by the export layer (the model never imports it), or the objects.
    exporters: tuple = ()

    def page_of(self, entity) -> str:
        if self.page is None:
            raise KeyError(f"{self.key} have no page")
        return self.page(entity) if callable(self.page) else self.page.format(id=entity.id)

    @property
    def export_path(self) -> tuple[str, ...]:
        return self.export or (self.key,)


EXPORT = "playbook_gen.export"  # where the default kinds' exporters live

DEFAULT_KINDS = [
    Kind("stages", Stage, "stages", "stage", "stages", "Stage", "stage", link="stage", page="lifecycle/{id}.md",
         template="stage.md", var="stage", new=True, sort="order", section="lifecycle"),
    Kind("roles", Role, "roles", "role", "roles", "Role", "role", link="role", page="roles/{id}.md",
         template="role.md", var="role", new=True, sort="order-title", section="roles"),
    Kind("checklists", Checklist, "checklists", "checklist", "checklists", "Checklist", "checklist", link="checklist",
         page="checklists/{id}.md", template="checklist.md", var="checklist", new=True, sort="stage", section="checklists",
         exporters=(f"{EXPORT}.checklists:CHECKLIST_PDFS",)),
    Kind("glossary", Term, "glossary", "glossary term", "glossary terms", "Glossary term", "term", link="term",
         page="reference/glossary.md#{id}", new=True, sort="title"),
    Kind("pages", Page, "pages", "page", "pages", "Page", "page", link="page",
         page=lambda p: f"{p.section.value}/{p.id}.md", template="page.md", var="page", new=True, sort="order"),
    Kind("sources", Source, "sources", "source", "sources", "Source", "source", link="source",
         page="reference/sources.md#{id}", new=True),
    Kind("case_studies", CaseStudy, "case-studies", "case study", "case studies", "Case study", "case-study",
         link="case", page="cases/{id}.md", template="case.md", var="case", new=True, section="cases"),
    Kind("learning_paths", LearningPath, "training/paths", "learning path", "learning paths", "Learning path",
         "learning-path", link="path", page="training/paths/{id}.md", template="path.md", var="learning_path",
         new=True, export=("training", "paths"), sort="order", section="training", group=N_("Learning paths"),
         exporters=(f"{EXPORT}.training:TRAINING", f"{EXPORT}.scorm:SCORM")),  # guides, decks and its modules' handouts
    Kind("modules", Module, "training/modules", "module", "modules", "Training module", "module", link="module",
         page="training/modules/{id}.md", template="module.md", var="module", new=True, export=("training", "modules"),
         section="training", group=N_("Modules")),
    Kind("assessments", Assessment, "assessments", "assessment", "assessments", "Assessment", "assessment",
         link="assessment", page="assessments/{id}.md", template="assessment.md", var="assessment", new=True,
         section="checklists", exporters=(f"{EXPORT}.checklists:SCORECARD_PDFS", f"{EXPORT}.scorecard_xlsx:SCORECARD_XLSX")),
    Kind("templates", Template, "templates", "template", "templates", "Template", "template", link="template",
         page="toolkit/{id}.md", template="template.md", var="template", new=True, sort="title", section="toolkit",
         exporters=(f"{EXPORT}.toolkit:TOOLKIT",)),
]


class Registry:
    """The kinds in declaration order (which is also their order in the JSON export and in freshness lists)."""

    def __init__(self, kinds: list[Kind]):
        self._kinds = {k.key: k for k in kinds}
        self.generation = 0  # bumped on every change, so callers can cache what they derive from the registry

    def __iter__(self) -> Iterator[str]:
        return iter(self._kinds)

    def __contains__(self, key) -> bool:
        return key in self._kinds

    def __getitem__(self, key: str) -> Kind:
        return self._kinds[key]

    def __len__(self) -> int:
        return len(self._kinds)

    def values(self) -> list[Kind]:
        return list(self._kinds.values())

    def items(self):
        return list(self._kinds.items())

    def by_link(self) -> dict[str, str]:
        """Prose link word -> kind key: {"stage": "stages", ...}."""
        return {k.link: k.key for k in self._kinds.values() if k.link}

    def register(self, kind: Kind) -> None:
        if kind.key in self._kinds:
            raise ValueError(f"kind '{kind.key}' is already registered")
        self._kinds[kind.key] = kind
        self.generation += 1

    def unregister(self, key: str) -> None:
        del self._kinds[key]
        self.generation += 1

    @contextmanager
    def registered(self, kind: Kind):
        """A kind for the duration of a block (tests, plug-ins)."""
        self.register(kind)
        try:
            yield kind
        finally:
            self.unregister(kind.key)


KINDS = Registry(DEFAULT_KINDS)
