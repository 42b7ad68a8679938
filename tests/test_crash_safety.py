"""Crash safety: a build killed with SIGKILL at any point leaves site/ a complete site (the previous one until
the swap), and the next build cleans up what the killed one left behind."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import FIXTURES, ROOT
from .hostile.corpus import snapshot

pytestmark = pytest.mark.slow
EPOCH = "1790000000"


def runner(project: Path, pause: str | None = None, flag: Path | None = None) -> subprocess.Popen:
    """The build with the test PDF export and an optional pause point (tests/hostile/crash_runner.py)."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONPATH": str(ROOT)}
    if pause:
        env.update(PLAYBOOK_TEST_PAUSE=pause, PLAYBOOK_TEST_FLAG=str(flag))
    # Its own session, so killing the group also kills the export pool's workers.
    return subprocess.Popen([sys.executable, "-m", "tests.hostile.crash_runner"], cwd=project, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


def finish(proc: subprocess.Popen) -> tuple[int, str]:
    _out, err = proc.communicate(timeout=300)
    return proc.returncode, err


def wait_paused(proc: subprocess.Popen, flag: Path, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not flag.exists():
        if proc.poll() is not None:
            raise AssertionError(f"build ended before pausing:\n{proc.stderr.read()}")
        if time.monotonic() > deadline:
            raise AssertionError("build did not reach the pause point")
        time.sleep(0.02)


def kill(proc: subprocess.Popen) -> None:
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    for _ in range(100):  # pool workers are reaped by init; wait until the group is gone
        try:
            os.killpg(proc.pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)


def leftovers(project: Path) -> list[str]:
    found = [p.name for p in project.glob(".site.*")]
    found += [p.relative_to(project).as_posix() for p in (project / "build").rglob("*.tmp")]
    return sorted(found)


def revise(project: Path) -> None:
    """A content change that touches pages and exports alike."""
    for rel, old, new in [("content/stages/launch.yml", "title: Launch", "title: Launch, revised"),
                          ("content/checklists/kick-off.yml", "title: Kick-off check", "title: Kick-off check, revised")]:
        path = project / rel
        path.write_text(path.read_text().replace(old, new))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("crash") / "mini"
    shutil.copytree(FIXTURES / "mini", project)
    code, err = finish(runner(project))
    assert code == 0, err
    assert (project / "site/crash-test/kick-off.pdf").is_file()
    return project


@pytest.mark.parametrize("point", ["docs", "export", "engine", "publish"])
def test_killed_build_keeps_a_complete_site_and_next_build_cleans_up(point, built, tmp_path):
    project = tmp_path / "mini"
    shutil.copytree(built, project, symlinks=True)
    previous = snapshot(project / "site")
    revise(project)
    flag = tmp_path / "paused"

    proc = runner(project, point, flag)
    wait_paused(proc, flag)
    kill(proc)

    after_kill = snapshot(project / "site")
    if point == "publish":
        # Killed after the swap: site/ is already the new complete site; the old one waits in the staging folder.
        assert after_kill != previous and set(after_kill) == set(previous)
        assert "Launch, revised" in (project / "site/lifecycle/launch.html").read_text()
    else:
        assert after_kill == previous, f"site/ changed when killed at {point}"
    if point in ("engine", "publish"):
        assert [p for p in leftovers(project) if p.startswith(".site.tmp-")], "expected the killed build's staging folder"
    # What a killed export or write would also leave: half-written cache and docs files.
    (project / "build/cache/.0123abcd.tmp").write_bytes(b"half a pdf")
    (project / "build/docs/lifecycle/.launch.md.tmp").write_bytes(b"half a page")

    code, err = finish(runner(project))
    assert code == 0, err
    assert leftovers(project) == []
    rebuilt = snapshot(project / "site")
    assert set(rebuilt) == set(previous)
    assert "Launch, revised" in (project / "site/lifecycle/launch.html").read_text()
    if point == "publish":
        assert rebuilt == after_kill  # the site published just before the kill was already the complete new one


def test_killed_build_leftovers_are_removed_by_clean(built, tmp_path):
    project = tmp_path / "mini"
    shutil.copytree(built, project, symlinks=True)
    revise(project)
    flag = tmp_path / "paused"
    proc = runner(project, "engine", flag)
    wait_paused(proc, flag)
    kill(proc)
    assert leftovers(project)
    (project / "notes.txt").write_text("mine")
    result = subprocess.run([sys.executable, "-m", "playbook_gen", "clean"], cwd=project, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in project.iterdir()) == ["content", "notes.txt"]
