"""Scoring a built graph against hand-made gold files (tests/gold/README.md gives the format): entities,
relations and events, with precision, recall and F1."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kg.errors import Errors, EvalError
from kg.evaluation.entities import EntityEval, Score, load_gold, score_entities, system_entities
from kg.evaluation.facts import FactEval, score_facts, system_view

__all__ = ["Evaluation", "Score", "evaluate", "format_report"]


@dataclass(frozen=True, slots=True)
class Evaluation:
    entities: EntityEval
    facts: FactEval


def evaluate(gold_path: Path, graph: Path | None = None, *, model: str | None = None) -> Evaluation:
    """Score ``graph`` (or a fresh in-memory build of the gold's articles) against the gold file."""
    from kg.ingest import read_articles
    from kg.model import Article

    gold = load_gold(gold_path)
    articles = [a for a in read_articles(list(gold.articles)) if isinstance(a, Article)]
    ids = {a.id for a in articles}
    if graph is not None:
        from kg.graph.io import read_quads

        quads = read_quads(graph)
    else:
        from kg.pipeline import build

        result = build(list(gold.articles), out=None, model=model, view=False)
        if result.report.skipped:
            first = result.report.skipped[0]
            raise EvalError(Errors.K500, path=gold_path, detail=f"{first.source} was skipped: {first.reason}")
        quads = result.quads
    by_file = {a["file"]: art.id for a, art in zip(gold.raw["articles"], articles, strict=False)}
    entities = score_entities(gold.entities, system_entities(quads, ids))
    facts = score_facts(gold.raw, system_view(quads, ids), by_file)
    return Evaluation(entities, facts)


def _line(what: str, s: Score) -> str:
    return f"{what:<9} P {s.precision:.3f}  R {s.recall:.3f}  F1 {s.f1:.3f}  (tp {s.tp}, fp {s.fp}, fn {s.fn})"


def format_report(name: str, result: Evaluation, *, verbose: bool = False) -> str:
    e = result.entities
    lines = [
        f"{name}",
        f"  {_line('entities', e.score)}; duplicates {len(e.duplicates)}; type errors {len(e.type_errors)}",
        f"  {_line('relations', result.facts.relations)}",
        f"  {_line('events', result.facts.events)}",
    ]
    told = result.facts.mentions
    if told is not None:
        lines.append(f"  {_line('arguments', told.arguments)}")
        lines.append(f"  {_line('roles', told.roles)}")
        lines.append(
            f"  event types right {told.types.precision:.3f}  ({told.types.tp} of {told.types.tp + told.types.fp})"
        )
    if verbose or e.duplicates or e.type_errors:
        lines.extend(f"  duplicate: {g} <- {', '.join(labels)}" for g, labels in e.duplicates)
        lines.extend(f"  type error: {g}: gold {gt}, system {st}" for g, gt, st in e.type_errors)
    if verbose:
        lines.extend(f"  missed entity: {m}" for m in e.missed)
        lines.extend(f"  spurious entity: {m}" for m in e.spurious)
        lines.extend(f"  missed relation: {m}" for m in result.facts.missed_relations)
        lines.extend(f"  spurious relation: {m}" for m in result.facts.spurious_relations)
        lines.extend(f"  missed event: {m}" for m in result.facts.missed_events)
        lines.extend(f"  spurious event: {m}" for m in result.facts.spurious_events)
    return "\n".join(lines)
