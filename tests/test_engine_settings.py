"""Paths in the project's mkdocs.yml resolve from the project, whichever folder of build/ the engine reads its
generated config from (build/, build/sites/<audience>/, build/languages/<lang>/, build/serve/), or are refused
(docs/content-safety.md, "Branding files and engine settings")."""

from __future__ import annotations

import pytest

from .conftest import run_cli, write

EPOCH = {"SOURCE_DATE_EPOCH": "1790000000"}
PARTIAL = "<p class=\"pg-test-override\">{{ 'from the project' | upper }}</p>\n"
HOOK = '''
def on_page_content(html, page, config, files):
    return html + '<p class="pg-test-hook">hooked</p>'
'''


def _with_overrides(project):
    write(project, "mkdocs.yml", "theme:\n  name: material\n  custom_dir: overrides\nhooks:\n  - tools/hooks.py\n")
    write(project, "overrides/partials/copyright.html", PARTIAL)
    write(project, "tools/hooks.py", HOOK)
    return project


@pytest.mark.parametrize("args", [("build",), ("build", "--all-audiences")], ids=["site", "per-audience"])
def test_custom_dir_and_hooks_inside_the_project_reach_the_site(mini, args):
    result = run_cli(*args, "--no-pdf", "-q", cwd=_with_overrides(mini), env=EPOCH)
    assert result.returncode == 0, result.stderr
    sites = ([mini / "site" / name for name in ("internal", "executives", "all-staff")] if "--all-audiences" in args
             else [mini / "site"])
    for site in sites:
        page = (site / "index.html").read_text(encoding="utf-8")
        assert '<p class="pg-test-override">FROM THE PROJECT</p>' in page, site  # the partial replaced Material's
        assert '<p class="pg-test-hook">hooked</p>' in page, site  # the hook ran, found from where the engine runs


@pytest.mark.parametrize(("mkdocs", "message"), [
    ("hooks:\n  - ../hooks.py\n", "mkdocs.yml: hooks '../hooks.py' must be inside the project"),
    ("hooks:\n  - /tmp/hooks.py\n", "mkdocs.yml: hooks '/tmp/hooks.py' must be inside the project"),
    ("extra_javascript: [js/x.js]\n", "mkdocs.yml: 'extra_javascript' is not supported in mkdocs.yml: the engine "
     "reads a generated config in build/; playbook-gen pages load only its own scripts; override one in templates/assets/"),
], ids=["hook-parent", "hook-absolute", "extra-javascript"])
def test_engine_settings_that_reach_outside_the_project_are_refused(mini, mkdocs, message):
    write(mini, "mkdocs.yml", mkdocs)
    result = run_cli("check", cwd=mini)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [message, "1 problem found"]
