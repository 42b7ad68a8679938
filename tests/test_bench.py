"""Smoke test of the benchmark's synthetic playbooks (bench/synth.py) at a small scale; `make bench` runs the rest."""

from __future__ import annotations

import re

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
