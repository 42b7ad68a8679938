"""Every SCORM package of the default playbook in a real browser, inside a small LMS harness whose SCORM API is
scorm-again (npm, pinned in tests/scorm/package-lock.json, installed by `make test`). The tests walk the
modules, answer the quizzes (all right, some wrong), and read back what the runtime recorded; a relaunch with
the saved data resumes. Without an LMS the package still runs. No test lets a request leave the machine."""

from __future__ import annotations

import os
import re
import shutil
import zipfile
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import pytest

from playbook_gen.load.loader import load
from playbook_gen.render.training import scorm_package

from .conftest import ROOT, serve_folder  # the `browser` fixture asks for Debian's chromium (require_tool)
from .test_scorm import dutch_settings_site, settings_site, settings_zip  # noqa: F401 - fixtures, their packages

SCORM_AGAIN = ROOT / "tests" / "scorm" / "node_modules" / "scorm-again" / "dist" / "scorm-again.js"
if not SCORM_AGAIN.is_file():
    message = "scorm-again is not installed: run `make test` (it runs npm ci in tests/scorm/), which needs node and npm"
    if os.environ.get("CI"):
        pytest.fail(message, pytrace=False)  # CI must run these tests, never skip them
    pytest.skip(message, allow_module_level=True)

CONTENT = load(ROOT).content
PATHS = [p.id for p in CONTENT.ordered("learning_paths")]
VERSIONS = ["1.2", "2004"]
SESSION_TIME = {"1.2": re.compile(r"^\d{2,4}:\d{2}:\d{2}\.\d{2}$"), "2004": re.compile(r"^PT\d+H\d+M\d+(\.\d{1,2})?S$")}


def answers(path_id: str) -> list[int]:
    """The right option of every question of a path, in order."""
    path = CONTENT.learning_paths[path_id]
    return [next(i for i, o in enumerate(q.options) if o.correct) for m in path.modules for q in CONTENT.modules[m].quiz]


@pytest.fixture
def lms(browser, request, tmp_path):
    """Open a package in the harness: lms(path_id, version) -> (page, frame); a default playbook's path, or the
    package at zip_path (then the default playbook is not built)."""
    root = tmp_path / "lms"
    root.mkdir()
    shutil.copy(ROOT / "tests" / "scorm" / "harness.html", root / "harness.html")
    shutil.copy(SCORM_AGAIN, root / "scorm-again.js")
    context = browser.new_context()
    requests: list[str] = []

    def route(r):
        requests.append(r.request.url)
        url = urlparse(r.request.url)
        if url.scheme in ("data", "blob", "about") or url.hostname == "127.0.0.1":
            r.continue_()
        else:
            r.abort()

    context.route("**/*", route)
    with serve_folder(root) as base:
        state = {}

        def open_package(path_id: str, version: str, saved: dict | None = None, zip_path: Path | None = None,
                         how: str = "frame"):
            if "page" not in state:
                with zipfile.ZipFile(zip_path or request.getfixturevalue("site") / scorm_package(CONTENT.learning_paths[path_id], version)) as zf:
                    zf.extractall(root / "pkg")
                page = context.new_page()
                page.set_default_timeout(5000)
                errors: list[str] = []
                page.on("pageerror", lambda e: errors.append(str(e)))
                page.goto(base + "harness.html")
                state.update(page=page, errors=errors)
            page = state["page"]
            launch = ("([v, saved, how]) => lms.launch(v, saved, how)", [version, saved, how])
            if how == "popup":  # a window of its own, opened by the LMS's window
                with page.expect_popup() as popup:
                    page.evaluate(*launch)
                frame = popup.value
                frame.on("pageerror", lambda e: state["errors"].append(str(e)))
            else:
                page.evaluate(*launch)
                frame = page.frame_locator("#sco")
                if how == "nested":
                    frame = frame.frame_locator("#inner")
            frame.locator("#pg-package.pg-js").wait_for(state="attached")
            return page, frame

        open_package.requests = requests
        open_package.state = state
        yield open_package
    assert not state.get("errors"), state.get("errors")
    outside = [u for u in requests if urlparse(u).hostname not in ("127.0.0.1", None)]
    assert not outside, f"the package asked the network for {outside}"
    context.close()


