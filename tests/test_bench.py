"""Smoke test of the benchmark's synthetic playbooks (bench/synth.py) at a small scale; `make bench` runs the rest."""

from __future__ import annotations

import re

import pytest

from bench.synth import synth
from playbook_gen.model import KINDS
from playbook_gen.model.refs import walk
from playbook_gen.pipeline import check

from .conftest import ROOT


def copy_of(ident: str) -> int:
    m = re.search(r"-x(\d+)$", ident)
    return int(m.group(1)) if m else 1


def test_synthetic_playbook_scales_every_kind_and_passes_check(tmp_path):
    original = check(ROOT).loaded.content
    project = synth(3, tmp_path / "x3")
    content = check(project).loaded.content  # raises ContentError listing every problem if a reference broke
    for kind in KINDS:
        assert len(content.entities[kind]) == 3 * len(original.entities[kind]), kind
    assert len(content.stages) > 3 and len(content.checklists) > 3
    assert len({s.order for s in content.stages.values()}) == len(content.stages)

    # Each copy references its own copy, in id fields and in prose links alike.
    for cl in content.checklists.values():
        assert copy_of(cl.stage) == copy_of(cl.id), (cl.id, cl.stage)
        assert {copy_of(item.owner) for item in cl.items if item.owner} <= {copy_of(cl.id)}, cl.id
    for stage in content.stages.values():
        n = copy_of(stage.id)
        assert {copy_of(r) for act in stage.activities for r in act.responsible} == {n}, stage.id
        links = [ref.value for ref in walk(stage) if ref.prose]
        assert {copy_of(target) for target in links} <= {n}, stage.id
    assert any(ref.prose for s in content.stages.values() if copy_of(s.id) == 3 for ref in walk(s))


def fake_results() -> dict:
    def gen(entities, per):  # seconds per entity for check, render, write
        return {"check": per[0] * entities, "render": per[1] * entities, "write": per[2] * entities,
                "total": sum(per) * entities, "entities": entities, "pages": entities // 2, "files": 0, "peak_mb": 1}
    sizes = {"pages": 10, "mean": 100.0, "median": 100, "max": 200, "site_bytes": 1000}
    built = {"cli": {"build": 0.4, "forced": 2.6, "engine": 2.0, "ratio_median": 0.2, "forced_median": 1.3, "pairs": 5,
                     "languages": 2},
             "build": {"time": 0.3, "pages": 74, "peak_mb": 1}, "forced": {"time": 2.5, "pages": 74, "peak_mb": 1},
             "engine": {"time": 2.0}, "cold": {"time": 9, "exports_generated": 41},
             "rebuild_max": {"docs_written": 0, "exports_generated": 0}, "sizes": sizes, "variants": {"defaults": sizes},
             "serve": {"startup": 3.0, "edits": [0.5, 0.7, 0.6], "median": 0.6, "max": 0.7}}
    return {1: {**built, "gen": gen(151, (0.005, 0.001, 0.0003))},
            10: {"gen": gen(1510, (0.005, 0.001, 0.0003)), "serve": {"startup": 9, "edits": [2.5], "median": 2.5, "max": 2.5}},
            100: {"gen": gen(15100, (0.005, 0.002, 0.0003))}}


def test_report_gives_each_target_a_verdict():
    from bench.run import report

    text = report(fake_results(), 60)
    targets = text.split("## Targets", 1)[1]
    assert "| no-change full build / engine alone <= 1.10, goal 1.05 (default playbook, median of 5 paired command-line runs) | 0.20 | met |" in targets
    assert "| (not a target) forced rebuild / engine alone, same pairs | 1.30 | - |" in targets
    assert "| serve: edit to served page, median <= 1.0 s at 1x | 0.60 s | met |" in targets
    assert "| serve: edit to served page, median <= 2.0 s at 10x | 2.50 s | **missed** |" in targets
    assert "| check: time per entity at 100x within 1.3x of 10x | 1.00x | met |" in targets
    assert "| render: time per entity at 100x within 1.3x of 10x | 2.00x | **missed** |" in targets
    assert "| write: time per entity at 100x within 1.3x of 10x | 1.00x | met |" in targets


def test_the_engine_alone_builds_every_language_the_build_builds(tmp_path):
    from bench.run import engine_configs

    for rel in ("build/mkdocs.yml", "build/languages/nl/mkdocs.yml", "build/languages/de/mkdocs.yml"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("site_name: x\n")
    assert [p.relative_to(tmp_path).as_posix() for p in engine_configs(tmp_path)] == [
        "build/mkdocs.yml", "build/languages/de/mkdocs.yml", "build/languages/nl/mkdocs.yml"]


@pytest.mark.slow
def test_serve_latency_measurement_smoke(mini):
    """One edit on the small fixture: the measurement runs serve, edits and polls (the real figures: make bench)."""
    from bench.run import measure_serve

    result = measure_serve(mini, edits=1)
    assert len(result["edits"]) == 1 and 0 < result["median"] < 60
    assert sorted(mini.glob("content/stages/*.yml"))[0].read_text().count("Edited") == 0  # put back as it was
