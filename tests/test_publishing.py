"""Publishing: --site-dir, --all-audiences (each site holds nothing restricted from its audience), export
--audience, the offline bundle opened from file:// in Chromium, and the README's nginx recipe."""

from __future__ import annotations

import getpass
import json
import re
import shutil
import socket
import subprocess
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest
import yaml

from .conftest import FIXTURES, ROOT, require_tool, run_cli
from .test_audience import output_texts, restrict, restricted_markers

pytestmark = pytest.mark.slow
EPOCH = {"SOURCE_DATE_EPOCH": "1790000000"}


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """The mini playbook with some entities for executives only, built with --all-audiences."""
    dest = tmp_path_factory.mktemp("publishing") / "mini"
    shutil.copytree(FIXTURES / "mini", dest)
    restrict(dest, "content/checklists/partner-fit.yml", ["executives"])
    restrict(dest, "content/stages/launch.yml", ["executives"])
    result = run_cli("build", "--all-audiences", cwd=dest, env=EPOCH, timeout=600)
    assert result.returncode == 0, result.stderr
    return dest


def test_all_audiences_sites_side_by_side_with_nothing_restricted(project):
    site = project / "site"
    assert sorted(p.name for p in site.iterdir() if not p.name.startswith(".")) == ["all-staff", "executives", "internal"]
    for name in ("all-staff", "executives", "internal"):
        assert (site / name / "index.html").is_file()
        assert (site / name / "search/search_index.json").is_file()  # each its own search index
        assert (site / name / "playbook.json").is_file()
    markers = restricted_markers(project, "all-staff")
    assert "Strategic fit is scored on every dimension." in markers and "Run the first hundred days." in markers
    texts = list(output_texts(site / "all-staff"))
    assert {Path(name).suffix for name, _ in texts} >= {".html", ".json", ".pdf"}
    assert [(name, m) for name, text in texts for m in markers if m in text] == []
    assert not (site / "all-staff/lifecycle/launch.html").exists()
    # The same markers are in the executives' and the internal sites, so the search above can find them.
    for name in ("executives", "internal"):
        found = " ".join(text for _, text in output_texts(site / name))
        assert all(m in found for m in markers), name


def test_all_audiences_rebuild_rewrites_nothing(project):
    before = {p: p.stat().st_mtime_ns for p in (project / "build/sites").rglob("*.md")}
    result = run_cli("build", "--all-audiences", "-q", cwd=project, env=EPOCH, timeout=600)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # -q: no progress lines
    assert {p: p.stat().st_mtime_ns for p in (project / "build/sites").rglob("*.md")} == before


def test_site_dir_option(project, tmp_path):
    out = tmp_path / "published"
    result = run_cli("build", "--no-pdf", "--site-dir", str(out), cwd=project, env=EPOCH)
    assert result.returncode == 0, result.stderr
    assert (out / "index.html").is_file() and (out / "lifecycle/launch.html").is_file()
    assert (project / "site/internal/index.html").is_file()  # the other site is untouched
    for bad in ("content/site", ".", "templates"):
        refused = run_cli("build", "--no-pdf", "--site-dir", bad, cwd=project)
        assert refused.returncode == 1 and "refusing site_dir" in refused.stderr, (bad, refused.stderr)
    assert not (project / "content/site").exists()


def test_export_audience_json_and_csv(project):
    hidden = "Strategic fit is scored on every dimension."
    for fmt in ("json", "csv"):
        full = run_cli("export", "--format", fmt, cwd=project)
        staff = run_cli("export", "--format", fmt, "--audience", "all-staff", cwd=project)
        assert full.returncode == 0 and staff.returncode == 0, staff.stderr
        assert hidden in full.stdout and hidden not in staff.stdout, fmt
    data = json.loads(run_cli("export", "--audience", "all-staff", cwd=project).stdout)
    assert "launch" not in json.dumps(data["stages"] if "stages" in data else data)
    wrong = run_cli("export", "--format", "csv", "--audience", "staff", cwd=project)
    assert wrong.returncode == 2 and "unknown audience 'staff'" in wrong.stderr


def test_bundle_is_reproducible(project, tmp_path):
    for run in ("1", "2"):
        (tmp_path / run).mkdir()
        made = run_cli("bundle", "--site-dir", "site/all-staff", "--out", str(tmp_path / run / "a.zip"), cwd=project, env=EPOCH)
        assert made.returncode == 0, made.stderr
    assert (tmp_path / "1/a.zip").read_bytes() == (tmp_path / "2/a.zip").read_bytes()
    names = zipfile.ZipFile(tmp_path / "1/a.zip").namelist()
    assert "a/index.html" in names and names == sorted(names, key=lambda n: Path(n).parts)
    assert not any(n.endswith(".playbook-gen") for n in names)
    missing = run_cli("bundle", "--site-dir", str(tmp_path), cwd=project)
    assert missing.returncode == 1 and "run playbook-gen build first" in missing.stderr


