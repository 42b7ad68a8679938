"""Parsed and validated content files, cached by their exact text, so a warm build skips YAML parsing.

Pure-Python YAML parsing (needed for exact line:column marks) is most of the cost of `check`; an
unchanged file is looked up by the hash of its text instead. The cache lives in the project's own
build/ folder, is rebuilt when playbook-gen's model or loader code changes, and a damaged or foreign
cache file is simply ignored.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

from ..version import __version__

# The code whose changes make cached entries stale: the model and the loader.
_CODE = ("model", "load")


def _code_version() -> str:
    h = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parent.parent
    for folder in _CODE:
        for path in sorted((package / folder).glob("*.py")):
            h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


class ParseCache:
    def __init__(self, path: Path | None):
        self.path = path
        self.version = _code_version()
        self.entries: dict[str, object] = {}
        self.used: dict[str, object] = {}
        if path and path.is_file():
            try:
                version, entries = pickle.loads(path.read_bytes())  # noqa: S301 - our own build folder
            except Exception:  # noqa: BLE001 - any damage just means a cold cache
                version, entries = None, {}
            if version == self.version and isinstance(entries, dict):
                self.entries = entries

    @staticmethod
    def key(kind: str, text: str) -> str:
        return hashlib.sha256(f"{kind}\0{text}".encode()).hexdigest()

    def get(self, key: str):
        hit = self.entries.get(key)
        if hit is not None:
            self.used[key] = hit
        return hit

    def put(self, key: str, value) -> None:
        self.used[key] = value

    def save(self) -> None:
        """Keep only what this run used, written atomically."""
        if not self.path or not self.path.parent.is_dir() or self.used.keys() == self.entries.keys():
            return
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps((self.version, self.used), protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, self.path)
