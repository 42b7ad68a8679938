"""Property-based tests (hypothesis) of the YAML loader and of id handling."""

from __future__ import annotations

import posixpath
import re

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from playbook_gen.errors import ContentError
from playbook_gen.load.loader import load_file
from playbook_gen.model import SLUG_PATTERN, Term
from playbook_gen.render.filters import relative_url
from playbook_gen.render.pages import entity_path
from playbook_gen.load.yamlload import LINE_BREAK, MAX_DEPTH, MarkedDict, MarkedList, YamlProblem, parse

# Text that looks like YAML: indicators, quotes, anchors, tags, tabs, control and non-ASCII characters.
YAMLISH = st.text(alphabet=st.sampled_from(list("ab1 -:?,[]{}#&*!|>'\"%@`\n\t\\.=<~") + ["\x00", "\x07", "é", "\u2028", "\ufeff"]),
                  max_size=200)
SLUG = st.from_regex(SLUG_PATTERN, fullmatch=True).filter(lambda s: len(s) <= 64)
SEGMENT = st.from_regex(r"[a-z0-9][a-z0-9-]{0,8}", fullmatch=True)
PAGE = st.lists(SEGMENT, min_size=1, max_size=4).map(lambda parts: "/".join(parts) + ".md")
settings.register_profile("playbook", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("playbook")


def marks_of(node):
    """Every mark a parsed document carries."""
    if isinstance(node, MarkedDict):
        yield node.start
        for key in node:
            yield node.key_marks[key]
            yield node.value_marks[key]
            yield from marks_of(node[key])
    elif isinstance(node, MarkedList):
        yield node.start
        yield from node.item_marks
        for item in node:
            yield from marks_of(item)


def inside(text: str, mark) -> bool:
    """The mark names a line of the text (as YAML counts lines) and a column on it, or just past its end."""
    lines = LINE_BREAK.split(text)
    return 1 <= mark.line <= len(lines) + 1 and 1 <= mark.col <= (len(lines[mark.line - 1]) if mark.line <= len(lines) else 0) + 1


@given(YAMLISH)
@example("a: &x [1]\nb: *x\n")
@example("key: !!python/object/apply:os.system [id]\n")
@example("[" * 5000)
@example("a:\n\t- b\n")
def test_any_text_loads_or_is_a_located_problem(text):
    try:
        data = parse(text)
    except YamlProblem as exc:
        assert exc.message
        assert inside(text, exc.mark), (text, exc.mark)
        return
    for mark in marks_of(data):
        assert inside(text, mark), (text, mark)


# Printable text; PyYAML itself does not round-trip NEL (U+0085) or a BOM inside a value.
PLAIN = st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\x85\ufeff")


@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(PLAIN, max_size=20),
                    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(PLAIN, min_size=1, max_size=8), children, max_size=4),
                    max_leaves=30))
def test_plain_data_round_trips_through_the_loader(value):
    """What PyYAML's safe dumper writes (no aliases, no tags) the loader reads back unchanged, with marks inside."""
    import yaml

    text = yaml.safe_dump({"value": value}, allow_unicode=True)
    data = parse(text)
    assert data == {"value": value}
    assert all(inside(text, m) for m in marks_of(data))


@given(st.integers(min_value=1, max_value=3 * MAX_DEPTH))
def test_nesting_depth_is_bounded_not_a_crash(depth):
    text = "[" * depth + "]" * depth
    if depth <= MAX_DEPTH:  # MAX_DEPTH levels are fine, one more is refused
        assert parse(text) is not None
    else:
        with pytest.raises(YamlProblem, match="nested too deeply"):
            parse(text)


@given(st.binary(max_size=300))
@example(b"\xef\xbb\xbfid: x\n")
@example(b"id: caf\xe9\n")
@example(b"")
def test_any_bytes_load_or_are_content_errors(tmp_path_factory, raw):
    project = tmp_path_factory.mktemp("bytes")
    path = project / "content" / "glossary" / "x.yml"
    path.parent.mkdir(parents=True)
    path.write_bytes(raw)
    try:
        rel, data = load_file(project, path)
    except ContentError as exc:
        assert exc.issues and all(i.path == "content/glossary/x.yml" and i.line >= 1 and i.col >= 1 for i in exc.issues)
        return
    assert rel == "content/glossary/x.yml" and isinstance(data, MarkedDict)


@given(SLUG)
def test_every_slug_is_a_valid_id_with_a_safe_page_path(ident):
    term = Term(id=ident, title="T", definition="D")
    for kind, folder in [("stages", "lifecycle"), ("roles", "roles"), ("checklists", "checklists"), ("case_studies", "cases")]:
        path = entity_path(kind, term)
        assert path == f"{folder}/{ident}.md"
        assert posixpath.normpath(path) == path and ".." not in path.split("/")
    assert entity_path("glossary", term) == f"reference/glossary.md#{ident}"


@given(st.text(max_size=30))
@example("../etc/passwd")
@example("Launch")
@example("a--b")
@example("-a")
@example("a/b")
@example("")
def test_anything_that_is_not_a_slug_is_refused(value):
    assume(not re.fullmatch(SLUG_PATTERN, value) or len(value) > 64)
    with pytest.raises(ValidationError):
        Term(id=value, title="T", definition="D")


@given(PAGE, PAGE, st.one_of(st.none(), SLUG))
def test_relative_url_round_trips(from_page, to_page, anchor):
    """Followed from `from_page`, the link reaches `to_page` (and its anchor); it is never empty or absolute."""
    target = to_page + (f"#{anchor}" if anchor else "")
    link = relative_url(from_page, target)
    assert link and not link.startswith("/")
    path, _, got_anchor = link.partition("#")
    assert got_anchor == (anchor or "")
    if path == "":  # an anchor on the same page
        assert to_page == from_page
    else:
        assert posixpath.normpath(posixpath.join(posixpath.dirname(from_page), path)) == to_page
