"""Files playbook-gen reads back from build/: plain data, sealed with a checksum only this user can make.

Nothing in build/ is trusted: the folder may be committed, copied from another machine or planted. Caches are
JSON or raw bytes (never pickle, so reading one runs no code), and each carries an HMAC-SHA256 under a secret
key kept outside the project, one per user: `~/.cache/playbook-gen/key` (the platform's user cache folder),
created with mode 0600 on first use; PLAYBOOK_GEN_KEY names another file. A cache whose checksum does not
match was written by someone else or damaged: it is ignored and reported as a notice, never an error.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import tempfile
from pathlib import Path

from ..errors import Issue

KEY_ENV = "PLAYBOOK_GEN_KEY"
KEY_BYTES = 32
FORMAT = 1  # of the JSON envelope: {"format", "kind", "code", "data", "checksum"}
MAGIC = b"playbook-gen sealed 1\n"  # starts a sealed byte file: MAGIC, hex checksum, newline, the bytes
FOREIGN = ("its checksum does not match this user's key (it was written on another machine, by another user, "
           "or changed since)")


class Untrusted(Exception):
    """A cache that is not ours or is damaged (or no key to tell); the message says which, in words."""


def key_path() -> Path:
    if os.environ.get(KEY_ENV):
        return Path(os.environ[KEY_ENV])
    import platformdirs  # lazily: only builds with caches need it

    return Path(platformdirs.user_cache_dir("playbook-gen", appauthor=False)) / "key"


def secret() -> bytes:
    """This user's key, made on first use. Raises Untrusted if it cannot be made or others could read it."""
    path = key_path()
    try:
        if not path.exists():
            _create(path)
        info = path.stat()
        if info.st_uid != os.geteuid() or info.st_mode & 0o077:
            raise Untrusted(f"the cache key {path} is not private to this user (chmod 600 it, or delete it)")
        key = path.read_bytes()
    except OSError as exc:
        raise Untrusted(f"no cache key ({path}: {exc.strerror or exc})") from None
    if len(key) < KEY_BYTES:
        raise Untrusted(f"the cache key {path} is too short (delete it to make a new one)")
    return key


def _create(path: Path) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".key-")  # mode 0600
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(secrets.token_bytes(KEY_BYTES))
        try:
            os.link(tmp, path)  # complete or absent: two first builds at once keep one key
        except FileExistsError:
            pass
    finally:
        os.unlink(tmp)


def _mac(key: bytes, kind: str, payload: bytes) -> str:
    return hmac.new(key, kind.encode() + b"\0" + payload, hashlib.sha256).hexdigest()


def _canonical(body: dict) -> bytes:
    return json.dumps(body, sort_keys=True, ensure_ascii=True, separators=(",", ":")).encode("ascii")


def dump_json(kind: str, code: str, data) -> bytes:
    """`data` (JSON values) as a sealed JSON file of this kind, for this code version."""
    body = {"format": FORMAT, "kind": kind, "code": code, "data": data}
    return _canonical({**body, "checksum": _mac(secret(), kind, _canonical(body))})


def load_json(kind: str, code: str, raw: bytes):
    """The data of a sealed JSON file; None if it is ours but for other code. Raises Untrusted otherwise."""
    try:
        body = json.loads(raw)
    except ValueError:  # UnicodeDecodeError included
        raise Untrusted("it is damaged (not JSON)") from None
    if not isinstance(body, dict) or not isinstance(body.get("checksum"), str):
        raise Untrusted("it is damaged (no checksum)")
    checksum = body.pop("checksum")
    if not hmac.compare_digest(checksum, _mac(secret(), kind, _canonical(body))):
        raise Untrusted(FOREIGN)
    if (body.get("format"), body.get("kind"), body.get("code")) != (FORMAT, kind, code):
        return None  # ours, from another playbook-gen version: silently stale
    return body.get("data")


def seal_bytes(name: str, payload: bytes) -> bytes:
    return MAGIC + _mac(secret(), f"bytes:{name}", payload).encode("ascii") + b"\n" + payload


def open_bytes(name: str, raw: bytes) -> bytes:
    """The payload of a sealed byte file named `name` (the name is checked too: entries cannot be swapped)."""
    checksum, newline, payload = raw[len(MAGIC):].partition(b"\n")
    if not raw.startswith(MAGIC) or not newline:
        raise Untrusted("it is damaged or not a playbook-gen cache file")
    if not hmac.compare_digest(checksum, _mac(secret(), f"bytes:{name}", payload).encode("ascii")):
        raise Untrusted(FOREIGN)
    return payload


def notice(shown: str, reason: str, then: str = "it is rebuilt") -> Issue:
    return Issue(shown, 0, 0, f"cache ignored: {reason}; {then}", severity="notice")


def read_json(path: Path, kind: str, code: str, notices: list[Issue] | None = None, shown: str | None = None):
    """A sealed JSON file's data, or None (missing, stale, or untrusted: then a notice is added)."""
    try:
        return load_json(kind, code, path.read_bytes())
    except FileNotFoundError:
        return None
    except (OSError, Untrusted) as exc:
        if notices is not None:
            notices.append(notice(shown or path.name, str(exc) if isinstance(exc, Untrusted) else f"unreadable ({exc})"))
        return None


def write_json(path: Path, kind: str, code: str, data) -> None:
    """Write atomically; without a usable key nothing is cached."""
    try:
        raw = dump_json(kind, code, data)
    except Untrusted:
        return
    if path.is_file() and path.read_bytes() == raw:
        return
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(raw)
    os.replace(tmp, path)
