"""One exception root for the library; only the CLI turns these into messages and exit codes."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Issue:
    """One problem found in a playbook project, located as `path:line:col`."""

    path: str
    line: int
    col: int
    message: str
    severity: str = "error"  # "error", "warning" (an error under --strict) or "notice" (never fails)

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.col}" if self.line else self.path
        prefix = "" if self.severity == "error" else f"{self.severity}: "
        return f"{where}: {prefix}{self.message}"


class PlaybookError(Exception):
    """Root of every error playbook-gen raises on purpose."""


class ContentError(PlaybookError):
    """The content has problems; carries every issue found, sorted by location."""

    def __init__(self, issues: list[Issue], partial=None):
        self.issues = sorted(issues)
        # What did load (a `Loaded` without the files that failed), so later checks can still report their problems.
        self.partial = partial
        super().__init__("\n".join(str(i) for i in self.issues))


class BuildError(PlaybookError):
    """The site engine, a template or an export failed."""


class ProjectError(PlaybookError):
    """The project layout or an output location is unusable (wrong directory, unsafe site_dir, lock held)."""


class UsageError(PlaybookError):
    """The command was called wrongly (an unknown --audience, say); the CLI exits 2."""
