"""The JS tools' interface strings (progress.js, scorecard.js, the SCORM runtime; checklists.js's search label).

quiz.js and checklists.js read their words from their own element's `data-labels`, written by module.md and
checklist.md through gettext; the others have no template of their own to carry them, so they read these.

The scripts hold no wording of their own: pages carry these messages, translated, as a JSON blob
(`<script type="application/json" id="pg-messages">`, printed by templates/theme/main.html from the engine
config's `extra.pg_messages` and by the SCORM package page), and the scripts read it with `pgText(key, vars)`,
which fills `{name}` placeholders.
"""

from __future__ import annotations

from ..i18n import N_, _

MESSAGES = {
    # theme/main.html, while `serve` shows the last good version
    "serve_error": N_("playbook-gen: the last edit has problems; showing the last good version."),
    # checklists.js (the search dialog) and scorecard.js
    "reset": N_("Reset"),
    "print": N_("Print"),
    "search": N_("Search"),
    # the SCORM runtime
    "right": N_("Right."),
    "not_quite": N_("Not quite: the answer is {letter}."),
    "correct_answer": N_("correct answer"),
    "your_answer": N_("your answer"),
    "first_answer_counts": N_("Your first answer to each question counts towards your score."),
    "quiz_score": N_("{answered} of {total} answered, {right} right."),
    "package_score": N_("{right} of {total} right ({percent} %)"),
    "no_quiz": N_("no quiz"),
    "n_of_total": N_("{n} of {total}"),
    "not_finished": N_("Not finished yet"),
    "completed": N_("Completed"),
    "passed": N_("Passed"),
    "not_passed": N_("Not passed"),
    # progress.js
    "not_started": N_("Not started: {total} questions."),
    "path_progress": N_("{answered} of {total} questions answered, {right} right ({percent} of the path)."),
    # scorecard.js
    "score_form": N_("Score {title}"),
    "not_scored": N_("Not scored"),
    "evidence_for": N_("Evidence for: {text}"),
    "evidence": N_("Evidence"),
    "showstopper_questions": N_("Showstopper questions"),
    "not_answered": N_("Not answered"),
    "no": N_("No"),
    "yes": N_("Yes"),
    "download_json": N_("Download JSON"),
    "dimension": N_("Dimension"),
    "weight": N_("Weight"),
    "points": N_("Points"),
    "result": N_("Result"),
    "weighted": N_("Weighted"),
    "notes": N_("Notes"),
    "overall": N_("Overall"),
    "showstopper_verdict": N_("Showstopper: no-go, whatever the total."),
    "provisional_recommendation": N_("Provisional recommendation: "),
    "recommendation": N_("Recommendation: "),
    "provisional": N_("provisional"),
    "insufficient_evidence": N_("insufficient evidence"),
    "below_floor": N_("below the {floor} floor"),
    "outcome_go": N_("go"),
    "outcome_go-with-conditions": N_("go with conditions"),
    "outcome_no-go": N_("no-go"),
    "outcome_revisit": N_("revisit"),
    "capped_one": N_("The total alone says {outcome} · {label}, but {weak} is below the {floor} dimension floor."),
    "capped_other": N_("The total alone says {outcome} · {label}, but {weak} are below the {floor} dimension floor."),
    "gaps_one": N_("{n} criterion not assessed: left out of the result, which stays provisional until it is scored. Gaps:"),
    "gaps_other": N_("{n} criteria not assessed: left out of the result, which stays provisional until they are scored. Gaps:"),
    "unanswered_one": N_("{n} showstopper question not answered yet."),
    "unanswered_other": N_("{n} showstopper questions not answered yet."),
    "none_assessed": N_("Every criterion is not assessed: there is no result yet."),
    "score_every": N_("Score every criterion to see the overall result ({scored} of {all} scored)."),
}


def js_messages() -> dict[str, str]:
    """The messages in the active language, by key."""
    return {key: _(msgid) for key, msgid in sorted(MESSAGES.items())}
