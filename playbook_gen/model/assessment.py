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
    # A score at the bottom of the scale on this criterion is a showstopper, whatever the total.
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


class ResultBand(Strict):
    """What an overall weighted score (0-100) recommends, from `min_percent` up to the next band."""

    min_percent: int = Field(ge=0, le=100)
    outcome: GateOutcomeKind
    label: Text
    meaning: Text | None = None


class Assessment(Entity):
    """A scored assessment such as partner fit: weighted dimensions of criteria on one scale, plus showstoppers.

    `scoring.py` defines the arithmetic (per-dimension and overall weighted percentages, showstopper flags)
    for the printed scorecard today and an on-screen one later.
    """

    stage: StageId
    summary: Text
    purpose: Markdown = ""
    checklist: ChecklistId | None = None  # the checklist that confirms the assessment is complete
    scale: list[ScaleLevel] = Field(min_length=2)
    dimensions: list[Dimension] = Field(min_length=1)
    showstoppers: list[ShowstopperQuestion] = []
    results: list[ResultBand] = Field(min_length=1)
