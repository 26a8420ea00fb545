"""Extraction as Dask distributed tasks: on a local cluster (``--scheduler local``) or a scheduler's address.

The map step (one task per batch of articles, each worker loading the model once) runs on the cluster; the
client gathers the results back in article order and the pipeline keeps the reduce step (resolution, graph
building). Workers must run the same extraction code as the client (K207). Needs ``pip install 'kg[dask]'``.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Generator
from typing import Any

import kg.cache
from kg.errors import Errors, ExtractionError
from kg.extract import load_pipeline
from kg.extract.patterns import Patterns
from kg.extract.runner import Done, Result, RunOptions, Task, _NoModel, _Ordered, extract_safely
from kg.model import Article

__all__ = ["on_dask"]


def _work_in_dask(
    articles: list[Article], model: str | None, patterns: Patterns | None, batch_size: int
) -> tuple[str, list[Result]] | _NoModel:
    """The worker's extraction code version (the client checks it is its own) and the results."""
    try:
        nlp = load_pipeline(model, patterns)  # once per worker process: load_pipeline is cached
    except Exception as exc:  # noqa: BLE001  reported by the client, with its code
        return _NoModel.of(exc)
    return kg.cache.CODE_VERSION, extract_safely(nlp, articles, batch_size)


def on_dask(todo: list[Article], tasks: list[Task], options: RunOptions, done: Done) -> Generator[Result, None, None]:
    """One Dask task per article task, a window of them in flight; the client gathers them back in order. A
    task whose worker dies is retried by the scheduler; one that keeps failing is Skipped."""
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError as exc:
        raise ExtractionError(Errors.K204) from exc

    address = options.scheduler or "local"
    cluster: LocalCluster | None = None
    try:
        if address == "local":
            size = options.workers if options.workers > 1 else os.cpu_count() or 1
            cluster = LocalCluster(
                n_workers=size, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.ERROR
            )
            client = Client(cluster)
        else:
            client = Client(address, timeout=30)
    except (OSError, TimeoutError, ValueError) as exc:
        if cluster is not None:
            cluster.close()
        raise ExtractionError(Errors.K205, address=address, detail=exc) from exc

    ordered = _Ordered(todo, done)
    queue = iter(tasks)
    running: dict[Any, Task] = {}
    flow = as_completed()

    def submit() -> None:
        task = next(queue, None)
        if task is not None:
            args = (todo[task[0] : task[1]], options.model, options.patterns, options.batch_size)
            future = client.submit(_work_in_dask, *args, pure=False)
            running[future] = task
            flow.add(future)

    try:
        for _ in range(2 * max(sum(client.nthreads().values()), 1)):
            submit()
        for future in flow:
            task = running.pop(future)
            if future.status == "finished":
                value = future.result()
                if isinstance(value, _NoModel):
                    raise value.error()
                theirs, results = value
                if theirs != kg.cache.CODE_VERSION:
                    raise ExtractionError(Errors.K207, address=address, theirs=theirs, ours=kg.cache.CODE_VERSION)
                ordered.land(task, results)
            else:  # the scheduler gave up on it (its worker kept dying), or it was cancelled
                try:
                    error: BaseException | None = future.exception()
                except Exception as exc:  # noqa: BLE001  a cancelled future raises instead
                    error = exc
                ordered.fail(task, f"{type(error).__name__}: {error}")
            future.release()
            submit()
            yield from ordered.ready()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
