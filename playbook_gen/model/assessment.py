"""Scored assessments such as the partner-fit scorecard: weighted dimensions, criteria, showstoppers."""

from __future__ import annotations

from pydantic import Field

from .base import ChecklistId, Entity, GateOutcomeKind, Id, Markdown, StageId, Strict, Text


class ScaleLevel(Strict):
    score: int = Field(ge=0, le=100)
    label: Text
    meaning: Text | None = None  # the anchor: what this score looks like in evidence


class Criterion(Strict):
    id: Id
    text: Text
    guidance: Text | None = None  # what good evidence looks like
    # A score at the bottom of the scale on this criterion is a showstopper, whatever the total. A showstopper
    # question must name it in its `criteria` (and only flagged criteria may be named there).
    showstopper: bool = False


class Dimension(Strict):
    id: Id
    title: Text
    weight: int = Field(ge=1, le=100)  # share of the overall score; the weights add up to 100
    description: Markdown = ""
    criteria: list[Criterion] = Field(min_length=1)


class ShowstopperQuestion(Strict):
    """A yes/no question; a yes flags the result, whatever the scores."""

    id: Id
    question: Text
    why: Text | None = None
    criteria: list[Id] = []  # the criteria marked `showstopper` that this question stands for (ids in this assessment)


class NotAssessed(Strict):
    """The "not assessed" choice beside the scale: no score, left out of the averages and listed as a gap."""

    label: Text = "Not assessed"
    meaning: Text | None = None


class ResultBand(Strict):
    """What an overall weighted score (0-100) recommends, from `min_percent` up to the next band."""

    min_percent: int = Field(ge=0, le=100)
    outcome: GateOutcomeKind
    label: Text
    meaning: Text | None = None


class Assessment(Entity):
    """A scored assessment such as partner fit: weighted dimensions of criteria on one scale, plus showstoppers.

    `scoring.py` defines the arithmetic (per-dimension and overall weighted percentages, showstopper flags, gaps
    and the dimension floor); the printed and the on-screen scorecard follow it.
    """

    stage: StageId
    summary: Text
    purpose: Markdown = ""
    checklist: ChecklistId | None = None  # the checklist that confirms the assessment is complete
    scale: list[ScaleLevel] = Field(min_length=2)
    dimensions: list[Dimension] = Field(min_length=1)
    showstoppers: list[ShowstopperQuestion] = []
    results: list[ResultBand] = Field(min_length=1)
    not_assessed: NotAssessed | None = None  # set to offer "not assessed" for criteria without evidence yet
    # A dimension whose result is below this percentage caps the recommendation at go-with-conditions.
    dimension_floor: int | None = Field(default=None, ge=1, le=100)
    # The weights, result thresholds and floor are the playbook's own defaults (labelled so on the scorecards).
    playbook_defaults: bool = False
