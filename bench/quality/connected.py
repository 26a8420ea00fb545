"""The share of entities that take part in a typed relation or an event: how much of a corpus the graph's edges
reach (co-mention excluded).

    python bench/quality/connected.py ../shared/data/bbc-news --every 15 [--limit 150]

Builds every N-th article of the corpus (all sections, in path order) in memory, as ``kg build`` would, and counts
the people, organisations and places that are the subject or object of a typed relation (a sub-property of
kg:relatedTo, a post's kg:postIn), or an argument or the place of an event. Reports the share with and without the
untyped kg:relatedTo of rule kg.syntax.v1.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--every", type=int, default=15)
    ap.add_argument("--limit", type=int, default=150)
    args = ap.parse_args()

    import kg
    from kg.resolve.kinds import TOP
    from kg.vocab import vocabulary

    files = sorted(p for p in args.corpus.rglob("*.txt") if p.name[0].isdigit())[:: args.every][: args.limit]
    result = kg.build([str(f) for f in files], out=None, view=False)
    res = result.resolution
    typed = set(vocabulary().relations) - {"relatedTo"}
    entities = {e.key for e in res.entities if TOP[e.kind] in ("Person", "Organization", "Place")}
    in_typed: set[str] = set()
    in_any: set[str] = set()
    for r in res.relations:
        in_any.update((r.subject, r.object))
        if r.predicate in typed:
            in_typed.update((r.subject, r.object))
    for ev in res.events:
        keys = {k for _, k in ev.arguments} | ({ev.place} if ev.place else set())
        in_typed.update(keys)
        in_any.update(keys)
    share = len(entities & in_typed) / len(entities) if entities else 0.0
    share_any = len(entities & in_any) / len(entities) if entities else 0.0
    print(
        f"{len(files)} articles, {len(entities)} people, organisations and places: "
        f"{share:.1%} in a typed relation or event, {share_any:.1%} counting kg:relatedTo; "
        f"{len(res.relations)} relations, {len(res.events)} events, {len(res.comentions)} co-mentioned pairs"
    )


if __name__ == "__main__":
    main()
