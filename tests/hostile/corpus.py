"""The bad-input corpus: each case is the mini fixture plus the files and changes in tests/hostile/cases/<name>/.

A case folder holds
  files/        files to add or replace, by their path in the project (bytes as stored)
  case.yml      optional changes files cannot express:
                  delete: [paths]            remove a file or folder
                  unmark: [site|build]       drop playbook-gen's marker, so the folder looks like the user's
                  write: {path: text}        files under site/ or build/ (which .gitignore hides from files/)
                  generate: [{path, template, fill, count}]   template with {fill} replaced by fill * count
                  symlinks: {path: target}   '{outside}' in a target is a folder outside the project
                  fifos: [paths]             named pipes
  expected.txt  the exact stderr of `playbook-gen build`, which must fail; or, for content that is legal but
  expected.yml  dangerous, what the build (which must succeed) shows: `contains: {page: [text]}` is text a reader
                sees on that page (markup shown as text), `stderr:` the exact stderr if it matters, `pdf: {pdf:
                [text]}` text the PDF shows (the case is then built with PDFs; none may carry an attachment or an
                image), `csv: [cell]` cells of `export --format csv` (no cell may start like a formula); every
                page of the site is also checked for live markup (tests/safety.py)
"""

from __future__ import annotations

import hashlib
import os
import resource
import shutil
from pathlib import Path

import yaml

CASES_DIR = Path(__file__).resolve().parent / "cases"
MARKER = ".playbook-gen"
MEMORY_LIMIT = 1536 * 2**20  # address space for one build; an alias bomb or a huge file would blow it


def case_names() -> list[str]:
    return sorted(p.name for p in CASES_DIR.iterdir() if p.is_dir())


def expected(name: str) -> str:
    return (CASES_DIR / name / "expected.txt").read_text(encoding="utf-8")


def is_inert(name: str) -> bool:
    """A case whose content is legal but dangerous: the build succeeds and shows it as text."""
    return (CASES_DIR / name / "expected.yml").is_file()


def expected_output(name: str) -> dict:
    return yaml.safe_load((CASES_DIR / name / "expected.yml").read_text(encoding="utf-8")) or {}


def apply_case(name: str, project: Path, outside: Path) -> None:
    """Turn a copy of the good mini project into case `name`."""
    folder = CASES_DIR / name
    manifest_file = folder / "case.yml"
    manifest = yaml.safe_load(manifest_file.read_text(encoding="utf-8")) if manifest_file.is_file() else {}
    for rel in manifest.get("delete", []):
        target = project / rel
        shutil.rmtree(target) if target.is_dir() and not target.is_symlink() else target.unlink()
    for rel in manifest.get("unmark", []):
        (project / rel / MARKER).unlink()
    files = folder / "files"
    if files.is_dir():
        for src in sorted(files.rglob("*")):
            if src.is_file():
                dest = project / src.relative_to(files)
                dest.parent.mkdir(parents=True, exist_ok=True)
                dest.write_bytes(src.read_bytes())
    for rel, text in manifest.get("write", {}).items():
        (project / rel).write_text(text, encoding="utf-8")
    for g in manifest.get("generate", []):
        (project / g["path"]).write_text(g["template"].replace("{fill}", g["fill"] * g["count"]), encoding="utf-8")
    for rel, target in manifest.get("symlinks", {}).items():
        os.symlink(target.replace("{outside}", str(outside)), project / rel)
    for rel in manifest.get("fifos", []):
        os.mkfifo(project / rel)


def snapshot(folder: Path) -> dict[str, str]:
    """Every entry under `folder`: file digests, link targets, other kinds by name. Links are not followed."""
    out: dict[str, str] = {}
    if not folder.exists():
        return out
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in sorted(dirnames + filenames):
            path = Path(dirpath) / name
            rel = path.relative_to(folder).as_posix()
            if path.is_symlink():
                out[rel] = "link -> " + os.readlink(path)
            elif path.is_file():
                out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
            elif path.is_dir():
                out[rel] = "dir"
            else:
                out[rel] = "special"
    return out


def limit_memory() -> None:
    """preexec_fn: cap the child's address space, so a blow-up dies with MemoryError instead of the machine."""
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
