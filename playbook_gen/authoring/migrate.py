"""`playbook-gen migrate`: rewrite content files from old field names to the current ones, in place.

Only the key itself is rewritten, at the line and column the loader marks it (load/yamlload.py), so comments,
blank lines, quoting and layout stay as they were. The renames are `check/vocabulary.RENAMED`, the same table
the notices come from. A file that names both the old and the new field is left alone and reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..check.vocabulary import RENAMED
from ..errors import ContentError, Issue
from ..load.loader import content_files, parse_text, read_text
from ..publish.write import write_if_changed


@dataclass(frozen=True)
class Change:
    path: str  # project-relative
    line: int
    old: str
    new: str


def migrate(project: Path, *, dry_run: bool = False) -> list[Change]:
    """Rename every old field in the project's content files; returns what was (or, dry, would be) changed."""
    project = Path(project)
    changes: list[Change] = []
    problems: list[Issue] = []
    for kind, path in content_files(project):
        renames = RENAMED.get(kind)
        if not renames or not path.is_file():
            continue
        rel = path.relative_to(project).as_posix()
        text = read_text(project, path, rel)
        data = parse_text(rel, text)
        lines = text.splitlines(keepends=True)
        mine = []
        for old, new in renames.items():
            if old not in data:
                continue
            mark = data.key_marks[old]
            if new in data:
                problems.append(Issue(rel, mark.line, mark.col, f"both '{old}' and '{new}' are given; merge them by hand"))
                continue
            line = lines[mark.line - 1]
            at = mark.col - 1
            for quote in ("", '"', "'"):  # the key as written: bare or quoted
                written = f"{quote}{old}{quote}"
                if line.startswith(written, at):
                    lines[mark.line - 1] = f"{line[:at]}{quote}{new}{quote}{line[at + len(written):]}"
                    mine.append(Change(rel, mark.line, old, new))
                    break
            else:
                problems.append(Issue(rel, mark.line, mark.col, f"could not find '{old}' as written; rename it by hand"))
        if mine and not dry_run:
            write_if_changed(path, "".join(lines).encode("utf-8"))
        changes += mine
    if problems:
        raise ContentError(problems)
    return changes
