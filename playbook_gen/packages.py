"""`playbook-gen export --format scorm`: the SCORM packages alone, written into a folder (default `scorm/`).

Packages are made from the built module pages, so this runs the build's steps (check, render, exports the
pages link to, engine build) into a scratch folder inside build/, never touching the published site; it shares
the build's job cache, so packages a build already made are copied, not made again.
"""

from __future__ import annotations

import os
import posixpath
import shutil
from pathlib import Path

from . import pipeline
from .errors import ProjectError
from .export.jobs import run_jobs
from .load.site_config import site_dir_of
from .options import Options
from .publish import engine
from .publish.dates import source_date_epoch
from .publish.swap import build_lock

SCRATCH = "scorm-site"  # in the work folder


def export_packages(project: Path, out: Path | None = None, audience: str | None = None,
                    progress=lambda msg: None) -> list[Path]:
    """Write every learning path's SCORM 1.2 and 2004 packages into `out`; return their paths."""
    project = Path(project).resolve()
    out = Path(out) if out is not None else project / "scorm"
    if out.exists() and not out.is_dir():
        raise ProjectError(f"{out} is not a folder")
    options = Options(audience=audience)
    checked = pipeline.for_options(pipeline.check(project, strict=True, cached=True), options)
    work = pipeline.work_dir(project)
    written: list[Path] = []
    with build_lock(work), source_date_epoch(project, checked):
        site_rel = Path(os.path.relpath(site_dir_of(project), work))
        generated = pipeline.generate(project, checked, site_rel, options)
        generated.docs.update(run_jobs(pipeline.export_jobs(project, checked, options), work / pipeline.EXPORT_CACHE,
                                       progress).outputs)
        generated.write(work)
        scratch = work / SCRATCH  # inside build/, which is ours: removed whole, before and after
        shutil.rmtree(scratch, ignore_errors=True)
        try:
            progress("building the module pages")
            engine.build(work / "mkdocs.yml", scratch)
            jobs = pipeline.site_export_jobs(project, checked, options, scratch)
            made = run_jobs(jobs, work / pipeline.EXPORT_CACHE, progress)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        out.mkdir(parents=True, exist_ok=True)
        for job in jobs:
            target = out / posixpath.basename(job.path)
            pipeline.write_if_changed(target, made.outputs[job.path])
            written.append(target)
        checked.save_caches(work)
    return written
