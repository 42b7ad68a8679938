"""Load a playbook project's `content/` into the typed model, collecting every problem at once."""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError

from ..errors import ContentError, Issue
from ..model import KINDS, SLUG_PATTERN, Content, Playbook
from ..model.refs import model_inside
from .parse_cache import ParseCache
from .yamlload import MAX_FILE_BYTES, Mark, MarkedDict, YamlProblem, find_in_value, locate, parse

PLAYBOOK_FILE = "playbook.yml"
# A translation beside its original (partner-analysis.nl.yml, playbook.nl.yml): load/translations.py reads them.
TRANSLATION_NAME = re.compile(r"^(?P<stem>[^.]+)\.(?P<lang>[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?)\.ya?ml$")


@dataclass
class Source:
    """Where an entity came from: its file (relative to the project) and its marked YAML data."""

    path: str
    data: object
    text: str = ""  # the file as written: prose problems are located inside their block (yamlload.find_in_value)


@dataclass
class SourceMap:
    entries: dict[tuple[str, str], Source] = field(default_factory=dict)

    def issue(self, kind: str, ident: str, loc: tuple, message: str, *, severity="error", as_key=False,
              needle: str | None = None, nth: int = 0) -> Issue:
        """An issue at the value at `loc`; with `needle`, at its `nth` occurrence inside that (prose) value."""
        src = self.entries[(kind, ident)]
        found = find_in_value(src.text, src.data, loc, needle, nth) if needle else None
        mark = found or locate(src.data, loc, as_key=as_key) or Mark(1, 1)
        return Issue(src.path, mark.line, mark.col, message, severity)


@dataclass
class Loaded:
    content: Content
    sources: SourceMap
    # Ids (by kind, and deliverable ids) of files that failed validation: they exist for the reference checks, so
    # a broken file's own error is not repeated as "unknown role" wherever it is named.
    broken: dict[str, set[str]] = field(default_factory=dict)


def content_files(project: Path) -> list[tuple[str, Path]]:
    """Every content file as (kind, path), in a stable order. `kind` is "playbook" for playbook.yml."""
    root = project / "content"
    found = [("playbook", root / PLAYBOOK_FILE)]
    for kind in KINDS.values():
        d = root / kind.folder
        if d.is_dir():
            found += [(kind.key, p) for p in sorted(d.iterdir()) if p.suffix in (".yml", ".yaml") and not p.name.startswith(".")
                                                  and not TRANSLATION_NAME.match(p.name)]
    return found


