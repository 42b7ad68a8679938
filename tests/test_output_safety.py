"""Safe to publish: whatever content and branding say, the built site and PDFs carry no live markup, script URL,
file from elsewhere on the build machine or network fetch (docs/content-safety.md)."""

from __future__ import annotations

import http.server
import json
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import markdown
from html import escape as html_escape
import pypdf
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from playbook_gen.load.site_config import Tagged, read_yaml_config
from playbook_gen.render.prose import for_page

from .conftest import ROOT, run_cli, write
from .safety import bad_urls, content_scripts, live_handlers

EPOCH = {"SOURCE_DATE_EPOCH": "1790000000"}
SCRIPT = "<script>alert('x')</script>"
HOSTILE_TITLE = "Kick-off </title><script>alert('nav')</script><img src=x onerror=alert(1)> & co"
SITE_NAME = "Acme <b onmouseover=alert('site')>Playbook</b>"
COPYRIGHT = "© Acme <script>alert('copyright')</script>"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """The mini playbook with markup in a checklist title, the site name and the copyright line."""
    import shutil

    from .conftest import FIXTURES

    project = tmp_path_factory.mktemp("strings") / "mini"
    shutil.copytree(FIXTURES / "mini", project)
    kick_off = yaml.safe_load((project / "content/checklists/kick-off.yml").read_text())
    kick_off["title"] = HOSTILE_TITLE
    write(project, "content/checklists/kick-off.yml", yaml.safe_dump(kick_off, allow_unicode=True))
    write(project, "site_config/branding.yml", yaml.safe_dump({"branding": {"site_name": SITE_NAME, "copyright": COPYRIGHT}},
                                                             allow_unicode=True))
    result = run_cli("build", "--no-pdf", cwd=project, env=EPOCH)
    assert result.returncode == 0, result.stderr
    return project / "site"


def _page(site: Path, rel: str):
    return lxml_html.parse(str(site / rel))


def test_no_page_of_the_site_runs_a_config_string(hostile_site):
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 10
    for path in pages:
        tree = lxml_html.parse(str(path))
        assert content_scripts(tree) == [], path
        assert live_handlers(tree) == [], path
        assert tree.xpath("//img[@src='x']") == [], path


def test_each_place_the_theme_prints_a_config_string_shows_it_as_text(hostile_site):
    page = _page(hostile_site, "checklists/kick-off.html")
    # The browser title: Material prints it through `striptags`, which our theme override avoids.
    assert page.findtext(".//title") == f"{HOSTILE_TITLE} - {SITE_NAME}"
    # The page heading (from our Markdown), the menu entry and the header's topic.
    assert page.xpath("string(//article//h1)").startswith(HOSTILE_TITLE)
    menu = [a.text_content().strip() for a in page.xpath("//nav[contains(@class,'md-nav--primary')]//a")]
    assert HOSTILE_TITLE in menu
    topics = [t.text_content().strip() for t in page.xpath("//*[contains(@class,'md-header__topic')]")]
    assert SITE_NAME in topics and HOSTILE_TITLE in topics
    # The site name as the logo's title, the copyright line in the footer.
    assert page.xpath("//a[contains(@class,'md-logo')]/@aria-label")[0] == SITE_NAME
    assert page.xpath("string(//*[contains(@class,'md-copyright__highlight')])").strip() == COPYRIGHT
    # The footer's previous/next links on the neighbouring pages.
    footers = [" ".join(el.text_content().split()) for p in hostile_site.joinpath("checklists").glob("*.html")
               for el in _page(hostile_site, f"checklists/{p.name}").xpath("//*[contains(@class,'md-footer__title')]")]
    assert any(HOSTILE_TITLE in f for f in footers)
    # The search index: Material shows titles from it as HTML, so it must hold them escaped.
    index = json.loads((hostile_site / "search/search_index.json").read_text())
    titles = {doc["title"] for doc in index["docs"] if doc["location"].startswith("checklists/kick-off.html")}
    assert "Kick-off &lt;/title&gt;&lt;script&gt;alert('nav')&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; &amp; co" in titles


# --- prose through our renderer and the engine's own Markdown --------------------------------------------------

