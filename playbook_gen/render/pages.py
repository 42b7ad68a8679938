"""The playbook as pages: which page each entity gets, the navigation, and the rendered Markdown."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..derive import role_view, raci
from ..freshness import reviews
from ..model import Content
from .env import make_env, render
from .diagram import figure
from .terms import TermLinks
from .training import training_nav

SECTION_TITLES = {"start": "Start here", "guide": "Alliances explained", "reference": "Reference"}


def entity_path(kind: str, entity) -> str:
    """Docs-relative path (with #anchor for entities that share a page) of an entity."""
    ident = entity.id
    if kind == "stages":
        return f"lifecycle/{ident}.md"
    if kind == "roles":
        return f"roles/{ident}.md"
    if kind == "checklists":
        return f"checklists/{ident}.md"
    if kind == "glossary":
        return f"reference/glossary.md#{ident}"
    if kind == "sources":
        return f"reference/sources.md#{ident}"
    if kind == "case_studies":
        return f"cases/{ident}.md"
    if kind == "pages":
        return f"{entity.section.value}/{ident}.md"
    if kind == "assessments":
        return f"assessments/{ident}.md"
    if kind == "learning_paths":
        return f"training/paths/{ident}.md"
    if kind == "modules":
        return f"training/modules/{ident}.md"
    raise KeyError(kind)


@dataclass
class Rendered:
    """Everything the engine needs, in memory: docs files by path, and the navigation."""

    files: dict[str, bytes] = field(default_factory=dict)
    nav: list = field(default_factory=list)


class Derived:
    """Reverse indexes computed once from the content, so no fact is written twice."""

    def __init__(self, content: Content):
        self.stages = content.ordered("stages")
        self.checklists_by_stage: dict[str, list] = {s.id: [] for s in self.stages}
        for cl in content.ordered("checklists"):
            self.checklists_by_stage.setdefault(cl.stage, []).append(cl)
        for s in self.stages:
            for extra in s.checklists:
                cl = content.checklists[extra]
                if cl not in self.checklists_by_stage[s.id]:
                    self.checklists_by_stage[s.id].append(cl)
        self.stage_number = {s.id: n for n, s in enumerate(self.stages, 1)}
        self.checklists_owned: dict[str, list] = {}
        for cl in content.ordered("checklists"):
            if cl.owner:
                self.checklists_owned.setdefault(cl.owner, []).append(cl)
        # Role views and the RACI matrix (derive.py): read back from stages, checklists and roles.
        self.role_views = {r.id: role_view(content, r) for r in content.ordered("roles")}
        self.raci = raci(content)


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


def render_site(content: Content, project: Path, options=None) -> Rendered:
    """Render every page to Markdown. Pure: reads templates, writes nothing."""
    if options is None:  # templates always see options; a plain render gets the default build's
        from ..pipeline import Options

        options = Options()
    env = make_env(project)
    out = Rendered()
    derived = Derived(content)
    term_links = TermLinks(content)

    def diagram(page_path: str) -> str:  # the lifecycle SVG, its links relative to the page it is on
        return figure(derived.stages, page_path, lambda s: entity_path("stages", s))

    def resolve(kind: str, ident: str) -> tuple[str, str]:
        entity = content.entities[kind][ident]
        return entity_path(kind, entity), entity.title

    def page(path: str, template: str, **ctx) -> str:
        text = render(env, template, page_path=path, resolve=resolve, playbook=content.playbook,
                      content=content, derived=derived, options=options, diagram=diagram, **ctx)
        out.files[path] = tidy(term_links(path, text)).encode("utf-8")
        return path

    out.nav.append({"Home": page("index.md", "home.md")})

    sections = {}
    for section, title in SECTION_TITLES.items():
        pages = [p for p in content.ordered("pages") if p.section.value == section]
        sections[section] = [{p.title: page(entity_path("pages", p), "page.md", page=p)} for p in pages]
    if content.sources:
        sections["reference"].insert(0, {"Sources": page("reference/sources.md", "sources.md")})
    if content.glossary:
        sections["reference"].insert(0, {"Glossary": page("reference/glossary.md", "glossary.md")})
    due = reviews(content)  # ownership and freshness (freshness.py), and the playbook's own history
    if due:
        sections["reference"].append({"Content due for review": page("reference/review.md", "review.md", reviews=due)})
    if content.playbook.changes:
        sections["reference"].append({"Change log": page("reference/changes.md", "changes.md")})
    out.nav += [{SECTION_TITLES[s]: sections[s]} for s in ("start", "guide") if sections[s]]

    stages = content.ordered("stages")
    out.nav.append({"Lifecycle": [page("lifecycle/index.md", "lifecycle.md")]
                    + [{s.title: page(entity_path("stages", s), "stage.md", stage=s)} for s in stages]})
    roles = content.ordered("roles")
    out.nav.append({"Roles": [page("roles/index.md", "roles.md"), {"RACI matrix": page("roles/raci.md", "raci.md")}]
                    + [{r.title: page(entity_path("roles", r), "role.md", role=r)} for r in roles]})
    checklists = content.ordered("checklists")
    out.nav.append({"Checklists": [page("checklists/index.md", "checklists.md")]
                    + [{c.title: page(entity_path("checklists", c), "checklist.md", checklist=c)} for c in checklists]
                    + [{a.title: page(entity_path("assessments", a), "assessment.md", assessment=a)}
                       for a in content.ordered("assessments")]})
    cases = content.ordered("case_studies")
    if cases:
        out.nav.append({"Case studies": [page("cases/index.md", "cases.md")]
                        + [{c.title: page(entity_path("case_studies", c), "case.md", case=c)} for c in cases]})
    out.nav += training_nav(content, page)
    if sections["reference"]:
        out.nav.append({SECTION_TITLES["reference"]: sections["reference"]})
    out.nav = compact_nav(out.nav)
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
