"""The ``kg`` command: thin wrappers over the library; KgError becomes one line on stderr and an exit code."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from kg.errors import KgError

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

OutOpt = Annotated[Path, typer.Option("--out", "-o", help="Folder to write graph.ttl, graph.html and the rest to.")]
GraphArg = Annotated[
    Path | None,
    typer.Argument(help="A graph file (.ttl, .trig, .nt, .nq, .jsonld); default: graph.ttl in --out.", show_default=False),
]


def err(message: str) -> None:
    typer.echo(message, err=True)


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
        typer.Argument(help="Article files or folders (.txt, .md, .html, .jsonl). Default: seeds/.", show_default=False),
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
    view_limit: Annotated[
        int | None, typer.Option(help="Show at most this many nodes in graph.html (the most connected).")
    ] = None,
    patterns: Annotated[
        Path | None,
        typer.Option(help="Your names, aliases, types and links: spaCy EntityRuler JSONL (see README)."),
    ] = None,
    progress: Annotated[
        bool | None, typer.Option(help="Show a progress bar (default: when stderr is a terminal).", show_default=False)
    ] = None,
) -> None:
    """Build the knowledge graph of news articles: out/graph.ttl (and other formats) and out/graph.html."""
    from kg.pipeline import build as run_build

    formats = list(fmt or ["ttl"])
    show = sys.stderr.isatty() if progress is None else progress
    with failures(), _progress_bar(show) as tick:
        result = run_build(paths or [Path("seeds")], out, model=model, formats=formats, view=view,
                           view_limit=view_limit, patterns=patterns, progress=tick)
    report = result.report
    for s in report.skipped:
        err(f"kg: skipped {s.source}: {s.reason} ({s.code})")
    for path in report.outputs:
        typer.echo(f"wrote {path}")
    typer.echo(report.summary())
    if report.skipped:
        raise typer.Exit(EXIT_SKIPPED)


@contextmanager
def _progress_bar(show: bool) -> Iterator[object]:
    if not show:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[wps]} words/s"),
               TimeRemainingColumn())
    with Progress(*columns, transient=True) as bar:
        task = bar.add_task("extract", total=None, wps="-")
        import time

        start = time.perf_counter()

        def tick(done: int, total: int, words: int) -> None:
            rate = words / max(time.perf_counter() - start, 1e-9)
            bar.update(task, completed=done, total=total, wps=f"{rate:,.0f}")

        yield tick


def _graph_path(graph: Path | None, out: Path) -> Path:
    return graph if graph is not None else out / "graph.ttl"


@app.command()
def validate(
    graph: GraphArg = None,
    out: OutOpt = Path("out"),
    shapes: Annotated[Path | None, typer.Option(help="SHACL shapes; default: the ontology's shapes.ttl.")] = None,
) -> None:
    """Check a graph against the SHACL shapes and print each violation on one line."""
    from kg.graph.convert import to_rdflib
    from kg.graph.io import read_quads
    from kg.graph.validate import validate as run_validate

    path = _graph_path(graph, out)
    with failures():
        violations = run_validate(to_rdflib(read_quads(path)), shapes)
    for v in violations:
        typer.echo(str(v))
    if violations:
        typer.echo(f"{path}: {len(violations)} violation(s)")
        raise typer.Exit(EXIT_SKIPPED)
    typer.echo(f"{path}: conforms to the shapes")


@app.command()
def stats(graph: GraphArg = None, out: OutOpt = Path("out")) -> None:
    """Print counts by type (entities, articles, mentions) and the number of triples of a graph."""
    from kg.graph.io import read_quads
    from kg.graph.stats import count_by_type

    path = _graph_path(graph, out)
    with failures():
        quads = read_quads(path)
    rows, triples = count_by_type(quads)
    width = max((len(name) for name, _ in rows), default=5)
    for name, n in rows:
        typer.echo(f"{name:<{width}}  {n:>8,}")
    typer.echo(f"{'triples':<{width}}  {triples:>8,}")


@app.command("eval")
def eval_(
    gold: Annotated[list[Path], typer.Argument(help="Gold file(s) in the format of tests/gold/README.md.")],
    graph: Annotated[
        Path | None, typer.Option(help="Score this graph file instead of building the gold's articles afresh.")
    ] = None,
    model: Annotated[str | None, typer.Option(help="spaCy pipeline for the fresh build.")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List every miss and spurious entity.")] = False,
) -> None:
    """Score the graph against hand-made gold files: precision, recall, F1, duplicates and type errors."""
    from kg.evaluate import evaluate, format_report

    with failures():
        for path in gold:
            typer.echo(format_report(path.name, evaluate(path, graph, model=model), verbose=verbose))


# --- store commands (query, load, serve, remove): kept below this line, one function each ---
