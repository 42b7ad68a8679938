"""Compose the engine config: packaged defaults < project mkdocs.yml < site_config/ < generated keys.

The result is a plain dict written with a YAML dumper, never a string template. Tags such as
`!!python/name:` or `!ENV` in a project's mkdocs.yml are kept as they are.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from .errors import ContentError, Issue, ProjectError
from .loader import _pydantic_issue, load_file
from .model import Content

DEFAULTS = Path(__file__).resolve().parent / "defaults" / "mkdocs.yml"
VENDOR = Path(__file__).resolve().parent / "assets" / "vendor"
SHIM = "assets/vendor/iframe-worker-shim.js"
OWN_CSS = "assets/playbook.css"
QUIZ = {"assets/quiz.js": "quiz.js", "assets/quiz.css": "quiz.css"}  # training quizzes (our own, no CDN)
# Tickable checklists, keyboard-reachable glossary tooltips, the lifecycle diagram's and RACI tables' styles.
INTERACTIVE_JS = ["assets/checklists.js", "assets/scorecard.js", "assets/progress.js"]  # progress: "My progress"
INTERACTIVE_CSS = ["assets/checklists.css", "assets/scorecard.css"]
# Keys playbook-gen owns in the generated config; a project setting them would be overwritten silently.
GENERATED_KEYS = ("nav", "docs_dir", "use_directory_urls")


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


class _Dumper(yaml.SafeDumper):
    pass


def _represent_tagged(dumper, data: Tagged):
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, data.value)


_Dumper.add_representer(Tagged, _represent_tagged)


def dump(config: dict) -> str:
    return yaml.dump(config, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


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


def _merge(base: dict, over: dict) -> dict:
    out = dict(base)
    for key, value in over.items():
        out[key] = _merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def compose(project: Path, content: Content, site: SiteConfig, nav: list, site_dir: Path) -> tuple[dict, dict[str, bytes]]:
    """The engine config for the generated docs, and the asset files it refers to (docs path -> bytes)."""
    project = Path(project)
    config = read_yaml_config(DEFAULTS)
    own = project / "mkdocs.yml"
    if own.is_file():
        config = _merge(config, read_yaml_config(own))
    assets: dict[str, bytes] = {SHIM: (VENDOR / "iframe-worker-shim.js").read_bytes(),
                                OWN_CSS: (VENDOR.parent / "playbook.css").read_bytes(),
                                **{rel: (VENDOR.parent / name).read_bytes() for rel, name in QUIZ.items()},
                                **{rel: (VENDOR.parent / rel.removeprefix("assets/")).read_bytes()
                                   for rel in INTERACTIVE_JS + INTERACTIVE_CSS}}
    b = site.branding
    config["site_name"] = b.site_name or config.get("site_name") or content.playbook.title
    if content.playbook.site_url and "site_url" not in config:
        config["site_url"] = content.playbook.site_url
    theme = config.setdefault("theme", {})
    palette = theme.setdefault("palette", {})
    if isinstance(palette, dict):
        palette.update({k: v for k, v in (("primary", b.primary), ("accent", b.accent)) if v})
    for key in ("logo", "favicon"):
        name = getattr(b, key)
        if name:
            assets[f"assets/branding/{name}"] = (project / "site_config" / name).read_bytes()
            theme[key] = f"assets/branding/{name}"
    css = [OWN_CSS, "assets/quiz.css", *INTERACTIVE_CSS, *config.get("extra_css", [])]
    config["extra_javascript"] = ["assets/quiz.js", *INTERACTIVE_JS, *config.get("extra_javascript", [])]
    _glossary_tooltips(config, content)
    for name in b.extra_css:
        assets[f"assets/branding/{name}"] = (project / "site_config" / name).read_bytes()
        css.append(f"assets/branding/{name}")
    config["extra_css"] = css
    if b.copyright:
        config["copyright"] = b.copyright
    theme["font"] = False  # never load Google Fonts
    extra = config.setdefault("extra", {})
    polyfills = [p for p in extra.get("polyfills", []) if "iframe-worker" not in str(p)]
    extra["polyfills"] = [*polyfills, SHIM]
    config["docs_dir"] = "docs"
    config["site_dir"] = str(site_dir)
    config["use_directory_urls"] = False  # works from file:// and on any static host
    config["nav"] = nav
    return config, assets


def _glossary_tooltips(config: dict, content: Content) -> None:
    """Feed the glossary to the `abbr` extension (its `glossary` option), so every use of a term gets a tooltip."""
    from .render.terms import abbreviations

    glossary = abbreviations(content)
    exts = config.setdefault("markdown_extensions", [])
    for i, ext in enumerate(exts):
        if ext == "abbr" or (isinstance(ext, dict) and "abbr" in ext):
            options = dict(ext["abbr"] or {}) if isinstance(ext, dict) else {}
            exts[i] = {"abbr": {**options, "glossary": {**glossary, **options.get("glossary", {})}}}
            return
    exts.append({"abbr": {"glossary": glossary}})


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
