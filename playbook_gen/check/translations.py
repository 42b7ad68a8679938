"""Translations checked against their originals, each language's content built from them, and its coverage.

A translation repeats the original's structure for the text fields it translates and holds nothing else: its
`id` names the original, lists of entries with ids are matched by id, other lists entry by entry (same length),
and prose links only where the original's field links. Whatever is not translated falls back to the original
language; the entities that do so (in whole or part) are listed so their pages can say so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from ..errors import Issue
from ..load.loader import PLAYBOOK_FILE, Loaded, _pydantic_issue
from ..load.parse_cache import ParseCache
from ..load.translations import FIXED, TranslationFile, load_translations, text_fields
from ..load.yamlload import Mark, locate
from ..model import KINDS, Content, Playbook
from ..model.refs import prose_links

PLAYBOOK = ("playbook", "")  # the playbook file's key among the translated entities


@dataclass
class Edition:
    """The playbook in one language: its content, what falls back to the original language, and coverage."""

    lang: str
    content: Content
    fallback: set[tuple[str, str]] = field(default_factory=set)  # (kind, id) not fully translated; PLAYBOOK too
    done: int = 0  # text fields translated
    total: int = 0  # text fields with text in the original

    @property
    def percent(self) -> int:
        return 100 if not self.total else self.done * 100 // self.total  # floored: 99.9 % is not complete


def languages_of(playbook: Playbook) -> list[str]:
    """The playbook's languages, its own language first."""
    return [playbook.language, *(lang for lang in dict.fromkeys(playbook.languages) if lang != playbook.language)]


def check_translations(project: Path, loaded: Loaded, cache: ParseCache | None = None) -> tuple[list[Issue], dict[str, Edition]]:
    """Problems in translation files, a coverage notice per language, and an Edition per other language.
    `cache` is the loader's parse cache (translation files unchanged since it was filled are not parsed again)."""
    files, issues = load_translations(project, cache)
    content = loaded.content
    langs = languages_of(content.playbook)
    by_lang: dict[str, dict[tuple[str, str], TranslationFile]] = {lang: {} for lang in langs[1:]}
    for tf in files:
        problem = _file_problem(tf, langs, content, by_lang)
        if problem:
            issues.append(Issue(tf.path, problem[0].line, problem[0].col, problem[1]))
    editions = {}
    for lang, translations in by_lang.items():
        edition, found = _edition(lang, content, translations)
        issues += found
        editions[lang] = edition
        issues.append(_coverage(edition, langs[0], content.playbook.translations.require_complete))
    return issues, editions


def _file_problem(tf: TranslationFile, langs: list[str], content: Content, by_lang: dict) -> tuple[Mark, str] | None:
    start = Mark(1, 1)
    if tf.lang == langs[0]:
        return start, f"'{tf.lang}' is the playbook's own language; its text belongs in the original file"
    if tf.lang not in langs:
        return start, (f"language '{tf.lang}' is not one of the playbook's languages ({', '.join(langs)}); "
                       f"add it to 'languages' in content/{PLAYBOOK_FILE}")
    ident = ""
    if tf.kind != "playbook":
        ident = tf.data.get("id")
        mark = locate(tf.data, ("id",)) or start
        if ident is None:
            return start, f"missing required field 'id' (the id of the {KINDS[tf.kind].singular} this file translates)"
        if ident not in content.entities.get(tf.kind, {}):
            return mark, f"unknown {KINDS[tf.kind].singular} id '{ident}': a translation needs an original with the same id"
    if (tf.kind, ident) in by_lang[tf.lang]:
        return start, f"a second '{tf.lang}' translation of the same {'playbook file' if not ident else repr(ident)} (first in {by_lang[tf.lang][(tf.kind, ident)].path})"
    by_lang[tf.lang][(tf.kind, ident)] = tf
    return None


def _edition(lang: str, content: Content, translations: dict) -> tuple[Edition, list[Issue]]:
    edition = Edition(lang, content)
    issues: list[Issue] = []
    originals = [(PLAYBOOK, content.playbook)] + [((kind, ident), obj) for kind, items in content.entities.items()
                                                   for ident, obj in items.items()]
    out: dict = {kind: dict(items) for kind, items in content.entities.items()}
    playbook = content.playbook
    for key, obj in originals:
        tf = translations.get(key)
        total = _count(("model", type(obj)), obj.model_dump(by_alias=True))
        edition.total += total
        if tf is None:
            edition.fallback.add(key)
            continue
        walk = _Merge(tf)
        merged = walk.model(type(obj), obj.model_dump(by_alias=True), tf.data, ())
        issues += walk.issues
        try:
            translated = type(obj).model_validate(merged)
        except ValidationError as exc:
            issues += [_pydantic_issue(tf.path, tf.data, type(obj), err) for err in exc.errors()]
            edition.fallback.add(key)
            continue
        edition.done += walk.done
        if walk.done < total:
            edition.fallback.add(key)
        if key == PLAYBOOK:
            playbook = translated
        else:
            out[key[0]][key[1]] = translated
    edition.content = Content(playbook=playbook, entities=out)
    return edition, issues


