"""The playbook as pages: every entity's page (from its kind's declaration), the index pages and the menu.

Pure: templates are read, nothing is written. The menu follows `SECTIONS`; a kind joins a section with its
`section` field, and a kind the structure does not know gets a section of its own, so a new kind is on the
site (page, menu, search) without an edit here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..check.freshness import reviews
from ..derive.indexes import Derived
from ..i18n import N_, _, say
from ..model import KINDS, Content
from ..options import Options
from .diagram import figure
from .env import make_env, render
from .terms import Glossary, TermLinks
from .training import HELPERS, modules_in_order

# Menu sections of entity pages, in menu order: key -> (title, index page, index template).
SECTIONS = {
    "lifecycle": (N_("Lifecycle"), "lifecycle/index.md", "lifecycle.md"),
    "roles": (N_("Roles"), "roles/index.md", "roles.md"),
    "checklists": (N_("Checklists"), "checklists/index.md", "checklists.md"),
    "toolkit": (N_("Toolkit"), "toolkit/index.md", "toolkit.md"),
    "cases": (N_("Case studies"), "cases/index.md", "cases.md"),
    "training": (N_("Training"), "training/index.md", "training.md"),
}
# Free pages (`pages` kind) sit in these by their own `section` field.
# Titles are msgids (translated, with the subject's words, where the menu is made).
PAGE_SECTIONS = {"start": N_("Start here"), "guide": N_("%(Subjects)s explained"), "reference": N_("Reference")}


def entity_path(kind: str, entity) -> str:
    """Docs-relative path (with #anchor for entities that share a page) of an entity."""
    return KINDS[kind].page_of(entity)


@dataclass
class Rendered:
    """Everything the engine needs, in memory: docs files by path, and the navigation."""

    files: dict[str, bytes] = field(default_factory=dict)
    nav: list = field(default_factory=list)


_BLOCK_START = re.compile(r"^(#{1,6} |!!! |\?\?\?|<div)")


def tidy(markdown: str) -> str:
    """Normalise blank lines so template whitespace cannot change Markdown structure.

    One blank line at most between blocks, and always one around headings and admonitions.
    Fenced code from prose is left exactly as written.
    """
    out: list[str] = []
    fence = None
    for line in markdown.splitlines():
        stripped = line.lstrip()
        if fence:
            out.append(line)
            if stripped.startswith(fence):
                fence = None
            continue
        if stripped.startswith(("```", "~~~")):
            fence = stripped[:3]
        if not line.strip():
            if out and out[-1] != "":
                out.append("")
            continue
        if _BLOCK_START.match(line) and out and out[-1] != "":
            out.append("")
        if out and out[-1] != "" and _BLOCK_START.match(out[-1]) and out[-1].startswith("#"):
            out.append("")
        out.append(line)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"


def render_site(content: Content, project: Path, options: Options = Options(), only: set[str] | None = None) -> Rendered:
    """Render every page to Markdown (or only the docs paths in `only`; the menu is always whole). Pure: reads
    templates, writes nothing."""
    env = make_env(project)
    out = Rendered()
    derived = Derived(content)
    term_links = TermLinks(content)
    glossary = Glossary(content)

    def diagram(page_path: str) -> str:  # the lifecycle SVG, its links relative to the page it is on
        return figure(derived.stages, page_path, lambda s: entity_path("stages", s))

    def resolve(kind: str, ident: str) -> tuple[str, str]:
        entity = content.entities[kind][ident]
        return entity_path(kind, entity), entity.title

    def page(path: str, template: str, /, **ctx) -> str:  # positional: a kind may show its entity as `template`
        if only is not None and path not in only:
            return path
        text = render(env, template, page_path=path, resolve=resolve, playbook=content.playbook, content=content,
                      derived=derived, options=options, diagram=diagram, training=HELPERS, glossary=glossary, **ctx)
        out.files[path] = tidy(term_links(path, text)).encode("utf-8")
        return path

    def entity_page(kind: str, entity) -> dict:
        k = KINDS[kind]
        return {entity.title: page(k.page_of(entity), k.template, entity=entity, **{k.var: entity})}

    out.nav.append({_("Home"): page("index.md", "home.md")})
    free = {s: [entity_page("pages", p) for p in content.ordered("pages") if p.section.value == s] for s in PAGE_SECTIONS}
    # A reader's build (--audience) leaves out the pages about keeping the playbook (review dates, change log).
    about = [] if options.audience else _project_pages(content, page)
    reference = _reference_pages(content, page) + free["reference"] + about
    if content.playbook.audiences:  # the chooser: every audience's way in, opened by the home page's "Start here"
        free["start"].insert(0, page("start/index.md", "start.md"))
    out.nav += [{say(PAGE_SECTIONS[s]): free[s]} for s in ("start", "guide") if free[s]]
    out.nav += _entity_sections(content, page, entity_page)
    if reference:
        out.nav.append({_(PAGE_SECTIONS["reference"]): reference})
    out.nav = compact_nav(out.nav)
    return out


def pages_changed(before: Content, after: Content) -> set[str] | None:
    """The docs pages of the entities an edit changed or added (the glossary or sources page for a term or
    source), or None when the edit reaches further than entity pages: the playbook file, a removed entity.
    Pages that only show or link a changed entity are not in the set; serve renders them right after."""
    if before.playbook != after.playbook:
        return None
    pages = set()
    for kind, entities in after.entities.items():
        old = before.entities.get(kind, {})
        if old.keys() - entities.keys():
            return None
        for ident, entity in entities.items():
            if old.get(ident) != entity:
                if KINDS[kind].page is None:
                    return None
                pages.add(entity_path(kind, entity).partition("#")[0])
    return pages if before.entities.keys() <= after.entities.keys() else None


def _entity_sections(content: Content, page, entity_page) -> list:
    """One menu section per entry of SECTIONS (and per section key only a new kind uses), in menu order."""
    keys = list(SECTIONS) + [k.section for k in KINDS.values() if k.section and k.section not in SECTIONS]
    nav = []
    for key in dict.fromkeys(keys):
        kinds = [k for k in KINDS.values() if k.section == key and k.template]
        if not any(content.entities.get(k.key) for k in kinds) and key not in ("lifecycle", "roles", "checklists"):
            continue  # an empty optional section (no case studies, no training) is left out
        title, index, template = SECTIONS.get(key, (kinds[0].plural.capitalize(), None, None))
        title = _(title)
        entries: list = [page(index, template, **_index_context(content, key))] if index else []
        if key == "roles":
            entries.append({_("RACI matrix"): page("roles/raci.md", "raci.md")})
        for k in kinds:
            pages = [entity_page(k.key, e) for e in _in_menu_order(content, k.key)]
            entries += [{_(k.group): pages}] if k.group else pages
        if key == "training":  # the reader's own results, from the browser's stored quiz answers
            entries.append({_("My progress"): page("training/progress.md", "progress.md", **_index_context(content, key))})
        nav.append({title: entries})
    return nav


def _in_menu_order(content: Content, kind: str) -> list:
    # Modules are listed as the learning paths teach them, not by id.
    return modules_in_order(content) if kind == "modules" else content.ordered(kind)


def _index_context(content: Content, key: str) -> dict:
    if key == "training":
        return {"paths": content.ordered("learning_paths"), "modules": modules_in_order(content)}
    return {}


def _reference_pages(content: Content, page) -> list:
    """Pages shared by all entities of a kind: the glossary and the list of sources."""
    out = []
    if content.glossary:
        out.append({_("Glossary"): page("reference/glossary.md", "glossary.md")})
    if content.sources:
        out.append({_("Sources"): page("reference/sources.md", "sources.md")})
    return out


def _project_pages(content: Content, page) -> list:
    """Pages about the playbook itself: what is due for review (freshness) and its change log."""
    out = []
    due = reviews(content)
    if due:
        out.append({_("Content due for review"): page("reference/review.md", "review.md", reviews=due)})
    if content.playbook.changes:
        out.append({_("Change log"): page("reference/changes.md", "changes.md")})
    return out


# Material renders a section's whole list into every page of it: past this many entries a section that has
# an index page (which lists its entries anyway) keeps only that page in the menu, so page size stays flat
# as a playbook grows. Every page is still built, searchable and linked from its index.
NAV_SECTION_LIMIT = 50


def compact_nav(nav: list, limit: int = NAV_SECTION_LIMIT) -> list:
    out = []
    for entry in nav:
        if isinstance(entry, dict):
            (title, value), = entry.items()
            if isinstance(value, list):
                value = compact_nav(value, limit)
                has_index = bool(value) and isinstance(value[0], str)
                if has_index and len(value) > limit:
                    value = [e for e in value if isinstance(e, str) or isinstance(next(iter(e.values())), list)]
            entry = {title: value}
        out.append(entry)
    return out