def _resolved(value):
    """Our engine defaults as MkDocs reads them: `!!python/name:` values (the emoji index) are the named objects."""
    import importlib

    if isinstance(value, Tagged) and value.tag.startswith("tag:yaml.org,2002:python/name:"):
        module, _, attr = value.tag.split(":", 3)[-1].rpartition(".")
        return getattr(importlib.import_module(module), attr)
    if isinstance(value, dict):
        return {k: _resolved(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_resolved(v) for v in value]
    return value


ENGINE = _resolved(read_yaml_config(ROOT / "playbook_gen/defaults/mkdocs.yml"))["markdown_extensions"]
ALLOWED = {"p", "br", "hr", "em", "strong", "code", "pre", "a", "img", "ul", "ol", "li", "blockquote", "table", "thead",
           "tbody", "tr", "th", "td", "dl", "dt", "dd", "div", "details", "summary", "abbr", "span", "del", "sup", "sub",
           "h1", "h2", "h3", "h4", "h5", "h6", "input", "label"}  # input/label: the engine's task-list boxes


def engine_html(text: str) -> str:
    extensions, configs = [], {}
    for ext in ENGINE:
        name, options = (next(iter(ext.items())) if isinstance(ext, dict) else (ext, {}))
        extensions.append(name)
        configs[name] = options or {}
    return markdown.markdown(text, extensions=extensions, extension_configs=configs)


# Prose made of pieces that matter to Markdown, HTML and URLs, in any order.
TOKENS = list("<>/=\"' `*_[]()!#:{}|&;-\n\t") + ["javascript:", "data:", "onerror", "<script>", "<img src=x ", "[x](",
          "](stage:launch)", "](javascript:alert(1))", "{: onclick=x}", "```", "    ", "!!! note", "<!--", "&#106;",
          "\\", "a", "b", " ", "\n\n", "- ", "1. ", "> ", "| a | b |\n|---|---|\n", "[r]: ", "<http://x>", "*[HTML]: x",
          ":+1:", ":smile:", ":"]
MARKUP = st.lists(st.sampled_from(TOKENS), max_size=40).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(MARKUP)
def test_any_prose_becomes_only_allowed_markup_wherever_the_engine_reads_it(text):
    placed = {"top": for_page(text, _resolve, "roles/x.md"),
              "list": "- **Item**\n\n" + for_page(text, _resolve, "roles/x.md", indent=4),
              "admonition": '!!! note "N"\n\n' + for_page(text, _resolve, "roles/x.md", indent=4)}
    for where, md in placed.items():
        tree = lxml_html.fragment_fromstring(engine_html(md), create_parent="div")
        tags = {el.tag for el in tree.iter() if isinstance(el.tag, str)} - {"div"}
        assert tags <= ALLOWED, (where, tags - ALLOWED)
        assert stray_attributes(tree) == [], where
        assert live_handlers(tree) == [] and bad_urls(tree) == [], where
        assert all(el.get("type") == "checkbox" for el in tree.iter("input")), where
        assert all(_local(el.get("src", "")) for el in tree.iter("img")), where  # nothing a reader's browser fetches


def _local(src: str) -> bool:
    """A file of the site: a relative path, no scheme, no host, no '..'."""
    return bool(src) and not re.match(r"^\s*([a-zA-Z][\w+.-]*:|/|\\)", src) and ".." not in src.split("/")


# Every attribute a tag may carry in rendered prose (ours from the sanitiser; the engine's: heading ids and their
# permalink, task-list boxes, code highlighting). Anything else is a gap, whatever it is.
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "class"}, "img": {"src", "alt", "title"}, "abbr": {"title"},
                      "th": {"align", "style"}, "td": {"align", "style"}, "ol": {"start"}, "div": {"class"},
                      "p": {"class"}, "details": {"class", "open"}, "summary": {"class"}, "code": {"class"},
                      "span": {"class"}, "pre": {"class"}, "input": {"type", "disabled", "checked"}, "label": {"class"},
                      **{f"h{n}": {"id"} for n in range(1, 7)}}
CLASSES = re.compile(r"^(headerlink|admonition|note|warning|tip|danger|info|task-list-item|task-list-control|"
                     r"task-list-indicator|highlight|[\w-]+)( [\w-]+)*$")


