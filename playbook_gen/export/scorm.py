"""SCORM packages: per learning path, one SCORM 1.2 and one SCORM 2004 (4th edition) zip.

Unlike the other exports, packages are made from the built site (each module's article, the site's CSS), so
this exporter runs after the engine build and before the site is published (`SCORM.site_jobs`, declared on the
learning-path kind). Each
package is a cached Job keyed by every byte it holds; the zip has fixed entry order, timestamps (from
SOURCE_DATE_EPOCH) and attributes, so the same input gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import zipfile
from pathlib import Path

from ..model import Content
from ..render.training import scorm_package
from .jobs import Job
from .kinds import Exporter
from .scorm_manifest import LAUNCH, VERSIONS, manifest, schema_files
from .scorm_page import package_html, read_page, runtime_files

MANIFEST = "imsmanifest.xml"
ZIP_EPOCH = 315532800  # 1980-01-01, the earliest time a zip entry can hold


def package_entries(content: Content, project: Path, path, built: Path) -> dict[str, dict[str, bytes]]:
    """{version: {name: bytes}} for one path, in package order: manifest, launch page, content files, XSDs."""
    page = read_page(built, path)
    files = {**runtime_files(), **page.files}
    out = {}
    for version in VERSIONS:
        html = package_html(content, project, path, page, version).encode("utf-8")
        content_files = {LAUNCH: html, **dict(sorted(files.items()))}
        out[version] = {MANIFEST: manifest(version, content.playbook, path, list(content_files)),
                        **content_files, **schema_files(version)}
    return out


def make_zip(entries: tuple[tuple[str, bytes], ...], epoch: int) -> bytes:
    """A zip of `entries` in the order given, every entry stamped `epoch` with fixed attributes."""
    stamp = dt.datetime.fromtimestamp(max(epoch, ZIP_EPOCH), dt.UTC).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, whatever system builds it
            zf.writestr(info, data)
    return out.getvalue()


def _inputs(entries: tuple[tuple[str, bytes], ...], epoch: int) -> bytes:
    h = hashlib.sha256(str(epoch).encode())
    for name, data in entries:
        h.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    return h.digest()


def scorm_jobs(content: Content, project: Path, site, options, built: Path) -> list[Job]:
    """A Job per learning path and SCORM version, made from the site built into `built`."""
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0"))
    jobs = []
    for path in content.ordered("learning_paths"):
        for version, files in package_entries(content, project, path, built).items():
            entries = tuple(files.items())
            jobs.append(Job(scorm_package(path, version), make_zip, (entries, epoch), _inputs(entries, epoch)))
    return jobs


SCORM = Exporter(site_jobs=scorm_jobs, listing=lambda path: {
    "packages": {"scorm12": scorm_package(path, "1.2"), "scorm2004": scorm_package(path, "2004")}})
