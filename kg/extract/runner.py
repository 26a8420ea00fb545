"""Running extraction over a corpus: which articles need the model, and where it runs.

Articles found in the cache (:mod:`kg.cache`) never reach the model. The others are cut into tasks of consecutive
articles and run here, in a pool of worker processes (``workers > 1``) or as Dask tasks (``scheduler``); each
process loads the model once. Results come back in article order whatever finishes first; each task's results
are cached as soon as they arrive, so an interrupted run resumes where it stopped. An article that fails, or
whose worker dies, comes back as Skipped (K202) and the rest go on. The pipeline calls :func:`extract_corpus`
and keeps the reduce step (resolution, graph building) to itself.
"""

from __future__ import annotations

import contextlib
import hashlib
import multiprocessing
import signal
from collections import deque
from collections.abc import Callable, Generator, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing.context import BaseContext
from pathlib import Path
from types import TracebackType
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg.cache import ExtractionCache
from kg.errors import Errors, ExtractionError, KgError
from kg.extract import ahead, extract, load_pipeline, model_id, model_texts
from kg.extract.nlp import resolve_model_name
from kg.extract.patterns import Patterns
from kg.model import Article, Extraction, Skipped

__all__ = ["CorpusRun", "RunOptions", "RunStats", "extract_corpus", "extract_safely", "model_identity"]

Result = Extraction | Skipped
#: Receives each task's results as soon as they arrive (in any order): the cache writes them.
Done = Callable[[list[Result]], None]

#: A pool that breaks this many times in a row with no task finished is not going to work.
_BREAKS = 5


@dataclass(frozen=True, slots=True)
class RunOptions:
    model: str | None = None
    patterns: Patterns | None = None
    workers: int = 1  # worker processes on this machine (> 1: a pool); with scheduler="local", the cluster's size
    scheduler: str | None = None  # a Dask scheduler address, "tcp://HOST:PORT", or "local"
    cache: Path | None = None  # folder of the extraction cache (None: no cache)
    batch_size: int = 32
    task_words: int = 4000  # a task is consecutive articles of about this many words (at most 64 articles)


@dataclass(slots=True)
class RunStats:
    """What a run did, filled in as results come: articles served from the cache, sent to the model, failed."""

    articles: int = 0
    cached: int = 0
    extracted: int = 0
    failed: int = 0
    restarts: int = 0  # times the worker pool was started again after a worker died
    where: str = ""  # where the model ran: "here", "pool", "dask", or "" (everything came from the cache)


class CorpusRun(Iterator[Result]):
    """The results of :func:`extract_corpus` in article order, and ``stats``. Closing it early (or leaving its
    ``with`` block) stops the workers at once; whatever finished is already cached."""

    def __init__(self, results: Generator[Result, None, None], stats: RunStats) -> None:
        self._results = results
        self.stats = stats

    def __iter__(self) -> CorpusRun:
        return self

    def __next__(self) -> Result:
        return next(self._results)

    def close(self) -> None:
        self._results.close()

    def __enter__(self) -> CorpusRun:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()


def extract_corpus(articles: Sequence[Article], options: RunOptions) -> tuple[str, CorpusRun]:
    """The model's id and the extraction of each article, in the order of ``articles``.

    The work starts on the first ``next``; the model is loaded only if some article is not in the cache.
    """
    name, fingerprint = model_identity(options.model, options.patterns)
    stats = RunStats(articles=len(articles))
    return name, CorpusRun(_run(articles, options, fingerprint, stats), stats)


def model_identity(name: str | None, patterns: Patterns | None = None) -> tuple[str, str]:
    """The pipeline's id (as :func:`kg.extract.model_id` gives it) and a fingerprint of all that shapes its
    output, read from its files without loading it: its meta.json and config.cfg, the name and size of every
    file (the weights), spaCy's version and the user's patterns."""
    resolved = resolve_model_name(name)
    try:
        path = spacy.util.get_package_path(resolved) if spacy.util.is_package(resolved) else Path(resolved)
        meta = spacy.util.load_meta(path / "meta.json")
        ident = f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}-{meta.get('version', '0')}"
        digest = hashlib.sha256()
        for file in sorted(path.rglob("*")):
            if file.is_file() and "__pycache__" not in file.parts:
                digest.update(f"{file.relative_to(path).as_posix()}:{file.stat().st_size}\0".encode())
                if file.name in ("meta.json", "config.cfg"):
                    digest.update(file.read_bytes())
    except (OSError, ValueError, ImportError):
        nlp = load_pipeline(name, patterns)  # an unusual install: ask the loaded pipeline (K200 if none)
        ident = model_id(nlp)
        digest = hashlib.sha256(repr(sorted(nlp.meta.items())).encode())
    digest.update(f"spacy {spacy.__version__}\0{patterns!r}".encode())
    return ident, f"{ident}:{digest.hexdigest()[:16]}"


