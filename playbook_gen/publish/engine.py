"""The only module that runs the site engine (MkDocs 1.6 with Material), in process."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import jinja2

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
    only the pages whose Markdown is newer than their HTML (MkDocs' own dirty build).

    A dirty build is what an edit waits for, so it skips what does not change with a page: the 404 page and
    sitemap, and the search index (the search plugin would rewrite it holding only the rebuilt pages; the last
    full build's index stays). Theme templates are compiled once per process."""
    from mkdocs.commands import build as mkdocs_build
    from mkdocs.config import load_config

    config = load_config(config_file=str(config_file), site_dir=str(site_dir))
    config.site_url = serve_url
    theme_env = config.theme.get_env

    def get_env():
        env = theme_env()
        env.bytecode_cache = _COMPILED
        return env

    config.theme.get_env = get_env
    if dirty:
        config.theme.static_templates = set()
        plugins = config.plugins
        plugins.events["post_build"] = [m for m in plugins.events["post_build"]
                                        if plugins._event_origins.get(m, "").rpartition("/")[2] != "search"]
    mkdocs_build.build(config, serve_url=serve_url, dirty=dirty)


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled theme templates kept in this process's memory (never written to or read from disk); a template
    whose source changed has another checksum and is compiled again."""

    def __init__(self):
        self.code: dict[str, tuple[str, object]] = {}

    def load_bytecode(self, bucket) -> None:
        checksum, code = self.code.get(bucket.key, (None, None))
        if checksum == bucket.checksum:
            bucket.code = code

    def dump_bytecode(self, bucket) -> None:
        self.code[bucket.key] = (bucket.checksum, bucket.code)


_COMPILED = _CompiledTemplates()


def live_server(builder, port: int, root: Path, watched: list[Path], poll: float):
    """MkDocs' live-reload server on 127.0.0.1: it polls `watched` (stat only, no reads), calls `builder` after
    a change and then makes open browsers reload. Binding happens in `serve()`, an OSError if the port is taken."""
    from mkdocs.livereload import LiveReloadServer

    server = LiveReloadServer(builder=builder, host="127.0.0.1", port=port, root=str(root), polling_interval=poll)
    for path in watched:
        server.watch(str(path), recursive=path.is_dir())
    return server
