"""Rendered pages: filters, and golden files for every entity kind's page (UPDATE_GOLDENS=1 refreshes them)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from playbook_gen.pipeline import check
from playbook_gen.render.filters import relative_url, text
from playbook_gen.render.pages import render_site, tidy

from .conftest import FIXTURES, write

GOLDEN = Path(__file__).resolve().parent / "golden" / "mini"


@pytest.mark.parametrize(("raw", "shown"), [
    ("{{ 7*7 }}", r"\{\{ 7\*7 \}\}"),
    ("{% if x %}", r"\{% if x %\}"),
    ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ("R&D | legal", r"R&amp;D \| legal"),
    ("- not a list", r"\- not a list"),
    ("1. not a list", r"1\. not a list"),
    ("two\n  lines", "two lines"),
])
def test_text_filter_shows_plain_text_literally(raw, shown):
    assert text(raw) == shown


@pytest.mark.parametrize(("src", "dst", "url"), [
    ("lifecycle/a.md", "roles/b.md", "../roles/b.md"),
    ("index.md", "roles/b.md", "roles/b.md"),
    ("reference/glossary.md", "reference/glossary.md#x", "#x"),
    ("lifecycle/a.md", "lifecycle/a.md", "a.md"),
    ("lifecycle/a.md", "reference/glossary.md#x", "../reference/glossary.md#x"),
])
def test_relative_url(src, dst, url):
    assert relative_url(src, dst) == url


def test_tidy_separates_blocks_but_keeps_fences():
    assert tidy("text\n## H\nnext\n\n\n\n```\n\n\n```\n") == "text\n\n## H\n\nnext\n\n```\n\n\n```\n"


def rendered_mini(project=FIXTURES / "mini"):
    checked = check(project)
    return render_site(checked.loaded.content, project).files


@pytest.mark.parametrize("page", [
    "index.md", "lifecycle/index.md", "lifecycle/strategy.md", "lifecycle/partner-analysis.md",
    "roles/executive-sponsor.md", "roles/alliance-manager.md", "checklists/partner-fit.md",
    "checklists/index.md", "reference/glossary.md", "reference/sources.md", "start/for-executives.md",
    "cases/barbecue.md", "assessments/partner-fit.md",
])
def test_golden_pages(page):
    actual = rendered_mini()[page].decode("utf-8")
    golden = GOLDEN / page
    if os.environ.get("UPDATE_GOLDENS"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert golden.is_file(), f"no golden file for {page}; run with UPDATE_GOLDENS=1"
    assert actual == golden.read_text(encoding="utf-8")


def test_content_is_never_a_template(mini):
    files = rendered_mini(mini)
    assert r"Gate: Go/no-go \{\{ 7\*7 \}\}" in files["lifecycle/partner-analysis.md"].decode()


def test_project_template_overrides_default_by_name(mini):
    write(mini, "templates/glossary.md", "# Our own glossary\n\n{{ content.ordered('glossary')|length }} terms\n")
    files = rendered_mini(mini)
    assert files["reference/glossary.md"].decode() == "# Our own glossary\n\n3 terms\n"
    assert files["index.md"].startswith(b"---\nhide:")  # other templates still come from the package


def test_template_typo_is_a_build_error(mini):
    from playbook_gen.errors import BuildError

    write(mini, "templates/glossary.md", "{{ playbok.title }}\n")
    with pytest.raises(BuildError, match="template glossary.md: 'playbok' is undefined"):
        rendered_mini(mini)


def test_large_sections_keep_only_their_index_in_the_menu():
    from playbook_gen.render.pages import compact_nav

    pages = [{f"Checklist {n}": f"checklists/c{n}.md"} for n in range(3)]
    nav = [{"Home": "index.md"}, {"Checklists": ["checklists/index.md", *pages]},
           {"Start here": [{"A": "start/a.md"}, {"B": "start/b.md"}, {"C": "start/c.md"}]}]
    assert compact_nav(nav, limit=4) == nav  # at the limit (index + 3 pages) nothing changes
    assert compact_nav(nav, limit=3) == [
        {"Home": "index.md"}, {"Checklists": ["checklists/index.md"]},
        {"Start here": [{"A": "start/a.md"}, {"B": "start/b.md"}, {"C": "start/c.md"}]},  # no index page: kept
    ]
