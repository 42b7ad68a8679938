"""Assessments per partner on the built default site's scorecard page, in Chromium (Playwright), from file://.

Two partners' assessments are saved, reloaded and compared, then three and four side by side and a fifth refused
(numbers from scoring.py); an exported assessment imports back identically; a malformed import is refused with a
message and changes nothing; printing shows only the form and its results; a state saved before the criteria
changed opens with the new criteria not assessed.
"""

from __future__ import annotations

import json
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from playbook_gen.load.loader import load
from playbook_gen.model import scoring
from playbook_gen.render.labels import label

NA = scoring.NOT_ASSESSED
PAGE = "assessments/partner-fit.html"


@pytest.fixture(scope="module")
def url(default_site) -> str:
    return (default_site / "site" / PAGE).as_uri()


@pytest.fixture(scope="module")
def content(default_site):
    return load(default_site).content


@pytest.fixture(scope="module")
def assessment(content):
    return content.assessments["partner-fit"]


@pytest.fixture
def page(browser):
    """A fresh browser profile (empty localStorage) whose requests must all stay on this machine."""
    context = browser.new_context(accept_downloads=True)
    requests: list[str] = []

    def route(r):
        requests.append(r.request.url)
        if urlparse(r.request.url).scheme in ("file", "data", "blob"):
            r.continue_()
        else:
            r.abort()

    context.route("**/*", route)
    pg = context.new_page()
    pg.set_default_timeout(5000)
    pg.requests = requests
    yield pg
    assert [u for u in requests if urlparse(u).scheme not in ("file", "data", "blob")] == []
    context.close()


def shown(x: float) -> str:
    return f"{Decimal(x).quantize(Decimal('0.1'), ROUND_HALF_UP)} %"


def criteria(assessment) -> list[str]:
    return [c.id for d in assessment.dimensions for c in d.criteria]


STRONG = lambda c: 4  # noqa: E731
MIXED = lambda c: NA if c in {"transparency", "sponsors"} else [1, 2, 3, 4][len(c) % 4]  # noqa: E731


def fill(page, assessment, partner: str, assessor: str, date: str, pick, yes: bool = False) -> tuple[dict, dict]:
    page.fill("#pg-sc-field-partner", partner)
    page.fill("#pg-sc-field-assessor", assessor)
    page.fill("#pg-sc-field-date", date)
    scores = {cid: pick(cid) for cid in criteria(assessment)}
    for cid, value in scores.items():
        page.select_option(f"#pg-sc-{cid}", str(value))
    answers = {q.id: yes and i == 0 for i, q in enumerate(assessment.showstoppers)}
    for qid, value in answers.items():
        page.select_option(f"#pg-ss-{qid}", "yes" if value else "no")
    page.fill(f"#pg-sc-{criteria(assessment)[0]}-evidence", f"Evidence for {partner}")
    return scores, answers


RAW_OUTCOME = re.compile(r"\b(go|no-go|go-with-conditions|revisit)\b")  # scoring.py's values, not readers' words


def saved_partners(page) -> list[str]:
    items = page.locator(".pg-saved-list li[data-uid]")
    return [items.nth(i).locator(".pg-saved-summary").inner_text().split(" · ")[0] for i in range(items.count())]


def storage(page) -> str:
    return page.evaluate("() => JSON.stringify(Object.entries(localStorage).sort())")


def form_values(page, assessment) -> dict:
    return {"fields": [page.input_value(f"#pg-sc-field-{f}") for f in ("partner", "assessor", "date")],
            "scores": [page.input_value(f"#pg-sc-{c}") for c in criteria(assessment)],
            "answers": [page.input_value(f"#pg-ss-{q.id}") for q in assessment.showstoppers]}


def compared(page) -> dict:
    """The comparison table as shown: each candidate's heading with its column, row by row."""
    table = page.locator(".pg-compare-table")
    heads = table.locator("thead th.pg-compare-partner").all_inner_texts()
    rows = table.locator("tbody tr")
    cells = [rows.nth(i).locator("td").all_inner_texts() for i in range(rows.count())]
    return {head: [row[n] for row in cells] for n, head in enumerate(heads)}


