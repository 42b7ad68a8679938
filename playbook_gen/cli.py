"""The command line: each command is a few lines over library calls. Only this module prints or exits."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .version import __version__
from .errors import ContentError, PlaybookError, UsageError

project_option = click.option(
    "-p", "--project", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
    show_default=True, help="The playbook project folder (holds content/).",
)


lang_option = click.option(
    "--lang", metavar="CODE", default=None,
    help="One of the playbook's languages (content/playbook.yml `languages`): its translated content (the original "
         "where a translation is missing) and interface words. Default: the playbook's own language.")


class KindWord(click.ParamType):
    """The kinds `new` can start a file for, read from the kind registry only when the command runs."""

    name = "kind"

    def convert(self, value, param, ctx):
        from .authoring.scaffold import new_kinds

        words = new_kinds()
        if value not in words:
            self.fail(f"{value!r} is not one of {', '.join(map(repr, words))}.", param, ctx)
        return value


def fail(exc: PlaybookError) -> None:
    """Print a library error the way users read it, and exit 1. No traceback."""
    if isinstance(exc, ContentError):
        for issue in exc.issues:
            click.echo(str(issue), err=True)
        n = len(exc.issues)
        click.echo(f"{n} problem{'s' if n != 1 else ''} found", err=True)
    else:
        click.echo(f"error: {exc}", err=True)
    sys.exit(2 if isinstance(exc, UsageError) else 1)


def echo_warnings(warnings) -> None:
    for w in warnings:
        click.echo(str(w), err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="playbook-gen")
def cli() -> None:
    """Turn structured alliance-playbook content into a site, printable checklists and training material."""


@cli.command()
@project_option
@click.option("--strict", is_flag=True, help="Treat warnings (checklist linter) as errors; overdue-review notices never fail.")
def check(project: Path, strict: bool) -> None:
    """Validate the content; print path:line:col: message for every problem."""
    from .pipeline import check as run_check

    try:
        result = run_check(project, strict=strict)
    except PlaybookError as exc:
        fail(exc)
    echo_warnings(result.warnings)
    notices = sum(w.severity == "notice" for w in result.warnings)
    extra = f", {notices} review notice{'s' if notices != 1 else ''}" if notices else ""
    click.echo(f"ok: content is valid ({len(result.warnings) - notices} warnings{extra})", err=True)


@cli.command()
@project_option
@click.option("--strict/--no-strict", default=True, show_default=True, help="Fail on warnings.")
@click.option("--no-pdf", is_flag=True, help="Skip PDFs and other exports, for a quick preview build.")
@click.option("--audience", metavar="ID", help="Build only what this audience (a playbook.yml audience id) may see.")
@click.option("--all-audiences", is_flag=True, help="One site per audience in SITE/<audience>/ and the whole playbook in SITE/internal/.")
@click.option("--site-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Publish into this folder instead of the project's site_dir (never inside content/ or the project root).")
@click.option("--force", is_flag=True, help="Build even when nothing changed since the last build of this site.")
@click.option("-q", "--quiet", is_flag=True, help="No progress lines; warnings and errors only.")
def build(project: Path, strict: bool, no_pdf: bool, audience: str | None, all_audiences: bool,
          site_dir: Path | None, force: bool, quiet: bool) -> None:
    """Check, render and build the site into site/ (replaced only when the build succeeds)."""
    from .options import Options
    from .pipeline import build as run_build
    from .publishing import build_all_audiences

    progress = (lambda m: None) if quiet else (lambda m: click.echo(m, err=True))
    try:
        options = Options(strict=strict, pdf=not no_pdf, audience=audience)
        if all_audiences:
            results = build_all_audiences(project, options, progress=progress, site_dir=site_dir)
        else:
            results = run_build(project, options, progress=progress, site_dir=site_dir, force=force)
    except PlaybookError as exc:
        fail(exc)
    for result in results if isinstance(results, list) else [results]:
        echo_warnings(result.warnings)


@cli.command()
@project_option
@click.option("--port", default=8000, show_default=True, help="Port on 127.0.0.1.")
@lang_option
def serve(project: Path, port: int, lang: str | None) -> None:
    """Live preview that regenerates when content/, templates/ or site_config/ change."""
    from .serve import serve as run_serve

    try:
        run_serve(project, port=port, echo=lambda m: click.echo(m, err=True), lang=lang)
    except PlaybookError as exc:
        fail(exc)


@cli.command()
@project_option
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "scorm"]), default="json", show_default=True,
              help="json: the whole model; csv: checklists, one row per item; scorm: SCORM 1.2 and 2004 packages per learning path.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="scorm only: output folder (default: scorm/ in the project).")
@click.option("--audience", metavar="ID", help="Only what this audience may see.")
@lang_option
def export(project: Path, fmt: str, out: Path | None, audience: str | None, lang: str | None) -> None:
    """Write the validated model (json) or the checklist items (csv) to stdout, or the SCORM packages to a folder."""
    from .export.csv_export import checklists_csv
    from .export.json_export import to_json
    from .publishing import edition

    if fmt == "scorm":
        if lang is not None:
            fail(UsageError("--lang is for --format json and csv; a build writes each language's SCORM packages"))
        from .packages import export_packages

        try:
            written = export_packages(project, out, audience, progress=lambda m: click.echo(m, err=True))
        except PlaybookError as exc:
            fail(exc)
        for path in written:
            click.echo(f"wrote {path}", err=True)
        return
    if out is not None:
        fail(UsageError("--out is for --format scorm"))
    try:
        with edition(project, audience, lang) as content:  # CSV headers in that language too
            text = checklists_csv(content) if fmt == "csv" else to_json(content)
    except PlaybookError as exc:
        fail(exc)
    click.echo(text, nl=False)


@cli.command()
@project_option
@click.option("--site-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="The built site to bundle (default: the project's site_dir).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The zip to write (default: the site folder's name with .zip, beside it).")
def bundle(project: Path, site_dir: Path | None, out: Path | None) -> None:
    """Zip a built site reproducibly, to unzip anywhere and open from file:// (no server needed)."""
    from .publishing import bundle as make_bundle

    try:
        path = make_bundle(project, site_dir, out)
    except PlaybookError as exc:
        fail(exc)
    click.echo(f"wrote {path}", err=True)


