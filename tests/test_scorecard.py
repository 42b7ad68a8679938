"""Scoring with "not assessed", showstoppers and the dimension floor (scoring.py), and showstopper questions that
match the flagged criteria (check/assessments.py). The web scorecard's agreement with scoring.py is tested in
Chromium (tests/test_browser.py), the printed scorecard in tests/test_pdf.py."""

from __future__ import annotations

import pytest

from playbook_gen import pipeline
from playbook_gen.errors import ContentError, PlaybookError
from playbook_gen.model import Assessment, GateOutcomeKind
from playbook_gen.model.scoring import NOT_ASSESSED as NA
from playbook_gen.model.scoring import score

from .conftest import ROOT

FIT = Assessment.model_validate({
    "id": "fit", "title": "Fit", "stage": "strategy", "summary": "A small scorecard.",
    "scale": [{"score": s, "label": str(s)} for s in range(5)],
    "dimensions": [
        {"id": "strategic", "title": "Strategic", "weight": 50, "criteria": [
            {"id": "a", "text": "A", "showstopper": True}, {"id": "b", "text": "B"}, {"id": "c", "text": "C"}]},
        {"id": "cultural", "title": "Cultural", "weight": 30, "criteria": [{"id": "d", "text": "D"}, {"id": "e", "text": "E"}]},
        {"id": "risk", "title": "Risk", "weight": 20, "criteria": [{"id": "f", "text": "F"}]}],
    "showstoppers": [{"id": "q", "question": "Q?", "criteria": ["a"]}],
    "results": [{"min_percent": 70, "outcome": "go", "label": "Go"},
                {"min_percent": 50, "outcome": "go-with-conditions", "label": "Conditional"},
                {"min_percent": 0, "outcome": "no-go", "label": "Stop"}],
    "not_assessed": {}, "dimension_floor": 50,
})


def test_not_assessed_criteria_leave_the_averages_and_the_total_and_are_gaps():
    r = score(FIT, {"a": 4, "b": NA, "c": 2, "d": NA, "e": NA, "f": 3})
    assert [(d.id, d.points, d.max_points, d.percent, d.assessed, d.insufficient) for d in r.dimensions] == [
        ("strategic", 6, 8, 75.0, 2, False), ("cultural", 0, 0, None, 0, True), ("risk", 3, 4, 75.0, 1, False)]
    # Cultural has no assessed criterion: the total is taken over the other weights, (37.5 + 15) / 0.7.
    assert r.total == pytest.approx(75.0) and r.band.label == "Go"
    assert r.gaps == ["b", "d", "e"] and r.provisional and r.outcome is GateOutcomeKind.go
    # Fully scored, the same arithmetic as before: every weight counts.
    full = score(FIT, {"a": 4, "b": 4, "c": 2, "d": 2, "e": 2, "f": 3})
    assert full.total == pytest.approx(0.5 * 250 / 3 + 15 + 15) and not full.provisional and full.gaps == []


def test_a_dimension_with_more_than_half_not_assessed_has_insufficient_evidence():
    r = score(FIT, {"a": 3, "b": NA, "c": NA, "d": 4, "e": NA, "f": 4})
    assert [(d.id, d.not_assessed, d.insufficient) for d in r.dimensions] == [
        ("strategic", 2, True), ("cultural", 1, False), ("risk", 0, False)]


def test_showstoppers_are_never_averaged_away_and_not_assessed_is_no_showstopper():
    stopped = score(FIT, {"a": 0, "b": 4, "c": 4, "d": 4, "e": 4, "f": 4})
    assert stopped.band.outcome is GateOutcomeKind.go and stopped.outcome is GateOutcomeKind.no_go
    assert stopped.showstoppers == ["a"]
    unseen = score(FIT, {"a": NA, "b": 4, "c": 4, "d": 4, "e": 4, "f": 4})
    assert unseen.showstoppers == [] and unseen.gaps == ["a"] and unseen.outcome is GateOutcomeKind.go
    answered = score(FIT, {"a": NA, "b": 4, "c": 4, "d": 4, "e": 4, "f": 4}, {"q": True})
    assert answered.showstoppers == ["q"] and answered.outcome is GateOutcomeKind.no_go


def test_a_dimension_below_the_floor_caps_a_go_at_go_with_conditions():
    r = score(FIT, {"a": 4, "b": 4, "c": 4, "d": 1, "e": 1, "f": 4})
    assert r.total == pytest.approx(77.5) and r.band.outcome is GateOutcomeKind.go
    assert r.below_floor == ["cultural"] and r.outcome is GateOutcomeKind.go_with_conditions
    no_floor = FIT.model_copy(update={"dimension_floor": None})
    assert score(no_floor, {"a": 4, "b": 4, "c": 4, "d": 1, "e": 1, "f": 4}).outcome is GateOutcomeKind.go
    # The floor never lifts an outcome: below 50 % overall stays no-go.
    assert score(FIT, {"a": 1, "b": 1, "c": 1, "d": 1, "e": 1, "f": 1}).outcome is GateOutcomeKind.no_go


def test_nothing_assessed_gives_no_result():
    r = score(FIT, dict.fromkeys("abcdef", NA))
    assert r.total is None and r.band is None and r.outcome is None and r.gaps == list("abcdef")


def test_not_assessed_needs_the_assessment_to_offer_it():
    closed = FIT.model_copy(update={"not_assessed": None})
    with pytest.raises(PlaybookError, match=r"score 'not-assessed' for 'b' is not on the scale \[0, 1, 2, 3, 4\]"):
        score(closed, {"a": 4, "b": NA, "c": 2, "d": 2, "e": 2, "f": 2})
    with pytest.raises(PlaybookError, match="criterion 'f' of assessment 'fit' has no score"):
        score(FIT, {"a": 4, "b": NA, "c": 2, "d": 2, "e": 2})


def test_the_default_scorecard_offers_not_assessed_and_its_flags_match_its_questions():
    a = pipeline.check(ROOT).loaded.content.assessments["partner-fit"]
    assert a.not_assessed is not None and a.dimension_floor == 50 and a.playbook_defaults
    flagged = {c.id for d in a.dimensions for c in d.criteria if c.showstopper}
    assert flagged == {c for q in a.showstoppers for c in q.criteria} == {
        "shared-goals", "partner-direction", "sponsors", "transparency", "competitive-overlap", "value-for-both",
        "ip-exit-terms", "values-ethics", "financial-stability", "ownership-and-control"}


def mini_assessment(mini, old: str, new: str) -> list[str]:
    path = mini / "content/assessments/partner-fit.yml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))
    with pytest.raises(ContentError) as exc:
        pipeline.check(mini)
    return [str(i) for i in exc.value.issues]


@pytest.mark.parametrize(("new", "messages"), [
    ("criteria: [shared-goals, complementary]}", [
        "content/assessments/partner-fit.yml:30:31: criterion 'complementary' is not marked showstopper: true; "
        "mark it or leave it out of this question"]),
    ("criteria: [shared-goal]}", [
        "content/assessments/partner-fit.yml:19:22: showstopper criterion 'shared-goals' is named by no showstopper "
        "question; add it to the matching question's criteria",
        "content/assessments/partner-fit.yml:30:17: no criterion 'shared-goal' in this assessment"]),
])
def test_showstopper_questions_and_flagged_criteria_match_both_ways(mini, new, messages):
    assert mini_assessment(mini, "criteria: [shared-goals]}", new) == messages
