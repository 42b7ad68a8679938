"""Scoring an assessment: the one definition of the arithmetic the printed scorecard asks for by hand.

A dimension's percentage is where its criteria's mean score sits on the scale (bottom 0 %, top 100 %).
The overall score is the weighted sum of the dimension percentages (weights add up to 100). A yes to any
showstopper question, or the bottom score on a criterion marked `showstopper`, flags the result: the
recommendation is then no-go whatever the total, until the showstopper is resolved. An on-screen
scorecard should reuse these functions (or the JSON export plus this rule) rather than invent its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..errors import PlaybookError
from .assessment import Assessment, ResultBand
from .base import GateOutcomeKind


@dataclass(frozen=True)
class DimensionScore:
    id: str
    points: int  # the criteria's scores added up
    max_points: int
    percent: float  # 0-100 on the scale
    weighted: float  # percent * weight / 100: this dimension's share of the overall score


@dataclass(frozen=True)
class Result:
    dimensions: list[DimensionScore]
    total: float  # 0-100
    band: ResultBand
    showstoppers: list[str]  # ids of the showstopper questions answered yes and criteria scored at the bottom

    @property
    def outcome(self) -> GateOutcomeKind:
        return GateOutcomeKind.no_go if self.showstoppers else self.band.outcome


def scale_range(a: Assessment) -> tuple[int, int]:
    scores = [level.score for level in a.scale]
    return min(scores), max(scores)


def band_for(a: Assessment, total: float) -> ResultBand:
    """The highest band whose `min_percent` the total reaches (validation guarantees a band from 0)."""
    return max((b for b in a.results if total >= b.min_percent), key=lambda b: b.min_percent)


def score(a: Assessment, scores: Mapping[str, int], answers: Mapping[str, bool] | None = None) -> Result:
    """Score a completed assessment: `scores` by criterion id, `answers` (True = yes) by showstopper id."""
    answers = answers or {}
    low, high = scale_range(a)
    allowed = {level.score for level in a.scale}
    criteria = {c.id for d in a.dimensions for c in d.criteria}
    unknown = sorted(set(scores) - criteria) + sorted(set(answers) - {q.id for q in a.showstoppers})
    if unknown:
        raise PlaybookError(f"assessment '{a.id}' has no criterion or showstopper {', '.join(map(repr, unknown))}")
    flags = [q.id for q in a.showstoppers if answers.get(q.id)]
    dims = []
    for d in a.dimensions:
        points = 0
        for c in d.criteria:
            if c.id not in scores:
                raise PlaybookError(f"criterion '{c.id}' of assessment '{a.id}' has no score")
            if scores[c.id] not in allowed:
                raise PlaybookError(f"score {scores[c.id]} for '{c.id}' is not on the scale {sorted(allowed)}")
            points += scores[c.id]
            if c.showstopper and scores[c.id] == low:
                flags.append(c.id)
        n = len(d.criteria)
        percent = 100 * (points - n * low) / (n * (high - low))
        dims.append(DimensionScore(d.id, points, n * high, percent, percent * d.weight / 100))
    total = sum(x.weighted for x in dims)
    return Result(dims, total, band_for(a, total), flags)
