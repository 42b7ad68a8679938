"""Reproducibility: with SOURCE_DATE_EPOCH set, two clean builds in different places, time zones and locales
produce the same bytes across the whole output: pages, search index, PDFs, slide decks, JSON and build/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .conftest import FIXTURES, copy_default_project, run_cli
from .hostile.corpus import snapshot

pytestmark = pytest.mark.slow
EPOCH = "1790000000"  # the same as the `default_site` fixture uses


def clean_build(project: Path, tz: str) -> None:
    result = run_cli("build", cwd=project, env={"SOURCE_DATE_EPOCH": EPOCH, "TZ": tz, "LC_ALL": "C.UTF-8"}, timeout=900)
    assert result.returncode == 0, result.stderr


def outputs(project: Path) -> dict[str, str]:
    tree = {f"site/{k}": v for k, v in snapshot(project / "site").items()}
    # The lock, and the record of what this machine published (its files' times: publish/current.py), are not output.
    tree.update({f"build/{k}": v for k, v in snapshot(project / "build").items() if k not in ("build.lock", "published.json")})
    return tree


def differences(a: dict, b: dict) -> list[str]:
    return sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))


def test_mini_builds_are_byte_identical(tmp_path):
    first, second = tmp_path / "one" / "mini", tmp_path / "two" / "elsewhere"
    for dest in (first, second):
        shutil.copytree(FIXTURES / "mini", dest)
    clean_build(first, "UTC")
    clean_build(second, "Pacific/Auckland")
    a, b = outputs(first), outputs(second)
    assert any(k.endswith(".pdf") for k in a) and "site/playbook.json" in a
    assert differences(a, b) == []


def test_default_playbook_builds_are_byte_identical(default_site, tmp_path):
    """The full default playbook (PDFs and slide decks included) against the session's build of it."""
    again = copy_default_project(tmp_path / "again")
    clean_build(again, "America/New_York")
    a, b = outputs(default_site), outputs(again)
    assert any(k.endswith(".pdf") for k in a) and any(k.endswith(".pptx") for k in a)
    assert differences(a, b) == []
