"""Jinja2 environments: project templates override the packaged defaults by file name."""

from __future__ import annotations

import functools
from pathlib import Path

import jinja2

from ..errors import BuildError
from . import filters

PACKAGE_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def template_dirs(project: Path) -> list[Path]:
    own = Path(project) / "templates"
    return [own, PACKAGE_TEMPLATES] if own.is_dir() else [PACKAGE_TEMPLATES]


def make_env(project: Path, *, html: bool = False) -> jinja2.Environment:
    """Markdown templates are not escaped (the output is Markdown); HTML templates are autoescaped.

    One environment per project, kind and state of the template files, so pages, exports and checks share
    compiled templates; an edited template (in `serve`) gives a new environment.
    """
    dirs = tuple(template_dirs(project))
    signature = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for d in dirs for p in sorted(d.rglob("*")) if p.is_file())
    return _make_env(dirs, html, signature)


@functools.lru_cache(maxsize=8)
def _make_env(dirs: tuple[Path, ...], html: bool, signature: tuple) -> jinja2.Environment:
    env = jinja2.Environment(  # noqa: S701 - Markdown output; filters escape plain text themselves
        loader=jinja2.FileSystemLoader([str(d) for d in dirs]),
        undefined=jinja2.StrictUndefined,
        autoescape=html,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters.update(filters.FILTERS)
    return env


def render(env: jinja2.Environment, name: str, **context) -> str:
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateSyntaxError as exc:
        # exc.name, not exc.filename: the message names the project file, never an absolute temp path.
        raise BuildError(f"templates/{exc.name or name}:{exc.lineno}: template syntax error: {exc.message}") from None
    except jinja2.TemplateNotFound as exc:
        raise BuildError(f"template not found: {exc.name}") from None
    except jinja2.UndefinedError as exc:
        raise BuildError(f"template {name}: {exc.message}") from None


def template_hash(project: Path) -> str:
    """A digest of every template file in effect, for caches keyed on templates."""
    import hashlib

    h = hashlib.sha256()
    for d in template_dirs(project):
        for p in sorted(d.rglob("*")):
            if p.is_file():
                h.update(p.relative_to(d).as_posix().encode() + b"\0" + p.read_bytes())
    return h.hexdigest()