def stray_attributes(tree) -> list[str]:
    """Attributes outside ALLOWED_ATTRIBUTES, and style values other than a table cell's alignment."""
    out = []
    for el in tree.iter():
        if not isinstance(el.tag, str) or el.tag == "div" and el.getparent() is None:
            continue
        for name, value in el.attrib.items():
            if name not in ALLOWED_ATTRIBUTES.get(el.tag, set()):
                out.append(f"{el.tag} {name}")
            elif name == "style" and not re.fullmatch(r"text-align: (left|right|center);", value):
                out.append(f"{el.tag} style={value}")
    return out


# Titles made of pieces that matter to HTML, Markdown, templates and the engine's extensions (emoji, abbreviations).
TITLE = st.lists(st.sampled_from(list("<>/=\"' &;:*_`[]{}#|!\\-+.~^\t") + [
    "script", "img", "onerror", "alert(1)", "a", "1.", "smile", "&#106;", "&amp;", "{{ 7*7 }}", "{% if %}", ":+1:",
    "](javascript:x)", "<b>", "-->", "\u00a0"]), min_size=1, max_size=16).map("".join).filter(str.strip)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TITLE)
def test_any_title_is_shown_as_typed_in_markdown_and_the_engine_config(title):
    """A plain-text title in every Markdown place the page templates put one (heading, list item, table cell) and
    every engine-config place (menu entry, site name, copyright) reads back as exactly its text, with no element."""
    from playbook_gen.render.config import escaped_nav
    from playbook_gen.render.filters import text

    typed = " ".join(title.split())
    for where, md in {"heading": f"# {text(title)}", "list": f"- {text(title)}",
                      "table": f"| A |\n|---|\n| {text(title)} |"}.items():
        tree = lxml_html.fragment_fromstring(engine_html(md), create_parent="div")
        for link in tree.xpath("//a[@class='headerlink']"):
            link.drop_tree()
        holder = {"heading": "//h1", "list": "//li", "table": "//td"}[where]
        found = tree.xpath(holder)
        assert len(found) == 1 and len(found[0]) == 0, (where, engine_html(md))  # no element inside
        assert " ".join(found[0].text_content().split()) == typed, where
    (menu_title, _), = escaped_nav([{title: "x.md"}])[0].items()
    for where, printed in {"menu": menu_title, "site_name": html_escape(title)}.items():
        tree = lxml_html.fragment_fromstring(f"<span>{printed}</span>")
        assert len(tree) == 0 and tree.text_content() == title, where


BREAKOUT = "see [x](onclick=alert(1)//) `c` ![i](x.png) \\* :smile: here"


@pytest.mark.parametrize("indent", [0, 4], ids=["top", "nested"])
def test_a_link_title_cannot_break_out_of_its_attribute(indent):
    """In a list item or admonition the engine reads our HTML's text as Markdown, attribute values included: a
    link in a title attribute would become a tag inside it, and its href an event handler."""
    text = f'[L](https://e.org/ "{BREAKOUT}")'
    md = ("- **Item**\n\n" if indent else "") + for_page(text, _resolve, "roles/x.md", indent=indent)
    tree = lxml_html.fragment_fromstring(engine_html(md), create_parent="div")
    assert live_handlers(tree) == [] and stray_attributes(tree) == []
    # The title as our parser read it (a backslash escape and a code span's backticks are Markdown there too).
    title = "see [x](onclick=alert(1)//) c ![i](x.png) * :smile: here"
    assert [(a.get("href"), a.get("title"), a.text) for a in tree.iter("a")] == [("https://e.org/", title, "L")]


def test_a_tooltip_title_cannot_break_out_of_its_attribute():
    """The `terms` filter (plain text with glossary tooltips) writes <abbr title> into a Markdown line."""
    from types import SimpleNamespace

    from playbook_gen.render.filters import terms

    glossary = SimpleNamespace(pattern=re.compile(r"\b(fit)\b"), tips={"fit": BREAKOUT})
    tree = lxml_html.fragment_fromstring(engine_html("- Check the fit now " + terms({"glossary": glossary}, "")
                                                     + terms({"glossary": glossary}, "Check the fit")),
                                         create_parent="div")
    assert live_handlers(tree) == [] and stray_attributes(tree) == []
    assert [(el.get("title"), el.text) for el in tree.iter("abbr")] == [(BREAKOUT, "fit")]


