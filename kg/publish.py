"""Writing a build's outputs so that they always agree: the graph files, the store, the view and the manifest
describe one build, the old one or the new one, whatever moment the build is stopped at.

A build takes the lock of its output folder (``out/.lock``) before it writes anything; a second build on the
same folder fails at once (K310) and changes nothing. Every output is first *staged*: where the swap can be
done (:mod:`kg.commit`), in a new build folder beside ``out`` (``.out.kg-next-…``), under its final name; else
beside its final name in ``out`` (``.graph.ttl.stage-…``, ``.store.stage-…``). The store is a hard-linked
checkpoint of the old one, updated graph by graph, or a fresh bulk load; the manifest too is staged. Then the
build commits: it links what it keeps of ``out`` into the new folder and exchanges the two folders in one step,
or, with the journal, names what replaces what and renames everything in place, the manifest last, while
readers wait. Stopped before its commit point (the exchange; the journal), the old outputs are untouched and
the next build deletes the staged leftovers; stopped after it, ``out`` is the new build (the swap: the next
build deletes the old folder) or the next reader or build finishes the renames first (the journal).
"""

from __future__ import annotations

import fcntl
import json
import os
import stat
import tempfile
from pathlib import Path
from types import TracebackType

from kg.commit import (
    COMMIT_LOCK,
    JOURNAL,
    KILL_AT,
    LOCK,
    MARK,
    NEXT,
    STAGED,
    clear_swaps,
    committing,
    delete_staged,
    exchange,
    finish,
    fsync_dir,
    mark,
    reached,
    settle,
    swappable,
)
from kg.commit import remove as _remove
from kg.errors import Errors, GraphError, QueryError, unwritten
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
        or name == MARK
        or name.startswith((".store.new-", ".store.old-"))
        or (name.endswith(".tmp") and name.startswith((".graph.", f".{FILENAME}.", f".{JOURNAL}.")))
    )


def _failed(exc: OSError, path: Path) -> GraphError:
    return GraphError(unwritten(exc), path=path, detail=exc.strerror or exc)


