"""No English wording outside the catalogue: every template, read with Jinja's own lexer and parser.

Two kinds of text reach readers from a template: its literal text (the lexer's `data` tokens) and string literals
inside expressions. Each must be wording a translator can change, that is the argument of `_()` / `ngettext()`, or
not wording at all. What is not wording is stripped below, each rule with its reason; whatever still holds a
letter fails the test with file:line. Keep the allow-lists small: a new entry needs a reason a reviewer accepts.
"""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
import pytest
from jinja2 import nodes

from playbook_gen.render.env import PACKAGE_TEMPLATES

from .conftest import ROOT

TEMPLATE_SUFFIXES = (".md", ".html", ".css")
LETTER = re.compile(r"[^\W\d_]")  # a letter of any script

# Calls whose positional string arguments are msgids. `lang.t` is Material's own translation (theme overrides).
GETTEXT = {"_", "gettext", "ngettext", "pgettext"}
# Filters that turn a string argument into output text: their arguments are checked like output.
TEXT_FILTERS = {"default", "d", "replace", "join", "format", "truncate", "wordwrap", "center", "indent"}

# String literals in expressions that are genuine non-wording wherever they stand (exact values).
NON_WORDING_STRINGS = {
    "R", "A", "C", "I",  # the RACI method's letters, used as they are in Dutch and German (the legend's msgid names them)
    "DOCX", "XLSX",  # file formats
    "true", "false",  # JavaScript literals written into a script
    "index.html", "material/translate", ".icons/", ".svg",  # a page, an icon and its folder (theme overrides)
}
PLACEHOLDER = re.compile(r"\{\w+\}")  # "{title}": what a JS tool fills into a translated message


def templates() -> list[Path]:
    root = PACKAGE_TEMPLATES
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in TEMPLATE_SUFFIXES
                  and "assets" not in p.relative_to(root).parts)  # assets: our CSS and JS, copied, not rendered


def _env() -> jinja2.Environment:
    # The options of render/env.py (they change what the lexer calls data), without loaders or globals.
    return jinja2.Environment(trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                              extensions=["jinja2.ext.i18n"])


# ---- string literals in expressions -----------------------------------------------------------------------

def _decides(parent: nodes.Node, field: str, macros: set[str]) -> bool | None:
    """Whether a string below `parent.field` is code (True), output (False), or undecided (look further up);
    `macros`: the names of the template's macros (their arguments are printed)."""
    if isinstance(parent, nodes.Call):
        callee = parent.node
        gettext = (isinstance(callee, nodes.Name) and callee.name in GETTEXT) or (
            isinstance(callee, nodes.Getattr) and callee.attr == "t" and isinstance(callee.node, nodes.Name)
            and callee.node.name == "lang")
        if gettext:
            return field == "args"  # msgids; keyword values are filled into the message: output
        return not (isinstance(callee, nodes.Name) and callee.name in macros)  # ordered("roles"): code; a macro prints
    if isinstance(parent, (nodes.Include, nodes.Extends, nodes.Import, nodes.FromImport)):
        return field == "template" or None
    if isinstance(parent, nodes.Pair) and field == "key":
        return True  # a dict's keys
    if isinstance(parent, (nodes.Compare, nodes.Operand, nodes.Test)):
        return True  # compared with a model value ("stage", "end-of-day"), or a test's argument
    if isinstance(parent, nodes.Getitem) and field == "arg":
        return True  # a key: derived.tools[("checklists", id)]
    if isinstance(parent, nodes.Filter):
        if field == "node":
            return True if parent.name == "label" else None  # an enum value, shown as its translated label
        return parent.name not in TEXT_FILTERS  # map(attribute="score"), link("roles") name code
    if isinstance(parent, (nodes.Output, nodes.Assign, nodes.AssignBlock, nodes.Macro, nodes.CallBlock)):
        return False
    return None  # CondExpr, Concat, Or, Tuple, Keyword, ...: as the expression around them


def _strings(node: nodes.Node, chain: tuple = ()):
    """Every string constant with the (parent, field) links above it, nearest last."""
    if isinstance(node, nodes.Const) and isinstance(node.value, str):
        yield node, chain
    for field, value in node.iter_fields():
        for child in value if isinstance(value, list) else [value]:
            if isinstance(child, nodes.Node):
                yield from _strings(child, (*chain, (node, field)))