@cli.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--minimal", is_flag=True, help="A small skeleton instead of the full default alliance playbook.")
@click.option("--force", is_flag=True, help="Replace an existing project's content/, site_config/ and schemas/.")
def init(directory: Path, minimal: bool, force: bool) -> None:
    """Create a playbook project in DIRECTORY that builds at once."""
    from .authoring.scaffold import init as run_init

    try:
        files = run_init(directory, minimal=minimal, force=force)
    except PlaybookError as exc:
        fail(exc)
    click.echo(f"created {len(files)} files in {directory}; next: playbook-gen build -p {directory}", err=True)


@cli.command()
@project_option
@click.argument("kind", type=KindWord())
@click.argument("ident", metavar="ID")
def new(project: Path, kind: str, ident: str) -> None:
    """Write a commented starter file for a new stage, role, checklist, module, learning path, term or toolkit template."""
    from .authoring.scaffold import new as run_new

    try:
        path = run_new(project, kind, ident)
    except PlaybookError as exc:
        fail(exc)
    click.echo(f"created {path}; edit it, then run playbook-gen check", err=True)


@cli.command()
@project_option
@click.option("--dry-run", is_flag=True, help="Only list what would be renamed.")
def migrate(project: Path, dry_run: bool) -> None:
    """Rename old field names in content files (alliances_are -> is), keeping comments and layout."""
    from .authoring.migrate import migrate as run_migrate

    try:
        changes = run_migrate(project, dry_run=dry_run)
    except PlaybookError as exc:
        fail(exc)
    for c in changes:
        click.echo(f"{c.path}:{c.line}: {'would rename' if dry_run else 'renamed'} {c.old} -> {c.new}", err=True)
    if not changes:
        click.echo("nothing to migrate: the content uses the current field names", err=True)


@cli.command()
@project_option
def schema(project: Path) -> None:
    """Write JSON Schemas into schemas/ and point each content file at its schema (editor completion and checks)."""
    from .authoring.schema import add_schema_comments, write_schemas

    for rel in write_schemas(project) + add_schema_comments(project):
        click.echo(f"wrote {rel}", err=True)


@cli.command()
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the page to this file (default: print it).")
def fields(out: Path | None) -> None:
    """Print the field reference (every field of every kind, from the model), as in docs/fields.md."""
    from .authoring.fields import fields_markdown

    text = fields_markdown()
    if out is None:
        click.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")
        click.echo(f"wrote {out}", err=True)


@cli.command()
@project_option
@click.argument("target", metavar="CHECKLIST_OR_STAGE")
@click.option("--start", required=True, type=click.DateTime(["%Y-%m-%d"]), help="First day of the run (YYYY-MM-DD).")
@click.option("--for", "--alliance", "name", default="", metavar="NAME",
              help="What this run is for (one partnership, one alliance), shown in the title. --alliance is the old name.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Output folder (default: runs/ in the project).")
@lang_option
def run(project: Path, target: str, start, name: str, out: Path | None, lang: str | None) -> None:
    """Turn a checklist or a whole stage into dated, assignable work (Markdown and CSV)."""
    from .export import runs
    from .pipeline import write_run
    from .publishing import edition

    try:
        with edition(project, lang=lang) as content:
            planned = runs.plan(content, target, start.date(), name)
            files = runs.outputs(content, project, planned, lang)
        written = write_run(files, out or project / "runs")
    except PlaybookError as exc:
        fail(exc)
    for path in written:
        click.echo(f"wrote {path}", err=True)


@cli.command()
@project_option
def clean(project: Path) -> None:
    """Remove the built site and build/ (only what playbook-gen created)."""
    from .pipeline import clean as run_clean

    try:
        removed = run_clean(project)
    except PlaybookError as exc:
        fail(exc)
    for path in removed:
        click.echo(f"removed {path}", err=True)


def main() -> None:
    cli(prog_name="playbook-gen")
