"""Nothing in build/ is trusted: planted, foreign or damaged caches run no code, are ignored with a notice,
and never reach the site; our own caches are still used."""

from __future__ import annotations

import os
import pickle
import stat

import pytest

from playbook_gen import pipeline
from playbook_gen.export.jobs import Job
from playbook_gen.load import sealed
from playbook_gen.load.loader import parse_text
from playbook_gen.load.parse_cache import KIND, ParseCache, encode
from playbook_gen.options import Options
from playbook_gen.render.fit import read_memo, write_memo

from .conftest import run_cli

LAUNCH = "content/stages/launch.yml"
FOREIGN = "cache ignored: its checksum does not match this user's key (it was written on another machine, " \
          "by another user, or changed since)"


@pytest.fixture
def key(tmp_path, monkeypatch):
    """This test's own user key; `other_key()` switches to someone else's."""
    monkeypatch.setenv(sealed.KEY_ENV, str(tmp_path / "keys" / "mine"))
    return tmp_path / "keys" / "mine"


def as_other_user(monkeypatch, tmp_path):
    monkeypatch.setenv(sealed.KEY_ENV, str(tmp_path / "keys" / "theirs"))


class Plant:
    """Unpickling this creates a file: proof that a pickle was loaded (and so could have run any code)."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


def planted_cache(project, title: str, old: str = "title: Launch") -> dict:
    """Parse-cache entries that give launch.yml's exact text another title (or another `old` line)."""
    text = (project / LAUNCH).read_text(encoding="utf-8")
    assert old in text
    lie = parse_text(LAUNCH, text.replace(old, title if old != "title: Launch" else f"title: {title}"))
    return {ParseCache.key("stages", text): encode(lie)}


def checked(project):
    pipeline.work_dir(project)  # build/ exists and is ours, so the caches are read
    return pipeline.check(project, cached=True)


# --- the parse cache ---------------------------------------------------------------------------


def test_a_planted_pickle_is_never_loaded_and_is_removed_by_the_next_build(mini, tmp_path, key):
    marker = tmp_path / "pwned"
    pipeline.work_dir(mini)
    for name in ("parsed.pickle", "parsed.json"):  # the old name, and pickle bytes where JSON belongs
        (mini / "build" / name).write_bytes(pickle.dumps(Plant(marker)))
    result = run_cli("build", "--no-pdf", cwd=mini, env={sealed.KEY_ENV: str(key)})
    assert result.returncode == 0, result.stderr
    assert not marker.exists()
    notices = [line for line in result.stderr.splitlines() if ": notice: " in line]
    assert notices == [
        "build/parsed.json: notice: cache ignored: it is damaged (not JSON); it is rebuilt",
        "build/parsed.pickle: notice: cache ignored: playbook-gen no longer reads pickle files (loading one can "
        "run code); the next successful build deletes it",
    ]
    assert not (mini / "build/parsed.pickle").exists()
    assert (mini / "build/parsed.json").read_bytes().startswith(b'{"checksum":')
    assert not marker.exists()


def test_a_cache_sealed_with_another_key_is_ignored(mini, tmp_path, key, monkeypatch):
    pipeline.work_dir(mini)
    as_other_user(monkeypatch, tmp_path)
    sealed.write_json(mini / "build" / "parsed.json", KIND, ParseCache(None).version, planted_cache(mini, "Planted"))
    monkeypatch.setenv(sealed.KEY_ENV, str(key))
    result = checked(mini)
    assert result.loaded.content.stages["launch"].title == "Launch"
    assert [str(w) for w in result.warnings] == [f"build/parsed.json: notice: {FOREIGN}; it is rebuilt"]


def test_the_same_cache_sealed_with_our_key_is_used(mini, key):
    """The control for the test above: the planted entries are the ones a build would look up."""
    pipeline.work_dir(mini)
    sealed.write_json(mini / "build" / "parsed.json", KIND, ParseCache(None).version, planted_cache(mini, "Planted"))
    result = checked(mini)
    assert result.loaded.content.stages["launch"].title == "Planted"
    assert result.warnings == []


def test_cached_data_is_validated_again(mini, key):
    """Even a cache we wrote holds data, not objects: data the model refuses is an error, located."""
    pipeline.work_dir(mini)
    entries = planted_cache(mini, "order: three", old="order: 3")
    sealed.write_json(mini / "build" / "parsed.json", KIND, ParseCache(None).version, entries)
    with pytest.raises(pipeline.ContentError, match=r"content/stages/launch.yml:\d+:\d+: 'order' must be a whole number"):
        checked(mini)


