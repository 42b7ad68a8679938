"""`playbook-gen migrate` on a copy of a project in the old format: old field names renamed, comments kept, valid."""

from __future__ import annotations

import pytest

from playbook_gen.authoring.migrate import migrate
from playbook_gen.errors import ContentError
from playbook_gen.pipeline import check

from .conftest import run_cli

OLD = """# yaml-language-server: $schema=../schemas/playbook.schema.json
# The playbook file, in the format before issue 18.
title: Mini Alliance Playbook
organisation: Example Co
version: "0.9"
owner: alliance-manager
description: |
  A small playbook used by the tests. It links to the [first stage](stage:strategy).
alliances_are:   # what we mean by an alliance
  - A long-term partnership with shared goals  # keep this one
"alliances_are_not":
  # the opposite
  - A one-off purchase from a vendor

audiences:
  - id: executives
    title: Executives
    level: executive
    start_page: for-executives
  - id: all-staff
    title: All staff
    level: everyone
source_hosts:
  canonical: [www.petersimoons.com]
"""


@pytest.fixture
def old_project(mini):
    (mini / "content/playbook.yml").write_text(OLD)
    return mini


def test_old_names_still_read_with_a_notice(old_project):
    checked = check(old_project)
    assert checked.loaded.content.playbook.what_it_is == ["A long-term partnership with shared goals"]
    assert checked.loaded.content.playbook.what_it_is_not == ["A one-off purchase from a vendor"]
    notices = [str(w) for w in checked.warnings if "migrate" in str(w)]
    assert notices == [
        "content/playbook.yml:9:1: notice: 'alliances_are' is now called 'is'; run `playbook-gen migrate` to rename it in your files",
        "content/playbook.yml:11:1: notice: 'alliances_are_not' is now called 'is_not'; run `playbook-gen migrate` to rename it in your files",
    ]


def test_migrate_rewrites_keys_only_and_the_result_validates(old_project):
    result = run_cli("migrate", cwd=old_project)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == ["content/playbook.yml:9: renamed alliances_are -> is",
                                          "content/playbook.yml:11: renamed alliances_are_not -> is_not"]
    text = (old_project / "content/playbook.yml").read_text()
    # Line for line the same file, but for the two keys: comments, blank lines and quoting kept.
    assert text == OLD.replace("alliances_are:   #", "is:   #").replace('"alliances_are_not":', '"is_not":')
    checked = check(old_project)
    assert [w for w in checked.warnings if "migrate" in str(w)] == []
    assert checked.loaded.content.playbook.what_it_is == ["A long-term partnership with shared goals"]
    assert checked.loaded.content.playbook.what_it_is_not == ["A one-off purchase from a vendor"]
    again = run_cli("migrate", cwd=old_project)  # nothing left to do
    assert again.returncode == 0 and "nothing to migrate" in again.stderr


def test_dry_run_changes_nothing(old_project):
    result = run_cli("migrate", "--dry-run", cwd=old_project)
    assert result.returncode == 0 and "would rename alliances_are -> is" in result.stderr
    assert (old_project / "content/playbook.yml").read_text() == OLD


def test_both_names_given(old_project):
    path = old_project / "content/playbook.yml"
    path.write_text(OLD.replace("audiences:", "is:\n  - Something else\naudiences:", 1))
    with pytest.raises(ContentError) as exc:
        migrate(old_project)
    assert [str(i) for i in exc.value.issues] == [
        "content/playbook.yml:9:1: both 'alliances_are' and 'is' are given; merge them by hand"]
    with pytest.raises(ContentError) as exc:
        check(old_project)
    assert "content/playbook.yml:9:1: both 'alliances_are' and 'is' are given; keep 'is' only" in map(str, exc.value.issues)