def read_text(project: Path, path: Path, rel: str) -> str:
    """The file's text, refusing what a playbook file should never be (raises ContentError)."""
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError):  # dangling link, or a link loop (RuntimeError before Python 3.13)
        raise ContentError([Issue(rel, 1, 1, "symbolic link is broken or loops; copy the file in instead")]) from None
    # Checked on the resolved path, so a linked folder (content/stages -> /elsewhere) is caught too.
    if not real.is_relative_to(project.resolve()):
        raise ContentError([Issue(rel, 1, 1, "symbolic link points outside the project; copy the file in instead")])
    if not real.is_file():  # a folder, a FIFO (reading would block), a device
        raise ContentError([Issue(rel, 1, 1, "not a regular file")])
    size = real.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ContentError([Issue(rel, 1, 1, f"file is too large ({size} bytes; at most {MAX_FILE_BYTES})")])
    with real.open("rb") as f:  # read at most the limit, even if the file grows meanwhile
        raw = f.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        raise ContentError([Issue(rel, 1, 1, f"file is too large (more than {MAX_FILE_BYTES} bytes)")])
    if raw.startswith(b"\xef\xbb\xbf"):
        raise ContentError([Issue(rel, 1, 1, "file starts with a byte order mark (BOM); save it as UTF-8 without BOM")])
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise ContentError([Issue(rel, line, col, f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x})")]) from None


def load_file(project: Path, path: Path) -> tuple[str, object]:
    rel = path.relative_to(project).as_posix()
    return rel, parse_text(rel, read_text(project, path, rel))


def parse_text(rel: str, text: str):
    """The file's marked data; a ContentError for anything that is not a mapping."""
    try:
        data = parse(text)
    except YamlProblem as exc:
        raise ContentError([Issue(rel, exc.mark.line, exc.mark.col, exc.message)]) from None
    if data is None:
        raise ContentError([Issue(rel, 1, 1, "file is empty; expected a mapping of keys to values")])
    if not isinstance(data, MarkedDict):
        raise ContentError([Issue(rel, 1, 1, f"expected a mapping of keys to values at the top of the file, got {_kind_of(data)}")])
    return data


def load(project: Path, cache: ParseCache | None = None) -> Loaded:
    """Read and validate every file; raise one ContentError listing every problem found.

    With a cache, a file whose text is unchanged is not parsed again (the safety checks on reading and the
    validation still run);
    the caller saves the cache (builds do, once they succeeded).
    """
    project = Path(project)
    issues: list[Issue] = []
    sources = SourceMap()
    playbook = None
    entities: dict[str, dict] = {kind: {} for kind in KINDS}
    seen_where: dict[tuple[str, str], str] = {}
    broken: dict[str, set[str]] = {}

    if not (project / "content").is_dir():
        raise ContentError([Issue("content", 0, 0, "no content/ folder here; run playbook-gen in a playbook project or pass --project")])
    for kind, path in content_files(project):
        if kind == "playbook" and not path.exists():
            issues.append(Issue(f"content/{PLAYBOOK_FILE}", 0, 0, "missing: every playbook needs content/playbook.yml"))
            continue
        rel = path.relative_to(project).as_posix()
        try:
            text = read_text(project, path, rel)
        except ContentError as exc:
            issues += exc.issues
            _claim(broken, kind, path, None)
            continue
        key = ParseCache.key(kind, text)
        data = cache.get(key) if cache else None
        if data is None:
            try:
                data = parse_text(rel, text)
            except ContentError as exc:
                issues += exc.issues
                _claim(broken, kind, path, None)
                continue
        cls = Playbook if kind == "playbook" else KINDS[kind].model
        try:
            obj = cls.model_validate(data)  # cached data too: the cache holds parsed data, never objects
        except ValidationError as exc:
            issues += [_pydantic_issue(rel, data, cls, err) for err in exc.errors()]
            _claim(broken, kind, path, data)
            continue
        if cache:
            cache.put(key, data)
        if kind == "playbook":
            playbook = obj
            sources.entries[("playbook", "")] = Source(rel, data, text)
            continue
        if obj.id in entities[kind]:
            first = seen_where[(kind, obj.id)]
            mark = locate(data, ("id",)) or Mark(1, 1)
            issues.append(Issue(rel, mark.line, mark.col, f"duplicate {KINDS[kind].singular} id '{obj.id}' (first defined in {first})"))
            continue
        entities[kind][obj.id] = obj
        mark = locate(data, ("id",)) or Mark(1, 1)
        seen_where[(kind, obj.id)] = f"{rel}:{mark.line}:{mark.col}"
        sources.entries[(kind, obj.id)] = Source(rel, data, text)
    if playbook is None:
        raise ContentError(issues)
    loaded = Loaded(Content(playbook=playbook, entities=entities), sources, broken)
    if issues:  # the rest is still checked (pipeline.check), so one run reports every problem
        raise ContentError(issues, partial=loaded)
    return loaded


def _claim(broken: dict[str, set[str]], kind: str, path: Path, data) -> None:
    """Remember the ids a file that failed validation meant to declare (its `id`, else its name; a stage's deliverables)."""
    data = data if isinstance(data, dict) else {}
    ident = data.get("id") if isinstance(data.get("id"), str) else path.stem
    broken.setdefault(kind, set()).add(ident)
    if kind == "stages" and isinstance(data.get("deliverables"), list):
        broken.setdefault("deliverables", set()).update(
            d["id"] for d in data["deliverables"] if isinstance(d, dict) and isinstance(d.get("id"), str))


# --- pydantic errors in words ---------------------------------------------------------------


def _pydantic_issue(rel: str, data, cls: type[BaseModel], err: dict) -> Issue:
    loc = tuple(err["loc"])
    kind = err["type"]
    if kind == "missing":
        mark = locate(data, loc[:-1]) or Mark(1, 1)
        return Issue(rel, mark.line, mark.col, f"missing required field '{loc[-1]}'")
    if kind == "extra_forbidden":
        mark = locate(data, loc, as_key=True) or Mark(1, 1)
        allowed = _fields_at(cls, loc[:-1])
        hint = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        suffix = f" (did you mean '{hint[0]}'?)" if hint else f" (allowed: {', '.join(sorted(allowed))})"
        return Issue(rel, mark.line, mark.col, f"unknown key '{loc[-1]}'{suffix}")
    mark = locate(data, loc) or Mark(1, 1)
    return Issue(rel, mark.line, mark.col, describe(_path(loc), err))


def _path(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _show(value) -> str:
    if isinstance(value, str):
        return repr(value if len(value) <= 40 else value[:37] + "...")
    return _kind_of(value)


def _kind_of(value) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return "text"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    return repr(value) if isinstance(value, int | float) else f"a {type(value).__name__}"


def describe(field_path: str, err: dict) -> str:
    """A pydantic error in a playbook author's words."""
    kind, ctx, value = err["type"], err.get("ctx") or {}, err.get("input")
    f = f"'{field_path}'"
    if kind == "string_pattern_mismatch":
        if ctx.get("pattern") == SLUG_PATTERN:
            return f"{f}: {_show(value)} is not a valid id; use lowercase letters, digits and single hyphens (like 'partner-fit')"
        if "#[0-9a-fA-F]{6}" in str(ctx.get("pattern")):
            return f"{f} must be a Material colour name (like indigo or deep orange) or a colour like #3d1f6e, got {_show(value)}"
        if str(ctx.get("pattern")).endswith("[dw]$"):
            return f"{f} must be a number of days or weeks, like 7d or 2w, got {_show(value)}"
        return f"{f} must be a web address starting with http:// or https://, got {_show(value)}"
    if kind == "string_too_short":
        return f"{f} must not be empty"
    if kind == "string_too_long":
        return f"{f} is too long (at most {ctx.get('max_length')} characters)"
    if kind == "string_type":
        return f"{f} must be text, got {_show(value)}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"{f} must be a whole number, got {_show(value)}"
    if kind in ("greater_than_equal", "less_than_equal"):
        return f"{f} must be {'at least' if kind == 'greater_than_equal' else 'at most'} {ctx.get('ge', ctx.get('le'))}, got {_show(value)}"
    if kind == "list_type":
        return f"{f} must be a list, got {_show(value)}"
    if kind == "too_short":
        n = ctx.get("min_length")
        return f"{f} needs at least {n} {'entry' if n == 1 else 'entries'}"
    if kind == "enum":
        return f"{f} must be one of {ctx.get('expected')}, got {_show(value)}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"{f} must be a mapping of keys to values, got {_show(value)}"
    if kind.startswith("date"):
        return f"{f} must be a date like 2027-01-31, got {_show(value)}"
    if kind.startswith("bool"):
        return f"{f} must be true or false, got {_show(value)}"
    if kind == "value_error":  # a model's own rule (model_validator), already in authors' words
        return f"{f}: {ctx.get('error')}" if field_path else str(ctx.get("error"))
    return f"{f}: {err['msg'][0].lower()}{err['msg'][1:]}"


def _fields_at(cls: type[BaseModel], loc: tuple) -> list[str]:
    """Field names (as authors write them) of the model found at `loc` inside `cls`."""
    current: object = cls
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        info = next((fi for name, fi in current.model_fields.items() if (fi.alias or name) == part), None)
        if info is None:
            return []
        current = model_inside(info.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [fi.alias or name for name, fi in current.model_fields.items()]
    return []


def relpath(project: Path, path: Path) -> str:
    return os.path.relpath(path, project).replace(os.sep, "/")
