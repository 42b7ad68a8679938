"""The pipeline: load → check → derive → render → export → write → engine build → site exports → publish.

The orchestrator: load to export in memory; each step's package knows nothing of the later ones (see docs/internals.md).
"""

from __future__ import annotations

import os
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import i18n
from .check import validate
from .check.lint import lint
from .check.translations import check_translations
from .derive.audience import for_audience
from .errors import ContentError, Issue, ProjectError
from .export.jobs import Job, prune_cache, run_jobs
from .export.json_export import to_json
from .export.kinds import kind_jobs, kind_site_jobs
from .load.loader import Loaded, load
from .load.parse_cache import ParseCache
from .load.site_config import SiteConfig, check_engine_settings, load_site_config, site_dir_of
from .options import Options
from .publish import current, engine, languages
from .publish.dates import source_date_epoch
from .publish.swap import build_lock, check_replaceable, clean_leftovers, is_empty, is_ours, mark, publish, remove_ours, staging_dir
from .publish.write import sync_tree, write_if_changed
from .render.config import THEME_DIR, compose, dump
from .render.fit import page_fit, read_memo, write_memo
from .render.pages import render_site

WORK_DIR = "build"
PARSED = "parsed.json"  # in WORK_DIR: the parse cache
PAGE_COUNTS = "page-counts.json"  # in WORK_DIR
EXPORT_CACHE = "cache"  # in WORK_DIR


@dataclass
class Checked:
    loaded: Loaded
    site: SiteConfig
    warnings: list[Issue] = field(default_factory=list)
    # Caches a successful build saves at its end (a failed build writes nothing): parsed files, page counts.
    parse_cache: ParseCache | None = None
    page_counts: dict[str, int] | None = None
    editions: dict = field(default_factory=dict)  # language -> check/translations.Edition (the other languages)

    def save_caches(self, work: Path) -> None:
        if self.parse_cache:
            self.parse_cache.save()
        if self.page_counts is not None:
            write_memo(work / PAGE_COUNTS, self.page_counts)


class Memory:
    """Parsed files and checklist page counts kept in memory between runs in one process (serve)."""

    def __init__(self):
        self.parse_cache = ParseCache(None)
        self.page_counts: dict[str, int] = {}

    def keep(self) -> None:
        self.parse_cache.next_run()


@dataclass
class BuildResult:
    site_dir: Path
    pages: int
    docs_written: list[str]
    exports_generated: list[str]
    warnings: list[Issue]


# Exporters: (content, project, site config, options) -> list[Job]. Their outputs join the docs tree.
# Each kind's own exporters come from its declaration (Kind.exporters, export/kinds.py); these lists add others.
EXPORTERS: list = []
# Exporters that read the built site: (content, project, site config, options, built site dir) -> list[Job].
# They run after the engine build, before publishing; their outputs join the built site.
SITE_EXPORTERS: list = []


def check(project: Path, *, strict: bool = False, cached: bool = False, memory: Memory | None = None,
          layout: bool = True) -> Checked:
    """Load and validate everything; raise one ContentError with every problem. Warnings are errors if strict.

    `cached` reuses parsed files from build/parsed.json when playbook-gen created build/ (builds do; `check` does not);
    a cache that is damaged or not this user's is ignored with a notice. `memory` keeps parsed files and page
    counts in memory between runs instead (serve does), so an edit re-parses only the file that changed.
    `layout=False` skips laying out printed sheets (the one-page rule); serve does, builds never.
    """
    project = Path(project)
    issues: list[Issue] = []
    loaded = site = page_counts = None
    editions: dict = {}
    work = project / WORK_DIR
    cache = ParseCache(work / PARSED, f"{WORK_DIR}/{PARSED}") if cached and is_ours(work) else None
    partial = None
    if memory is not None:
        cache = memory.parse_cache
    try:
        loaded = load(project, cache)
    except ContentError as exc:
        issues += exc.issues
        partial = exc.partial  # the files that did load are still checked, so every problem shows in one run
    try:
        site = load_site_config(project)
    except ContentError as exc:
        issues += exc.issues
    issues += check_engine_settings(project)
    if cache:
        issues += cache.notices
    if partial is not None:
        issues += validate.check(partial) + lint(partial)
    if loaded is not None:
        # Everything rendered from here on (the page-fit layout below, pages, exports, runs) speaks its language.
        i18n.activate(loaded.content.playbook.language, loaded.content.playbook.subject)
        issues += validate.check(loaded)
        issues += lint(loaded)
        found, editions = check_translations(project, loaded, cache)
        issues += found
        if layout and site is not None and not any(i.severity == "error" for i in issues):  # lay out only valid content
            if memory is not None:
                page_counts = memory.page_counts
            elif cache:
                page_counts = read_memo(work / PAGE_COUNTS, issues, f"{WORK_DIR}/{PAGE_COUNTS}")
            issues += page_fit(loaded, site, project, page_counts)
    # Notices (overdue reviews) never fail, strict or not: they depend on today's date, not on the input.
    errors = [i for i in issues if i.severity == "error" or (strict and i.severity == "warning")]
    if memory is not None:
        memory.keep()
    if errors:
        raise ContentError(issues)
    return Checked(loaded, site, sorted(i for i in issues if i.severity != "error"), cache, page_counts, editions)


