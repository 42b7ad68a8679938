"""Hostile input: every corpus case fails the build with its exact message, fast, in bounded memory and without
a traceback, and leaves the last good site byte-identical; legal but dangerous input is escaped (docs/content-safety.md)."""

from __future__ import annotations

import csv
import io
import os
import re
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest

from .conftest import FIXTURES, run_cli
from lxml import html as lxml_html

from .hostile.corpus import CASES_DIR, apply_case, case_names, expected, expected_output, is_inert, limit_memory, snapshot
from .safety import bad_urls, content_scripts, live_handlers

pytestmark = pytest.mark.slow
EPOCH = {"SOURCE_DATE_EPOCH": "1790000000"}
TIME_LIMIT = 5.0  # CPU seconds per case
WALL_LIMIT = 60  # seconds; a hang (a FIFO read, say) fails the case here
ACCEPTED = Path(__file__).resolve().parent / "hostile" / "accepted" / "files"


@pytest.fixture(scope="module")
def good_project(tmp_path_factory) -> Path:
    """The mini playbook with a good site/ and build/, built once; each case works on a copy."""
    project = tmp_path_factory.mktemp("hostile") / "mini"
    shutil.copytree(FIXTURES / "mini", project)
    result = run_cli("build", cwd=project, env=EPOCH)
    assert result.returncode == 0, result.stderr
    return project


def test_the_corpus_is_big_and_every_case_has_an_expected_message():
    names = case_names()
    assert len(names) >= 100 and sum(map(is_inert, names)) >= 10
    for name in names:
        if is_inert(name):
            assert expected_output(name).get("contains"), name
            continue
        text = expected(name)
        assert text.strip(), name
        # Every message names where the problem is: `path:line:col: message`, `path: message` or `error: ...`.
        first = text.splitlines()[0]
        assert re.match(r"^(error: |[\w./-]+(:\d+:\d+)?: )", first), (name, first)


def _case(name: str, good_project: Path, tmp_path: Path) -> tuple[Path, Path]:
    project = tmp_path / "project"
    shutil.copytree(good_project, project, symlinks=True)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.yml").write_text("id: secret\ntitle: Secret\nauthor: Someone\n")
    apply_case(name, project, outside)
    return project, outside


@pytest.mark.parametrize("name", [n for n in case_names() if not is_inert(n)])
def test_bad_input_fails_cleanly_and_keeps_the_site(name, good_project, tmp_path):
    project, outside = _case(name, good_project, tmp_path)
    site_before = snapshot(project / "site")
    project_before = snapshot(project)
    outside_before = snapshot(outside)

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = subprocess.run([sys.executable, "-m", "playbook_gen", "build"], cwd=project, capture_output=True, text=True,
                            env={**os.environ, **EPOCH}, timeout=WALL_LIMIT, preexec_fn=limit_memory)
    after_usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    # CPU seconds of the build, not wall time: other work on a shared machine must not fail the bound.
    elapsed = (after_usage.ru_utime - before.ru_utime) + (after_usage.ru_stime - before.ru_stime)

    assert "Traceback" not in result.stderr and "MemoryError" not in result.stderr, result.stderr
    assert result.returncode == 1, result.stderr
    assert result.stderr == expected(name)
    assert elapsed < TIME_LIMIT, f"{name} took {elapsed:.1f} s of CPU"
    assert snapshot(project / "site") == site_before, "the previous site changed"
    after = snapshot(project)
    after.pop("build/build.lock", None), project_before.pop("build/build.lock", None)  # holds the last pid
    assert after == project_before, "a failed build wrote into the project"
    assert snapshot(outside) == outside_before
    assert not (project / "pwned").exists()


