"""The one walk over references: every place an entity (or the playbook file) names another entity.

Reference fields are marked on the models (`base.Ref`), and Markdown fields (`base.Prose`) hold entity links
such as `[gate](stage:go-no-go)`. `walk` yields each reference with its location in the entity's data, so
validation (does the target exist?), audience filtering (is the target hidden?), the reverse indexes and
tests all see exactly the same set of references.
"""

from __future__ import annotations

import functools
import re
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass

from pydantic import BaseModel

from . import prose
from .base import Prose, Ref
from .kinds import KINDS


@dataclass(frozen=True)
class Reference:
    loc: tuple  # where, inside the entity's data: YAML keys (field aliases) and list indexes
    kind: str  # the kind referred to, e.g. "roles" (or "audiences", declared in playbook.yml)
    value: str  # the id
    required: bool = False  # a plain field (not optional, not a list item): the owner cannot do without it
    prose: bool = False  # an entity link inside Markdown prose
    pass_by: bool = False  # see base.Ref
    also: tuple[str, ...] = ()  # see base.Ref: other kinds the id may name


def link_pattern() -> re.Pattern:
    """A whole entity link `[text](word:id)` (optionally with #anchor and "title"), for the registry's link words."""
    return _patterns(tuple(sorted(KINDS.by_link())))[1]


def destination_pattern() -> re.Pattern:
    """An entity link's destination `](word:id`: what the renderer resolves, whatever follows it."""
    return _patterns(tuple(sorted(KINDS.by_link())))[0]


@functools.cache
def _patterns(words: tuple[str, ...]) -> tuple[re.Pattern, re.Pattern]:
    alternatives = "|".join(map(re.escape, words))
    return (re.compile(r"\]\(\s*<?(" + alternatives + r"):([a-z0-9-]+)"),
            re.compile(r"\[([^\]]*)\]\(\s*<?(" + alternatives + r"):([a-z0-9-]+)(#[^\s>)]*)?>?"
                       r"(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)"))


def prose_links(text: str) -> Iterator[tuple[str, str]]:
    """(kind key, id) for every entity link in Markdown prose, read from the parsed prose (model/prose.py)."""
    by_link = KINDS.by_link()
    for link in prose.links(text):
        found = prose.entity_link(link.url, by_link)
        if found and not link.image:
            yield by_link[found[0]], found[1]


# --- field shapes: how what a field holds nests inside its annotation ---------------------------------
# A shape says where to find something inside a value of some annotation: a leaf's own shape, ("optional", shape),
# ("list", shape), ("model", cls), or NOTHING. The references below and the translatable text fields
# (load/translations.py) are both read this way; only the leaves they look for differ.
NOTHING = ("none",)


def shape_of(annotation, leaf, nested, metadata: tuple = (), optional: bool = True) -> tuple:
    """The shape of `annotation` for what `leaf(annotation, metadata)` recognises (it returns a shape, or None to look
    further). Metadata (`Ref`, `Prose`, string constraints) collects through `Annotated` and `X | None`; a list's
    items start afresh. `X | None` is ("optional", shape), or X's own shape when not `optional`; a model is
    ("model", cls) when `nested(cls)` says something inside it counts; anything else is NOTHING."""
    found = leaf(annotation, metadata)
    if found is not None:
        return found
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        inner, *meta = typing.get_args(annotation)
        return shape_of(inner, leaf, nested, (*metadata, *meta), optional)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        inner = shape_of(args[0], leaf, nested, metadata, optional) if len(args) == 1 else NOTHING
        return inner if inner == NOTHING or not optional else ("optional", inner)
    if origin is list:
        inner = shape_of(typing.get_args(annotation)[0], leaf, nested, (), optional)
        return NOTHING if inner == NOTHING else ("list", inner)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return ("model", annotation) if nested(annotation) else NOTHING
    return NOTHING


def model_inside(annotation) -> type[BaseModel] | None:
    """The model a field of this annotation holds (as it is, optional or in a list), else None."""
    shape = shape_of(annotation, lambda _annotation, _metadata: None, lambda _cls: True, optional=False)
    while shape[0] == "list":
        shape = shape[1]
    return shape[1] if shape[0] == "model" else None


def _reference_leaf(annotation, metadata: tuple):
    for m in metadata:
        if isinstance(m, Ref):
            return ("ref", m.kind, m.pass_by, m.also)
        if isinstance(m, Prose):
            return ("prose",)
    return None


@functools.cache
def _fields(cls: type[BaseModel]) -> tuple:
    """(attribute, YAML key, shape) for every field of `cls` that can hold a reference."""
    out = []
    for name, info in cls.model_fields.items():
        shape = shape_of(info.annotation, _reference_leaf, lambda inner: bool(_fields(inner)), tuple(info.metadata))
        if shape != NOTHING:
            out.append((name, info.alias or name, shape))
    return tuple(out)


def walk(obj: BaseModel) -> Iterator[Reference]:
    """Every reference inside an entity or the playbook file, in field order."""
    for loc, shape, value, required in _sites(obj):
        if shape[0] == "ref":
            yield Reference(loc, shape[1], value, required=required, pass_by=shape[2], also=shape[3])
        else:
            for kind, ident in prose_links(value):
                yield Reference(loc, kind, ident, prose=True)


def prose_fields(obj: BaseModel) -> Iterator[tuple[tuple, str]]:
    """(location, text) of every Markdown field inside an entity or the playbook file."""
    for loc, shape, value, _required in _sites(obj):
        if shape[0] == "prose":
            yield loc, value


def _sites(obj: BaseModel):
    """(location, shape, value, required) of every reference field and Markdown field, found one way for all."""
    for name, key, shape in _fields(type(obj)):
        yield from _descend(getattr(obj, name), shape, (key,), True)


def _descend(value, shape, loc: tuple, required: bool):
    if value is None:
        return
    tag = shape[0]
    if tag in ("ref", "prose"):
        yield loc, shape, value, required
    elif tag == "optional":
        yield from _descend(value, shape[1], loc, False)
    elif tag == "list":
        for i, item in enumerate(value):
            yield from _descend(item, shape[1], (*loc, i), False)
    elif tag == "model":
        for name, key, inner in _fields(shape[1]):
            yield from _descend(getattr(value, name), inner, (*loc, key), True)
