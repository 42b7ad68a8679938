"""Concurrent builds in one project: the second fails fast with a clear message, and neither corrupts site/."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys

import pytest

from .conftest import FIXTURES, run_cli
from .hostile.corpus import snapshot
from .test_crash_safety import finish, revise, runner, wait_paused

pytestmark = pytest.mark.slow
EPOCH = {"SOURCE_DATE_EPOCH": "1790000000"}


def lock_message(pid: int | str) -> str:
    return f"error: another playbook-gen build is running in this project (pid {pid}); wait for it to finish\n"


@pytest.fixture
def built(tmp_path):
    project = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", project)
    code, err = finish(runner(project))
    assert code == 0, err
    return project


def test_second_build_fails_fast_while_the_first_runs(built, tmp_path):
    previous = snapshot(built / "site")
    revise(built)
    flag = tmp_path / "paused"
    first = runner(built, "engine", flag)  # holds the lock, halfway through the engine build
    try:
        wait_paused(first, flag)
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        second = run_cli("build", cwd=built, env=EPOCH, timeout=30)
        used = resource.getrusage(resource.RUSAGE_CHILDREN)
        assert second.returncode == 1
        assert second.stderr == lock_message(first.pid)
        assert (used.ru_utime - usage.ru_utime) + (used.ru_stime - usage.ru_stime) < 5  # fails fast: no engine run
        cleaned = run_cli("clean", cwd=built, timeout=30)  # clean waits its turn too
        assert cleaned.returncode == 1 and cleaned.stderr == lock_message(first.pid)
        assert snapshot(built / "site") == previous
    finally:
        flag.unlink(missing_ok=True)  # let the first build go on
    code, err = finish(first)
    assert code == 0, err
    assert "Launch, revised" in (built / "site/lifecycle/launch.html").read_text()
    assert not list(built.glob(".site.*"))
    # With the lock released, the next build runs normally and publishes the same bytes.
    published = snapshot(built / "site")
    code, err = finish(runner(built))
    assert code == 0, err
    assert snapshot(built / "site") == published


def test_builds_started_together_leave_one_complete_site(built, tmp_path):
    revise(built)
    env = {**os.environ, **EPOCH}
    procs = [subprocess.Popen([sys.executable, "-m", "playbook_gen", "build"], cwd=built, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(3)]
    results = [(p.wait(timeout=300), p.stderr.read()) for p in procs]
    for p in procs:
        p.stdout.close(), p.stderr.close()
    assert any(code == 0 for code, _ in results), results
    for code, err in results:
        if code != 0:
            pids = [p.pid for p in procs]
            assert err in [lock_message(pid) for pid in pids], err
    assert not list(built.glob(".site.*"))
    # The published site is exactly what a lone build makes from the same content.
    alone = tmp_path / "alone"
    shutil.copytree(built, alone, ignore=shutil.ignore_patterns("site", "build"))
    assert run_cli("build", cwd=alone, env=EPOCH).returncode == 0
    assert snapshot(built / "site") == snapshot(alone / "site")


def test_a_build_that_locked_but_has_not_written_its_pid_yet_is_named(tmp_path):
    """The race behind "pid unknown": the holder has locked the new lock file and writes its pid a moment later."""
    import fcntl
    import threading

    from playbook_gen.errors import ProjectError
    from playbook_gen.publish.swap import build_lock

    fd = os.open(tmp_path / "build.lock", os.O_RDWR | os.O_CREAT, 0o644)
    fcntl.flock(fd, fcntl.LOCK_EX)
    threading.Timer(0.1, os.pwrite, (fd, b"4242\n", 0)).start()
    try:
        with pytest.raises(ProjectError, match=r"\(pid 4242\)"):
            with build_lock(tmp_path):
                pass
    finally:
        os.close(fd)
