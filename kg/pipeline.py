"""The whole build, stage by stage: ingest -> extract -> resolve -> graph -> write (and the view)."""

from __future__ import annotations

import functools
import gc
import time
import warnings
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import Dataset

from kg.errors import Errors, IngestError, InputWarning, KgError, QueryError
from kg.extract import load_patterns
from kg.extract.nlp import PIECE
from kg.extract.patterns import Patterns
from kg.extract.runner import RunOptions, extract_corpus
from kg.forked import Beside
from kg.graph.build import article_iri, build_graphs
from kg.graph.convert import to_rdflib
from kg.graph.io import FORMATS, get_format, serialize
from kg.graph.quads import GraphSet
from kg.graph.stats import Counts, count
from kg.graph.store import STORE_DIR
from kg.ingest import read_articles
from kg.manifest import BuildOptions, BuiltArticle, Manifest, read_manifest, require_manifest
from kg.model import Article, Extraction, Resolution, Skipped
from kg.publish import Outputs, reached

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
    warnings: tuple[str, ...] = ()  # what was dropped or mended in the input, the article kept (K12x)
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

        return entity_network(self.graphs)


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
    in ``out`` is updated, not rebuilt: only the graphs that changed are written. The outputs in ``out`` (graph
    files, store, view, manifest) always describe one build: see :mod:`kg.publish`.
    """
    fmts = [get_format(f) for f in formats]  # fail on a bad format before any work
    options = BuildOptions(
        model, str(patterns) if patterns is not None else None, tuple(f.name for f in fmts), view, view_limit, store
    )
    run = RunOptions(model=model, workers=workers, scheduler=scheduler)
    if out is None:
        return _build(list(paths), None, options, run, select, progress)
    with Outputs(Path(out)) as outputs:
        reached("locked")
        run = replace(run, cache=Path(out) / "cache" if cache else None)
        return _build(list(paths), outputs, options, run, select, progress)


@contextmanager
def _input_warnings() -> Iterator[list[str]]:
    """Collect the InputWarnings raised meanwhile (each once, in order); other warnings go on as usual."""
    found: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", InputWarning)
        yield found
    for w in caught:
        if issubclass(w.category, InputWarning):
            found.append(str(w.message))
        else:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    found[:] = list(dict.fromkeys(found))


def _build(
    paths: list[str | Path],
    outputs: Outputs | None,
    options: BuildOptions,
    run: RunOptions,
    select: frozenset[str] | None,
    progress: Progress | None,
) -> BuildResult:
    with _input_warnings() as notes:
        result = _run(paths, outputs, options, run, select, progress)
    result.report = replace(result.report, warnings=tuple(notes))
    return result


def _run(
    paths: list[str | Path],
    outputs: Outputs | None,
    options: BuildOptions,
    run: RunOptions,
    select: frozenset[str] | None,
    progress: Progress | None,
) -> BuildResult:
    timer = _Timer()
    articles: list[Article] = []
    skipped: list[Skipped] = []
    for item in read_articles(paths):
        if isinstance(item, Article):
            if select is None or item.id in select:
                articles.append(item)
        else:
            skipped.append(item)
    timer.lap("ingest")
    if not articles:
        raise IngestError(Errors.K101, path=", ".join(str(p) for p in paths))
    reached("ingest")

    user = load_patterns(Path(options.patterns)) if options.patterns is not None else None
    extractions: list[Extraction] = []
    words = done = 0
    found: dict[int, Extraction | Skipped] = {}
    model_name = ""
    for group in _by_length(articles, BATCH_CHARS // run.batch_size):
        size = batch_size([articles[i] for i in group], run.batch_size)
        model_name, results = extract_corpus([articles[i] for i in group], replace(run, patterns=user, batch_size=size))
        for i, result in zip(group, results, strict=True):
            found[i] = result
            done += 1
            if isinstance(result, Extraction):
                words += len(result.article.text.split())
            if progress is not None:
                progress(done + len(skipped), len(articles) + len(skipped), words)
    for i in range(len(articles)):
        result = found[i]
        if isinstance(result, Skipped):
            skipped.append(result)
        else:
            extractions.append(result)
    timer.lap("nlp")
    reached("nlp")
    with _long_lived():
        return _after_nlp(paths, outputs, options, user, extractions, skipped, words, model_name, timer)


@contextmanager
def _long_lived() -> Iterator[None]:
    """From here on, what the build has made so far (the extractions: millions of objects) lives to the end:
    the cyclic garbage collector no longer walks it at each of its full passes (gc.freeze), which took a twentieth
    of a build's time. Objects are still freed as soon as nothing refers to them; the end gives them back to it."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _after_nlp(
    paths: list[str | Path],
    outputs: Outputs | None,
    options: BuildOptions,
    user: Patterns | None,
    extractions: list[Extraction],
    skipped: list[Skipped],
    words: int,
    model_name: str,
    timer: _Timer,
) -> BuildResult:
    resolution = resolve(
        extractions,
        links=user.links_by_id() if user else None,
        kinds=user.kind_by_id() if user else None,
    )
    timer.lap("resolution")
    reached("resolution")
    graphs = build_graphs(extractions, resolution)
    timer.lap("graph")
    reached("graph")

    if outputs is not None:
        written, counts = _write(outputs, graphs, extractions, options, paths, timer)
    else:
        written, counts = [], count(graphs)
    report = Report(
        articles=len(extractions),
        skipped=tuple(skipped),
        entities=counts.kinds,
        mentions=counts.mentions,
        triples=counts.triples,
        words=words,
        model=model_name,
        outputs=tuple(written),
        seconds=tuple(timer.laps),
        counts=counts,
    )
    return BuildResult(graphs, report, tuple(extractions), resolution)


