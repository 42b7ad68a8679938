"""The pipeline: load -> validate -> render (all in memory) -> write -> engine build -> export -> publish."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import engine, validate
from .audience import for_audience
from .errors import ContentError, Issue, ProjectError
from .export.jobs import Job, prune_cache, run_jobs
from .export.checklists import checklist_jobs, page_fit, read_memo, write_memo
from .export.json_export import to_json
from .export.scorm import scorm_jobs
from .export.training import training_jobs
from .loader import Loaded, content_files, load
from .parse_cache import ParseCache
from .publish import build_lock, check_replaceable, clean_leftovers, is_empty, is_ours, mark, publish, remove_ours, staging_dir
from .render.pages import render_site
from .site_config import SiteConfig, compose, dump, load_site_config, site_dir_of
from .write import sync_tree, write_if_changed

WORK_DIR = "build"
PAGE_COUNTS = "page-counts.json"  # in WORK_DIR


@dataclass
class Checked:
    loaded: Loaded
    site: SiteConfig
    warnings: list[Issue] = field(default_factory=list)
    # Caches a successful build saves at its end (a failed build writes nothing): parsed files, page counts.
    parse_cache: ParseCache | None = None
    page_counts: dict[str, int] | None = None

    def save_caches(self, work: Path) -> None:
        if self.parse_cache:
            self.parse_cache.save()
        if self.page_counts is not None:
            write_memo(work / PAGE_COUNTS, self.page_counts)


@dataclass(frozen=True)
class Options:
    """What a build produces. Templates see these as `options`."""

    strict: bool = True
    pdf: bool = True  # PDFs and other exports; off for a quick preview
    audience: str | None = None  # build only what this audience may see (None: everything)


@dataclass
class BuildResult:
    site_dir: Path
    pages: int
    docs_written: list[str]
    exports_generated: list[str]
    warnings: list[Issue]


# Exporters: (content, project, site config, options) -> list[Job]. Their outputs join the docs tree.
EXPORTERS: list = [training_jobs, checklist_jobs]
# Exporters that read the built site: (content, project, site config, options, built site dir) -> list[Job].
# They run after the engine build, before publishing; their outputs join the built site.
SITE_EXPORTERS: list = [scorm_jobs]


def check(project: Path, *, strict: bool = False, cached: bool = False) -> Checked:
    """Load and validate everything; raise one ContentError with every problem. Warnings are errors if strict.

    `cached` reuses parsed files from build/parsed.pickle when playbook-gen created build/ (builds do; `check` does not).
    """
    project = Path(project)
    issues: list[Issue] = []
    loaded = site = page_counts = None
    work = project / WORK_DIR
    cache = ParseCache(work / "parsed.pickle") if cached and is_ours(work) else None
    try:
        loaded = load(project, cache)
    except ContentError as exc:
        issues += exc.issues
    try:
        site = load_site_config(project)
    except ContentError as exc:
        issues += exc.issues
    if loaded is not None:
        issues += validate.check(loaded)
        from .lint import lint  # the checklist and freshness linter

        issues += lint(loaded, site)
        if site is not None and not any(i.severity == "error" for i in issues):  # lay out only valid content
            page_counts = read_memo(work / PAGE_COUNTS) if cache else None
            issues += page_fit(loaded, site, project, page_counts)
    # Notices (overdue reviews) never fail, strict or not: they depend on today's date, not on the input.
    errors = [i for i in issues if i.severity == "error" or (strict and i.severity == "warning")]
    if errors:
        raise ContentError(issues)
    return Checked(loaded, site, sorted(i for i in issues if i.severity != "error"), cache, page_counts)


def work_dir(project: Path) -> Path:
    """build/ holds generated docs and caches; it must be ours (marked) or new."""
    work = Path(project) / WORK_DIR
    if work.exists() and not (is_ours(work) or is_empty(work)):
        raise ProjectError(f"{WORK_DIR}/ exists and was not created by playbook-gen; move it away first")
    work.mkdir(exist_ok=True)
    mark(work)
    return work


@contextmanager
def source_date_epoch(project: Path, checked: Checked | None = None):
    """Reproducible dates: SOURCE_DATE_EPOCH if set, else the date of the playbook's latest change entry,
    else the last commit's time, else the newest content file. Never the clock."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        yield int(os.environ["SOURCE_DATE_EPOCH"])
        return
    epoch = None
    changes = checked.loaded.content.playbook.changes if checked else []
    if changes:
        latest = max(c.date for c in changes)
        epoch = int(dt.datetime(latest.year, latest.month, latest.day, tzinfo=dt.UTC).timestamp())
    try:
        if epoch is None:
            out = subprocess.run(["git", "-C", str(project), "log", "-1", "--format=%ct"], capture_output=True, text=True, timeout=10)
            epoch = int(out.stdout.strip()) if out.returncode == 0 and out.stdout.strip() else None
    except (OSError, ValueError, subprocess.TimeoutExpired):
        pass
    if epoch is None:
        epoch = max((int(p.stat().st_mtime) for _, p in content_files(project) if p.exists()), default=0)
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield epoch
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]


