"""Compose the engine config: packaged defaults < project mkdocs.yml < site_config/ < generated keys.

The result is a plain dict written with a YAML dumper, never a string template, together with the asset
files it refers to (our CSS and scripts, resolved through the template folders so a project can override them)
and the theme override files (`theme.custom_dir`). The theme prints config strings such as the site name, the
copyright line and menu titles as HTML, so every one that comes from content or branding is escaped here.
The generated config lives in build/, so paths in the project's mkdocs.yml are resolved from the project.
"""

from __future__ import annotations

import html
from pathlib import Path

import yaml

from .. import i18n
from .messages import js_messages
from ..errors import ContentError, Issue
from ..i18n import _
from ..load.site_config import SiteConfig, Tagged, read_yaml_config
from ..model import Content
from .env import asset_bytes

THEME_DIR = "theme"  # beside the generated docs/ in build/: the theme overrides (custom_dir)
THEME_FILES = ["theme/main.html", "theme/partials/alternate.html"]  # ours, from the template folders; a project's custom_dir may replace them

DEFAULTS = Path(__file__).resolve().parent.parent / "defaults" / "mkdocs.yml"
SHIM = "assets/vendor/iframe-worker-shim.js"  # search without a server (file://)
OWN_CSS = "assets/playbook.css"
# Our scripts and styles, in the order the pages load them: quizzes, tickable checklists, the scorecard, progress.
SCRIPTS = ["assets/messages.js", "assets/quiz.js", "assets/checklists.js", "assets/scorecard.js", "assets/progress.js"]  # progress: "My progress"
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


def compose(project: Path, content: Content, site: SiteConfig, nav: list, site_dir: Path) -> tuple[dict, dict[str, bytes], dict[str, bytes]]:
    """The engine config for the generated docs, the asset files it refers to (docs path -> bytes) and the
    theme override files (path under build/ -> bytes)."""
    project = Path(project)
    config = read_yaml_config(DEFAULTS)
    own = project / "mkdocs.yml"
    theme_files = {rel: asset_bytes(project, rel) for rel in THEME_FILES}
    if own.is_file():
        mine = read_yaml_config(own)
        theme_files.update(_project_paths(project, mine))
        config = _merge(config, mine)
        if mine.get("hooks"):  # files of the project, found from whichever folder of build/ the engine runs in
            config["hooks"] = [_from_build(project, h, "hooks") for h in mine["hooks"]]
    # Each from the project's templates/assets/ if it has its own, else the packaged one.
    assets: dict[str, bytes] = {rel: asset_bytes(project, rel) for rel in [SHIM, *STYLES, *SCRIPTS]}
    b = site.branding
    # Content and branding strings are text; the theme prints them as HTML (site name, copyright, menu titles).
    if b.site_name:
        config["site_name"] = html.escape(b.site_name)
    elif not config.get("site_name"):  # a site_name in mkdocs.yml is the project's own (code, like templates)
        config["site_name"] = html.escape(content.playbook.title)
    if content.playbook.site_url and "site_url" not in config:
        config["site_url"] = content.playbook.site_url
    theme = config.setdefault("theme", {})
    palette = theme.setdefault("palette", {})
    exact = {k: v for k, v in (("primary", b.primary), ("accent", b.accent)) if v and v.startswith("#")}
    colours = {k: ("custom" if k in exact else v) for k, v in (("primary", b.primary), ("accent", b.accent)) if v}
    if isinstance(palette, dict):
        palette.update(colours)
    elif isinstance(palette, list):  # one entry per scheme (light, dark, system): the brand colours in each
        theme["palette"] = _schemes(palette, colours)
    if exact:  # an exact brand colour: Material's "custom" palette, set through its CSS variables
        assets[COLOURS_CSS] = colour_css(exact).encode("utf-8")
    for key in ("logo", "favicon"):
        name = getattr(b, key)
        if name:
            assets[f"assets/branding/{name}"] = (project / "site_config" / name).read_bytes()
            theme[key] = f"assets/branding/{name}"
    css = [*STYLES, *config.get("extra_css", [])]
    config["extra_javascript"] = [*SCRIPTS, *config.get("extra_javascript", [])]
    if exact:
        css.append(COLOURS_CSS)
    for name in b.extra_css:
        assets[f"assets/branding/{name}"] = (project / "site_config" / name).read_bytes()
        css.append(f"assets/branding/{name}")
    config["extra_css"] = css
    if b.copyright:
        config["copyright"] = html.escape(b.copyright)
    theme["font"] = False  # never load Google Fonts
    extra = config.setdefault("extra", {})
    extra["pg_messages"] = js_messages()  # the JS tools' words, printed by theme/main.html
    theme["language"] = i18n.language()  # Material's own labels (search, menu) and <html lang> follow the catalogue
    polyfills = [p for p in extra.get("polyfills", []) if "iframe-worker" not in str(p)]
    extra["polyfills"] = [*polyfills, SHIM]
    config["docs_dir"] = "docs"
    config["site_dir"] = str(site_dir)
    config["use_directory_urls"] = False  # works from file:// and on any static host
    theme["custom_dir"] = THEME_DIR
    config["nav"] = escaped_nav(nav)
    return config, assets, theme_files