def extract_safely(
    nlp: Language, articles: Sequence[Article], batch_size: int = 32, parse: Callable[[], list[Doc]] | None = None
) -> list[Result]:
    """:func:`kg.extract.extract` over ``articles`` (``parse``: gives the Docs the model made of them elsewhere;
    if it fails, they are parsed here); if the pipeline itself fails, again one article at a time, so that only
    the article that fails is Skipped."""
    parsed = None
    if parse is not None:
        with contextlib.suppress(ahead.ParseError):
            parsed = parse()
    try:
        results = list(extract(articles, nlp, batch_size=batch_size, parsed=parsed))
        if len(results) == len(articles):
            return results
        raise RuntimeError(f"{len(results)} results for {len(articles)} articles")
    except Exception as exc:  # noqa: BLE001  one bad article must not stop the batch
        if len(articles) == 1:
            return [_failed(articles[0], f"{type(exc).__name__}: {exc}")]
        return [r for art in articles for r in extract_safely(nlp, [art], batch_size)]


def _failed(article: Article, detail: str) -> Skipped:
    return Skipped(article.source, f"extraction failed: {detail}", "K202")


def _run(
    articles: Sequence[Article], options: RunOptions, fingerprint: str, stats: RunStats
) -> Generator[Result, None, None]:
    cache = ExtractionCache(options.cache, fingerprint) if options.cache is not None else None
    try:
        hits = cache.get_many(articles) if cache is not None else {}
        stats.cached = len(hits)
        todo = [art for i, art in enumerate(articles) if i not in hits]

        def done(results: list[Result]) -> None:
            found = [r for r in results if isinstance(r, Extraction)]
            if cache is not None:
                cache.put_many(found)
            stats.extracted += len(found)
            stats.failed += len(results) - len(found)

        computed = _compute(todo, options, done, stats)
        try:
            for i in range(len(articles)):
                hit = hits.pop(i, None)
                yield hit if hit is not None else next(computed)
        finally:
            computed.close()
    finally:
        if cache is not None:
            cache.close()


def _compute(todo: list[Article], options: RunOptions, done: Done, stats: RunStats) -> Generator[Result, None, None]:
    if not todo:
        return
    tasks = _tasks(todo, options.task_words)
    if options.scheduler:
        from kg.extract.cluster import on_dask  # Dask is an optional extra: imported when asked for

        stats.where = "dask"
        yield from on_dask(todo, tasks, options, done)
    elif options.workers > 1 and len(tasks) > 1:
        stats.where = "pool"
        yield from _on_pool(todo, tasks, options, done, stats)
    else:
        stats.where = "here"
        nlp = load_pipeline(options.model, options.patterns)
        if ahead.usable(len(tasks)):
            yield from _here_ahead(todo, tasks, options, done, nlp)
            return
        for start, end in tasks:
            results = extract_safely(nlp, todo[start:end], options.batch_size)
            done(results)
            yield from results


def _here_ahead(
    todo: list[Article], tasks: list[Task], options: RunOptions, done: Done, nlp: Language
) -> Generator[Result, None, None]:
    """The tasks extracted here, parsed by a child process two tasks ahead (:mod:`kg.extract.ahead`); once the
    child is gone, parsed here too."""
    with ahead.Ahead(nlp, options.batch_size) as model:
        sent = 0
        for k, (start, end) in enumerate(tasks):
            while sent < len(tasks) and sent <= k + 2:
                model.submit(model_texts(todo[tasks[sent][0] : tasks[sent][1]], nlp))
                sent += 1
            parse = None if model.dead else model.take
            results = extract_safely(nlp, todo[start:end], options.batch_size, parse)
            done(results)
            yield from results


Task = tuple[int, int]  # [start, end) in the articles to extract


def _tasks(articles: Sequence[Article], words: int, most: int = 64) -> list[Task]:
    tasks: list[Task] = []
    start = count = 0
    for i, art in enumerate(articles):
        count += len(art.text.split())
        if count >= words or i + 1 - start >= most:
            tasks.append((start, i + 1))
            start, count = i + 1, 0
    if start < len(articles):
        tasks.append((start, len(articles)))
    return tasks


class _Ordered:
    """Results landing in any order, handed out in article order."""

    def __init__(self, articles: Sequence[Article], done: Done) -> None:
        self.articles = articles
        self.slots: list[Result | None] = [None] * len(articles)
        self.next = 0
        self.landed = 0  # tasks
        self.done = done

    def land(self, task: Task, results: list[Result]) -> None:
        self.done(results)
        self.landed += 1
        self.slots[task[0] : task[1]] = results

    def fail(self, task: Task, detail: str) -> None:
        self.land(task, [_failed(a, detail) for a in self.articles[task[0] : task[1]]])

    def ready(self) -> Iterator[Result]:
        while self.next < len(self.slots) and (result := self.slots[self.next]) is not None:
            self.slots[self.next] = None
            self.next += 1
            yield result

    @property
    def finished(self) -> bool:
        return self.next == len(self.slots)


