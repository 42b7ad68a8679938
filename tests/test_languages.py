"""Multilingual content: translation files checked against their originals, coverage per language, and the default
playbook built in English and Dutch (one build for the session, `default_site`): <html lang>, a language switcher
that keeps you on the same page (in a browser, over http and from file://), Dutch search, Dutch PDFs, fallback
notices.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from playbook_gen.errors import ContentError
from playbook_gen.pipeline import check

from .conftest import require_tool, run_cli, write

# --- translation files (the mini playbook, no build) -----------------------------------------


def _bilingual(mini: Path, extra: str = "") -> Path:
    text = (mini / "content/playbook.yml").read_text(encoding="utf-8")
    write(mini, "content/playbook.yml", text + "languages: [en, nl]\n" + extra)
    return mini


def _problems(project: Path) -> list[str]:
    with pytest.raises(ContentError) as info:
        check(project, strict=False)
    return [str(i) for i in info.value.issues if i.severity == "error"]


def test_a_translation_replaces_text_and_the_rest_falls_back(mini):
    _bilingual(mini)
    write(mini, "content/roles/alliance-manager.nl.yml", "id: alliance-manager\ntitle: Alliantiemanager\n"
          "duties:\n  - duty: Leidt de toetsing van de fit.\n")
    checked = check(mini, strict=False)
    edition = checked.editions["nl"]
    role = edition.content.roles["alliance-manager"]
    assert role.title == "Alliantiemanager" and role.duties[0].duty == "Leidt de toetsing van de fit."
    assert role.duties[0].stage == "partner-analysis" and role.escalates_to == "executive-sponsor"  # kept from the original
    assert role.summary == "Runs the alliance day to day."  # not translated: the original's text
    assert ("roles", "alliance-manager") in edition.fallback and ("playbook", "") in edition.fallback
    assert checked.loaded.content.roles["alliance-manager"].title == "Alliance manager"  # the original is untouched
    notices = [str(i) for i in checked.warnings if "coverage" in i.message]
    assert notices == [f"content/playbook.yml: notice: translation coverage 'nl': 2 of {edition.total} text fields "
                       f"translated ({200 // edition.total} %); {len(edition.fallback)} files fall back to 'en' in whole or in part"]


def test_translation_files_are_not_entities(mini):
    _bilingual(mini)
    write(mini, "content/stages/launch.nl.yml", "id: launch\ntitle: Lancering\n")
    checked = check(mini, strict=False)
    assert sorted(checked.loaded.content.stages) == ["launch", "partner-analysis", "strategy"]
    assert checked.editions["nl"].content.stages["launch"].title == "Lancering"


def test_unknown_id(mini):
    _bilingual(mini)
    write(mini, "content/stages/lunch.nl.yml", "title: Lunch\nid: lunch\n")
    assert _problems(mini) == ["content/stages/lunch.nl.yml:2:5: unknown stage id 'lunch': a translation needs an "
                               "original with the same id"]


def test_unknown_id_in_a_list_matched_by_id(mini):
    _bilingual(mini)
    write(mini, "content/playbook.nl.yml", "audiences:\n  - id: executives\n    title: Bestuurders\n"
          "  - id: everyone\n    title: Iedereen\n")
    assert _problems(mini) == ["content/playbook.nl.yml:4:9: unknown id 'everyone' in 'audiences': the original has "
                               "no entry with this id"]


def test_new_reference(mini):
    _bilingual(mini)
    write(mini, "content/playbook.nl.yml", "description: |\n  Een klein playbook. Het linkt naar de "
          "[eerste fase](stage:strategy) en naar [de lancering](stage:launch).\n")
    assert _problems(mini) == ["content/playbook.nl.yml:1:14: new reference 'stage:launch' in 'description': a "
                               "translation links only where the original does"]


def test_non_text_field(mini):
    _bilingual(mini)
    write(mini, "content/stages/launch.nl.yml", "id: launch\ntitle: Lancering\norder: 4\nactivities:\n"
          "  - title: De kick-off houden\n    responsible: [alliance-manager]\n")
    assert _problems(mini) == [
        "content/stages/launch.nl.yml:3:1: 'order' is not a text field; a translation holds text fields only",
        "content/stages/launch.nl.yml:6:5: 'activities[0].responsible' is not a text field; a translation holds "
        "text fields only"]


def test_structure_must_match(mini):
    _bilingual(mini)
    write(mini, "content/stages/strategy.nl.yml", "id: strategy\nkey_questions: [Welk doel, Waarom nu]\n"
          "deliverables:\n  - titel: Onderbouwing\n")
    assert _problems(mini) == [
        "content/stages/strategy.nl.yml:2:16: 'key_questions' has 2 entries but the original has 1; translate "
        "each, in the same order",
        "content/stages/strategy.nl.yml:4:5: unknown key 'titel' (a translation holds the original's text fields only)"]


def test_languages_must_be_declared(mini):
    write(mini, "content/stages/launch.de.yml", "id: launch\ntitle: Start\n")
    assert _problems(mini) == ["content/stages/launch.de.yml:1:1: language 'de' is not one of the playbook's "
                               "languages (en); add it to 'languages' in content/playbook.yml"]


def test_require_complete_turns_the_coverage_notice_into_an_error(mini):
    _bilingual(mini, "translations: {require_complete: true}\n")
    write(mini, "content/stages/launch.nl.yml", "id: launch\ntitle: Lancering\n")
    [problem] = _problems(mini)
    assert problem.startswith("content/playbook.yml: translation coverage 'nl': 1 of ")
    assert problem.endswith(" (translations.require_complete is set)")


# --- run, export and serve in another of the playbook's languages (the mini playbook) --------------


def _dutch_checklist(mini: Path) -> Path:
    _bilingual(mini)
    write(mini, "content/checklists/kick-off.nl.yml", "id: kick-off\ntitle: Kick-offcontrole\n"
          "pause_point: Aan het eind van de kick-off\nitems:\n  - text: Beide sponsors waren bij de kick-off.\n")
    return mini


def _csv(text: str) -> list[list[str]]:
    import csv
    import io

    return list(csv.reader(io.StringIO(text, newline="")))


def test_run_in_dutch_has_dutch_headers_and_checklist_text(mini):
    from playbook_gen import i18n

    nl = i18n.catalogue("nl")
    result = run_cli("run", "kick-off", "--start", "2026-03-02", "--lang", "nl", cwd=_dutch_checklist(mini))
    assert result.returncode == 0, result.stderr
    runs = mini / "runs"
    assert sorted(p.name for p in runs.iterdir()) == ["kick-off-2026-03-02.nl.csv", "kick-off-2026-03-02.nl.md"]
    header, row = _csv((runs / "kick-off-2026-03-02.nl.csv").read_text(encoding="utf-8"))
    assert header[1:3] == [nl.gettext("checklist_title"), nl.gettext("pause_point")] != ["checklist_title", "pause_point"]
    assert nl.gettext("assignee") in header and "assignee" not in header
    assert row[1:3] == ["Kick-offcontrole", "Aan het eind van de kick-off"] and "Beide sponsors waren bij de kick-off." in row
    assert row[-1] == nl.gettext("open")
    md = (runs / "kick-off-2026-03-02.nl.md").read_text(encoding="utf-8")
    assert md.startswith("# Kick-offcontrole\n") and "Beide sponsors waren bij de kick-off." in md
    for word in ("Assignee", "Due", "Run of"):
        assert f"| {nl.gettext(word)} |" in md and nl.gettext(word) != word
    assert nl.gettext("every item is due on the start date") in md and "every item is due" not in md
    # The playbook's own language is the default, named as before.
    assert run_cli("run", "kick-off", "--start", "2026-03-02", cwd=mini).returncode == 0
    assert (runs / "kick-off-2026-03-02.csv").read_text(encoding="utf-8").startswith("checklist_id,checklist_title,")


def test_export_csv_and_json_in_dutch(mini):
    from playbook_gen import i18n

    _dutch_checklist(mini)
    result = run_cli("export", "--format", "csv", "--lang", "nl", cwd=mini)
    assert result.returncode == 0, result.stderr
    rows = _csv(result.stdout)
    assert rows[0][1] == i18n.catalogue("nl").gettext("checklist_title") != "checklist_title"
    [kick_off] = [r for r in rows if r[0] == "kick-off"]
    assert kick_off[1] == "Kick-offcontrole" and kick_off[6] == "Beide sponsors waren bij de kick-off."
    assert any(r[1] == "Partner fit review" for r in rows)  # not translated: the original's text (fallback)
    result = run_cli("export", "--format", "json", "--lang", "nl", cwd=mini)
    assert result.returncode == 0, result.stderr
    [checklist] = [c for c in json.loads(result.stdout)["checklists"] if c["id"] == "kick-off"]
    assert checklist["title"] == "Kick-offcontrole" and checklist["items"][0]["text"] == "Beide sponsors waren bij de kick-off."
    assert checklist["items"][0]["owner"] == "alliance-manager"  # structure from the original


def test_unknown_language_is_a_usage_error_naming_the_declared_ones(mini):
    _bilingual(mini)
    import socket

    with socket.socket() as probe:  # a free port: serve fails on the language before it would listen
        probe.bind(("127.0.0.1", 0))
        port = str(probe.getsockname()[1])
    for args in (["export", "--lang", "fr"], ["run", "kick-off", "--start", "2026-03-02", "--lang", "fr"],
                 ["serve", "--port", port, "--lang", "fr"]):
        result = run_cli(*args, cwd=mini)
        assert result.returncode == 2, result.stderr
        assert result.stderr == "error: the playbook is not written in 'fr'; --lang takes one of its languages: en, nl\n"


def test_serve_regenerates_the_chosen_language(mini):
    """serve --lang nl: the regenerator renders the Dutch edition with Dutch interface words (no server needed)."""
    from playbook_gen import i18n
    from playbook_gen.errors import UsageError
    from playbook_gen.serve import Regenerator

    _dutch_checklist(mini)
    regen = Regenerator(mini.resolve(), echo=lambda m: None, lang="nl")
    assert regen.run()[0]
    docs = mini / "build/serve/docs"
    page = (docs / "checklists/kick-off.md").read_text(encoding="utf-8")
    assert page.startswith("# Kick-offcontrole") and "Beide sponsors waren bij de kick-off." in page
    assert i18n.catalogue("nl").gettext("Not fully translated") in (docs / "roles/alliance-manager.md").read_text(encoding="utf-8")
    text = (mini / "build/serve/mkdocs.yml").read_text(encoding="utf-8")
    assert "language: nl" in text and "alternate" not in text  # Dutch search and theme; no switcher to unserved sites
    assert i18n.language() == "en"  # the interface language is back afterwards
    with pytest.raises(UsageError, match="'fr'"):
        Regenerator(mini.resolve(), echo=lambda m: None, lang="fr").run()


# --- the default playbook in English and Dutch ------------------------------------------------


def _pages(root: Path) -> list[str]:
    """The default language's pages; 404.html is served at any address, so its switcher names the language roots."""
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html")
                  if not p.relative_to(root).as_posix().startswith(("nl/", "assets/")) and p.name != "404.html")


