"""Interface strings: every word the tool itself puts into output goes through `_()` (gettext).

Templates use Jinja2's i18n extension (`{{ _("Owner") }}`, `{% trans %}...{% endtrans %}`); Python code
calls `_()` from here. Until a playbook's language catalogue is loaded the strings pass through unchanged
(null translations), so English output is the msgid itself.
"""

from __future__ import annotations

import gettext as _gettext

_active: _gettext.NullTranslations = _gettext.NullTranslations()


def translations() -> _gettext.NullTranslations:
    """The catalogue in use (installed into the Jinja2 environments too)."""
    return _active


def _(message: str) -> str:
    return _active.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _active.ngettext(singular, plural, n)