@pytest.mark.parametrize("damage", [b"", b"{", b'{"checksum": 1}', b"[1, 2]", "\ufffe".encode("utf-16")])
def test_a_damaged_cache_is_ignored_with_a_notice(mini, key, damage):
    pipeline.work_dir(mini)
    (mini / "build" / "parsed.json").write_bytes(damage)
    result = checked(mini)
    assert result.loaded.content.stages["launch"].title == "Launch"
    assert [w.severity for w in result.warnings] == ["notice"]
    assert str(result.warnings[0]).startswith("build/parsed.json: notice: cache ignored: it is damaged")


def test_an_edited_cache_file_is_foreign(mini, key):
    pipeline.work_dir(mini)
    sealed.write_json(mini / "build" / "parsed.json", KIND, ParseCache(None).version, planted_cache(mini, "Fine"))
    path = mini / "build" / "parsed.json"
    path.write_bytes(path.read_bytes().replace(b"Fine", b"Evil"))
    result = checked(mini)
    assert result.loaded.content.stages["launch"].title == "Launch"
    assert [str(w) for w in result.warnings] == [f"build/parsed.json: notice: {FOREIGN}; it is rebuilt"]


# --- page counts ------------------------------------------------------------------------------


def test_page_counts_from_another_key_are_ignored(tmp_path, key, monkeypatch):
    path = tmp_path / "page-counts.json"
    write_memo(path, {"abc": 2})
    assert read_memo(path) == {"abc": 2}
    as_other_user(monkeypatch, tmp_path)
    notices = []
    assert read_memo(path, notices, "build/page-counts.json") == {}
    assert [str(n) for n in notices] == [f"build/page-counts.json: notice: {FOREIGN}; it is rebuilt"]


# --- the export cache -------------------------------------------------------------------------


def card(title: str) -> bytes:
    return f"card for {title}\n".encode()


def cards(content, project, site, options) -> list[Job]:
    return [Job(f"lifecycle/cards/{s.id}.txt", card, (s.title,), s.title.encode()) for s in content.ordered("stages")]


def test_a_planted_export_cache_entry_is_not_published(mini, key, monkeypatch):
    monkeypatch.setattr(pipeline, "EXPORTERS", [*pipeline.EXPORTERS, cards])  # the PDFs too: pages link them
    first = pipeline.build(mini, Options(strict=True))
    assert "lifecycle/cards/launch.txt" in first.exports_generated
    job = next(j for j in cards(pipeline.check(mini).loaded.content, mini, None, None) if j.path.endswith("/launch.txt"))
    entry = mini / "build" / "cache" / f"{job.key}.txt"
    assert entry.is_file()
    assert pipeline.build(mini, force=True).exports_generated == []  # our own entries are used

    entry.write_bytes(b"<script>planted</script>\n")  # the right name, the wrong bytes
    again = pipeline.build(mini, force=True)
    assert again.exports_generated == ["lifecycle/cards/launch.txt"]
    assert (mini / "site/lifecycle/cards/launch.txt").read_bytes() == b"card for Launch\n"
    assert [str(w) for w in again.warnings] == [
        f"build/cache/{job.key}.txt: notice: cache ignored: it is damaged or not a playbook-gen cache file; generated again"]

    other = mini / "build" / "cache" / next(p.name for p in (mini / "build/cache").iterdir() if p.name != entry.name)
    entry.write_bytes(other.read_bytes())  # a genuine entry under another entry's name
    swapped = pipeline.build(mini, force=True)
    assert swapped.exports_generated == ["lifecycle/cards/launch.txt"]
    assert [str(w) for w in swapped.warnings] == [f"build/cache/{job.key}.txt: notice: {FOREIGN}; generated again"]
    assert (mini / "site/lifecycle/cards/launch.txt").read_bytes() == b"card for Launch\n"


# --- the key ----------------------------------------------------------------------------------


def test_the_key_lives_in_the_users_cache_folder_private_and_stable(tmp_path, monkeypatch):
    monkeypatch.delenv(sealed.KEY_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    path = tmp_path / "xdg" / "playbook-gen" / "key"
    assert sealed.key_path() == path
    assert not path.exists()
    first = sealed.secret()
    assert len(first) == sealed.KEY_BYTES and sealed.secret() == first
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert [p.name for p in path.parent.iterdir()] == ["key"]  # no temporary file left


def test_a_key_others_can_read_is_not_used(tmp_path, key):
    sealed.secret()
    os.chmod(key, 0o644)
    with pytest.raises(sealed.Untrusted, match="is not private to this user"):
        sealed.secret()
    notices = []
    assert sealed.read_json(tmp_path / "missing.json", KIND, "v", notices) is None and notices == []
    sealed_file = tmp_path / "c.json"
    sealed_file.write_bytes(b'{"checksum": "00"}')
    assert sealed.read_json(sealed_file, KIND, "v", notices) is None
    assert "is not private to this user" in str(notices[0])
    sealed.write_json(tmp_path / "not-written.json", KIND, "v", {})  # no usable key: nothing is cached
    assert not (tmp_path / "not-written.json").exists()