def comparison(page, assessment, candidates: dict) -> dict:
    """What the comparison must show for {heading: scoring.py's result}: per dimension its result with the
    insufficient-evidence and floor marks, then the overall result, recommendation, showstoppers and gaps."""
    words = json.loads(page.locator(".pg-scorecard").get_attribute("data-messages"))

    def column(r):
        cells = []
        for d, x in zip(assessment.dimensions, r.dimensions, strict=True):
            marks = [words["insufficient"]] if x.insufficient else []
            if d.id in r.below_floor:
                marks.append(words["below_floor"].replace("{floor}", str(assessment.dimension_floor)))
            cells.append(" · ".join(["–" if x.percent is None else shown(x.percent), *marks]))
        total = "–" if r.total is None else shown(r.total) + (" · " + words["provisional"] if r.provisional else "")
        return [*cells, total, label(r.outcome) if r.outcome else "–", str(len(r.showstoppers)), str(len(r.gaps))]

    return {head: column(r) for head, r in candidates.items()}


def test_two_partners_saved_reloaded_and_compared(page, url, assessment):
    page.goto(url)
    a_scores, a_answers = fill(page, assessment, "Acme Corp", "Ann Analyst", "2026-11-02", STRONG)
    page.get_by_role("button", name="New assessment").click()
    assert page.input_value("#pg-sc-field-partner") == ""
    b_scores, b_answers = fill(page, assessment, "Globex", "Bob Buyer", "2026-11-20", MIXED, yes=True)
    page.reload()
    assert saved_partners(page) == ["Acme Corp", "Globex"]
    assert page.input_value("#pg-sc-field-partner") == "Globex"  # the last one worked on opens again
    # Outcomes read as the site's labels ("Stop"), never the raw values ("no-go"), in the verdict and the list.
    assert not RAW_OUTCOME.search(page.locator(".pg-verdict strong").inner_text())  # the tool's words, not the band's
    summaries = page.locator(".pg-saved-summary")
    assert [summaries.nth(i).inner_text().rsplit(" · ", 1)[1] for i in (0, 1)] == ["Go", "Stop"]
    page.get_by_role("button", name="Open the assessment of Acme Corp").click()
    assert [page.input_value(f"#pg-sc-field-{f}") for f in ("partner", "assessor", "date")] == \
        ["Acme Corp", "Ann Analyst", "2026-11-02"]
    assert [page.input_value(f"#pg-sc-{c}") for c in a_scores] == [str(v) for v in a_scores.values()]
    assert page.input_value(f"#pg-sc-{criteria(assessment)[0]}-evidence") == "Evidence for Acme Corp"

    page.get_by_label("Compare Acme Corp").check()
    page.get_by_role("button", name="Compare selected").click()
    assert "two to four" in page.locator(".pg-compare").inner_text()  # one is not a comparison
    page.get_by_label("Compare Globex").check()
    page.get_by_role("button", name="Compare selected").click()
    expected = [scoring.score(assessment, a_scores, a_answers), scoring.score(assessment, b_scores, b_answers)]
    assert [label(r.outcome) for r in expected] == ["Go", "Stop"]  # the site's labels, never the raw values
    assert compared(page) == comparison(page, assessment, {"Acme Corp · Ann Analyst · 2026-11-02": expected[0],
                                                           "Globex · Bob Buyer · 2026-11-20": expected[1]})

    # Duplicate, then delete the copy (asked first; a dismissed question deletes nothing).
    page.get_by_role("button", name="Duplicate the assessment of Globex").click()
    assert saved_partners(page) == ["Acme Corp", "Globex", "Globex (copy)"]
    assert page.input_value("#pg-sc-field-partner") == "Globex (copy)"
    page.once("dialog", lambda d: d.dismiss())
    page.get_by_role("button", name="Delete the assessment of Globex (copy)").click()
    assert len(saved_partners(page)) == 3
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Delete the assessment of Globex (copy)").click()
    page.reload()
    assert saved_partners(page) == ["Acme Corp", "Globex"]


