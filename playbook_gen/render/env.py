"""Jinja2 environments over the template folders: the project's `templates/` first, then the packaged defaults.

A project template replaces the default of the same name, or extends it: `{% extends "default/stage.md" %}`
always names the packaged one, so an override can fill a block instead of copying a whole template. Site
assets (`templates/assets/...`: our CSS and scripts) are looked up the same way.
"""

from __future__ import annotations

import functools
from pathlib import Path

import jinja2
import markupsafe

from ..errors import BuildError
from .. import i18n
from . import filters

# The repository's top-level templates/ (playbook_gen/templates links to it; wheels carry a copy).
PACKAGE_TEMPLATES = (Path(__file__).resolve().parent.parent / "templates").resolve()
DEFAULT_PREFIX = "default"


def template_dirs(project: Path) -> list[Path]:
    """The folders templates and assets are looked up in, the project's own first."""
    own = (Path(project) / "templates").resolve()
    # Building the repository's own playbook, its templates/ is the packaged set itself.
    return [own, PACKAGE_TEMPLATES] if own.is_dir() and own != PACKAGE_TEMPLATES else [PACKAGE_TEMPLATES]


def overrides(project: Path, folder: str = "") -> bool:
    """Whether the project has templates of its own (under `folder`, e.g. "print")."""
    dirs = template_dirs(project)
    return len(dirs) > 1 and (dirs[0] / folder).is_dir()


def asset_bytes(project: Path, rel: str) -> bytes:
    """A site asset such as "assets/quiz.js": the project's own copy if it has one, else the packaged one."""
    for folder in template_dirs(project):
        path = folder / rel
        if path.is_file():
            return path.read_bytes()
    raise BuildError(f"asset not found: templates/{rel}")


def make_env(project: Path, *, html: bool = False) -> jinja2.Environment:
    """Markdown templates are not escaped (the output is Markdown); HTML templates are autoescaped.

    One environment per project, kind and state of the template files, so pages, exports and checks share
    compiled templates; an edited template (in `serve`) gives a new environment.
    """
    dirs = tuple(template_dirs(project))
    signature = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for d in dirs for p in sorted(d.rglob("*")) if p.is_file())
    return _make_env(dirs, html, signature, i18n.language())


@functools.lru_cache(maxsize=16)
def _make_env(dirs: tuple[Path, ...], html: bool, signature: tuple, language: str) -> jinja2.Environment:
    packaged = jinja2.FileSystemLoader(str(PACKAGE_TEMPLATES))
    env = jinja2.Environment(  # noqa: S701 - Markdown output; filters escape plain text themselves
        loader=jinja2.ChoiceLoader([jinja2.FileSystemLoader([str(d) for d in dirs]),
                                    jinja2.PrefixLoader({DEFAULT_PREFIX: packaged})]),
        undefined=jinja2.StrictUndefined,
        autoescape=html,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
        extensions=["jinja2.ext.i18n"],
    )
    # Interface strings in templates: {{ _("...") }}, newstyle so %-formatting is safe; the cache is keyed by
    # language, and the subject's words (%(subject)s, ...) are filled in at render time (they are content).
    env.install_gettext_translations(i18n.catalogue(language), newstyle=True)
    env.globals.update(_=_gettext(language, html), gettext=_gettext(language, html), ngettext=_ngettext(language, html))
    env.filters.update(filters.FILTERS)
    env.globals["language"] = language  # <html lang>
    env.globals["vocab"] = i18n.words  # the subject's forms, as content: print them through a filter
    return env


def _words(html: bool) -> dict[str, str]:
    """The subject's words as content: escaped for HTML by Markup's %, escaped as text for Markdown here."""
    words = i18n.words()
    return words if html else {k: filters.text(v) for k, v in words.items()}


def _gettext(language: str, html: bool):
    @jinja2.pass_context
    def gettext(ctx, message: str, **variables):
        out = i18n.catalogue(language).gettext(message)
        if ctx.eval_ctx.autoescape:
            out = markupsafe.Markup(out)
        # Most messages name no subject word: the words are worked out only for those that do (a page asks for
        # dozens of messages).
        return out % ({**_words(html), **variables} if "%(" in out else variables)
    return gettext


def _ngettext(language: str, html: bool):
    @jinja2.pass_context
    def ngettext(ctx, singular: str, plural: str, num: int, **variables):
        out = i18n.catalogue(language).ngettext(singular, plural, num)
        if ctx.eval_ctx.autoescape:
            out = markupsafe.Markup(out)
        return out % {**_words(html), "num": num, **variables}
    return ngettext


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
