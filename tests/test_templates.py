"""Template folders: the top-level templates/ is the packaged set; a project overrides or extends it by name."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from playbook_gen.options import Options
from playbook_gen.pipeline import build
from playbook_gen.render.env import PACKAGE_TEMPLATES, template_dirs

from .conftest import ROOT, write


def test_the_top_level_templates_folder_is_the_only_copy_of_the_defaults():
    assert PACKAGE_TEMPLATES == (ROOT / "templates").resolve()
    assert (ROOT / "playbook_gen" / "templates").is_symlink()  # the package reaches them through a link
    for name in ("stage.md", "print/checklist.html", "assets/quiz.js"):
        assert (ROOT / "templates" / name).is_file()
    # No other tracked file repeats a default template or asset.
    defaults = {p.read_bytes() for p in (ROOT / "templates").rglob("*") if p.is_file() and p.stat().st_size > 200}
    tracked = subprocess.run(["git", "-C", str(ROOT), "ls-files"], capture_output=True, text=True, check=True).stdout.split()
    copies = [rel for rel in tracked if not rel.startswith("templates/") and (ROOT / rel).is_file()
              and not (ROOT / rel).is_symlink() and (ROOT / rel).read_bytes() in defaults]
    assert copies == []
    # Building the repository's own playbook, its templates/ is the packaged set, not an override.
    assert template_dirs(ROOT) == [PACKAGE_TEMPLATES]


def test_a_project_template_extends_the_default_and_fills_one_block(mini):
    write(mini, "templates/stage.md", '{% extends "default/stage.md" %}\n'
          "{% block gate %}\n## Our own gate section\n\n{{ super() }}{% endblock %}\n")
    result = build(mini, Options(pdf=False))
    page = (mini / "build" / "docs" / "lifecycle" / "strategy.md").read_text(encoding="utf-8")
    assert "## Our own gate section" in page
    assert "## Purpose" in page and "## Gate: " in page  # the rest of the default, and the block's own content
    assert page.index("## Our own gate section") < page.index("## Gate: ")
    assert (result.site_dir / "lifecycle" / "strategy.html").is_file()


PAGE_BLOCKS = {"title", "body", "footer"}  # docs/authoring.md "Templates and branding" promises these


def _blocks(env, name: str) -> tuple[set[str], list]:
    from jinja2 import nodes
    tree = env.parse(env.loader.get_source(env, name)[0])
    return {b.name for b in tree.find_all(nodes.Block)}, tree.body


def test_every_page_and_print_template_has_the_documented_blocks():
    from jinja2 import nodes

    from playbook_gen.render.env import make_env
    env = make_env(ROOT)
    pages = sorted(p.name for p in PACKAGE_TEMPLATES.glob("*.md") if not p.name.startswith("_"))
    assert len(pages) >= 20
    missing = {name: sorted(PAGE_BLOCKS - _blocks(env, name)[0]) for name in pages}
    assert {name: gone for name, gone in missing.items() if gone} == {}
    for path in sorted((PACKAGE_TEMPLATES / "print").rglob("*.html")):
        name = path.relative_to(PACKAGE_TEMPLATES).as_posix()
        blocks, body = _blocks(env, name)
        if blocks:  # a print document or its base
            assert {"title", "body"} <= blocks, name
        else:  # a macro library, imported by the documents and overridden whole: nothing outside its macros
            assert all(isinstance(n, nodes.Macro) or (isinstance(n, nodes.Output) and all(
                isinstance(d, nodes.TemplateData) and not d.data.strip() for d in n.nodes)) for n in body), name
            assert any(isinstance(n, nodes.Macro) for n in body), name


def test_a_project_template_extends_an_index_page_and_fills_its_footer(mini):
    from playbook_gen.pipeline import check
    from playbook_gen.render.pages import render_site
    write(mini, "templates/roles.md", '{% extends "default/roles.md" %}\n'
          "{% block footer %}\n\n*Roles are reviewed every spring.*\n{% endblock %}\n")
    write(mini, "templates/glossary.md", '{% extends "default/glossary.md" %}\n'
          "{% block title %}\n# Our words\n{% endblock %}\n")
    files = render_site(check(mini).loaded.content, mini).files
    roles = files["roles/index.md"].decode()
    assert roles.startswith("# Roles\n") and "| [Alliance manager](" in roles  # the default's title and body
    assert roles.rstrip().endswith("*Roles are reviewed every spring.*")
    glossary = files["reference/glossary.md"].decode()
    assert glossary.startswith("# Our words\n") and "## Strategic fit" in glossary


def test_a_project_replaces_a_site_asset_by_name(mini):
    write(mini, "templates/assets/quiz.css", "/* our own quiz look */\n")
    result = build(mini, Options(pdf=False))
    assert (result.site_dir / "assets" / "quiz.css").read_text() == "/* our own quiz look */\n"
    assert (result.site_dir / "assets" / "checklists.js").read_bytes() == (ROOT / "templates/assets/checklists.js").read_bytes()


@pytest.mark.slow
def test_the_wheel_carries_the_templates_and_builds_a_new_project(tmp_path):
    """Build the wheel, install it in a fresh virtual environment, then `init` and `build` a project with it."""
    wheels, source = tmp_path / "wheels", tmp_path / "source"
    # Build from a copy: setuptools builds in place, and build/ in the checkout is the playbook's work folder.
    shutil.copytree(ROOT, source, symlinks=True, ignore=shutil.ignore_patterns(
        ".git", ".venv", "site", "build", "*.egg-info", "__pycache__", ".pytest_cache", ".hypothesis", "node_modules"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(wheels), str(source)],
                   check=True, capture_output=True, timeout=300)
    wheel = next(wheels.glob("playbook_gen-*.whl"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    site_packages = Path(subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                        capture_output=True, text=True, check=True).stdout.strip())
    # The wheel goes into the new environment; its dependencies come from ours (no download, and the
    # editable install of the checkout is not on that path: it is only reachable through a .pth hook).
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site_packages), str(wheel)],
                   check=True, capture_output=True, timeout=300)
    (site_packages / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    installed = site_packages / "playbook_gen" / "templates"
    assert (installed / "stage.md").is_file() and not installed.is_symlink()
    assert (installed / "print" / "checklist.html").is_file() and (installed / "assets" / "quiz.js").is_file()
    locale = site_packages / "playbook_gen" / "i18n" / "locale"  # the interface catalogues ship in the wheel
    assert {p.parent.parent.name for p in locale.glob("*/LC_MESSAGES/playbook_gen.po")} == {"de", "en", "nl"}
    # A mark in the installed copy shows that pages come from the packaged set, not from the checkout.
    stage = installed / "stage.md"
    stage.write_text(stage.read_text().replace("{% block body %}", "{% block body %}\nFROM THE WHEEL\n", 1))
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
    env["SOURCE_DATE_EPOCH"] = "1790000000"
    run = {"cwd": tmp_path, "capture_output": True, "text": True, "env": env, "timeout": 600}
    where = subprocess.run([python, "-c", "import playbook_gen.render.env as e; print(e.PACKAGE_TEMPLATES)"], **run)
    assert where.stdout.strip() == str(installed.resolve()), where.stderr
    init = subprocess.run([python, "-m", "playbook_gen", "init", "proj", "--minimal"], **run)
    assert init.returncode == 0, init.stderr
    assert not (tmp_path / "proj" / "templates" / "stage.md").exists()
    built = subprocess.run([python, "-m", "playbook_gen", "build", "-p", "proj", "--no-pdf"], **run)
    assert built.returncode == 0, built.stderr
    stages = list((tmp_path / "proj" / "site" / "lifecycle").glob("*.html"))
    pages = [p for p in stages if p.name != "index.html"]
    assert pages and all("FROM THE WHEEL" in p.read_text() for p in pages)
    shutil.rmtree(venv)
