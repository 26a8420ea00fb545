"""The embedded store: a persistent Oxigraph (RocksDB) folder, ``out/store``, with a named graph per article.

``write_store`` builds a whole new store in a temporary sibling folder and swaps it in with renames, so that a
build stopped half-way leaves the old store as it was. :class:`Store` wraps an open pyoxigraph store with the
operations kg needs: SPARQL over the union of the graphs, and replacing one article's named graph or the
default graph in one transaction (for incremental builds).

One process at a time may open a store for writing; any number may open it read-only (``kg query``, the
workers of ``kg serve``). A read-only reader does not see writes made after it opened the store; ``kg build``
never changes the store in use but swaps in a new one (:mod:`kg.publish`), which ``kg serve`` picks up at the
next query. A reader opens the store as :func:`kg.commit.reading` says: it is one whole build's, and once open
(RocksDB keeps its files open) a later build does not change what it reads.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import chain
from pathlib import Path

import pyoxigraph as ox

from kg.commit import reading
from kg.errors import Errors, QueryError, no_room
from kg.graph.terms import PREFIXES

#: The store's folder inside a build's output folder.
STORE_DIR = "store"

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
GraphName = ox.NamedNode | ox.BlankNode | ox.DefaultGraph


class Store:
    """An open kg store. ``query`` sees the union of all graphs unless ``union=False``."""

    def __init__(self, inner: ox.Store, path: Path | None = None, *, read_only: bool = False) -> None:
        self.inner = inner
        self.path = path
        self.read_only = read_only

    @classmethod
    def memory(cls, quads: Iterable[ox.Quad] = ()) -> Store:
        """A store in memory, filled with ``quads`` (for ``kg query --graph FILE`` and tests)."""
        inner = ox.Store()
        inner.extend(quads)
        return cls(inner)

    def query(
        self,
        query: str,
        *,
        union: bool = True,
        substitutions: Mapping[ox.Variable, Term] | None = None,
        default_graph: list[GraphName] | None = None,
        named_graphs: list[ox.NamedNode | ox.BlankNode] | None = None,
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        """Run SPARQL on the store: pyoxigraph's result, or its SyntaxError. kg's prefixes (``kg:``,
        ``person:``, ``rdfs:`` ...) are predeclared. ``kg.graph.sparql.run_query`` adds errors and formats."""
        return self.inner.query(
            query,
            prefixes=PREFIXES,
            use_default_graph_as_union=union and default_graph is None,
            substitutions=dict(substitutions) if substitutions else None,
            default_graph=default_graph,
            named_graphs=named_graphs,
        )

    def __len__(self) -> int:
        return len(self.inner)

    def quads(self, graph: GraphName | None = None) -> Iterator[ox.Quad]:
        return iter(self.inner.quads_for_pattern(None, None, None, graph))

    def articles(self) -> list[ox.NamedNode]:
        """The named graphs (one per article), sorted."""
        return sorted((g for g in self.inner.named_graphs() if isinstance(g, ox.NamedNode)), key=str)

    def replace_article(self, article: ox.NamedNode, quads: Iterable[ox.Quad]) -> int:
        """Replace the named graph ``article`` with ``quads`` (their own graph names are ignored) in one
        transaction; an empty ``quads`` removes the article. Returns the number of quads written."""
        return self.replace_graph(str(article), _triples(quads))

    def replace_default(self, quads: Iterable[ox.Quad]) -> int:
        """Replace the default graph (the entities) with ``quads`` in one transaction."""
        return self.replace_graph("", _triples(quads))

    def replace_graph(self, name: str, triples: Sequence[tuple[str, str, str]]) -> int:
        """Replace a graph with ``triples`` (N-Triples strings from :mod:`kg.graph.nt`, whose terms are escaped
        where they are made) in one transaction; ``name`` is ``""`` for the default graph, else an IRI term."""
        drop = f"DROP SILENT GRAPH {name}" if name else "DROP SILENT DEFAULT"
        lines = [f"{s} {p} {o}" for s, p, o in triples]
        self._update(f"{drop} ;\n{_data('INSERT', name, lines)}" if lines else drop)
        return len(triples)

    def update_graph(self, name: str, triples: Sequence[tuple[str, str, str]]) -> int:
        """Bring a graph to ``triples`` by writing only the difference from what it holds (the default graph of a
        large corpus changes by a few thousand of its million triples when one article is added); ``name`` as
        for :meth:`replace_graph`. A triple whose N-Triples form the store writes otherwise (an escape) is taken
        out and put back: the result is the same. Returns the number of triples written or removed."""
        graph: GraphName = ox.DefaultGraph() if not name else ox.NamedNode(name[1:-1])
        dump = self.inner.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph) or b""
        held = {line.removesuffix(" .") for line in dump.decode("utf-8").splitlines() if line}
        wanted = {f"{s} {p} {o}" for s, p, o in triples}
        gone, new = sorted(held - wanted), sorted(wanted - held)
        parts = ([_data("DELETE", name, gone)] if gone else []) + ([_data("INSERT", name, new)] if new else [])
        if parts:
            self._update(" ;\n".join(parts))
        return len(gone) + len(new)

    def _update(self, sparql: str) -> None:
        self._writable()
        try:
            self.inner.update(sparql)
        except OSError as exc:
            raise QueryError(_failed(exc), path=self.path or "(memory)", detail=exc) from exc

    def remove_article(self, article: ox.NamedNode) -> None:
        self._writable()
        try:
            self.inner.remove_graph(article)
        except OSError as exc:  # a full disk, say
            raise QueryError(_failed(exc), path=self.path or "(memory)", detail=exc) from exc

    def _writable(self) -> None:
        if self.read_only:
            raise QueryError(Errors.K406, path=self.path, detail="opened read-only")

    def flush(self) -> None:
        if self.read_only:
            return
        try:
            self.inner.flush()
        except OSError as exc:
            raise QueryError(_failed(exc), path=self.path or "(memory)", detail=exc) from exc


def _failed(exc: BaseException) -> str:
    """The message for a store that could not be written: a full disk, or (K406) a store in use."""
    return Errors.K305 if no_room(exc) else Errors.K406


def _data(verb: str, name: str, lines: list[str]) -> str:
    """``INSERT DATA`` or ``DELETE DATA`` of N-Triples ``lines`` (without their " .") in the graph ``name``."""
    body = "\n".join(f"{line} ." for line in lines)
    if name:
        body = f"GRAPH {name} {{\n{body}\n}}"
    return f"{verb} DATA {{\n{body}\n}}"


def _triples(quads: Iterable[ox.Quad]) -> list[tuple[str, str, str]]:
    """The quads' triples in N-Triples form, as pyoxigraph writes each term (escaped, valid in SPARQL)."""
    return [(str(q.subject), str(q.predicate), str(q.object)) for q in quads]