COLOURS_CSS = "assets/branding/colours.css"


def _schemes(palette: list, colours: dict) -> list:
    """The palette list with the brand colours in each scheme and each toggle named (the name of the next one)."""
    names = {"default": _("Switch to dark mode"), "slate": _("Follow the system setting")}
    out = []
    for entry in palette:
        entry = dict(entry) if isinstance(entry, dict) else entry
        if isinstance(entry, dict):
            if "scheme" in entry:
                entry.update(colours)
            toggle = entry.get("toggle")
            if isinstance(toggle, dict) and "name" not in toggle:
                entry["toggle"] = {**toggle, "name": names.get(entry.get("scheme"), _("Switch to light mode"))}
        out.append(entry)
    return out


def localise(config: dict, lang: str, langs: list[str]) -> dict:
    """The config of the site in `lang`, one of the playbook's languages `langs` (the first at the site root,
    the others in <lang>/ below it): Material's interface and search language, and `extra.alternate`.

    Each alternate's `link` is the other language's root seen from this one ("nl/", "../"); the theme
    overrides (main.html, partials/alternate.html) append the page's own path, so the switcher and the
    page's <link rel="alternate" hreflang> stay on the same page, from file:// too.
    """
    config = dict(config)
    config["theme"] = {**config.get("theme", {}), "language": lang}
    up = "" if lang == langs[0] else "../"
    alternate = [{"name": html.escape(language_name(other)), "link": up + ("" if other == langs[0] else f"{other}/"),
                  "lang": other} for other in langs]
    config["extra"] = {**config.get("extra", {}), "alternate": alternate} if len(langs) > 1 else config.get("extra", {})
    return config


def language_name(lang: str, in_lang: str | None = None) -> str:
    """A language's name in its own language ("Nederlands"), or in `in_lang`; the tag itself if Babel does not know it."""
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(lang.replace("-", "_")).get_display_name(in_lang or lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return lang
    return name[:1].upper() + name[1:] if name else lang


def colour_css(exact: dict[str, str]) -> str:
    """CSS variables for exact colours (validated #rrggbb), with the lighter and darker shades Material uses."""

    def mix(hex_colour: str, other: int, share: float) -> str:
        rgb = [int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)]
        return "#" + "".join(f"{round(c + (other - c) * share):02x}" for c in rgb)

    lines = [":root > * {"]
    if "primary" in exact:
        c = exact["primary"].lower()
        lines += [f"  --md-primary-fg-color: {c};", f"  --md-primary-fg-color--light: {mix(c, 255, 0.25)};",
                  f"  --md-primary-fg-color--dark: {mix(c, 0, 0.25)};"]
    if "accent" in exact:
        c = exact["accent"].lower()
        lines += [f"  --md-accent-fg-color: {c};", f"  --md-accent-fg-color--transparent: {c}1a;"]
    return "\n".join([*lines, "}"]) + "\n"


def escaped_nav(nav: list) -> list:
    """Menu titles come from content: escaped, as MkDocs escapes the titles it reads from pages."""
    out = []
    for entry in nav:
        if isinstance(entry, dict):
            (title, value), = entry.items()
            entry = {html.escape(title): escaped_nav(value) if isinstance(value, list) else value}
        out.append(entry)
    return out


def _from_build(project: Path, name, key: str) -> str:
    """A file of the project named in its mkdocs.yml, as an absolute path: the engine reads the generated config
    from build/, build/serve/, build/sites/<audience>/ or build/languages/<lang>/, so no relative path fits all."""
    path = (project / str(name)).resolve()
    if not path.is_relative_to(project.resolve()):
        raise ContentError([Issue("mkdocs.yml", 0, 0, f"{key} '{name}' must be a file inside the project")])
    return path.as_posix()


def _project_paths(project: Path, mine: dict) -> dict[str, bytes]:
    """The files of the project's theme.custom_dir (checked by load/site_config.py check_engine_settings).

    The project's own theme overrides are copied into the generated theme folder (they are code, reviewed
    like templates), so they resolve from the project, not from build/.
    """
    custom = (mine.get("theme") or {}).get("custom_dir") if isinstance(mine.get("theme"), dict) else None
    if not custom:
        return {}
    folder = (project / str(custom)).resolve()
    if not folder.is_relative_to(project.resolve()) or not folder.is_dir():
        raise ContentError([Issue("mkdocs.yml", 0, 0, f"theme.custom_dir '{custom}' must be a folder inside the project")])
    files = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            if not path.resolve().is_relative_to(project.resolve()):
                raise ContentError([Issue("mkdocs.yml", 0, 0, f"theme.custom_dir '{custom}' links to files outside the project")])
            files[f"{THEME_DIR}/{path.relative_to(folder).as_posix()}"] = path.read_bytes()
    return files