def _coverage(edition: Edition, original: str, required: bool) -> Issue:
    entities = len(edition.fallback)
    message = (f"translation coverage '{edition.lang}': {edition.done} of {edition.total} text fields translated "
               f"({edition.percent} %); {entities} {'file falls' if entities == 1 else 'files fall'} back to '{original}' in whole or in part")
    if required and edition.done < edition.total:
        return Issue(f"content/{PLAYBOOK_FILE}", 0, 0, message + " (translations.require_complete is set)")
    return Issue(f"content/{PLAYBOOK_FILE}", 0, 0, message, "notice")


def _count(shape: tuple, value) -> int:
    """Text fields with text in the original: what a complete translation translates."""
    if value is None or shape == FIXED:
        return 0
    if shape[0] == "text":  # "2.0.0" has nothing to translate
        return 1 if any(ch.isalpha() for ch in str(value)) else 0
    if shape[0] == "list":
        return sum(_count(shape[1], item) for item in value)
    return sum(_count(inner, value.get(key)) for key, inner in text_fields(shape[1]).items())


def _where(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


class _Merge:
    """One translation file laid over its original's data: the merged data, the problems, the fields translated."""

    def __init__(self, tf: TranslationFile):
        self.tf, self.issues, self.done = tf, [], 0

    def problem(self, loc: tuple, message: str, *, as_key: bool = False) -> None:
        mark = locate(self.tf.data, loc, as_key=as_key) or Mark(1, 1)
        self.issues.append(Issue(self.tf.path, mark.line, mark.col, message))

    def model(self, cls, original: dict, given, loc: tuple) -> dict:
        out = dict(original)
        if not isinstance(given, dict):
            self.problem(loc, f"'{_where(loc)}' must be a mapping of keys to values, as in the original")
            return out
        fields = text_fields(cls)
        for key, value in given.items():
            at = (*loc, key)
            if key == "id" and "id" in fields:
                if value != original.get("id"):
                    self.problem(at, f"'{_where(at)}' is '{value}' but the original's is '{original.get('id')}'; ids are not translated")
                continue
            shape = fields.get(key)
            if shape is None:
                self.problem(at, f"unknown key '{key}' (a translation holds the original's text fields only)", as_key=True)
            elif shape == FIXED:
                self.problem(at, f"'{_where(at)}' is not a text field; a translation holds text fields only", as_key=True)
            elif original.get(key) in (None, "", []):
                self.problem(at, f"'{_where(at)}' is empty in the original; there is nothing to translate", as_key=True)
            else:
                out[key] = self.value(shape, original[key], value, at)
        return out

    def value(self, shape: tuple, original, given, loc: tuple):
        if shape[0] == "model":
            return self.model(shape[1], original, given, loc)
        if shape[0] == "list":
            return self.list(shape[1], original, given, loc)
        if isinstance(given, bool) or not isinstance(given, str | int | float):
            self.problem(loc, f"'{_where(loc)}' must be text, as in the original")
            return original
        given = str(given)
        if not given.strip():
            self.problem(loc, f"'{_where(loc)}' must not be empty; leave it out to show the original")
            return original
        if shape[1]:  # prose: links only where the original links
            known = set(prose_links(original))
            words = {k: w for w, k in KINDS.by_link().items()}
            for kind, ident in prose_links(given):
                if (kind, ident) not in known:
                    self.problem(loc, f"new reference '{words[kind]}:{ident}' in '{_where(loc)}': a translation links only where the original does")
        if any(ch.isalpha() for ch in str(original)):
            self.done += 1
        return given

    def list(self, inner: tuple, original: list, given, loc: tuple) -> list:
        out = list(original)
        if not isinstance(given, list):
            self.problem(loc, f"'{_where(loc)}' must be a list, as in the original")
            return out
        by_id = inner[0] == "model" and "id" in text_fields(inner[1]) and all(isinstance(o, dict) and o.get("id") for o in original)
        if not by_id:
            if len(given) != len(original):
                self.problem(loc, f"'{_where(loc)}' has {len(given)} entries but the original has {len(original)}; translate each, in the same order")
                return out
            return [self.value(inner, o, g, (*loc, i)) for i, (o, g) in enumerate(zip(original, given))]
        index = {o["id"]: i for i, o in enumerate(original)}
        for n, item in enumerate(given):
            ident = item.get("id") if isinstance(item, dict) else None
            if ident not in index:
                at = (*loc, n, "id") if ident is not None else (*loc, n)
                self.problem(at, f"unknown id '{ident}' in '{_where(loc)}': the original has no entry with this id" if ident is not None
                             else f"'{_where((*loc, n))}' needs the 'id' of the original entry it translates")
                continue
            out[index[ident]] = self.model(inner[1], original[index[ident]], item, (*loc, n))
        return out
