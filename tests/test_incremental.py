"""Incremental regeneration: unchanged pages are not rewritten, unchanged exports are not regenerated,
and an edit touches only the pages (and exports) that depend on it, in `build` and in `serve`."""

from __future__ import annotations

from pathlib import Path

import pytest

from playbook_gen import pipeline
from playbook_gen.export.jobs import Job
from playbook_gen.serve import Regenerator

pytestmark = pytest.mark.slow


def stage_card(title: str, purpose: str) -> bytes:
    """A cheap export with the same shape as a PDF: bytes made from one entity's fields."""
    return f"{title}\n\n{purpose}\n".encode()


def stage_cards(content, project, site, options) -> list[Job]:
    return [Job(f"lifecycle/cards/{s.id}.txt", stage_card, (s.title, s.purpose), f"{s.title}\0{s.purpose}".encode())
            for s in content.ordered("stages")]


@pytest.fixture
def project(mini, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    # The real exporters stay registered; the stage cards make sure the cache is exercised even when none are.
    monkeypatch.setattr(pipeline, "EXPORTERS", [*pipeline.EXPORTERS, stage_cards])
    return mini


def edit(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def mtimes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def test_unchanged_build_rewrites_nothing_and_regenerates_nothing(project):
    first = pipeline.build(project)
    assert len(first.docs_written) >= first.pages > 10
    assert "lifecycle/cards/launch.txt" in first.exports_generated
    before = mtimes(project / "build" / "docs")

    again = pipeline.build(project, force=True)  # the whole build again, not the nothing-changed shortcut
    assert again.docs_written == []
    assert again.exports_generated == []
    assert mtimes(project / "build" / "docs") == before
    assert (project / "site/lifecycle/cards/launch.txt").read_text().startswith("Launch\n")


def test_editing_a_stage_rewrites_only_what_depends_on_it(project):
    pipeline.build(project)
    docs = project / "build" / "docs"
    before = mtimes(docs)

    edit(project, "content/stages/launch.yml", "Start working together with clear governance.",
         "Start working together, with clear governance.")
    result = pipeline.build(project)
    assert result.docs_written == ["lifecycle/cards/launch.txt", "lifecycle/launch.md"]  # exports join the docs tree
    assert result.exports_generated == ["lifecycle/cards/launch.txt"]
    after = mtimes(docs)
    assert {rel for rel in after if after[rel] != before.get(rel)} == {"lifecycle/launch.md", "lifecycle/cards/launch.txt"}

    # A new title shows wherever the stage is named (its page, indexes, its checklist, roles with duties in it),
    # but pages that never name it are left alone.
    edit(project, "content/stages/launch.yml", "title: Launch", "title: Launch and first days")
    result = pipeline.build(project)
    written = {rel for rel in result.docs_written if rel.endswith(".md")}
    assert {"lifecycle/launch.md", "lifecycle/index.md", "checklists/kick-off.md"} <= written
    untouched = {"lifecycle/strategy.md", "lifecycle/partner-analysis.md", "checklists/partner-fit.md",
                 "checklists/rationale.md", "reference/glossary.md", "reference/sources.md"}
    assert not written & untouched
    assert len(written) < result.pages / 2
    # Exports that print the stage's title (its checklist's PDF, say) are regenerated; the others come from the cache.
    assert "lifecycle/cards/launch.txt" in result.exports_generated
    assert not {e for e in result.exports_generated if "partner-fit" in e or "rationale" in e or "cards/strategy" in e}
    assert "Launch and first days" in (project / "site/lifecycle/launch.html").read_text()


def test_serve_regeneration_rewrites_only_changed_files(mini):
    messages: list[str] = []
    regen = Regenerator(mini.resolve(), messages.append)
    assert regen.run()
    docs = regen.root / "docs"
    before = mtimes(docs)
    assert regen.run()
    assert mtimes(docs) == before
    assert messages[-1].endswith("(0 changed)")

    edit(mini, "content/stages/launch.yml", "Start working together with clear governance.", "Start with clear governance.")
    assert regen.run()
    after = mtimes(docs)
    assert {rel for rel in after if after[rel] != before[rel]} == {"lifecycle/launch.md"}
    assert messages[-1].endswith("(1 changed)")
    assert "Start with clear governance." in (docs / "lifecycle/launch.md").read_text()
