"""Running extraction over a corpus: where the NLP work happens (this process for now) and what is reused.

The pipeline calls :func:`extract_corpus`; everything about processes, clusters and caching lives here.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from kg.extract import extract, load_pipeline, model_id
from kg.extract.patterns import Patterns
from kg.model import Article, Extraction, Skipped


@dataclass(frozen=True, slots=True)
class RunOptions:
    model: str | None = None
    patterns: Patterns | None = None
    workers: int = 1
    scheduler: str | None = None  # a Dask scheduler address, "tcp://HOST:PORT", or "local"
    cache: Path | None = None  # folder of the extraction cache (None: no cache)
    batch_size: int = 32


def extract_corpus(articles: Sequence[Article], options: RunOptions) -> tuple[str, Iterator[Extraction | Skipped]]:
    """The model's id and the extraction of each article, in the order of ``articles``."""
    nlp = load_pipeline(options.model, options.patterns)
    return model_id(nlp), extract(articles, nlp, batch_size=options.batch_size)