def test_default_playbook_ships_dutch_for_the_all_staff_journey(default_site):
    checked = check(default_site, strict=False)
    edition = checked.editions["nl"]
    translated = [("playbook", ""), ("pages", "what-alliances-are"), ("pages", "for-all-staff"),
                  ("learning_paths", "all-staff"), ("modules", "alliances-essentials"),
                  ("modules", "your-part-in-our-alliances"), ("roles", "every-employee"),
                  *(("glossary", t) for t in checked.loaded.content.glossary)]
    assert [key for key in translated if key in edition.fallback] == []
    assert any("translation coverage 'nl'" in i.message and i.severity == "notice" for i in checked.warnings)


def test_every_page_has_its_language(site):
    pages = _pages(site)
    assert len(pages) > 50
    for rel in pages:
        assert '<html lang="en"' in (site / rel).read_text(encoding="utf-8"), rel
        assert '<html lang="nl"' in (site / "nl" / rel).read_text(encoding="utf-8"), rel


def test_every_switcher_link_names_the_same_page(site):
    link = re.compile(r'<a href="([^"]+)" hreflang="(en|nl)"[^>]*class="md-select__link"')
    for rel in _pages(site):
        for lang_root in (site, site / "nl"):
            page = lang_root / rel
            found = dict((lang, href) for href, lang in link.findall(page.read_text(encoding="utf-8")))
            assert sorted(found) == ["en", "nl"], page
            for lang, href in found.items():
                target = (page.parent / href).resolve()
                assert target == ((site if lang == "en" else site / "nl") / rel).resolve(), (page, href)


