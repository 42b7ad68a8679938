"""The playbook's language and vocabulary: a catalogue for its language, one name per field (old or new).

`alliances_are` / `alliances_are_not` are the old names of `is` / `is_not`: still read, with a notice pointing to
`playbook-gen migrate`, which renames them in place (authoring/migrate.py).
"""

from __future__ import annotations

from .. import i18n
from ..errors import Issue
from ..load.loader import Loaded

# Old field name -> new one, per file kind ("playbook" is content/playbook.yml). authoring/migrate.py reads it too.
RENAMED = {"playbook": {"alliances_are": "is", "alliances_are_not": "is_not"}}


def check_vocabulary(loaded: Loaded) -> list[Issue]:
    pb, src, out = loaded.content.playbook, loaded.sources, []
    if pb.language not in i18n.languages():
        out.append(src.issue("playbook", "", ("language",), f"no interface catalogue for language '{pb.language}' "
                             f"(there are: {', '.join(i18n.languages())})"))
    for old, new in RENAMED["playbook"].items():
        if getattr(pb, old):
            if getattr(pb, "is_" if new == "is" else new):
                out.append(src.issue("playbook", "", (old,), f"both '{old}' and '{new}' are given; keep '{new}' only",
                                     as_key=True))
            else:
                out.append(src.issue("playbook", "", (old,), f"'{old}' is now called '{new}'; run `playbook-gen migrate` "
                                     "to rename it in your files", severity="notice", as_key=True))
    return out
