"""One site per language: the playbook's own language at the site root, each other one in <lang>/ below it.

The pipeline builds each language the same way (render, exports, engine build), with that language's content
(check/translations.py), interface language and engine config (render/config.py localise). This module holds
what differs per language, so the pipeline's loop stays a loop: which languages, where each goes, switching
the interface language, and the notice on pages that fall back to the original language.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

from .. import i18n
from ..check.translations import PLAYBOOK, Edition, languages_of
from ..derive.audience import for_audience
from ..errors import UsageError
from ..i18n import _
from ..model import KINDS, Content
from ..render.config import language_name, localise

LANGUAGES_DIR = "languages"  # in build/: build/languages/<lang>/ holds a language's docs, theme and config


@dataclass
class Variant:
    lang: str
    langs: list[str]  # every language, the playbook's own first
    content: Content
    fallback: set[tuple[str, str]] = field(default_factory=set)
    # False when the playbook names no language at all: a project's own theme.language in mkdocs.yml then stands.
    declared: bool = True

    @property
    def default(self) -> bool:
        return self.lang == self.langs[0]

    @property
    def prefix(self) -> str:
        """Where this language's site and work folder go, below the default language's ("" or "nl/")."""
        return "" if self.default else f"{self.lang}/"

    @property
    def work(self) -> str:
        """Its work folder, relative to build/."""
        return "" if self.default else f"{LANGUAGES_DIR}/{self.lang}/"


def variants(content: Content, editions: dict[str, Edition], audience: str | None) -> list[Variant]:
    """Every language the playbook is built in, its own language first, each with its content for the audience."""
    langs = languages_of(content.playbook)
    declared = len(langs) > 1 or "language" in content.playbook.model_fields_set
    out = [Variant(langs[0], langs, content, declared=declared)]
    for lang in langs[1:]:
        edition = editions[lang]
        translated = for_audience(edition.content, audience) if audience else edition.content
        out.append(Variant(lang, langs, translated, edition.fallback))
    return out


@contextmanager
def interface(variant: Variant) -> Iterator[None]:
    """The interface language (catalogue and subject words) for one language's build; afterwards the one before."""
    with i18n.using(variant.lang, variant.content.playbook.subject):
        yield


def pick(found: list[Variant], lang: str | None) -> Variant:
    """The variant in `lang` (None: the playbook's own language); a language the playbook does not declare is a
    usage error that names the ones it does."""
    for variant in found:
        if lang is None or variant.lang == lang:
            return variant
    raise UsageError(_("the playbook is not written in '%(lang)s'; --lang takes one of its languages: %(langs)s")
                     % {"lang": lang, "langs": ", ".join(found[0].langs)})


@contextmanager
def edition_of(checked, lang: str | None, audience: str | None = None):
    """One language of a checked project (a pipeline.Checked, already the audience's view) for `run`, `export` and
    `serve --lang`: yields (variant, the checked project with that language's content, fallback included), with
    the interface in that language meanwhile. The same editions and interface switch as the build's loop."""
    variant = pick(variants(checked.loaded.content, checked.editions, audience), lang)
    with interface(variant):
        yield variant, checked if variant.default else replace(checked, loaded=replace(checked.loaded, content=variant.content))


def preview_config(variant: Variant, config: dict) -> dict:
    """The engine config of a one-language preview (serve): that language's interface and search, no switcher
    (the other languages are not served)."""
    return localise(config, variant.lang, [variant.lang]) if variant.declared else config


def config_for(variant: Variant, config: dict) -> dict:
    if not variant.declared:
        return config
    config = localise(config, variant.lang, variant.langs)
    if not variant.default and config.get("hooks"):  # project files, seen from build/languages/<lang>/
        config["hooks"] = ["../../" + str(h) for h in config["hooks"]]
    return config


_FRONT = re.compile(r"\A---\n.*?\n---\n", re.S)
_HEADING = re.compile(r"^# .*\n", re.M)


def mark_fallback(variant: Variant, files: dict[str, bytes]) -> dict[str, bytes]:
    """A notice on every page that shows (some) text in the original language, below the page's heading."""
    if variant.default or not variant.fallback:
        return files
    pages = set()
    for kind, ident in variant.fallback:
        if (kind, ident) == PLAYBOOK:
            pages.add("index.md")
        elif kind in KINDS and KINDS[kind].page and ident in variant.content.entities.get(kind, {}):
            pages.add(KINDS[kind].page_of(variant.content.entities[kind][ident]).split("#")[0])
    original = language_name(variant.langs[0], variant.lang)
    title = _("Not fully translated").replace('"', "'")  # inside the admonition's quoted title
    text = _("Parts of this page are not translated yet; they are shown in the original language (%(language)s).") % {
        "language": original}
    notice = f'!!! note "{title}"\n\n    {text}\n\n'
    out = dict(files)
    for page in sorted(pages & files.keys()):
        md = files[page].decode("utf-8")
        front = _FRONT.match(md)
        at = front.end() if front else 0
        heading = _HEADING.search(md, at)
        at = heading.end() if heading else at
        out[page] = (md[:at] + "\n" + notice + md[at:].lstrip("\n")).encode("utf-8")
    return out
