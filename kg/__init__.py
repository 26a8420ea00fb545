"""kg: offline knowledge graphs from English news.

>>> import kg
>>> result = kg.build(["seeds"], out="out")      # writes out/graph.ttl and out/graph.html
>>> result.graph                                  # an rdflib Dataset: one named graph per article
>>> result.report.summary()
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["BuildResult", "KgError", "Report", "__version__", "build"]

if TYPE_CHECKING:
    from kg.errors import KgError
    from kg.pipeline import BuildResult, Report, build


def __getattr__(name: str) -> Any:
    # spaCy is slow to import: load the pipeline module only when the API is used.
    if name in {"build", "BuildResult", "Report"}:
        from kg import pipeline

        return getattr(pipeline, name)
    if name == "KgError":
        from kg.errors import KgError

        return KgError
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
