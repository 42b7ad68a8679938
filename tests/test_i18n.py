"""Interface catalogues: complete, up to date with the sources, used by every environment, and a Dutch build."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from babel.messages.pofile import read_po

from playbook_gen import i18n
from playbook_gen.i18n import catalogues
from playbook_gen.pipeline import build, check
from playbook_gen.options import Options
from playbook_gen.render import messages
from playbook_gen.render.env import make_env

from .conftest import FIXTURES, ROOT, write

TRANSLATED = ["nl", "de"]
_PLACEHOLDERS = re.compile(r"%\((\w+)\)[sd]|\{(\w+)\}")


def _catalogue(lang: str):
    with i18n.po_path(lang).open("rb") as fh:
        return read_po(fh, locale=lang)


def _placeholders(text: str) -> set[str]:
    return {a or b for a, b in _PLACEHOLDERS.findall(text)}


def test_languages_shipped():
    assert i18n.languages() == ["de", "en", "nl"]


@pytest.mark.parametrize("lang", TRANSLATED)
def test_catalogue_complete_no_fuzzy_same_placeholders(lang):
    problems = []
    for m in _catalogue(lang):
        if not m.id:
            continue
        ids = list(m.id) if isinstance(m.id, tuple) else [m.id]
        strings = list(m.string) if isinstance(m.string, tuple) else [m.string]
        if m.fuzzy:
            problems.append(f"fuzzy: {ids[0]!r}")
        if not all(strings):
            problems.append(f"untranslated: {ids[0]!r}")
            continue
        # A translation may use another form of the subject (%(subjects)s for %(subject)s), never other variables.
        want = {p for p in _placeholders(ids[0]) if p.lower() not in ("subject", "subjects", "a_subject", "the_subject")}
        for s in strings:
            got = {p for p in _placeholders(s) if p.lower() not in ("subject", "subjects", "a_subject", "the_subject")}
            if got != want:
                problems.append(f"placeholders differ: {ids[0]!r} -> {s!r}")
    assert problems == []


def test_catalogues_up_to_date_with_the_sources():
    """Re-extract every msgid from the code and templates: each catalogue holds exactly those."""
    sources = catalogues.msgids(catalogues.extract())
    assert ("subject", "alliance") in sources and (None, "Checklist pack") in sources
    for lang in i18n.languages():
        assert catalogues.msgids(_catalogue(lang)) == sources, f"{lang}: run `make catalogues` and translate"
    assert catalogues.main(["--check"]) == 0


def test_js_tools_hold_no_interface_strings():
    """Every JS message lives in render/messages.py; the scripts name keys only."""
    scripts = [ROOT / "templates/assets" / n for n in ("quiz.js", "checklists.js", "progress.js", "scorecard.js")]
    scripts.append(ROOT / "templates/assets/scorm/scorm-package.js")
    for path in scripts:
        text = path.read_text()
        for key, msgid in messages.MESSAGES.items():
            if " " not in msgid and msgid.islower():  # one lower-case word is also a value ("go", "provisional")
                continue
            assert f'"{msgid}"' not in text, f"{path.name} still says {msgid!r}"
    css = (ROOT / "templates/assets/quiz.css").read_text()
    assert "correct answer" not in css and "your answer" not in css


def test_activate_translates_python_and_templates(mini):
    with i18n.using("nl"):
        assert i18n._("Checklist pack") == "Checklistbundel"
        from playbook_gen.render.labels import label

        assert label("go-with-conditions") == "Go onder voorwaarden"
        assert i18n.say("The %(subject)s lifecycle") == "De levenscyclus van allianties"
        env_nl = make_env(mini)
        assert env_nl.from_string('{{ _("Stage") }}').render() == "Fase"
    with i18n.using("de"):
        assert make_env(mini).from_string('{{ _("Stage") }}').render() == "Phase"
    with i18n.using("en"):
        env_en = make_env(mini)
        assert env_en is not env_nl  # the cache is keyed by language
        assert env_en.from_string('{{ _("Stage") }}').render() == "Stage"
        assert i18n.say("The %(subject)s lifecycle") == "The alliance lifecycle"


def test_subject_words_are_content(mini):
    """The subject is text from the playbook: escaped for Markdown and for HTML like any other content."""
    from playbook_gen.model.playbook import Subject

    subject = Subject(singular="*joint* <venture>", plural="joint ventures")
    with i18n.using("en", subject):
        assert make_env(mini).from_string('{{ _("The %(subject)s lifecycle") }}').render() == \
            r"The \*joint\* &lt;venture&gt; lifecycle"
        assert make_env(mini, html=True).from_string('{{ _("The %(subject)s lifecycle") }}').render() == \
            "The *joint* &lt;venture&gt; lifecycle"
        assert i18n.words()["a_subject"] == "a *joint* <venture>"


def test_unknown_language_is_an_error(mini):
    path = mini / "content/playbook.yml"
    path.write_text(path.read_text().replace("version:", "language: fr\nversion:", 1))
    from playbook_gen.errors import ContentError

    with pytest.raises(ContentError) as exc:
        check(mini)
    assert [str(i) for i in exc.value.issues if "catalogue" in str(i)] == [
        "content/playbook.yml:3:11: no interface catalogue for language 'fr' (there are: de, en, nl)"]


@pytest.fixture(scope="module")
def dutch_site(tmp_path_factory):
    project = tmp_path_factory.mktemp("nl") / "mini"
    shutil.copytree(FIXTURES / "mini", project)
    path = project / "content/playbook.yml"
    path.write_text(path.read_text().replace("version:", "language: nl\nversion:", 1))
    try:
        build(project, Options(pdf=False))
    finally:
        i18n.activate(None)  # later tests in this process start from English
    return project / "site"


def test_dutch_site_speaks_dutch(dutch_site):
    lifecycle = (dutch_site / "lifecycle/index.html").read_text()
    assert '<html lang="nl"' in lifecycle
    assert "De levenscyclus van allianties" in lifecycle
    menu = set(re.findall(r'md-ellipsis">\s*([^<]*?)\s*<', lifecycle))
    assert {"Levenscyclus", "Rollen", "Casussen", "Naslag", "Begin hier"} <= menu
    assert "The alliance lifecycle" not in lifecycle
    blob = re.search(r'<script type="application/json" id="pg-messages">(.*?)</script>', lifecycle, re.S)
    words = json.loads(blob.group(1))
    assert words["search"] == "Zoeken" and words["not_quite"] == "Niet helemaal: het antwoord is {letter}."


def test_dutch_site_has_no_english_interface_string(dutch_site):
    """No English msgid (a phrase of two words or more, without placeholders, translated differently) shows."""
    nl = {m.id: m.string for m in _catalogue("nl") if isinstance(m.id, str) and m.id}
    english = [mid for mid, s in nl.items() if mid not in ("an alliance", "the alliance") and " " in mid.strip() and mid != s and not _placeholders(mid)
               and "%" not in mid and "<" not in mid]
    assert len(english) > 50
    pages = {p.relative_to(dutch_site).as_posix(): p.read_text() for p in dutch_site.rglob("*.html")}
    found = sorted({(rel, mid) for rel, text in pages.items() for mid in english if mid in text})
    assert found == [], "\n".join(f"{rel}: {mid}" for rel, mid in found)


def test_csv_header_and_run_words_follow_the_language(mini):
    from playbook_gen.export import runs
    from playbook_gen.export.csv_export import checklists_csv

    import datetime as dt

    content = check(mini).loaded.content
    assert checklists_csv(content).splitlines()[0].startswith("checklist_id,checklist_title,stage,")  # English: the ids
    with i18n.using("de"):
        assert checklists_csv(content).splitlines()[0].startswith("checklisten_id,checklistentitel,Phase,")
        planned = runs.plan(content, "strategy", dt.date(2026, 3, 2), "Acme")
        markdown = runs.outputs(content, mini, planned)["strategy-2026-03-02.md"].decode()
        assert "| Allianz | Acme |" in markdown and "| Beginn | 2026-03-02 |" in markdown
        assert "Fälligkeiten: die Phase dauert 28 Tage" in markdown