def walk(frame, choices: list[int] | None, modules: int | None = None) -> None:
    """Go through the modules with Next and answer each question (choices[i] for question i, in order)."""
    n = 0
    frame.locator(".pg-next").click()
    for _ in range(modules if modules is not None else 99):
        view = frame.locator(".pg-view.pg-current")
        if view.get_attribute("data-module") is None:
            break
        questions = view.locator(".pg-question")
        for i in range(questions.count()):
            if choices is not None:
                questions.nth(i).locator(".pg-option").nth(choices[n]).click()
            n += 1
        frame.locator(".pg-next").click()


def close(page) -> dict:
    """The learner leaves; the CMI data as the LMS keeps it, with `sent_session_time`: the SCO's own value
    (scorm-again keeps 1.2 times in its own spelling, "00:00:02.5" for a sent "00:00:02.50")."""
    page.evaluate("lms.close()")
    page.wait_for_function("lms.calls.some(c => c[0] === 'Finish' || c[0] === 'Terminate')")
    cmi = page.evaluate("lms.cmi()")
    times = [c[2] for c in page.evaluate("lms.calls") if c[0] == "SetValue" and c[1].endswith("session_time")]
    assert len(times) == 1  # once, on leaving
    cmi["sent_session_time"] = times[0]
    return cmi


def core(cmi: dict, version: str) -> dict:
    """The values both versions record, under one set of names."""
    if version == "1.2":
        c = cmi["core"]
        return {"status": c["lesson_status"], "location": c["lesson_location"], "exit": c["exit"],
                "time": cmi["sent_session_time"], "kept_time": c["session_time"],
                "raw": c["score"]["raw"], "min": c["score"]["min"], "max": c["score"]["max"]}
    return {"status": cmi["completion_status"], "success": cmi["success_status"], "location": cmi["location"],
            "exit": cmi["exit"], "time": cmi["sent_session_time"], "kept_time": cmi["session_time"],
            "raw": cmi["score"]["raw"], "min": cmi["score"]["min"],
            "max": cmi["score"]["max"], "scaled": cmi["score"]["scaled"]}


