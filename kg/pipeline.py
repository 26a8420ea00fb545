"""The whole build, stage by stage: ingest -> extract -> resolve -> graph -> write (and the view)."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import Dataset

from kg.errors import Errors, GraphError, IngestError, QueryError
from kg.extract import load_patterns
from kg.extract.runner import RunOptions, extract_corpus
from kg.graph.build import article_iri, build_graphs
from kg.graph.convert import to_rdflib
from kg.graph.incremental import update_store
from kg.graph.io import FORMATS, get_format, write_graph
from kg.graph.quads import GraphSet
from kg.graph.stats import Counts, count
from kg.graph.store import STORE_DIR
from kg.ingest import read_articles
from kg.manifest import BuiltArticle, Manifest, read_manifest, require_manifest, write_manifest
from kg.model import Article, Extraction, Resolution, Skipped

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["Article", "BuildResult", "Extraction", "Report", "build"]
from kg.resolve import resolve

#: Called after each article is extracted: (articles done, articles in all, words done).
Progress = Callable[[int, int, int], None]


@dataclass(frozen=True, slots=True)
class Report:
    """What a build did: counts, what was skipped and why, where the output went, and time per stage."""

    articles: int
    skipped: tuple[Skipped, ...]
    entities: tuple[tuple[str, int], ...]  # (kind, count), by kind
    mentions: int
    triples: int
    words: int
    model: str
    outputs: tuple[str, ...]
    seconds: tuple[tuple[str, float], ...]  # (stage, seconds), in stage order
    counts: Counts | None = None  # what kg stats counts in the graph (None: not counted)

    @property
    def ok(self) -> bool:
        return not self.skipped

    def summary(self) -> str:
        """One line: the numbers of :func:`kg.graph.stats.count`, as ``kg stats`` gives them."""
        total = sum(s for _, s in self.seconds)
        c = self.counts
        if c is None:
            ents = sum(n for _, n in self.entities)
            middle = f"{ents} entities, {self.mentions} mentions"
        else:
            middle = f"{c.entities} entities ({c.events} events), {c.mentions} mentions, {c.relations} relations"
        return (
            f"{self.articles} articles, {len(self.skipped)} skipped, {middle}, {self.triples} triples in {total:.1f}s"
        )


@dataclass(slots=True)
class BuildResult:
    """The graph (its GraphSet; as pyoxigraph quads and as an rdflib Dataset on first use) and the report."""

    graphs: GraphSet
    report: Report
    extractions: tuple[Extraction, ...]
    resolution: Resolution
    _quads: list[ox.Quad] | None = field(default=None, repr=False)
    _dataset: Dataset | None = field(default=None, repr=False)

    @property
    def quads(self) -> list[ox.Quad]:
        if self._quads is None:
            self._quads = self.graphs.to_ox()
        return self._quads

    @property
    def graph(self) -> Dataset:
        if self._dataset is None:
            self._dataset = to_rdflib(self.quads)
        return self._dataset

    def network(self) -> nx.MultiDiGraph:
        """The entity network (entities and events as nodes, relations as edges) as a networkx graph."""
        from kg.graph.network import entity_network

        return entity_network(self.quads)


def build(
    paths: Sequence[str | Path] = ("seeds",),
    out: str | Path | None = "out",
    *,
    model: str | None = None,
    formats: Sequence[str] = ("ttl",),
    view: bool = True,
    view_limit: int | None = None,
    patterns: str | Path | None = None,
    workers: int = 1,
    scheduler: str | None = None,
    cache: bool = True,
    store: bool = True,
    select: frozenset[str] | None = None,
    progress: Progress | None = None,
) -> BuildResult:
    """Build the knowledge graph of the articles under ``paths``; write it to ``out`` unless ``out`` is None.

    Bad inputs are skipped and listed in ``report.skipped``; the build fails (IngestError) only when no article
    at all can be read, and then writes nothing. ``select`` keeps only the articles with those ids. The store
    in ``out`` is updated, not rebuilt: only the graphs that changed are written.
    """
    fmts = [get_format(f) for f in formats]  # fail on a bad format before any work
    timer = _Timer()
    articles: list[Article] = []
    skipped: list[Skipped] = []
    for item in read_articles(list(paths)):
        if isinstance(item, Article):
            if select is None or item.id in select:
                articles.append(item)
        else:
            skipped.append(item)
    timer.lap("ingest")
    if not articles:
        raise IngestError(Errors.K101, path=", ".join(str(p) for p in paths))

    user = load_patterns(Path(patterns)) if patterns is not None else None
    options = RunOptions(
        model=model,
        patterns=user,
        workers=workers,
        scheduler=scheduler,
        cache=Path(out) / "cache" if out is not None and cache else None,
    )
    model_name, results = extract_corpus(articles, options)
    extractions: list[Extraction] = []
    words = 0
    for result in results:
        if isinstance(result, Skipped):
            skipped.append(result)
            continue
        extractions.append(result)
        words += len(result.article.text.split())
        if progress is not None:
            progress(len(extractions) + len(skipped), len(articles) + len(skipped), words)
    timer.lap("nlp")

    resolution = resolve(
        extractions,
        links=user.links_by_id() if user else None,
        kinds=user.kind_by_id() if user else None,
    )
    timer.lap("resolution")
    graphs = build_graphs(extractions, resolution)
    timer.lap("graph")

    outputs: list[str] = []
    if out is not None:
        out = Path(out)
        for fmt in fmts:
            target = out / f"graph{fmt.suffix}"
            write_graph(graphs, target, fmt)
            outputs.append(str(target))
        _remove_stale(out, {f.name for f in fmts}, view=view, store=store)
        timer.lap("serialization")
        previous = read_manifest(out)
        hashes: dict[str, str] = {}
        if store:
            hashes, _ = update_store(graphs, out / STORE_DIR, previous.graphs if previous else {})
            outputs.append(str(out / STORE_DIR))
            timer.lap("store")
        manifest = Manifest(
            model,
            str(patterns) if patterns is not None else None,
            tuple(f.name for f in fmts),
            view,
            tuple(BuiltArticle(ex.article.id, ex.article.source, article_iri(ex.article)[1:-1]) for ex in extractions),
            hashes,
        )
        write_manifest(out, manifest)
    if out is not None and view:
        from kg.render import render_html
        from kg.render.subset import view_quads

        target = Path(out) / "graph.html"
        title = "kg: " + ", ".join(str(p) for p in paths)
        render_html(view_quads(graphs), target, title=title, view_limit=view_limit)
        outputs.append(str(target))
        timer.lap("view")

    quads = graphs.to_ox()
    counts = count(quads)
    report = Report(
        articles=len(extractions),
        skipped=tuple(skipped),
        entities=counts.kinds,
        mentions=counts.mentions,
        triples=counts.triples,
        words=words,
        model=model_name,
        outputs=tuple(outputs),
        seconds=tuple(timer.laps),
        counts=counts,
    )
    return BuildResult(graphs, report, tuple(extractions), resolution, _quads=quads)


def _remove_stale(out: Path, formats: set[str], *, view: bool, store: bool) -> None:
    """Remove what an earlier build wrote to ``out`` and this one does not: graph files in other formats, the
    view without ``view``, the store without ``store``; so every output in ``out`` is of this build."""
    import shutil

    stale = [out / f"graph{f.suffix}" for f in FORMATS.values() if f.name not in formats]
    stale += [] if view else [out / "graph.html"]
    for path in stale:
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:
            raise GraphError(Errors.K300, path=path, detail=exc.strerror or exc) from exc
    if not store and (out / STORE_DIR).is_dir():
        shutil.rmtree(out / STORE_DIR, ignore_errors=True)


class _Timer:
    def __init__(self) -> None:
        self.laps: list[tuple[str, float]] = []
        self._t = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.laps.append((stage, round(now - self._t, 3)))
        self._t = now


def remove(article: str, out: str | Path = "out", *, progress: Progress | None = None) -> BuildResult:
    """Take ``article`` (IRI, id or source) out of the build in ``out``: the rest is built again from their
    sources (the extraction cache makes that quick), so exactly what only that article supported goes, and
    everything the others support stays. Raises QueryError (K405) when the article is not in the build."""
    out = Path(out)
    manifest = require_manifest(out)
    target = manifest.find(article)
    if target is None:
        raise QueryError(Errors.K405, article=article, manifest=out / "manifest.json")
    rest = [a for a in manifest.articles if a.id != target.id]
    if not rest:
        raise QueryError(
            Errors.K405, article=f"{article} (the only article: nothing would be left)", manifest=out / "manifest.json"
        )
    files = sorted({a.source.split("#L", 1)[0] for a in rest})
    return build(
        files,
        out,
        model=manifest.model,
        formats=manifest.formats,
        view=manifest.view,
        patterns=manifest.patterns,
        select=frozenset(a.id for a in rest),
        progress=progress,
    )