@pytest.mark.parametrize("name", [n for n in case_names() if is_inert(n)])
def test_dangerous_input_is_built_as_inert_text(name, good_project, tmp_path):
    project, _outside = _case(name, good_project, tmp_path)
    want = expected_output(name)
    pdfs = [] if "pdf" in want else ["--no-pdf"]  # PDFs only where the case checks them: they take seconds
    result = subprocess.run([sys.executable, "-m", "playbook_gen", "build", *pdfs], cwd=project, capture_output=True,
                            text=True, env={**os.environ, **EPOCH}, timeout=WALL_LIMIT, preexec_fn=limit_memory)
    assert result.returncode == 0, result.stderr
    if "stderr" in want:
        assert result.stderr == want["stderr"]
    for rel, texts in want.get("pdf", {}).items():
        reader = pypdf.PdfReader(project / "site" / rel)
        assert reader.attachments == {} and all(not page.images for page in reader.pages), rel
        shown = "".join("".join(page.extract_text() for page in reader.pages).split())  # lines wrap anywhere
        for text in texts:
            assert "".join(text.split()) in shown, (rel, text)
    if "csv" in want:
        exported = subprocess.run([sys.executable, "-m", "playbook_gen", "export", "--format", "csv"], cwd=project,
                                  capture_output=True, text=True, env={**os.environ, **EPOCH}, timeout=WALL_LIMIT)
        assert exported.returncode == 0, exported.stderr
        cells = [cell for row in csv.reader(io.StringIO(exported.stdout)) for cell in row]
        assert [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")] == []  # no cell a spreadsheet runs
        for cell in want["csv"]:
            assert cell in cells, cell
    for page in (project / "site").rglob("*.html"):
        tree = lxml_html.parse(str(page))
        assert content_scripts(tree) == [] and live_handlers(tree) == [] and bad_urls(tree) == [], page
    for rel, texts in want["contains"].items():
        shown = " ".join(lxml_html.parse(str(project / "site" / rel)).getroot().text_content().split())
        for text in texts:
            assert " ".join(text.split()) in shown, (rel, text)
    assert not (project / "pwned").exists()


def test_the_memory_limit_is_real(tmp_path):
    """The corpus's memory bound would catch a blow-up: a child that allocates 2 GB dies under it."""
    result = subprocess.run([sys.executable, "-c", "b = bytearray(2 * 1024**3)"], capture_output=True, text=True,
                            preexec_fn=limit_memory, timeout=30)
    assert result.returncode != 0 and "MemoryError" in result.stderr


def test_corpus_cases_all_differ():
    """Distinct cases: no two make the same change (a copy-paste would weaken the corpus silently)."""
    seen = {}
    for name in case_names():
        folder = CASES_DIR / name
        key = tuple(sorted((p.relative_to(folder).as_posix(), p.read_bytes()) for p in folder.rglob("*")
                           if p.is_file() and p.name != "expected.txt"))
        assert key not in seen, (name, seen.get(key))
        seen[key] = name


@pytest.fixture(scope="module")
def accepted_build(tmp_path_factory) -> tuple[Path, dict, dict]:
    """Legal but dangerous content (tests/hostile/accepted): HTML, script tags and template syntax in fields.
    Returns the project and snapshots of its parent folder before and after the build."""
    parent = tmp_path_factory.mktemp("accepted")
    project = parent / "mini"
    shutil.copytree(FIXTURES / "mini", project)
    shutil.copytree(ACCEPTED, project, dirs_exist_ok=True)
    (parent / "neighbour.txt").write_text("not the project's")
    before = snapshot(parent)
    result = run_cli("build", cwd=project, env=EPOCH)
    assert result.returncode == 0, result.stderr
    return project, before, snapshot(parent)


@pytest.fixture(scope="module")
def accepted_site(accepted_build) -> Path:
    return accepted_build[0] / "site"


def test_a_build_writes_only_into_site_and_build(accepted_build):
    _project, before, after = accepted_build
    changed = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
    assert changed and all(k.split("/")[:2] in (["mini", "site"], ["mini", "build"]) for k in changed), sorted(changed)[:5]


def test_html_in_plain_text_fields_is_shown_as_text(accepted_site):
    glossary = (accepted_site / "reference/glossary.html").read_text()
    assert "<h2 id=\"markup\">&lt;script&gt;alert('title')&lt;/script&gt; &amp; {{ 7*7 }} *not bold*<a" in glossary
    assert "<em>Also called:</em> &lt;i&gt;Markup&lt;/i&gt;" in glossary
    checklist = (accepted_site / "checklists/kick-off.html").read_text()
    assert "Kick-off &lt;b&gt;check&lt;/b&gt; {{ 7*7 }}<a" in checklist
    assert "Both sponsors attended &lt;script&gt;alert('item')&lt;/script&gt; the kick-off." in checklist


def _shown(page: Path) -> str:
    """A page's text as a reader sees it (entities decoded, whitespace folded)."""
    return " ".join(lxml_html.parse(str(page)).getroot().text_content().split())


def test_raw_html_in_prose_is_escaped_and_markdown_still_works(accepted_site):
    glossary = (accepted_site / "reference/glossary.html").read_text()
    assert "Raw HTML <img src=\"x\" onerror=\"alert('prose')\"> and <b>bold?</b> stay text." in _shown(accepted_site / "reference/glossary.html")
    assert "<code>&lt;script&gt;alert('code')&lt;/script&gt;</code>" in glossary
    assert '<a href="https://example.com/?a=1&amp;b=2">the source</a>' in glossary
    assert '<a href="mailto:team@example.com">mail</a>' in glossary
    assert '<a href="../lifecycle/launch.html">a stage</a>' in glossary
    assert '<a href="https://example.com/auto">https://example.com/auto</a>' in glossary


def test_template_syntax_in_content_stays_literal(accepted_site):
    assert ("A template {{ config.site_name }} and {% if true %}block{% endif %} {# comment #} stay literal too."
            in _shown(accepted_site / "reference/glossary.html"))


def test_no_page_runs_content_script(accepted_site):
    """Across the whole site, no content string became a tag, an event handler or a script URL."""
    for page in accepted_site.rglob("*.html"):
        html = page.read_text()
        assert not re.search(r"<[^>]+\son\w+=", html), page
        assert "<script>alert" not in html and 'href="javascript:' not in html, page


def test_printed_checklist_shows_markup_as_text(accepted_site):
    text = "".join(p.extract_text() for p in pypdf.PdfReader(accepted_site / "checklists/pdf/kick-off.pdf").pages)
    assert "Kick-off <b>check</b> {{ 7*7 }}" in text
    assert "<script>alert('item')</script>" in text
