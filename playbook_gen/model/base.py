"""Building blocks every content model shares: id and text types, reference types, the strict base, the entity base.

A field that names another entity is typed with `Ref(kind)` (for example `RoleId`), so the model itself says
which fields are references. `model/refs.py` reads these marks once; validation, audience filtering, the
reverse indexes and the exports all walk references through it, never by listing fields by hand.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

# Ids become file names and URLs: lowercase words joined by single hyphens.
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Id = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, min_length=1, max_length=64)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=2000)]
Url = Annotated[str, StringConstraints(pattern=r"^https?://[^\s<>\"']+$", max_length=2000)]


@dataclass(frozen=True)
class Ref:
    """Marks a field as the id of an entity of `kind` (a kind key such as "roles", or "audiences").

    `pass_by`: when the target is hidden from an audience, the field takes the target's own value of the same
    field instead (a role escalating to a hidden role escalates to whomever that role escalates to).
    """

    kind: str
    pass_by: bool = False


@dataclass(frozen=True)
class Prose:
    """Marks a Markdown field: its entity links ([text](stage:id)) are references too."""


Markdown = Annotated[str, StringConstraints(max_length=100_000), Prose()]
RoleId = Annotated[Id, Ref("roles")]
StageId = Annotated[Id, Ref("stages")]
ChecklistId = Annotated[Id, Ref("checklists")]
TermId = Annotated[Id, Ref("glossary")]
PageId = Annotated[Id, Ref("pages")]
SourceId = Annotated[Id, Ref("sources")]
CaseId = Annotated[Id, Ref("case_studies")]
ModuleId = Annotated[Id, Ref("modules")]
PathId = Annotated[Id, Ref("learning_paths")]
AssessmentId = Annotated[Id, Ref("assessments")]
AudienceId = Annotated[Id, Ref("audiences")]  # declared in playbook.yml, not an entity kind
TierId = Annotated[Id, Ref("tiers")]  # declared in playbook.yml, not an entity kind
DeliverableId = Annotated[Id, Ref("deliverables")]  # declared inside stages (a deliverable's `id`)


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
    audiences: list[AudienceId] = []
    # Who keeps this entity current, and when it is next due for review.
    owner: RoleId | None = None
    review_by: dt.date | None = None
    last_reviewed: dt.date | None = None


class GateOutcomeKind(str, Enum):
    """What an outcome means for the tooling, whatever its own label: go, go with conditions, stop, decide later."""

    go = "go"
    go_with_conditions = "go-with-conditions"
    no_go = "no-go"
    revisit = "revisit"