def wrong(right: int, options: int = 4) -> int:
    return (right + 1) % options


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("path_id", PATHS)
def test_all_right_passes_with_full_score_and_a_certificate(lms, path_id, version):
    page, frame = lms(path_id, version)
    key = answers(path_id)
    walk(frame, key)
    assert frame.locator(".pg-view.pg-current").get_attribute("data-view") == "results"
    assert frame.locator(".pg-current .pg-out-status").inner_text() == "Passed"
    frame.locator(".pg-next").click()
    assert frame.locator(".pg-certificate .pg-learner").inner_text() == "Ada Lovelace"  # "Lovelace, Ada" in 1.2
    assert frame.locator(".pg-certificate").is_visible()
    cmi = close(page)
    got = core(cmi, version)
    assert SESSION_TIME[version].match(got.pop("time"))
    assert got.pop("kept_time")  # the LMS took it
    if version == "1.2":
        assert got == {"status": "passed", "location": "certificate", "exit": "", "raw": "100", "min": "0", "max": "100"}
    else:
        assert got == {"status": "completed", "success": "passed", "location": "certificate", "exit": "normal",
                       "raw": "100", "min": "0", "max": "100", "scaled": "1"}
    interactions = [cmi["interactions"][str(i)] for i in range(len(key))]
    assert [i["result"] for i in interactions] == ["correct"] * len(key)
    assert str(len(key)) not in cmi["interactions"]
    calls = [c[0] for c in page.evaluate("lms.calls")]
    assert calls[0] == "Initialize" and calls[-2:] == ["Commit", "Finish" if version == "1.2" else "Terminate"]
    started = page.evaluate("lms.calls")[1]
    assert started[1:] == ["cmi.core.lesson_status" if version == "1.2" else "cmi.completion_status", "incomplete"]


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("n_wrong, outcome", [(1, "passed"), (3, "failed")])
def test_some_wrong_answers_score_the_share_right_against_the_mastery_score(lms, version, n_wrong, outcome):
    path_id = "all-staff"  # 7 questions, pass mark 80 %: 6 right (85.71 %) passes, 4 right (57.14 %) fails
    page, frame = lms(path_id, version)
    key = answers(path_id)
    choices = [wrong(a) if i < n_wrong else a for i, a in enumerate(key)]
    walk(frame, choices)
    right = len(key) - n_wrong
    assert frame.locator(".pg-current .pg-out-status").inner_text() == ("Passed" if outcome == "passed" else "Not passed")
    assert frame.locator(".pg-when-failed").is_visible() == (outcome == "failed")
    frame.locator(".pg-next").click()  # the certificate: filled in only for a pass
    assert frame.locator(".pg-certificate").is_visible() == (outcome == "passed")
    assert frame.locator(".pg-cert-pending").is_visible() == (outcome == "failed")
    assert frame.locator(".pg-print").is_visible() == (outcome == "passed")
    cmi = close(page)
    got = core(cmi, version)
    raw = f"{round(100 * right / len(key), 2):g}"
    assert got["raw"] == raw and (got["min"], got["max"]) == ("0", "100")
    if version == "1.2":
        assert got["status"] == outcome
        assert cmi["student_data"]["mastery_score"] == "80"  # from the manifest's adlcp:masteryscore
    else:
        assert (got["status"], got["success"]) == ("completed", outcome)
        assert got["scaled"] == f"{round(right / len(key), 4):g}"
        assert cmi["scaled_passing_score"] == "0.8"  # from the manifest's minNormalizedMeasure
    results = [cmi["interactions"][str(i)]["result"] for i in range(len(key))]
    assert results == ["wrong" if version == "1.2" else "incorrect"] * n_wrong + ["correct"] * right
    suspend = __import__("json").loads(cmi["suspend_data"])
    assert suspend["a"] == "".join(map(str, choices)) and suspend["v"] == "1" * len(CONTENT.learning_paths[path_id].modules)


@pytest.mark.parametrize("version", VERSIONS)
def test_the_first_answer_counts(lms, version):
    page, frame = lms("all-staff", version)
    key = answers("all-staff")
    frame.locator(".pg-next").click()
    first = frame.locator(".pg-current .pg-question").first
    first.locator(".pg-option").nth(wrong(key[0])).click()
    first.locator(".pg-option").nth(key[0]).click(force=True)  # disabled now: no second chance
    assert first.get_attribute("data-chosen") == str(wrong(key[0]))
    assert first.locator(".pg-option:not([disabled])").count() == 0
    cmi = close(page)
    assert __import__("json").loads(cmi["suspend_data"])["a"][0] == str(wrong(key[0]))


