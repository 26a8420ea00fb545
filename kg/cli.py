"""The ``kg`` command: thin wrappers over the library; KgError becomes one line on stderr and an exit code."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kg.errors import KgError

if TYPE_CHECKING:
    from kg.pipeline import Progress

app = typer.Typer(
    name="kg",
    help="Build knowledge graphs from English news articles, offline: extract, resolve, write RDF, query, view.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

#: Exit codes: 0 all good, 1 something was skipped or invalid, 2 nothing could be done.
EXIT_SKIPPED = 1
EXIT_FAILED = 2


def out_option(help: str) -> typer.models.OptionInfo:
    """The --out option (the build folder), with what it means for the command."""
    return typer.Option("--out", "-o", help=help)  # type: ignore[no-any-return]


OutOpt = Annotated[Path, out_option("Folder to write graph.ttl (and the other formats), graph.html, the store to.")]
ReadOutOpt = Annotated[Path, out_option("The build folder whose graph file to read when GRAPH is not given.")]
StoreOutOpt = Annotated[Path, out_option("The build folder whose store (out/store) to serve.")]
RemoveOutOpt = Annotated[
    Path, out_option("The build folder to take the article out of (graphs, store and view are rewritten).")
]
QueryOutOpt = Annotated[Path, out_option("The build folder whose store (without one: its graph file) to query.")]
LoadOutOpt = Annotated[Path, out_option("The build folder whose graph file (graph.trig, .nq, else .ttl) to send.")]
GraphArg = Annotated[
    Path | None,
    typer.Argument(
        help="A graph file (.ttl, .trig, .nt, .nq, .jsonld); default: the one kg build wrote in --out.",
        show_default=False,
    ),
]


def _version(value: bool) -> None:
    if value:
        from kg import __version__

        typer.echo(f"kg {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print kg's version and exit."),
    ] = False,
) -> None:
    """Build knowledge graphs from English news articles, offline: extract, resolve, write RDF, query, view."""


def err(message: str) -> None:
    """One line on stderr; what came from outside (a file name, a value) cannot forge lines or colours."""
    from kg.weblink import shown

    typer.echo(shown(message), err=True)


def said(message: str) -> None:
    """One line on stdout, escaped as :func:`err` does."""
    from kg.weblink import shown

    typer.echo(shown(message))


@contextmanager
def failures() -> Iterator[None]:
    """Turn kg's errors into one line and exit code 2; Ctrl-C into exit code 130, with no traceback."""
    try:
        yield
    except KgError as exc:
        err(f"kg: error: {exc}")
        raise typer.Exit(EXIT_FAILED) from None
    except KeyboardInterrupt:
        err("kg: interrupted; files already written are intact")
        raise typer.Exit(130) from None


