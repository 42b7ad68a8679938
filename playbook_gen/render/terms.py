"""Glossary terms on every page: a tooltip wherever a term is used, and links to the glossary.

Tooltips are <abbr title="..."> elements the prose renderer (render/prose.py) puts on the parsed tree, shown
by Material's `content.tooltips` on hover and focus: on whole words only (a hyphenated compound such as
"app-marketplace" is one word, also when emphasis splits it), never in headings, links, summaries or code.
This module gives the forms each term takes and their tooltip texts. Because a tooltip cannot hold a link,
each page ends with one line linking every glossary term it uses to its glossary entry (on screen and in print).
"""

from __future__ import annotations

import functools
import re
import textwrap

from ..i18n import _
from ..model import Content
from .filters import text
from .urls import relative_url

GLOSSARY_PAGE = "reference/glossary.md"
MAX_TOOLTIP = 220  # characters of definition in a tooltip; the glossary has the rest
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKS = re.compile(r"\*\*|__|[*_`]|^#+ |^> ", re.M)
_TAGS = re.compile(r"<[^>]*>")
_STRONG = re.compile(r"\*\*|__|`")


def plain(markdown: str) -> str:
    """Markdown prose as one line of plain text: links reduced to their text, emphasis and tags dropped."""
    out = _TAGS.sub("", _MARKS.sub("", _LINK.sub(r"\1", markdown)))
    return " ".join(out.split())


def plain_lines(markdown) -> str:
    """Markdown prose as plain text line by line (slide notes, office files): links reduced to their text, bold and
    code marks dropped, each line stripped; list markers and single `*`/`_` stay, so list items remain lines."""
    text = _STRONG.sub("", _LINK.sub(r"\1", str(markdown)))
    return "\n".join(line.strip() for line in text.strip().splitlines())


def variants(name: str) -> list[str]:
    """The forms a term takes in running text: as written, lower- or upper-case first letter, plural."""
    name = " ".join(name.split())
    forms = [name]
    if len(name) > 1 and not name[:2].isupper():  # leave acronyms such as RACI alone
        forms += [name[0].lower() + name[1:], name[0].upper() + name[1:]]
    forms += [f + "s" for f in list(forms) if f[-1:].isalpha() and not f.endswith("s")]
    return list(dict.fromkeys(forms))


def tooltip(term) -> str:
    words = plain(term.definition)
    if len(words) > MAX_TOOLTIP:
        words = textwrap.shorten(words, MAX_TOOLTIP, placeholder=" …")
    return _("%(definition)s (Glossary: %(term)s)") % {"definition": words, "term": term.title}


def term_forms(content: Content) -> dict[str, object]:
    """Every form of every term -> the term; the first term to claim a form keeps it."""
    forms: dict[str, object] = {}
    for term in content.ordered("glossary"):
        # A one-word alias such as "Alliance" or "Gate" would mark nearly every line; titles and acronyms are kept.
        aliases = [a for a in term.aliases if len(a.split()) > 1 or a.isupper()]
        for name in [term.title, *aliases]:
            for form in variants(name):
                if "]" not in form:  # would end the abbreviation syntax early
                    forms.setdefault(form, term)
    return forms


def abbreviations(content: Content) -> dict[str, str]:
    """Each form of each term -> its tooltip text. Stable order."""
    return {form: tooltip(term) for form, term in sorted(term_forms(content).items())}


class Glossary:
    """What the prose renderer needs for tooltips: a pattern with one group, and each form's tooltip.

    Equal glossaries compare equal, so rendered prose is cached across pages and builds.
    """

    def __init__(self, content: Content):
        self.tips = abbreviations(content)
        self.pattern = _pattern(self.tips, capture=True)
        self._key = tuple(self.tips.items())
        # Hashed once: the prose cache hashes its arguments on every lookup, and hashing the whole glossary
        # there made each prose block cost the size of the glossary (quadratic rendering).
        self._hash = hash(self._key)

    def __eq__(self, other) -> bool:
        return self is other or (isinstance(other, Glossary) and self._hash == other._hash and self._key == other._key)

    def __hash__(self) -> int:
        return self._hash


def _pattern(forms, capture: bool = False) -> re.Pattern | None:
    return _compiled(tuple(sorted(forms)), capture) if forms else None


@functools.lru_cache(maxsize=8)  # serve renders again after every edit; the glossary rarely changed
def _compiled(forms: tuple[str, ...], capture: bool) -> re.Pattern:
    # Whole words only: a term inside a hyphenated word ("app-marketplace") or glued to a letter is not the
    # term. The alternatives are folded into a trie, so matching costs the length of a term, not the number
    # of terms; optional tails are greedy, so "alliance manager" still beats "alliance".
    body = _trie(forms)
    return re.compile(r"(?<![\w-])" + (f"({body})" if capture else f"(?:{body})") + r"(?![\w-])")


def _trie(words) -> str:
    root: dict = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(root)


def terms_used(markdown: str, forms: dict, pattern) -> list:
    """Glossary terms whose forms appear in a page's text (link targets, tags and code excluded), by title."""
    if pattern is None:
        return []
    body = re.sub(r"```.*?```|`[^`\n]*`", "", markdown, flags=re.S)
    body = _TAGS.sub(" ", re.sub(r"\]\([^)]*\)", "]", body))
    found = {forms[m.group(0)].id: forms[m.group(0)] for m in pattern.finditer(body)}
    return sorted(found.values(), key=lambda t: (t.title.casefold(), t.id))


class TermLinks:
    """Appends 'Glossary terms on this page' with links to each term's entry."""

    def __init__(self, content: Content):
        self.forms = term_forms(content)
        self.pattern = _pattern(self.forms)

    def __call__(self, page_path: str, markdown: str) -> str:
        if page_path == GLOSSARY_PAGE:
            return markdown
        used = terms_used(markdown, self.forms, self.pattern)
        if not used:
            return markdown
        links = ", ".join(f"[{text(t.title)}]({relative_url(page_path, f'{GLOSSARY_PAGE}#{t.id}')})" for t in used)
        return markdown.rstrip("\n") + f'\n\n<p class="pg-terms" markdown>{text(_("Glossary terms on this page:"))} {links}</p>\n'
