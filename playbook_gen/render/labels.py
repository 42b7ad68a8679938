"""Readers' words for the model's enum values: "management" reads "Management level", "no-go" reads "Stop".

The values stay what the content and the tooling use (`go-with-conditions`); pages, sheets and decks show these
labels, through gettext so a playbook in another language can change them. Each call is a literal `_()` so the
strings can be extracted.
"""

from __future__ import annotations

from enum import Enum

from ..i18n import _
from ..model import FindingKind, GateOutcomeKind, Level, Mode


def _labels() -> dict[Enum, str]:
    # Built per call: the catalogue in use may change between builds.
    return {
        Level.executive: _("Executive"),
        Level.management: _("Management"),
        Level.operational: _("Operational"),
        Level.everyone: _("Everyone"),
        Mode.read_do: _("Read-do: read each step aloud, then do it"),
        Mode.do_confirm: _("Do-confirm: work from memory, then confirm each item"),
        GateOutcomeKind.go: _("Go"),
        GateOutcomeKind.go_with_conditions: _("Go with conditions"),
        GateOutcomeKind.no_go: _("Stop"),
        GateOutcomeKind.revisit: _("Decide later"),
        FindingKind.showstopper: _("Showstopper"),
        FindingKind.manageable: _("Manageable issue"),
    }


def _short() -> dict[Enum, str]:
    return {Mode.read_do: _("Read-do"), Mode.do_confirm: _("Do-confirm")}


def label(value, short: bool = False) -> str:
    """The reader's label for an enum member (or its raw value); `short` for table cells ("Read-do")."""
    labels = _labels()
    if short:
        labels.update(_short())
    if isinstance(value, Enum):
        return labels.get(value, str(value.value))
    for member, words in labels.items():
        if member.value == value:
            return words
    return str(value)
