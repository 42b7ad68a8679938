"""Shared fixtures: throwaway copies of small playbook projects, and ways to run the CLI."""

from __future__ import annotations

import fcntl
import functools
import hashlib
import http.server
import os
import shutil
import subprocess
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A fresh copy of the small test playbook."""
    dest = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", dest, ignore=shutil.ignore_patterns("site", "build"))
    return dest


def write(project: Path, rel: str, text: str) -> Path:
    path = project / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run_cli(*args: str, cwd: Path, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run `python -m playbook_gen` as a user would, in its own process."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "playbook_gen", *args], cwd=cwd, capture_output=True,
                          text=True, env=full_env, timeout=timeout)


def all_strings(node):
    """Every string inside nested mappings and lists (marked YAML data or plain JSON data)."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from all_strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from all_strings(value)


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file under `folder` with the sha256 of its bytes."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def copy_default_project(dest: Path) -> Path:
    """A copy of the repository's own playbook project (content, templates, branding, engine config)."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("content", "templates", "site_config", "mkdocs.yml"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name)
        elif src.is_file():
            shutil.copy2(src, dest / name)
    return dest


@pytest.fixture(scope="session")
def worker_id(request) -> str:
    """xdist's worker id ("gw0", ...), or "master" in a single process. The same as xdist's own fixture, which this
    overrides, but also there with `-p no:xdist` (or without xdist installed), where xdist's fixture is missing."""
    workerinput = getattr(request.config, "workerinput", None)
    return workerinput["workerid"] if workerinput else "master"


@pytest.fixture(scope="session")
def default_site(tmp_path_factory, worker_id) -> Path:
    """The repository's own default playbook, built once per test run (a copy, so the repo stays clean). Under
    xdist the workers share one build: the first to need it builds it under a file lock, the others wait and
    reuse it (a cold build of both languages with every export takes over a minute). Tests only read it."""
    if worker_id == "master":
        return _build_default(tmp_path_factory.mktemp("default") / "playbook")
    shared = tmp_path_factory.getbasetemp().parent  # this run's pytest-N/, which every worker's basetemp is in
    dest, done = shared / "default" / "playbook", shared / "default.built"
    with open(shared / "default.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, also if the build fails
        if not done.exists():
            shutil.rmtree(dest.parent, ignore_errors=True)  # a build that failed in another worker
            _build_default(dest)
            done.write_text("ok\n")
    return dest


def _build_default(dest: Path) -> Path:
    copy_default_project(dest)
    result = run_cli("build", cwd=dest, env={"SOURCE_DATE_EPOCH": "1790000000"}, timeout=600)
    assert result.returncode == 0, result.stderr
    return dest


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def serve_folder(folder: Path):
    """Serve a folder on 127.0.0.1 (a free port) in a thread; yields the base URL ending in '/'."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="module")
def site(default_site) -> Path:
    """The default playbook's built site (the browser, reader, language and SCORM tests read it)."""
    return default_site / "site"


@pytest.fixture(scope="module")
def server(site):
    """`site` served over HTTP; a module that defines its own `site` gets that one served."""
    with serve_folder(site) as url:
        yield url


def ci() -> bool:
    """CI machines set CI (to "true"); there a missing tool must fail the run, never skip quietly."""
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


SYSTEM_DEPS = "bin/system-deps"  # installs every system package below (as root), or names the command
# Debian's chromium, never a downloaded browser; PLAYBOOK_GEN_CHROMIUM points elsewhere (tests of this helper do).
CHROMIUM = os.environ.get("PLAYBOOK_GEN_CHROMIUM", "/usr/bin/chromium")
TOOLS = {  # tool -> (command or path, Debian packages)
    "chromium": (CHROMIUM, "chromium"),
    "pdftoppm": ("pdftoppm", "poppler-utils"),
    "pdftotext": ("pdftotext", "poppler-utils"),
    "nginx": ("nginx", "nginx-light"),
    "soffice": ("soffice", "libreoffice-calc-nogui libreoffice-impress-nogui libreoffice-writer-nogui"),
}


def require_tool(name: str, path: str | Path | None = None, install_hint: str | None = None) -> str:
    """The tool's full path. Missing, it fails the test when CI is set and skips it otherwise; both name the
    exact command that installs it."""
    command, packages = TOOLS.get(name, (name, None))
    found = shutil.which(str(path or command))
    if found:
        return found
    hint = install_hint or f"sudo apt-get install -y --no-install-recommends {packages} (or run {SYSTEM_DEPS})"
    message = f"{name} is not installed ({path or command} not found); install it with: {hint}"
    if ci():
        pytest.fail(f"CI is set and a tool the tests need is missing: {message}", pytrace=False)
    pytest.skip(message)


# Flags keep chromium off the network and quiet as root.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run"]


@pytest.fixture(scope="module")
def browser():
    executable = require_tool("chromium")
    from playwright.sync_api import sync_playwright  # a test dependency: missing, the import fails loudly

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield b
        b.close()
