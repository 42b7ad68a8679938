"""The RACI matrix and its pieces: the letters a role holds in an activity, who decides each gate per tier, roles
from the top of the organisation down, short column headers."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from ..i18n import _
from ..model import Activity, Content, Level, Role, Stage, Tier

LETTERS = "RACI"  # reading order of the letters in a cell


def activity_letters(activity: Activity, role_id: str) -> str:
    """The RACI letters one role holds in one activity, in R-A-C-I order ('' when it has none)."""
    held = {"R": role_id in activity.responsible, "A": activity.accountable == role_id,
            "C": role_id in activity.consulted, "I": role_id in activity.informed}
    return "".join(letter for letter in LETTERS if held[letter])


def merge_letters(*cells: str) -> str:
    return "".join(letter for letter in LETTERS if any(letter in c for c in cells))


@dataclass(frozen=True)
class GateDecider:
    """Who decides a gate: for one tier (in the playbook's tier order), or for every alliance when there are none."""

    tier: Tier | None
    role: str
    note: str | None = None


def gate_deciders(content: Content, stage: Stage) -> list[GateDecider]:
    gate = stage.gate
    if gate is None:
        return []
    if not content.playbook.tiers:
        return [GateDecider(None, gate.decision_maker)] if gate.decision_maker else []
    named = {d.tier: d for d in gate.deciders}
    return [GateDecider(t, named[t.id].role, named[t.id].note) for t in content.playbook.tiers if t.id in named]


def by_level(content: Content) -> list[Role]:
    """The RACI columns: roles by their `order`; among equal orders from the top of the organisation down
    (executive first, everyone last), then by title."""
    rank = {level: n for n, level in enumerate(Level)}
    return sorted(content.ordered("roles"), key=lambda r: (r.order, rank[r.level], r.title.casefold(), r.id))


@dataclass
class RaciRow:
    stage: Stage
    label: str  # activity title, or "Gate: <title>"
    cells: dict[str, str]  # role id -> letters, only the roles holding any, in role order
    gate: bool = False


_MINOR = {"and", "of", "the", "for", "in", "a", "an", "to"}


def abbreviations(roles: list[Role]) -> dict[str, str]:
    """Short column headers for the RACI matrix, so every role fits at desktop width: "Executive sponsor" -> "ES".

    Initials of the title's words (an all-capitals first word such as "CEO" stands alone; brackets are left out);
    a clash takes more letters of the first word ("FuL"), then a number.
    """
    out: dict[str, str] = {}
    for role in roles:
        words = [w for w in role.title.split("(")[0].replace("-", " ").split() if w.lower() not in _MINOR] or [role.id]
        first = words[0]
        tries = [first] if first.isupper() and len(first) > 1 else []
        tries += ["".join(w[0] for w in words).upper(), first[:2].capitalize() + "".join(w[0] for w in words[1:]).upper()]
        short = next((t for t in tries if t not in out.values()), None)
        n = 2
        while short is None:
            short = f"{tries[-2]}{n}" if f"{tries[-2]}{n}" not in out.values() else None
            n += 1
        out[role.id] = short
    return out


WIDE_COLUMNS = 16  # more role columns than this fit no screen: per-stage tables show only the roles involved


@dataclass
class Raci:
    """Cells hold only the roles with a letter (sparse, in role order), so the work grows with the number of letters,
    not with rows x roles: at a hundred times the content a full matrix would be ten thousand times the cells."""

    roles: list[Role]
    by_stage: list[tuple[Stage, dict[str, str]]]  # stage -> role id -> letters (union of its activities and gate)
    rows: list[RaciRow]  # every activity (and gate decision, one row per tier) of every stage
    tiers: list[Tier] = field(default_factory=list)
    deciders: list[tuple[Stage, dict[str, GateDecider]]] = field(default_factory=list)  # gate -> tier id -> decider
    short: dict[str, str] = field(default_factory=dict)  # role id -> column header ("ES")

    @property
    def wide(self) -> bool:
        """Whether every role gets a column (and the stages x roles overview is a table)."""
        return len(self.roles) <= WIDE_COLUMNS

    @functools.cached_property
    def rows_of(self) -> dict[str, list[RaciRow]]:
        """Stage id -> its rows, so a page lists each stage's rows without scanning every row per stage."""
        out: dict[str, list[RaciRow]] = {}
        for row in self.rows:
            out.setdefault(row.stage.id, []).append(row)
        return out

    @functools.cached_property
    def columns(self) -> dict[str, list[Role]]:
        """Stage id -> the role columns of its activity table: every role, or past WIDE_COLUMNS those involved."""
        by_id = {r.id: r for r in self.roles}
        return {stage.id: self.roles if self.wide else [by_id[rid] for rid in cells] for stage, cells in self.by_stage}


def _cells(held: dict[str, set[str]], order: dict[str, int]) -> dict[str, str]:
    """Role id -> letters in R-A-C-I order, for the roles holding any, in role order."""
    return {rid: "".join(letter for letter in LETTERS if letter in held[rid]) for rid in sorted(held, key=order.__getitem__)}


def activity_cells(activity: Activity, order: dict[str, int]) -> dict[str, str]:
    held: dict[str, set[str]] = {}
    for letter, ids in (("R", activity.responsible), ("A", [activity.accountable]), ("C", activity.consulted),
                        ("I", activity.informed)):
        for rid in ids:
            if rid in order:
                held.setdefault(rid, set()).add(letter)
    return _cells(held, order)


def raci(content: Content) -> Raci:
    """The roles x stages matrix and the roles x activities matrix. The gate's decision-maker is accountable for it."""
    roles = by_level(content)
    order = {r.id: n for n, r in enumerate(roles)}
    rows: list[RaciRow] = []
    by_stage, per_tier = [], []
    for stage in content.ordered("stages"):
        stage_rows = [RaciRow(stage, a.title, activity_cells(a, order)) for a in stage.activities]
        deciders = gate_deciders(content, stage)
        for d in deciders:
            label = (_("Gate: %(title)s (%(tier)s tier)") % {"title": stage.gate.title, "tier": d.tier.title.lower()} if d.tier
                     else _("Gate: %(title)s") % {"title": stage.gate.title})
            stage_rows.append(RaciRow(stage, label, {d.role: "A"} if d.role in order else {}, gate=True))
        if deciders and deciders[0].tier:
            per_tier.append((stage, {d.tier.id: d for d in deciders}))
        rows += stage_rows
        held: dict[str, set[str]] = {}
        for row in stage_rows:
            for rid, letters in row.cells.items():
                held.setdefault(rid, set()).update(letters)
        by_stage.append((stage, _cells(held, order)))
    return Raci(roles, by_stage, rows, list(content.playbook.tiers), per_tier, abbreviations(roles))


