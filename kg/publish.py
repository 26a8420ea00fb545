"""Writing a build's outputs so that they always agree: the graph files, the store, the view and the manifest
describe one build, the old one or the new one, whatever moment the build is stopped at.

A build takes the lock of its output folder (``out/.lock``) before it writes anything; a second build on the
same folder fails at once (K310) and changes nothing. Every output is first *staged* beside its final name
(``.graph.ttl.stage-…``, ``.store.stage-…``: the store is a hard-linked checkpoint of the old one, updated
graph by graph, or a fresh bulk load; the manifest too). Then the build commits (:mod:`kg.commit`): a journal
names what replaces what, and renames put everything in place, the manifest last, while readers wait. Stopped
before the journal, the old outputs are untouched and the next build deletes the staged leftovers; stopped
after it, the next reader or build finishes the renames first.
"""

from __future__ import annotations

import fcntl
import json
import os
import tempfile
from pathlib import Path
from types import TracebackType

from kg.commit import COMMIT_LOCK, JOURNAL, KILL_AT, LOCK, STAGED, committing, finish, fsync_dir, reached, settle
from kg.commit import remove as _remove
from kg.errors import Errors, GraphError, QueryError, no_room
from kg.graph.incremental import update_store
from kg.graph.io import atomic_write
from kg.graph.quads import GraphSet
from kg.graph.store import STORE_DIR, open_store, write_store
from kg.manifest import FILENAME, Manifest, manifest_bytes


def _leftover(name: str) -> bool:
    """A file or folder a stopped build of kg left in its output folder."""
    if not name.startswith(".") or name in (LOCK, COMMIT_LOCK, JOURNAL):
        return False
    return (
        STAGED in name
        or name.startswith((".store.new-", ".store.old-"))
        or (name.endswith(".tmp") and name.startswith((".graph.", f".{FILENAME}.", f".{JOURNAL}.")))
    )


class Outputs:
    """The output folder of one build, locked from ``__enter__`` to ``__exit__``; on entry the leftovers of a
    stopped build are repaired (a committed one finished, an uncommitted one's staged files deleted)."""

    def __init__(self, out: Path) -> None:
        self.out = Path(out)
        self.moves: list[tuple[Path, Path]] = []  # staged -> final
        self.drops: list[Path] = []  # outputs of the old build this one does not make
        self._lock_fd: int | None = None
        self._created = False

    def __enter__(self) -> Outputs:
        self._created = not self.out.exists()
        try:
            self.out.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.out / LOCK, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
        except OSError as exc:
            raise GraphError(Errors.K300, path=self.out, detail=exc.strerror or exc) from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise GraphError(Errors.K310, path=self.out) from None
        self._lock_fd = fd
        try:
            try:
                os.close(os.open(self.out / COMMIT_LOCK, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644))  # for readers
            except OSError as exc:
                raise GraphError(Errors.K300, path=self.out / COMMIT_LOCK, detail=exc.strerror or exc) from exc
            repair(self.out)
        except BaseException:
            self.__exit__(GraphError, None, None)
            raise
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if kind is not None:
            for staged, _ in self.moves:
                _remove(staged)
        if kind is not None and self._created:  # a build that failed in a folder it made leaves no folder
            (self.out / LOCK).unlink(missing_ok=True)
            (self.out / COMMIT_LOCK).unlink(missing_ok=True)
            try:
                self.out.rmdir()
            except OSError:
                pass  # not empty: something else was written there
        if self._lock_fd is not None:
            os.close(self._lock_fd)  # releases the lock
            self._lock_fd = None

    def staged(self, name: str) -> Path:
        """A new staging path for the output ``name`` (registered: it replaces ``out/name`` at the commit)."""
        try:
            fd, tmp = tempfile.mkstemp(prefix=f".{name}{STAGED}", dir=self.out)
            os.close(fd)
            os.unlink(tmp)
        except OSError as exc:
            raise GraphError(Errors.K305 if no_room(exc) else Errors.K300, path=self.out, detail=exc) from exc
        path = Path(tmp)
        self.moves.append((path, self.out / name))
        return path

    def stage_bytes(self, name: str, data: bytes) -> None:
        atomic_write(self.staged(name), data)

    def drop(self, name: str) -> None:
        """``out/name`` (an output of an earlier build) goes at the commit."""
        if (self.out / name).exists():
            self.drops.append(self.out / name)

    def stage_store(self, graphs: GraphSet, before: dict[str, str], path: Path | None = None) -> dict[str, str]:
        """Stage the new store (at ``path``, a path :meth:`staged` gave for it, else a new one): a checkpoint of
        the old one (hard links) brought up to ``graphs`` graph by graph, or, with no usable old one, a bulk load.
        Returns the new graph hashes."""
        path = path if path is not None else self.staged(STORE_DIR)
        current = self.out / STORE_DIR
        if before and current.is_dir():
            try:
                old = open_store(current)
                try:
                    old.inner.backup(str(path))
                finally:
                    del old
            except (QueryError, OSError):
                _remove(path)  # unreadable or corrupt: build it afresh
                before = {}
        if not before or not path.is_dir():
            write_store(graphs.nquad_chunks(), path)
            return graphs.hashes()
        hashes, _ = update_store(graphs, path, before)
        return hashes

    def commit(self, manifest: Manifest) -> None:
        """Stage the manifest, write the journal (the commit point) and put everything in place, the manifest
        last, holding the commit lock: no reader opens an output meanwhile (see :mod:`kg.commit`)."""
        self.stage_bytes(FILENAME, manifest_bytes(manifest))
        journal = {
            "moves": [[staged.name, final.name] for staged, final in self.moves],
            "drops": [p.name for p in self.drops],
        }
        for staged, _ in self.moves:
            if staged.is_dir():
                fsync_dir(staged)
        fsync_dir(self.out)
        try:
            with committing(self.out):
                atomic_write(self.out / JOURNAL, json.dumps(journal, indent=1).encode())
                fsync_dir(self.out)
                self.moves.clear()  # committed: from here on, a failure leaves them for the next reader or build
                reached("commit")
                finish(self.out, journal)
        except OSError as exc:
            code = Errors.K305 if no_room(exc) else Errors.K300
            raise GraphError(code, path=self.out, detail=exc.strerror or exc) from exc


def repair(out: Path) -> None:
    """Finish a committed build that was stopped while its outputs were put in place, and delete what stopped
    builds staged and never committed. Called with the folder's lock held."""
    settle(out)
    try:
        names = os.listdir(out)
    except OSError:
        return
    for name in names:
        if _leftover(name):
            _remove(out / name)


__all__ = ["JOURNAL", "KILL_AT", "LOCK", "Outputs", "reached", "repair"]
