"""Every SCORM package of the default playbook in a real browser, inside a small LMS harness whose SCORM API is
scorm-again (npm, pinned in tests/scorm/package-lock.json, installed by `make test`). The tests walk the
modules, answer the quizzes (all right, some wrong), and read back what the runtime recorded; a relaunch with
the saved data resumes. Without an LMS the package still runs. No test lets a request leave the machine."""

from __future__ import annotations

import os
import re
import shutil
import zipfile
from pathlib import Path
from urllib.parse import urlparse

import pytest

from playbook_gen.loader import load
from playbook_gen.render.training import scorm_package

from .conftest import CHROMIUM, ROOT, serve_folder

pytest.importorskip("playwright.sync_api")
if not CHROMIUM.exists():
    pytest.skip("Debian's chromium is not installed (apt-get install chromium)", allow_module_level=True)

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


@pytest.fixture(scope="module")
def site(default_site) -> Path:
    return default_site / "site"


@pytest.fixture
def lms(browser, site, tmp_path):
    """Open a package in the harness: lms(path_id, version) -> (page, frame)."""
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

        def open_package(path_id: str, version: str, saved: dict | None = None):
            if "page" not in state:
                with zipfile.ZipFile(site / scorm_package(CONTENT.learning_paths[path_id], version)) as zf:
                    zf.extractall(root / "pkg")
                page = context.new_page()
                page.set_default_timeout(5000)
                errors: list[str] = []
                page.on("pageerror", lambda e: errors.append(str(e)))
                page.goto(base + "harness.html")
                state.update(page=page, errors=errors)
            page = state["page"]
            page.evaluate("([v, saved]) => lms.launch(v, saved)", [version, saved])
            frame = page.frame_locator("#sco")
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
    page.evaluate("lms.close()")
    page.wait_for_function("lms.calls.some(c => c[0] === 'Finish' || c[0] === 'Terminate')")
    return page.evaluate("lms.cmi()")


def core(cmi: dict, version: str) -> dict:
    """The values both versions record, under one set of names."""
    if version == "1.2":
        c = cmi["core"]
        return {"status": c["lesson_status"], "location": c["lesson_location"], "exit": c["exit"],
                "time": c["session_time"], "raw": c["score"]["raw"], "min": c["score"]["min"], "max": c["score"]["max"]}
    return {"status": cmi["completion_status"], "success": cmi["success_status"], "location": cmi["location"],
            "exit": cmi["exit"], "time": cmi["session_time"], "raw": cmi["score"]["raw"], "min": cmi["score"]["min"],
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
