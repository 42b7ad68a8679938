"""Glossary tooltips (render/prose.py with render/terms.py): whole words only, never in headings, links or code."""

from __future__ import annotations

import pytest

from playbook_gen.render.prose import for_page
from playbook_gen.render.terms import _pattern

TIPS = {"marketplace": "Where partners list apps.", "showstopper": "Stops the alliance.",
        "alliance manager": "Runs the alliance.", "alliance": "A partnership."}


class Terms:
    """What the prose renderer reads from a Glossary: a pattern with one group and each form's tooltip."""

    tips = TIPS
    pattern = _pattern(TIPS, capture=True)


TERMS = Terms()


def tip(word: str, form: str | None = None) -> str:
    return f'<abbr title="{TIPS[form or word]}">{word}</abbr>'


def page(source: str) -> str:
    return for_page(source, lambda kind, ident: ("x.md", "X"), "roles/x.md", terms=TERMS)


@pytest.mark.parametrize(("source", "html"), [
    ("A marketplace.", f"<p>A {tip('marketplace')}.</p>"),
    # Hyphenated compounds are one word, however the hyphen is written.
    ("An app-marketplace.", "<p>An app-marketplace.</p>"),
    ("A marketplace-led deal.", "<p>A marketplace-led deal.</p>"),
    (r"An app\-marketplace.", "<p>An app-marketplace.</p>"),
    ("An app&#8209;marketplace, app\u2011marketplace.", "<p>An app\u2011marketplace, app\u2011marketplace.</p>"),
    # A word running across emphasis is still one word.
    ("An app-*marketplace* and **market**place, *showstopper*s.",
     "<p>An app-<em>marketplace</em> and <strong>market</strong>place, <em>showstopper</em>s.</p>"),
    # Glued to letters or digits: not the term.
    ("Marketplaces2 and xshowstopper, showstopperish.", "<p>Marketplaces2 and xshowstopper, showstopperish.</p>"),
    # Whole words next to punctuation and emphasis are terms; the longest term wins.
    ("(*showstopper*), the alliance manager's alliance!",
     f"<p>(<em>{tip('showstopper')}</em>), the {tip('alliance manager')}'s {tip('alliance')}&#33;</p>"),
    # Never in headings, links or code.
    ("## The marketplace\n\nA marketplace.", f"## The marketplace\n\n<p>A {tip('marketplace')}.</p>"),
    ("[the marketplace](https://example.com) `showstopper`",
     '<p><a href="https://example.com">the marketplace</a> <code>showstopper</code></p>'),
    ('??? note "A showstopper"\n    The showstopper.',
     f'<details class="note"> <summary>A showstopper</summary> <p>The {tip("showstopper")}.</p> </details>'),
])
def test_tooltips_only_on_whole_words_outside_headings_links_and_code(source, html):
    assert page(source) == html
