"""The checklist linter: each warning with its exact text, strict mode, and the default content passing."""

from __future__ import annotations

import pytest

from playbook_gen.errors import ContentError
from playbook_gen.pipeline import check

from .conftest import ROOT, run_cli, write

CHECKLIST = """id: long
title: Long list
stage: launch
owner: alliance-manager
pause_point: At the kick-off
mode: READ-DO
items:
{items}"""


def item(text, owner="alliance-manager"):
    return f"  - text: {text}\n" + (f"    owner: {owner}\n" if owner else "")


def warnings_of(project):
    return [str(w) for w in check(project).warnings]


def test_clean_content_has_no_warnings(mini):
    assert warnings_of(mini) == []


def test_too_many_items(mini):
    write(mini, "content/checklists/long.yml", CHECKLIST.format(items="".join(item(f"Step {n} is done.") for n in range(10))))
    assert warnings_of(mini) == [
        "content/checklists/long.yml:8:3: warning: checklist has 10 items; keep one pause point to 9 or fewer (split it)"]


def test_item_without_owner(mini):
    write(mini, "content/checklists/long.yml", CHECKLIST.format(items=item("The room is booked.", owner=None)))
    assert warnings_of(mini) == ["content/checklists/long.yml:8:5: warning: item has no owner role"]


def test_missing_pause_point_and_mode(mini):
    text = CHECKLIST.format(items=item("The room is booked.")).replace("pause_point: At the kick-off\nmode: READ-DO\n", "")
    write(mini, "content/checklists/long.yml", text)
    assert warnings_of(mini) == [
        "content/checklists/long.yml:1:1: warning: checklist has no mode; use READ-DO or DO-CONFIRM",
        "content/checklists/long.yml:1:1: warning: checklist has no pause_point; say when in the work it is used",
    ]


@pytest.mark.parametrize(("text", "word"), [
    ("Consider the partner's culture.", "consider"),
    ("Think about the exit terms.", "think about"),
    ("Ensure that appropriate people attend.", "ensure that appropriate"),
])
def test_vague_verbs(mini, text, word):
    write(mini, "content/checklists/long.yml", CHECKLIST.format(items=item(text)))
    assert warnings_of(mini) == [
        f"content/checklists/long.yml:8:11: warning: vague wording '{word}'; state exactly what is checked"]


def test_long_item(mini):
    long = " ".join(["word"] * 21) + "."
    write(mini, "content/checklists/long.yml", CHECKLIST.format(items=item(long)))
    assert warnings_of(mini) == ["content/checklists/long.yml:8:11: warning: item has 21 words; keep items to 20 words or fewer"]


def test_one_pause_point_shared_by_checklists(mini):
    write(mini, "content/checklists/long.yml", CHECKLIST.format(items="".join(item(f"Step {n} is done.") for n in range(9))))
    path = mini / "content/checklists/kick-off.yml"
    path.write_text(path.read_text().replace("At the end of the kick-off meeting", "At the kick-off"))
    assert warnings_of(mini) == [
        "content/checklists/long.yml:5:14: warning: 10 items at one pause point across checklists kick-off, long; keep it to 9 or fewer"]


def test_strict_turns_warnings_into_errors(mini):
    write(mini, "content/checklists/long.yml", CHECKLIST.format(items=item("The room is booked.", owner=None)))
    with pytest.raises(ContentError):
        check(mini, strict=True)
    assert run_cli("check", cwd=mini).returncode == 0
    strict = run_cli("check", "--strict", cwd=mini)
    assert strict.returncode == 1
    assert "content/checklists/long.yml:8:5: warning: item has no owner role" in strict.stderr
    assert run_cli("build", cwd=mini).returncode == 1  # the default build is strict


def test_default_content_passes_the_linter():
    result = check(ROOT, strict=True)
    assert result.warnings == []
