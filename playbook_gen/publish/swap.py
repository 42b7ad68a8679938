"""Output safety: a build lock, markers on what we create, and an atomic swap of the published site.

The new site is built in a sibling folder and exchanged with the old one in one step
(renameat2 RENAME_EXCHANGE on Linux; two renames elsewhere), so a killed build leaves the last
good site in place. Folders are only ever deleted when they carry our marker file.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

from ..errors import ProjectError

MARKER = ".playbook-gen"
MARKER_TEXT = "Created by playbook-gen. Deleting this folder is safe: it is rebuilt by `playbook-gen build`.\n"


def mark(folder: Path) -> None:
    (folder / MARKER).write_text(MARKER_TEXT, encoding="utf-8")


def is_ours(folder: Path) -> bool:
    return (folder / MARKER).is_file()


def is_empty(folder: Path) -> bool:
    return folder.is_dir() and not any(folder.iterdir())


def remove_ours(folder: Path) -> bool:
    """Delete a folder only if playbook-gen created it."""
    if folder.is_dir() and not folder.is_symlink() and is_ours(folder):
        shutil.rmtree(folder)
        return True
    return False


def _holder(fd: int) -> str:
    """The pid the running build wrote; it may have locked the new file a moment before writing it."""
    for _ in range(25):
        holder = os.pread(fd, 32, 0).decode(errors="replace").strip()
        if holder:
            return holder
        time.sleep(0.02)
    return "unknown"


@contextmanager
def build_lock(work: Path):
    """Hold an exclusive lock for the whole build; a second build in the same project fails fast."""
    work.mkdir(parents=True, exist_ok=True)
    path = work / "build.lock"
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ProjectError(f"another playbook-gen build is running in this project (pid {_holder(fd)}); wait for it to finish") from None
        pid = f"{os.getpid()}\n".encode()
        os.pwrite(fd, pid, 0)  # then cut: the file never reads empty while a build holds it (only before its first write)
        os.ftruncate(fd, len(pid))
        yield
    finally:
        os.close(fd)


def staging_dir(site: Path) -> Path:
    """A fresh, marked folder beside `site` (same file system, so the swap is a rename)."""
    tmp = site.parent / f".{site.name}.tmp-{uuid.uuid4().hex[:12]}"
    tmp.mkdir(parents=True)
    mark(tmp)
    return tmp


def clean_leftovers(site: Path) -> list[Path]:
    """Remove staging and retired folders a killed build left behind (only marked ones)."""
    removed = []
    for pattern in (f".{site.name}.tmp-*", f".{site.name}.old-*"):
        for p in sorted(site.parent.glob(pattern)):
            if remove_ours(p):
                removed.append(p)
    return removed


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths; False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(a))


def check_replaceable(site: Path) -> None:
    """Refuse to replace a folder playbook-gen did not create (checked before a build starts, and again at the swap)."""
    if (site.exists() or site.is_symlink()) and not (site.is_dir() and not site.is_symlink() and (is_ours(site) or is_empty(site))):
        raise ProjectError(f"{site.name}/ exists and was not created by playbook-gen; move it away or choose another site_dir")


def publish(staged: Path, site: Path) -> None:
    """Make `staged` the published site. Refuses to replace a folder playbook-gen did not create."""
    check_replaceable(site)
    if site.is_dir():
        if not _exchange(staged, site):
            retired = site.parent / f".{site.name}.old-{uuid.uuid4().hex[:12]}"
            os.rename(site, retired)
            os.rename(staged, site)
            staged = retired
        shutil.rmtree(staged)  # now holds the previous site
    else:
        os.rename(staged, site)
