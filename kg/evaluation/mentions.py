"""Scoring events as the text tells them (gold files of guidelines v2, with ``roles``).

A system event matches a gold event when it is told in one of the gold's articles by the same trigger (one
word in common, compared in lower case; "held talks" and "talks" agree), in the same sentence or near it; among
several, the one sharing most participants wins, and each system event matches once. Then, over the matched
pairs, arguments are compared as entities (any role, the place included) and with their roles.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kg.evaluation.entities import Score

_WORD = re.compile(r"[\w'-]+")
_NEAR = 2  # sentences


@dataclass(frozen=True, slots=True)
class MentionEval:
    events: Score  # detection: gold events found / system events right
    arguments: Score  # entities taking part (any role), over matched events
    roles: Score  # (role, entity), over matched events
    types: Score  # matched events of the right class (tp) and of another (fp)
    missed: tuple[str, ...]
    spurious: tuple[str, ...]


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def _stem(word: str) -> str:
    return word[:5] if len(word) > 5 else word


def _same_trigger(gold: str, system: str) -> bool:
    g, s = _words(gold), _words(system)
    return bool(g & s) or bool({_stem(w) for w in g} & {_stem(w) for w in s})


def score_mentions(
    gold: dict[str, Any],
    events: tuple[Any, ...],
    article_id_of: dict[str, str],
    same: Callable[[str, str], bool],
) -> MentionEval:
    """``events`` are the system's (kg.evaluation.facts.SystemEvent); ``same(iri, gold name)`` compares names."""
    used: set[int] = set()
    ev_tp = args_tp = args_fp = args_fn = roles_tp = roles_fp = roles_fn = types_ok = types_bad = 0
    missed = []
    gold_events = gold.get("events", [])
    for ge in gold_events:
        docs = {article_id_of.get(a) for a in ge.get("articles", [])}
        names = [*ge.get("participants", []), *([ge["place"]] if ge.get("place") else [])]
        best: tuple[int, int, int] | None = None  # (overlap, -distance, index)
        for i, se in enumerate(events):
            if i in used:
                continue
            distance = None
            for doc, sentence, trigger in se.told:
                if doc in docs and _same_trigger(ge.get("trigger", ""), trigger):
                    want = ge.get("sentence")
                    d = abs(sentence - want) if want is not None and sentence >= 0 else 0
                    if d <= _NEAR and (distance is None or d < distance):
                        distance = d
            if distance is None:
                continue
            overlap = sum(1 for n in names if any(same(iri, n) for _, iri in se.args))
            key = (overlap, -distance, -i)
            if best is None or key > best:
                best = key
        if best is None:
            missed.append(f"{ge['type']} {ge.get('trigger')!r} {ge.get('participants')}")
            continue
        i = -best[2]
        used.add(i)
        ev_tp += 1
        se = events[i]
        types_ok, types_bad = (types_ok + 1, types_bad) if se.type == ge["type"] else (types_ok, types_bad + 1)
        gold_roles = {(r, n) for n, r in ge.get("roles", {}).items()}
        if ge.get("place"):
            gold_roles.add(("place", ge["place"]))
        found = [n for n in names if any(same(iri, n) for _, iri in se.args)]
        args_tp += len(found)
        args_fn += len(names) - len(found)
        args_fp += sum(1 for _, iri in se.args if not any(same(iri, n) for n in names))
        hit = [(r, n) for r, n in gold_roles if any(role == r and same(iri, n) for role, iri in se.args)]
        roles_tp += len(hit)
        roles_fn += len(gold_roles) - len(hit)
        roles_fp += sum(1 for role, iri in se.args if not any(role == r and same(iri, n) for r, n in gold_roles))
    spurious = [f"{se.type} {se.label}" for i, se in enumerate(events) if i not in used]
    return MentionEval(
        Score(ev_tp, len(spurious), len(gold_events) - ev_tp),
        Score(args_tp, args_fp, args_fn),
        Score(roles_tp, roles_fp, roles_fn),
        Score(types_ok, types_bad, 0),
        tuple(missed),
        tuple(sorted(spurious)),
    )
