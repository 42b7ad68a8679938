"""The documents' date: one reproducible timestamp per build, never the clock."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from contextlib import contextmanager
from pathlib import Path

from ..load.loader import content_files


@contextmanager
def source_date_epoch(project: Path, checked=None):
    """Reproducible dates: SOURCE_DATE_EPOCH if set, else the date of the playbook's latest change entry,
    else the last commit's time, else the newest content file. Never the clock. `checked`: a pipeline.Checked."""
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
