"""Audience-filtered builds: the filter as a pure function, and a whole build where nothing restricted leaks."""

from __future__ import annotations

import html
import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import jinja2
import pytest
import yaml
from pypdf import PdfReader

from playbook_gen.derive.audience import for_audience
from playbook_gen.errors import BuildError, UsageError
from playbook_gen.export.json_export import to_json
from playbook_gen.load.loader import load
from playbook_gen.render.filters import md
from playbook_gen.render.pages import render_site

from .conftest import all_strings, copy_default_project, run_cli, write


def restrict(project: Path, rel: str, audiences: list[str]) -> None:
    path = project / rel
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["audiences"] = audiences
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def test_no_audience_is_the_whole_playbook(mini):
    c = load(mini).content
    assert for_audience(c, None) is c


def test_a_readers_build_leaves_out_the_pages_about_keeping_the_playbook(tmp_path):
    """--audience: no review dates and no change log (issue 15); the whole playbook's build keeps both."""
    from playbook_gen.options import Options

    project = copy_default_project(tmp_path / "playbook")
    c = load(project).content
    about = {"reference/review.md", "reference/changes.md"}
    assert about <= set(render_site(c, project).files)
    staff = render_site(for_audience(c, "all-staff"), project, Options(audience="all-staff")).files
    assert about & set(staff) == set() and "index.md" in staff
    assert not re.search(r"reference/(review|changes)\.md", " ".join(v.decode() for v in staff.values()))


def test_unknown_audience_is_a_usage_error(mini):
    with pytest.raises(UsageError) as err:
        for_audience(load(mini).content, "staff")
    assert str(err.value) == "unknown audience 'staff' (the playbook's audiences: executives, all-staff)"
    result = run_cli("build", "--audience", "staff", cwd=mini)
    assert result.returncode == 2
    assert result.stderr == "error: unknown audience 'staff' (the playbook's audiences: executives, all-staff)\n"
    assert not (mini / "site").exists()


def test_hidden_entities_and_every_reference_to_them_are_pruned(mini):
    restrict(mini, "content/checklists/partner-fit.yml", ["executives"])  # listed in stage strategy's checklists
    restrict(mini, "content/glossary/showstopper.yml", ["executives"])  # see_also of strategic-fit
    restrict(mini, "content/stages/launch.yml", ["executives"])  # takes its kick-off checklist with it
    c = load(mini).content
    staff = for_audience(c, "all-staff")
    assert sorted(staff.checklists) == ["rationale"]
    assert sorted(staff.stages) == ["partner-analysis", "strategy"]
    assert staff.stages["strategy"].checklists == []
    assert staff.glossary["strategic-fit"].see_also == []
    assert [d.stage for d in staff.roles["alliance-manager"].duties] == ["partner-analysis"]
    # The audience that may see them gets everything, and the input is left as it was (a pure function).
    execs = for_audience(c, "executives")
    assert sorted(execs.checklists) == ["kick-off", "partner-fit", "rationale"]
    assert c.stages["strategy"].checklists == ["partner-fit"]
    assert json.loads(to_json(execs)) == json.loads(to_json(c))


def test_hidden_roles_leave_activities_and_escalation_intact(mini):
    restrict(mini, "content/roles/functional-lead.yml", ["executives"])
    write(mini, "content/roles/team-member.yml", "id: team-member\ntitle: Team member\nlevel: operational\n"
          "summary: Works in the joint team.\nescalates_to: functional-lead\n")
    c = load(mini).content
    staff = for_audience(c, "all-staff")
    assert "functional-lead" not in staff.roles
    assert staff.stages["launch"].activities[0].responsible == ["alliance-manager"]
    assert staff.stages["strategy"].activities[0].consulted == []
    # The team member escalated to the hidden functional lead: now to the next visible role above it.
    assert staff.roles["team-member"].escalates_to == "alliance-manager"
    assert c.roles["team-member"].escalates_to == "functional-lead"


def test_an_entity_that_cannot_stand_without_a_hidden_one_is_a_clear_error(mini):
    restrict(mini, "content/roles/alliance-manager.yml", ["executives"])
    c = load(mini).content
    c = c.model_copy(update={"playbook": c.playbook.model_copy(update={"owner": "executive-sponsor"})})
    with pytest.raises(BuildError) as err:
        for_audience(c, "all-staff")
    assert str(err.value) == (
        "stages 'partner-analysis' cannot be shown to audience 'all-staff' without what it hides "
        "(activities.0.responsible); make the hidden entities visible to it, or hide this one too")


