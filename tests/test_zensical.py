"""The generated project also builds with Zensical, Material for MkDocs' successor, which reads mkdocs.yml."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from playbook_gen.render.pages import entity_path

from .conftest import require_tool, run_cli

pytestmark = pytest.mark.slow

# zensical 0.0.74 and 0.1.x depend on zensical-ui, which the package index in use cannot resolve;
# 0.0.73 is the newest release that installs (pinned in constraints.txt and the `test` extra).
ZENSICAL = next((str(p) for p in [Path(sys.executable).parent / "zensical"] if p.is_file()), shutil.which("zensical"))


class Headings(HTMLParser):
    """The <title> and the first <h1> of a page, as text."""

    def __init__(self):
        super().__init__()
        self.title = self.h1 = None
        self._in = None
        self._buf: list[str] = []

    def handle_starttag(self, tag, attrs):
        if (tag == "title" and self.title is None) or (tag == "h1" and self.h1 is None):
            self._in, self._buf = tag, []
        elif self._in == "h1" and tag == "a":  # the permalink anchor after the heading text
            self._finish()

    def handle_endtag(self, tag):
        if tag == self._in:
            self._finish()

    def handle_data(self, data):
        if self._in:
            self._buf.append(data)

    def _finish(self):
        setattr(self, self._in, unescape("".join(self._buf)).strip())
        self._in = None


@pytest.fixture(scope="module")
def zensical_site(default_site, tmp_path_factory) -> Path:
    require_tool("zensical", ZENSICAL, "make .venv/.test-deps (zensical==0.0.73 from the test extra; newer releases need zensical-ui)")
    # Zensical has no --site-dir and wants docs and site inside the config's folder, so build a copy:
    # the shared default_site stays untouched (Zensical also leaves a .cache/ beside its config).
    root = tmp_path_factory.mktemp("zensical")
    shutil.copytree(default_site / "build" / "docs", root / "docs")
    shutil.copytree(default_site / "build" / "theme", root / "theme")  # our theme overrides (theme.custom_dir)
    config = yaml.load((default_site / "build" / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert config["theme"]["variant"] == "classic"  # else Zensical switches to its "modern" look
    text = (default_site / "build" / "mkdocs.yml").read_text(encoding="utf-8")
    line = f"site_dir: {config['site_dir']}\n"
    assert line in text
    (root / "mkdocs.yml").write_text(text.replace(line, "site_dir: site\n"), encoding="utf-8")
    result = subprocess.run([ZENSICAL, "build", "-f", str(root / "mkdocs.yml")], cwd=root, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


def entities(project: Path) -> dict[str, list[dict]]:
    result = run_cli("export", "--format", "json", cwd=project)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    return {kind: data[kind] for kind in ("stages", "roles", "checklists")}


def test_every_stage_role_and_checklist_page_carries_its_title(default_site, zensical_site):
    found = entities(default_site)
    assert all(found.values()), {k: len(v) for k, v in found.items()}
    site_name = yaml.load((default_site / "build" / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["site_name"]
    for kind, items in found.items():
        for item in items:
            page = zensical_site / entity_path(kind, SimpleNamespace(**item)).replace(".md", ".html")
            assert page.is_file(), f"{kind}: {page.relative_to(zensical_site)} missing"
            headings = Headings()
            headings.feed(page.read_text(encoding="utf-8"))
            assert headings.h1 == item["title"], page
            assert headings.title == f"{item['title']} - {site_name}", page


def test_zensical_site_makes_no_network_requests(zensical_site):
    home = (zensical_site / "index.html").read_text(encoding="utf-8")
    assert "lifecycle/index.html" in home
    for page in zensical_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, page