def test_untranslated_pages_say_so(site):
    notice = "Parts of this page are not translated yet"  # until the Dutch interface catalogue lands
    untranslated = (site / "nl/guide/why-alliances-fail.html").read_text(encoding="utf-8")
    assert 'class="admonition note"' in untranslated and re.search(r"not translated yet|niet vertaald", untranslated)
    for rel in ("index.html", "guide/what-alliances-are.html", "roles/every-employee.html", "reference/glossary.html"):
        text = (site / "nl" / rel).read_text(encoding="utf-8")
        assert notice not in text and "niet vertaald" not in text, rel
    assert notice not in (site / "guide/why-alliances-fail.html").read_text(encoding="utf-8")


def test_dutch_search_index(site):
    index = json.loads((site / "nl/search/search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["nl"]
    assert any("geheimhoudingsovereenkomst" in doc["text"].lower() for doc in index["docs"])
    english = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    assert english["config"]["lang"] == ["en"]
    assert not any("geheimhoudingsovereenkomst" in doc["text"].lower() for doc in english["docs"])


def test_dutch_pdfs(site):
    pdftotext = require_tool("pdftotext")

    def text(rel: str) -> str:
        return subprocess.run([pdftotext, str(site / rel), "-"], capture_output=True, text=True, check=True).stdout

    dutch = text("nl/training/downloads/alliances-essentials-handout.pdf")
    assert "Allianties in één sessie" in dutch and "Een strategische alliantie onderscheiden" in dutch
    assert "Alliances in one session" in text("training/downloads/alliances-essentials-handout.pdf")
    assert (site / "nl/playbook.json").is_file()


@pytest.fixture(params=["http", "file"])
def base(request, server, site) -> str:
    return server if request.param == "http" else site.as_uri() + "/"


@pytest.fixture
def page(browser):
    context = browser.new_context()
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:", "blob:", "http://127.0.0.1"))
                  else r.abort())
    pg = context.new_page()
    pg.set_default_timeout(8000)
    yield pg
    context.close()


def _switch(page, lang: str) -> None:
    page.hover(".md-header__option .md-select")
    page.click(f'a.md-select__link[hreflang="{lang}"]')
    page.wait_for_load_state("load")


@pytest.mark.parametrize("rel", ["index.html", "guide/what-alliances-are.html", "training/modules/alliances-essentials.html"])
def test_switcher_keeps_the_page_in_a_browser(page, base, rel):
    page.goto(base + "nl/" + rel)
    assert page.get_attribute("html", "lang") == "nl"
    _switch(page, "en")
    assert page.url == base + rel and page.get_attribute("html", "lang") == "en"
    _switch(page, "nl")
    assert page.url == base + "nl/" + rel and page.get_attribute("html", "lang") == "nl"


def test_dutch_search_finds_dutch_text_in_a_browser(page, base):
    page.goto(base + "nl/index.html")
    page.click("input.md-search__input")
    page.keyboard.type("geheimhoudingsovereenkomst")  # keystrokes, as a reader types (fill() sends no key events)
    first = page.locator(".md-search-result__item").first
    first.wait_for(timeout=30000)  # from file:// the index loads through the iframe worker shim first
    assert "geheimhoudingsovereenkomst" in first.inner_text().lower()
    assert first.locator("a").first.evaluate("a => a.href").startswith(base + "nl/")


def test_each_language_is_built_with_its_interface_language(mini, monkeypatch):
    """The per-language loop switches the interface with one call (playbook_gen.i18n.activate, when it exists)."""
    from playbook_gen import i18n
    from playbook_gen.options import Options
    from playbook_gen.pipeline import build

    calls: list[str] = []
    activate = i18n.activate
    monkeypatch.setattr(i18n, "activate", lambda lang, subject=None: (calls.append(lang), activate(lang, subject)))
    _bilingual(mini)
    write(mini, "content/stages/launch.nl.yml", "id: launch\ntitle: Lancering\n")
    result = build(mini, Options(pdf=False, strict=False))
    assert "nl" in calls and i18n.language() == "en"  # the playbook's own language again afterwards
    nl = (result.site_dir / "nl/lifecycle/launch.html").read_text(encoding="utf-8")
    assert '<html lang="nl"' in nl and "Lancering" in nl
    assert "Lancering" not in (result.site_dir / "lifecycle/launch.html").read_text(encoding="utf-8")
    assert (result.site_dir / "nl/search/search_index.json").is_file() and (result.site_dir / "nl/playbook.json").is_file()