def test_prose_links_to_hidden_entities_become_text(mini):
    restrict(mini, "content/stages/strategy.yml", ["executives"])
    c = for_audience(load(mini).content, "all-staff")
    assert c.playbook.description.startswith("A small playbook used by the tests. It links to the first stage.")
    files = render_site(c, mini).files
    assert "strategy" not in " ".join(files)
    assert "It links to the first stage." in files["index.md"].decode()
    assert "Strategy and readiness" not in "".join(f.decode() for f in files.values())


def test_md_filter_renders_links_to_missing_entities_as_text():
    env = jinja2.Environment(undefined=jinja2.StrictUndefined)
    env.filters["md"] = md

    def resolve(kind, ident):
        if ident == "gone":
            raise KeyError(ident)
        return f"lifecycle/{ident}.md", ident

    out = env.from_string("{{ v|md }}").render(
        v="See [the gate](stage:gone) and [the launch](stage:launch).", page_path="roles/x.md", resolve=resolve)
    assert out == '<p>See the gate and <a href="../lifecycle/launch.html">the launch</a>.</p>'


# --- the whole default playbook built for all staff ---------------------------------------------------------


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def restricted_markers(project: Path, audience: str) -> list[str]:
    """Text that only restricted entities hold: their titles, item texts, criteria, questions, first lines of prose.

    Text an author also wrote in a visible entity (a shared phrase) is not a marker: it may appear legitimately.
    """
    c = load(project).content
    hidden, shown = [], []
    for items in c.entities.values():
        for e in items.values():
            (shown if not e.audiences or audience in e.audiences else hidden).append(e.model_dump(mode="json"))
    visible_text = _norm(" ".join(s for d in shown for s in all_strings(d)))
    markers = set()
    for d in hidden:
        for s in all_strings(d):
            line = _norm(s.strip().splitlines()[0]) if s.strip() else ""
            if len(line) >= 20 and not re.search(r"[\[\]*_`|#<>&\"'’]", line) and line not in visible_text:
                markers.add(line)
    return sorted(markers)


def output_texts(site: Path):
    """(file, text) for every file the site holds; PDFs, slide decks and zipped sitemaps as their text."""
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if path.suffix == ".pdf":
            text = " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
        elif path.suffix == ".pptx":
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                text = " ".join(re.sub(r"<[^>]+>", " ", z.read(n).decode("utf-8")) for n in z.namelist() if n.endswith(".xml"))
        elif path.suffix == ".gz":
            import gzip

            text = gzip.decompress(data).decode("utf-8")
        else:
            text = data.decode("utf-8", errors="replace")
            if path.suffix in (".js", ".json"):  # JSON string escapes, as in the search index
                text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)
        yield path.relative_to(site).as_posix(), _norm(html.unescape(text))


@pytest.fixture(scope="module")
def staff_site(tmp_path_factory, default_site) -> Path:
    """The all-staff build, over the full build's build/ folder: exports the audience sees unchanged come from the
    shared cache (quicker), and a cache entry that carried restricted content across would fail the tests here."""
    dest = copy_default_project(tmp_path_factory.mktemp("audience") / "playbook")
    shutil.copytree(default_site / "build", dest / "build", ignore=shutil.ignore_patterns("build.lock", "serve"))
    result = run_cli("build", "--audience", "all-staff", cwd=dest, env={"SOURCE_DATE_EPOCH": "1790000000"}, timeout=600)
    assert result.returncode == 0, result.stderr
    return dest


def test_all_staff_build_contains_nothing_restricted(staff_site):
    markers = restricted_markers(staff_site, "all-staff")
    # The default playbook restricts the partner-fit scorecard, the misfit register review and the alliance team's page.
    assert "Every showstopper entry states why it cannot be bridged." in markers
    assert "Partner-fit scorecard" in markers
    assert len(markers) > 40
    paths = ["assessments/partner-fit", "checklists/misfit-register-review", "start/for-alliance-team",
             "misfit-register-review.pdf", "partner-fit.pdf"]
    texts = list(output_texts(staff_site / "site"))
    kinds = {Path(name).suffix for name, _ in texts}
    assert {".html", ".json", ".js", ".xml", ".pdf"} <= kinds  # pages, search index, sitemap, export, PDFs
    hits = [(name, m) for name, text in texts for m in markers + paths if m in text]
    assert hits == []
    assert not (staff_site / "site/assessments").exists()
    # ... while the same markers are in a full build's pages (so the check above can find them).
    full = load(staff_site).content
    pages = render_site(full, staff_site).files
    everything = _norm(html.unescape(" ".join(v.decode() for v in pages.values())))
    assert "Every showstopper entry states why it cannot be bridged." in everything
