"""The package layout follows the pipeline: imports point down it, never up, and never in a circle."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT

PACKAGE = ROOT / "playbook_gen"
# The pipeline's layers, bottom first. A module may import its own layer or any layer below it.
LAYERS = [
    {"errors", "version", "options", "i18n"},
    {"model"},
    {"load"},
    {"check"},
    {"derive"},
    {"render"},
    {"export"},
    {"publish"},
    {"pipeline", "serve", "packages", "publishing"},
    {"authoring"},
    {"cli", "__main__", "__init__"},
]
MAX_LINES = 320  # "about 300": a module past this wants splitting


def modules() -> dict[str, Path]:
    """Dotted module name (without the package) -> file, for every module of the package."""
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__" and len(parts) > 1:
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The package modules `name` imports, at the top or inside functions (lazy imports count too)."""
    package = name.split(".")[:-1] if path.name != "__init__.py" else name.split(".")
    if name == "__init__":
        package = []
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets = []
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1] if node.level > 1 else package
                prefix = ".".join([*base, *(node.module.split(".") if node.module else [])])
            elif node.module and node.module.startswith("playbook_gen"):
                prefix = node.module.removeprefix("playbook_gen").lstrip(".")
            else:
                continue
            targets = [f"{prefix}.{a.name}".strip(".") for a in node.names] + [prefix]
        elif isinstance(node, ast.Import):
            targets = [a.name.removeprefix("playbook_gen").lstrip(".") for a in node.names if a.name.startswith("playbook_gen")]
        for t in targets:
            if t in known and t != name:
                found.add(t)
    return found


def graph() -> dict[str, set[str]]:
    mods = modules()
    known = set(mods)
    return {name: imports_of(name, path, known) for name, path in mods.items()}


def layer(name: str) -> int:
    top = name.split(".")[0]
    return next(i for i, group in enumerate(LAYERS) if top in group)


def test_every_module_belongs_to_a_layer():
    assert [m for m in modules() if not any(m.split(".")[0] in g for g in LAYERS)] == []


def test_imports_point_down_the_pipeline():
    upward = sorted(f"{a} imports {b}" for a, targets in graph().items() for b in targets if layer(b) > layer(a))
    assert upward == []


def test_there_are_no_import_cycles():
    g = graph()
    cycles, state = [], {}

    def visit(node, stack):
        state[node] = "open"
        for nxt in sorted(g[node]):
            if state.get(nxt) == "open":
                cycles.append(" -> ".join([*stack[stack.index(nxt):], nxt]))
            elif nxt not in state:
                visit(nxt, [*stack, nxt])
        state[node] = "done"

    for node in sorted(g):
        if node not in state:
            visit(node, [node])
    assert cycles == []


def test_the_layer_check_sees_imports():
    """The graph is not empty by mistake: the render layer really imports the model, the CLI the pipeline."""
    g = graph()
    assert "model" in g["render.pages"] and "pipeline" in g["cli"] and "load.yamlload" in g["load.loader"]


def test_modules_stay_small():
    long = {name: n for name, path in modules().items() if (n := len(path.read_text().splitlines())) > MAX_LINES}
    assert long == {}


