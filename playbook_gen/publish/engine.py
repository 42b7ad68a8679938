"""The only module that runs the site engine (MkDocs 1.6 with Material), in process."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from ..errors import BuildError

# Material and ProperDocs print MkDocs-2.0 banners on every run; they say nothing about our build.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def build(config_file: Path, site_dir: Path) -> None:
    """Run a strict MkDocs build of the generated project into `site_dir`.

    Strict is set on the config itself, never combined with quiet/verbose flags (mkdocs#4126, #3991).
    Every engine warning becomes part of the BuildError message.
    """
    from mkdocs.commands import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    handler = _Collect()
    log = logging.getLogger("mkdocs")
    log.addHandler(handler)
    previous_propagate = log.propagate
    log.propagate = False  # we report warnings ourselves, once
    try:
        config = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=True)
        mkdocs_build.build(config)
    except MkDocsException as exc:
        details = "\n".join(f"  engine: {m}" for m in handler.messages)
        raise BuildError(f"site engine failed: {exc}" + (f"\n{details}" if details else "")) from None
    finally:
        log.removeHandler(handler)
        log.propagate = previous_propagate