def insert_data(quads: Iterable[ox.Quad]) -> str:
    """A SPARQL 1.1 ``INSERT DATA`` operation for ``quads``, grouped by graph.

    Every term is serialised by pyoxigraph: its N-Triples form escapes quotes, backslashes and line breaks,
    and an IRI cannot hold ``>``.
    """
    by_graph: dict[GraphName, list[str]] = {}
    for q in quads:
        by_graph.setdefault(q.graph_name, []).append(f"{q.subject} {q.predicate} {q.object} .")
    parts = []
    for g, lines in by_graph.items():
        block = "\n".join(lines)
        parts.append(block if isinstance(g, ox.DefaultGraph) else f"GRAPH {g} {{\n{block}\n}}")
    return "INSERT DATA {\n" + "\n".join(parts) + "\n}"


def write_store(quads: Iterable[ox.Quad] | Iterable[bytes] | bytes, path: str | Path) -> Path:
    """Fill a new store at ``path`` with ``quads`` (pyoxigraph quads, N-Quads bytes, or N-Quads bytes in chunks,
    loaded one after the other so that memory holds one chunk) by a bulk load; a store there is replaced once it
    is complete.

    The store is built in a temporary sibling folder; then the old folder is renamed aside, the new one
    renamed into place and the old one deleted. Stopped before the swap, it leaves the old store as it was.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.new-", dir=path.parent))
    except OSError as exc:
        raise QueryError(_failed(exc), path=path, detail=exc.strerror or exc) from exc
    try:
        inner = ox.Store(str(tmp))
        items = iter([quads] if isinstance(quads, bytes) else quads)
        first = next(items, None)
        if isinstance(first, bytes):
            for chunk in chain([first], items):
                inner.bulk_load(chunk, format=ox.RdfFormat.N_QUADS)  # type: ignore[arg-type]
        elif first is not None:
            inner.bulk_extend(chain([first], items))  # type: ignore[arg-type,list-item]
        inner.flush()  # no optimize(): a bulk load writes sorted files already; compacting them costs more time
        del inner  # closes RocksDB before the folder moves
        _swap(tmp, path)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise QueryError(_failed(exc), path=path, detail=exc.strerror or exc) from exc
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return path


def _swap(new: Path, path: Path) -> None:
    if not path.exists():
        os.rename(new, path)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{path.name}.old-", dir=path.parent))
    os.rmdir(old)
    os.rename(path, old)
    try:
        os.rename(new, path)
    except OSError:
        os.rename(old, path)  # put the old store back
        raise
    shutil.rmtree(old, ignore_errors=True)


def open_store(path: str | Path, read_only: bool = True) -> Store:
    """Open the store at ``path``; K402 if there is none, K406 if it cannot be opened (locked by a writer),
    K314 if it is damaged."""
    path = Path(path)
    try:
        if read_only:
            with reading(path):  # in a build folder: one whole build's store (kg.commit)
                inner = _open(path, read_only)
        else:
            inner = _open(path, read_only)
    except OSError as exc:
        raise QueryError(_failed(exc), path=path, detail=str(exc).splitlines()[0]) from exc
    except RuntimeError as exc:  # RocksDB's "Corruption: ..."
        detail = " ".join(str(exc).split())[:200]
        raise QueryError(Errors.K314, path=path, detail=detail) from exc
    return Store(inner, path, read_only=read_only)


def _open(path: Path, read_only: bool) -> ox.Store:
    if not path.is_dir():
        raise QueryError(Errors.K402, path=path)
    return ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))


__all__ = ["STORE_DIR", "Store", "insert_data", "open_store", "write_store"]
