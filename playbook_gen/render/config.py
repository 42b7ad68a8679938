"""Compose the engine config: packaged defaults < project mkdocs.yml < site_config/ < generated keys.

The result is a plain dict written with a YAML dumper, never a string template, together with the asset
files it refers to (our CSS and scripts, resolved through the template folders so a project can override them).
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ..load.site_config import SiteConfig, Tagged, read_yaml_config
from ..model import Content
from .env import asset_bytes
from .terms import abbreviations

DEFAULTS = Path(__file__).resolve().parent.parent / "defaults" / "mkdocs.yml"
SHIM = "assets/vendor/iframe-worker-shim.js"  # search without a server (file://)
OWN_CSS = "assets/playbook.css"
# Our scripts and styles, in the order the pages load them: quizzes, tickable checklists, the scorecard.
SCRIPTS = ["assets/quiz.js", "assets/checklists.js", "assets/scorecard.js"]
STYLES = [OWN_CSS, "assets/quiz.css", "assets/checklists.css", "assets/scorecard.css"]


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
    # Each from the project's templates/assets/ if it has its own, else the packaged one.
    assets: dict[str, bytes] = {rel: asset_bytes(project, rel) for rel in [SHIM, *STYLES, *SCRIPTS]}
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
    css = [*STYLES, *config.get("extra_css", [])]
    config["extra_javascript"] = [*SCRIPTS, *config.get("extra_javascript", [])]
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
    glossary = abbreviations(content)
    exts = config.setdefault("markdown_extensions", [])
    for i, ext in enumerate(exts):
        if ext == "abbr" or (isinstance(ext, dict) and "abbr" in ext):
            options = dict(ext["abbr"] or {}) if isinstance(ext, dict) else {}
            exts[i] = {"abbr": {**options, "glossary": {**glossary, **options.get("glossary", {})}}}
            return
    exts.append({"abbr": {"glossary": glossary}})


