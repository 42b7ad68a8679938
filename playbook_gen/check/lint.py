"""Warnings about content that is valid but weak. `--strict` (and the default build) makes them errors.

This module holds the checklist rules and the freshness notices; `lint_content.py` the rules for decision rights
(RACI), quizzes and source links.

The checklist rules follow aviation and surgical checklist practice: one pause point, a named role that runs
it, a handful of items (at most 9), each a short exact statement with someone who owns it, and a stated mode
(READ-DO or DO-CONFIRM) so the team knows how to run it; a READ-DO item is a step, not a confirmation.
"""

from __future__ import annotations

import re

from ..errors import Issue
from ..load.loader import Loaded
from ..model.entities import Mode
from .freshness import overdue, today
from .lint_content import lint_quizzes, lint_raci, lint_sources

MAX_ITEMS = 9
MAX_WORDS = 20
# Wording that hides what is actually checked. Matched as whole words, case-insensitively.
VAGUE = ["consider", "think about", "ensure that appropriate", "as appropriate", "if possible", "where possible",
         "try to", "be aware", "look into"]
_VAGUE_RE = re.compile(r"\b(" + "|".join(re.escape(v) for v in VAGUE) + r")\b", re.IGNORECASE)
# A READ-DO item is a step to do ("Give the member the briefing book."), not a confirmation that it was done
# ("The member has been given the briefing book."): a perfect or passive verb marks a confirmation.
_IRREGULAR = ("done", "made", "given", "held", "sent", "set", "written", "signed", "known", "taken", "shown", "seen",
              "met", "kept", "told", "run", "built", "drawn", "read", "chosen", "paid", "put", "spent")
_CONFIRMATION_RE = re.compile(r"\b((?:has|have|had) been|(?:is|are|was|were) (?:now |already |all )?(?:\w+ed|"
                              + "|".join(_IRREGULAR) + r"))\b", re.IGNORECASE)
# ... in the main clause: "Explain why this partner was chosen." is a step.
_SUBORDINATE_RE = re.compile(r"\b(why|that|what|who|whom|which|how|when|where|whether|if|once|until|after|before|so)\b",
                             re.IGNORECASE)


def confirmation(text: str) -> str | None:
    """The words that make a READ-DO item read as a confirmation ("has been"), or None for a step."""
    m = _CONFIRMATION_RE.search(text)
    return m.group(1).lower() if m and not _SUBORDINATE_RE.search(text[:m.start()]) else None


def lint(loaded: Loaded) -> list[Issue]:
    issues: list[Issue] = []
    for fn in LINTERS:
        issues += fn(loaded)
    return issues


def lint_checklists(loaded: Loaded) -> list[Issue]:
    src, out = loaded.sources, []

    def warn(cl, loc, message):
        out.append(src.issue("checklists", cl.id, loc, message, severity="warning"))

    per_pause: dict[tuple[str, str], list] = {}
    for cl in loaded.content.ordered("checklists"):
        if len(cl.items) > MAX_ITEMS:
            warn(cl, ("items",), f"checklist has {len(cl.items)} items; keep one pause point to {MAX_ITEMS} or fewer (split it)")
        if not cl.pause_point:
            warn(cl, (), "checklist has no pause_point; say when in the work it is used")
        else:
            per_pause.setdefault((cl.stage, cl.pause_point.casefold()), []).append(cl)
        if not cl.mode:
            warn(cl, (), "checklist has no mode; use READ-DO or DO-CONFIRM")
        if not cl.owner:
            warn(cl, (), "checklist names no role that runs it; name one in `owner`")
        for i, item in enumerate(cl.items):
            if not item.owner:
                warn(cl, ("items", i), "item has no owner role")
            words = len(item.text.split())
            if words > MAX_WORDS:
                warn(cl, ("items", i, "text"), f"item has {words} words; keep items to {MAX_WORDS} words or fewer")
            m = _VAGUE_RE.search(item.text)
            if m:
                warn(cl, ("items", i, "text"), f"vague wording '{m.group(1).lower()}'; state exactly what is checked")
            done = confirmation(item.text) if cl.mode is Mode.read_do else None
            if done:
                warn(cl, ("items", i, "text"), f"READ-DO item reads as a confirmation ('{done}'); "
                     "write it as a step to do, starting with a verb")
    for (_stage, _pause), group in per_pause.items():
        total = sum(len(c.items) for c in group)
        if len(group) > 1 and total > MAX_ITEMS:
            names = ", ".join(c.id for c in group)
            warn(group[-1], ("pause_point",), f"{total} items at one pause point across checklists {names}; keep it to {MAX_ITEMS} or fewer")
    return out


def lint_freshness(loaded: Loaded) -> list[Issue]:
    """Overdue reviews, as notices: they never fail a build, which must not start failing on a date alone."""
    return [loaded.sources.issue(r.kind, r.entity.id, ("review_by",),
                                 f"review overdue since {r.entity.review_by.isoformat()} (owner: {r.owner})", severity="notice")
            for r in overdue(loaded.content, today())]


# Each linter takes the loaded content and returns warnings; later features add theirs here.
LINTERS = [lint_checklists, lint_raci, lint_quizzes, lint_sources, lint_freshness]