def generate(project: Path, checked: Checked, site_dir: Path, options: Options = Options()) -> tuple[dict[str, bytes], dict, int]:
    """Render the docs tree and engine config in memory; nothing is written."""
    content = checked.loaded.content
    rendered = render_site(content, project, options)
    config, assets = compose(project, content, checked.site, rendered.nav, site_dir)
    return {**rendered.files, **assets}, config, len(rendered.files)


def for_options(checked: Checked, options: Options) -> Checked:
    """The checked project as the build's audience sees it; everything downstream (exports too) uses this."""
    if options.audience is None:
        return checked
    content = for_audience(checked.loaded.content, options.audience)
    return replace(checked, loaded=replace(checked.loaded, content=content))


def export_jobs(project: Path, checked: Checked, options: Options) -> list[Job]:
    if not options.pdf:
        return []
    return [job for exporter in EXPORTERS for job in exporter(checked.loaded.content, project, checked.site, options)]


def site_export_jobs(project: Path, checked: Checked, options: Options, built: Path) -> list[Job]:
    if not options.pdf:
        return []
    content = checked.loaded.content
    return [job for exporter in SITE_EXPORTERS for job in exporter(content, project, checked.site, options, built)]


def build(project: Path, options: Options = Options(), *, progress=lambda msg: None) -> BuildResult:
    """Build the site into its site_dir, replacing the previous site only when everything succeeded."""
    project = Path(project).resolve()
    site = site_dir_of(project)
    check_replaceable(site)  # fail before any work, not after the engine ran
    checked = for_options(check(project, strict=options.strict, cached=True), options)
    work = work_dir(project)
    with build_lock(work), source_date_epoch(project, checked):
        # Everything is validated and rendered before the first byte is written.
        docs, config, pages = generate(project, checked, Path(os.path.relpath(site, project / WORK_DIR)), options)
        jobs = export_jobs(project, checked, options)
        exports = {"playbook.json": to_json(checked.loaded.content, packages=options.pdf).encode("utf-8")}
        progress(f"rendered {pages} pages, {len(jobs)} exports")

        made = run_jobs(jobs, work / "cache", progress)
        docs.update(made.outputs)
        clean_leftovers(site)
        report = sync_tree(work / "docs", docs)
        write_if_changed(work / "mkdocs.yml", dump(config).encode("utf-8"))
        staged_root = staging_dir(site)
        try:
            staged = staged_root / "site"
            progress("building site")
            engine.build(work / "mkdocs.yml", staged)
            late_jobs = site_export_jobs(project, checked, options, staged)
            late = run_jobs(late_jobs, work / "cache", progress)
            for rel, data in {**exports, **late.outputs}.items():
                (staged / rel).parent.mkdir(parents=True, exist_ok=True)
                (staged / rel).write_bytes(data)
            mark(staged)
            publish(staged, site)
        finally:
            remove_ours(staged_root)
        prune_cache(work / "cache", {job.key for job in jobs + late_jobs})
        checked.save_caches(work)
        progress(f"site ready in {site.relative_to(project) if site.is_relative_to(project) else site}/")
    return BuildResult(site, pages, report.written, made.generated + late.generated, checked.warnings)


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