def expression_wording(source: str) -> list[tuple[int, str]]:
    """(line, text) of each string literal with letters that reaches output outside `_()`."""
    tree = _env().parse(source)
    macros = {m.name for m in tree.find_all(nodes.Macro)}
    found = []
    for const, chain in _strings(tree):
        if not LETTER.search(const.value) or const.value in NON_WORDING_STRINGS or PLACEHOLDER.fullmatch(const.value):
            continue
        verdict = None
        for parent, field in reversed(chain):
            verdict = _decides(parent, field, macros)
            if verdict is not None:
                break
        if not verdict:
            found.append((const.lineno, repr(const.value)))
    return found


# ---- literal template text ---------------------------------------------------------------------------------

# Attributes whose values readers see or hear: kept as text (a tag's other attributes are markup).
WORDING_ATTRIBUTES = ("title", "alt", "aria-label", "aria-description", "aria-roledescription", "placeholder", "label")
_ATTRIBUTE = re.compile(r"""\s(%s)\s*=\s*("[^"]*"|'[^']*')""" % "|".join(WORDING_ATTRIBUTES))
# Markup, not wording, each a (pattern, what it is); matches are blanked (newlines kept, so lines still count).
NON_WORDING_TEXT = [
    (re.compile(r"\A---\n.*?\n---\n", re.S), "front matter: MkDocs page settings (hide: toc)"),
    (re.compile(r"<(script|style)\b.*?</\1>", re.S | re.I), "scripts and styles (CSS checked on its own below)"),
    (re.compile(r"<!--.*?-->", re.S), "HTML comments"),
    (re.compile(r"<!DOCTYPE[^>]*>", re.I), "the doctype"),
    (re.compile(r"</?[A-Za-z][\w-]*(?:[\s\x00][^>]*)?/?>", re.S), "HTML tags and attributes (wording attributes kept, above)"),
    (re.compile(r"\{:?\s*[.#:][^}\n]*\}"), "Markdown attribute lists: { .md-button }, { #id }, {: .class }"),
    (re.compile(r"\]\([^)\s]*\)"), "link and image targets: ](pdf/id.pdf)"),
    (re.compile(r"^[ \t]*(?:!!!|\?\?\?\+?)[ \t]+[a-z-]+(?:[ \t]+inline(?:[ \t]+end)?)?", re.M),
     "admonition markers and types (a quoted title stays wording)"),
    (re.compile(r":[a-z0-9]+(?:-[a-z0-9]+)+:"), "icons: :material-clock-outline:"),
    (re.compile(r"&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);"), "HTML entities"),
    (re.compile(r"https?://\S+"), "URLs"),
]
EXPR = "\x00"  # where an expression or tag stood in the template text


def _skeleton(source: str) -> str:
    """The template's literal text as the lexer sees it, each expression or tag an EXPR, lines kept.

    The text of a block named `*_class` (`{% block body_class %}single{% endblock %}`) is a CSS class: left out.
    """
    out, line, tag, in_class = [], 1, [], False
    for lineno, kind, value in _env().lex(source):
        if lineno > line:  # newlines inside a tag or expression
            out.append("\n" * (lineno - line))
            line = lineno
        if kind == "data":
            out.append(re.sub(r"[^\n]", " ", value) if in_class else value)
            line += value.count("\n")
        elif kind in ("variable_begin", "block_begin"):
            out.append(EXPR)
            tag = []
        elif kind == "name":
            tag.append(value)
        elif kind == "block_end":
            if tag[:1] == ["block"]:
                in_class = tag[1].endswith("_class")
            elif tag[:1] == ["endblock"]:
                in_class = False
    return "".join(out)


def _blank(match: re.Match) -> str:
    """The match as spaces (its newlines kept); a tag keeps the values of its wording attributes."""
    tag = match.group(0)
    kept = " ".join(m.group(2)[1:-1] for m in _ATTRIBUTE.finditer(tag)) if re.match(r"</?[A-Za-z]", tag) else ""
    return kept.replace("\n", " ") + re.sub(r"[^\n]", " ", tag)


