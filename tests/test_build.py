"""End-to-end: strict engine builds, atomic publish, determinism, no network assets, CLI exit codes."""

from __future__ import annotations

import json
import re

import pytest

from .conftest import run_cli, tree_digest, write

pytestmark = pytest.mark.slow
EPOCH = {"SOURCE_DATE_EPOCH": "1790000000"}


def build(project, *args, env=EPOCH):
    return run_cli("build", *args, cwd=project, env=env)


def test_build_makes_a_page_per_entity(mini):
    result = build(mini)
    assert result.returncode == 0, result.stderr
    site = mini / "site"
    for page in ["index.html", "lifecycle/strategy.html", "lifecycle/partner-analysis.html", "lifecycle/launch.html",
                 "roles/executive-sponsor.html", "roles/alliance-manager.html", "roles/functional-lead.html",
                 "checklists/partner-fit.html", "checklists/rationale.html", "checklists/kick-off.html",
                 "reference/glossary.html", "cases/barbecue.html", "playbook.json"]:
        assert (site / page).is_file(), page
    html = (site / "lifecycle/strategy.html").read_text()
    assert '<h1 id="strategy-and-readiness">Strategy and readiness<a class="headerlink"' in html
    assert 'href="../roles/alliance-manager.html"' in html


def test_template_syntax_in_content_shows_literally(mini):
    assert build(mini).returncode == 0
    html = (mini / "site/lifecycle/partner-analysis.html").read_text()
    assert "Gate: Go/no-go {{ 7*7 }}" in html
    assert "49" not in re.sub(r"<[^>]+>", "", html).split("Gate:")[1][:40]


def test_raw_html_in_prose_is_shown_as_text(mini):
    assert build(mini).returncode == 0
    html = (mini / "site/start/for-executives.html").read_text()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html


def test_two_builds_are_byte_identical(mini):
    assert build(mini).returncode == 0
    first = tree_digest(mini / "site")
    assert build(mini).returncode == 0
    assert tree_digest(mini / "site") == first


def test_failed_build_leaves_previous_site_untouched(mini):
    assert build(mini).returncode == 0
    before = tree_digest(mini / "site")
    write(mini, "content/stages/launch.yml", "id: launch\ntitle: [broken\n")
    result = build(mini)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert tree_digest(mini / "site") == before
    assert not list(mini.glob(".site.tmp-*"))


def test_engine_failure_leaves_previous_site_untouched(mini):
    assert build(mini).returncode == 0
    before = tree_digest(mini / "site")
    # A project template with a link to a missing page: the strict engine build must fail.
    write(mini, "templates/cases.md", "# Cases\n\n[missing](nowhere.md)\n")
    result = build(mini)
    assert result.returncode == 1
    assert "site engine failed" in result.stderr and "nowhere.md" in result.stderr
    assert tree_digest(mini / "site") == before


def test_no_external_requests_in_the_site(mini):
    assert build(mini).returncode == 0
    for page in (mini / "site").rglob("*.html"):
        html = page.read_text()
        for url in re.findall(r'<(?:script|link|img)[^>]*(?:src|href)="([^"]+)"', html):
            assert not url.startswith(("http:", "https:", "//")), (page, url)
        assert "fonts.googleapis" not in html and "unpkg.com" not in html


def test_refuses_to_replace_a_site_it_did_not_create(mini):
    (mini / "site").mkdir()
    (mini / "site/mine.txt").write_text("keep me")
    result = build(mini)
    assert result.returncode == 1
    assert "site/ exists and was not created by playbook-gen" in result.stderr
    assert (mini / "site/mine.txt").read_text() == "keep me"


def test_unsafe_site_dir_is_refused(mini):
    write(mini, "mkdocs.yml", "site_dir: content\n")
    result = build(mini)
    assert result.returncode == 1
    assert "refusing site_dir 'content'" in result.stderr


def test_clean_removes_only_what_it_made(mini):
    assert build(mini).returncode == 0
    (mini / "notes.txt").write_text("mine")
    result = run_cli("clean", cwd=mini)
    assert result.returncode == 0
    assert not (mini / "site").exists() and not (mini / "build").exists()
    assert (mini / "notes.txt").exists() and (mini / "content").is_dir()


def test_check_exit_codes_and_messages(mini):
    ok = run_cli("check", cwd=mini)
    assert ok.returncode == 0, ok.stderr
    path = mini / "content/stages/launch.yml"
    path.write_text(path.read_text().replace("[alliance-manager, functional-lead]", "[alliance-manger, functional-lead]"))
    bad = run_cli("check", cwd=mini)
    assert bad.returncode == 1
    assert bad.stderr.splitlines()[0] == (
        "content/stages/launch.yml:9:19: unknown role 'alliance-manger' (did you mean 'alliance-manager'?)")
    assert "Traceback" not in bad.stderr


def test_usage_error_exit_code(mini):
    assert run_cli("check", "--no-such-flag", cwd=mini).returncode == 2
    assert run_cli("nonsense", cwd=mini).returncode == 2


def test_every_command_has_help(mini):
    for command in ["check", "build", "serve", "export", "clean"]:
        result = run_cli(command, "--help", cwd=mini)
        assert result.returncode == 0 and "Usage:" in result.stdout, command


def test_export_json_shape(mini):
    result = run_cli("export", "--format", "json", cwd=mini)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"playbook", "stages", "roles", "checklists", "glossary"} <= set(data)
    assert [s["id"] for s in data["stages"]] == ["strategy", "partner-analysis", "launch"]
    for kind in ("stages", "roles", "checklists", "glossary"):
        assert all({"id", "title"} <= set(e) for e in data[kind])
    assert data["roles"][1]["is"] == ["The senior owner of the alliance"]


def test_check_reports_every_kind_of_problem_at_once_and_leaves_the_site(mini):
    assert build(mini).returncode == 0
    before = tree_digest(mini / "site")
    write(mini, "content/glossary/broken.yml", "id: broken\ntitle: [unclosed\n")  # YAML syntax
    launch = mini / "content/stages/launch.yml"
    launch.write_text(launch.read_text().replace("order: 3", "order: three"))  # wrong type
    lead = mini / "content/roles/functional-lead.yml"
    lead.write_text(lead.read_text() + "sumary: typo\n")  # unknown key
    write(mini, "content/roles/copy.yml", "id: executive-sponsor\ntitle: Copy\nlevel: executive\nsummary: x\n")  # duplicate
    result = run_cli("check", cwd=mini)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "content/glossary/broken.yml:3:1: expected ',' or ']', but got '<stream end>' (while parsing a flow sequence)",
        "content/roles/executive-sponsor.yml:1:5: duplicate role id 'executive-sponsor' (first defined in content/roles/copy.yml:1:5)",
        "content/roles/functional-lead.yml:6:1: unknown key 'sumary' (did you mean 'summary'?)",
        "content/stages/launch.yml:3:8: 'order' must be a whole number, got 'three'",
        "4 problems found",
    ]
    # The dangling reference is reported once the files load: fix the load errors, add one.
    (mini / "content/glossary/broken.yml").unlink()
    launch.write_text(launch.read_text().replace("order: three", "order: 3").replace("[alliance-manager,", "[alliance-manger,"))
    lead.write_text(lead.read_text().replace("sumary: typo\n", ""))
    (mini / "content/roles/copy.yml").unlink()
    result = run_cli("check", cwd=mini)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "content/stages/launch.yml:9:19: unknown role 'alliance-manger' (did you mean 'alliance-manager'?)")
    assert tree_digest(mini / "site") == before
