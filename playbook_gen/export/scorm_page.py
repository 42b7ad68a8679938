"""The package page of a learning path, made from the site the engine has just built.

Each module's article is taken from its built page (so the package shows exactly what the site shows, after
audience filtering, with the same glossary tooltips and markup) and the site's stylesheets are copied as they
are, with the files they use. The articles are made to live side by side in one offline page: element ids get the module's id as prefix,
links to other modules of the path become in-package navigation, files the articles use (handout PDFs, images)
are copied into the package, and links to the rest of the playbook, which the package does not hold, become
plain text.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
from lxml import etree
from markupsafe import Markup

from ..render.messages import js_messages
from ..errors import BuildError
from ..render.env import PACKAGE_TEMPLATES
from ..model import Content, LearningPath
from ..render.env import make_env, render

SITE = "site"  # package folder for files copied from the built site
RUNTIME = PACKAGE_TEMPLATES / "assets" / "scorm"
RUNTIME_FILES = ("scorm-api.js", "scorm-package.js", "package.css")
ID_ATTRS = ("id", "for", "aria-controls", "aria-labelledby", "aria-describedby")
SRC_TAGS = ("img", "source", "video", "audio")
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")


def module_page(module_id: str) -> str:
    return f"training/modules/{module_id}.html"


@dataclass
class Article:
    module_id: str
    title: str
    html: Markup
    questions: int


@dataclass
class Page:
    """What the package page is made of: articles, stylesheets and files, all relative to the package root."""

    articles: list[Article]
    stylesheets: list[str]
    body: dict[str, str]  # Material's colour attributes on <body>
    files: dict[str, bytes] = field(default_factory=dict)  # copied from the site: stylesheets, handouts, images


def read_page(built: Path, path: LearningPath) -> Page:
    """Every module article of `path` from the built site, made fit for one offline page."""
    in_path = set(path.modules)
    page = Page([], [], {})
    for mid in path.modules:
        rel = module_page(mid)
        source = built / rel
        if not source.is_file():
            raise BuildError(f"SCORM package for path '{path.id}': the built site has no page {rel}")
        doc = lxml.html.fromstring(source.read_bytes())
        article = next(iter(doc.xpath('//article[contains(concat(" ", @class, " "), " md-content__inner ")]')), None)
        if article is None:
            raise BuildError(f"SCORM package for path '{path.id}': no article in {rel}")
        if not page.stylesheets:
            page.body = {k: v for k, v in doc.body.attrib.items() if k.startswith("data-md-color") or k == "dir"}
            for href in doc.xpath('//link[@rel="stylesheet"]/@href'):
                page.stylesheets.append(_copy_stylesheet(built, rel, href, page.files, path))
        _rewrite(article, mid, rel, in_path, built, page.files, path)
        h1 = article.find(".//h1")
        title = h1.text_content().rstrip("¶").strip() if h1 is not None else mid
        inner = "".join(etree.tostring(child, encoding="unicode", method="html") for child in article)
        questions = len(article.xpath('.//*[contains(concat(" ", @class, " "), " pg-question ")]'))
        page.articles.append(Article(mid, title, Markup(inner), questions))  # noqa: S704 - the engine's own output
    return page


def _rewrite(article, mid: str, rel: str, in_path: set[str], built: Path, files: dict, path: LearningPath) -> None:
    for el in article.xpath('.//*[contains(concat(" ", @class, " "), " md-content__button ")]'):
        el.drop_tree()  # "edit this page" and similar buttons point at the site's source
    for el in article.iter():
        if not isinstance(el.tag, str):
            continue
        for attr in ID_ATTRS:
            if el.get(attr):
                el.set(attr, " ".join(f"{mid}--{v}" for v in el.get(attr).split()))
        if el.tag in SRC_TAGS and el.get("src"):
            el.set("src", _copy(built, rel, el.get("src"), files, path))
        if el.tag == "a" and el.get("href") is not None:
            _link(el, mid, rel, in_path, built, files, path)


def _link(a, mid: str, rel: str, in_path: set[str], built: Path, files: dict, path: LearningPath) -> None:
    href = a.get("href")
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        a.set("target", "_blank")  # an outside link opens beside the LMS, never in the package's frame
        a.set("rel", "noopener")
        return
    if not parts.path:
        a.set("href", f"#{mid}--{parts.fragment}" if parts.fragment else "#")
        return
    target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), parts.path))
    other = posixpath.splitext(posixpath.basename(target))[0]
    if target == module_page(other) and other in in_path:
        a.set("href", f"#{other}--{parts.fragment}" if parts.fragment else f"#module-{other}")
        a.set("data-pg-module", other)
    elif not target.endswith(".html") and (built / target).is_file():
        a.set("href", _copy(built, rel, href, files, path))
    else:  # a page of the playbook that the package does not hold: keep the words, drop the link
        a.tag = "span"
        a.attrib.clear()
        a.set("class", "pg-offsite")


def _copy(built: Path, rel: str, href: str, files: dict, path: LearningPath) -> str:
    target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), urlsplit(href).path))
    source = built / target
    if target.startswith("../") or not source.is_file():
        raise BuildError(f"SCORM package for path '{path.id}': {rel} uses {href}, which the built site does not hold")
    files[f"{SITE}/{target}"] = source.read_bytes()
    return f"{SITE}/{target}"


def _copy_stylesheet(built: Path, rel: str, href: str, files: dict, path: LearningPath) -> str:
    """A site stylesheet and the site files it uses (`url(...)` relative to it: a branding image, a font)."""
    name = _copy(built, rel, href, files, path)
    css = name[len(SITE) + 1:]
    for _, url in CSS_URL.findall(files[name].decode("utf-8", "replace")):
        parts = urlsplit(url)
        target = posixpath.normpath(posixpath.join(posixpath.dirname(css), parts.path))
        if not (parts.scheme or parts.netloc) and parts.path and (built / target).is_file():
            _copy(built, css, url, files, path)  # what the site itself lacks stays missing, as on the site
    return name


def runtime_files() -> dict[str, bytes]:
    files = {f"runtime/{name}": (RUNTIME / name).read_bytes() for name in RUNTIME_FILES}
    files["runtime/messages.js"] = (RUNTIME.parent / "messages.js").read_bytes()  # the runtime's words (pgText)
    return dict(sorted(files.items()))


def state_key(content: Content, path: LearningPath) -> str:
    """Names the path's questions and answers: suspend data saved by another edition of the path is ignored."""
    parts = [content.playbook.version, path.id]
    for mid in path.modules:
        parts += [mid, *(str(q.options.index(next(o for o in q.options if o.correct))) for q in content.modules[mid].quiz)]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:12]


def package_html(content: Content, project: Path, path: LearningPath, page: Page, version: str) -> str:
    return render(make_env(project, html=True), "scorm/package.html", playbook=content.playbook, path=path,
                  page=page, version=version, settings=path.scorm, total=sum(a.questions for a in page.articles),
                  key=state_key(content, path), messages=js_messages())