class Outputs:
    """The output folder of one build, locked from ``__enter__`` to ``__exit__``; on entry the leftovers of a
    stopped build are repaired (a committed one finished, an uncommitted one's staged files deleted)."""

    def __init__(self, out: Path) -> None:
        self.out = Path(out)
        self.moves: list[tuple[Path, Path]] = []  # staged -> final
        self.drops: list[Path] = []  # outputs of the old build this one does not make
        self._lock_fd: int | None = None
        self._created = False
        self._chosen = False  # where to stage is chosen at the first output staged
        self._next: Path | None = None  # the new build folder beside out, for the swap; None: the journal
        self._real = self.out  # out's real path (the swap exchanges that)

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
            if self._next is not None:
                delete_staged(self._next)
                (self.out / MARK).unlink(missing_ok=True)
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

    def _staging(self) -> Path | None:
        """The new build folder the outputs are staged in, or None when they are staged in ``out`` (the journal).
        Made at the first output, beside ``out``, marked as kg's: where the swap cannot be done (see
        :func:`kg.commit.swappable`), or the parent is not writable, or ``out`` is on another mount (a link
        from the new folder into it fails), the outputs are staged in ``out``."""
        if self._chosen:
            return self._next
        self._chosen = True
        real = swappable(self.out)
        if real is None:
            return None
        try:
            folder = Path(tempfile.mkdtemp(prefix=f".{real.name}{NEXT}", dir=real.parent))
        except OSError:
            return None
        try:
            mark(folder)
            os.link(folder / MARK, self.out / MARK)  # one filesystem and one mount: the swap, or renames, can join them
            os.unlink(self.out / MARK)
        except OSError:
            delete_staged(folder)
            (self.out / MARK).unlink(missing_ok=True)
            return None
        self._next, self._real = folder, real
        return folder

    def staged(self, name: str) -> Path:
        """A new staging path for the output ``name`` (registered: it replaces ``out/name`` at the commit)."""
        folder = self._staging()
        path = folder / name if folder is not None else self._beside(name)
        self.moves.append((path, self.out / name))
        return path

    def _beside(self, name: str) -> Path:
        """A new name in ``out`` beside the output ``name`` (``.name.stage-…``), where nothing is yet."""
        try:
            fd, tmp = tempfile.mkstemp(prefix=f".{name}{STAGED}", dir=self.out)
            os.close(fd)
            os.unlink(tmp)
        except OSError as exc:
            raise GraphError(unwritten(exc), path=self.out, detail=exc) from exc
        return Path(tmp)

    def stage_bytes(self, name: str, data: bytes) -> None:
        atomic_write(self.staged(name), data)

    def drop(self, name: str) -> None:
        """``out/name`` (an output of an earlier build) goes at the commit."""
        if (self.out / name).exists():
            self.drops.append(self.out / name)

    def stage_store(self, graphs: GraphSet, before: dict[str, str], path: Path) -> dict[str, str]:
        """Stage the new store at ``path`` (what :meth:`staged` gave for it): a checkpoint of the old one (hard
        links) brought up to ``graphs`` graph by graph, or, with no usable old one, a bulk load. Returns the new
        graph hashes."""
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
        """Stage the manifest and put everything in place at once: by the swap where it can be done, else with
        the journal (see :mod:`kg.commit`)."""
        self.stage_bytes(FILENAME, manifest_bytes(manifest))
        if self._next is not None:
            reached("swap:staged")
            if self._swap(self._next):
                return
            self._unstage(self._next)
        self._commit_with_journal()

    def _swap(self, new: Path) -> bool:
        """Link into the new folder what it keeps of ``out``, then exchange the two, holding the commit lock; then
        delete the old folder. False, having changed nothing, when that cannot be done here."""
        try:
            with committing(self.out):
                try:
                    self._link_kept(new)
                    _fsync_tree(new)
                    os.link(new / MARK, self.out / MARK)  # so that the old folder is marked after the exchange
                    fsync_dir(self.out)
                    reached("swap:linked")
                    exchange(new, self._real)
                except OSError:
                    (self.out / MARK).unlink(missing_ok=True)
                    return False
                self.moves.clear()  # committed
                self._next = None
                fsync_dir(self._real.parent)
                reached("swap:exchanged")
        except OSError as exc:
            raise _failed(exc, self.out) from exc
        (self.out / MARK).unlink(missing_ok=True)  # the new folder's mark
        self._rescue(new)
        delete_staged(new)  # the old build's folder now
        return True

    def _link_kept(self, new: Path) -> None:
        """Hard-link into ``new`` all of ``out`` this build neither replaces nor drops: the cache, outputs of an
        earlier build it keeps, a user's files, and the two lock files (the same inodes: flock holds per inode,
        so a build holding ``.lock`` and readers waiting on ``.commit.lock`` go on excluding each other across
        the exchange). Then ``new`` gets the mode and owner of ``out``."""
        for name in sorted(os.listdir(self.out)):
            if not self._replaced(name):
                _link_tree(self.out / name, new / name)
        _same_mode_and_owner(new, os.stat(self.out))

    def _replaced(self, name: str) -> bool:
        """``out/name`` is not to be kept in the new folder: an output this build replaces or drops, kg's own
        leftovers, the journal."""
        finals = {final.name for _, final in self.moves} | {p.name for p in self.drops}
        return name in finals or name == JOURNAL or _leftover(name)

    def _rescue(self, old: Path) -> None:
        """Move into ``out`` what another program created in the old folder after it was linked in and before the
        exchange (a few milliseconds): nothing is lost but what this build replaces or drops."""
        try:
            names = set(os.listdir(old)) - set(os.listdir(self.out))
        except OSError:
            return
        for name in sorted(names):
            if not self._replaced(name):
                try:
                    os.rename(old / name, self.out / name)
                except OSError:
                    pass

    def _unstage(self, new: Path) -> None:
        """Move the outputs staged in ``new`` beside their final names in ``out`` (renames: one filesystem, one
        mount), for the journal; then delete ``new``."""
        for i, (staged, final) in enumerate(self.moves):
            beside = self._beside(final.name)
            try:
                os.rename(staged, beside)
            except OSError as exc:
                raise _failed(exc, beside) from exc
            self.moves[i] = (beside, final)
        delete_staged(new)
        self._next = None

    def _commit_with_journal(self) -> None:
        """Write the journal (the commit point) and put everything in place, the manifest last, holding the
        commit lock: no reader opens an output meanwhile (see :mod:`kg.commit`)."""
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
            raise _failed(exc, self.out) from exc


def _link_tree(source: Path, target: Path) -> None:
    """``target``: ``source`` again, made of hard links; its folders made anew, with their mode and owner."""
    st = os.lstat(source)
    if stat.S_ISDIR(st.st_mode):
        os.mkdir(target, 0o700)
        for entry in os.scandir(source):
            _link_tree(source / entry.name, target / entry.name)
        _same_mode_and_owner(target, st)
    else:  # a file, or a symbolic link itself (not what it points to)
        os.link(source, target, follow_symlinks=False)


def _same_mode_and_owner(folder: Path, st: os.stat_result) -> None:
    """Give ``folder`` (made by this build) the owner and mode of the one it replaces (the owner first: a change
    of owner clears the set-id bits); OSError (EPERM) when this process may not give it that owner."""
    mine = os.stat(folder)
    if (mine.st_uid, mine.st_gid) != (st.st_uid, st.st_gid):
        os.chown(folder, st.st_uid, st.st_gid)
    os.chmod(folder, stat.S_IMODE(st.st_mode))


def _fsync_tree(folder: Path) -> None:
    """Write every folder under ``folder`` to disk (its entries: the links just made), deepest first."""
    for top, _, _ in os.walk(folder, topdown=False):
        fsync_dir(Path(top))


def repair(out: Path) -> None:
    """Finish a committed build that was stopped while its outputs were put in place, and delete what stopped
    builds staged and never committed (in ``out``, and the folders a stopped swap left beside it). Called with
    the folder's lock held."""
    settle(out)
    try:
        names = os.listdir(out)
    except OSError:
        return
    for name in names:
        if _leftover(name):
            _remove(out / name)
    clear_swaps(out)


__all__ = ["JOURNAL", "KILL_AT", "LOCK", "Outputs", "reached", "repair"]
