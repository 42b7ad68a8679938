"""The whole validated playbook in memory: the playbook file plus every entity, keyed by kind and id."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from .base import Entity
from .playbook import Playbook
from .kinds import KINDS


class Content(BaseModel):
    model_config = ConfigDict(frozen=False)

    playbook: Playbook
    entities: dict[str, dict[str, Entity]]

    def __getattr__(self, name: str):  # content.stages, content.roles, ...
        if name in KINDS:
            return self.entities.get(name, {})
        raise AttributeError(name)

    def deliverables(self) -> dict[str, tuple]:
        """Deliverable id -> (stage, deliverable), for the deliverables that have an id (first stage in order wins)."""
        found: dict[str, tuple] = {}
        for stage in self.ordered("stages"):
            for d in stage.deliverables:
                if d.id:
                    found.setdefault(d.id, (stage, d))
        return found

    def ordered(self, kind: str) -> list[Entity]:
        """Entities of a kind in reading order (the kind's `sort`): by order (then id or title), title, lifecycle position or id."""
        items = list(self.entities.get(kind, {}).values())
        sort = KINDS[kind].sort
        if sort == "order":
            return sorted(items, key=lambda e: (e.order, e.id))
        if sort == "order-title":  # roles: an author's order first, then by title as readers see it
            return sorted(items, key=lambda e: (e.order, e.title.casefold(), e.id))
        if sort == "stage":  # lifecycle order: by stage, then as the stage lists them in `checklists`, then by id
            stages = self.entities.get("stages", {})
            def key(c):
                stage = stages.get(c.stage)
                listed = stage.checklists if stage else []
                return (stage.order if stage else 999, listed.index(c.id) if c.id in listed else len(listed), c.id)
            return sorted(items, key=key)
        if sort == "title":
            return sorted(items, key=lambda t: (t.title.casefold(), t.id))
        return sorted(items, key=lambda e: e.id)
