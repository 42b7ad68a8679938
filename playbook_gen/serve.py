"""Live preview: MkDocs' live-reload server over a generated project that we regenerate on every real edit.

Inputs are polled by the server (file stats, ten times a second); a poll that sees a change only triggers work
when the inputs' bytes changed (an editor touching a file, or reading it, regenerates nothing). Parsed files and
page counts stay in memory. An edit is shown in two passes, so the edited page is on screen first: the pages of
the entities the edit changed are rendered, written and rebuilt by the engine (MkDocs' dirty build: only pages
whose Markdown changed); a moment later every page is rendered again and the other pages that show the edit
(links with a changed title, lists, tooltips) are rebuilt, or all of them when the menu or the theme changed.

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
import time
from pathlib import Path

from .errors import PlaybookError, UsageError
from .i18n import _
from .options import Options
from .pipeline import Checked, Memory, check, generate, work_dir
from .publish import engine, languages
from .publish.write import write_if_changed
from .render.config import THEME_DIR, dump
from .render.pages import pages_changed

WATCHED = ("content", "templates", "site_config", "mkdocs.yml")
POLL_SECONDS = 0.1  # how often the server stats the inputs (a stat of each file, no reads: near idle)
FOLLOW_UP_DELAY = 1.0  # seconds without an edit before the second pass starts (browsers reload the edited page first)
PREVIEW = Options(strict=False, pdf=False)  # a preview skips PDFs and other slow exports; pages do not link to them


def input_digests(project: Path) -> dict[str, str]:
    """Every input file's path and the hash of its bytes: equal maps mean nothing to regenerate."""
    found = {}
    for name in WATCHED:
        root = project / name
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else []
        for path in files:
            try:
                data = path.read_bytes()
            except OSError:  # removed while we looked: the next poll sees it
                continue
            found[path.relative_to(project).as_posix()] = hashlib.sha256(data).hexdigest()
    return found


def _is_content_file(rel: str) -> bool:
    # Pages are rendered from the model of these alone; any other input (a template, branding, an image) can
    # change any page.
    return rel.startswith("content/") and rel.endswith((".yml", ".yaml"))


class Regenerator:
    """Re-runs the generator into build/serve/; keeps the last good docs when an edit is broken."""

    def __init__(self, project: Path, echo, lang: str | None = None):
        self.project, self.echo, self.lang = project, echo, lang  # lang: serve --lang, one of the playbook's languages
        self.root = work_dir(project) / "serve"
        self.lock = threading.Lock()
        self.memory = Memory()
        self.checked: Checked | None = None  # the last good content, and the edition of it that is shown
        self.shown = None
        self.rest = False  # the last pass rendered only the edited pages: finish() renders the others
        self.last_config: dict | None = None
        self.error = ""
        self.files: dict[str, str] = {}  # input path -> digest, as last seen
        self.edited: set[str] = set()  # the input paths changed since the last good pass (a failed one keeps them)

    def changed(self) -> bool:
        files = input_digests(self.project)
        if files == self.files:
            return False
        self.edited |= {rel for rel in files.keys() | self.files.keys() if files.get(rel) != self.files.get(rel)}
        self.files = files
        return True

    def run(self) -> tuple[bool, bool]:
        """The first pass after an edit: (generated, engine config or theme changed). Renders only the pages of
        the entities the edit changed when it can tell (self.rest is then set), else every page."""
        with self.lock:
            try:
                # No sheet layout (the one-page rule): it costs most of a second per changed sheet; builds check it.
                checked = check(self.project, memory=self.memory, layout=False)
                with languages.edition_of(checked, self.lang) as (variant, edition):
                    only = None  # every page
                    if self.shown and all(_is_content_file(rel) for rel in self.edited):
                        only = pages_changed(self.shown, edition.loaded.content)
                    generated = _generate(self.project, variant, edition, only)
            except PlaybookError as exc:
                if isinstance(exc, UsageError) and self.last_config is None:
                    raise  # serve --lang names a language the playbook does not have: exit 2 before serving
                self.error = str(exc)
                self.echo(_("problems found; the preview keeps the last good pages:") + f"\n{exc}")
                if self.last_config is None:
                    return False, False
                return False, self._write_config(self.last_config)
            recovered, self.error = bool(self.error), ""
            # An empty `only`: the model is as before (a comment edited), so every page is too.
            self.checked, self.shown, self.edited = checked, edition.loaded.content, set()
            self.rest = only is not None and (self.rest or bool(only))
            config_before = (self.root / "mkdocs.yml").read_bytes() if (self.root / "mkdocs.yml").is_file() else b""
            theme_before = _tree_digest(self.root / THEME_DIR)
            written = generated.write(self.root)
            self.last_config = generated.config
            self.echo(_("regenerated %(pages)s pages (%(changed)s changed)") % {"pages": generated.pages, "changed": len(written)})
            layout = recovered or config_before != (self.root / "mkdocs.yml").read_bytes() or theme_before != _tree_digest(self.root / THEME_DIR)
            return True, layout

    def finish(self) -> list[str]:
        """The second pass: every page of the last good content, writing those that changed (the pages that show
        what the first pass's entities changed); the docs written."""
        with self.lock:
            if not self.rest or self.checked is None:
                return []
            self.rest = False
            with languages.edition_of(self.checked, self.lang) as (variant, edition):
                return _generate(self.project, variant, edition, None).write(self.root)

    def _write_config(self, config: dict) -> bool:
        """The last good config, with the problems shown in a banner (the theme override's announce block)."""
        config = {**config, "extra": {**config.get("extra", {}), "playbook_error": html.escape(self.error)}}
        return write_if_changed(self.root / "mkdocs.yml", dump(config).encode("utf-8"))