def test_version_does_not_load_the_pipeline():
    code = ("import sys\nfrom playbook_gen.cli import main\nsys.argv = ['playbook-gen', '--version']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "heavy = sorted({m.split('.')[0] if not m.startswith('playbook_gen') else m for m in sys.modules\n"
            "                if m.startswith(('mkdocs', 'weasyprint', 'material', 'pydantic', 'jinja2', 'playbook_gen.'))})\n"
            "print('HEAVY', heavy)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "playbook-gen, version" in out.stdout
    heavy = out.stdout.split("HEAVY", 1)[1].strip()
    assert heavy == "['playbook_gen.cli', 'playbook_gen.errors', 'playbook_gen.version']", heavy


def test_internals_page_names_every_module_and_only_real_ones():
    text = (ROOT / "docs" / "internals.md").read_text(encoding="utf-8")
    table = "\n".join(line for line in text.splitlines() if line.startswith("| "))  # the module table
    named = set(re.findall(r"`((?:[a-z0-9_]+/)*[a-z0-9_]+\.py)`", table))
    files = {p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py") if p.name != "__init__.py"}
    assert sorted(named - files) == [], "the internals page names modules that do not exist"
    assert sorted(files - named) == [], "package modules missing from the internals page"


def _internals() -> str:
    return (ROOT / "docs" / "internals.md").read_text(encoding="utf-8")


def test_internals_table_has_one_row_per_module():
    rows = [line.split("|")[2].strip() for line in _internals().splitlines() if line.startswith("| ") and line.count("|") >= 4]
    modules_named = [row for row in rows if row.endswith(".py`") or row.startswith("`playbook_gen.")]
    assert len(modules_named) > 60
    assert sorted({m for m in modules_named if modules_named.count(m) > 1}) == []


def test_internals_page_mentions_of_functions_and_files_resolve():
    """`check/validate.references`, `pipeline.check`, `tests/conftest.py`: what the page names outside its table exists."""
    import importlib

    mods, wrong, checked = modules(), [], 0
    for mention in sorted(set(re.findall(r"`([^`\s]+)`", _internals()))):
        name = re.fullmatch(r"((?:[a-z0-9_]+/)*[a-z0-9_]+)\.([A-Za-z_][A-Za-z0-9_]*)(?:\(.*\))?", mention)
        if name and name.group(1).replace("/", ".") in mods and name.group(2) != "py":
            checked += 1
            if not hasattr(importlib.import_module(f"playbook_gen.{name.group(1).replace('/', '.')}"), name.group(2)):
                wrong.append(mention)
        elif re.fullmatch(r"(tests|templates|bin|docs)/[^<*]+", mention) and "widget" not in mention \
                and "node_modules" not in mention:  # the recipe's example kind; installed by `make test`
            checked += 1
            if not (ROOT / mention).exists():
                wrong.append(mention)
    assert checked > 40
    assert wrong == []


# The steps of a build as README, internals and the pipeline's docstring name them, with the layer that does each.
STEPS = {"load": "load", "check": "check", "derive": "derive", "render": "render", "export": "export",
         "write": "publish", "engine build": "publish", "site exports": "export", "publish": "publish"}


def test_the_stage_order_is_the_same_in_readme_internals_and_the_pipeline():
    arrow = re.compile(r"load → [a-z →]+ → publish")
    lines = {name: arrow.findall(text) for name, text in [
        ("README.md", (ROOT / "README.md").read_text(encoding="utf-8")), ("internals", _internals()),
        ("pipeline.py", ast.get_docstring(ast.parse((PACKAGE / "pipeline.py").read_text(encoding="utf-8"))))]}
    assert all(len(found) == 1 for found in lines.values()), lines
    assert len({found[0] for found in lines.values()}) == 1, lines
    steps = lines["internals"][0].split(" → ")
    assert steps == list(STEPS)
    first = list(dict.fromkeys(STEPS[s] for s in steps))  # each layer where it first acts, in the layers' order
    assert first == sorted(first, key=lambda top: layer(top))


def test_only_the_cli_and_the_catalogue_tool_print_or_exit():
    """internals.md: cli.py is the only module of the tool that prints or exits (i18n/catalogues.py is a developer tool)."""
    calls = {"print", "sys.exit", "exit", "os._exit", "click.echo", "click.secho", "sys.stdout.write", "sys.stderr.write"}
    found = set()
    for name, path in modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and ast.unparse(node.func) in calls:
                found.add(name)
            if isinstance(node, ast.Raise) and node.exc is not None and "SystemExit" in ast.unparse(node.exc):
                found.add(name)
    assert found == {"cli", "i18n.catalogues"}
    row = next(line for line in _internals().splitlines() if line.startswith("| CLI | `cli.py`"))
    assert "`i18n/catalogues.py`" in row


def _top_level_names(tree: ast.Module) -> tuple[dict[str, int], dict[str, int]]:
    """(names imported at the top, names defined at the top) -> line."""
    imported, defined = {}, {}
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module == "__future__":
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            for a in node.names:
                imported[(a.asname or a.name).split(".")[0]] = node.lineno
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            defined[node.name] = node.lineno
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            for target in (node.targets if isinstance(node, ast.Assign) else [node.target]):
                if isinstance(target, ast.Name):
                    defined[target.id] = node.lineno
    return imported, defined


def _used_names(tree: ast.AST) -> set[str]:
    used = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Store):
            used.add(node.id)
        elif isinstance(node, ast.Attribute):
            used.add(node.attr)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):  # "module:attribute" (Kind.exporters)
            used.update(re.findall(r"[\w.]+:([A-Za-z_]\w*)", node.value))
    return used


def test_no_unused_imports_constants_or_private_names():
    """Dead code: an import no line of its module uses, or a private name or CONSTANT nothing anywhere reads."""
    trees = {name: ast.parse(path.read_text(encoding="utf-8")) for name, path in modules().items()}
    elsewhere = [*(ROOT / "tests").rglob("*.py"), *(p for p in (ROOT / "bin").iterdir() if p.is_file())]
    words = set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", "\n".join(
        [*(p.read_text(encoding="utf-8", errors="replace") for p in elsewhere),
         *(p.read_text(encoding="utf-8") for p in (ROOT / "templates").rglob("*") if p.suffix in {".md", ".html", ".js"})])))
    everywhere = set().union(*(_used_names(t) for t in trees.values())) | words
    dead = []
    for name, tree in trees.items():
        imported, defined = _top_level_names(tree)
        exported = {e.value for node in tree.body if isinstance(node, ast.Assign)
                    for t in node.targets if isinstance(t, ast.Name) and t.id == "__all__"
                    for e in getattr(node.value, "elts", [])}
        used_here = _used_names(tree)
        if not name.endswith("__init__") and name.split(".")[-1] not in {"i18n", "model"}:  # packages re-export
            dead += [f"{name}:{line}: import {imp}" for imp, line in imported.items()
                     if imp not in used_here and imp not in exported]
        dead += [f"{name}:{line}: {d}" for d, line in defined.items()
                 if (d.startswith("_") and not d.startswith("__") or d.isupper() and len(d) > 1)
                 and d not in everywhere and d not in exported]
    assert dead == []


def test_no_pattern_is_compiled_in_two_modules():
    """The same regular expression in two modules is one helper written twice (Markdown to plain text was)."""
    where: dict[str, set[str]] = {}
    for name, path in modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and ast.unparse(node.func) == "re.compile" and node.args \
                    and isinstance(node.args[0], ast.Constant):
                where.setdefault(node.args[0].value, set()).add(name)
    assert len(where) > 20
    assert {pattern: sorted(names) for pattern, names in where.items() if len(names) > 1} == {}


def test_the_one_page_check_lives_in_the_render_layer():
    """The layer rule alone would let the check move back into export/ (export may import render): pin it."""
    mods, g = modules(), graph()
    check_parts = {"page_fit", "estimated_lines", "_layout_pages", "read_memo", "write_memo"}
    defined = {name: {n.name for n in ast.parse(path.read_text(encoding="utf-8")).body
                      if isinstance(n, (ast.FunctionDef, ast.ClassDef))} for name, path in mods.items()}
    assert check_parts <= defined["render.fit"]
    assert sorted(name for name, names in defined.items() if names & check_parts and name != "render.fit") == []
    assert sorted(name for name, targets in g.items() if "render.fit" in targets and layer(name) <= layer("export")) == []
