"""Ownership and freshness: who keeps each entity current, and which reviews are due.

Today's date enters only here, and only for `check`'s overdue notices. The pages and the review report
show dates from the content, never from the clock, so builds stay reproducible.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

from ..errors import ProjectError
from ..model import KINDS, Content, Entity

TODAY_ENV = "PLAYBOOK_GEN_TODAY"


def today() -> dt.date:
    """The date reviews are compared with: PLAYBOOK_GEN_TODAY (YYYY-MM-DD) if set, else the clock."""
    value = os.environ.get(TODAY_ENV)
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ProjectError(f"{TODAY_ENV} must be a date like 2027-01-31, got {value!r}") from None


def owner_of(content: Content, entity: Entity) -> str:
    """The role that keeps an entity current: its own owner, else the playbook's."""
    return entity.owner or content.playbook.owner


@dataclass(frozen=True)
class Review:
    kind: str
    entity: Entity
    owner: str

    @property
    def label(self) -> str:
        return KINDS[self.kind].label


def reviews(content: Content) -> list[Review]:
    """Entities with a review date or a last review, soonest due first (undated last), then by kind and id."""
    out = [Review(kind, e, owner_of(content, e)) for kind in KINDS for e in content.ordered(kind)
           if e.review_by or e.last_reviewed]
    return sorted(out, key=lambda r: (r.entity.review_by or dt.date.max, list(KINDS).index(r.kind), r.entity.id))


def overdue(content: Content, on: dt.date) -> list[Review]:
    return [r for r in reviews(content) if r.entity.review_by and r.entity.review_by < on]
