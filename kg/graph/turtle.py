"""Turtle and TriG from sorted N-Triples-string triples, in one pass.

The output is what a pretty writer gives (prefixed names, ``a``, one block per subject with ``;`` and ``,``),
at the speed of string joins: rdflib's writer takes minutes on a million triples, and pyoxigraph's needs a
term object per triple first. Only the forms that are sure to be valid are used: a prefixed name only when the
local part is a plain name (letters, digits, ``_``, ``-``, ``.`` inside, ``%XX``), else the full ``<IRI>``;
literals keep their N-Triples form, which is valid Turtle. Tests read the output back with pyoxigraph's
strict parser and rdflib.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Final

from kg.graph.nt import Term, Triple

_RDF_TYPE: Final = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_PLX: Final = r"%[0-9A-Fa-f]{2}"
_LOCAL: Final = re.compile(rf"(?:[A-Za-z0-9_]|{_PLX})(?:(?:[A-Za-z0-9_.-]|{_PLX})*(?:[A-Za-z0-9_-]|{_PLX}))?")
_DECIMAL: Final = re.compile(r'"[+-]?[0-9]*\.[0-9]+"\^\^<http://www\.w3\.org/2001/XMLSchema#decimal>')
_PREFIX: Final = re.compile(r"[A-Za-z](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?")


class _Names:
    """Each IRI term as a prefixed name where one is sure to be valid, remembered (IRIs repeat)."""

    def __init__(self, prefixes: Mapping[str, str]) -> None:
        self._by_ns = {ns: p for p, ns in prefixes.items() if _PREFIX.fullmatch(p)}
        self._memo: dict[Term, str] = {}

    def iri(self, term: Term) -> str:
        hit = self._memo.get(term)
        if hit is None:
            hit = self._memo[term] = self._compact(term)
        return hit

    def predicate(self, term: Term) -> str:
        return "a" if term == _RDF_TYPE else self.iri(term)

    def _compact(self, term: Term) -> str:
        value = term[1:-1]
        cut = max(value.rfind("/"), value.rfind("#")) + 1
        prefix = self._by_ns.get(value[:cut]) if cut else None
        if prefix is not None and _LOCAL.fullmatch(value, cut):
            return f"{prefix}:{value[cut:]}"
        return term

    def object(self, term: Term) -> str:
        if term[0] == "<":
            return self.iri(term)
        if term[-1] == ">":  # a typed literal: "...", then ^^<datatype>
            if _DECIMAL.fullmatch(term):
                return term[1 : term.index('"', 1)]
            cut = term.rindex("^^<")
            datatype = self.iri(term[cut + 2 :])
            return f"{term[: cut + 2]}{datatype}"
        return term


def _header(prefixes: Mapping[str, str]) -> list[str]:
    return [f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(prefixes.items()) if _PREFIX.fullmatch(p)]


def _blocks(triples: Iterable[Triple], names: _Names, indent: str) -> list[str]:
    """The triples (sorted by subject, predicate, object) as subject blocks."""
    out: list[str] = []
    subject = predicate = None
    iri, pred, obj = names.iri, names.predicate, names.object
    for s, p, o in triples:
        if s != subject:
            if subject is not None:
                out.append(" .\n")
            out.append(f"{indent}{iri(s)} {pred(p)} {obj(o)}")
            subject, predicate = s, p
        elif p != predicate:
            out.append(f" ;\n{indent}\t{pred(p)} {obj(o)}")
            predicate = p
        else:
            out.append(f" , {obj(o)}")
    if subject is not None:
        out.append(" .\n")
    return out


def turtle(triples: Iterable[Triple], prefixes: Mapping[str, str]) -> bytes:
    """``triples`` (sorted, distinct) as a Turtle document."""
    names = _Names(prefixes)
    return "".join(_header(prefixes) + _blocks(triples, names, "")).encode("utf-8")


def trig(graphs: Mapping[Term, Iterable[Triple]], prefixes: Mapping[str, str]) -> bytes:
    """Each graph's triples (sorted, distinct); the default graph (named ``""``) outside any block."""
    names = _Names(prefixes)
    out = _header(prefixes)
    for g, triples in graphs.items():
        if g == "":
            out.extend(_blocks(triples, names, ""))
        else:
            out.append(f"{names.iri(g)} {{\n")
            out.extend(_blocks(triples, names, "\t"))
            out.append("}\n")
    return "".join(out).encode("utf-8")


__all__ = ["trig", "turtle"]
