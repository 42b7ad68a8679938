"""Write generated files, touching only those whose bytes changed (keeps mtimes and live reload quiet)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BuildError


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)


def sync_tree(root: Path, files: dict[str, bytes], *, prune: bool = True) -> WriteReport:
    """Make `root` hold exactly `files` (relative posix path -> bytes). `root` must belong to playbook-gen."""
    report = WriteReport()
    root.mkdir(parents=True, exist_ok=True)
    for rel in sorted(files):
        data = files[rel]
        if rel.startswith("/") or ".." in rel.split("/"):  # generated paths never leave the tree
            raise BuildError(f"refusing to write '{rel}': it is outside {root.name}/")
        path = root / rel
        if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
            report.unchanged += 1
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
        report.written.append(rel)
    if prune:
        wanted = set(files)
        for path in sorted(root.rglob("*"), reverse=True):
            rel = path.relative_to(root).as_posix()
            if path.is_file() and rel not in wanted:
                path.unlink()
                report.removed.append(rel)
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return report


def write_if_changed(path: Path, data: bytes) -> bool:
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return True
