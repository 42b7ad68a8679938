"""`serve`: live regeneration on edits, and a bad edit never takes the preview down."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - localhost only
        return response.read().decode()


def wait_for(predicate, timeout=30.0):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            last = predicate()
            if last:
                return last
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"condition not met in {timeout}s (last: {last!r})")


@pytest.fixture
def served(mini):
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "playbook_gen", "serve", "--port", str(port)], cwd=mini,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=os.environ.copy())
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for(lambda: "Mini Alliance Playbook" in fetch(base + "index.html"))
        yield mini, base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_serve_regenerates_on_content_change(served):
    project, base = served
    path = project / "content/stages/launch.yml"
    path.write_text(path.read_text().replace("title: Launch", "title: Launch and first hundred days"))
    wait_for(lambda: "Launch and first hundred days" in fetch(base + "lifecycle/launch.html"))


def test_serve_survives_a_bad_edit(served):
    project, base = served
    path = project / "content/stages/launch.yml"
    good = path.read_text()
    path.write_text("id: launch\ntitle: [broken\n")
    page = wait_for(lambda: (html := fetch(base + "lifecycle/launch.html")) and "pg-error" in html and html)
    assert "content/stages/launch.yml:3:1" in page
    assert "Run the first hundred days." in page  # the last good page is still served
    path.write_text(good.replace("title: Launch", "title: Launch fixed"))
    wait_for(lambda: "Launch fixed" in (html := fetch(base + "lifecycle/launch.html")) and "pg-error" not in html)
