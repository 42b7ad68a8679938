"""Training material: model checks with exact texts, the default paths and quizzes, pages, PDFs, decks, browser quiz."""

from __future__ import annotations

import functools
import io
import re
import zipfile
from pathlib import Path

import pytest

from playbook_gen.errors import ContentError
from playbook_gen.export.json_export import to_data
from playbook_gen.export.slides import make_deck
from playbook_gen.export.training import deck_spec
from playbook_gen.load.loader import load
from playbook_gen.pipeline import check

from .conftest import ROOT, serve_folder, write

MODULE = """\
id: first-steps
title: First steps
summary: A small module.
minutes: 30
objectives:
  - Know the stages.
lessons:
  - title: The stages
    minutes: 10
    stages: [strategy, partner-analysys]
    roles: [alliance-manager]
key_takeaways:
  - Stages matter.
quiz:
  - prompt: Which stage comes first?
    options:
      - text: Strategy
        correct: true
      - text: Launch
    explanation: Strategy comes first.
  - prompt: Which stage comes last?
    options:
      - text: Strategy and readiness
      - text: Exit
        correct: true
    explanation: The exit comes last.
  - prompt: Who decides a gate?
    options:
      - text: Whoever is in the room
      - text: Its decider
        correct: true
    explanation: The gate names its decider.
  - prompt: What does a checklist item need?
    options:
      - text: A long explanation of the work
      - text: An owner
        correct: true
    explanation: Every item has an owner role.
"""

PATH = """\
id: everyone
title: Everyone
level: everyone
summary: For all.
goal: Learn the basics.
modules: [first-steps]
"""


def problems(project: Path) -> list[str]:
    """The errors (warnings, such as the quiz linter's, are tested in test_lint.py)."""
    with pytest.raises(ContentError) as exc:
        check(project)
    return [str(i) for i in exc.value.issues if i.severity == "error"]


def add_training(project: Path, module: str = MODULE, path: str = PATH) -> None:
    write(project, "content/training/modules/first-steps.yml", module)
    write(project, "content/training/paths/everyone.yml", path)


# --- model and validation -----------------------------------------------------------------


def test_module_referencing_a_missing_stage_is_an_error_at_its_place(mini):
    add_training(mini)
    assert problems(mini) == [
        "content/training/modules/first-steps.yml:10:24: unknown stage 'partner-analysys' (did you mean 'partner-analysis'?)"]


@pytest.mark.parametrize("marks, count", [((False, False), 0), ((True, True), 2)])
def test_quiz_question_needs_exactly_one_correct_option(mini, marks, count):
    options = "".join(f"      - text: Option {n}\n" + ("        correct: true\n" if m else "") for n, m in enumerate(marks))
    module = MODULE.replace("partner-analysys", "partner-analysis")
    module = module[: module.index("    options:\n") + len("    options:\n")] + options + "    explanation: Because.\n"
    add_training(mini, module)
    assert problems(mini) == [
        f"content/training/modules/first-steps.yml:15:5: quiz question 1 has {count} correct options; mark exactly one with 'correct: true'"]


def test_prerequisite_loops_order_and_unknown_modules_are_errors(mini):
    module = MODULE.replace("partner-analysys", "partner-analysis")
    add_training(mini, module.replace("minutes: 30\n", "minutes: 30\nprerequisites: [second-steps]\n"),
                 PATH.replace("[first-steps]", "[first-steps, second-steps, third-steps]"))
    second = module.replace("id: first-steps", "id: second-steps").replace("minutes: 30\n", "minutes: 30\nprerequisites: [first-steps]\n")
    write(mini, "content/training/modules/second-steps.yml", second)
    assert problems(mini) == [
        "content/training/modules/first-steps.yml:5:16: circular prerequisites: first-steps -> second-steps -> first-steps",
        "content/training/paths/everyone.yml:6:11: module 'first-steps' comes before its prerequisite 'second-steps'",
        "content/training/paths/everyone.yml:6:38: unknown module 'third-steps' (did you mean 'first-steps'?)",
    ]


