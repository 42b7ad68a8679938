"""Training content: learning paths per audience and the modules they are made of."""

from __future__ import annotations

from pydantic import Field

from .base import CaseId, ChecklistId, Entity, Level, Markdown, ModuleId, RoleId, StageId, Strict, Text


class QuizOption(Strict):
    text: Text
    correct: bool = False


class Question(Strict):
    """A multiple-choice question; `validate.py` checks exactly one option is marked correct."""

    prompt: Text
    options: list[QuizOption] = Field(min_length=2, max_length=6)
    explanation: Markdown = Field(min_length=1)


class Lesson(Strict):
    """One teaching block: own prose plus the playbook entities it teaches from."""

    title: Text
    minutes: int = Field(ge=1, le=240)
    body: Markdown = ""
    # Short points for slides and handouts.
    points: list[Text] = []
    stages: list[StageId] = []
    roles: list[RoleId] = []
    checklists: list[ChecklistId] = []
    case_studies: list[CaseId] = []


class Exercise(Strict):
    title: Text
    minutes: int = Field(ge=1, le=240)
    case_study: CaseId | None = None
    brief: Markdown
    steps: list[Text] = []
    # What a good answer covers; for the facilitator.
    debrief: Markdown = ""


class Module(Entity):
    """A training module; its page, handout and slides are generated from these fields."""

    summary: Text
    minutes: int = Field(ge=5, le=480)
    objectives: list[Text] = Field(min_length=1)
    prerequisites: list[ModuleId] = []
    lessons: list[Lesson] = Field(min_length=1)
    exercise: Exercise | None = None
    discussion_prompts: list[Text] = []
    key_takeaways: list[Text] = Field(min_length=1)
    quiz: list[Question] = []


class ScormSettings(Strict):
    """How an LMS scores a path's SCORM package (see export/scorm.py)."""

    # Percent of the path's quiz questions to answer right to pass; 0: no pass mark (completion only).
    mastery_score: int = Field(default=80, ge=0, le=100)
    # Complete only when every module has been opened (else: when every question is answered).
    visit_all_modules: bool = True
    # Attempts a learner has, shown on the package's start page and set as the SCORM 2004 attempt limit.
    attempts: int | None = Field(default=None, ge=1, le=99)


class Break(Strict):
    """A pause in a path's agenda after one of its modules: a break, a lunch, or the end of a day."""

    after: ModuleId
    minutes: int | None = Field(default=None, ge=5, le=120)  # required unless the day ends here
    title: Text | None = None  # "Lunch"; default "Break" (or "End of day N")
    end_of_day: bool = False  # the session stops here and the next module starts the next day


class LearningPath(Entity):
    """Modules in teaching order for one audience; the estimated time is the sum of their minutes."""

    order: int = Field(default=100, ge=0, le=999)
    level: Level
    summary: Text
    goal: Markdown
    roles: list[RoleId] = []  # the roles this path prepares people for
    modules: list[ModuleId] = Field(min_length=1)
    scorm: ScormSettings = ScormSettings()
    breaks: list[Break] = []  # in the agenda (path page, facilitator guide); not counted in the estimated time
