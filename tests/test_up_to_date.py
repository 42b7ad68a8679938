"""A build with nothing to do: the site is already what the inputs make (publish/current.py).

Every input the fingerprint covers is changed once and must bring the full build back; the site itself
edited or deleted too. A build that finds nothing to do runs neither the check nor the engine and repeats
the warnings of the build that made the site."""

from __future__ import annotations

from pathlib import Path

import pytest

from playbook_gen import pipeline
from playbook_gen.options import Options
from playbook_gen.publish import current, engine
from tests.conftest import run_cli, write

QUICK = Options(pdf=False)


@pytest.fixture
def engine_runs(monkeypatch):
    """How many engine builds ran (the real engine still builds)."""
    runs = []
    real = engine.build

    def counted(config, site):
        runs.append(config)
        real(config, site)

    monkeypatch.setattr(engine, "build", counted)
    return runs


@pytest.fixture
def built(mini, engine_runs, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    monkeypatch.setenv("PLAYBOOK_GEN_TODAY", "2026-12-01")
    pipeline.build(mini, QUICK)
    assert len(engine_runs) == 1
    return mini


def rebuilt(project: Path, engine_runs: list, options: Options = QUICK, **kw) -> bool:
    before = len(engine_runs)
    pipeline.build(project, options, **kw)
    return len(engine_runs) > before


def test_a_build_with_nothing_changed_does_nothing_and_says_so(built, engine_runs, monkeypatch):
    def no_check(*a, **k):
        raise AssertionError("checked again")

    monkeypatch.setattr(pipeline, "check", no_check)
    said = []
    result = pipeline.build(built, QUICK, progress=said.append)
    assert len(engine_runs) == 1
    assert said == ["nothing changed since the last build: site/ is up to date (--force rebuilds)"]
    assert result.docs_written == [] and result.exports_generated == [] and result.pages > 10


def test_force_builds_anyway(built, engine_runs):
    assert rebuilt(built, engine_runs, force=True)


EDITS = {
    "a content file": lambda p: (p / "content/stages/launch.yml").write_text(
        (p / "content/stages/launch.yml").read_text(encoding="utf-8").replace("title: Launch", "title: Launch now"),
        encoding="utf-8"),
    "a new content file": lambda p: write(p, "content/glossary/extra.yml", "id: extra\ntitle: Extra\ndefinition: More.\n"),
    "a template override": lambda p: write(p, "templates/stage.md", '{% extends "default/stage.md" %}\n'),
    "branding": lambda p: write(p, "site_config/branding.yml", "branding:\n  site_name: Another name\n"),
    "the project's mkdocs.yml": lambda p: write(p, "mkdocs.yml", "site_name: Changed\n"),
    "a file in the published site": lambda p: (p / "site/index.html").write_text("edited", encoding="utf-8"),
    "a file deleted from the site": lambda p: (p / "site/index.html").unlink(),
    "a file added to the site": lambda p: write(p, "site/stray.html", "stray"),
}


@pytest.mark.parametrize("what", EDITS)
def test_a_change_to_any_input_or_to_the_site_builds_again(built, engine_runs, what):
    EDITS[what](built)
    assert rebuilt(built, engine_runs)
    assert not rebuilt(built, engine_runs)  # and that build is remembered in turn


@pytest.mark.parametrize("name, value", [("SOURCE_DATE_EPOCH", "1790000001"), ("PLAYBOOK_GEN_TODAY", "2027-06-01")])
def test_the_build_date_and_today_are_inputs(built, engine_runs, monkeypatch, name, value):
    monkeypatch.setenv(name, value)
    assert rebuilt(built, engine_runs)


def test_other_options_or_another_site_folder_build_again(built, engine_runs, tmp_path):
    assert rebuilt(built, engine_runs, Options(pdf=False, strict=False))
    assert rebuilt(built, engine_runs, QUICK, site_dir=tmp_path / "elsewhere")
    assert not rebuilt(built, engine_runs, QUICK, site_dir=tmp_path / "elsewhere")
    # The record of site/ was made under other options: the strict one is built again, not taken from it.
    assert rebuilt(built, engine_runs)


def test_a_new_playbook_gen_or_library_version_builds_again(built, engine_runs, monkeypatch):
    monkeypatch.setattr(current, "_tool_digest", lambda: b"another release")
    assert rebuilt(built, engine_runs)


def test_a_failed_build_leaves_no_record_of_the_site_it_did_not_make(built, engine_runs, monkeypatch):
    EDITS["a content file"](built)

    counted = engine.build

    def broken(config, site):
        raise RuntimeError("engine crashed")

    monkeypatch.setattr(engine, "build", broken)
    with pytest.raises(RuntimeError):
        pipeline.build(built, QUICK)
    monkeypatch.setattr(engine, "build", counted)
    # The edit is still there and the last good site has the old title: the next build must not skip.
    assert (built / "build/published.json").is_file()
    assert rebuilt(built, engine_runs)


def test_a_planted_record_is_ignored(built, engine_runs):
    record = built / "build/published.json"
    record.write_text(record.read_text(encoding="utf-8").replace('"checksum":"', '"checksum":"0'), encoding="utf-8")
    assert rebuilt(built, engine_runs)


def test_the_warnings_of_the_build_that_made_the_site_are_repeated(mini):
    write(mini, "content/checklists/long.yml", "id: long\ntitle: Long\nstage: launch\nowner: alliance-manager\n"
          "pause_point: At the end\nmode: READ-DO\nitems:\n"
          + "".join(f"  - text: Item {n}.\n    owner: alliance-manager\n" for n in range(10)))
    first = run_cli("build", "--no-strict", "--no-pdf", cwd=mini)
    second = run_cli("build", "--no-strict", "--no-pdf", cwd=mini)
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    assert "nothing changed since the last build" in second.stderr
    warned = [line for line in first.stderr.splitlines() if "warning:" in line]
    assert warned and warned == [line for line in second.stderr.splitlines() if "warning:" in line]
    forced = run_cli("build", "--no-strict", "--no-pdf", "--force", cwd=mini)
    assert "nothing changed" not in forced.stderr and "site ready in site/" in forced.stderr


def test_a_folder_link_back_up_is_walked_once(built, engine_runs):
    (built / "templates").mkdir(exist_ok=True)
    (built / "templates/loop").symlink_to(".", target_is_directory=True)  # templates/loop/loop/... without end
    assert current._files(built / "templates") == []
    (built / "templates/stage.md").write_text('{% extends "default/stage.md" %}\n', encoding="utf-8")
    assert [p.name for p in current._files(built / "templates")] == ["stage.md"]
    assert rebuilt(built, engine_runs)