def work_dir(project: Path) -> Path:
    """build/ holds generated docs and caches; it must be ours (marked) or new."""
    work = Path(project) / WORK_DIR
    if work.exists() and not (is_ours(work) or is_empty(work)):
        raise ProjectError(f"{WORK_DIR}/ exists and was not created by playbook-gen; move it away first")
    work.mkdir(exist_ok=True)
    mark(work)
    return work


@dataclass
class Generated:
    """The generated project, in memory: docs tree, engine config and theme overrides."""

    docs: dict[str, bytes]
    config: dict
    pages: int
    theme: dict[str, bytes]  # path under the project's folder (theme/main.html) -> bytes
    partial: bool = False  # only some pages rendered (serve's first pass): the other docs on disk stay

    def write(self, root: Path) -> list[str]:
        """Write it into `root` (build/ or build/serve/), touching only what changed; returns the docs written."""
        report = sync_tree(root / "docs", self.docs, prune=not self.partial)
        sync_tree(root / THEME_DIR, {rel.removeprefix(f"{THEME_DIR}/"): data for rel, data in self.theme.items()})
        write_if_changed(root / "mkdocs.yml", dump(self.config).encode("utf-8"))
        return report.written


def generate(project: Path, checked: Checked, site_dir: Path, options: Options = Options(),
             only: set[str] | None = None) -> Generated:
    """Render the docs tree (or only the pages in `only`), engine config and theme overrides in memory; nothing
    is written."""
    content = checked.loaded.content
    rendered = render_site(content, project, options, only)
    config, assets, theme = compose(project, content, checked.site, rendered.nav, site_dir)
    return Generated({**rendered.files, **assets}, config, len(rendered.files), theme, partial=only is not None)


def for_options(checked: Checked, options: Options) -> Checked:
    """The checked project as the build's audience sees it; everything downstream (exports too) uses this."""
    if options.audience is None:
        return checked
    content = for_audience(checked.loaded.content, options.audience)
    return replace(checked, loaded=replace(checked.loaded, content=content))


def export_jobs(project: Path, checked: Checked, options: Options) -> list[Job]:
    if not options.pdf:
        return []
    content = checked.loaded.content
    return [*kind_jobs(content, project, checked.site, options),
            *(job for exporter in EXPORTERS for job in exporter(content, project, checked.site, options))]


def site_export_jobs(project: Path, checked: Checked, options: Options, built: Path) -> list[Job]:
    if not options.pdf:
        return []
    content = checked.loaded.content
    return [*kind_site_jobs(content, project, checked.site, options, built),
            *(job for exporter in SITE_EXPORTERS for job in exporter(content, project, checked.site, options, built))]


def build(project: Path, options: Options = Options(), *, progress=lambda msg: None,
          site_dir: Path | None = None, force: bool = False) -> BuildResult:
    """Build the site into its site_dir (or `site_dir`), replacing the previous site only when everything succeeded.
    When nothing the build reads has changed since the build that made the site, and the site is untouched, there
    is nothing to do (publish/current.py); `force` builds anyway."""
    project = Path(project).resolve()
    site = site_dir_of(project, site_dir)
    check_replaceable(site)  # fail before any work, not after the engine ran
    key = current.fingerprint(project, options, site)  # before reading: an edit made during the build is new next time
    work = project / WORK_DIR
    if not force and is_ours(work):
        with build_lock(work):
            done = current.unchanged(work, site, key)
        if done is not None:
            progress(f"nothing changed since the last build: {_shown(project, site)}/ is up to date (--force rebuilds)")
            return BuildResult(site, done[0], [], [], done[1])
    checked = for_options(check(project, strict=options.strict, cached=True), options)
    work = work_dir(project)
    with build_lock(work):
        current.forget(work, site)
        result = build_site(project, checked, options, site, work, work, progress)
        # Replayed by a build that finds nothing to do; notices about build/'s own caches belong to this run only.
        current.remember(work, site, key, result.pages, [w for w in result.warnings if not w.path.startswith(f"{WORK_DIR}/")])
        return result