def _generate(project: Path, variant, checked: Checked, only: set[str] | None):
    """The preview in one language (the playbook's own unless serve --lang): no switcher, fallback pages marked."""
    generated = generate(project, checked, Path("site"), PREVIEW, only)
    generated.config = languages.preview_config(variant, generated.config)
    generated.docs = languages.mark_fallback(variant, generated.docs)
    return generated


def _tree_digest(folder: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")) if folder.is_dir() else []:
        if p.is_file():
            h.update(p.relative_to(folder).as_posix().encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


class FollowUp:
    """Brings the server back for the second pass once edits pause for FOLLOW_UP_DELAY seconds.

    The second pass must not hold up an edited page: HTML requests wait while the server builds (a full rebuild
    takes seconds), and browsers reload when the first pass returns. So it waits until the writer has paused,
    then touches a file in `folder` (watched too); the server's next call does the second pass.
    """

    def __init__(self, folder: Path, unseen_edit):
        self.folder = folder
        folder.mkdir(exist_ok=True)
        self.unseen_edit = unseen_edit  # () -> bool: an input changed that no pass has seen yet
        self.busy = False  # a pass is running
        self.edited = 0.0
        self.timer: threading.Timer | None = None

    def after_edit(self) -> None:
        self.edited = time.monotonic()
        if self.timer is None or not self.timer.is_alive():
            self._arm(FOLLOW_UP_DELAY)

    def _arm(self, delay: float) -> None:
        self.timer = threading.Timer(delay, self._fire)
        self.timer.daemon = True
        self.timer.start()

    def _fire(self) -> None:
        quiet = time.monotonic() - self.edited
        if quiet < FOLLOW_UP_DELAY:  # another edit came meanwhile: its page went first; wait for a pause
            self._arm(FOLLOW_UP_DELAY - quiet)
        elif self.busy or self.unseen_edit():  # an edit is on its way: it goes first
            self._arm(FOLLOW_UP_DELAY)
        else:
            (self.folder / "pending").write_text(f"{time.monotonic()}\n")


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

    follow_up = FollowUp(regen.root / "follow-up", lambda: input_digests(project) != regen.files)
    pending = {"rest": False, "full": False}

    def rebuild() -> None:
        """Called by the server after its poll saw a change; the server reloads browsers when it returns."""
        follow_up.busy = True
        try:
            _rebuild()
        finally:
            follow_up.busy = False

    def _rebuild() -> None:
        if not regen.changed():
            if pending["rest"] or pending["full"]:  # the follow-up's touch: the second pass
                written = regen.finish()
                full, pending["rest"], pending["full"] = pending["full"], False, False
                if full or written:  # the menu or theme changed: every page; else the pages that show the edit
                    engine.preview_build(regen.root / "mkdocs.yml", site, url, dirty=not full)
            return
        generated, layout = regen.run()
        if generated or layout:
            engine.preview_build(regen.root / "mkdocs.yml", site, url, dirty=True)
        pending["full"] = pending["full"] or layout
        pending["rest"] = regen.rest
        if pending["rest"] or pending["full"]:
            follow_up.after_edit()

    engine.preview_build(regen.root / "mkdocs.yml", site, url, dirty=False)
    watched = [project / n for n in WATCHED if (project / n).exists()] + [follow_up.folder]
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
