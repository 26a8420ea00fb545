"""Benchmark: ``kg build`` on a news corpus against the bare spaCy pipeline, by corpus size and worker count.

    python bench/scale/bench_build.py ../shared/data/bbc-news
    python bench/scale/bench_build.py ../shared/data/bbc-news --articles 500 1000 2225 --workers 1 2
    python bench/scale/bench_build.py ../shared/data/bbc-news --articles 200 --workers 1 --json out/bench.json

For each corpus size (the first N ``.txt`` files in a fixed pseudo-random order, so every category is in every
size and each size holds the smaller ones; N at least the whole corpus passes the folder itself) and each worker
count, every measurement runs in a fresh Python process:

- ``bare``: the model ``kg build`` loads, with the same components, over the same article texts (as ingest reads
  them): ``nlp.pipe(texts, batch_size=32)`` with ``n_process`` = workers, nothing done with the Docs;
- ``build``: ``kg.pipeline.build`` as ``kg build --workers N`` runs it (Turtle, store, view, cache on) into a fresh
  ``--out`` folder: the Report's seconds per stage, articles/s, words/s, triples;
- ``rebuild`` (workers = 1): the same build again with one new article added, on the cache the cold build left.

Peak memory is the largest sum of the memory the process and all its children (workers, forked helpers) hold
(their proportional set size: a page two processes share counts half in each),
sampled every 0.5 s with psutil (reading a big process's PSS takes a few ms of the GIL; ``ru_maxrss`` without
psutil). Prints Markdown tables; ``--json`` keeps the rows.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT_ARG: list[Path] = []  # the corpus, for the children
STAGES = ("ingest", "nlp", "resolution", "graph", "serialization", "store", "view")


def corpus_files(root: Path) -> list[Path]:
    """The corpus's ``.txt`` files in a fixed order that mixes the folders (a hash of each relative path)."""
    files = sorted(root.rglob("*.txt"))
    return sorted(files, key=lambda p: hashlib.sha1(p.relative_to(root).as_posix().encode()).hexdigest())


def selection(root: Path, n: int) -> list[Path]:
    files = corpus_files(root)
    return [root] if n >= len(files) else files[:n]


def _held(proc: Any) -> int:
    """The memory ``proc`` holds: its proportional set size (a page shared with n processes counts 1/n in each,
    so a forked child's shared pages are not counted twice), else its resident size."""
    try:
        return int(proc.memory_full_info().pss)
    except (AttributeError, OSError):
        return int(proc.memory_info().rss)


