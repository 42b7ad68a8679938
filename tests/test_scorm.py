"""SCORM packages per learning path: content settings and checks, manifests against the ADL/IMS schemas,
byte-reproducible zips, the package page. Browser runs against scorm-again are in test_scorm_browser.py."""

from __future__ import annotations

import pytest

from playbook_gen.loader import load

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