@app.command()
def build(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Article files or folders (.txt, .md, .html, .jsonl). Default: seeds/.", show_default=False
        ),
    ] = None,
    out: OutOpt = Path("out"),
    model: Annotated[
        str | None,
        typer.Option(help="Any installed spaCy pipeline, e.g. en_core_web_trf. Default: en_core_web_sm if installed."),
    ] = None,
    fmt: Annotated[
        list[str] | None,
        typer.Option("--format", "-f", help="Graph format(s) to write: ttl, trig, nt, nq, jsonld. Repeatable."),
    ] = None,
    view: Annotated[bool, typer.Option(help="Also write the interactive HTML view, graph.html.")] = True,
    store: Annotated[bool, typer.Option(help="Also fill the embedded SPARQL store, out/store (for kg query).")] = True,
    view_limit: Annotated[
        int | None, typer.Option(help="Show at most this many nodes in graph.html (the most connected).")
    ] = None,
    patterns: Annotated[
        Path | None,
        typer.Option(help="Your names, aliases, types and links: spaCy EntityRuler JSONL (see README)."),
    ] = None,
    progress: Annotated[
        bool | None,
        typer.Option(help="Show a progress bar (default: when stderr is a terminal).", show_default=False),
    ] = None,
    workers: Annotated[
        int, typer.Option("--workers", "-w", min=1, help="Run the NLP in this many processes (one model each).")
    ] = 1,
    scheduler: Annotated[
        str | None,
        typer.Option(
            help="Run the NLP as Dask tasks: a scheduler address (tcp://HOST:PORT), or 'local' for a local cluster "
            "of --workers processes (needs kg[dask]).",
            show_default=False,
        ),
    ] = None,
    cache: Annotated[
        bool, typer.Option(help="Reuse the extraction of unchanged articles from out/cache (same model and code).")
    ] = True,
) -> None:
    """Build the knowledge graph of news articles: out/graph.ttl (and other formats) and out/graph.html."""
    from kg.pipeline import build as run_build

    formats = list(fmt or ["ttl"])
    show = sys.stderr.isatty() if progress is None else progress
    with failures(), _progress_bar(show) as tick:
        result = run_build(
            paths or [Path("seeds")],
            out,
            model=model,
            formats=formats,
            view=view,
            view_limit=view_limit,
            patterns=patterns,
            store=store,
            workers=workers,
            scheduler=scheduler,
            cache=cache,
            progress=tick,
        )
    report = result.report
    for s in report.skipped:
        err(f"kg: skipped {s.source}: {s.reason} ({s.code})")
    for note in report.warnings:
        err(f"kg: warning: {note}")
    for path in report.outputs:
        said(f"wrote {path}")
    typer.echo(report.summary())
    if report.skipped:
        raise typer.Exit(EXIT_SKIPPED)


