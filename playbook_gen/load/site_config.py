"""Read the project's settings: site_config/*.yml (branding, print) and the engine settings in mkdocs.yml.

Tags such as `!!python/name:` or `!ENV` in a project's mkdocs.yml are kept as `Tagged` values, so the composed
engine config (render/config.py) can write them back unchanged; tags that would run code are refused.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from ..errors import ContentError, Issue, ProjectError
from .loader import _pydantic_issue, load_file

class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Branding(_Strict):
    site_name: str | None = None
    primary: str | None = None
    accent: str | None = None
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
    return config


def site_dir_of(project: Path) -> Path:
    """Where the site is published: `site_dir` of the project's mkdocs.yml, else site/. Refuses unsafe places."""
    project = Path(project).resolve()
    own = project / "mkdocs.yml"
    name = "site"
    if own.is_file():
        name = read_yaml_config(own).get("site_dir", "site")
    target = (project / str(name)).resolve()
    protected = [project / d for d in ("content", "templates", "site_config", ".git", "build")]
    if target == project or target in project.parents or any(target == p or p in target.parents for p in protected):
        raise ProjectError(f"refusing site_dir '{name}': it would overwrite the project or its sources; use a folder such as 'site'")
    return target
