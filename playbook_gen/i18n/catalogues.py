"""Developer tool: re-extract the interface strings and update the catalogues (`make catalogues`).

`python -m playbook_gen.i18n.catalogues` extracts every msgid (babel.cfg) into locale/playbook_gen.pot and merges
it into each language's .po (new msgids come in untranslated, gone ones are dropped); `--check` only reports
whether the catalogues are up to date with the sources. Output is stable: no dates, sorted by msgid.
"""

from __future__ import annotations

import copy
import io
import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

from . import DOMAIN, LOCALE_DIR, languages, po_path

ROOT = LOCALE_DIR.parent.parent.parent  # the repository (babel.cfg, templates/, playbook_gen/)
KEYWORDS = {"_": None, "N_": None, "gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2), "say": None}
POT = LOCALE_DIR / f"{DOMAIN}.pot"


def extract() -> Catalog:
    """Every msgid in the sources, with where it is used."""
    method_map, options_map = parse_mapping_cfg(io.StringIO((ROOT / "babel.cfg").read_text()))
    cat = Catalog(project="playbook-gen", domain=DOMAIN, fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
            str(ROOT), method_map, options_map, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",), strip_comment_tags=True):
        if message:
            cat.add(message, locations=[(filename, lineno)], auto_comments=comments, context=context)
    return cat


def msgids(cat: Catalog) -> set:
    return {(m.context, m.id if isinstance(m.id, str) else tuple(m.id)) for m in cat if m.id}


def _dump(cat: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, cat, width=0, sort_output=True, omit_header=False, include_lineno=False)
    # Same sources, same bytes: the header's dates would change on every run.
    return re.sub(rb'^"(POT-Creation-Date|PO-Revision-Date): .*\n', b"", out.getvalue(), flags=re.M)


def update() -> list[Path]:
    template = extract()
    written = []
    POT.write_bytes(_dump(template))
    written.append(POT)
    for lang in languages():
        path = po_path(lang)
        with path.open("rb") as fh:
            cat = read_po(fh, locale=lang, domain=DOMAIN)
        # A copy each: Catalog.update adopts the template's new Message objects, so filling English's strings
        # would otherwise fill them into every language merged after it.
        cat.update(copy.deepcopy(template), no_fuzzy_matching=True)
        cat.obsolete.clear()
        if lang == "en":  # English is the msgids themselves
            for m in cat:
                if m.id and not m.string:
                    m.string = m.id
        path.write_bytes(_dump(cat))
        written.append(path)
    return written


def main(argv: list[str]) -> int:
    if "--check" in argv:
        sources = msgids(extract())
        stale = [lang for lang in languages() if msgids(read_po(po_path(lang).open("rb"))) != sources]
        for lang in stale:
            print(f"{po_path(lang)} is out of date with the sources; run `make catalogues`", file=sys.stderr)
        return 1 if stale else 0
    for path in update():
        print(f"wrote {path.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
