"""Interface strings: every word the tool itself puts into output goes through `_()` (gettext).

Templates use Jinja2's i18n extension (`{{ _("Owner") }}`); Python code calls `_()` from here. The catalogues
are `locale/<lang>/LC_MESSAGES/playbook_gen.po` (Babel; `make catalogues` re-extracts them). `activate(lang)`
(or `using(lang, subject)`) makes one the active catalogue for everything rendered afterwards: pages, PDFs,
decks, runs, CSV headers, the diagram and the JS tools' messages. English is the msgids themselves.

The playbook names its subject (`subject:` in content/playbook.yml: "alliance", "partnership", ...). Strings
that name it carry placeholders, filled from `words()`: `%(subject)s`, `%(subjects)s`, `%(a_subject)s`,
`%(the_subject)s`, and capitalised `%(Subject)s`, `%(Subjects)s`, `%(A_subject)s`, `%(The_subject)s`.
Without a `subject:` the words come from the catalogue (msgctxt "subject"), so a Dutch playbook says "alliantie".
"""

from __future__ import annotations

import functools
import gettext as _gettext
import io
from contextlib import contextmanager
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "playbook_gen"
DEFAULT_LANGUAGE = "en"

_active: _gettext.NullTranslations = _gettext.NullTranslations()
_language = DEFAULT_LANGUAGE
_subject = None  # the playbook's Subject (model), or None: the catalogue's words


def languages() -> list[str]:
    """The languages a catalogue ships for (sorted)."""
    return sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.cache
def catalogue(lang: str) -> _gettext.NullTranslations:
    """The compiled catalogue of `lang`, compiled in memory from its .po (no binary files to keep reproducible)."""
    path = po_path(lang)
    if not path.is_file():
        return _gettext.NullTranslations()
    with path.open("rb") as fh:
        cat = read_po(fh, locale=lang, domain=DOMAIN)
    buf = io.BytesIO()
    write_mo(buf, cat, use_fuzzy=False)  # a fuzzy entry is not a translation (tests/test_i18n.py allows none)
    buf.seek(0)
    return Translations(buf, domain=DOMAIN)


def activate(lang: str | None, subject=None) -> None:
    """Use `lang`'s catalogue (English if None) and the playbook's subject words from now on."""
    global _active, _language, _subject
    _language = lang or DEFAULT_LANGUAGE
    _active = catalogue(_language)
    _subject = subject


@contextmanager
def using(lang: str | None, subject=None):
    """`activate` for the duration of a block, then back to what was active."""
    saved = (_active, _language, _subject)
    activate(lang, subject)
    try:
        yield
    finally:
        _restore(*saved)


def _restore(active, lang, subject) -> None:
    global _active, _language, _subject
    _active, _language, _subject = active, lang, subject


def language() -> str:
    return _language


def translations() -> _gettext.NullTranslations:
    """The catalogue in use (the Jinja2 environments call it too)."""
    return _active


def _(message: str) -> str:
    return _active.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _active.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return _active.pgettext(context, message)


def N_(message: str) -> str:
    """Marks a msgid for extraction where it is defined; it is translated where it is shown."""
    return message



def words() -> dict[str, str]:
    """The subject's forms for `%(...)s` placeholders: the playbook's own for this language, else the catalogue's."""
    forms = _subject.forms(_language) if _subject is not None else None
    singular = forms.singular if forms else pgettext("subject", "alliance")
    plural = forms.plural if forms else pgettext("subject", "alliances")
    a = (forms.a if forms else None) or (pgettext("subject", "an alliance") if not forms else _article(singular))
    the = (forms.the if forms else None) or (pgettext("subject", "the alliance") if not forms else _definite(singular))
    out = {"subject": singular, "subjects": plural, "a_subject": a, "the_subject": the}
    out.update({k[0].upper() + k[1:]: _cap(v) for k, v in out.items()})
    return out


def _article(singular: str) -> str:
    """The indefinite form when the playbook gives none: English picks a/an; other languages need `a:` given."""
    if _language != "en":
        return singular
    return f"{'an' if singular[:1].lower() in 'aeiou' else 'a'} {singular}"


def _definite(singular: str) -> str:
    return f"the {singular}" if _language == "en" else singular


def _cap(value: str) -> str:
    return value[:1].upper() + value[1:]


def say(message: str, **variables) -> str:
    """A translated message with the subject's words and `variables` filled in (Python callers)."""
    return _(message) % {**words(), **variables}
