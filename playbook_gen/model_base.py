"""Building blocks every content model shares: id and text types, the strict base, the entity base."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

# Ids become file names and URLs: lowercase words joined by single hyphens.
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Id = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, min_length=1, max_length=64)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=2000)]
Markdown = Annotated[str, StringConstraints(max_length=100_000)]
Url = Annotated[str, StringConstraints(pattern=r"^https?://[^\s<>\"']+$", max_length=2000)]


class Strict(BaseModel):
    # `version: 1.0` in YAML is a float; authors mean text, so numbers are accepted where text is.
    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)


class Level(str, Enum):
    executive = "executive"
    management = "management"
    operational = "operational"
    everyone = "everyone"


class Entity(Strict):
    """Fields every entity file has."""

    id: Id
    title: Text
    # Audiences allowed to see this entity; empty means everyone.
    audiences: list[Id] = []
    # Who keeps this entity current, and when it is next due for review.
    owner: Id | None = None
    review_by: dt.date | None = None
    last_reviewed: dt.date | None = None


class GateOutcomeKind(str, Enum):
    go = "go"
    go_with_conditions = "go-with-conditions"
    no_go = "no-go"
    revisit = "revisit"