def _resolve(kind, ident):
    if (kind, ident) == ("stages", "launch"):
        return "lifecycle/launch.md", "Launch"
    raise KeyError(ident)


@pytest.mark.slow
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(title=TITLE, body=MARKUP)
def test_any_title_and_prose_build_a_site_without_live_markup(tmp_path_factory, title, body):
    """Whole builds (a few seconds each, so 8 examples; the fast tests above try hundreds of titles and prose in
    each place they land): the title in a glossary term and a checklist (menu, header, browser title, search),
    the prose in a definition. No page, no search-index entry and no JSON export carries live markup."""
    import shutil

    from .conftest import FIXTURES

    project = tmp_path_factory.mktemp("prop") / "mini"
    shutil.copytree(FIXTURES / "mini", project)
    term = {"id": "alliance", "title": f"T {title}", "definition": f"D {body}"}
    write(project, "content/glossary/alliance.yml", yaml.safe_dump(term, allow_unicode=True))
    kick_off = yaml.safe_load((project / "content/checklists/kick-off.yml").read_text())
    kick_off["title"] = f"C {title}"
    write(project, "content/checklists/kick-off.yml", yaml.safe_dump(kick_off, allow_unicode=True))
    result = run_cli("build", "--no-pdf", "--no-strict", cwd=project, env=EPOCH)
    if result.returncode != 0:  # content a check refuses (an unsafe link) is fine: it is reported, not published
        assert re.search(r"content/glossary/alliance.yml:\d+:\d+: ", result.stderr), result.stderr
        return
    for path in (project / "site").rglob("*.html"):
        tree = lxml_html.parse(str(path))
        assert content_scripts(tree) == [] and live_handlers(tree) == [] and bad_urls(tree) == [], path
        assert all(_local(el.get("src", "")) for el in tree.iter("img")), path
    # Material shows search results' titles and texts as HTML.
    for doc in json.loads((project / "site/search/search_index.json").read_text())["docs"]:
        for field in ("title", "text"):
            tree = lxml_html.fragment_fromstring(f"<div>{doc[field]}</div>")
            assert [el.tag for el in tree.iter("script", "iframe", "object", "embed", "style")] == [], doc
            assert live_handlers(tree) == [] and bad_urls(tree) == [], doc
    # The JSON export is data: the title exactly as typed.
    exported = run_cli("export", "--format", "json", cwd=project, env=EPOCH)
    assert exported.returncode == 0, exported.stderr
    data = json.loads(exported.stdout)
    assert any(entry.get("title") == f"C {title}" for entry in data["checklists"])


# --- PDFs: a locked-down renderer -------------------------------------------------------------------------------


class _Counting(http.server.BaseHTTPRequestHandler):
    hits: list = []

    def do_GET(self):  # noqa: N802
        _Counting.hits.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"GIF89a")

    def log_message(self, *args):
        pass


@pytest.fixture
def listener():
    _Counting.hits = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counting)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", _Counting.hits
    server.shutdown()
    server.server_close()


AUDIT = r"""
import os, sys
log = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
def hook(event, args):
    if event == "open" and isinstance(args[0], (str, bytes)):
        writes = any(c in (args[1] or "") for c in "wxa+") or (args[2] or 0) & (os.O_WRONLY | os.O_RDWR | os.O_CREAT)
        os.write(log, (b"write " if writes else b"open ") + os.fsencode(os.path.abspath(args[0])) + b"\n")
    elif event == "socket.connect":
        os.write(log, b"connect " + repr(args[1]).encode() + b"\n")
sys.addaudithook(hook)
sys.argv = ["playbook-gen", "build"]
from playbook_gen.cli import main
main()
"""


def audited_build(project: Path, log: Path) -> subprocess.CompletedProcess:
    """A build in its own process (and its PDF workers, forked from it) with every file open and connect logged."""
    return subprocess.run([sys.executable, "-c", AUDIT, str(log)], cwd=project, capture_output=True, text=True,
                          env={**os.environ, **EPOCH}, timeout=600)


