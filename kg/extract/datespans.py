"""The date expressions of a parsed Doc, as spans fit to normalise (rule kg.dates.v1's spans).

spaCy's DATE spans, mended where the model's boundaries and the date's words disagree:

* "this", "last" or "next" left outside a span of "year", "month" or "week" joins it ("this [year]'s election");
* "earlier", "later" or "ago" left outside a span that counts time joins it ("[a year] earlier");
* a weekday span followed at once by a date span is one date ("[Friday] [Oct. 13]");
* a span that a preposition runs through to an object outside it is two dates, cut at the preposition
  ("[Friday to December]'s figures": a range's "to" has its end inside the span).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span

__all__ = ["date_spans"]

_DETERMINERS = frozenset({"this", "last", "next"})
_CALENDAR_NOUNS = frozenset({"year", "month", "week"})
_COUNTED = frozenset({"day", "days", "week", "weeks", "month", "months", "year", "years"})
_AFTERWORDS = frozenset({"earlier", "later", "ago"})
_WEEKDAYS = frozenset(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))
_MONTHS = frozenset(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"))
_CUTTING = frozenset({"to", "through", "until", "till"})


def date_spans(doc: Doc) -> Iterator[Span]:
    """The Doc's DATE spans, mended (see the module's docstring), in text order."""
    ents = [e for e in doc.ents if e.label_ == "DATE"]
    i = 0
    while i < len(ents):
        start, end = ents[i].start, ents[i].end
        following = ents[i + 1] if i + 1 < len(ents) else None
        if following is not None and end - start == 1 and doc[start].lower_ in _WEEKDAYS:
            gap = doc[end : following.start]
            dated = following[0].lower_.rstrip(".")[:3] in _MONTHS or following[0].like_num
            if dated and (len(gap) == 0 or (len(gap) == 1 and gap[0].text == ",")):
                end = following.end  # "Friday" "Oct. 13": one day
                i += 1
        first = doc[start]
        if start > 0 and first.lower_ in _CALENDAR_NOUNS and end - start == 1:
            before = doc[start - 1]
            if before.lower_ in _DETERMINERS and before.head.i == first.i:
                start -= 1
        if end < len(doc) and doc[end - 1].lower_ in _COUNTED and doc[end].lower_ in _AFTERWORDS:
            end += 1
        yield from _cut(doc[start:end])
        i += 1


def _cut(span: Span) -> Iterator[Span]:
    """The span, or its two sides when a preposition inside it takes an object outside it."""
    for tok in span[1:-1]:
        if tok.lower_ in _CUTTING and tok.dep_ == "prep":
            objects = [c for c in tok.children if c.dep_ == "pobj"]
            if objects and all(not (span.start <= o.i < span.end) for o in objects):
                doc = span.doc
                yield doc[span.start : tok.i]
                yield doc[tok.i + 1 : span.end]
                return
    yield span
