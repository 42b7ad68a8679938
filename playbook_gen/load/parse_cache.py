"""Parsed content files, cached by their exact text, so a warm build skips YAML parsing.

Pure-Python YAML parsing (needed for exact line:column marks) is most of the cost of `check`; an unchanged
file is looked up by the hash of its text instead. The cache is `build/parsed.json`: the parsed, line-marked
data of each file as plain JSON (rebuilt into MarkedDict/MarkedList on use, then validated again: pydantic is
fast), sealed with this user's key (`sealed.py`). It is rebuilt when playbook-gen's model or loader code
changes; a damaged or foreign one is ignored with a notice. The old `parsed.pickle` is never loaded.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from ..errors import Issue
from ..version import __version__
from . import sealed
from .yamlload import Mark, MarkedDict, MarkedList

KIND = "parsed-content"
PICKLE = "parsed.pickle"  # what playbook-gen 0.1 wrote beside it; unpickling runs code, so it is only reported
# The code whose changes make cached entries stale: the model and the loader.
_CODE = ("model", "load")


def _code_version() -> str:
    h = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parent.parent
    for folder in _CODE:
        for path in sorted((package / folder).glob("*.py")):
            h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


class ParseCache:
    """`get` and `put` marked YAML data by key; `save` keeps what this run used. `notices` says what was ignored."""

    def __init__(self, path: Path | None, shown: str | None = None):
        self.path = path
        self.version = _code_version()
        self.entries: dict[str, list] = {}  # key -> encoded data, as read
        self.used: dict[str, list] = {}
        # In memory only (no path: serve's cache between runs), decoded data is kept too, so an edit does not
        # decode every other file again (data is read, never changed, after loading).
        self.decoded: dict[str, object] = {}
        self.notices: list[Issue] = []
        if path:
            where = (shown or path.name).removesuffix(path.name)
            if path.with_name(PICKLE).exists():
                self.notices.append(sealed.notice(where + PICKLE, "playbook-gen no longer reads pickle files (loading "
                                                  "one can run code)", "the next successful build deletes it"))
            entries = sealed.read_json(path, KIND, self.version, self.notices, shown)
            if isinstance(entries, dict):
                self.entries = entries

    @staticmethod
    def key(kind: str, text: str) -> str:
        return hashlib.sha256(f"{kind}\0{text}".encode()).hexdigest()

    def get(self, key: str):
        raw = self.entries.get(key)
        if raw is None:
            return None
        if key in self.decoded:
            self.used[key] = raw
            return self.decoded[key]
        try:
            data = decode(raw)
        except (TypeError, ValueError):  # only if our own encoding changed without a code version change
            return None
        self.used[key] = raw
        if self.path is None:
            self.decoded[key] = data
        return data

    def put(self, key: str, data) -> None:
        if key in self.used:  # `get` found it: already encoded
            return
        try:
            self.used[key] = encode(data)
        except TypeError:  # a value JSON cannot hold: that file is parsed again next time
            pass

    def next_run(self) -> None:
        """In memory (serve): what this run used is what the next run looks up; files no longer there are forgotten."""
        self.entries, self.used = self.used, {}
        self.decoded = {k: v for k, v in self.decoded.items() if k in self.entries}

    def save(self) -> None:
        """Keep only what this run used, written atomically (and the old pickle deleted, unread)."""
        if not self.path or not self.path.parent.is_dir():
            return
        self.path.with_name(PICKLE).unlink(missing_ok=True)
        if self.used.keys() != self.entries.keys():
            sealed.write_json(self.path, KIND, self.version, self.used)


# --- marked YAML data as JSON values ------------------------------------------------------------
# A mapping is ["map", line, col, [[key, key line, key col, value line, value col, value], ...]],
# a list ["seq", line, col, [[line, col, item], ...]], dates ["date", iso] and ["datetime", iso];
# text, numbers, booleans and null stand for themselves.


def encode(node):
    if isinstance(node, MarkedDict):
        return ["map", *_pos(node.start), [[k, *_pos(node.key_marks[k]), *_pos(node.value_marks[k]), encode(v)]
                                          for k, v in node.items()]]
    if isinstance(node, MarkedList):
        return ["seq", *_pos(node.start), [[*_pos(m), encode(v)] for m, v in zip(node.item_marks, node, strict=True)]]
    if isinstance(node, dt.datetime):
        return ["datetime", node.isoformat()]
    if isinstance(node, dt.date):
        return ["date", node.isoformat()]
    if node is None or isinstance(node, (str, int, float)):
        return node
    raise TypeError(f"cannot cache a {type(node).__name__}")


def decode(value):
    if not isinstance(value, list):
        if value is None or isinstance(value, (str, int, float)):
            return value
        raise TypeError(f"unexpected {type(value).__name__} in the parse cache")
    tag, *rest = value
    if tag == "map":
        line, col, items = rest
        node = MarkedDict()
        node.start, node.key_marks, node.value_marks = Mark(line, col), {}, {}
        for key, kl, kc, vl, vc, item in items:
            node[key] = decode(item)
            node.key_marks[key], node.value_marks[key] = Mark(kl, kc), Mark(vl, vc)
        return node
    if tag == "seq":
        line, col, items = rest
        node = MarkedList(decode(item) for _, _, item in items)
        node.start, node.item_marks = Mark(line, col), [Mark(il, ic) for il, ic, _ in items]
        return node
    if tag == "datetime":
        return dt.datetime.fromisoformat(*rest)
    if tag == "date":
        return dt.date.fromisoformat(*rest)
    raise ValueError(f"unknown tag {tag!r} in the parse cache")


def _pos(mark: Mark) -> tuple[int, int]:
    return mark.line, mark.col
