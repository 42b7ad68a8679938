"""Audience-filtered content: the playbook as one audience may see it.

An entity with `audiences` set is visible only to those audiences (empty: everyone). `for_audience` is a
pure function from the validated Content to a smaller Content: hidden entities are dropped, everything
that cannot stand without one of them goes too (a checklist of a hidden stage, a learning path left without
modules), every reference to them is pruned, and prose links to them become their plain link text. It finds
references with the same walk validation uses (`model.refs`), so nothing hidden can leak through a field
someone forgot to list. The pipeline applies it once; pages, navigation, search, PDFs, training material
and the JSON export all see the same filtered playbook.
"""

from __future__ import annotations

from pydantic import ValidationError

from ..errors import BuildError, UsageError
from ..model import KINDS, Content, Playbook
from ..model.refs import link_pattern, prose_links, walk


def audience_ids(content: Content) -> list[str]:
    return [a.id for a in content.playbook.audiences]


def visible(entity, audience: str) -> bool:
    return not entity.audiences or audience in entity.audiences


def for_audience(content: Content, audience: str | None) -> Content:
    """The content `audience` may see; `None` returns the content unchanged."""
    if audience is None:
        return content
    known = audience_ids(content)
    if audience not in known:
        listed = ", ".join(known) or "none are defined in content/playbook.yml"
        raise UsageError(f"unknown audience '{audience}' (the playbook's audiences: {listed})")
    gone = {kind: {i for i, e in content.entities.get(kind, {}).items() if not visible(e, audience)} for kind in KINDS}
    # To a fixed point: an entity that needs a hidden one (in a required field, or in a list that must not end
    # up empty, such as a path's modules) is hidden too, which may hide others in turn.
    changed = True
    while changed:
        gone["deliverables"] = hidden_deliverables(content, gone)
        changed, kept, failed = False, {}, []
        for kind, items in content.entities.items():
            kept[kind] = {}
            for ident, entity in items.items():
                if ident in gone[kind]:
                    continue
                data = _pruned(content, entity, gone)
                try:
                    if data is not None:
                        kept[kind][ident] = KINDS[kind].model.model_validate(data)
                        continue
                except ValidationError as exc:
                    if not any(len(err["loc"]) == 1 for err in exc.errors()):
                        failed.append((kind, ident, exc))
                        continue
                gone[kind].add(ident)
                changed = True
    for kind, ident, exc in failed:  # e.g. an activity whose only responsible role is hidden
        where = ", ".join(".".join(map(str, e["loc"])) for e in exc.errors())
        raise BuildError(f"{kind} '{ident}' cannot be shown to audience '{audience}' without what it hides ({where}); "
                         "make the hidden entities visible to it, or hide this one too")
    playbook = _pruned(content, content.playbook, gone)
    if playbook is None:
        raise BuildError(f"the playbook's owner role '{content.playbook.owner}' is hidden from audience '{audience}'")
    return Content(playbook=Playbook.model_validate(playbook), entities=kept)


def hidden_deliverables(content: Content, gone: dict[str, set[str]]) -> set[str]:
    """Deliverables are declared inside stages: those of a hidden stage are hidden too."""
    return {d.id for s in content.ordered("stages") if s.id in gone.get("stages", ()) for d in s.deliverables if d.id}


def _pruned(content: Content, obj, gone: dict[str, set[str]]) -> dict | None:
    """The object's data without references to hidden entities; None when it cannot stand without one.

    A hidden target in a list is dropped from the list; in an optional field the field is cleared, or, for a
    field that passes hidden entities by (whom a role escalates to), set to the next visible one along the
    chain; in a required field of a list item (a duty of a hidden stage) the item goes; in a required
    top-level field (a checklist's stage, the playbook's owner) the whole object goes. Prose links to hidden
    entities become their text.
    """
    data = obj.model_dump(by_alias=True)
    cuts, prose = [], []
    for ref in walk(obj):
        if ref.value not in gone.get(ref.kind, ()):
            continue
        if ref.prose:
            prose.append(ref.loc)
            continue
        loc = ref.loc
        if ref.pass_by:
            parent, key = _at(data, loc)
            parent[key] = _next_visible(content, ref, gone, getattr(obj, "id", None))
            continue
        if ref.required:
            items = [i for i, part in enumerate(loc) if isinstance(part, int)]
            if not items and len(loc) == 1:
                return None
            loc = loc[: items[-1] + 1] if items else loc  # the list item holding it, else clear the field
        cuts.append(loc)
    for loc in prose:
        parent, key = _at(data, loc)
        parent[key] = _unlink(parent[key], gone)
    # Deepest and last first, so removing one list item does not shift the index of another still to remove.
    for loc in sorted(set(cuts), key=lambda loc: (len(loc), loc), reverse=True):
        parent, key = _at(data, loc)
        if isinstance(key, int):
            del parent[key]
        else:
            parent[key] = None
    return data


def _next_visible(content: Content, ref, gone: dict[str, set[str]], start) -> str | None:
    """Follow the same field through hidden entities (a -> hidden b -> c) to the first visible one."""
    seen, target = {start}, ref.value
    while target in gone[ref.kind] and target not in seen:
        seen.add(target)
        parent, key = _at(content.entities[ref.kind][target].model_dump(by_alias=True), ref.loc)
        target = parent[key]
    return None if target in seen or target in gone[ref.kind] else target


def _at(data, loc: tuple):
    for part in loc[:-1]:
        data = data[part]
    return data, loc[-1]


def _unlink(text: str, gone: dict[str, set[str]]) -> str:
    """Links to hidden entities become their text. Validation keeps entity links inline, which this rewrites;
    the parsed result is checked, so a link written some other way can never slip through to the output."""
    by_link = KINDS.by_link()
    out = link_pattern().sub(lambda m: m.group(1) if m.group(3) in gone.get(by_link[m.group(2)], ()) else m.group(0), text)
    left = [ident for kind, ident in prose_links(out) if ident in gone.get(kind, ())]
    if left:
        raise BuildError(f"cannot hide the link to '{left[0]}' in prose; write it as [text]({next(iter(by_link))}:id)")
    return out