@pytest.mark.parametrize("version", VERSIONS)
def test_a_relaunch_resumes_at_the_saved_place_with_the_saved_answers(lms, version):
    path_id = "alliance-managers"
    key = answers(path_id)
    first_module = CONTENT.learning_paths[path_id].modules[0]
    done = len(CONTENT.modules[first_module].quiz)
    page, frame = lms(path_id, version)
    walk(frame, key, modules=1)  # the first module's quiz, then on to the second module; leave there
    cmi = close(page)
    got = core(cmi, version)
    second = CONTENT.learning_paths[path_id].modules[1]
    assert (got["status"], got["exit"], got["location"]) == ("incomplete", "suspend", second)
    assert got["raw"] == ""  # no score before the end
    assert SESSION_TIME[version].match(got["time"])
    suspend = __import__("json").loads(cmi["suspend_data"])
    assert suspend["a"] == "".join(map(str, key[:done])) + "-" * (len(key) - done)
    assert suspend["v"].startswith("11")

    # What an LMS keeps between sessions, and hands back with entry "resume".
    if version == "1.2":
        saved = {"core": {"lesson_location": got["location"], "lesson_status": "incomplete", "entry": "resume"},
                 "suspend_data": cmi["suspend_data"]}
    else:
        saved = {"location": got["location"], "completion_status": "incomplete", "entry": "resume",
                 "suspend_data": cmi["suspend_data"]}
    page, frame = lms(path_id, version, saved)
    assert frame.locator(".pg-view.pg-current").get_attribute("data-view") == second
    assert frame.locator(f'.pg-steps [data-pg-goto="{first_module}"]').get_attribute("class") == "pg-visited"
    earlier = frame.locator(f'[data-module="{first_module}"] .pg-question')
    assert [earlier.nth(i).get_attribute("data-chosen") for i in range(done)] == [str(a) for a in key[:done]]
    assert frame.locator(f'[data-module="{first_module}"] .pg-option:not([disabled])').count() == 0
    questions = frame.locator(".pg-view.pg-current .pg-question")
    n = done
    while frame.locator(".pg-view.pg-current").get_attribute("data-module"):
        questions = frame.locator(".pg-view.pg-current .pg-question")
        for i in range(questions.count()):
            questions.nth(i).locator(".pg-option").nth(key[n]).click()
            n += 1
        frame.locator(".pg-next").click()
    assert n == len(key)
    cmi = close(page)
    got = core(cmi, version)
    assert got["status"] == ("passed" if version == "1.2" else "completed") and got["raw"] == "100"
    assert got["exit"] == ("" if version == "1.2" else "normal")
    # The second session records only its own answers as interactions.
    assert len(cmi["interactions"]) == len(key) - done


@contextmanager
def from_disk(browser, zip_path: Path, folder: Path):
    """A package unzipped into `folder` and opened from file:, no LMS around; yields the page. Only file: requests
    go out and no script error happens."""
    with zipfile.ZipFile(zip_path) as zf:
        zf.extractall(folder)
    context = browser.new_context()
    requests: list[str] = []
    context.route("**/*", lambda r: (requests.append(r.request.url), r.continue_() if r.request.url.startswith("file:")
                                     else r.abort()))
    page = context.new_page()
    page.set_default_timeout(5000)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((folder / "index.html").as_uri())
    yield page
    assert page.evaluate("window.PlaybookPackage.lms") is None
    assert not errors
    assert all(u.startswith("file:") for u in requests), requests
    context.close()


def test_a_package_runs_without_an_lms_from_disk(browser, site, tmp_path):
    with from_disk(browser, site / scorm_package(CONTENT.learning_paths["all-staff"], "2004"), tmp_path) as page:
        assert page.locator(".pg-view.pg-current").get_attribute("data-view") == "overview"
        key = answers("all-staff")
        walk(page, [wrong(a) for a in key])
        assert page.locator(".pg-current .pg-out-status").inner_text() == "Not passed"
        assert page.locator(".pg-current .pg-out-score").inner_text() == f"0 of {len(key)} right (0 %)"