class Usage:
    """Peak memory held (MB, proportional set size) and CPU seconds of this process and all its children,
    sampled every 0.5 s with psutil (a process that lives under 0.5 s is missed); without psutil,
    ``getrusage`` (the largest single process's peak, and the CPU of the children already waited for)."""

    def __init__(self) -> None:
        self.peak_mb = 0.0
        self._cpu: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._start = self._rusage_cpu()

    @property
    def cpu_s(self) -> float:
        return sum(self._cpu.values()) if self._cpu else self._rusage_cpu() - self._start

    @staticmethod
    def _rusage_cpu() -> float:
        who = (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
        return sum(resource.getrusage(w).ru_utime + resource.getrusage(w).ru_stime for w in who)

    def _sample(self) -> None:
        import psutil

        me = psutil.Process()
        base = sum(me.cpu_times()[:2])
        while True:
            total = 0
            for proc in [me, *me.children(recursive=True)]:
                try:
                    with proc.oneshot():
                        total += _held(proc)
                        self._cpu[proc.pid] = sum(proc.cpu_times()[:2]) - (base if proc is me else 0.0)
                except psutil.Error:
                    pass
            self.peak_mb = max(self.peak_mb, total / 2**20)
            if self._stop.wait(0.5):
                return

    def __enter__(self) -> Usage:
        try:
            import psutil  # noqa: F401
        except ImportError:
            return self
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()
        else:  # getrusage: the peak of the largest process
            who = (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
            self.peak_mb = max(resource.getrusage(w).ru_maxrss for w in who) / 1024


# --- the measurements, each in its own process ---


def child_bare(root: Path, n: int, workers: int) -> dict[str, Any]:
    from kg.extract import load_pipeline
    from kg.ingest import read_articles
    from kg.model import Article

    texts = [a.text for a in read_articles(selection(root, n)) if isinstance(a, Article)]
    with Usage() as usage:
        start = time.perf_counter()
        nlp = load_pipeline()
        loaded = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=32, n_process=workers):
            pass
        end = time.perf_counter()
    return {
        "articles": len(texts),
        "words": sum(len(t.split()) for t in texts),
        "load": loaded - start,
        "seconds": end - start,
        "pipes": nlp.pipe_names,
        "peak_mb": usage.peak_mb,
        "cpu_s": usage.cpu_s,
    }


def child_build(root: Path, n: int, workers: int, out: Path, extra: Path | None) -> dict[str, Any]:
    import kg.pipeline
    from kg.extract.runner import CorpusRun, RunOptions

    runs: list[CorpusRun] = []
    extract_corpus = kg.pipeline.extract_corpus

    def spy(articles: Any, options: RunOptions) -> tuple[str, CorpusRun]:  # to read the cache's hit count
        name, run = extract_corpus(articles, options)
        runs.append(run)
        return name, run

    kg.pipeline.extract_corpus = spy  # type: ignore[assignment]
    paths: list[Path] = selection(root, n) + ([extra] if extra else [])
    with Usage() as usage:
        start = time.perf_counter()
        result = kg.pipeline.build(paths, out, workers=workers)
        end = time.perf_counter()
    report = result.report
    return {
        "articles": report.articles,
        "skipped": len(report.skipped),
        "words": report.words,
        "triples": report.triples,
        "entities": sum(n for _, n in report.entities),
        "seconds": end - start,
        "stages": dict(report.seconds),
        "cached": runs[0].stats.cached,
        "extracted": runs[0].stats.extracted,
        "peak_mb": usage.peak_mb,
        "cpu_s": usage.cpu_s,
    }


def run_child(*args: str) -> dict[str, Any]:
    """Run one measurement in a fresh interpreter; its last stdout line is the JSON result."""
    cmd = [sys.executable, __file__, str(ROOT_ARG[0]), "--child", *args]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def new_article(root: Path, folder: Path) -> Path:
    """One article not in the corpus: the first file's text with a sentence of news added at its end."""
    source = corpus_files(root)[0]
    text = source.read_text(encoding="utf-8", errors="replace").rstrip()
    target = folder / "added.txt"
    target.write_text(text + "\n\nThe chancellor Gordon Brown met the Bank of England in London on Monday.\n")
    return target


# --- the report ---


def table(headers: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---:" for _ in headers) + "|"]
    return "\n".join([*lines, *("| " + " | ".join(r) + " |" for r in rows)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="A folder of .txt articles, e.g. ../shared/data/bbc-news.")
    parser.add_argument("--articles", type=int, nargs="+", default=[500, 1000, 2225], help="Corpus sizes.")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="Worker process counts.")
    parser.add_argument("--json", type=Path, help="Also write every measurement to this file.")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        kind, n, workers, *rest = args.child
        if kind == "bare":
            row = child_bare(args.corpus, int(n), int(workers))
        else:
            row = child_build(args.corpus, int(n), int(workers), Path(rest[0]), Path(rest[1]) if rest[1:] else None)
        print(json.dumps(row))
        return

    root = args.corpus.resolve()
    ROOT_ARG.append(root)
    rows: list[dict[str, Any]] = []
    print(f"corpus {root}: {len(corpus_files(root))} files; {os.cpu_count()} cores; python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        extra = new_article(root, Path(tmp))
        for n in args.articles:
            for w in args.workers:
                bare = run_child("bare", str(n), str(w))
                out = Path(tmp) / f"out-{n}-{w}"
                cold = run_child("build", str(n), str(w), str(out))
                rows.append({"n": n, "workers": w, "bare": bare, "build": cold, "load": os.getloadavg()})
                line = f"n={n} workers={w}: bare {bare['seconds']:.1f}s, build {cold['seconds']:.1f}s"
                if w == 1:
                    rows[-1]["rebuild"] = warm = run_child("build", str(n), "1", str(out), str(extra))
                    line += f", rebuild +1 article {warm['seconds']:.1f}s"
                load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
                print(line, {k: round(v, 1) for k, v in cold["stages"].items()}, f"load {load}", flush=True)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    print()
    print(report(rows))


def report(rows: list[dict[str, Any]]) -> str:
    main_rows = []
    for r in rows:
        b, k = r["bare"], r["build"]
        main_rows.append(
            [
                str(k["articles"]),
                str(r["workers"]),
                f"{b['seconds']:.1f}",
                f"{k['seconds']:.1f}",
                f"{k['seconds'] / b['seconds']:.2f}",
                f"{k['cpu_s'] / b['cpu_s']:.2f}",
                f"{k['articles'] / k['seconds']:.2f}",
                f"{k['words'] / k['seconds']:,.0f}",
                f"{b['words'] / b['seconds']:,.0f}",
                f"{k['triples']:,}",
                f"{b['peak_mb']:,.0f}",
                f"{k['peak_mb']:,.0f}",
                f"{k['peak_mb'] * 1000 / max(k['triples'], 1):.2f}",
            ]
        )
    heads = "articles|workers|bare s|build s|build/bare|CPU build/bare|articles/s|words/s|bare words/s|triples"
    heads += "|bare MB|build MB"
    heads += "|MB/1k triples"
    stage_rows = [
        [str(r["build"]["articles"]), str(r["workers"])]
        + [f"{r['build']['stages'].get(s, 0.0):.1f}" for s in STAGES]
        + [f"{r['build']['seconds'] - sum(r['build']['stages'].values()):.1f}"]
        for r in rows
    ]
    rebuilds = [
        [
            str(r["rebuild"]["articles"]),
            f"{r['rebuild']['seconds']:.1f}",
            str(r["rebuild"]["cached"]),
            *(f"{r['rebuild']['stages'].get(s, 0.0):.1f}" for s in STAGES),
        ]
        for r in rows
        if "rebuild" in r
    ]
    return "\n\n".join(
        [
            table(heads.split("|"), main_rows),
            "Seconds per stage of the build (`other`: outside the stages):",
            table(["articles", "workers", *STAGES, "other"], stage_rows),
            "Rebuild after adding one article, cache warm (workers = 1):",
            table(["articles", "seconds", "from cache", *STAGES], rebuilds),
        ]
    )


if __name__ == "__main__":
    main()
