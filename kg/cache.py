"""The extraction cache: what the model found in each article, kept in one SQLite file (``out/cache``).

A result is found again only for the same article (every field of it: text, source, title, dates, publisher),
the same model (name, version, files, spaCy version, user patterns) and the same extraction code
(:data:`CODE_VERSION`, a hash of the source files under ``kg/extract/`` and of the records they build), so a
changed model or changed code reads nothing stale. Each batch of results is written in one transaction of a
write-ahead-logged database: a run stopped at any moment (Ctrl-C, a killed process, a power cut) leaves the
results of the batches before it, and the next run starts from there.
"""

from __future__ import annotations

import hashlib
import pickle
import sqlite3
import zlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import fields
from pathlib import Path

from kg.errors import KgError, unwritten
from kg.model import Article, Extraction

__all__ = ["CODE_VERSION", "ExtractionCache", "article_fingerprint", "code_version"]

#: The file name of the database in the cache folder.
FILENAME = "extractions.sqlite"

_PACKAGE = Path(__file__).resolve().parent
#: What extraction results depend on besides the model: its code, and the records (and word lists) it builds.
_SOURCES = ("extract", "model.py", "lexicon.py")


def code_version(root: Path = _PACKAGE, sources: Sequence[str] = _SOURCES) -> str:
    """A hash of the extraction code: the ``.py`` files under each of ``sources`` (folders or files) in ``root``."""
    digest = hashlib.sha256()
    for name in sources:
        path = root / name
        files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
        for file in files:
            if file.is_file():
                digest.update(file.relative_to(root).as_posix().encode() + b"\0")
                digest.update(file.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


#: The extraction code's version, computed once at import; part of every cache key.
CODE_VERSION = code_version()


def article_fingerprint(article: Article) -> str:
    """A hash of every field of ``article``: a result is reused only for the very same article."""
    values = tuple(getattr(article, f.name) for f in fields(article))
    return hashlib.sha256(repr(values).encode("utf-8", "surrogatepass")).hexdigest()


class ExtractionCache:
    """Extraction results by (article, model, code version), in ``folder/extractions.sqlite``.

    ``model`` is the model's fingerprint (see :func:`kg.extract.runner.model_identity`); ``code`` defaults to
    :data:`CODE_VERSION`. Rows of other code versions are deleted on opening: no code can read them again.
    """

    def __init__(self, folder: str | Path, model: str, code: str | None = None) -> None:
        self.path = Path(folder) / FILENAME
        self.model = model
        self.code = code or CODE_VERSION
        self.hits = 0
        self.writes = 0
        self._db = self._open()

    def _open(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            try:
                return self._connect()
            except sqlite3.DatabaseError as exc:
                if isinstance(exc, sqlite3.OperationalError):
                    raise  # locked or unwritable: not ours to throw away
                # not a database (a stray file, a disk fault): keep it for inspection and start afresh
                self.path.replace(self.path.with_name(self.path.name + ".corrupt"))
                return self._connect()
        except (OSError, sqlite3.Error) as exc:
            raise KgError(unwritten(exc), path=self.path, detail=exc) from exc

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=60, isolation_level=None)  # transactions are explicit
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")  # WAL stays consistent; a power cut may lose the last batch
            db.execute(
                "CREATE TABLE IF NOT EXISTS extraction ("
                " key TEXT PRIMARY KEY, model TEXT NOT NULL, code TEXT NOT NULL, value BLOB NOT NULL)"
            )
            with _transaction(db):
                db.execute("DELETE FROM extraction WHERE code != ?", (self.code,))
        except BaseException:
            db.close()
            raise
        return db

    def key(self, article: Article) -> str:
        parts = (article_fingerprint(article), self.model, self.code)
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()

    def get_many(self, articles: Sequence[Article]) -> dict[int, Extraction]:
        """The cached results of ``articles``, by their index; unreadable rows count as misses."""
        keys = [self.key(a) for a in articles]
        index = {k: i for i, k in enumerate(keys)}
        found: dict[int, Extraction] = {}
        step = 500  # below SQLite's limit on bound parameters
        for start in range(0, len(keys), step):
            batch = keys[start : start + step]
            marks = ",".join("?" * len(batch))
            for key, blob in self._db.execute(f"SELECT key, value FROM extraction WHERE key IN ({marks})", batch):
                try:
                    value = pickle.loads(zlib.decompress(blob))
                except Exception:  # noqa: BLE001  a row written by other code: recompute it
                    continue
                i = index[key]
                if isinstance(value, Extraction) and value.article == articles[i]:
                    found[i] = value
        self.hits += len(found)
        return found

    def put_many(self, results: Iterable[Extraction]) -> None:
        """Store ``results`` in one transaction: all of them or, if the run stops meanwhile, none."""
        rows = [
            (self.key(ex.article), self.model, self.code, zlib.compress(pickle.dumps(ex, protocol=5), 1))
            for ex in results
        ]
        if not rows:
            return
        try:
            with _transaction(self._db):
                self._db.executemany("INSERT OR REPLACE INTO extraction VALUES (?, ?, ?, ?)", rows)
        except sqlite3.Error as exc:
            raise KgError(unwritten(exc), path=self.path, detail=exc) from exc
        self.writes += len(rows)

    def __len__(self) -> int:
        (n,) = self._db.execute("SELECT count(*) FROM extraction").fetchone()
        return int(n)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> ExtractionCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@contextmanager
def _transaction(db: sqlite3.Connection) -> Iterator[None]:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any exception (KeyboardInterrupt included)."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