def test_three_and_four_candidates_compared_and_a_fifth_refused(page, url, assessment, content):
    """Five saved assessments (planted in localStorage, as the page saves them): three compared, then four, each
    column as scoring.py scores it; ticking a fifth is refused with the "two to four" message and no table."""
    ids = criteria(assessment)
    first = assessment.dimensions[0].criteria
    candidates = {  # partner: (scores, whether the first showstopper question is answered yes)
        "Acme": ({c: 4 for c in ids}, False),
        "Globex": ({c: MIXED(c) for c in ids}, True),
        "Hooli": ({c: 1 if i % 3 else 2 for i, c in enumerate(ids)}, False),
        "Umbrella": ({c: NA if c in {x.id for x in first[: len(first) // 2 + 1]} else 3 for c in ids}, False),
        "Initech": ({c: [2, 3][i % 2] for i, c in enumerate(ids)}, False),
    }
    entries, expected = [], {}
    for n, (partner, (scores, yes)) in enumerate(candidates.items()):
        answers = {q.id: yes and i == 0 for i, q in enumerate(assessment.showstoppers)}
        entries.append({"format": 2, "uid": f"s-{n}", "partner": partner, "assessor": f"Assessor {n}",
                        "date": f"2026-12-0{n + 1}", "version": content.playbook.version, "criteria": ids,
                        "scores": scores, "answers": answers, "evidence": {}})
        expected[f"{partner} · Assessor {n} · 2026-12-0{n + 1}"] = scoring.score(assessment, scores, answers)
    results = list(expected.values())
    # The four compared differ in every way a column can: showstopper and gaps, dimensions below the floor,
    # a dimension with insufficient evidence and a provisional total.
    assert [r.outcome.value for r in results] == ["go", "no-go", "no-go", "go", "go-with-conditions"]
    assert results[1].showstoppers and results[1].gaps and results[2].below_floor and not results[2].showstoppers
    assert results[3].dimensions[0].insufficient and results[3].provisional
    store_key = f"playbook-gen:scorecards:{content.playbook.title}:partner-fit"
    page.goto(url)
    page.evaluate("([k, v]) => { localStorage.clear(); localStorage.setItem(k, v); }",
                  [store_key, json.dumps({"format": 2, "current": "s-0", "entries": entries})])
    page.reload()
    assert saved_partners(page) == list(candidates)

    compare = page.get_by_role("button", name="Compare selected")
    for partner in ("Acme", "Globex", "Hooli"):
        page.get_by_label(f"Compare {partner}").check()
    compare.click()
    assert compared(page) == comparison(page, assessment, dict(list(expected.items())[:3]))
    page.get_by_label("Compare Umbrella").check()
    compare.click()
    assert compared(page) == comparison(page, assessment, dict(list(expected.items())[:4]))

    page.get_by_label("Compare Initech").check()
    compare.click()
    assert page.locator(".pg-compare").inner_text() == "Tick two to four saved assessments to compare them."
    assert page.locator(".pg-compare-table").count() == 0  # the four-way table is gone, not left beside the message


def export(page, tmp_path: Path, name: str) -> tuple[Path, dict]:
    with page.expect_download() as download:
        page.get_by_role("button", name="Download JSON").click()
    path = tmp_path / name
    download.value.save_as(path)
    return path, json.loads(path.read_text(encoding="utf-8"))


def test_json_export_then_import_round_trips(page, browser, url, assessment, tmp_path):
    page.goto(url)
    scores, answers = fill(page, assessment, "Initech", "Cy Checker", "2026-10-01", MIXED)
    path, exported = export(page, tmp_path, "initech.json")
    assert exported["partner"] == "Initech" and exported["scores"] == scores and exported["answers"] == answers
    assert exported["outcome"] == scoring.score(assessment, scores, answers).outcome.value

    other = browser.new_context(accept_downloads=True)  # another browser: nothing saved there yet
    fresh = other.new_page()
    fresh.goto(url)
    fresh.set_input_files(".pg-import-file", str(path))
    expect(fresh.locator(".pg-import-message")).to_contain_text("Imported the assessment of Initech")  # read async
    assert form_values(fresh, assessment) == form_values(page, assessment)
    _again, reexported = export(fresh, tmp_path, "again.json")
    assert reexported == exported
    fresh.reload()
    assert saved_partners(fresh) == ["Initech"]
    other.close()

    # Importing it again where it came from would overwrite it: asked first, and a no keeps what is saved.
    page.fill("#pg-sc-field-assessor", "Changed since")
    before = storage(page)
    page.once("dialog", lambda d: d.dismiss())
    page.set_input_files(".pg-import-file", str(path))
    expect(page.locator(".pg-import-message")).to_contain_text("kept")
    assert storage(page) == before and page.input_value("#pg-sc-field-assessor") == "Changed since"
    page.once("dialog", lambda d: d.accept())
    page.set_input_files(".pg-import-file", str(path))
    expect(page.locator(".pg-import-message")).to_contain_text("Imported the assessment of Initech")
    assert page.input_value("#pg-sc-field-assessor") == "Cy Checker"
    assert saved_partners(page) == ["Initech"]


BAD_FILES = {
    "not JSON": ("{ this is not json", "not JSON"),
    "another kind of file": (json.dumps({"kind": "something-else", "assessment": "partner-fit"}), "not a scorecard"),
    "another assessment": (json.dumps({"assessment": "vendor-fit", "scores": {}}), "'vendor-fit'"),
    "a score off the scale": (json.dumps({"assessment": "partner-fit", "scores": {"shared-goals": 7}}), "not on the scale"),
    "an answer that is not yes or no": (json.dumps({"assessment": "partner-fit", "answers": {"no-sponsor": "maybe"}}),
                                        "not yes or no"),
    "scores that are a list": (json.dumps({"assessment": "partner-fit", "scores": [1, 2]}), "'scores'"),
    "a format from the future": (json.dumps({"assessment": "partner-fit", "format": 99}), "format 99"),
}


def test_a_malformed_import_is_refused_and_changes_nothing(page, url, assessment, tmp_path):
    page.goto(url)
    fill(page, assessment, "Umbrella", "Dee", "2026-09-09", STRONG)
    before, form = storage(page), form_values(page, assessment)
    for name, (text, reason) in BAD_FILES.items():
        path = tmp_path / f"{name}.json"
        path.write_text(text, encoding="utf-8")
        page.set_input_files(".pg-import-file", str(path))
        message = page.locator(".pg-import-message")
        expect(message).to_contain_text(reason)  # the file is read asynchronously
        assert message.get_attribute("data-state") == "error", name
        assert message.inner_text().startswith("Nothing imported") and reason in message.inner_text(), name
        assert storage(page) == before and form_values(page, assessment) == form, name
    page.reload()
    assert saved_partners(page) == ["Umbrella"]


def test_printing_shows_only_the_form_and_results(page, url, assessment):
    page.goto(url)
    fill(page, assessment, "Hooli", "Eve", "2026-08-08", MIXED)
    page.get_by_role("button", name="New assessment").click()
    fill(page, assessment, "Pied Piper", "Fay", "2026-08-09", STRONG)  # a saved list and buttons, hidden in print
    assert page.locator(".pg-saved").is_visible() and page.locator("h1").first.is_visible()
    page.emulate_media(media="print")
    assert page.locator(".pg-scorecard-form").is_visible() and page.locator(".pg-scorecard-results").is_visible()
    assert page.locator(".pg-print-title").inner_text() == assessment.title
    for hidden in (".pg-saved", ".pg-scorecard-bar", "h1", ".md-header", ".md-sidebar--primary", ".md-footer"):
        assert not page.locator(hidden).first.is_visible(), hidden
    # Every element that shows text sits inside the form, the results or the scorecard's printed title.
    stray = page.evaluate("""() => Array.from(document.body.querySelectorAll('*')).filter(e => {
        if (!e.getClientRects().length || getComputedStyle(e).visibility === 'hidden') return false;
        const own = Array.from(e.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
        return own && !e.closest('.pg-scorecard-form, .pg-scorecard-results, .pg-print-title');
      }).map(e => e.tagName + ': ' + e.textContent.trim().slice(0, 60))""")
    assert stray == []
    page.emulate_media(media="screen")
    assert page.locator(".pg-saved").is_visible()


def test_an_old_saved_state_opens_with_new_criteria_not_assessed(page, url, assessment, content):
    """A format-1 state (one per playbook version, before assessments per partner) saved under an older version
    whose criteria lacked two of today's, and a format-2 one that scored a criterion the playbook has dropped."""
    ids = criteria(assessment)
    old = {cid: 3 for cid in ids if cid not in ("trust-record", "ip-exit-terms")}
    legacy_key = f"playbook-gen:scorecard:{content.playbook.title}:0.9.0:partner-fit"
    page.goto(url)
    page.evaluate("([k, v]) => { localStorage.clear(); localStorage.setItem(k, v); }",
                  [legacy_key, json.dumps({"scores": old, "answers": {}, "evidence": {"shared-goals": "old notes"}})])
    page.reload()
    assert len(saved_partners(page)) == 1
    assert page.input_value("#pg-sc-trust-record") == NA and page.input_value("#pg-sc-ip-exit-terms") == NA
    assert page.input_value("#pg-sc-shared-goals") == "3"
    assert page.input_value("#pg-sc-shared-goals-evidence") == "old notes"
    assert "0.9.0" in page.locator(".pg-version-note").inner_text()
    expected = scoring.score(assessment, {**old, "trust-record": NA, "ip-exit-terms": NA}, {})
    assert page.locator(".pg-overall").inner_text() == shown(expected.total)
    gaps = page.locator(".pg-gaps li")
    assert [gaps.nth(i).get_attribute("data-criterion") for i in range(gaps.count())] == list(expected.gaps)

    store_key = f"playbook-gen:scorecards:{content.playbook.title}:partner-fit"
    entry = {"format": 2, "uid": "s-old", "partner": "Old Co", "assessor": "", "date": "", "version": "1.5.0",
             "criteria": [*[c for c in ids if c != "sponsors"], "retired-criterion"],
             "scores": {**{c: 2 for c in ids if c != "sponsors"}, "retired-criterion": 4}, "answers": {}, "evidence": {}}
    page.evaluate("([k, v]) => { localStorage.clear(); localStorage.setItem(k, v); }",
                  [store_key, json.dumps({"format": 2, "current": "s-old", "entries": [entry]})])
    page.reload()
    assert page.input_value("#pg-sc-field-partner") == "Old Co"
    assert page.input_value("#pg-sc-sponsors") == NA
    note = page.locator(".pg-version-note").inner_text()
    assert "1.5.0" in note and "no longer has" in note
    expected = scoring.score(assessment, {**{c: 2 for c in ids}, "sponsors": NA}, {})
    assert page.locator(".pg-overall").inner_text() == shown(expected.total)


def test_every_word_the_script_shows_comes_from_the_page(default_site):
    """scorecard.js looks each word up in the page's data-messages (rendered through gettext); none is missing."""
    import html

    from playbook_gen.model import GateOutcomeKind

    script = (default_site / "site" / "assets" / "scorecard.js").read_text(encoding="utf-8")
    used = set(re.findall(r'\bt\("([a-z_]+)"', script))
    used |= {f"{k}_{form}" for k in re.findall(r'\bt\.n\("([a-z_]+)"', script) for form in ("one", "other")}
    used = {k for k in used if not k.endswith("_")}  # t("outcome_" + outcome): one key per outcome
    used |= {f"outcome_{o.value}" for o in GateOutcomeKind}
    used |= {"partner", "assessor", "date", "weight", "points", "result", "weighted", "notes", "open", "duplicate",
             "delete", "open_label", "duplicate_label", "delete_label", "missing_one", "missing_other", "missing_unscored_one",
             "missing_unscored_other",
             "bad_shape", "bad_format", "bad_field", "bad_score", "bad_answer", "recommendation_band",
             "recommendation_capped", "provisional_recommendation_band", "provisional_recommendation_capped"}
    page = (default_site / "site" / PAGE).read_text(encoding="utf-8")
    blob = re.search(r"data-messages='([^']*)'", page).group(1)
    messages = json.loads(html.unescape(blob))
    assert sorted(used - set(messages)) == []
    assert all(isinstance(v, str) and v for v in messages.values())
