"""The record of a build, ``out/manifest.json``: which articles it holds (id, source, IRI), how it was built (one
:class:`BuildOptions` record, which ``kg remove`` builds with again) and the content hash of each graph in the
store, so that the next build or ``kg remove`` changes only what must change."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import Errors, QueryError
from kg.graph.io import atomic_write

FILENAME = "manifest.json"


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """What decides a build's outputs besides its articles (how it runs, workers or a scheduler, does not)."""

    model: str | None = None
    patterns: str | None = None
    formats: tuple[str, ...] = ("ttl",)
    view: bool = True
    view_limit: int | None = None
    store: bool = True

    def kwargs(self) -> dict[str, Any]:
        """The options as keyword arguments of :func:`kg.pipeline.build`."""
        return {name: getattr(self, name) for name in self.__dataclass_fields__}

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> BuildOptions:
        return cls(
            raw.get("model"),
            raw.get("patterns"),
            tuple(raw.get("formats", ("ttl",))),
            bool(raw.get("view", True)),
            raw.get("view_limit"),
            bool(raw.get("store", True)),
        )


@dataclass(frozen=True, slots=True)
class BuiltArticle:
    id: str
    source: str
    iri: str


@dataclass(frozen=True, slots=True)
class Manifest:
    options: BuildOptions
    articles: tuple[BuiltArticle, ...]
    graphs: dict[str, str] = field(default_factory=dict)  # graph name -> content hash (in the store)

    def find(self, name: str) -> BuiltArticle | None:
        """An article by IRI, id (or its first digits) or source."""
        for a in self.articles:
            if name in (a.iri, a.id, a.source) or (len(name) >= 6 and a.id.startswith(name)):
                return a
        by_file = [a for a in self.articles if Path(a.source.split("#L", 1)[0]).name == name]
        return by_file[0] if len(by_file) == 1 else None


def read_manifest(out: Path) -> Manifest | None:
    path = Path(out) / FILENAME
    if not path.is_file():
        return None
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        # manifests before the options record kept them at the top level
        options = BuildOptions.from_json(raw["options"] if "options" in raw else raw)
        return Manifest(
            options,
            tuple(BuiltArticle(**a) for a in raw["articles"]),
            dict(raw.get("graphs", {})),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None  # an unreadable record: the next build starts from scratch


def manifest_bytes(manifest: Manifest) -> bytes:
    return (json.dumps(asdict(manifest), indent=1, sort_keys=True) + "\n").encode()


def write_manifest(out: Path, manifest: Manifest) -> None:
    atomic_write(Path(out) / FILENAME, manifest_bytes(manifest))


def require_manifest(out: Path) -> Manifest:
    manifest = read_manifest(out)
    if manifest is None:
        raise QueryError(Errors.K415, out=out, path=Path(out) / FILENAME)
    return manifest
