"""Read the project's settings: site_config/*.yml (branding, print) and the engine settings in mkdocs.yml.

Tags such as `!!python/name:` or `!ENV` in a project's mkdocs.yml are kept as `Tagged` values, so the composed
engine config (render/config.py) can write them back unchanged; tags that would run code are refused.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError

from ..errors import ContentError, Issue, ProjectError
from .loader import _pydantic_issue, load_file

# Material's colour names, or an exact colour as #rrggbb (render/config.py turns it into CSS variables).
MATERIAL_COLOURS = ["red", "pink", "purple", "deep purple", "indigo", "blue", "light blue", "cyan", "teal", "green",
                    "light green", "lime", "yellow", "amber", "orange", "deep orange", "brown", "grey", "blue grey",
                    "black", "white"]
COLOUR_PATTERN = "^(" + "|".join(MATERIAL_COLOURS) + r"|#[0-9a-fA-F]{6})$"
Colour = Annotated[str, StringConstraints(pattern=COLOUR_PATTERN)]
# What a branding file may not contain: the site is read offline, and a logo is opened as a page of our site.
_SVG_ACTIVE = re.compile(r"<script|<foreignObject|\son\w+\s*=|javascript:|<iframe|<object|<embed", re.I)
_CSS_FETCH = re.compile(r"@import|url\(\s*['\"]?\s*(?:https?:|//|file:)|expression\s*\(", re.I)

class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Branding(_Strict):
    site_name: str | None = None
    primary: Colour | None = None
    accent: Colour | None = None
    logo: str | None = None  # a file in site_config/
    favicon: str | None = None  # a file in site_config/
    extra_css: list[str] = []  # files in site_config/
    copyright: str | None = None


class Print(_Strict):
    paper: Literal["A4", "Letter"] = "A4"


class SiteConfig(_Strict):
    branding: Branding = Branding()
    print: Print = Print()


class _TagLoader(yaml.SafeLoader):
    """Safe loader that keeps unknown tags (mkdocs.yml uses !!python/name and !ENV) as Tagged values."""


class Tagged:
    def __init__(self, tag: str, value):
        self.tag, self.value = tag, value

    def __eq__(self, other):
        return isinstance(other, Tagged) and (self.tag, self.value) == (other.tag, other.value)


def _construct_tagged(loader, suffix, node):
    tag = node.tag
    if tag.startswith("tag:yaml.org,2002:python/") and not tag.startswith("tag:yaml.org,2002:python/name:"):
        # The engine loads the generated config with PyYAML's full loader: !!python/object/apply would run code.
        raise yaml.constructor.ConstructorError(None, None, f"YAML tag '!!{tag[18:]}' is not allowed; only !!python/name: is", node.start_mark)
    if isinstance(node, yaml.ScalarNode):
        return Tagged(tag, loader.construct_scalar(node))
    if isinstance(node, yaml.SequenceNode):
        return Tagged(tag, loader.construct_sequence(node, deep=True))
    return Tagged(tag, loader.construct_mapping(node, deep=True))


_TagLoader.add_multi_constructor("!", _construct_tagged)
_TagLoader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_tagged)


def read_yaml_config(path: Path) -> dict:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_TagLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        raise ContentError([Issue(path.name, mark.line + 1 if mark else 0, mark.column + 1 if mark else 0,
                                  exc.problem or "invalid YAML")]) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ContentError([Issue(path.name, 1, 1, "expected a mapping of engine settings")])
    return data


def load_site_config(project: Path) -> SiteConfig:
    """Merge site_config/*.yml (each top-level section may appear in one file only) into a SiteConfig."""
    folder = Path(project) / "site_config"
    merged, issues, where = {}, [], {}
    files = sorted(p for p in folder.glob("*.y*ml")) if folder.is_dir() else []
    for path in files:
        try:
            rel, data = load_file(Path(project), path)
        except ContentError as exc:
            issues += exc.issues
            continue
        for key in data:
            if key in merged:
                mark = data.key_marks[key]
                issues.append(Issue(rel, mark.line, mark.col, f"section '{key}' is also set in {where[key]}"))
                continue
            merged[key], where[key] = data[key], rel
        try:
            SiteConfig.model_validate(data)
        except ValidationError as exc:
            issues += [_pydantic_issue(rel, data, SiteConfig, err) for err in exc.errors()]
    if issues:
        raise ContentError(issues)
    config = SiteConfig.model_validate(merged)
    for name in [config.branding.logo, config.branding.favicon, *config.branding.extra_css]:
        # Published as assets/branding/<name>: a '..' or a link out of site_config/ would copy other files.
        if name and (".." in Path(name).parts or Path(name).is_absolute()
                     or not (folder / name).resolve().is_relative_to(folder.resolve())):
            raise ContentError([Issue(where.get("branding", "site_config"), 0, 0, f"branding file '{name}' must be a file inside site_config/")])
        if name and not (folder / name).is_file():
            raise ContentError([Issue(where.get("branding", "site_config"), 0, 0, f"branding file '{name}' not found in site_config/")])
    issues = [problem for name in [config.branding.logo, config.branding.favicon, *config.branding.extra_css] if name
              for problem in _active_content(folder / name, f"site_config/{name}")]
    if issues:
        raise ContentError(issues)
    return config


def _active_content(path: Path, rel: str) -> list[Issue]:
    """A branding file that would run a script (an SVG opened as a page) or fetch from the web (CSS) is refused."""
    text = path.read_bytes().decode("utf-8", errors="replace")
    found = (_SVG_ACTIVE if path.suffix.lower() in (".svg", ".svgz", ".html", ".htm") else
             _CSS_FETCH if path.suffix.lower() == ".css" else None)
    m = found.search(text) if found else None
    if not m:
        return []
    line = text.count("\n", 0, m.start()) + 1
    col = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
    what = ("would run a script when the file is opened; remove scripts and event handlers from it"
            if found is _SVG_ACTIVE else "would load something from the web; the site must work offline, so keep every "
            "file it uses in site_config/")
    return [Issue(rel, line, col, f"'{m.group(0).strip()}' {what}")]


# Keys of the project's mkdocs.yml that name files or code the generated project in build/ cannot use as written.
REFUSED_ENGINE_KEYS = {
    "extra_css": "name the file in site_config/branding.yml extra_css (it lives in site_config/)",
    "extra_javascript": "playbook-gen pages load only its own scripts; override one in templates/assets/",
    "INHERIT": "put the settings in mkdocs.yml itself",
}


def check_engine_settings(project: Path) -> list[Issue]:
    """Problems with the project's mkdocs.yml that the engine would hit late, or from the wrong folder."""
    own = Path(project) / "mkdocs.yml"
    if not own.is_file():
        return []
    mine = read_yaml_config(own)
    issues = [Issue("mkdocs.yml", 0, 0, f"'{key}' is not supported in mkdocs.yml: the engine reads a generated config "
                                        f"in build/; {how}") for key, how in REFUSED_ENGINE_KEYS.items() if mine.get(key)]
    theme = mine.get("theme") if isinstance(mine.get("theme"), dict) else {}
    for key, name in [("theme.custom_dir", theme.get("custom_dir")), *(("hooks", h) for h in mine.get("hooks") or [])]:
        if name is not None and not _inside(Path(project), name):
            issues.append(Issue("mkdocs.yml", 0, 0, f"{key} '{name}' must be inside the project"))
    return issues


def _inside(project: Path, name) -> bool:
    return (project / str(name)).resolve().is_relative_to(project.resolve())


def site_dir_of(project: Path, override: Path | None = None) -> Path:
    """Where the site is published: `override` (build --site-dir, relative to the current folder), else `site_dir`
    of the project's mkdocs.yml, else site/. Refuses unsafe places."""
    project = Path(project).resolve()
    own = project / "mkdocs.yml"
    name = "site"
    if override is not None:
        name = str(override)
        target = Path(override).resolve()
    else:
        if own.is_file():
            name = read_yaml_config(own).get("site_dir", "site")
        target = (project / str(name)).resolve()
    protected = [project / d for d in ("content", "templates", "site_config", ".git", "build")]
    if target == project or target in project.parents or any(target == p or p in target.parents for p in protected):
        raise ProjectError(f"refusing site_dir '{name}': it would overwrite the project or its sources; use a folder such as 'site'")
    return target