def test_lessons_and_exercise_must_fit_the_module_time(mini):
    module = MODULE.replace("partner-analysys", "partner-analysis").replace("minutes: 10", "minutes: 25")
    module += "exercise:\n  title: Try it\n  minutes: 10\n  brief: Do it.\n"
    add_training(mini, module)
    assert problems(mini) == [
        "content/training/modules/first-steps.yml:4:10: lessons and exercise take 35 minutes, more than the module's 30"]


def three_modules(project: Path, breaks: str, modules: str = "[first-steps, second-steps, third-steps]") -> None:
    module = MODULE.replace("partner-analysys", "partner-analysis")
    add_training(project, module, PATH.replace("modules: [first-steps]", f"modules: {modules}") + breaks)
    for ident in ("second-steps", "third-steps"):
        write(project, f"content/training/modules/{ident}.yml", module.replace("id: first-steps", f"id: {ident}"))


def test_breaks_go_after_a_module_of_the_path_but_not_the_last(mini):
    three_modules(mini, "breaks:\n  - {after: first-steps, minutes: 15}\n  - {after: first-steps, minutes: 10}\n"
                        "  - {after: third-steps, minutes: 10}\n  - {after: second-steps}\n  - {after: fourth-steps, minutes: 5}\n",
                  modules="[first-steps, second-steps]")
    assert problems(mini) == [
        "content/training/paths/everyone.yml:9:5: more than one break after module 'first-steps'; make it one",
        "content/training/paths/everyone.yml:10:5: break after module 'third-steps', which is not in this path",
        "content/training/paths/everyone.yml:11:5: break after the last module 'second-steps'; the session ends there",
        "content/training/paths/everyone.yml:12:13: unknown module 'fourth-steps' (did you mean 'first-steps'?)",
    ]
    three_modules(mini, "breaks:\n  - {after: first-steps}\n")
    assert problems(mini) == ["content/training/paths/everyone.yml:8:5: break has no minutes; give its length, or set end_of_day: true"]


def test_breaks_and_days_are_in_the_path_agenda_page_and_facilitator_guide(mini):
    from playbook_gen.export.training import facilitator_html
    from playbook_gen.render.pages import render_site
    from playbook_gen.render.training import path_agenda

    three_modules(mini, "breaks:\n  - {after: first-steps, minutes: 15, title: Coffee}\n  - {after: second-steps, end_of_day: true}\n")
    content = check(mini).loaded.content
    path = content.learning_paths["everyone"]
    agenda = [(s.activity, s.start, s.end, s.day) for s in path_agenda(content, path) if s.activity in ("break", "end-of-day")]
    assert agenda == [("break", 30, 45, 1), ("end-of-day", 75, 75, 1)]
    assert [(s.start, s.day) for s in path_agenda(content, path) if s.module and s.module.id == "third-steps"][0] == (0, 2)
    page = render_site(content, mini).files["training/paths/everyone.md"].decode()
    assert "Estimated time\n:   1 h 30 min\n\nBreaks\n:   15 min, not in the estimated time; over 2 days\n" in page
    assert "| 0:30–0:45 | – | *Coffee* |\n| 0:45–0:55 | First steps | The stages |" in page
    assert "| 1:15 | – | **End of day 1** |\n| 0:00–0:10 |" in page
    guide = facilitator_html(content, mini, None, path)
    assert '<tr class="break"><td class="time">0:30–0:45</td><td>–</td><td><em>Coffee</em></td><td>15</td></tr>' in guide
    assert "<td><strong>End of day 1</strong></td>" in guide and "15 min, not in the total time; over 2 days" in guide


