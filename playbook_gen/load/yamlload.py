"""Read one YAML file safely and remember where every value came from.

PyYAML's safe loader builds plain Python values; we wrap mappings and sequences in subclasses that
carry the line and column of each key and item, so any later error can point at `path:line:col`.
Aliases are refused (an alias bomb expands exponentially once walked), and so are duplicate keys
(PyYAML would silently keep the last one), tags beyond plain text, numbers, dates, lists and mappings
(`!!python/object`, `!!binary`, `!!set`...), control characters and nesting deeper than MAX_DEPTH
(the composer recurses, so a line of 20,000 `[` would otherwise exhaust the stack).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 64
# What YAML counts as a line break, so our own marks agree with PyYAML's (str.splitlines knows more breaks).
LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
# The only tags content may use, explicitly or implicitly: PyYAML's safe loader also knows
# !!binary, !!set, !!omap and !!pairs, which build values (bytes, sets, tuples) no field expects.
ALLOWED_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("null", "bool", "int", "float", "str", "value", "timestamp", "seq", "map")}


@dataclass(frozen=True)
class Mark:
    line: int  # 1-based
    col: int  # 1-based


class MarkedDict(dict):
    """A mapping that knows where it starts and where each key and value stands."""

    start: Mark
    key_marks: dict
    value_marks: dict


class MarkedList(list):
    start: Mark
    item_marks: list


class YamlProblem(Exception):
    def __init__(self, message: str, mark: Mark):
        super().__init__(message)
        self.message = message
        self.mark = mark


def _mark(node_mark) -> Mark:
    return Mark(node_mark.line + 1, node_mark.column + 1)


def _show_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


class _Loader(yaml.SafeLoader):
    depth = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise YamlProblem(
                "YAML aliases (*name) are not allowed in content; repeat the value instead",
                _mark(event.start_mark),
            )
        if self.depth >= MAX_DEPTH:
            raise YamlProblem(f"lists and mappings are nested too deeply (more than {MAX_DEPTH} levels)", _mark(event.start_mark))
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def construct_object(self, node, deep=False):
        if node.tag not in ALLOWED_TAGS:
            raise YamlProblem(f"YAML tag '{_show_tag(node.tag)}' is not allowed in content", _mark(node.start_mark))
        return super().construct_object(node, deep=deep)

    def construct_mapping(self, node, deep=False):
        if not isinstance(node, yaml.MappingNode):
            raise YamlProblem("expected a mapping", _mark(node.start_mark))
        result = MarkedDict()
        result.start = _mark(node.start_mark)
        result.key_marks, result.value_marks = {}, {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlProblem("YAML merge keys (<<) are not allowed in content", _mark(key_node.start_mark))
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                raise YamlProblem(f"keys must be text, got {key!r}", _mark(key_node.start_mark))
            if key in result:
                raise YamlProblem(f"duplicate key '{key}'", _mark(key_node.start_mark))
            result[key] = self.construct_object(value_node, deep=True)
            result.key_marks[key] = _mark(key_node.start_mark)
            result.value_marks[key] = _mark(value_node.start_mark)
        return result

    def construct_sequence(self, node, deep=False):
        result = MarkedList(self.construct_object(child, deep=True) for child in node.value)
        result.start = _mark(node.start_mark)
        result.item_marks = [_mark(child.start_mark) for child in node.value]
        return result


_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _Loader.construct_sequence)
_Loader.add_constructor("tag:yaml.org,2002:value", _Loader.construct_yaml_str)  # a lone `=` is text


def parse(text: str):
    """Parse YAML text into marked values; raises YamlProblem with a 1-based location."""
    if "\t" in text:
        # YAML forbids tabs for indentation and PyYAML's message for them is cryptic.
        for n, line in enumerate(LINE_BREAK.split(text), 1):
            stripped = line.lstrip(" ")
            if stripped.startswith("\t"):
                raise YamlProblem("tab character used for indentation; indent with spaces", Mark(n, len(line) - len(stripped) + 1))
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader derives from SafeLoader
    except YamlProblem:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.problem:
            message = f"{exc.problem} ({exc.context})"
        return _raise(message, mark)
    except yaml.reader.ReaderError as exc:  # a control character: locate it by its position in the text
        lines = LINE_BREAK.split(text[: exc.position])
        line, col = len(lines), len(lines[-1]) + 1
        raise YamlProblem(f"control character U+{exc.character:04X} is not allowed; remove it", Mark(line, col)) from None
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML marks every other scanner/parser error
        raise YamlProblem(f"invalid YAML: {exc}", Mark(1, 1)) from None
    except RecursionError:  # pragma: no cover - MAX_DEPTH keeps the composer well inside the stack
        raise YamlProblem("the file is nested too deeply to read", Mark(1, 1)) from None


def _raise(message: str, mark):
    raise YamlProblem(message, Mark(mark.line + 1, mark.column + 1) if mark else Mark(1, 1))


def find_in_value(text: str, data, loc: tuple, needle: str, nth: int = 0) -> Mark | None:
    """The mark of the `nth` occurrence of `needle` inside the text value at `loc`, as the file has it.

    Prose problems point at the link itself, not at the start of its (multi-line) block. The value's source
    runs from its own mark to the next mark in the file (the next key or item), whatever its style: literal or
    folded block, plain or quoted. None when the needle is not there as written (an escape split it).
    """
    start = locate(data, loc)
    if start is None or not needle:
        return None
    later = [m for m in _marks(data) if m > (start.line, start.col)]
    breaks = [0] + [m.end() for m in LINE_BREAK.finditer(text)]  # offset of each line's first character

    def offset(line: int, col: int) -> int:
        return breaks[line - 1] + col - 1 if line - 1 < len(breaks) else len(text)

    begin = offset(start.line, start.col)
    end = offset(*min(later)) if later else len(text)
    # A link's destination stands after "(", "<" or a space, and is not the start of a longer one:
    # `/etc/passwd` is not the one inside `file:///etc/passwd`, nor `stage:launch` inside `stage:launch-2`.
    pattern = re.compile(r"(?<![^\s(<])" + re.escape(needle) + r"(?![a-z0-9-])")
    at = begin - 1
    for _ in range(nth + 1):
        found = pattern.search(text, at + 1, end)
        if found is None:
            return None
        at = found.start()
    line = max(n for n, first in enumerate(breaks, 1) if first <= at)
    return Mark(line, at - breaks[line - 1] + 1)


def _marks(node):
    """Every key, value and item mark inside marked data, as (line, col)."""
    if isinstance(node, MarkedDict):
        for key, value in node.items():
            yield (node.key_marks[key].line, node.key_marks[key].col)
            yield from _marks(value)
    elif isinstance(node, MarkedList):
        for mark, value in zip(node.item_marks, node, strict=True):
            yield (mark.line, mark.col)
            yield from _marks(value)


def locate(data, loc: tuple, *, as_key: bool = False) -> Mark | None:
    """The mark of the value at `loc` (keys and list indexes) in marked data, or of its nearest parent."""
    node, mark = data, getattr(data, "start", None)
    for i, part in enumerate(loc):
        last = i == len(loc) - 1
        if isinstance(node, MarkedDict) and part in node:
            mark = node.key_marks[part] if (last and as_key) else node.value_marks[part]
            node = node[part]
        elif isinstance(node, MarkedList) and isinstance(part, int) and 0 <= part < len(node):
            mark = node.item_marks[part]
            node = node[part]
        else:
            break
    return mark
