"""Warnings about decision rights, quizzes and source links (see lint.py: `--strict` and the default build fail on them).

- RACI: every activity names exactly one accountable role, and no role is accountable for more than 40 % of the
  activities (checked once the playbook has 10 activities: in a smaller one a single role naturally owns most).
- Quizzes: a module's quiz has at least 4 questions, and the correct option is not the longest in more than half
  of them (otherwise the answer can be guessed from the length).
- Sources: a source's URL is on the playbook's list of canonical hosts (`source_hosts` in playbook.yml, or
  `DEFAULT_HOSTS`), so mirrors, development servers and copies are caught; `source_hosts.secondary` lists hosts
  of secondary summaries, allowed and marked as such on the sources page.
"""

from __future__ import annotations

import ipaddress
from collections import Counter
from urllib.parse import urlsplit

from ..errors import Issue
from ..load.loader import Loaded

MAX_ACCOUNTABLE_SHARE = 40  # percent of all activities
MIN_ACTIVITIES_FOR_SHARE = 10
MIN_QUESTIONS = 4
# Canonical publishers, indexes and standards bodies: the allow-list of a playbook that sets no `source_hosts`.
DEFAULT_HOSTS = ("doi.org", "dx.doi.org", "www.jstor.org", "link.springer.com", "www.sciencedirect.com",
                 "onlinelibrary.wiley.com", "journals.sagepub.com", "www.tandfonline.com", "academic.oup.com",
                 "www.cambridge.org", "pubsonline.informs.org", "hbr.org", "sloanreview.mit.edu", "www.iso.org",
                 "www.who.int", "arxiv.org")
# Host name labels that mark a server that is not the published site.
DEVELOPMENT_LABELS = {"localhost", "dev", "develop", "development", "staging", "stage", "test", "testing", "local",
                      "internal", "preview", "sandbox", "uat"}


def lint_raci(loaded: Loaded) -> list[Issue]:
    src, out = loaded.sources, []
    stages = loaded.content.ordered("stages")
    counts: Counter[str] = Counter()
    total = 0
    for s in stages:
        for i, a in enumerate(s.activities):
            total += 1
            if a.accountable is None:
                out.append(src.issue("stages", s.id, ("activities", i), "activity has no accountable role; "
                                     "name exactly one in `accountable`", severity="warning"))
            else:
                counts[a.accountable] += 1
    if total >= MIN_ACTIVITIES_FOR_SHARE:
        for role, n in sorted(counts.items()):
            if 100 * n > MAX_ACCOUNTABLE_SHARE * total and role in loaded.content.roles:
                out.append(src.issue("roles", role, ("id",),
                                     f"role is accountable for {n} of {total} activities ({round(100 * n / total)}%); "
                                     f"keep each role to {MAX_ACCOUNTABLE_SHARE}% or less", severity="warning"))
    return out


def correct_is_longest(question) -> bool:
    right = next((o for o in question.options if o.correct), None)
    return right is not None and all(len(right.text) > len(o.text) for o in question.options if o is not right)


def lint_quizzes(loaded: Loaded) -> list[Issue]:
    src, out = loaded.sources, []
    for m in loaded.content.ordered("modules"):
        n = len(m.quiz)
        if not n:  # nothing to guess; reading-only modules are supported (SCORM counts the visit, scores no question)
            continue
        if n < MIN_QUESTIONS:
            out.append(src.issue("modules", m.id, ("quiz",), f"quiz has {n} question{'s' if n != 1 else ''}; "
                                 f"give it at least {MIN_QUESTIONS}", severity="warning"))
        longest = sum(correct_is_longest(q) for q in m.quiz)
        if 2 * longest > n:
            out.append(src.issue("modules", m.id, ("quiz",), f"the correct option is the longest in {longest} of {n} "
                                 "questions; vary the lengths so the answer cannot be guessed", severity="warning"))
    return out


def host_rule(loaded: Loaded) -> tuple[set[str], set[str], bool]:
    """(canonical hosts, secondary hosts, whether the playbook set them itself)."""
    hosts = loaded.content.playbook.source_hosts
    if hosts is None:
        return set(DEFAULT_HOSTS), set(), False
    return set(hosts.canonical), set(hosts.secondary), True


def lint_sources(loaded: Loaded) -> list[Issue]:
    canonical, secondary, own = host_rule(loaded)
    out = []
    for s in loaded.content.ordered("sources"):
        if not s.url:
            continue
        parts = urlsplit(s.url)
        host = (parts.hostname or "").lower()
        if host in canonical or host in secondary:
            continue
        if _development(host) or parts.port is not None:
            message = (f"source URL points at '{parts.netloc}', a development server or bare address, not the "
                       "published work; link the canonical publication")
        else:
            where = "the playbook's list of canonical hosts" if own else "the default list of canonical hosts"
            message = (f"source URL host '{host}' is not on {where}; link the canonical publication, or add the host "
                       "to source_hosts in content/playbook.yml")
        out.append(loaded.sources.issue("sources", s.id, ("url",), message, severity="warning"))
    return out


def _development(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
        return True
    except ValueError:
        return bool(DEVELOPMENT_LABELS & set(host.split(".")))
