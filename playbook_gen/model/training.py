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


class LearningPath(Entity):
    """Modules in teaching order for one audience; the estimated time is the sum of their minutes."""

    order: int = Field(default=100, ge=0, le=999)
    level: Level
    summary: Text
    goal: Markdown
    roles: list[RoleId] = []  # the roles this path prepares people for
    modules: list[ModuleId] = Field(min_length=1)
