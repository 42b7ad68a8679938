"""A playbook names its subject: a "partnership" playbook's output never says "alliance" (issue 18's acceptance).

tests/fixtures/partnership is the mini playbook about partnerships (`subject:` in its playbook.yml, no word of
"alliance" in its content) with a learning path, so the build makes every kind of output: site pages, search
index, JSON, PDFs (read back with pdftotext), slide decks, SCORM packages, and checklist runs (Markdown and CSV).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import zipfile

import pytest

from playbook_gen import i18n
from playbook_gen.export import runs
from playbook_gen.pipeline import build, check, write_run

from .conftest import FIXTURES, require_tool, run_cli

WORD = re.compile(r"allian", re.IGNORECASE)  # alliance, alliances, Allianz, alliantie


@pytest.fixture(scope="module")
def partnership(tmp_path_factory):
    project = tmp_path_factory.mktemp("vocab") / "partnership"
    shutil.copytree(FIXTURES / "partnership", project)
    try:
        build(project)
        content = check(project).loaded.content
        for target in ("strategy", "kick-off"):
            planned = runs.plan(content, target, dt.date(2026, 3, 2), "Acme & Example Co")
            write_run(runs.outputs(content, project, planned), project / "runs")
    finally:
        i18n.activate(None)
    return project


def _texts(project):
    """(file, text) for every output: text files as they are, PDFs through pdftotext, zips (decks, packages) entry by entry."""
    pdftotext = require_tool("pdftotext")
    for path in sorted([*(project / "site").rglob("*"), *(project / "runs").rglob("*")]):
        if not path.is_file():
            continue
        rel = path.relative_to(project).as_posix()
        if path.suffix == ".pdf":
            yield rel, subprocess.run([pdftotext, "-q", str(path), "-"], capture_output=True, text=True, check=True).stdout
        elif path.suffix in (".zip", ".pptx"):
            with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as z:
                for name in z.namelist():
                    yield f"{rel}!{name}", z.read(name).decode("utf-8", "replace")
        elif path.suffix in (".png", ".woff", ".woff2", ".ico", ".gz"):
            continue
        else:
            yield rel, path.read_text("utf-8", "replace")


def test_fixture_content_never_says_alliance():
    assert [p for p in (FIXTURES / "partnership").rglob("*") if p.is_file() and WORD.search(p.read_text() + p.name)] == []


def test_outputs_name_the_subject_only(partnership):
    kinds = set()
    hits = []
    for rel, text in _texts(partnership):
        kinds.add(rel.split("!")[0].rsplit(".", 1)[-1])
        hits += [f"{rel}: …{text[max(0, m.start() - 50):m.end() + 30]}…" for m in WORD.finditer(text)]
    assert {"html", "json", "pdf", "pptx", "zip", "csv", "md"} <= kinds  # every kind of output was read
    assert hits == [], "\n".join(hits)


def test_generated_strings_use_the_subject(partnership):
    site = partnership / "site"
    assert "The partnership lifecycle" in (site / "lifecycle/index.html").read_text()
    home = (site / "index.html").read_text()
    assert "What a partnership is, and what it is not" in home and "A partnership is not" in home
    assert '<title id="pg-lifecycle-wide-title">The partnership lifecycle</title>' in (site / "lifecycle/index.html").read_text()
    run = (partnership / "runs/strategy-2026-03-02.md").read_text()
    assert "| Partnership | Acme &amp; Example Co |" in run


def test_subject_in_another_language(mini):
    """Forms per language: the playbook's own words for Dutch, the catalogue's when it gives none."""
    from playbook_gen.model.playbook import Subject

    subject = Subject(singular="partnership", plural="partnerships",
                      translations={"nl": {"singular": "partnerschap", "plural": "partnerschappen",
                                           "a": "een partnerschap", "the": "het partnerschap"}})
    with i18n.using("nl", subject):
        assert i18n.say("The %(subject)s lifecycle") == "De levenscyclus van partnerschappen"
        assert i18n.say("What %(a_subject)s is, and what it is not") == "Wat een partnerschap is, en wat niet"
    with i18n.using("de"):
        assert i18n.say("%(A_subject)s is not") == "Eine Allianz ist nicht"
    with i18n.using("en", subject):
        assert i18n.words()["A_subject"] == "A partnership" and i18n.words()["The_subject"] == "The partnership"


def test_run_option_for_and_its_old_name(mini, tmp_path):
    for option in ("--for", "--alliance"):
        out = tmp_path / option.strip("-")
        result = run_cli("run", "strategy", "--start", "2026-03-02", option, "Acme", "--out", str(out), cwd=mini)
        assert result.returncode == 0, result.stderr
        assert (out / "strategy-2026-03-02.md").read_text().startswith("# Strategy and readiness: Acme\n")