@pytest.mark.browser
def test_bundle_opens_from_file_url_after_unzipping(project, tmp_path, browser):
    result = run_cli("bundle", "--site-dir", "site/internal", "--out", str(tmp_path / "playbook.zip"), cwd=project, env=EPOCH)
    assert result.returncode == 0, result.stderr
    zipfile.ZipFile(tmp_path / "playbook.zip").extractall(tmp_path / "unzipped")
    index = tmp_path / "unzipped/playbook/index.html"
    page = browser.new_page()
    failed = []
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.goto(index.as_uri())
    assert "Mini Alliance Playbook" in page.title()
    page.goto((tmp_path / "unzipped/playbook/lifecycle/launch.html").as_uri())
    assert "Run the first hundred days." in page.content()
    page.click("a[href$='strategy.html']")  # relative links work from file://
    page.wait_for_url("**/lifecycle/strategy.html")  # waits for the load event, not only the URL change
    # The theme's CSS loaded: without it the header is a static block, with it a sticky bar.
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    assert [u for u in failed if u.startswith("file:")] == []
    page.close()


# --- the README's nginx recipe ------------------------------------------------------------------------------


def readme_block(lang: str) -> str:
    section = ROOT.joinpath("README.md").read_text(encoding="utf-8").split("## Publishing", 1)[1].split("\n## ", 1)[0]
    return re.search(rf"```{lang}\n(.*?)```", section, re.S).group(1)


def test_readme_ci_example_builds_every_audience():
    workflow = yaml.safe_load(readme_block("yaml"))
    runs = [step.get("run", "") for step in workflow["jobs"]["publish"]["steps"]]
    assert any("playbook-gen build --all-audiences" in r for r in runs)


def test_readme_nginx_block_locations_match_the_default_playbook():
    from playbook_gen.pipeline import check

    locations = re.findall(r"location /([\w-]+)/", readme_block("nginx"))
    audiences = [a.id for a in check(ROOT).loaded.content.playbook.audiences]
    assert sorted(locations) == sorted(["internal", *audiences])


def test_readme_nginx_block_serves_an_all_audiences_build(project, tmp_path):
    nginx = require_tool("nginx")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = readme_block("nginx").replace("/srv/playbook/site", str(project / "site"))
    server = server.replace("listen 8080;", f"listen 127.0.0.1:{port};")
    (tmp_path / "logs").mkdir()
    conf = tmp_path / "nginx.conf"
    # Workers run as this user (as root nginx would switch to nobody, who cannot read pytest's private tmp).
    conf.write_text(f"user {getpass.getuser()}; daemon off; pid {tmp_path}/nginx.pid; error_log {tmp_path}/logs/error.log;\n"
                    f"events {{}}\nhttp {{\n access_log off;\n client_body_temp_path {tmp_path};\n"
                    f" proxy_temp_path {tmp_path}; fastcgi_temp_path {tmp_path}; uwsgi_temp_path {tmp_path};"
                    f" scgi_temp_path {tmp_path};\n{server}\n}}\n")
    test = subprocess.run([nginx, "-t", "-p", str(tmp_path), "-c", str(conf)], capture_output=True, text=True)
    assert test.returncode == 0, test.stderr
    proc = subprocess.Popen([nginx, "-p", str(tmp_path), "-c", str(conf)], stderr=subprocess.PIPE)
    try:
        def get(path):
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as r:  # noqa: S310
                return r.status, r.read().decode()
        for _ in range(50):
            try:
                get("/internal/")
                break
            except OSError:
                time.sleep(0.1)
        assert "Run the first hundred days." in get("/internal/lifecycle/launch.html")[1]
        assert "Mini Alliance Playbook" in get("/")[1]  # redirected to an audience's home
        assert get("/all-staff/")[0] == 200
        with pytest.raises(urllib.error.HTTPError) as err:
            get("/all-staff/lifecycle/launch.html")  # not in the all-staff site
        assert err.value.code == 404
        with pytest.raises(urllib.error.HTTPError):
            get("/all-staff/.playbook-gen")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_quiet_build_is_still_strict(tmp_path):
    from .conftest import write

    project = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", project)
    loud = run_cli("build", "--no-pdf", cwd=project, env=EPOCH)
    assert loud.returncode == 0, loud.stderr
    lines = loud.stderr.splitlines()
    assert lines[-1] == "site ready in site/" and all(line.strip() for line in lines)  # one line per step
    write(project, "templates/cases.md", "# Cases\n\n[missing](nowhere.md)\n")  # an engine warning
    quiet = run_cli("build", "--no-pdf", "-q", cwd=project, env=EPOCH)
    assert quiet.returncode == 1  # -q never reaches the engine, so its strict mode holds
    assert quiet.stderr.startswith("error: site engine failed") and "nowhere.md" in quiet.stderr
