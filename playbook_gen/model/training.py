"""Training content: learning paths per audience and the modules they are made of."""

from __future__ import annotations

from pydantic import Field

from .base import CaseId, ChecklistId, Entity, Level, Markdown, ModuleId, RoleId, StageId, Strict, Text


class QuizOption(Strict):
    text: Text = Field(description="The option as shown.")
    correct: bool = Field(default=False, description="Marks the right option (exactly one per question).")


class Question(Strict):
    """A multiple-choice question; `validate.py` checks exactly one option is marked correct."""

    prompt: Text = Field(description="The question.")
    options: list[QuizOption] = Field(min_length=2, max_length=6, description=(
        "Two to six options, exactly one marked correct."))
    explanation: Markdown = Field(min_length=1, description=(
        "Why the right answer is right (Markdown), shown after answering."))


class Lesson(Strict):
    """One teaching block: own prose plus the playbook entities it teaches from."""

    title: Text = Field(description="The lesson's title.")
    minutes: int = Field(ge=1, le=240, description="How long it takes (1-240 minutes).")
    body: Markdown = Field(default="", description="The lesson's text (Markdown).")
    points: list[Text] = Field(default=[], description="Short points for slides and handouts.")
    stages: list[StageId] = Field(default=[], description="Stages it teaches from (stage ids).")
    roles: list[RoleId] = Field(default=[], description="Roles it teaches from (role ids).")
    checklists: list[ChecklistId] = Field(default=[], description="Checklists it teaches from (checklist ids).")
    case_studies: list[CaseId] = Field(default=[], description="Case studies it teaches from (case study ids).")


class Exercise(Strict):
    title: Text = Field(description="The exercise's title.")
    minutes: int = Field(ge=1, le=240, description="How long it takes (1-240 minutes).")
    case_study: CaseId | None = Field(default=None, description="The case study it works on (a case study id).")
    brief: Markdown = Field(description="What participants do (Markdown).")
    steps: list[Text] = Field(default=[], description="The steps, one line each.")
    debrief: Markdown = Field(default="", description="What a good answer covers, for the facilitator (Markdown).")


class Module(Entity):
    """A training module; its page, handout and slides are generated from these fields."""

    summary: Text = Field(description="One sentence: what participants learn.")
    minutes: int = Field(ge=5, le=480, description=(
        "How long the module takes (5-480), at least its lessons and exercise together."))
    objectives: list[Text] = Field(min_length=1, description="What participants can do afterwards, one line each.")
    prerequisites: list[ModuleId] = Field(default=[], description="Modules to take first (module ids).")
    lessons: list[Lesson] = Field(min_length=1, description="The teaching blocks, at least one.")
    exercise: Exercise | None = Field(default=None, description="A practical exercise.")
    discussion_prompts: list[Text] = Field(default=[], description="Questions to discuss, one line each.")
    key_takeaways: list[Text] = Field(min_length=1, description="What participants should remember, one line each.")
    quiz: list[Question] = Field(default=[], description="Multiple-choice questions (the linter asks for at least 4).")


class ScormSettings(Strict):
    """How an LMS scores a path's SCORM package (see export/scorm.py)."""

    mastery_score: int = Field(default=80, ge=0, le=100, description=(
        "Percent of the path's quiz questions to answer right to pass (default 80; 0: no pass mark)."))
    visit_all_modules: bool = Field(default=True, description=(
        "Complete only once every module was opened (default true)."))
    attempts: int | None = Field(default=None, ge=1, le=99, description=(
        "Attempts a learner has (1-99; default no limit)."))


class Break(Strict):
    """A pause in a path's agenda after one of its modules: a break, a lunch, or the end of a day."""

    after: ModuleId = Field(description="The module after which it comes (a module id of this path).")
    minutes: int | None = Field(default=None, ge=5, le=120, description=(
        "Its length (5-120 minutes); required unless the day ends here."))
    title: Text | None = Field(default=None, description=(
        "Its name, such as \"Lunch\" (default \"Break\" or \"End of day N\")."))
    end_of_day: bool = Field(default=False, description=(
        "The session stops here and the next module starts the next day."))


class LearningPath(Entity):
    """Modules in teaching order for one audience; the estimated time is the sum of their minutes."""

    order: int = Field(default=100, ge=0, le=999, description=(
        "Its place among the learning paths (0-999, default 100)."))
    level: Level = Field(description="Who it is for: executive, management, operational or everyone.")
    summary: Text = Field(description="Who the path is for, in one sentence.")
    goal: Markdown = Field(description="What people can do after the whole path (Markdown).")
    roles: list[RoleId] = Field(default=[], description="The roles it prepares people for (role ids).")
    modules: list[ModuleId] = Field(min_length=1, description="Module ids in teaching order (at least one).")
    scorm: ScormSettings = Field(default=ScormSettings(), description=(
        "How its SCORM packages are scored in a learning system."))
    breaks: list[Break] = Field(default=[], description="Breaks in the agenda; not counted in the estimated time.")
