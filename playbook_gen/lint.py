"""Warnings about content that is valid but weak (checklist design, freshness). `--strict` makes them errors."""

from __future__ import annotations

from .errors import Issue
from .loader import Loaded


def lint(loaded: Loaded, site=None) -> list[Issue]:
    return []
