"""`init` and `new`: new projects build at once, starter files validate and show up on the site."""

from __future__ import annotations

import pytest

from playbook_gen.model import KINDS
from playbook_gen.pipeline import check
from playbook_gen.authoring.scaffold import SKELETONS
from playbook_gen.authoring.schema import schema_comment

from .conftest import ROOT, run_cli, tree_digest, write
from .test_schema import editor_view, validator


def test_default_skeleton_is_the_repository_playbook():
    # The package ships links, so `init` always copies the playbook the repository builds.
    for name in ("content", "site_config", "mkdocs.yml"):
        assert (SKELETONS / "default" / name).resolve() == (ROOT / name).resolve()


def test_init_minimal_then_build(tmp_path):
    project = tmp_path / "pb"
    made = run_cli("init", str(project), "--minimal", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert made.stderr.startswith("created 30 files in ")
    for rel in ("README.md", "mkdocs.yml", "templates/README.md", "site_config/branding.yml", "schemas/stage.schema.json",
                "content/playbook.yml", ".gitignore"):
        assert (project / rel).is_file(), rel
    counts = {kind.key: len(list((project / "content" / kind.folder).glob("*.yml"))) for kind in KINDS.values()}
    assert counts == {k: 2 if k == "roles" else 1 for k in KINDS}  # one of every kind to copy from
    # Neutral: a "Partnership playbook", none of the default playbook's alliance wording in what it ships
    # (schemas/ is generated from the model and names its fields).
    shipped = [p for p in project.rglob("*") if p.is_file() and "schemas" not in p.parts]
    assert [p for p in shipped if "alliance" in p.read_text().lower()] == []
    assert (project / "README.md").read_text().startswith("# Partnership playbook\n")
    built = run_cli("build", "--strict", cwd=project, env={"SOURCE_DATE_EPOCH": "1790000000"})
    assert built.returncode == 0, built.stderr
    for page in ("index.html", "lifecycle/explore.html", "checklists/opportunity-check.html", "reference/changes.html",
                 "start/getting-started.html", "cases/first-partner.html", "assessments/partner-fit.html",
                 "training/paths/introduction.html", "training/modules/partnership-basics.html", "reference/sources.html"):
        assert (project / "site" / page).is_file(), page


def test_init_default_copies_the_full_playbook(tmp_path):
    project = tmp_path / "pb"
    made = run_cli("init", str(project), cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert tree_digest(project / "content") == tree_digest(ROOT / "content")
    assert tree_digest(project / "site_config") == tree_digest(ROOT / "site_config")
    assert (project / "mkdocs.yml").read_bytes() == (ROOT / "mkdocs.yml").read_bytes()
    assert check(project, strict=True).loaded.content.stages  # valid, no warnings (the build repeats this check)


def test_init_refuses_an_existing_project_without_force(tmp_path, mini):
    before = tree_digest(mini)
    refused = run_cli("init", "mini", "--minimal", cwd=tmp_path)
    assert refused.returncode == 1
    assert refused.stderr == "error: mini already has content; refusing to overwrite a project (use --force to replace it)\n"
    assert tree_digest(mini) == before
    forced = run_cli("init", "mini", "--minimal", "--force", cwd=tmp_path)
    assert forced.returncode == 0, forced.stderr
    # The old content is replaced as a whole: a leftover stage would reference roles that no longer exist.
    assert sorted(p.name for p in (mini / "content/stages").iterdir()) == ["explore.yml"]
    assert check(mini, strict=True).loaded.content.roles.keys() == {"partnership-manager", "sponsor"}


NEW = [("stage", "stages", "launch", "lifecycle/launch.html"),
       ("role", "roles", "partner-lead", "roles/partner-lead.html"),
       ("checklist", "checklists", "launch-check", "checklists/launch-check.html"),
       ("term", "glossary", "yes", "reference/glossary.html"),  # 'yes' would read as true unless quoted
       ("module", "modules", "first-steps", "training/modules/first-steps.html"),
       ("path", "learning_paths", "onboarding", "training/paths/onboarding.html"),
       ("page", "pages", "why-partner", "guide/why-partner.html"),
       ("source", "sources", "field-guide", "reference/sources.html"),
       ("case", "case_studies", "first-deal", "cases/first-deal.html"),
       ("assessment", "assessments", "partner-score", "assessments/partner-score.html")]


def test_new_covers_every_kind():
    # `new template` is tested in test_toolkit.py: its starter passes `check` once the deliverable names it back.
    assert sorted([kind for _w, kind, _i, _p in NEW] + ["templates"]) == sorted(KINDS)
    assert all(k.new and (SKELETONS / "new" / f"{k.link}.yml").is_file() for k in KINDS.values())


def test_new_keeps_hyphens_in_the_title(mini):
    assert run_cli("new", "term", "co-sell", cwd=mini).returncode == 0
    assert check(mini).loaded.content.glossary["co-sell"].title == "Co-sell"


def test_new_starter_files_validate_and_appear_on_the_site(tmp_path):
    project = tmp_path / "pb"
    assert run_cli("init", str(project), "--minimal", cwd=tmp_path).returncode == 0
    for word, kind, ident, _page in NEW:
        made = run_cli("new", word, ident, cwd=project)
        assert made.returncode == 0, made.stderr
        path = project / "content" / KINDS[kind].folder / f"{ident}.yml"
        assert made.stderr == f"created {path.relative_to(project)}; edit it, then run playbook-gen check\n"
        assert path.read_text().split("\n", 1)[0] == schema_comment(kind)
        assert list(validator(kind).iter_errors(editor_view(path))) == []
    content = check(project, strict=True).loaded.content  # no errors and no warnings
    assert content.stages["launch"].order == 2  # after 'explore'
    assert content.checklists["launch-check"].stage == "launch"  # the last stage
    assert content.checklists["launch-check"].owner == "partnership-manager"  # the playbook's owner role
    assert content.glossary["yes"].title == "Yes"
    assert content.learning_paths["onboarding"].modules == ["first-steps"]
    built = run_cli("build", "--no-pdf", cwd=project, env={"SOURCE_DATE_EPOCH": "1790000000"})
    assert built.returncode == 0, built.stderr
    for _word, kind, ident, page in NEW:
        html = (project / "site" / page).read_text()
        title = content.entities[kind][ident].title
        assert (f'id="{ident}"' if kind in ("glossary", "sources") else f"<h1 id=\"{ident}\">{title}") in html, page


def test_new_refuses_existing_ids_and_bad_input(mini):
    taken = run_cli("new", "stage", "strategy", cwd=mini)
    assert (taken.returncode, taken.stderr) == (1, "error: a stage with id 'strategy' already exists in content/stages/\n")
    bad = run_cli("new", "role", "Partner Lead", cwd=mini)
    assert (bad.returncode, bad.stderr) == (
        1, "error: 'Partner Lead' is not a valid id; use lowercase letters, digits and single hyphens (like 'partner-fit')\n")
    assert run_cli("new", "gadget", "x", cwd=mini).returncode == 2
    # A file whose name differs from its id still claims the id.
    write(mini, "content/roles/other-name.yml", "id: sponsor-two\ntitle: T\nlevel: executive\nsummary: S.\n")
    assert run_cli("new", "role", "sponsor-two", cwd=mini).returncode == 1


def test_new_needs_what_it_refers_to(tmp_path):
    project = tmp_path / "empty"
    (project / "content").mkdir(parents=True)
    result = run_cli("new", "checklist", "first", cwd=project)
    assert (result.returncode, result.stderr) == (1, "error: add a role first: playbook-gen new role ROLE-ID\n")
    assert not (project / "content/checklists").exists()


@pytest.mark.parametrize("word", ["stage", "checklist"])
def test_new_in_the_default_playbook_builds_cleanly(tmp_path, word):
    project = tmp_path / "pb"
    assert run_cli("init", str(project), cwd=tmp_path).returncode == 0
    assert run_cli("new", word, "extra-step", cwd=project).returncode == 0
    content = check(project, strict=True).loaded.content
    if word == "stage":
        assert content.stages["extra-step"].order == max(s.order for s in content.stages.values())
    else:
        last = max(content.stages.values(), key=lambda s: s.order)
        assert content.checklists["extra-step"].stage == last.id