def test_training_pages_render_in_memory_with_links_and_nav(mini):
    from playbook_gen.render.pages import render_site

    module = MODULE.replace("partner-analysys", "partner-analysis").replace(
        "    minutes: 10\n", "    minutes: 10\n    body: Part of [the path](path:everyone).\n")
    add_training(mini, module, PATH.replace("goal: Learn the basics.", "goal: Learn the [basics](module:first-steps)."))
    rendered = render_site(check(mini).loaded.content, mini)
    page = rendered.files["training/modules/first-steps.md"].decode()
    assert 'Part of <a href="../paths/everyone.html">the path</a>.' in page
    assert 'Learn the <a href="../modules/first-steps.html">basics</a>.' in rendered.files["training/paths/everyone.md"].decode()
    assert "- Stage: [Strategy and readiness](../../lifecycle/strategy.md)" in page
    assert "Part of\n:   [Everyone](../paths/everyone.md)\n" in page
    assert rendered.nav[-2] == {"Training": ["training/index.md", {"Learning paths": [{"Everyone": "training/paths/everyone.md"}]},
                                             {"Modules": [{"First steps": "training/modules/first-steps.md"}]},
                                             {"My progress": "training/progress.md"}]}


# --- default content ----------------------------------------------------------------------


@functools.cache
def default_content():
    return load(ROOT).content


def test_default_training_has_a_path_per_audience_with_enough_questions():
    content = default_content()
    paths = content.ordered("learning_paths")
    assert [p.id for p in paths] == ["executives-and-sponsors", "alliance-managers", "managers", "functional-leads",
                                     "operational-team-members", "all-staff"]
    for p in paths:
        questions = sum(len(content.modules[m].quiz) for m in p.modules)
        assert questions >= 5, p.id
    # The managers audience has its own path, linked from its start page; functional leads keep theirs.
    managers = content.learning_paths["managers"]
    assert managers.roles == ["line-manager", "steering-committee"] and managers.level.value == "management"
    start = content.pages[next(a.start_page for a in content.playbook.audiences if a.id == "managers")]
    assert "(path:managers)" in start.body
    assert "line-manager" not in content.learning_paths["functional-leads"].roles


def test_default_paths_have_the_breaks_from_the_content_review():
    content = default_content()
    breaks = {p.id: [(b.after, b.minutes, b.title, b.end_of_day) for b in p.breaks] for p in content.ordered("learning_paths")}
    assert breaks["alliance-managers"] == [
        ("the-barbecue-alliance", 15, None, False), ("partner-fit-and-misfits", 45, "Lunch", False),
        ("first-contact-and-due-diligence", None, None, True), ("negotiation-and-governance-design", 15, None, False),
        ("launch-and-run", 15, None, False)]
    assert breaks["executives-and-sponsors"] == [("sponsoring-an-alliance", 15, None, False),
                                                 ("the-barbecue-alliance", 15, None, False)]
    assert breaks["all-staff"] == []


def test_every_default_question_has_one_correct_answer_and_an_explanation():
    modules = default_content().ordered("modules")
    questions = [q for m in modules for q in m.quiz]
    assert len(questions) >= 25
    for q in questions:
        assert sum(o.correct for o in q.options) == 1, q.prompt
        assert len(q.explanation.split()) >= 8, q.prompt


def test_ceo_initiated_case_has_an_exercise_in_the_executive_and_alliance_manager_paths():
    content = default_content()
    on_case = {m.id for m in content.ordered("modules") if m.exercise and m.exercise.case_study == "ceo-initiated-alliance"}
    assert on_case
    for path in ("executives-and-sponsors", "alliance-managers"):
        assert on_case & set(content.learning_paths[path].modules), path


