"""Live preview: MkDocs' live-reload server over a generated project that we regenerate on every real edit.

Inputs are polled by the server (file stats, twice a second); a poll that sees a change only triggers work when
the inputs' bytes changed (an editor touching a file, or reading it, regenerates nothing). Parsed files and page
counts stay in memory, only changed docs are written, and the engine rebuilds only the pages whose Markdown
changed (MkDocs' dirty build); when the engine config (the menu) or the theme changed, every page is rebuilt
right after, so the edited page is on screen first.

A bad edit never takes the preview down: the error is printed, shown as a banner on every page,
and the last good pages stay up until the content is fixed.
"""

from __future__ import annotations

import errno
import hashlib
import html
import shutil
import socket
import tempfile
import threading
from pathlib import Path

from .errors import PlaybookError, UsageError
from .i18n import _
from .options import Options
from .pipeline import Memory, check, generate, work_dir
from .publish import engine, languages
from .publish.write import write_if_changed
from .render.config import THEME_DIR, dump

WATCHED = ("content", "templates", "site_config", "mkdocs.yml")
POLL_SECONDS = 0.25  # how often the server stats the inputs; a stat of each file, no reads
RELAYOUT_DELAY = 1.0  # seconds the edited page (dirty build) is served before every page is rebuilt


def inputs_digest(project: Path) -> str:
    """One hash over every input file's path and bytes: equal digests mean nothing to regenerate."""
    h = hashlib.sha256()
    for name in WATCHED:
        root = project / name
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else []
        for path in files:
            try:
                data = path.read_bytes()
            except OSError:  # removed while we looked: the next poll sees it
                continue
            h.update(path.relative_to(project).as_posix().encode() + b"\0" + hashlib.sha256(data).digest())
    return h.hexdigest()


class Regenerator:
    """Re-runs the generator into build/serve/; keeps the last good docs when an edit is broken."""

    def __init__(self, project: Path, echo, lang: str | None = None):
        self.project, self.echo, self.lang = project, echo, lang  # lang: serve --lang, one of the playbook's languages
        self.root = work_dir(project) / "serve"
        self.lock = threading.Lock()
        self.memory = Memory()
        self.last_config: dict | None = None
        self.error = ""
        self.digest = ""

    def changed(self) -> bool:
        digest = inputs_digest(self.project)
        if digest == self.digest:
            return False
        self.digest = digest
        return True

    def run(self) -> tuple[bool, bool]:
        """(generated, engine config or theme changed)."""
        with self.lock:
            try:
                # No sheet layout (the one-page rule): it costs most of a second per changed sheet; builds check it.
                checked = check(self.project, memory=self.memory, layout=False)
                # A preview skips PDFs and other slow exports; pages do not link to them.
                with languages.edition_of(checked, self.lang) as (variant, checked):
                    generated = generate(self.project, checked, Path("site"), Options(strict=False, pdf=False))
                    generated.config = languages.preview_config(variant, generated.config)
                    generated.docs = languages.mark_fallback(variant, generated.docs)
            except PlaybookError as exc:
                if isinstance(exc, UsageError) and self.last_config is None:
                    raise  # serve --lang names a language the playbook does not have: exit 2 before serving
                self.error = str(exc)
                self.echo(_("problems found; the preview keeps the last good pages:") + f"\n{exc}")
                if self.last_config is None:
                    return False, False
                return False, self._write_config(self.last_config)
            recovered, self.error = bool(self.error), ""
            config_before = (self.root / "mkdocs.yml").read_bytes() if (self.root / "mkdocs.yml").is_file() else b""
            theme_before = _tree_digest(self.root / THEME_DIR)
            written = generated.write(self.root)
            self.last_config = generated.config
            self.echo(_("regenerated %(pages)s pages (%(changed)s changed)") % {"pages": generated.pages, "changed": len(written)})
            layout = recovered or config_before != (self.root / "mkdocs.yml").read_bytes() or theme_before != _tree_digest(self.root / THEME_DIR)
            return True, layout

    def _write_config(self, config: dict) -> bool:
        """The last good config, with the problems shown in a banner (the theme override's announce block)."""
        config = {**config, "extra": {**config.get("extra", {}), "playbook_error": html.escape(self.error)}}
        return write_if_changed(self.root / "mkdocs.yml", dump(config).encode("utf-8"))


def _tree_digest(folder: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")) if folder.is_dir() else []:
        if p.is_file():
            h.update(p.relative_to(folder).as_posix().encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


def check_port(port: int) -> None:
    """Fail before any work when the port is taken (the server binds only after the first build)."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server itself binds
        try:
            probe.bind(("127.0.0.1", port))
        except OSError as exc:
            raise _port_error(port, exc) from None


def _port_error(port: int, exc: OSError) -> UsageError:
    reason = _("is already in use") if exc.errno == errno.EADDRINUSE else _("cannot be used (%(reason)s)") % {"reason": exc.strerror}
    return UsageError(_("port %(port)s %(reason)s; choose another with --port") % {"port": port, "reason": reason})


def serve(project: Path, *, port: int = 8000, echo=print, lang: str | None = None) -> None:
    project = Path(project).resolve()
    check_port(port)
    regen = Regenerator(project, echo, lang)
    regen.changed()
    if not regen.run()[0]:
        raise PlaybookError(_("fix the problems above, then run serve again"))
    site = Path(tempfile.mkdtemp(prefix="playbook-gen-serve-"))
    url = f"http://127.0.0.1:{port}/"

    # A change to the menu or theme needs every page rebuilt, but the edited page should not wait for that: a
    # dirty build serves it first, then a touch of this file (watched too) brings the server back for the rest.
    relayout = regen.root / "relayout"
    relayout.mkdir(exist_ok=True)
    pending = {"full": False}

    def rebuild() -> None:
        """Called by the server after its poll saw a change; the server reloads browsers when it returns."""
        if not regen.changed():
            if pending["full"]:
                pending["full"] = False
                engine.preview_build(regen.root / "mkdocs.yml", site, url, dirty=False)
            return
        generated, layout = regen.run()
        if generated or layout:
            engine.preview_build(regen.root / "mkdocs.yml", site, url, dirty=True)
        if layout:
            pending["full"] = True
            # Later, not now: HTML requests wait while the server builds, so the edited page needs a moment
            # on screen (browsers reload when this call returns) before the full rebuild starts.
            timer = threading.Timer(RELAYOUT_DELAY, (relayout / "pending").write_text, (regen.digest,))
            timer.daemon = True
            timer.start()

    engine.preview_build(regen.root / "mkdocs.yml", site, url, dirty=False)
    watched = [project / n for n in WATCHED if (project / n).exists()] + [relayout]
    server = engine.live_server(rebuild, port, site, watched, POLL_SECONDS)
    echo(_("serving on %(url)s (Ctrl-C to stop)") % {"url": url})
    try:
        server.serve()
    except OSError as exc:
        if exc.errno in (errno.EADDRINUSE, errno.EACCES):
            raise _port_error(port, exc) from None
        raise
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        shutil.rmtree(site, ignore_errors=True)
