"""Scoring an assessment: the one definition of the arithmetic both scorecards follow.

A criterion gets a score from the scale, or, when the assessment offers it, `NOT_ASSESSED` (no evidence yet).
A not-assessed criterion is left out of its dimension's average and of the total, and listed as a gap; while
any is left the result is provisional, and a dimension with more than half its criteria not assessed has
insufficient evidence. A dimension's percentage is where its assessed criteria's mean score sits on the scale
(bottom 0 %, top 100 %). The overall score is the weighted sum of the dimension percentages, over the weights of
the dimensions with at least one assessed criterion (all weights add up to 100). Showstoppers are never averaged
away: a yes to any showstopper question, or the bottom score on a criterion marked `showstopper`, makes the
recommendation no-go whatever the total. A dimension below the assessment's `dimension_floor` caps a go at
go-with-conditions. The on-screen scorecard (templates/assets/scorecard.js) repeats these steps in the same
order, so both give the same numbers; tests/test_browser.py holds them to it in Chromium.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..errors import PlaybookError
from .assessment import Assessment, ResultBand
from .base import GateOutcomeKind

NOT_ASSESSED = "not-assessed"  # the value a criterion takes when it is not assessed (also in the scorecard's JSON)


@dataclass(frozen=True)
class DimensionScore:
    id: str
    points: int  # the assessed criteria's scores added up
    max_points: int  # the top score times the number of assessed criteria
    percent: float | None  # 0-100 on the scale; None when no criterion is assessed
    weighted: float | None  # percent * weight / 100: this dimension's share of the overall score
    criteria: int = 0
    assessed: int = 0

    @property
    def not_assessed(self) -> int:
        return self.criteria - self.assessed

    @property
    def insufficient(self) -> bool:
        """More than half its criteria are not assessed: too little evidence to read the dimension."""
        return 2 * self.not_assessed > self.criteria


@dataclass(frozen=True)
class Result:
    dimensions: list[DimensionScore]
    total: float | None  # 0-100; None when nothing is assessed
    band: ResultBand | None
    showstoppers: list[str]  # ids of the showstopper questions answered yes and criteria scored at the bottom
    gaps: list[str] = ()  # ids of the criteria not assessed
    below_floor: list[str] = ()  # ids of the dimensions under the assessment's dimension floor

    @property
    def provisional(self) -> bool:
        return bool(self.gaps)

    @property
    def outcome(self) -> GateOutcomeKind | None:
        if self.showstoppers:
            return GateOutcomeKind.no_go
        if self.band is None:
            return None
        if self.below_floor and self.band.outcome == GateOutcomeKind.go:
            return GateOutcomeKind.go_with_conditions
        return self.band.outcome


def scale_range(a: Assessment) -> tuple[int, int]:
    scores = [level.score for level in a.scale]
    return min(scores), max(scores)


def band_for(a: Assessment, total: float) -> ResultBand:
    """The highest band whose `min_percent` the total reaches (validation guarantees a band from 0)."""
    return max((b for b in a.results if total >= b.min_percent), key=lambda b: b.min_percent)


def score(a: Assessment, scores: Mapping[str, int | str], answers: Mapping[str, bool] | None = None) -> Result:
    """Score a completed assessment: `scores` (a scale score or NOT_ASSESSED) by criterion id, `answers`
    (True = yes) by showstopper question id."""
    answers = answers or {}
    low, high = scale_range(a)
    allowed = {level.score for level in a.scale}
    criteria = {c.id for d in a.dimensions for c in d.criteria}
    unknown = sorted(set(scores) - criteria) + sorted(set(answers) - {q.id for q in a.showstoppers})
    if unknown:
        raise PlaybookError(f"assessment '{a.id}' has no criterion or showstopper {', '.join(map(repr, unknown))}")
    flags = [q.id for q in a.showstoppers if answers.get(q.id)]
    gaps, dims = [], []
    for d in a.dimensions:
        points = assessed = 0
        for c in d.criteria:
            if c.id not in scores:
                raise PlaybookError(f"criterion '{c.id}' of assessment '{a.id}' has no score")
            value = scores[c.id]
            if value == NOT_ASSESSED and a.not_assessed is not None:
                gaps.append(c.id)
                continue
            if value not in allowed or isinstance(value, bool):
                choices = [*sorted(allowed), *([NOT_ASSESSED] if a.not_assessed else [])]
                raise PlaybookError(f"score {value!r} for '{c.id}' is not on the scale {choices}")
            points += value
            assessed += 1
            if c.showstopper and value == low:
                flags.append(c.id)
        percent = 100 * (points - assessed * low) / (assessed * (high - low)) if assessed else None
        weighted = percent * d.weight / 100 if assessed else None
        dims.append(DimensionScore(d.id, points, assessed * high, percent, weighted, len(d.criteria), assessed))
    counted = [(x, d.weight) for x, d in zip(dims, a.dimensions, strict=True) if x.weighted is not None]
    weights = sum(w for _x, w in counted)
    total = None
    if weights:
        total = 0.0
        for x, _w in counted:
            total += x.weighted
        total = total / (weights / 100)
    floor = a.dimension_floor
    below = [x.id for x in dims if floor is not None and x.percent is not None and x.percent < floor]
    return Result(dims, total, band_for(a, total) if total is not None else None, flags, gaps, below)