@dataclass(frozen=True, slots=True)
class _NoModel:
    """A worker could not load the pipeline: the error to raise in the parent."""

    code: str
    fields: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, exc: Exception) -> _NoModel:
        if isinstance(exc, KgError) and hasattr(Errors, exc.code):
            return cls(exc.code, tuple((k, str(v)) for k, v in exc.fields.items()))
        return cls("K202", (("path", "worker process"), ("detail", f"{type(exc).__name__}: {exc}")))

    def error(self) -> ExtractionError:
        return ExtractionError(getattr(Errors, self.code), **dict(self.fields))


# --- a pool of processes on this machine ---

_worker_nlp: Language | _NoModel | None = None


def _init_worker(model: str | None, patterns: Patterns | None) -> None:
    """Each worker loads the pipeline once; Ctrl-C is the parent's to handle (it stops the workers)."""
    global _worker_nlp
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        _worker_nlp = load_pipeline(model, patterns)
    except Exception as exc:  # noqa: BLE001  reported by the parent, with its code
        _worker_nlp = _NoModel.of(exc)


def _work_in_pool(articles: list[Article], batch_size: int) -> list[Result] | _NoModel:
    if not isinstance(_worker_nlp, Language):
        return _worker_nlp or _NoModel.of(RuntimeError("worker not initialised"))
    return extract_safely(_worker_nlp, articles, batch_size)


def _on_pool(
    todo: list[Article], tasks: list[Task], options: RunOptions, done: Done, stats: RunStats
) -> Generator[Result, None, None]:
    """Tasks over a process pool, at most workers + 1 in flight. When a worker dies the pool is started again
    and the tasks in flight go back in the queue; a task that keeps dying runs alone, then one article at a
    time, until the article that kills its worker is found and Skipped."""
    ctx: BaseContext = multiprocessing.get_context("spawn")
    if "forkserver" in multiprocessing.get_all_start_methods():  # not on Windows
        server = multiprocessing.get_context("forkserver")
        server.set_forkserver_preload(["kg.extract.runner"])  # workers start with spaCy imported
        ctx = server
    workers = min(options.workers, len(tasks))
    ordered = _Ordered(todo, done)
    queue = deque(tasks)
    strikes: dict[Task, int] = {}
    running: dict[Future[list[Result] | _NoModel], Task] = {}
    solo = False  # a suspect task runs alone, so that its death is its own

    def start() -> ProcessPoolExecutor:
        args = (options.model, options.patterns)
        return ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init_worker, initargs=args)

    pool = start()
    breaks, landed = 0, -1  # breaks in a row with no task landing between them; tasks landed at the last one
    try:
        while not ordered.finished:
            while queue and not solo:
                suspect = strikes.get(queue[0], 0) >= 2
                if (suspect and running) or len(running) > workers:
                    break
                task = queue.popleft()
                running[pool.submit(_work_in_pool, todo[task[0] : task[1]], options.batch_size)] = task
                solo = suspect
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            broken = any(isinstance(f.exception(), BrokenProcessPool) for f in finished)
            if broken:
                wait(running)  # a broken pool fails every task it holds; some may have finished before
                finished = set(running)
            alone = len(running) == 1
            for future in finished:
                task = running.pop(future)
                exc = future.exception()
                if exc is None:
                    value = future.result()
                    if isinstance(value, _NoModel):
                        raise value.error()
                    ordered.land(task, value)
                elif isinstance(exc, BrokenProcessPool):
                    _retry(task, alone, queue, strikes, ordered)
                else:  # the task catches everything, so this is a transport error (pickling, memory)
                    ordered.fail(task, f"{type(exc).__name__}: {exc}")
            if broken:
                breaks, landed = (breaks + 1 if ordered.landed == landed else 1), ordered.landed
                if breaks >= _BREAKS:
                    raise ExtractionError(Errors.K206, times=breaks)
                stats.restarts += 1
                _stop(pool, now=True)
                pool = start()
            solo = solo and bool(running)
            yield from ordered.ready()
    finally:
        _stop(pool, now=not ordered.finished)


def _retry(task: Task, alone: bool, queue: deque[Task], strikes: dict[Task, int], ordered: _Ordered) -> None:
    start, end = task
    strikes[task] = strikes.get(task, 0) + 1
    if alone and end - start == 1 and strikes[task] >= 2:
        ordered.fail(task, "the worker process died while extracting it")
    elif alone and end - start > 1:
        singles = [(i, i + 1) for i in range(start, end)]
        strikes.update(dict.fromkeys(singles, 1))
        queue.extendleft(reversed(singles))
    else:
        queue.appendleft(task)


def _stop(pool: ProcessPoolExecutor, *, now: bool) -> None:
    """Shut the pool down; ``now``: kill the workers first rather than wait for their tasks."""
    if now:
        processes: dict[int, Any] = getattr(pool, "_processes", None) or {}
        for proc in list(processes.values()):
            proc.terminate()
    pool.shutdown(wait=not now, cancel_futures=True)
