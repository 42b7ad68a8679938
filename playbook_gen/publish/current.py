"""Is the published site already what these inputs make? Then a build has nothing to do.

A successful build records, in build/ (sealed, like every cache), a fingerprint of everything it read and the
files it published (path, size, modification time). The next build with the same fingerprint whose site is still
exactly those files returns at once, replaying the warnings of the build that made it. The fingerprint covers:

- the project's inputs: content/, templates/, site_config/ and mkdocs.yml, with the theme.custom_dir folder
  and hook files that mkdocs.yml names (file names and bytes);
- playbook-gen's own code and packaged templates (not the `init`/`new` skeletons), and the name and version of
  every installed distribution (the engine, its theme and plugins, WeasyPrint, ...);
- the build's options, the site folder, SOURCE_DATE_EPOCH and today's date (review notices depend on it).

Anything else a hook or plugin may read is not seen: `build --force` rebuilds whatever the record says.
"""

from __future__ import annotations

import functools
import hashlib
import os
import stat
from importlib import metadata
from pathlib import Path

from ..check.freshness import today
from ..errors import Issue
from ..load import sealed
from ..load.site_config import read_yaml_config
from ..options import Options
from ..version import __version__

RECORD = "published.json"  # in build/: one record per site folder, keyed by its path
SOURCES = ("content", "templates", "site_config")
PACKAGE = Path(__file__).resolve().parents[1]


def fingerprint(project: Path, options: Options, site: Path) -> str:
    h = hashlib.sha256(f"{__version__}\0{options!r}\0{site}\0".encode())
    h.update(f"{os.environ.get('SOURCE_DATE_EPOCH', '')}\0{today().isoformat()}\0".encode())
    h.update(_tool_digest())
    for rel, path in _inputs(project):
        h.update(rel.encode() + b"\0" + _digest(path))
    return h.hexdigest()


def _digest(path: Path) -> bytes:
    """A regular file's bytes, hashed; anything else (a broken link, a link loop, a named pipe) by what it is,
    without opening it: `check` reports it, and a read could fail or never return."""
    try:
        if stat.S_ISREG(path.stat().st_mode):
            return hashlib.sha256(path.read_bytes()).digest()
    except OSError:
        pass
    target = os.readlink(path) if path.is_symlink() else ""
    return b"not a file\0" + os.fsencode(target)


def _inputs(project: Path) -> list[tuple[str, Path]]:
    folders = [project / name for name in SOURCES]
    files = [project / "mkdocs.yml"]
    if files[0].is_file():
        mine = read_yaml_config(files[0])
        theme = mine.get("theme") if isinstance(mine.get("theme"), dict) else {}
        if theme.get("custom_dir"):
            folders.append(project / str(theme["custom_dir"]))
        files += [project / str(h) for h in mine.get("hooks") or []]
    found = {p for p in files if p.is_file()}
    found |= {p for folder in folders for p in _files(folder)}
    return sorted((os.path.relpath(p, project), p) for p in found)


def _files(folder: Path) -> list[Path]:
    """Every file below `folder`, through linked folders (the loader follows them) but each folder once: a link
    back up (templates/loop -> ..) would otherwise be walked until paths grow too long."""
    out, seen = [], set()
    for top, dirs, names in os.walk(folder, followlinks=True):
        try:
            info = os.stat(top)
        except OSError:
            dirs[:] = []
            continue
        if (info.st_dev, info.st_ino) in seen or "__pycache__" in Path(top).parts:
            dirs[:] = []
            continue
        seen.add((info.st_dev, info.st_ino))
        out += [Path(top) / name for name in names]
    return out


@functools.cache
def _tool_digest() -> bytes:
    """Our code and templates, and every installed distribution's version: a new release of either rebuilds."""
    h = hashlib.sha256()
    # Not skeletons/: starters for `init` and `new`, no build reads them (the default one links to the whole
    # default playbook, which a build of another project has no business reading).
    for path in sorted(p for p in _files(PACKAGE) if p.relative_to(PACKAGE).parts[0] != "skeletons"):
        h.update(str(path.relative_to(PACKAGE)).encode() + b"\0" + path.read_bytes())
    h.update("\n".join(sorted(f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions())).encode())
    return h.digest()


def _manifest(site: Path) -> dict[str, list[int]]:
    out = {}
    for path in _files(site):
        info = path.lstat()  # a link as itself: one left dangling in the site must not fail the build that records it
        out[os.path.relpath(path, site)] = [info.st_size, info.st_mtime_ns]
    return out


def _read(work: Path) -> dict:
    data = sealed.read_json(work / RECORD, "published", __version__)
    return data if isinstance(data, dict) else {}


def remember(work: Path, site: Path, key: str, pages: int, warnings: list[Issue]) -> None:
    """After a successful publish: what is in `site` now and what made it."""
    records = _read(work)
    records[str(site)] = {"key": key, "files": _manifest(site), "pages": pages,
                          "warnings": [[w.path, w.line, w.col, w.message, w.severity] for w in warnings]}
    sealed.write_json(work / RECORD, "published", __version__, records)


def forget(work: Path, site: Path) -> None:
    """Before `site` is replaced: a build that fails half-way must not leave a record of the old site."""
    records = _read(work)
    if records.pop(str(site), None) is not None:
        sealed.write_json(work / RECORD, "published", __version__, records)


def unchanged(work: Path, site: Path, key: str) -> tuple[int, list[Issue]] | None:
    """(pages, warnings) of the build that made `site`, if it had this key and the site is untouched since."""
    record = _read(work).get(str(site))
    if not isinstance(record, dict) or record.get("key") != key or not site.is_dir():
        return None
    try:
        if record.get("files") != _manifest(site):
            return None
        return record["pages"], [Issue(*w) for w in record["warnings"]]
    except (OSError, KeyError, TypeError, ValueError):
        return None
