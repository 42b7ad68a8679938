"""The typed content model: pydantic classes that refuse unknown keys, the kind registry and the reference walk.

Import content classes from here (`from playbook_gen.model import Stage`).
"""

from .assessment import Assessment, Criterion, Dimension, NotAssessed, ResultBand, ScaleLevel, ShowstopperQuestion
from .base import (SLUG_PATTERN, AudienceId, CaseId, ChecklistId, DeliverableId, Entity, GateOutcomeKind, Id, Level, Markdown, ModuleId,
                   PageId, Prose, Ref, RoleId, SourceId, StageId, Strict, TermId, Text, TierId, Url)
from .content import Content
from .entities import (Activity, CaseStudy, Checklist, ChecklistItem, Decider, Deliverable, Duty, Finding, FindingKind, Gate,
                       GateOutcome, Mode, Page, Pitfall, Role, Section, Source, Stage, Term)
from .playbook import Audience, Change, Playbook, SourceHosts, Tier
from .kinds import KINDS, Kind
from .toolkit import Column, ColumnType, Template, TemplateField, TemplateSection
from .training import Break, Exercise, LearningPath, Lesson, Module, Question, QuizOption

__all__ = [
    "KINDS", "SLUG_PATTERN", "Activity", "Assessment", "Audience", "AudienceId", "Break", "CaseId", "CaseStudy", "Change",
    "Checklist", "ChecklistId", "ChecklistItem", "Column", "ColumnType", "Content", "Criterion", "Decider", "Deliverable", "DeliverableId",
    "Dimension", "Duty", "Entity",
    "Exercise", "Finding", "FindingKind", "Gate", "GateOutcome", "GateOutcomeKind", "Id", "Kind", "LearningPath",
    "Lesson", "Level", "Markdown", "Mode", "Module", "ModuleId", "NotAssessed", "Page", "PageId", "Pitfall", "Playbook", "Prose",
    "Question", "QuizOption", "Ref", "ResultBand", "Role", "RoleId", "ScaleLevel", "Section", "ShowstopperQuestion",
    "Source", "SourceHosts", "SourceId", "Stage", "StageId", "Strict", "Template", "TemplateField", "TemplateSection", "Term", "TermId", "Text", "Tier", "TierId", "Url",
]
