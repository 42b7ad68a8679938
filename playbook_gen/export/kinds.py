"""Each kind's exporters, as its declaration names them (`Kind.exporters`).

An `Exporter` makes the kind's downloads: `jobs` before the engine build (their outputs join the docs tree),
`site_jobs` after it (they read the built site; SCORM packages), and `listing` the keys the JSON export adds to
each entity's entry (where its downloads are). The model layer may not import this one, so a declaration names
its exporters as "module:attribute" strings (or holds `Exporter` objects, as tests do); they are resolved here.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..model import KINDS, Content, Entity, Kind
from .jobs import Job


@dataclass(frozen=True)
class Exporter:
    jobs: Callable[..., list[Job]] | None = None  # (content, project, site config, options) -> jobs
    site_jobs: Callable[..., list[Job]] | None = None  # (content, project, site config, options, built site) -> jobs
    listing: Callable[[Entity], dict] | None = None  # entity -> keys for its JSON entry (dicts are merged)


def exporters(kind: Kind) -> list[Exporter]:
    """The kind's exporters, in declaration order."""
    found = []
    for named in kind.exporters:
        if isinstance(named, str):
            module, _, attribute = named.partition(":")
            named = getattr(importlib.import_module(module), attribute)
        found.append(named)
    return found


def kind_jobs(content: Content, project: Path, site, options) -> list[Job]:
    """Every kind's jobs before the engine build, kind by kind in registry order."""
    return [job for kind in KINDS.values() for ex in exporters(kind) if ex.jobs
            for job in ex.jobs(content, project, site, options)]


def kind_site_jobs(content: Content, project: Path, site, options, built: Path) -> list[Job]:
    """Every kind's jobs that read the built site."""
    return [job for kind in KINDS.values() for ex in exporters(kind) if ex.site_jobs
            for job in ex.site_jobs(content, project, site, options, built)]


def listed(kind: Kind, entity: Entity, item: dict) -> dict:
    """`item` (the entity's JSON entry) with what the kind's exporters list for it: where its downloads are."""
    for ex in exporters(kind):
        for key, value in (ex.listing(entity) if ex.listing else {}).items():
            if isinstance(value, dict) and isinstance(item.get(key), dict):
                item[key] = {**item[key], **value}
            else:
                item[key] = value
    return item