def test_the_barbecue_exercise_gives_participants_the_material_and_only_the_facilitator_the_answer():
    from playbook_gen.export.training import facilitator_html, handout_html
    from playbook_gen.render.pages import render_site

    content = default_content()
    module = content.modules["the-barbecue-alliance"]
    path = next(p for p in content.ordered("learning_paths") if module.id in p.modules)
    pages = render_site(content, ROOT).files
    page = pages[f"training/modules/{module.id}.md"].decode()
    handout = handout_html(content, ROOT, None, module)
    guide = facilitator_html(content, ROOT, None, path)
    findings = [norm(f) for f in re.findall(r"^ *[1-5]\. (.+)$", module.exercise.brief, re.M)]
    assert len(findings) == 5
    answer = ["What a good answer covers", "the one showstopper", "no-go for a strategic alliance"]
    for participants in (page, handout):
        text = norm(re.sub(r"<[^>]+>", " ", participants))
        # The situation and the five findings, numbered and unsorted ...
        assert "our largest competitor bought a minority stake in the partner" in text
        for finding in findings:
            assert finding in text, finding
        # ... and nothing of the debrief.
        for words in answer:
            assert words not in text, words
    assert all(words in norm(re.sub(r"<[^>]+>", " ", guide)) for words in answer[1:])
    # No exercise's debrief reaches a participant's page or handout.
    for m in content.ordered("modules"):
        if m.exercise and m.exercise.debrief:
            first = norm(re.split(r"(?<=\.) ", norm(m.exercise.debrief))[0])
            assert first not in norm(pages[f"training/modules/{m.id}.md"].decode()), m.id
            assert first not in norm(handout_html(content, ROOT, None, m)), m.id


def test_json_export_groups_training_paths_and_modules():
    data = to_data(default_content())
    assert "learning_paths" not in data and "modules" not in data
    assert [p["id"] for p in data["training"]["paths"]][0] == "executives-and-sponsors"
    module = next(m for m in data["training"]["modules"] if m["id"] == "the-barbecue-alliance")
    assert module["exercise"]["case_study"] == "ceo-initiated-alliance"
    assert all(sum(o["correct"] for o in q["options"]) == 1 for q in module["quiz"])


# --- slide decks ----------------------------------------------------------------------------


def test_deck_is_byte_reproducible_with_dates_from_the_epoch():
    import json

    content = default_content()
    spec = json.dumps(deck_spec(content, content.learning_paths["all-staff"]), sort_keys=True)
    first, second = make_deck(spec, 1790000000), make_deck(spec, 1790000000)
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert z.namelist()[0] == "[Content_Types].xml"
        assert {i.date_time for i in z.infolist()} == {(2026, 9, 21, 14, 13, 20)}
        core = z.read("docProps/core.xml").decode()
    assert "2026-09-21T14:13:20Z" in core and "2013" not in core
    assert make_deck(spec, 1800000000) != first


def test_deck_shows_questions_without_answers():
    from pptx import Presentation

    content = default_content()
    path = content.learning_paths["executives-and-sponsors"]
    spec = deck_spec(content, path)
    import json

    deck = Presentation(io.BytesIO(make_deck(json.dumps(spec), 0)))
    text = "\n".join(sh.text_frame.text for s in deck.slides for sh in s.shapes if sh.has_text_frame)
    for mid in path.modules:
        for q in content.modules[mid].quiz:
            assert q.prompt in text
    assert "correct" not in text.lower()
    assert "Case: The barbecue alliance" in text


# --- the built site -----------------------------------------------------------------------