def outside_reads(log: Path, project: Path) -> list[str]:
    """Files read outside the project, the Python standard library and installed packages, and our package's code
    and templates: none, but for what the runtime reads whatever the content says (MIME types, time zone data,
    /dev/null and /dev/urandom), playbook-gen's own cache key (load/sealed.py), and in the temporary folder only
    the folder itself and files the build created there (scratch files of ctypes, openpyxl, multiprocessing)."""
    import sysconfig
    import tempfile

    from playbook_gen.load.sealed import key_path

    python = sysconfig.get_paths()
    stdlib = Path(python["stdlib"])
    allowed = [project.resolve(), stdlib.resolve(), Path(python["platstdlib"]).resolve(), Path(python["purelib"]).resolve(),
               Path(python["platlib"]).resolve(), (ROOT / "templates").resolve(), (ROOT / "playbook_gen").resolve()]
    named = {Path("/dev/null"), Path("/dev/urandom"), Path("/etc/mime.types"), key_path().resolve(),
             stdlib.parent / f"python{sys.version_info[0]}{sys.version_info[1]}.zip", Path(tempfile.gettempdir()).resolve()}
    lines = [line.partition(" ") for line in log.read_text(errors="replace").splitlines()]
    created = {Path(target).resolve() for kind, _, target in lines if kind == "write"}
    reads = []
    for kind, _, target in lines:
        if kind != "open":
            continue
        path = Path(target).resolve()
        if path in named or path in created or path.is_relative_to("/usr/share/zoneinfo"):
            continue
        if not any(path.is_relative_to(a) for a in allowed):
            reads.append(str(path))
    return sorted(set(reads))


def test_the_audited_build_would_see_a_stray_read(tmp_path):
    """The allow-list is narrow enough to matter: a read in the temporary folder, beside the project, of the
    repository (not the package) or of the system is reported; a file the build itself created there is not."""
    project = tmp_path / "mini"
    project.mkdir()
    log = tmp_path / "audit.log"
    scratch = Path(__import__("tempfile").gettempdir()) / "scratch-made-by-the-build"
    log.write_text("".join(f"{kind} {path}\n" for kind, path in [
        ("open", project / "content/x.yml"), ("write", scratch), ("open", scratch), ("open", "/etc/mime.types"),
        ("open", tmp_path / "neighbour.txt"), ("open", ROOT / "content/playbook.yml"), ("open", "/etc/hostname"),
        ("open", "/usr/lib/os-release"), ("open", "/dev/sda"), ("connect", ("127.0.0.1", 80))]))
    assert outside_reads(log, project) == sorted([str(tmp_path / "neighbour.txt"), str(ROOT / "content/playbook.yml"),
                                                  "/etc/hostname", str(Path("/usr/lib/os-release").resolve()), "/dev/sda"])


def test_a_print_template_cannot_read_files_or_the_network_into_a_pdf(mini, tmp_path, listener):
    """Even trusted print templates go through the locked-down fetcher: no image, stylesheet or attachment
    from elsewhere on the machine or the network."""
    url, hits = listener
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("top secret\n")
    sheet = (ROOT / "templates/print/checklist.html").read_text()
    grab = (f'<img src="file://{secret}"><img src="{url}/pixel.gif"><link rel="stylesheet" href="{url}/x.css">'
            f'<link rel="attachment" href="file://{secret}"><a rel="attachment" href="file:///etc/passwd">p</a>'
            f'<img src="/etc/passwd">')
    write(mini, "templates/print/checklist.html", sheet.replace("{% block body %}", "{% block body %}" + grab, 1))
    log = tmp_path / "audit.log"
    result = audited_build(mini, log)
    assert result.returncode == 0, result.stderr
    assert hits == []
    assert not [line for line in log.read_text().splitlines() if line.startswith("connect")]
    assert str(secret) not in log.read_text() and "/etc/passwd" not in log.read_text()
    reader = pypdf.PdfReader(mini / "site/checklists/pdf/kick-off.pdf")
    assert reader.attachments == {}
    assert all(not page.images for page in reader.pages)


def test_a_build_with_links_to_files_and_servers_reads_and_fetches_nothing_outside(mini, tmp_path, listener):
    url, hits = listener
    write(mini, "content/glossary/alliance.yml", yaml.safe_dump({
        "id": "alliance", "title": "Strategic alliance", "definition":
        f"Read [the file](/etc/passwd), [the server]({url}/page) and [a parent](../../../../etc/passwd)."}))
    log = tmp_path / "audit.log"
    result = audited_build(mini, log)
    assert result.returncode == 0, result.stderr
    assert hits == []
    assert [line for line in log.read_text().splitlines() if line.startswith("connect")] == []
    assert outside_reads(log, mini) == []
    assert "/etc/passwd" not in log.read_text()
    for pdf in (mini / "site").rglob("*.pdf"):
        reader = pypdf.PdfReader(pdf)
        assert reader.attachments == {} and all(not page.images for page in reader.pages), pdf


