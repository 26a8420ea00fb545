"""The extraction cache: a second build reads every article from it and never loads the model; a new article is
the only one extracted; a changed article, model, patterns or extraction code reads nothing stale."""

from __future__ import annotations

import dataclasses
import shutil
import sqlite3
from pathlib import Path

import pytest
from spacy.language import Language

import kg
import kg.cache
import kg.extract.runner as runner
from kg.cache import FILENAME, ExtractionCache, article_fingerprint, code_version
from kg.extract import model_id
from kg.extract.patterns import Patterns
from kg.extract.runner import CorpusRun, model_identity
from kg.model import Article, Extraction, Mention, Provenance, Sentence

from .conftest import POLITICS

KG = Path(kg.__file__).resolve().parent


def made(i: int, text: str = "Tony Blair spoke.") -> Extraction:
    """An Extraction built by hand (no model)."""
    art = Article(f"id{i}", f"a{i}.txt", text, "")
    sentence = Sentence(art.id, 0, 0, len(text), text)
    mention = Mention("Tony Blair", "PERSON", Provenance(art.id, 0, 10, 0, "kg.ner.v1"))
    return Extraction(art, (sentence,), (mention,))


# --- the cache itself (no model) ---


def test_results_come_back_for_the_same_article_model_and_code(tmp_path: Path) -> None:
    exs = [made(i) for i in range(3)]
    with ExtractionCache(tmp_path, "m1", code="c1") as cache:
        cache.put_many(exs[:2])
        assert cache.get_many([e.article for e in exs]) == {0: exs[0], 1: exs[1]}
    with ExtractionCache(tmp_path, "m2", code="c1") as other_model:
        assert other_model.get_many([e.article for e in exs]) == {}
    with ExtractionCache(tmp_path, "m1", code="c1") as again:
        changed = dataclasses.replace(exs[0].article, title="A new title")
        assert again.get_many([changed, exs[1].article]) == {1: exs[1]}


def test_other_code_reads_nothing_and_its_rows_are_dropped(tmp_path: Path) -> None:
    with ExtractionCache(tmp_path, "m1", code="c1") as cache:
        cache.put_many([made(0), made(1)])
        assert len(cache) == 2
    with ExtractionCache(tmp_path, "m1", code="c2") as newer:
        assert newer.get_many([made(0).article]) == {}
        assert len(newer) == 0


def test_a_batch_is_stored_whole_or_not_at_all(tmp_path: Path) -> None:
    def interrupted() -> object:
        yield made(0)
        yield made(1)
        raise KeyboardInterrupt

    with ExtractionCache(tmp_path, "m", code="c") as cache:
        with pytest.raises(KeyboardInterrupt):
            cache.put_many(interrupted())  # type: ignore[arg-type]
        assert len(cache) == 0
        cache.put_many([made(2)])
    db = sqlite3.connect(tmp_path / FILENAME)
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_a_file_that_is_not_a_database_is_set_aside(tmp_path: Path) -> None:
    (tmp_path / FILENAME).write_bytes(b"not a database, " * 100)
    with ExtractionCache(tmp_path, "m", code="c") as cache:
        cache.put_many([made(0)])
        assert len(cache) == 1
    assert (tmp_path / (FILENAME + ".corrupt")).exists()


def test_the_code_version_changes_with_any_file_under_extract(tmp_path: Path) -> None:
    shutil.copytree(KG / "extract", tmp_path / "extract", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("model.py", "lexicon.py"):
        shutil.copy(KG / name, tmp_path / name)
    before = code_version(tmp_path)
    assert before == code_version(KG)  # what the package computed at import, if nobody edited it since
    with (tmp_path / "extract" / "dates.py").open("a") as fh:
        fh.write("\n# a change\n")
    assert code_version(tmp_path) != before
    (tmp_path / "extract" / "new_rule.py").write_text("X = 1\n")
    assert len({before, code_version(tmp_path)}) == 2


def test_the_article_fingerprint_covers_every_field() -> None:
    art = made(0).article
    assert article_fingerprint(art) == article_fingerprint(dataclasses.replace(art))
    for change in ({"text": "Other."}, {"source": "b.txt"}, {"publisher": "BBC"}, {"url": "https://x.org/1"}):
        assert article_fingerprint(dataclasses.replace(art, **change)) != article_fingerprint(art)  # type: ignore[arg-type]


# --- with the model ---


@pytest.mark.model
def test_the_model_identity_is_the_loaded_models_and_depends_on_the_patterns(nlp: Language) -> None:
    name, fingerprint = model_identity(None)
    assert name == model_id(nlp)
    assert fingerprint.startswith(name)
    patterns = Patterns(('{"id": "x", "label": "ORG", "pattern": "Acme"}',), (("x", "Organization"),), ())
    assert model_identity(None, patterns)[1] != fingerprint
    assert model_identity(None) == (name, fingerprint)


@pytest.mark.model
def test_a_second_build_reads_every_article_from_the_cache_and_loads_no_model(
    tmp_path: Path, reference: bytes, runs: list[CorpusRun], monkeypatch: pytest.MonkeyPatch
) -> None:
    kg.build([POLITICS], tmp_path, view=False, store=False)
    assert (runs[0].stats.cached, runs[0].stats.extracted) == (0, 12)

    def no_model(*args: object, **kw: object) -> None:
        raise AssertionError("the model was loaded")

    monkeypatch.setattr(runner, "load_pipeline", no_model)
    (tmp_path / "graph.ttl").unlink()
    kg.build([POLITICS], tmp_path, view=False, store=False)
    assert (runs[1].stats.cached, runs[1].stats.extracted, runs[1].stats.where) == (12, 0, "")
    assert (tmp_path / "graph.ttl").read_bytes() == reference


@pytest.mark.model
def test_a_new_article_is_the_only_one_extracted(tmp_path: Path, reference: bytes, runs: list[CorpusRun]) -> None:
    files = sorted(POLITICS.glob("*.txt"))
    kg.build(files[:-1], tmp_path / "out", view=False, store=False)
    kg.build([POLITICS], tmp_path / "out", view=False, store=False)
    assert (runs[1].stats.cached, runs[1].stats.extracted) == (11, 1)
    assert (tmp_path / "out" / "graph.ttl").read_bytes() == reference


@pytest.mark.model
def test_a_changed_code_version_or_model_reads_nothing(
    tmp_path: Path, runs: list[CorpusRun], monkeypatch: pytest.MonkeyPatch
) -> None:
    files = sorted(POLITICS.glob("*.txt"))[:2]
    kg.build(files, tmp_path, view=False, store=False)
    kg.build(files, tmp_path, view=False, store=False)
    assert runs[1].stats.cached == 2
    monkeypatch.setattr(kg.cache, "CODE_VERSION", "0" * 16)  # as if a file under kg/extract/ had changed
    kg.build(files, tmp_path, view=False, store=False)
    assert (runs[2].stats.cached, runs[2].stats.extracted) == (0, 2)
    monkeypatch.setattr(runner, "model_identity", lambda *a: ("en_core_web_sm-9.9.9", "en_core_web_sm-9.9.9:x"))
    kg.build(files, tmp_path, view=False, store=False)
    assert (runs[3].stats.cached, runs[3].stats.extracted) == (0, 2)