def norm(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.slow
def test_every_path_page_lists_its_modules_in_order(default_site):
    content = load(default_site).content
    for path in content.ordered("learning_paths"):
        html = (default_site / f"site/training/paths/{path.id}.html").read_text()
        section = html.split('id="modules-in-order"')[1].split("</ol>")[0]
        linked = re.findall(r'href="\.\./modules/([a-z0-9-]+)\.html"', section)
        assert linked == path.modules, path.id
        assert f'href="../downloads/{path.id}-facilitator-guide.pdf"' in html
        assert f'href="../downloads/{path.id}-slides.pptx"' in html


@pytest.mark.slow
def test_module_page_reads_sensibly_without_javascript(default_site):
    html = (default_site / "site/training/modules/the-barbecue-alliance.html").read_text()
    quiz = html.split('class="pg-quiz"')[1]
    first = quiz.split('class="pg-question"')[1]
    assert "<ol>" in first and "<details" in first and "<summary>Answer</summary>" in first
    assert "open" not in first.split("<details")[1].split(">")[0]
    assert 'href="../downloads/the-barbecue-alliance-handout.pdf"' in html
    assert 'href="../../cases/ceo-initiated-alliance.html"' in html


@pytest.mark.slow
def test_facilitator_guides_contain_every_answer_and_explanation(default_site):
    from pypdf import PdfReader

    content = load(default_site).content
    for path in content.ordered("learning_paths"):
        pdf = PdfReader(default_site / f"site/training/downloads/{path.id}-facilitator-guide.pdf")
        text = norm(" ".join(page.extract_text() for page in pdf.pages))
        assert norm(path.title) in text
        for mid in path.modules:
            for n, q in enumerate(content.modules[mid].quiz):
                right = next(i for i, o in enumerate(q.options) if o.correct)
                assert norm(f"Answer {'ABCDEF'[right]}: {q.options[right].text}") in text, (path.id, q.prompt)
                explanation = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", q.explanation)  # links print as their text
                assert norm(explanation) in text, (path.id, q.prompt)


@pytest.mark.slow
def test_handouts_and_decks_open_and_name_their_modules(default_site):
    from pptx import Presentation
    from pypdf import PdfReader

    content = load(default_site).content
    downloads = default_site / "site/training/downloads"
    for module in content.ordered("modules"):
        pdf = PdfReader(downloads / f"{module.id}-handout.pdf")
        text = norm(" ".join(page.extract_text() for page in pdf.pages))
        assert norm(module.title) in text and norm(module.key_takeaways[0]) in text
        for lesson in module.lessons:
            for cid in lesson.checklists:
                assert norm(content.checklists[cid].items[-1].text) in text, (module.id, cid)
    for path in content.ordered("learning_paths"):
        deck = Presentation(downloads / f"{path.id}-slides.pptx")
        text = "\n".join(sh.text_frame.text for s in deck.slides for sh in s.shapes if sh.has_text_frame)
        assert path.title in text
        for mid in path.modules:
            assert content.modules[mid].title in text


# --- the quiz in a real browser -----------------------------------------------------------


@pytest.fixture
def served_site(default_site):
    with serve_folder(default_site / "site") as url:
        yield url.rstrip("/")


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("origin", ["http", "file"])
def test_quiz_gives_feedback_and_keeps_progress_after_reload(browser, served_site, default_site, origin):
    content = load(default_site).content
    module = content.modules["the-barbecue-alliance"]
    right = next(i for i, o in enumerate(module.quiz[0].options) if o.correct)
    wrong = (right + 1) % len(module.quiz[0].options)
    base = served_site if origin == "http" else (default_site / "site").as_uri()
    context = browser.new_context()
    outside = []
    context.on("request", lambda r: outside.append(r.url) if not r.url.startswith((served_site, "file://", "data:")) else None)
    page = context.new_page()
    page.goto(f"{base}/training/modules/the-barbecue-alliance.html")
    first = page.locator(".pg-question").nth(0)
    assert not first.locator("details").is_visible()
    first.locator("button.pg-option").nth(wrong).click()
    feedback = first.locator(".pg-feedback")
    assert feedback.inner_text() == f"Not quite: the answer is {'ABCDEF'[right]}."
    assert first.locator("details").is_visible()
    assert norm(module.quiz[0].explanation.split(".")[0]) in norm(first.locator("details").inner_text())
    second = page.locator(".pg-question").nth(1)
    right2 = next(i for i, o in enumerate(module.quiz[1].options) if o.correct)
    second.locator("button.pg-option").nth(right2).click()
    assert second.locator(".pg-feedback").inner_text() == "Right."

    page.reload()
    first = page.locator(".pg-question").nth(0)
    assert first.locator(".pg-feedback").inner_text() == f"Not quite: the answer is {'ABCDEF'[right]}."
    assert first.locator("button.pg-option").nth(wrong).get_attribute("aria-pressed") == "true"
    assert page.locator(".pg-question").nth(1).locator(".pg-feedback").inner_text() == "Right."
    n = len(module.quiz)
    assert page.locator(".pg-score").inner_text() == f"Score: 1 of {n} right (2 of {n} answered)."

    page.locator(".pg-reset").click()
    page.reload()
    assert page.locator(".pg-question").nth(0).locator(".pg-feedback").inner_text() == ""
    assert outside == []
    context.close()
