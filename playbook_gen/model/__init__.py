"""The typed content model: pydantic classes that refuse unknown keys, the kind registry and the reference walk.

Import content classes from here (`from playbook_gen.model import Stage`).
"""

from .assessment import Assessment, Criterion, Dimension, ResultBand, ScaleLevel, ShowstopperQuestion
from .base import (SLUG_PATTERN, AudienceId, CaseId, ChecklistId, Entity, GateOutcomeKind, Id, Level, Markdown, ModuleId,
                   PageId, Prose, Ref, RoleId, SourceId, StageId, Strict, TermId, Text, Url)
from .content import Content
from .entities import (Activity, Audience, CaseStudy, Change, Checklist, ChecklistItem, Deliverable, Duty, Finding,
                       FindingKind, Gate, GateOutcome, Mode, Page, Pitfall, Playbook, Role, Section, Source, Stage, Term)
from .kinds import KINDS, Kind
from .training import Exercise, LearningPath, Lesson, Module, Question, QuizOption

__all__ = [
    "KINDS", "SLUG_PATTERN", "Activity", "Assessment", "Audience", "AudienceId", "CaseId", "CaseStudy", "Change",
    "Checklist", "ChecklistId", "ChecklistItem", "Content", "Criterion", "Deliverable", "Dimension", "Duty", "Entity",
    "Exercise", "Finding", "FindingKind", "Gate", "GateOutcome", "GateOutcomeKind", "Id", "Kind", "LearningPath",
    "Lesson", "Level", "Markdown", "Mode", "Module", "ModuleId", "Page", "PageId", "Pitfall", "Playbook", "Prose",
    "Question", "QuizOption", "Ref", "ResultBand", "Role", "RoleId", "ScaleLevel", "Section", "ShowstopperQuestion",
    "Source", "SourceId", "Stage", "StageId", "Strict", "Term", "TermId", "Text", "Url",
]
