"""Publishing several sites side by side, the exports of one audience, and offline bundles.

`build --all-audiences` writes one complete site per audience of the playbook into `<site>/<audience>/` and the
whole playbook into `<site>/internal/`. The content is checked once; each site is rendered from its audience's
view, has its own docs tree (`build/sites/<name>/`, so a rebuild writes only what changed), its own search index,
and is published atomically on its own, as a single build is. The export cache is shared.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from . import pipeline
from .errors import ProjectError, UsageError
from .i18n import _
from .load.site_config import site_dir_of
from .options import Options
from .publish import languages
from .publish.bundle import make_zip
from .publish.swap import MARKER, build_lock, check_replaceable, is_empty, is_ours, mark

INTERNAL = "internal"  # the folder of the whole playbook's site
SITES = "sites"  # in the work folder: one generated project per published site


def site_names(content) -> list[str | None]:
    """None (the whole playbook) first, then every audience in the playbook's order."""
    ids = [a.id for a in content.playbook.audiences]
    if INTERNAL in ids:
        raise UsageError(_("an audience may not be called '%(name)s' with --all-audiences: that folder holds the "
                           "whole playbook") % {"name": INTERNAL})
    return [None, *ids]


def build_all_audiences(project: Path, options: Options = Options(), *, progress=lambda msg: None,
                        site_dir: Path | None = None) -> list[pipeline.BuildResult]:
    """Every audience's site and the whole playbook's, side by side under the site folder."""
    if options.audience is not None:
        raise UsageError(_("--audience and --all-audiences exclude each other"))
    project = Path(project).resolve()
    parent = site_dir_of(project, site_dir)
    check_replaceable(parent)
    checked = pipeline.check(project, strict=options.strict, cached=True)
    work = pipeline.work_dir(project)
    results = []
    with build_lock(work):
        parent.mkdir(parents=True, exist_ok=True)
        mark(parent)
        names = site_names(checked.loaded.content)
        for audience in names:
            name = audience or INTERNAL
            progress(_("site %(name)s") % {"name": name})
            opts = replace(options, audience=audience)
            root = work / SITES / name
            root.mkdir(parents=True, exist_ok=True)
            results.append(pipeline.build_site(project, pipeline.for_options(checked, opts), opts, parent / name,
                                               work, root, progress))
        _drop_others(parent, {n or INTERNAL for n in names})
    return results


def _drop_others(parent: Path, keep: set[str]) -> None:
    """What a single-site build or an audience since removed left in the (marked) parent folder."""
    import shutil

    for path in sorted(parent.iterdir()):
        if path.name in keep or path.name == MARKER or path.name.startswith("."):
            continue
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()


@contextmanager
def edition(project: Path, audience: str | None = None, lang: str | None = None):
    """The checked content as `audience` sees it, in `lang` (one of the playbook's languages; None: its own), with
    the interface in that language for the duration (run, export --lang)."""
    checked = pipeline.for_options(pipeline.check(project), Options(audience=audience))
    with languages.edition_of(checked, lang, audience) as (_variant, in_lang):
        yield in_lang.loaded.content


def bundle(project: Path, site_dir: Path | None = None, out: Path | None = None) -> Path:
    """A reproducible zip of a built site (default: the project's), to unzip and open from file://."""
    project = Path(project).resolve()
    site = Path(site_dir).resolve() if site_dir is not None else site_dir_of(project)
    if not site.is_dir() or not is_ours(site) or is_empty(site):
        raise ProjectError(_("%(site)s is not a site playbook-gen built; run playbook-gen build first") % {"site": site})
    out = Path(out).resolve() if out is not None else site.with_suffix(".zip")
    if out.is_relative_to(site):
        raise UsageError(_("the bundle cannot be written inside the site it holds"))
    make_zip(site, out, top=out.stem)
    return out
