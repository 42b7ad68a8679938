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


def preview_build(config_file: Path, site_dir: Path, serve_url: str, *, dirty: bool) -> None:
    """A preview build for `serve`: not strict (a broken link must not take the preview down); `dirty` rebuilds
    only the pages whose Markdown is newer than their HTML (MkDocs' own dirty build)."""
    from mkdocs.commands import build as mkdocs_build
    from mkdocs.config import load_config

    config = load_config(config_file=str(config_file), site_dir=str(site_dir))
    config.site_url = serve_url
    mkdocs_build.build(config, serve_url=serve_url, dirty=dirty)


def live_server(builder, port: int, root: Path, watched: list[Path], poll: float):
    """MkDocs' live-reload server on 127.0.0.1: it polls `watched` (stat only, no reads), calls `builder` after
    a change and then makes open browsers reload. Binding happens in `serve()`, an OSError if the port is taken."""
    from mkdocs.livereload import LiveReloadServer

    server = LiveReloadServer(builder=builder, host="127.0.0.1", port=port, root=str(root), polling_interval=poll)
    for path in watched:
        server.watch(str(path), recursive=path.is_dir())
    return server
