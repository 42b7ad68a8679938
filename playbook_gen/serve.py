"""Live preview: MkDocs' dev server over a generated project that we regenerate on every edit.

A bad edit never takes the preview down: the error is printed, shown as a banner on every page,
and the last good pages stay up until the content is fixed.
"""

from __future__ import annotations

import html
import threading
import time
from pathlib import Path

from .errors import PlaybookError
from .options import Options
from .pipeline import check, generate, work_dir
from .publish.write import write_if_changed
from .render.config import dump

WATCHED = ("content", "templates", "site_config", "mkdocs.yml")


class Regenerator:
    """Re-runs the generator into build/serve/; keeps the last good docs when an edit is broken."""

    def __init__(self, project: Path, echo):
        self.project, self.echo = project, echo
        self.root = work_dir(project) / "serve"
        self.lock = threading.Lock()
        self.last_config: dict | None = None
        self.error = ""

    def run(self) -> bool:
        with self.lock:
            try:
                checked = check(self.project)
                # A preview skips PDFs and other slow exports; pages do not link to them.
                generated = generate(self.project, checked, Path("site"), Options(strict=False, pdf=False))
            except PlaybookError as exc:
                self.error = str(exc)
                self.echo(f"problems found; the preview keeps the last good pages:\n{exc}")
                if self.last_config is None:
                    return False
                self._write_config(self.last_config)
                return False
            self.error = ""
            written = generated.write(self.root)
            self.last_config = generated.config
            self.echo(f"regenerated {generated.pages} pages ({len(written)} changed)")
            return True

    def _write_config(self, config: dict) -> None:
        """The last good config, with the problems shown in a banner (the theme override's announce block)."""
        config = {**config, "extra": {**config.get("extra", {}), "playbook_error": html.escape(self.error)}}
        write_if_changed(self.root / "mkdocs.yml", dump(config).encode("utf-8"))


def serve(project: Path, *, port: int = 8000, echo=print) -> None:
    from mkdocs.commands.serve import serve as mkdocs_serve
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    project = Path(project).resolve()
    regen = Regenerator(project, echo)
    if not regen.run():
        raise PlaybookError("fix the problems above, then run serve again")

    pending = threading.Event()

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event):
            if not event.is_directory or event.event_type in ("created", "deleted", "moved"):
                pending.set()

    def debounce():
        while True:
            pending.wait()
            time.sleep(0.3)  # an editor's save is often several events
            pending.clear()
            regen.run()

    observer = Observer()
    for name in WATCHED:
        path = project / name
        if path.exists():
            observer.schedule(Handler(), str(path), recursive=path.is_dir())
    observer.start()
    threading.Thread(target=debounce, daemon=True).start()
    echo(f"serving on http://127.0.0.1:{port}/ (Ctrl-C to stop)")
    try:
        mkdocs_serve(str(regen.root / "mkdocs.yml"), livereload=True, dev_addr=f"127.0.0.1:{port}")
    finally:
        observer.stop()
