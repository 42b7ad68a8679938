"""Training material with hostile content (docs/content-safety.md, "PDFs" and "Slide decks"): unsafe links and
images in lesson prose are check errors at their place; markup elsewhere reaches the handout, the facilitator
guide and the slide deck as text, with no image, attachment or link."""

from __future__ import annotations

import io
import json
import re
import zipfile

import pypdf
import pytest

from playbook_gen.errors import ContentError
from playbook_gen.export.pdf import html_to_pdf
from playbook_gen.export.slides import make_deck
from playbook_gen.export.training import deck_spec, facilitator_html, handout_html
from playbook_gen.load.site_config import load_site_config
from playbook_gen.pipeline import check
from playbook_gen.render.print import resource_roots

from .test_training import MODULE, PATH, add_training

TAG = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>alert('s')</script>"
HOSTILE = (MODULE
           .replace("  - Know the stages.", f"  - Know the stages {SCRIPT}")
           .replace("  - Stages matter.", f"  - Stages matter {TAG}")
           .replace("    roles: [alliance-manager]\n", "    roles: [alliance-manager]\n"
                    f"    points: ['Point <b onclick=x()>bold</b>']\n"
                    f"    body: |\n      Raw {TAG} and **real** text.\n")
           .replace("partner-analysys", "launch")
           .replace("prompt: Which stage comes first?", f"prompt: \"Which stage comes first? {SCRIPT}\"")
           + f"exercise:\n  title: Try {TAG}\n  minutes: 10\n  brief: Brief with {SCRIPT} in it.\n"
             f"  steps: ['Step {TAG}']\n")


def test_unsafe_links_and_images_in_lesson_prose_are_check_errors_at_their_place(mini):
    line = "      Read [this](javascript:alert(1)) and ![p](https://example.org/p.png) and ![f](file:///etc/passwd)."
    add_training(mini, HOSTILE.replace(f"      Raw {TAG} and **real** text.", line))
    with pytest.raises(ContentError) as exc:
        check(mini)
    image = ("is not a file of the site; images may only use relative paths inside it (no web address, no absolute "
             "path, no '..')")
    errors = sorted(str(i) for i in exc.value.issues if i.severity == "error")
    at = "content/training/modules/first-steps.yml:14:"  # the body's line, each at its address
    assert errors == sorted([
        f"{at}{line.index('javascript:') + 1}: link with unsafe URL scheme 'javascript:'; use http(s), mailto or an "
        "entity link like (stage:id)",
        f"{at}{line.index('https:') + 1}: image 'https://example.org/p.png' {image}",
        f"{at}{line.index('file:') + 1}: image 'file:///etc/passwd' {image}",
    ])


@pytest.fixture
def hostile_training(mini):
    add_training(mini, HOSTILE, PATH)
    checked = check(mini)
    return mini, checked.loaded.content, load_site_config(mini)


def _pdf_text(html: str, roots) -> tuple[pypdf.PdfReader, str, bytes]:
    data = html_to_pdf(html, roots)
    reader = pypdf.PdfReader(io.BytesIO(data))
    return reader, " ".join("".join(p.extract_text() for p in reader.pages).split()), data


def test_handout_and_facilitator_guide_show_markup_as_text_with_no_image_or_attachment(hostile_training):
    project, content, site = hostile_training
    module, path = content.modules["first-steps"], content.learning_paths["everyone"]
    for html in (handout_html(content, project, site, module), facilitator_html(content, project, site, path)):
        assert "<script>alert" not in html and "<img src=x" not in html and 'onclick="' not in html
        reader, text, data = _pdf_text(html, resource_roots(project))
        assert reader.attachments == {} and all(not page.images for page in reader.pages)
        assert b"/URI" not in data and b"/EmbeddedFile" not in data
        assert f"Know the stages {SCRIPT}" in text and f"Stages matter {TAG}" in text
        assert f"Brief with {SCRIPT} in it." in text and f"Step {TAG}" in text
    _, guide, _ = _pdf_text(facilitator_html(content, project, site, path), resource_roots(project))
    assert f"Raw {TAG} and real text." in guide and f"Which stage comes first? {SCRIPT}" in guide


def test_the_slide_deck_has_no_picture_hyperlink_or_external_relationship(hostile_training):
    _project, content, _site = hostile_training
    deck = make_deck(json.dumps(deck_spec(content, content.learning_paths["everyone"])), 1790000000)
    with zipfile.ZipFile(io.BytesIO(deck)) as z:
        names = z.namelist()
        xml = {n: z.read(n).decode("utf-8") for n in names if n.endswith((".xml", ".rels"))}
    assert [n for n in names if n.startswith("ppt/media/")] == []
    assert [n for n, x in xml.items() if 'TargetMode="External"' in x] == []
    assert [n for n, x in xml.items() if re.search(r"<(p:pic|a:hlinkClick|a:hlinkHover|p:oleObj)\b", x)] == []
    slides = " ".join(x for n, x in xml.items() if n.startswith("ppt/slides/slide"))
    for shown in (f"Know the stages {SCRIPT}", f"Stages matter {TAG}", "Point <b onclick=x()>bold</b>"):
        assert shown.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") in slides, shown
