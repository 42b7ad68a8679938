"""The parse cache: unchanged files are not parsed again; edits, code changes and damage are handled."""

from __future__ import annotations

import pytest

from playbook_gen.load import loader
from playbook_gen.errors import ContentError
from playbook_gen.load.parse_cache import ParseCache


def parsed_files(monkeypatch) -> list[str]:
    seen: list[str] = []
    real = loader.parse_text

    def spy(rel, text):
        seen.append(rel)
        return real(rel, text)

    monkeypatch.setattr(loader, "parse_text", spy)
    return seen


def load_and_save(project, path):
    cache = ParseCache(path)
    loaded = loader.load(project, cache)
    cache.save()
    return loaded


def test_a_warm_cache_parses_nothing(mini, monkeypatch):
    path = mini / "parsed.json"
    cold = load_and_save(mini, path)
    assert path.is_file()
    seen = parsed_files(monkeypatch)
    warm = loader.load(mini, ParseCache(path))
    assert seen == []
    assert warm.content == cold.content
    assert str(warm.sources.issue("stages", "launch", ("title",), "x")) == "content/stages/launch.yml:2:8: x"


def test_only_the_edited_file_is_parsed_again(mini, monkeypatch):
    path = mini / "parsed.json"
    load_and_save(mini, path)
    launch = mini / "content/stages/launch.yml"
    launch.write_text(launch.read_text().replace("title: Launch", "title: Launch soon"))
    seen = parsed_files(monkeypatch)
    warm = loader.load(mini, ParseCache(path))
    assert seen == ["content/stages/launch.yml"]
    assert warm.content.stages["launch"].title == "Launch soon"


def test_errors_are_never_served_from_the_cache(mini):
    path = mini / "parsed.json"
    load_and_save(mini, path)
    launch = mini / "content/stages/launch.yml"
    launch.write_text(launch.read_text().replace("order: 3", "order: three"))
    for _ in range(2):
        with pytest.raises(ContentError, match="'order' must be a whole number"):
            loader.load(mini, ParseCache(path))


def test_a_damaged_or_outdated_cache_is_ignored(mini, monkeypatch):
    path = mini / "parsed.json"
    path.write_bytes(b"not a cache")
    assert load_and_save(mini, path).content.stages["launch"].title == "Launch"
    cache = ParseCache(path)
    assert cache.entries  # rewritten after the damaged one was ignored
    monkeypatch.setattr("playbook_gen.load.parse_cache._code_version", lambda: "other code")
    assert ParseCache(path).entries == {}


def test_builds_use_the_cache(mini, monkeypatch):
    from playbook_gen.pipeline import Options, build

    build(mini, Options(pdf=False))  # cold: build/ is created, nothing cached yet
    build(mini, Options(pdf=False), force=True)  # fills build/parsed.json once it succeeded (force: past the
    assert (mini / "build/parsed.json").is_file()  # nothing-changed stop, which would not check at all)
    seen = parsed_files(monkeypatch)
    build(mini, Options(pdf=False), force=True)
    assert seen == []


def test_a_failed_build_saves_no_cache(mini):
    from playbook_gen.pipeline import Options, build

    build(mini, Options(pdf=False))
    launch = mini / "content/stages/launch.yml"
    launch.write_text(launch.read_text().replace("[alliance-manager,", "[alliance-manger,"))
    with pytest.raises(ContentError):
        build(mini, Options(pdf=False))
    assert not (mini / "build/parsed.json").exists()