def _write(
    outputs: Outputs,
    graphs: GraphSet,
    extractions: list[Extraction],
    options: BuildOptions,
    paths: list[str | Path],
    timer: _Timer,
) -> tuple[list[str], Counts]:
    """Stage every output of the build, then commit them together (the manifest last); the graph's counts.
    The view is drawn beside the rest (:mod:`kg.forked`), the store staged in a thread."""
    out = outputs.out
    previous = read_manifest(out)
    view: Beside[float] | None = None
    if options.view:
        title = "kg: " + ", ".join(str(p) for p in paths)
        view = Beside(functools.partial(_draw, graphs, outputs.staged("graph.html"), title, options.view_limit))
    else:
        outputs.drop("graph.html")
    try:
        with ThreadPoolExecutor(1, thread_name_prefix="kg-store") as pool:  # a failure waits for the store
            store: Future[tuple[dict[str, str], float]] | None = None
            if options.store:  # the store's load runs in pyoxigraph, partly without the GIL
                staged = outputs.staged(STORE_DIR)
                store = pool.submit(_stage_store, outputs, graphs, previous.graphs if previous else {}, staged)
            else:
                outputs.drop(STORE_DIR)
            written: list[str] = []
            for name in options.formats:
                fmt = get_format(name)
                outputs.stage_bytes(f"graph{fmt.suffix}", serialize(graphs, fmt))
                written.append(str(out / f"graph{fmt.suffix}"))
            for name in previous.options.formats if previous else ():
                if name not in options.formats and name in FORMATS:
                    outputs.drop(f"graph{FORMATS[name].suffix}")
            from kg.graph.network import NETWORK_FORMATS

            for suffix in sorted({s for form in NETWORK_FORMATS.values() for s in form.suffixes}):
                outputs.drop(f"network{suffix}")  # what kg export wrote in --out from an earlier build's graph
            timer.lap("serialization")
            reached("serialization")
            counts = count(graphs)
            hashes: dict[str, str] = {}
            if store is not None:
                written.append(str(out / STORE_DIR))
            if view is not None:
                timer.took("view", view.result())  # its own time, beside the rest
                written.append(str(out / "graph.html"))
                reached("view")
            if store is not None:
                hashes, seconds = store.result()
                timer.took("store", seconds)  # its own time, beside the rest
                reached("store")
    finally:
        if view is not None:
            view.cancel()  # nothing is written after the build
    built = tuple(BuiltArticle(ex.article.id, ex.article.source, article_iri(ex.article)[1:-1]) for ex in extractions)
    outputs.commit(Manifest(options, built, hashes))
    reached("done")
    return written, counts


def _draw(graphs: GraphSet, path: Path, title: str, limit: int | None) -> float:
    """Draw the view of ``graphs`` at ``path``: the seconds it took."""
    from kg.render import render_html
    from kg.render.subset import view_quads

    start = time.perf_counter()
    render_html(view_quads(graphs), path, title=title, view_limit=limit)
    return round(time.perf_counter() - start, 3)


