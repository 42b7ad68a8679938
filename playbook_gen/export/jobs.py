"""Expensive exports (PDFs, slide decks) as cached, parallel jobs.

An exporter describes each output as a Job: where it goes in the docs tree, a module-level function
that makes the bytes, and the inputs that fully determine them (the rendered HTML, say). The key is a
hash of those inputs, so an unchanged checklist is never regenerated, while a change to its content
or to any template changes its HTML and so its key. Outputs are written into the docs tree before
the engine runs, so the site links to them like any page and strict link checks cover them.

Entries are shared by every build of the project (with or without PDFs, for any audience): each keeps its own
keys, and the cache is pruned by age (unused for MAX_AGE_DAYS) and size (least recently used first past
MAX_BYTES), never by what the last build happened to need. A hit refreshes the entry's mtime: that is its age.

A cached output is published as it is, so build/cache/ is not trusted: each entry is sealed with this user's
key (load/sealed.py) and checked before use; a planted, damaged or foreign entry is generated again, with a notice.
"""

from __future__ import annotations

import functools
import hashlib
import os
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Issue
from ..load import sealed
from ..version import __version__

MAX_AGE_DAYS = 30  # an entry no build used for this long is dropped
MAX_BYTES = 1 << 30  # past this, least recently used entries go first


@dataclass(frozen=True)
class Job:
    path: str  # docs-relative output path, e.g. "checklists/pdf/partner-fit.pdf"
    func: Callable[..., bytes]  # module-level, so it can run in a worker process
    args: tuple
    inputs: bytes  # everything the output depends on

    @property
    def key(self) -> str:
        h = hashlib.sha256(f"{__version__}\0{self.func.__module__}.{self.func.__qualname__}\0".encode())
        h.update(_code_digest(self.func.__module__))  # a change to the exporter's code is a change too
        h.update(self.inputs)
        return h.hexdigest()


@functools.cache
def _code_digest(module: str) -> bytes:
    source = getattr(sys.modules.get(module), "__file__", None)
    return hashlib.sha256(Path(source).read_bytes()).digest() if source else b""


@dataclass
class JobReport:
    outputs: dict[str, bytes]
    generated: list[str]
    cached: int
    notices: list[Issue] = field(default_factory=list)  # cache entries ignored


def run_jobs(jobs: list[Job], cache: Path, progress=lambda msg: None, workers: int | None = None,
             shown: str | None = None) -> JobReport:
    """Return every job's bytes, from the cache where the key is known and the entry's seal holds, else
    generated in parallel. `shown` names the cache folder in notices."""
    cache.mkdir(parents=True, exist_ok=True)
    outputs: dict[str, bytes] = {}
    notices: list[Issue] = []
    todo = []
    for job in jobs:
        data = _cached(cache, _entry(job), notices, shown or cache.name)
        if data is None:
            todo.append(job)
        else:
            outputs[job.path] = data
    report = JobReport(outputs, [], len(jobs) - len(todo), notices)
    if not todo:
        if jobs:
            progress(f"generated 0 exports: all {len(jobs)} up to date (cached)")
        return report
    workers = workers or min(len(todo), os.cpu_count() or 1)
    progress(f"generating {len(todo)} export{'s' if len(todo) != 1 else ''} ({report.cached} cached, {workers} workers)")
    if workers == 1 or len(todo) == 1:
        results = (job.func(*job.args) for job in todo)
        done = zip(todo, results)
        pool = None
    else:
        pool = ProcessPoolExecutor(max_workers=workers)
        done = zip(todo, pool.map(_call, [(job.func, job.args) for job in todo]))
    try:
        for n, (job, data) in enumerate(done, 1):
            _store(cache, _entry(job), data)
            outputs[job.path] = data
            report.generated.append(job.path)
            progress(f"  [{n}/{len(todo)}] {job.path}")
    finally:
        if pool:
            pool.shutdown(cancel_futures=True)
    return report


def _entry(job: Job) -> str:
    return f"{job.key}{Path(job.path).suffix}"


def _cached(cache: Path, name: str, notices: list[Issue], shown: str) -> bytes | None:
    path = cache / name
    if not path.is_file():
        return None
    try:
        data = sealed.open_bytes(name, path.read_bytes())
        os.utime(path)  # used now: the age pruning counts from here
        return data
    except (OSError, sealed.Untrusted) as exc:
        notices.append(sealed.notice(f"{shown}/{name}", str(exc), "generated again"))
        return None


def _store(cache: Path, name: str, data: bytes) -> None:
    """Written atomically (a killed build leaves at most a .tmp file); without a usable key, not cached."""
    try:
        sealed_data = sealed.seal_bytes(name, data)
    except sealed.Untrusted:
        return
    tmp = cache / f".{Path(name).stem}.tmp"
    tmp.write_bytes(sealed_data)
    os.replace(tmp, cache / name)


def _call(func_args):
    func, args = func_args
    return func(*args)


def prune_cache(cache: Path, *, max_age_days: float = MAX_AGE_DAYS, max_bytes: int = MAX_BYTES,
                now: float | None = None) -> list[str]:
    """Drop entries unused for `max_age_days`, then the least recently used ones until the cache fits in
    `max_bytes`; returns the names removed. Leftover temporary files of killed builds go too."""
    if not cache.is_dir():
        return []
    now = time.time() if now is None else now
    entries = sorted((p.stat().st_mtime, p.name, p) for p in cache.iterdir() if p.is_file())
    removed, total = [], sum(p.stat().st_size for _, _, p in entries)
    for mtime, name, path in entries:  # oldest first
        # A dot-file is a killed build's temporary file: the caller holds the build lock, so no build is writing it.
        stale = now - mtime > max_age_days * 86400 or name.startswith(".")
        if stale or total > max_bytes:
            total -= path.stat().st_size
            path.unlink()
            removed.append(name)
    return removed