def text_wording(source: str, css: bool = False) -> list[tuple[int, str]]:
    """(line, text) of each line of literal template text that still holds a letter once markup is blanked."""
    text = _skeleton(source)
    if css:  # a stylesheet's only wording is in `content:` strings (counters and attr() are not)
        text = re.sub(r"/\*.*?\*/", lambda m: re.sub(r"[^\n]", " ", m.group(0)), text, flags=re.S)
        return [(n, line.strip()) for n, line in enumerate(text.splitlines(), 1)
                if any(LETTER.search(s) for decl in re.findall(r"content:([^;}]*)", line)
                       for s in re.findall(r"\"([^\"]*)\"|'([^']*)'", decl) for s in s)]
    for pattern, _reason in NON_WORDING_TEXT:
        text = pattern.sub(_blank, text)
    return [(n, line.strip().replace(EXPR, "{{…}}")) for n, line in enumerate(text.splitlines(), 1) if LETTER.search(line)]


# ---- the tests ---------------------------------------------------------------------------------------------

def test_templates_are_found():
    names = {p.relative_to(PACKAGE_TEMPLATES).as_posix() for p in templates()}
    assert {"assessment.md", "run.md", "print/scorecard.html", "scorm/package.html", "theme/main.html",
            "print/print.css"} <= names


@pytest.mark.parametrize("path", templates(), ids=lambda p: p.relative_to(PACKAGE_TEMPLATES).as_posix())
def test_no_wording_outside_the_catalogue(path: Path):
    source = path.read_text(encoding="utf-8")
    rel = f"templates/{path.relative_to(PACKAGE_TEMPLATES).as_posix()}"
    found = text_wording(source, css=path.suffix == ".css")
    if path.suffix != ".css":
        found += expression_wording(source)
    problems = [f"{rel}:{line}: {text}" for line, text in sorted(found)]
    assert not problems, "English outside _(): wrap it in _() (whole sentences, numbers as placeholders):\n" + \
        "\n".join(problems)


@pytest.mark.parametrize("source, expected", [
    ("| **Total** | {{ n }} |\n", [(1, "**Total**")]),
    ('{{ _("Owner") }}: {{ x|link("roles") }}\n', []),
    ('{% set d = " (playbook default)" if x else "" %}\n', [(1, "' (playbook default)'")]),
    ('{{ ("**yes**, if scored " ~ low) if c else "–" }}\n', [(1, "'**yes**, if scored '")]),
    ('{{ _("%(o)s", o="no-go"|label) }} {{ _("%(t)s", t="{title}") }}\n', []),
    ('{{ _("%(t)s", t="Untranslated") }}\n', [(1, "'Untranslated'")]),
    ('<a href="x.html" class="md-button" title="Close">{{ _("Open") }}</a> :material-clock: '
     '[{{ _("PDF") }}](a.pdf){ .md-button }\n', [(1, "Close")]),
    ('<tr{% if x %} class="break"{% endif %}>{% block body_class %}single{% endblock %}\n', []),
    ('[Print this checklist (PDF)](pdf/{{ id }}.pdf)\n', [(1, "[Print this checklist (PDF)")]),
    ('!!! note "{{ _("Note") }}"\n\n    {{ text }}\n', []),
    ('!!! note "Heads up"\n', [(1, '"Heads up"')]),
    ('{% macro m(x) %}{{ x }}{% endmacro %}{{ m("Hello") }}\n', [(1, "'Hello'")]),
    ("{# a comment #}\n{{ x }}\n\nNot {{ y }}\n", [(4, "Not")]),
])
def test_the_checker_itself(source, expected):
    """Each rule on a line of its own: what it must find (line, a fragment of the reported text), and nothing else."""
    found = sorted(text_wording(source) + expression_wording(source))
    assert [line for line, _text in found] == [line for line, _fragment in expected]
    for (_line, text), (_n, fragment) in zip(found, expected):
        assert fragment in text


def test_css_content_strings():
    css = '@bottom-right { content: "Page " counter(page); font: 7pt "DejaVu Sans"; }\n.x::after { content: "✓"; }\n'
    assert [n for n, _line in text_wording(css, css=True)] == [1]


def test_the_repository_templates_are_the_packaged_ones():
    assert PACKAGE_TEMPLATES == (ROOT / "templates").resolve()
