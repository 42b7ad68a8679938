"""The export cache is shared by every build of a project: --no-pdf keeps it, audiences keep their own entries,
and it is pruned by age and size, never by what the last build needed."""

from __future__ import annotations

import os
import time

import pytest

from playbook_gen.export.jobs import prune_cache
from playbook_gen.options import Options
from playbook_gen.pipeline import build

from .test_audience import restrict

pytestmark = pytest.mark.slow


def entries(project):
    return sorted(p.name for p in (project / "build/cache").iterdir() if p.is_file())


@pytest.fixture
def epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")


def test_no_pdf_build_keeps_the_cache(mini, epoch):
    first = build(mini, Options())
    assert first.exports_generated
    cached = entries(mini)
    build(mini, Options(pdf=False))
    assert entries(mini) == cached
    assert build(mini, Options()).exports_generated == []  # every PDF from the cache


def test_each_audience_keeps_its_cached_exports(mini, epoch):
    restrict(mini, "content/checklists/partner-fit.yml", ["executives"])  # so the audiences' exports differ
    made = {aud: build(mini, Options(audience=aud)).exports_generated for aud in ("executives", "all-staff")}
    assert made["executives"] and made["all-staff"]
    assert build(mini, Options(audience="executives")).exports_generated == []
    assert build(mini, Options(audience="all-staff")).exports_generated == []
    build(mini, Options())  # the whole playbook evicts nobody either
    assert build(mini, Options(audience="all-staff")).exports_generated == []


def test_prune_by_age_then_size(tmp_path):
    now = time.time()
    for name, age_days, size in [("old.pdf", 40, 10), ("a.pdf", 3, 100), ("b.pdf", 2, 100), ("c.pdf", 1, 100),
                                 (".crashed.tmp", 1, 5)]:
        path = tmp_path / name
        path.write_bytes(b"x" * size)
        os.utime(path, (now - age_days * 86400, now - age_days * 86400))
    assert prune_cache(tmp_path, now=now, max_bytes=10_000) == ["old.pdf", ".crashed.tmp"]
    assert prune_cache(tmp_path, now=now, max_bytes=250) == ["a.pdf"]  # least recently used first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.pdf", "c.pdf"]
