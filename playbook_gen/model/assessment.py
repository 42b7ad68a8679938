"""Scored assessments such as the partner-fit scorecard: weighted dimensions, criteria, showstoppers."""

from __future__ import annotations

from pydantic import Field

from .base import ChecklistId, Entity, GateOutcomeKind, Id, Markdown, StageId, Strict, Text


class ScaleLevel(Strict):
    score: int = Field(ge=0, le=100, description="The score (0-100).")
    label: Text = Field(description="The level as readers see it.")
    meaning: Text | None = Field(default=None, description="What this score looks like in evidence.")


class Criterion(Strict):
    id: Id = Field(description="The criterion's id (unique in the assessment).")
    text: Text = Field(description="What is scored.")
    guidance: Text | None = Field(default=None, description="What good evidence looks like.")
    # A score at the bottom of the scale on this criterion is a showstopper, whatever the total. A showstopper
    # question must name it in its `criteria` (and only flagged criteria may be named there).
    showstopper: bool = Field(default=False, description="The lowest score here flags the result, whatever the total.")


class Dimension(Strict):
    id: Id = Field(description="The dimension's id (unique in the assessment).")
    title: Text = Field(description="The dimension as readers see it.")
    weight: int = Field(ge=1, le=100, description="Its share of the overall score (1-100); the weights add up to 100.")
    description: Markdown = Field(default="", description="What it covers (Markdown).")
    criteria: list[Criterion] = Field(min_length=1, description="The criteria scored in it (at least one).")


class ShowstopperQuestion(Strict):
    """A yes/no question; a yes flags the result, whatever the scores."""

    id: Id = Field(description="The question's id (unique in the assessment).")
    question: Text = Field(description="A yes/no question; a yes flags the result.")
    why: Text | None = Field(default=None, description="Why a yes stops the work.")
    criteria: list[Id] = Field(default=[], description=(
        "The showstopper criteria it stands for (criterion ids in this assessment)."))


class NotAssessed(Strict):
    """The "not assessed" choice beside the scale: no score, left out of the averages and listed as a gap."""

    label: Text = Field(default="Not assessed", description="The choice's label (default \"Not assessed\").")
    meaning: Text | None = Field(default=None, description="What choosing it means.")


class ResultBand(Strict):
    """What an overall weighted score (0-100) recommends, from `min_percent` up to the next band."""

    min_percent: int = Field(ge=0, le=100, description="The lowest overall percentage (0-100) of this band.")
    outcome: GateOutcomeKind = Field(description="What it recommends: go, go-with-conditions, no-go or revisit.")
    label: Text = Field(description="The recommendation as readers see it.")
    meaning: Text | None = Field(default=None, description="What happens next.")


class Assessment(Entity):
    """A scored assessment such as partner fit: weighted dimensions of criteria on one scale, plus showstoppers.

    `scoring.py` defines the arithmetic (per-dimension and overall weighted percentages, showstopper flags, gaps
    and the dimension floor); the printed and the on-screen scorecard follow it.
    """

    stage: StageId = Field(description="The stage it is used in (a stage id).")
    summary: Text = Field(description="One sentence: what it scores.")
    purpose: Markdown = Field(default="", description="Why and when to use it (Markdown).")
    checklist: ChecklistId | None = Field(default=None, description=(
        "The checklist that confirms the assessment is complete (a checklist id)."))
    scale: list[ScaleLevel] = Field(min_length=2, description="The score levels, at least two.")
    dimensions: list[Dimension] = Field(min_length=1, description="Weighted groups of criteria (at least one).")
    showstoppers: list[ShowstopperQuestion] = Field(default=[], description=(
        "Yes/no questions whose yes flags the result."))
    results: list[ResultBand] = Field(min_length=1, description=(
        "What an overall score recommends, by band (at least one)."))
    not_assessed: NotAssessed | None = Field(default=None, description=(
        "Offer \"not assessed\" for criteria without evidence yet."))
    dimension_floor: int | None = Field(default=None, ge=1, le=100, description=(
        "A dimension below this percentage (1-100) caps the recommendation at go-with-conditions."))
    playbook_defaults: bool = Field(default=False, description=(
        "The weights, thresholds and floor are the playbook's own defaults (labelled so)."))
