"""`serve`: live regeneration on real edits only, a busy port in one line, and a bad edit never takes the
preview down."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
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


class Served:
    def __init__(self, project, base, proc, lines):
        self.project, self.base, self.proc, self.lines = project, base, proc, lines

    def regenerations(self) -> int:
        return sum("regenerated" in line for line in list(self.lines))

    def cpu_seconds(self) -> float:
        """User and system time the serve process used so far (from /proc)."""
        fields = open(f"/proc/{self.proc.pid}/stat").read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@pytest.fixture
def served(mini):
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "playbook_gen", "serve", "--port", str(port)], cwd=mini,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=os.environ.copy())
    lines: list[str] = []  # read all along, so a full pipe never blocks the server
    threading.Thread(target=lambda: lines.extend(iter(proc.stdout.readline, "")), daemon=True).start()
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for(lambda: "Mini Alliance Playbook" in fetch(base + "index.html"))
        yield Served(mini, base, proc, lines)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_serve_regenerates_on_content_change_then_stays_idle(served):
    project, base = served.project, served.base
    path = project / "content/stages/launch.yml"
    path.write_text(path.read_text().replace("title: Launch", "title: Launch and first hundred days"))
    wait_for(lambda: "Launch and first hundred days" in fetch(base + "lifecycle/launch.html"))
    # The menu changed too: every other page is rebuilt right after the edited one (dirty build first).
    wait_for(lambda: "Launch and first hundred days" in fetch(base + "roles/alliance-manager.html"))
    time.sleep(2)  # let that rebuild finish
    after_edit, cpu = served.regenerations(), served.cpu_seconds()
    assert after_edit == 2, served.lines  # the first one at start-up, one for the edit
    (project / "content/stages/launch.yml").touch()  # a new mtime, same bytes: nothing to regenerate
    (project / "content/stages/launch.yml").read_bytes()  # reading a file (as a build does) is no change either
    time.sleep(10)
    assert served.regenerations() == after_edit, served.lines[-5:]
    assert served.cpu_seconds() - cpu < 1.0, "serve should be near idle while nobody edits"


def test_busy_port_is_one_line_and_exit_2(mini):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "playbook_gen", "serve", "--port", str(port)], cwd=mini,
                                capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0, result.stderr
    assert str(port) in result.stderr and "--port" in result.stderr and "Traceback" not in result.stderr


def test_serve_survives_a_bad_edit(served):
    project, base = served.project, served.base
    path = project / "content/stages/launch.yml"
    good = path.read_text()
    path.write_text("id: launch\ntitle: [broken\n")
    page = wait_for(lambda: (html := fetch(base + "lifecycle/launch.html")) and "pg-error" in html and html)
    assert "content/stages/launch.yml:3:1" in page
    assert "Run the first hundred days." in page  # the last good page is still served
    path.write_text(good.replace("title: Launch", "title: Launch fixed"))
    wait_for(lambda: "Launch fixed" in (html := fetch(base + "lifecycle/launch.html")) and "pg-error" not in html)


# --- two passes: the edited page first, then the pages that show the edit ---------------------------------


def test_an_edit_renders_its_own_page_first_and_the_pages_that_show_it_next(mini):
    from playbook_gen.serve import Regenerator

    regen = Regenerator(mini, lambda message: None)
    assert regen.changed() and regen.run() == (True, True) and not regen.rest  # start-up: every page
    docs = regen.root / "docs"
    stage = mini / "content/stages/launch.yml"
    stage.write_text(stage.read_text().replace("Hold the kick-off", "Hold the kick-off meeting"))
    assert regen.changed()
    assert regen.run() == (True, False)  # no menu change
    assert "Hold the kick-off meeting" in (docs / "lifecycle/launch.md").read_text()
    role_page = docs / "roles/alliance-manager.md"  # lists the activities the role is accountable for
    assert "Hold the kick-off meeting" not in role_page.read_text()
    assert regen.rest
    written = regen.finish()
    assert "roles/alliance-manager.md" in written and "lifecycle/launch.md" not in written
    assert "Hold the kick-off meeting" in role_page.read_text()
    assert not regen.rest and regen.finish() == []
    # A comment changes no page; the playbook file or a template can change every page: one pass renders them all.
    stage.write_text(stage.read_text() + "# a comment\n")
    assert regen.changed() and regen.run() == (True, False) and not regen.rest
    playbook = mini / "content/playbook.yml"
    playbook.write_text(playbook.read_text().replace("title: Mini Alliance Playbook", "title: Mini Playbook"))
    assert regen.changed() and regen.run() == (True, True) and not regen.rest
    assert "Mini Playbook" in (docs / "index.md").read_text()
    template = mini / "templates/role.md"
    template.parent.mkdir(exist_ok=True)
    template.write_text("# {{ role.title|text }}\n\nA role page of our own.\n")
    assert regen.changed() and regen.run()[0] and not regen.rest
    assert "A role page of our own." in role_page.read_text()


def test_a_template_edit_that_failed_is_rendered_with_the_next_good_edit(mini):
    from playbook_gen.serve import Regenerator

    regen = Regenerator(mini, lambda message: None)
    assert regen.changed() and regen.run()[0]
    template = mini / "templates/role.md"
    template.parent.mkdir(exist_ok=True)
    template.write_text("# {{ role.title|text }\n")  # broken: the preview keeps the last good pages
    assert regen.changed() and not regen.run()[0]
    stage = mini / "content/stages/launch.yml"
    good = stage.read_text()
    template.write_text("# {{ role.title|text }}\n\nA role page of our own.\n")
    stage.write_text("id: launch\ntitle: [broken\n")  # the template is fixed while a content file is broken
    assert regen.changed() and not regen.run()[0]
    stage.write_text(good + "# a comment\n")  # no entity changed by this edit alone
    assert regen.changed() and regen.run()[0]  # changed since the last good pass: the template too
    assert "A role page of our own." in (regen.root / "docs/roles/alliance-manager.md").read_text()


def test_pages_changed_names_the_pages_of_changed_entities_only(mini):
    from playbook_gen.load.loader import load
    from playbook_gen.render.pages import pages_changed

    before = load(mini).content
    term = mini / "content/glossary/showstopper.yml"
    term.write_text(term.read_text() + "\n# a comment changes no entity\n")
    assert pages_changed(before, load(mini).content) == set()
    stage = mini / "content/stages/launch.yml"
    stage.write_text(stage.read_text().replace("Run the first hundred days.", "Run the first 100 days."))
    term.write_text(term.read_text().replace("title:", "title: A", 1))
    assert pages_changed(before, load(mini).content) == {"lifecycle/launch.md", "reference/glossary.md"}
    (mini / "content/sources/simoons.yml").unlink()  # a removed entity: links to it change anywhere
    assert pages_changed(before, load(mini).content) is None


def test_the_error_banner_shows_markup_from_a_bad_edit_as_text(mini, tmp_path):
    """A problem's message quotes what the author typed; the banner (extra.playbook_error) must show it, not run it."""
    from lxml import html as lxml_html

    from playbook_gen.publish.engine import preview_build
    from playbook_gen.serve import Regenerator

    from .safety import live_handlers

    regen = Regenerator(mini, lambda message: None)
    assert regen.run()[0]
    checklist = mini / "content/checklists/kick-off.yml"
    checklist.write_text(checklist.read_text().replace("owner: alliance-manager", "owner: '<img src=x onerror=alert(1)>'", 1))
    assert regen.changed() and regen.run()[0] is False
    preview_build(regen.root / "mkdocs.yml", tmp_path / "site", "http://127.0.0.1:8000/", dirty=False)
    page = lxml_html.parse(str(tmp_path / "site/index.html"))
    banner = page.xpath("//*[contains(@class,'pg-error')]//pre")
    assert len(banner) == 1
    assert ("content/checklists/kick-off.yml:4:8: 'owner': '<img src=x onerror=alert(1)>' is not a valid id"
            in banner[0].text_content())
    assert len(banner[0]) == 0 and page.xpath("//img[@src='x']") == [] and live_handlers(page) == []
