"""A fresh machine: bin/system-deps installs or names the system packages, under CI a missing tool fails, and the
shared fixtures set up without xdist."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from .conftest import ROOT

SCRIPT = ROOT / "bin" / "system-deps"
EVERYTHING = ("chromium poppler-utils libreoffice-calc-nogui libreoffice-impress-nogui libreoffice-writer-nogui "
              "libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core nodejs npm nginx-light")
PROGRAMS = ("chromium", "pdftoppm", "pdftotext", "soffice", "node", "npm", "nginx")
FILES = ("usr/lib/libreoffice/program/libsclo.so", "usr/lib/libreoffice/program/libslideshowlo.so",
         "usr/lib/libreoffice/program/libswlo.so", "usr/lib/x86_64-linux-gnu/libpango-1.0.so.0",
         "usr/lib/x86_64-linux-gnu/libpangoft2-1.0.so.0", "usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


@pytest.fixture
def machine():
    """An empty stand-in machine: a bin/ for PATH holding only apt-get, and a root for libraries and fonts.
    World-readable, so the script can also run as `nobody`."""
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        os.chmod(base, 0o755)
        (base / "bin").mkdir(mode=0o755)
        (base / "root").mkdir(mode=0o755)
        (base / "bin/apt-get").symlink_to("/usr/bin/apt-get")  # never run: --dry-run
        yield base


def install(machine: Path, programs=PROGRAMS, files=FILES) -> None:
    for name in programs:
        stub = machine / "bin" / name
        stub.write_text("#!/bin/sh\n")
        stub.chmod(0o755)
    for rel in files:
        (machine / "root" / rel).parent.mkdir(parents=True, exist_ok=True)
        (machine / "root" / rel).touch()


def system_deps(machine: Path, *, as_nobody: bool = False) -> subprocess.CompletedProcess:
    env = {"PATH": str(machine / "bin"), "SYSTEM_DEPS_ROOT": str(machine / "root")}
    script = SCRIPT
    if as_nobody and os.geteuid() == 0:
        # A copy in the world-readable machine folder: the checkout itself may sit below a private folder.
        script = machine / "system-deps"
        shutil.copy(SCRIPT, script)
        os.chmod(script, 0o755)
    command = ["/bin/bash", str(script), "--dry-run"]
    if as_nobody and os.geteuid() == 0:
        command = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=30, cwd=machine)


def test_as_root_it_would_install_every_missing_package_with_apt_get(machine):
    if os.geteuid() != 0:
        pytest.skip("the install path runs only as root")
    result = system_deps(machine)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ("system-deps: would run: apt-get update && "
                             f"apt-get install -y --no-install-recommends {EVERYTHING}\n")


def test_as_another_user_it_stops_naming_the_exact_command(machine):
    result = system_deps(machine, as_nobody=True)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"system-deps: the tests need these system packages, which are missing: {EVERYTHING}",
        f"system-deps: install them (as root) with: sudo apt-get update && sudo apt-get install -y "
        f"--no-install-recommends {EVERYTHING}",
    ]


def test_it_names_only_what_is_missing(machine):
    install(machine)
    assert system_deps(machine).stdout == "system-deps: every system package the tests need is installed\n"
    install(machine)
    (machine / "bin/chromium").unlink()
    (machine / "root" / FILES[1]).unlink()
    result = system_deps(machine, as_nobody=True)
    assert result.returncode == 1
    assert "missing: chromium libreoffice-impress-nogui\n" in result.stderr


def test_without_soffice_on_path_libreoffice_is_missing(machine):
    install(machine, programs=("chromium", "pdftoppm", "pdftotext", "node", "npm", "nginx"))
    result = system_deps(machine, as_nobody=True)
    assert "missing: libreoffice-calc-nogui libreoffice-impress-nogui libreoffice-writer-nogui\n" in result.stderr


NEEDS_BROWSER = """
from tests.conftest import browser  # noqa: F401


def test_needs_the_browser(browser):
    pass
"""


@pytest.mark.parametrize("ci", ["true", ""])
def test_a_missing_chromium_fails_under_ci_and_skips_otherwise(tmp_path, ci):
    (tmp_path / "test_needs.py").write_text(NEEDS_BROWSER)
    env = {**os.environ, "CI": ci, "PLAYBOOK_GEN_CHROMIUM": str(tmp_path / "no-chromium"), "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "no:xdist", "-rA", "-q",
                             "test_needs.py"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    out = result.stdout
    assert f"chromium is not installed ({tmp_path / 'no-chromium'} not found); install it with: " \
           "sudo apt-get install -y --no-install-recommends chromium (or run bin/system-deps)" in out
    if ci:
        assert result.returncode == 1 and "1 error" in out and "skipped" not in out
        assert "CI is set and a tool the tests need is missing" in out
    else:
        assert result.returncode == 0 and "1 skipped" in out and "error" not in out


def test_the_default_site_fixture_needs_no_xdist():
    """With xdist not loaded (`-p no:xdist`: no `worker_id` fixture), the tests that read the default build, straight
    from `default_site` or through `site` and `server`, still set up. --setup-plan resolves every fixture they ask for
    without running one, so nothing is built here."""
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_XDIST_WORKER"}  # as a run that never saw xdist
    result = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "no:xdist", "--setup-plan",
                             "-q", "tests/test_scorecard_browser.py", "tests/test_browser.py"],
                            cwd=ROOT, env={**env, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and "error" not in result.stdout, result.stdout[-3000:]
    assert result.stdout.count("SETUP    S default_site") == 1  # session scope: one build for both modules
    assert "SETUP    M server (fixtures used: site)" in result.stdout

