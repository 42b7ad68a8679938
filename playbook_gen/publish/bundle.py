"""`playbook-gen bundle`: a built site as one reproducible zip, to unzip anywhere and open from file://.

Entries are in sorted order under one top folder, each stamped SOURCE_DATE_EPOCH (or the zip epoch) with fixed
attributes, so the same site gives the same bytes. Our marker file stays out: the unzipped copy is the reader's.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..export.scorm import make_zip as zip_entries
from .swap import MARKER


def make_zip(site: Path, out: Path, *, top: str) -> None:
    files = sorted(p for p in site.rglob("*") if p.is_file() and not p.is_symlink() and p.name != MARKER)
    entries = tuple((f"{top}/{p.relative_to(site).as_posix()}", p.read_bytes()) for p in files)
    data = zip_entries(entries, int(os.environ.get("SOURCE_DATE_EPOCH") or 0))
    tmp = out.with_name(f".{out.name}.tmp")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp.write_bytes(data)
    os.replace(tmp, out)  # a half-written zip is never left under the final name