def test_prose_that_would_fetch_a_file_or_a_server_is_a_check_error_at_its_place(mini, tmp_path, listener):
    url, hits = listener
    line = f"  ![the server]({url}/x.png) and ![a file](file:///etc/passwd) and ![root](/etc/passwd)."
    write(mini, "content/glossary/alliance.yml",
          "id: alliance\ntitle: Strategic alliance\ndefinition: |\n  A picture:\n\n" + line + "\n")
    log = tmp_path / "audit.log"
    result = audited_build(mini, log)
    assert result.returncode == 1
    image = "is not a file of the site; images may only use relative paths inside it (no web address, no absolute path, no '..')"
    assert result.stderr.splitlines() == sorted([
        # each at its own place in the block
        f"content/glossary/alliance.yml:6:{line.index(url) + 1}: image '{url}/x.png' {image}",
        f"content/glossary/alliance.yml:6:{line.index('file:') + 1}: image 'file:///etc/passwd' {image}",
        f"content/glossary/alliance.yml:6:{line.index('(/etc') + 2}: image '/etc/passwd' {image}",
    ]) + ["3 problems found"]
    assert hits == [] and "/etc/passwd" not in log.read_text()


# --- data handed to our scripts ---------------------------------------------------------------------------------


def test_scripts_show_content_as_text_in_the_browser(mini, browser):
    """The scorecard script builds its form from the assessment's data attribute: markup there stays text."""
    path = mini / "content/assessments/partner-fit.yml"
    data = yaml.safe_load(path.read_text())
    data["dimensions"][0]["title"] = "Fit <img src=x onerror=window.pwned=1>"
    data["dimensions"][0]["criteria"][0]["text"] = "Goals </div><script>window.pwned=2</script>"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    result = run_cli("build", "--no-pdf", cwd=mini, env=EPOCH)
    assert result.returncode == 0, result.stderr
    page = browser.new_page()
    page.goto((mini / "site/assessments/partner-fit.html").as_uri())
    page.wait_for_selector(".pg-scorecard form, .pg-scorecard table, .pg-scorecard select", timeout=5000)
    assert page.evaluate("window.pwned") is None
    assert page.locator("img[src='x']").count() == 0
    assert page.get_by_text("Goals </div><script>window.pwned=2</script>").count() >= 1
    page.close()


def test_a_print_template_cannot_embed_an_attachment_even_from_an_allowed_folder(tmp_path):
    """Files inside the fetcher's roots (site_config/, the template folders) may be images or stylesheets of a
    PDF, never attachments: neither `<link rel=attachment>` (document attachment) nor `<a rel=attachment>`
    (a file-attachment annotation) ends up in the file."""
    from playbook_gen.export.pdf import html_to_pdf

    site_config, templates = tmp_path / "site_config", tmp_path / "templates"
    for folder in (site_config, templates):
        folder.mkdir()
        (folder / "ok.txt").write_text("inside the roots\n")
    html = (f'<html><head><link rel="attachment" href="{(site_config / "ok.txt").as_uri()}" title="doc">'
            f'<link rel="attachment" href="{(templates / "ok.txt").as_uri()}"></head><body><p>Sheet</p>'
            f'<p><a rel="attachment" href="{(site_config / "ok.txt").as_uri()}">one</a> '
            f'<a rel="attachment" href="{(templates / "ok.txt").as_uri()}">two</a></p></body></html>')
    pdf = html_to_pdf(html, (str(site_config), str(templates)))
    reader = pypdf.PdfReader(__import__("io").BytesIO(pdf))
    assert reader.attachments == {}
    annotations = [a.get_object() for page in reader.pages for a in page.get("/Annots", [])]
    assert [a for a in annotations if a.get("/Subtype") == "/FileAttachment"] == []
    assert b"/EmbeddedFile" not in pdf and b"inside the roots" not in pdf
    assert "Sheet" in reader.pages[0].extract_text()