def _stage_store(
    outputs: Outputs, graphs: GraphSet, before: dict[str, str], path: Path
) -> tuple[dict[str, str], float]:
    """Stage the store at ``path``: its graph hashes and the seconds it took."""
    start = time.perf_counter()
    hashes = outputs.stage_store(graphs, before, path)
    return hashes, round(time.perf_counter() - start, 3)


#: Characters of text the model may hold in one batch: its memory grows with them (0.9 GB per 250,000).
BATCH_CHARS = 200_000


def _by_length(articles: Sequence[Article], longest: int) -> list[list[int]]:
    """The indexes of ``articles`` in two runs of the model: those of at most ``longest`` characters (a full
    batch can hold them), then the longer ones (in smaller batches); one run when there is no long article."""
    short = [i for i, a in enumerate(articles) if len(a.text) <= longest]
    long = [i for i, a in enumerate(articles) if len(a.text) > longest]
    return [g for g in (short, long) if g]


def batch_size(articles: Sequence[Article], most: int) -> int:
    """Pieces of text per batch for the model: ``most``, fewer when the longest pieces would make a batch hold
    more than :data:`BATCH_CHARS` characters (so one long article cannot take the machine's memory)."""
    longest = max((min(len(a.text), PIECE) for a in articles), default=1)
    return max(1, min(most, BATCH_CHARS // max(longest, 1)))


class _Timer:
    def __init__(self) -> None:
        self.laps: list[tuple[str, float]] = []
        self._t = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.laps.append((stage, round(now - self._t, 3)))
        self._t = now

    def took(self, stage: str, seconds: float) -> None:
        """A stage that ran beside another: its own ``seconds``; the next lap starts now."""
        self.laps.append((stage, seconds))
        self._t = time.perf_counter()


class LostArticlesError(QueryError):
    """Articles of a build that cannot be built again as they were: ``lost`` has one error per article."""

    def __init__(self, lost: Sequence[KgError]) -> None:
        super().__init__(Errors.K312, count=len(lost))
        self.lost = tuple(lost)


def remove(article: str, out: str | Path = "out", *, progress: Progress | None = None) -> BuildResult:
    """Take ``article`` (IRI, id or source) out of the build in ``out``: the rest is built again from their
    sources (the extraction cache makes that quick) with the build's own options, so exactly what only that
    article supported goes, and everything the others support stays. Raises QueryError (K405) when the article
    is not in the build, and LostArticlesError, changing nothing, when another article's source is gone,
    changed or unreadable (it would be dropped too)."""
    out = Path(out)
    with Outputs(out) as outputs:
        manifest = require_manifest(out)
        target = manifest.find(article)
        if target is None:
            raise QueryError(Errors.K405, article=article, manifest=out / "manifest.json")
        rest = [a for a in manifest.articles if a.id != target.id]
        if not rest:
            raise QueryError(
                Errors.K405,
                article=f"{article} (the only article: nothing would be left)",
                manifest=out / "manifest.json",
            )
        files = sorted({a.source.split("#L", 1)[0] for a in rest})
        with _input_warnings():  # the build below reports them
            lost = _lost(rest, files)
        if lost:
            raise LostArticlesError(lost)
        run = RunOptions(model=manifest.options.model, cache=out / "cache")
        return _build(list(files), outputs, manifest.options, run, frozenset(a.id for a in rest), progress)


def _lost(articles: Sequence[BuiltArticle], files: Sequence[str]) -> list[KgError]:
    """An error for each of ``articles`` that reading ``files`` again does not give back as it was built."""
    found: set[str] = set()
    skips: dict[str, Skipped] = {}
    for item in read_articles([f for f in files if Path(f).is_file()]):
        if isinstance(item, Article):
            found.add(item.id)
        else:
            skips[item.source] = item
    lost: list[KgError] = []
    for a in articles:
        file = a.source.split("#L", 1)[0]
        if a.id in found:
            continue
        if not Path(file).is_file():
            reason = "its file is gone"
        elif a.source in skips or file in skips:
            reason = (skips.get(a.source) or skips[file]).reason
        else:
            reason = "its text changed since the build"
        lost.append(QueryError(Errors.K311, source=a.source, reason=reason))
    return lost
