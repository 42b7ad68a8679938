"""Ownership and freshness: overdue-review notices, the page footer, the review report, the change log page."""

from __future__ import annotations

from playbook_gen.pipeline import check
from playbook_gen.render.pages import render_site

from .conftest import run_cli, write

TERM = """id: charter
title: Charter
owner: {owner}
review_by: 2026-01-31
last_reviewed: 2025-02-01
definition: The agreed rules of an alliance.
"""


def with_review(mini, owner="executive-sponsor"):
    write(mini, "content/glossary/charter.yml", TERM.format(owner=owner))
    return mini


def notices(project):
    return [str(w) for w in check(project).warnings if w.severity == "notice"]


def test_overdue_review_is_reported_with_owner(mini, monkeypatch):
    with_review(mini)
    monkeypatch.setenv("PLAYBOOK_GEN_TODAY", "2026-02-01")
    assert notices(mini) == ["content/glossary/charter.yml:4:12: notice: review overdue since 2026-01-31 (owner: executive-sponsor)"]


def test_review_due_today_is_not_overdue(mini, monkeypatch):
    with_review(mini)
    monkeypatch.setenv("PLAYBOOK_GEN_TODAY", "2026-01-31")
    assert notices(mini) == []


def test_owner_defaults_to_the_playbook_owner(mini, monkeypatch):
    write(mini, "content/glossary/charter.yml", TERM.replace("owner: {owner}\n", ""))
    monkeypatch.setenv("PLAYBOOK_GEN_TODAY", "2030-01-01")
    assert notices(mini) == ["content/glossary/charter.yml:3:12: notice: review overdue since 2026-01-31 (owner: alliance-manager)"]


def test_overdue_review_never_fails_check_or_build(mini):
    with_review(mini)
    env = {"PLAYBOOK_GEN_TODAY": "2027-06-01", "SOURCE_DATE_EPOCH": "1790000000"}
    strict = run_cli("check", "--strict", cwd=mini, env=env)
    assert strict.returncode == 0, strict.stderr
    assert strict.stderr.splitlines() == [
        "content/glossary/charter.yml:4:12: notice: review overdue since 2026-01-31 (owner: executive-sponsor)",
        "ok: content is valid (0 warnings, 1 review notice)"]
    built = run_cli("build", "--no-pdf", cwd=mini, env=env)  # strict by default
    assert built.returncode == 0, built.stderr
    assert "notice: review overdue since 2026-01-31" in built.stderr


def test_bad_today_is_a_clear_error(mini):
    result = run_cli("check", cwd=mini, env={"PLAYBOOK_GEN_TODAY": "31/01/2026"})
    assert (result.returncode, result.stderr) == (1, "error: PLAYBOOK_GEN_TODAY must be a date like 2027-01-31, got '31/01/2026'\n")


def test_pages_show_owner_and_review_and_do_not_depend_on_today(mini, monkeypatch):
    with_review(mini)
    monkeypatch.setenv("PLAYBOOK_GEN_TODAY", "2020-01-01")
    first = render_site(check(mini).loaded.content, mini).files
    monkeypatch.setenv("PLAYBOOK_GEN_TODAY", "2030-01-01")
    assert render_site(check(mini).loaded.content, mini).files == first  # reproducible whatever the date
    report = first["reference/review.md"].decode()
    assert ("| 2026-01-31 | [Charter](glossary.md#charter) | Glossary term | "
            "[Executive sponsor](../roles/executive-sponsor.md) | 2025-02-01 |") in report
    # Entity pages carry a footer when they have review dates; mini's stages have none.
    write(mini, "content/stages/strategy.yml",
          (mini / "content/stages/strategy.yml").read_text().replace("order: 1\n", "order: 1\nlast_reviewed: 2025-03-04\n"))
    stage = render_site(check(mini).loaded.content, mini).files["lifecycle/strategy.md"].decode()
    assert "*Kept by [Alliance manager](../roles/alliance-manager.md) · last reviewed 2025-03-04*" in stage
    assert "Kept by" not in render_site(check(mini).loaded.content, mini).files["lifecycle/launch.md"].decode()


def test_no_report_without_review_dates(mini):
    files = render_site(check(mini).loaded.content, mini).files
    assert "reference/review.md" not in files and "reference/changes.md" not in files


def test_change_log_page_from_playbook_changes(mini):
    playbook = mini / "content/playbook.yml"
    playbook.write_text(playbook.read_text() + """changes:
  - version: "0.9"
    date: 2026-03-01
    summary: [Added the partner-fit checklist.]
  - version: "0.8"
    date: 2026-01-15
    summary: [First draft., "Roles: sponsor and manager."]
""")
    page = render_site(check(mini).loaded.content, mini).files["reference/changes.md"].decode()
    assert page.index("## Version 0.9 · 2026-03-01") < page.index("## Version 0.8 · 2026-01-15")
    assert "- Added the partner-fit checklist.\n" in page and "- Roles: sponsor and manager.\n" in page


def test_default_site_has_review_report_and_change_log(default_site):
    site = default_site / "site"
    report = (site / "reference/review.html").read_text()
    assert "Content due for review" in report and "Alliance office" in report
    assert "Change log" in (site / "reference/changes.html").read_text()
    assert "Kept by" in (site / "lifecycle/partner-analysis.html").read_text()
