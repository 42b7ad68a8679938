"""What a build produces. The pipeline passes these down; templates see them as `options`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Options:
    strict: bool = True
    pdf: bool = True  # PDFs and other exports; off for a quick preview
    audience: str | None = None  # build only what this audience may see (None: everything)