def test_my_progress_page_counts_the_quiz_answers_the_browser_keeps(browser, site):
    from playbook_gen.render.training import quiz_key

    module = CONTENT.modules["alliances-essentials"]
    right = [next(i for i, o in enumerate(q.options) if o.correct) for q in module.quiz]
    with serve_folder(site) as base:
        context = browser.new_context()
        page = context.new_page()
        page.goto(base + "training/progress.html")
        assert page.locator(".pg-myprogress-total").first.inner_text().startswith("Not started")
        # Answer on the module page the way a learner does: quiz.js stores the answers.
        page.goto(base + "training/modules/alliances-essentials.html")
        questions = page.locator(".pg-question")
        questions.nth(0).locator(".pg-option").nth(right[0]).click()
        questions.nth(1).locator(".pg-option").nth(wrong(right[1])).click()
        key = quiz_key(CONTENT, module)
        assert page.evaluate(f"localStorage.getItem({key + ':1'!r})") == str(right[0])
        page.goto(base + "training/progress.html")
        for path in CONTENT.ordered("learning_paths"):
            if "alliances-essentials" not in path.modules:
                continue
            row = page.locator(f'.pg-myprogress[data-path="{path.id}"][data-quiz="{key}"]')
            assert [row.nth(0).inner_text(), row.nth(1).inner_text()] == ["2", "1"]
            total = sum(len(CONTENT.modules[m].quiz) for m in path.modules)
            assert page.locator(f'.pg-myprogress-total[data-path="{path.id}"]').inner_text() == (
                f"2 of {total} questions answered, 1 right ({round(100 / total)} % of the path).")
        assert page.locator(".pg-myprogress-none").is_hidden()
        context.close()


@pytest.mark.parametrize("version", VERSIONS)
def test_without_a_pass_mark_answering_every_question_completes_without_pass_or_fail(lms, settings_site, version):
    page, frame = lms("everyone", version, zip_path=settings_zip(settings_site, "everyone", version))
    frame.locator(".pg-next").click()
    questions = frame.locator(".pg-current .pg-question")
    assert questions.count() >= 2
    for i in range(questions.count()):  # every question answered wrong; "reading" never opened
        options = questions.nth(i).locator(".pg-option")
        options.nth(1 if i == 0 else 0).click()
    frame.locator('.pg-steps [data-pg-goto="results"]').click()
    assert frame.locator(".pg-current .pg-out-status").inner_text() == "Completed"
    assert frame.locator(".pg-current .pg-out-visited").inner_text() == "1 of 2"
    got = core(close(page), version)
    assert got["raw"] == "0"
    if version == "1.2":
        assert got["status"] == "completed"
    else:
        assert (got["status"], got["success"]) == ("completed", "unknown")


def status(page, version: str) -> tuple[str, str]:
    """The completion status and the raw score the LMS holds now, the session still open."""
    cmi = page.evaluate("lms.cmi()")
    if version == "1.2":
        return cmi["core"]["lesson_status"], cmi["core"]["score"]["raw"]
    return cmi["completion_status"], cmi["score"]["raw"]


@pytest.mark.parametrize("version", VERSIONS)
def test_with_visit_all_modules_the_course_completes_only_when_every_module_was_opened(lms, settings_site, version):
    page, frame = lms("read-all", version, zip_path=settings_zip(settings_site, "read-all", version))
    frame.locator(".pg-next").click()
    questions = frame.locator(".pg-current .pg-question")
    for i in range(questions.count()):  # every question answered; "reading" (no quiz) not opened yet
        questions.nth(i).locator(".pg-option").first.click()
    frame.locator('.pg-steps [data-pg-goto="results"]').click()
    assert frame.locator(".pg-current .pg-out-status").inner_text() == "Not finished yet"
    assert frame.locator(".pg-current .pg-out-visited").inner_text() == "1 of 2"
    assert status(page, version) == ("incomplete", "")  # no score reported yet
    frame.locator('.pg-steps [data-pg-goto="reading"]').click()
    assert status(page, version)[0] == "completed"
    frame.locator('.pg-steps [data-pg-goto="results"]').click()
    assert frame.locator(".pg-current .pg-out-status").inner_text() == "Completed"
    got = core(close(page), version)
    assert got["raw"] == "25"  # the first option is right for 1 of the 4 questions
    if version == "2004":
        assert (got["status"], got["success"]) == ("completed", "unknown")
    else:
        assert got["status"] == "completed"


