"""Translation files: `content/<folder>/<name>.<lang>.yml` beside the original, `content/playbook.<lang>.yml`.

A translation holds the translated text fields of one entity (or of the playbook file) and nothing else; this
module only finds and parses them (with the same safety checks as any content file). `check/translations.py`
matches them against the originals and builds each language's content.

Which fields are text is read from the models, never listed by hand: a string field without a pattern (the
`Text` type: titles, summaries, list items) or a Markdown field (`Prose`) is translatable; ids, references,
web addresses, numbers, dates and enums are not.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

from ..errors import ContentError, Issue
from ..model import KINDS
from ..model.base import Prose, Ref
from ..model.refs import NOTHING, shape_of
from .loader import PLAYBOOK_FILE, TRANSLATION_NAME, parse_text, read_text
from .parse_cache import ParseCache
from .yamlload import MarkedDict


@dataclass
class TranslationFile:
    kind: str  # a kind key, or "playbook"
    lang: str
    path: str  # relative to the project
    data: MarkedDict


def translation_files(project: Path) -> list[tuple[str, str, Path]]:
    """(kind, language, path) of every translation file, in a stable order."""
    root = Path(project) / "content"
    found = []
    folders = [("playbook", root)] + [(kind.key, root / kind.folder) for kind in KINDS.values()]
    for kind, folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            m = TRANSLATION_NAME.match(path.name)
            if not m or path.name.startswith("."):
                continue
            if kind == "playbook" and m["stem"] != PLAYBOOK_FILE.removesuffix(".yml"):
                continue
            found.append((kind, m["lang"], path))
    return found


def load_translations(project: Path, cache: ParseCache | None = None) -> tuple[list[TranslationFile], list[Issue]]:
    """Every translation file parsed (marked YAML); problems reading or parsing one are issues, not exceptions.
    With a cache (the loader's), a file whose text is unchanged is not parsed again."""
    project = Path(project)
    files, issues = [], []
    for kind, lang, path in translation_files(project):
        rel = path.relative_to(project).as_posix()
        try:
            text = read_text(project, path, rel)
            key = ParseCache.key(f"{kind}.{lang}", text)
            data = cache.get(key) if cache else None
            if data is None:
                data = parse_text(rel, text)
            if cache:
                cache.put(key, data)
            files.append(TranslationFile(kind, lang, rel, data))
        except ContentError as exc:
            issues += exc.issues
    return files, issues


# --- which fields are text ------------------------------------------------------------------
# A shape (model/refs.shape_of): ("text", prose?) | ("list", shape) | ("model", cls) | FIXED (nothing to translate).
FIXED = NOTHING


@functools.cache
def text_fields(cls: type[BaseModel]) -> dict[str, tuple]:
    """YAML key -> shape, for every field of `cls` (fixed ones too, so a translation can be told it is not text)."""
    return {info.alias or name: _shape(info.annotation, tuple(info.metadata)) for name, info in cls.model_fields.items()}


def _text_leaf(annotation, metadata: tuple):
    """A reference is fixed, Markdown is text (prose), and so is `str` without a pattern (ids, web addresses,
    languages and colours have one)."""
    for m in metadata:
        if isinstance(m, Ref):
            return FIXED
        if isinstance(m, Prose):
            return ("text", True)
    if annotation is str:
        return FIXED if any(getattr(m, "pattern", None) for m in metadata) else ("text", False)
    return None


def _shape(annotation, metadata: tuple = ()) -> tuple:
    return shape_of(annotation, _text_leaf, lambda cls: any(s != FIXED for s in text_fields(cls).values()),
                    metadata, optional=False)
