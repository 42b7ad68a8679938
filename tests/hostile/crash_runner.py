"""`playbook-gen build` with deterministic pause points, for the kill and lock tests (run as `python -m`).

With PLAYBOOK_TEST_PAUSE=<point> the build writes its pid to the file PLAYBOOK_TEST_FLAG when it reaches that
point, then waits until the test deletes the file (to let it go on) or kills it. Points:
  docs     build/docs is written, the staging folder not yet made
  export   inside an export job in a pool worker, while WeasyPrint PDFs are being made
  engine   inside the engine build, after MkDocs wrote its second page into the staging folder
  publish  the new site is swapped in, the previous one not yet deleted
One extra PDF export per checklist is always registered (a baseline and a paused build make the same site),
so there are export jobs to interrupt whatever other exporters exist. The product has no test hooks: the
points are reached by wrapping library functions here.
"""

from __future__ import annotations

import html
import os
import shutil
import sys
import time
from pathlib import Path


def pause(point: str) -> None:
    if os.environ.get("PLAYBOOK_TEST_PAUSE") != point:
        return
    flag = Path(os.environ["PLAYBOOK_TEST_FLAG"])
    flag.write_text(str(os.getpid()))
    while flag.exists():
        time.sleep(0.05)


def crash_test_pdf(markup: str) -> bytes:
    from playbook_gen.export.pdf import html_to_pdf

    pause("export")
    return html_to_pdf(markup)


def crash_test_exports(content, project, site, options):
    from playbook_gen.export.jobs import Job
    from playbook_gen.render.print import pdf_date

    jobs = []
    for cl in content.ordered("checklists"):
        markup = (f'<html><head><meta name="dcterms.created" content="{pdf_date()}"></head>'
                  f"<body><h1>{html.escape(cl.title)}</h1></body></html>")
        jobs.append(Job(f"crash-test/{cl.id}.pdf", crash_test_pdf, (markup,), markup.encode()))
    return jobs


def install() -> None:
    from mkdocs.commands import build as mkdocs_build

    from playbook_gen import pipeline

    pipeline.EXPORTERS.append(crash_test_exports)

    real_staging_dir = pipeline.staging_dir

    def staging_dir(site):
        pause("docs")
        return real_staging_dir(site)

    pipeline.staging_dir = staging_dir

    real_build_page = mkdocs_build._build_page
    pages = []

    def build_page(*args, **kwargs):
        result = real_build_page(*args, **kwargs)
        pages.append(1)
        if len(pages) == 2:
            pause("engine")
        return result

    mkdocs_build._build_page = build_page

    real_rmtree = shutil.rmtree

    def rmtree(path, *args, **kwargs):
        p = Path(path)
        if p.name == "site" and ".tmp-" in p.parent.name:
            pause("publish")  # `p` holds the previous site, swapped out of site/
        return real_rmtree(path, *args, **kwargs)

    shutil.rmtree = rmtree


if __name__ == "__main__":
    install()
    from playbook_gen.cli import main

    sys.argv = ["playbook-gen", "build", *sys.argv[1:]]
    main()
