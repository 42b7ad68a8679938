"""The command line: each command is a few lines over library calls. Only this module prints or exits."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .errors import ContentError, PlaybookError

project_option = click.option(
    "-p", "--project", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
    show_default=True, help="The playbook project folder (holds content/).",
)


def fail(exc: PlaybookError) -> None:
    """Print a library error the way users read it, and exit 1. No traceback."""
    if isinstance(exc, ContentError):
        for issue in exc.issues:
            click.echo(str(issue), err=True)
        n = len(exc.issues)
        click.echo(f"{n} problem{'s' if n != 1 else ''} found", err=True)
    else:
        click.echo(f"error: {exc}", err=True)
    sys.exit(1)


def echo_warnings(warnings) -> None:
    for w in warnings:
        click.echo(str(w), err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="playbook-gen")
def cli() -> None:
    """Turn structured alliance-playbook content into a site, printable checklists and training material."""


@cli.command()
@project_option
@click.option("--strict", is_flag=True, help="Treat warnings (checklist linter, overdue reviews) as errors.")
def check(project: Path, strict: bool) -> None:
    """Validate the content; print path:line:col: message for every problem."""
    from .pipeline import check as run_check

    try:
        result = run_check(project, strict=strict)
    except PlaybookError as exc:
        fail(exc)
    echo_warnings(result.warnings)
    click.echo(f"ok: content is valid ({len(result.warnings)} warnings)", err=True)


@cli.command()
@project_option
@click.option("--strict/--no-strict", default=True, show_default=True, help="Fail on warnings.")
@click.option("--no-pdf", is_flag=True, help="Skip PDFs and other exports, for a quick preview build.")
def build(project: Path, strict: bool, no_pdf: bool) -> None:
    """Check, render and build the site into site/ (replaced only when the build succeeds)."""
    from .pipeline import Options
    from .pipeline import build as run_build

    try:
        options = Options(strict=strict, pdf=not no_pdf)
        result = run_build(project, options, progress=lambda m: click.echo(m, err=True))
    except PlaybookError as exc:
        fail(exc)
    echo_warnings(result.warnings)


@cli.command()
@project_option
@click.option("--port", default=8000, show_default=True, help="Port on 127.0.0.1.")
def serve(project: Path, port: int) -> None:
    """Live preview that regenerates when content/, templates/ or site_config/ change."""
    from .serve import serve as run_serve

    try:
        run_serve(project, port=port, echo=lambda m: click.echo(m, err=True))
    except PlaybookError as exc:
        fail(exc)


@cli.command()
@project_option
@click.option("--format", "fmt", type=click.Choice(["json"]), default="json", show_default=True)
def export(project: Path, fmt: str) -> None:
    """Write the validated model to stdout."""
    from .export.json_export import to_json
    from .pipeline import check as run_check

    try:
        checked = run_check(project)
    except PlaybookError as exc:
        fail(exc)
    click.echo(to_json(checked.loaded.content), nl=False)


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