@contextmanager
def _progress_bar(show: bool) -> Iterator[Progress | None]:
    if not show:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (
        TextColumn("extracting"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[wps]} words/s"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, transient=True) as bar:
        task = bar.add_task("extract", total=None, wps="-")
        import time

        start = time.perf_counter()

        def tick(done: int, total: int, words: int) -> None:
            rate = words / max(time.perf_counter() - start, 1e-9)
            bar.update(task, completed=done, total=total, wps=f"{rate:,.0f}")

        yield tick


def _graph_path(graph: Path | None, out: Path) -> Path:
    """``graph``, or the graph file the build in ``out`` wrote (graph.ttl, else .trig, .nt, .nq, .jsonld)."""
    if graph is not None:
        return graph
    from kg.commit import settle
    from kg.graph.io import FORMATS

    settle(out)  # a build stopped while putting its outputs in place: finish it, then choose
    found = [out / f"graph{f.suffix}" for f in FORMATS.values() if (out / f"graph{f.suffix}").is_file()]
    return found[0] if found else out / "graph.ttl"


@app.command()
def validate(
    graph: GraphArg = None,
    out: ReadOutOpt = Path("out"),
    shapes: Annotated[Path | None, typer.Option(help="SHACL shapes; default: the ontology's shapes.ttl.")] = None,
) -> None:
    """Check a graph against the SHACL shapes and print each violation on one line."""
    from kg.graph.convert import to_rdflib
    from kg.graph.io import read_quads
    from kg.graph.validate import validate as run_validate

    with failures():
        path = _graph_path(graph, out)
        violations = run_validate(to_rdflib(read_quads(path)), shapes)
    for v in violations:
        typer.echo(str(v))
    if violations:
        typer.echo(f"{path}: {len(violations)} violation(s)")
        raise typer.Exit(EXIT_SKIPPED)
    typer.echo(f"{path}: conforms to the shapes")


@app.command()
def stats(graph: GraphArg = None, out: ReadOutOpt = Path("out")) -> None:
    """Print the numbers of a graph (articles, entities, events, mentions, relations, triples), then by type."""
    from kg.graph.io import read_quads
    from kg.graph.stats import count, count_by_type

    with failures():
        quads = read_quads(_graph_path(graph, out))
    rows, _ = count_by_type(quads)
    numbers = count(quads).rows()
    width = max((len(name) for name, _ in rows + numbers), default=5)
    for name, n in numbers:
        typer.echo(f"{name:<{width}}  {n:>8,}")
    typer.echo("")
    for name, n in rows:
        typer.echo(f"{name:<{width}}  {n:>8,}")


@app.command()
def export(
    graph: Annotated[
        Path | None,
        typer.Argument(
            help="A graph file; default: the one kg build wrote in --out (TriG or N-Quads weigh edges by articles).",
            show_default=False,
        ),
    ] = None,
    out: ReadOutOpt = Path("out"),
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="graphml, gexf (Gephi) or csv (a nodes and an edges table).")
    ] = "graphml",
    to: Annotated[
        Path | None,
        typer.Option(
            help="Where to write, the format's suffix replacing any (default: network.graphml, network.gexf, or "
            "network-nodes.csv and network-edges.csv in --out).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Write the entity network (entities and events; relations, participation, co-mention) for networkx or Gephi."""
    from kg.graph.io import read_quads
    from kg.graph.network import entity_network, write_network
    from kg.graph.stats import _NOT_RELATIONS as NOT_RELATIONS

    with failures():
        network = entity_network(read_quads(graph or _dataset_file(out)))
        stem = (to.parent / to.stem) if to is not None else out / "network"
        paths = write_network(network, stem, fmt)
    for path in paths:
        typer.echo(f"wrote {path}")
    kinds = Counter(key for *_, key in network.edges(keys=True))
    edges = network.number_of_edges()
    others = "".join(f", {kinds[k]:,} {k}" for k in sorted(NOT_RELATIONS) if kinds[k])
    relations = edges - sum(kinds[k] for k in NOT_RELATIONS)  # as kg stats counts them
    typer.echo(f"{network.number_of_nodes():,} nodes, {edges:,} edges ({relations:,} relations{others})")


@app.command("eval")
def eval_(
    gold: Annotated[list[Path], typer.Argument(help="Gold file(s) in the format of tests/gold/README.md.")],
    graph: Annotated[
        Path | None,
        typer.Option(help="Score this graph file instead of building the gold's articles afresh."),
    ] = None,
    model: Annotated[str | None, typer.Option(help="spaCy pipeline for the fresh build.")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List every miss and spurious entity.")] = False,
) -> None:
    """Score the graph against hand-made gold files: precision, recall, F1, duplicates and type errors."""
    from kg.evaluation import evaluate, format_report

    with failures():
        for path in gold:
            typer.echo(format_report(path.name, evaluate(path, graph, model=model), verbose=verbose))


@app.command()
def remove(
    article: Annotated[str, typer.Argument(help="The article to take out: its IRI, id (or first digits) or source.")],
    out: RemoveOutOpt = Path("out"),
) -> None:
    """Take one article out of the build in --out: its graph, and whatever only it supported (the rest stays)."""
    from kg.manifest import read_manifest
    from kg.pipeline import LostArticlesError
    from kg.pipeline import remove as run_remove

    with failures():
        before = read_manifest(out)
        target = before.find(article) if before is not None else None
        try:
            result = run_remove(article, out)
        except LostArticlesError as exc:
            for lost in exc.lost:
                err(f"kg: error: {lost}")
            err(f"kg: error: {exc}")
            raise typer.Exit(EXIT_SKIPPED) from None
    for note in result.report.warnings:
        err(f"kg: warning: {note}")
    if target is not None:
        said(f"removed {target.source} (<{target.iri}>)")
    for path in result.report.outputs:
        said(f"wrote {path}")
    typer.echo(result.report.summary())


# --- store commands (query, load, serve, remove): kept below this line, one function each ---


StoreOpt = Annotated[
    Path | None,
    typer.Option("--store", help="The store folder; default: store in --out.", show_default=False),
]


def _bindings(literals: list[str] | None, iris: list[str] | None) -> dict[str, object]:
    import pyoxigraph as ox

    from kg.errors import Errors, QueryError

    out: dict[str, object] = {}
    for items, make in ((literals or [], ox.Literal), (iris or [], ox.NamedNode)):
        for item in items:
            name, sep, value = item.partition("=")
            if not sep or not name.strip():
                raise QueryError(Errors.K408, value=item)
            try:
                out[name.strip()] = make(value)
            except ValueError as exc:
                raise QueryError(Errors.K411, iri=value, detail=exc) from None
    return out


@app.command()
def query(
    sparql: Annotated[
        str | None, typer.Argument(help="The SPARQL query ('-' reads it from stdin).", show_default=False)
    ] = None,
    file: Annotated[Path | None, typer.Option("--file", help="Read the query from a .rq file.")] = None,
    graph: Annotated[
        Path | None, typer.Option("--graph", "-g", help="Query this graph file instead of the store.")
    ] = None,
    store: StoreOpt = None,
    endpoint: Annotated[
        str | None,
        typer.Option(
            "--endpoint",
            "-e",
            help="Query this SPARQL endpoint (a store kg load filled) instead of the store.",
            show_default=False,
        ),
    ] = None,
    out: QueryOutOpt = Path("out"),
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="table, csv, tsv, json or xml; for CONSTRUCT: table (Turtle), ttl, nt, json.",
        ),
    ] = "table",
    bind: Annotated[
        list[str] | None,
        typer.Option("--bind", "-b", help="Bind ?NAME to a text value, safely: NAME=VALUE. Repeatable."),
    ] = None,
    bind_iri: Annotated[
        list[str] | None, typer.Option("--bind-iri", help="Bind ?NAME to an IRI: NAME=IRI. Repeatable.")
    ] = None,
    union: Annotated[
        bool,
        typer.Option(help="Patterns outside GRAPH match all graphs (--no-union: the default graph only)."),
    ] = True,
    max_width: Annotated[int, typer.Option(help="Cut table cells to this many characters.")] = 60,
) -> None:
    """Run a SPARQL query on the store (out/store) or a graph file and print a table, CSV, TSV or JSON."""
    from kg.graph.sparql import render, run_query

    with failures():
        if (sparql is None) == (file is None):
            err("kg: error: pass a query, or --file Q.rq (one of them)")
            raise typer.Exit(EXIT_FAILED)
        text = sparql if file is None else _read_query(file)
        text = sys.stdin.read() if text == "-" else text
        values = _bindings(bind, bind_iri)
        if endpoint is not None:
            from kg.graph.remote import remote_query

            result = remote_query(text, endpoint, bindings=values)  # type: ignore[arg-type]
            typer.echo(render(result, fmt, max_width=max_width), nl=False)
            return
        target = store or out / "store"
        if graph is None and store is None:
            from kg.commit import settle

            settle(out)  # before choosing between the store and a graph file
        if graph is None and store is None and not target.is_dir() and _dataset_file(out).is_file():
            graph = _dataset_file(out)  # built without a store: the graph file keeping the most
        if graph is not None:
            result = run_query(text, graph_file=graph, bindings=values, union=union)  # type: ignore[arg-type]
        else:
            result = run_query(text, store=target, bindings=values, union=union)  # type: ignore[arg-type]
        typer.echo(render(result, fmt, max_width=max_width), nl=False)


def _read_query(path: Path) -> str:
    from kg.errors import Errors, GraphError

    if not path.exists():
        raise GraphError(Errors.K414, path=path)
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GraphError(Errors.K108, path=path, detail=exc) from None


@app.command()
def load(
    endpoint: Annotated[
        str,
        typer.Option("--endpoint", "-e", help="The Graph Store Protocol URL (with --update: the SPARQL Update URL)."),
    ],
    graph: Annotated[
        Path | None,
        typer.Argument(
            help="A graph file (.trig, .nq keep the article graphs); default: graph.trig|nq|ttl in --out.",
            show_default=False,
        ),
    ] = None,
    out: LoadOutOpt = Path("out"),
    graph_iri: Annotated[
        str | None,
        typer.Option("--graph", help="Load everything into this named graph (default: each graph into its own)."),
    ] = None,
    default_graph: Annotated[
        str | None,
        typer.Option(
            help="Send the default graph's triples to this named graph (default: the store's default graph, or "
            "https://w3id.org/kg-news/id/graph/default when it has none, as Virtuoso).",
            show_default=False,
        ),
    ] = None,
    replace: Annotated[bool, typer.Option(help="Replace the graphs sent (PUT, or DROP) instead of adding.")] = False,
    update: Annotated[
        bool,
        typer.Option(help="Send SPARQL 1.1 Update INSERT DATA, for stores without the Graph Store Protocol."),
    ] = False,
    batch: Annotated[
        int, typer.Option(help="Triples per request (halved, and retried, when the store refuses one as too big).")
    ] = 50_000,
    retries: Annotated[int, typer.Option(help="Retries of a request on 429, 502, 503, 504 or no connection.")] = 4,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for each response.")] = 60.0,
) -> None:
    """Load the graph into a triple store (Oxigraph, Fuseki, GraphDB, Virtuoso...) over HTTP.

    Credentials come from the environment only: KG_ENDPOINT_TOKEN (bearer), or KG_ENDPOINT_USER and
    KG_ENDPOINT_PASSWORD (basic). They are never printed.
    """
    from kg.graph.load import load as run_load

    with failures():
        source = graph or _dataset_file(out)
        report = run_load(
            source,
            endpoint,
            graph_iri=graph_iri,
            default_graph=default_graph,
            replace=replace,
            update=update,
            batch_triples=batch,
            retries=retries,
            timeout=timeout,
        )
    typer.echo(report.summary())


def _dataset_file(out: Path) -> Path:
    """The build's graph file that keeps the most: TriG or N-Quads (a graph per article), else Turtle. Not the
    store: Oxigraph keeps xsd:nonNegativeInteger values as xsd:integer."""
    from kg.commit import settle

    settle(out)
    for name in ("graph.trig", "graph.nq"):
        if (out / name).is_file():
            return out / name
    return _graph_path(None, out)


@app.command()
def serve(
    store: StoreOpt = None,
    out: StoreOutOpt = Path("out"),
    host: Annotated[str, typer.Option(help="Address to listen on; 0.0.0.0 opens it to the network.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on (0: any free port).")] = 7878,
    timeout: Annotated[float, typer.Option(help="Seconds a query may run before it is stopped.")] = 10.0,
    limit: Annotated[int, typer.Option(help="At most this many result rows (or triples) per query.")] = 10_000,
    workers: Annotated[int, typer.Option(help="Queries run at the same time (one process each).")] = 2,
    union: Annotated[
        bool,
        typer.Option(help="Patterns outside GRAPH match all graphs (--no-union: the default graph only)."),
    ] = True,
    memory: Annotated[int, typer.Option(min=64, help="MB of memory a query may use before it is stopped.")] = 1024,
    cors: Annotated[
        list[str] | None,
        typer.Option(help="Allow web pages from this origin (e.g. http://localhost:8000) to query. Repeatable."),
    ] = None,
    max_connections: Annotated[int, typer.Option(min=1, help="Connections open at the same time.")] = 64,
) -> None:
    """Serve the store read-only over the SPARQL 1.1 Protocol at http://HOST:PORT/sparql (Ctrl-C stops)."""
    from kg.serve import make_server, warn_public

    with failures():
        server = make_server(
            store or out / "store",
            host=host,
            port=port,
            timeout=timeout,
            limit=limit,
            workers=workers,
            union=union,
            log=err,
            memory=memory << 20,
            cors=cors or (),
            max_connections=max_connections,
        )
    warning = warn_public(host)
    if warning:
        err(warning)
    typer.echo(f"serving {server.url} (read-only; Ctrl-C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        typer.echo("stopped")
    finally:
        server.server_close()