ALL_RIGHT = [0, 1, 1, 1]  # first-steps' right options, the pass-75 path's only module
THREE_OF_FOUR = [1, 1, 1, 1]  # the first wrong: 75 %


@pytest.mark.parametrize("version", VERSIONS)
def test_a_75_percent_pass_mark_reaches_the_lms_and_passes_a_75_percent_score(lms, settings_site, version):
    page, frame = lms("pass-75", version, zip_path=settings_zip(settings_site, "pass-75", version))
    walk(frame, THREE_OF_FOUR)
    assert frame.locator(".pg-current .pg-out-status").inner_text() == "Passed"  # at the default 80 % it fails
    cmi = close(page)
    got = core(cmi, version)
    assert got["raw"] == "75"
    if version == "1.2":
        assert (got["status"], cmi["student_data"]["mastery_score"]) == ("passed", "75")
    else:
        assert (got["status"], got["success"], got["scaled"]) == ("completed", "passed", "0.75")
        assert cmi["scaled_passing_score"] == "0.75"


def test_without_an_lms_the_page_s_pass_mark_decides_and_the_name_is_typed_in(browser, settings_site, tmp_path):
    with from_disk(browser, settings_zip(settings_site, "pass-75", "2004"), tmp_path) as page:
        walk(page, THREE_OF_FOUR)
        assert page.locator(".pg-current .pg-out-status").inner_text() == "Passed"  # data-mastery="75"
        page.locator(".pg-next").click()
        assert page.locator(".pg-cert-name").inner_text() == ""
        page.locator(".pg-name-input").fill("Grace Hopper")
        assert page.locator(".pg-cert-name").inner_text() == "Grace Hopper"


def test_the_result_is_told_in_the_package_s_language(browser, dutch_settings_site, tmp_path):
    with from_disk(browser, settings_zip(dutch_settings_site, "pass-75", "2004"), tmp_path) as page:
        walk(page, THREE_OF_FOUR)
        result = {part: page.locator(f".pg-current .pg-out-{part}").inner_text()
                  for part in ("score", "answered", "visited")}
        assert result == {"score": "3 van 4 goed (75 %)", "answered": "4 van 4", "visited": "1 van 1"}


def printed(page, frame) -> dict[str, bool]:
    """Which parts of the package show when it is printed."""
    page.emulate_media(media="print")
    parts = [".pg-bar", ".pg-pager", ".pg-cert-tools", ".pg-cert-pending", ".pg-certificate"]
    shown = {part: frame.locator(part).is_visible() for part in parts}
    page.emulate_media(media="screen")
    return shown


def test_the_certificate_prints_alone_with_the_learner_s_name(lms, settings_site):
    page, frame = lms("pass-75", "1.2", zip_path=settings_zip(settings_site, "pass-75", "1.2"))
    walk(frame, ALL_RIGHT)
    frame.locator(".pg-next").click()
    assert frame.locator(".pg-current .pg-cert-name").inner_text() == "Ada Lovelace"
    assert printed(page, frame) == {".pg-bar": False, ".pg-pager": False, ".pg-cert-tools": False,
                                    ".pg-cert-pending": False, ".pg-certificate": True}
    assert frame.locator(".pg-bar").is_visible()  # on screen again


@pytest.mark.parametrize("how, version", [("nested", "1.2"), ("popup", "2004")])
def test_the_package_finds_the_api_two_windows_up_or_on_its_opener(lms, settings_site, how, version):
    page, frame = lms("pass-75", version, zip_path=settings_zip(settings_site, "pass-75", version), how=how)
    calls = page.evaluate("lms.calls")
    assert calls[:1] == [["Initialize"]], "the package did not find the LMS's API"
    assert calls[1][1:] == ["cmi.core.lesson_status" if version == "1.2" else "cmi.completion_status", "incomplete"]
    walk(frame, ALL_RIGHT)
    got = core(close(page), version)
    assert (got["status"], got["raw"]) == ("passed" if version == "1.2" else "completed", "100")