def _shown(project: Path, site: Path) -> Path:
    return site.relative_to(project) if site.is_relative_to(project) else site


def build_site(project: Path, checked: Checked, options: Options, site: Path, work: Path, root: Path,
               progress=lambda msg: None) -> BuildResult:
    """One site from checked content (already the audience's view) into `site`, in each of its languages, the
    docs trees under `root` (build/, or a folder of its own per audience); the caller holds the build lock."""
    with source_date_epoch(project, checked):
        # Everything, in every language, is validated and rendered before the first byte is written.
        langs = [_render_language(project, checked, options, variant, root, site)
                 for variant in languages.variants(checked.loaded.content, checked.editions, options.audience)]
        progress(f"rendered {sum(r.generated.pages for r in langs)} pages, {sum(len(r.jobs) for r in langs)} exports")

        made, written = [], []
        for r in langs:
            with languages.interface(r.variant):
                made.append(run_jobs(r.jobs, work / EXPORT_CACHE, progress, shown=f"{WORK_DIR}/{EXPORT_CACHE}"))
            r.generated.docs.update(made[-1].outputs)
        clean_leftovers(site)
        for r in langs:
            docs = r.generated.write(r.root)
            written += docs if r.variant.default else []  # the report (and incremental builds) speak of the default
        staged_root = staging_dir(site)
        late_jobs = []
        try:
            staged = staged_root / "site"
            for r in langs:  # the default language first: its engine build empties the staging folder
                out = staged / r.variant.prefix
                progress(f"building site{'' if r.variant.default else ' (' + r.variant.lang + ')'}")
                engine.build(r.root / "mkdocs.yml", out)
                with languages.interface(r.variant):
                    jobs = site_export_jobs(project, r.checked, options, out)
                    made.append(run_jobs(jobs, work / EXPORT_CACHE, progress, shown=f"{WORK_DIR}/{EXPORT_CACHE}"))
                late_jobs += jobs
                for rel, data in {**r.exports, **made[-1].outputs}.items():
                    (out / rel).parent.mkdir(parents=True, exist_ok=True)
                    (out / rel).write_bytes(data)
            mark(staged)
            publish(staged, site)
        finally:
            remove_ours(staged_root)
        prune_cache(work / EXPORT_CACHE)  # by age and size: other audiences' and --no-pdf builds' entries stay
        checked.save_caches(work)
        progress(f"site ready in {_shown(project, site)}/")
    return BuildResult(site, langs[0].generated.pages, written, [p for m in made for p in m.generated],
                       checked.warnings + [n for m in made for n in m.notices])


@dataclass
class _Rendered:
    """One language's build, in memory: its content, where it is written, its docs, exports and engine config."""

    variant: languages.Variant
    checked: Checked
    root: Path  # build/ or build/languages/<lang>/
    generated: Generated
    jobs: list[Job]
    exports: dict[str, bytes]


def _render_language(project: Path, checked: Checked, options: Options, variant, base: Path, site: Path) -> _Rendered:
    if not variant.default:
        checked = replace(checked, loaded=replace(checked.loaded, content=variant.content))
    root = base / variant.work
    with languages.interface(variant):
        generated = generate(project, checked, Path(os.path.relpath(site / variant.prefix, root)), options)
        generated.config = languages.config_for(variant, generated.config)
        generated.docs = languages.mark_fallback(variant, generated.docs)
        jobs = export_jobs(project, checked, options)
        exports = {"playbook.json": to_json(checked.loaded.content, packages=options.pdf).encode("utf-8")}
    return _Rendered(variant, checked, root, generated, jobs, exports)


def clean(project: Path) -> list[Path]:
    """Remove what playbook-gen created: the site, build/ and leftovers. Unmarked folders are left alone."""
    project = Path(project).resolve()
    site = site_dir_of(project)
    work = project / WORK_DIR
    with build_lock(work) if is_ours(work) else nullcontext():  # never pull the floor from under a running build
        removed = clean_leftovers(site)
        for folder in (site, work):
            if remove_ours(folder):
                removed.append(folder)
    return removed


def write_run(files: dict[str, bytes], out_dir: Path) -> list[Path]:
    """Write a checklist run's files (export/runs.py) into `out_dir`, touching only those that changed."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        write_if_changed(out_dir / name, data)
    return [out_dir / name for name in files]
