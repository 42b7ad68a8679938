"""Synthetic playbook projects at N times the default content, for the benchmark and its smoke test.

The scaling is derived from whatever `content/` holds, not from a fixed list: every entity file of every
kind in `model.KINDS` is copied N-1 times with suffixed ids (`partner-fit` -> `partner-fit-x2`). Each copy
references its own copy of everything, so cross-references stay valid: id-typed fields are found by
walking the pydantic model (an enum value such as a finding's `kind: showstopper` is never mistaken for
the `showstopper` glossary term), and prose links like `(stage:partner-fit)` are rewritten by scheme.

    python bench/synth.py --scale 10 /tmp/playbook-10x
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import types
import typing
from pathlib import Path

import yaml
from pydantic import BaseModel

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playbook_gen.model import KINDS, SLUG_PATTERN  # noqa: E402
from playbook_gen.model.refs import destination_pattern  # noqa: E402

PROJECT_PARTS = ("content", "templates", "site_config", "mkdocs.yml")
# Fields that hold ids of things a copy shares with the original (the playbook's audiences).
SHARED_REFS = {"audiences"}
# Plain-text fields that must stay unique across entities (glossary titles and aliases are checked).
UNIQUE_TEXT = {"title", "aliases"}


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data):  # the loader refuses anchors and aliases
        return True


def _str(dumper, text: str):
    """Prose stays readable: multi-line text as a literal block."""
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|" if "\n" in text else None)


_Dumper.add_representer(str, _str)


def _unwrap(annotation):
    """(inner annotation, is_id) for X, list[X], X | None and Annotated[X, ...]."""
    is_id = False
    for _ in range(6):
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            base, *meta = typing.get_args(annotation)
            is_id = is_id or any(getattr(m, "pattern", None) == SLUG_PATTERN for m in meta)
            annotation = base
        elif origin in (list, typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0] if args else annotation
        else:
            break
    return annotation, is_id


def _fields(cls: type[BaseModel]) -> dict[str, tuple[object, bool]]:
    """YAML key -> (nested model or None, holds ids)."""
    out = {}
    for name, info in cls.model_fields.items():
        inner, is_id = _unwrap(info.annotation)
        is_id = is_id or any(getattr(m, "pattern", None) == SLUG_PATTERN for m in info.metadata)
        nested = inner if isinstance(inner, type) and issubclass(inner, BaseModel) else None
        out[info.alias or name] = (nested, is_id)
    return out


class Copier:
    """Rewrites one entity's YAML data for copy number `k` (k >= 2)."""

    def __init__(self, ids_by_kind: dict[str, set[str]], k: int):
        self.ids_by_kind = ids_by_kind
        self.all_ids = set().union(*ids_by_kind.values())
        self.k = k

    def rename(self, ident: str) -> str:
        return f"{ident}-x{self.k}"

    def prose(self, text: str) -> str:
        by_link = KINDS.by_link()

        def sub(m: re.Match) -> str:
            kind, target = by_link[m.group(1)], m.group(2)
            if target in self.ids_by_kind.get(kind, ()):
                return m.group(0)[: m.start(2) - m.start(0)] + self.rename(target)
            return m.group(0)
        return destination_pattern().sub(sub, text)

    def value(self, value, nested, is_id):
        if isinstance(value, list):
            return [self.value(v, nested, is_id) for v in value]
        if isinstance(value, dict) and nested is not None:
            return self.model(value, nested, top=False)
        if isinstance(value, str):
            if is_id and value in self.all_ids:
                return self.rename(value)
            return self.prose(value)
        return value

    def model(self, data: dict, cls: type[BaseModel], *, top: bool = True) -> dict:
        fields = _fields(cls)
        out = {}
        for key, value in data.items():
            nested, is_id = fields.get(key, (None, False))
            if key in SHARED_REFS:
                out[key] = value
            elif top and key in UNIQUE_TEXT:
                out[key] = [f"{v} {self.k}" for v in value] if isinstance(value, list) else f"{value} {self.k}"
            else:
                out[key] = self.value(value, nested, is_id)
        return out


def _read(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def synth(scale: int, dest: Path, source: Path = ROOT) -> Path:
    """Write a project at `scale` times the content of `source` into `dest` (which must not exist)."""
    if scale < 1:
        raise ValueError("scale must be at least 1")
    dest = Path(dest)
    dest.mkdir(parents=True)
    for name in PROJECT_PARTS:
        src = source / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("site", "build"))
        elif src.is_file():
            shutil.copy2(src, dest / name)
    entities: dict[str, list[tuple[Path, dict]]] = {}
    for kind in KINDS.values():
        d = source / "content" / kind.folder
        files = sorted(p for p in d.iterdir() if p.suffix in (".yml", ".yaml") and not p.name.startswith(".")) if d.is_dir() else []
        entities[kind.key] = [(p, _read(p)) for p in files]
    ids_by_kind = {kind: {data["id"] for _, data in items} for kind, items in entities.items()}
    # Issue 16: deliverable ids (declared inside stages, unique across the playbook) are copied with suffixes too.
    ids_by_kind["deliverables"] = {d["id"] for _, data in entities.get("stages", [])
                                   for d in data.get("deliverables") or [] if d.get("id")}
    for kind, items in entities.items():
        folder, cls = KINDS[kind].folder, KINDS[kind].model
        orders = _renumber(items, scale)
        for k in range(2, scale + 1):
            copier = Copier(ids_by_kind, k)
            for path, data in items:
                new = copier.model(data, cls)
                if orders:
                    new["order"] = orders[(data["id"], k)]
                out = dest / "content" / folder / f"{new['id']}{path.suffix}"
                out.write_text(yaml.dump(new, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=120), encoding="utf-8")
    return dest


def _renumber(items: list[tuple[Path, dict]], scale: int) -> dict[tuple[str, int], int]:
    """Distinct `order` values for the copies when the originals are distinct (stage orders must be unique).

    Copy k's entities follow every original, in their original order. Kinds whose orders repeat, or that
    would run past the model's limit of 999, keep their original orders.
    """
    ordered = sorted((data["order"], data["id"]) for _, data in items if "order" in data)
    if not ordered or len({o for o, _ in ordered}) != len(ordered) or len(items) != len(ordered):
        return {}
    top = ordered[-1][0]
    if top + (scale - 1) * len(ordered) > 999:
        return {}
    return {(ident, k): top + (k - 2) * len(ordered) + rank + 1
            for k in range(2, scale + 1) for rank, (_, ident) in enumerate(ordered)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--source", type=Path, default=ROOT, help="project whose content is scaled")
    parser.add_argument("dest", type=Path)
    args = parser.parse_args()
    print(synth(args.scale, args.dest, args.source))


if __name__ == "__main__":
    main()
