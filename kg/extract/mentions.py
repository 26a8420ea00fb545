"""Mentions from a parsed Doc: named-entity spans, trimmed to the name, and dates normalised."""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc, Span

from kg.extract.dates import normalize_date
from kg.model import DATES, NER, PUBLISHER, Article, Interval, Mention, Provenance, Sentence, TimeValue

#: NER labels kept as mentions of things; NORP stays (resolution uses it as evidence, then drops demonyms).
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT"})
DATE_LABELS = frozenset({"DATE"})

_LEADING = frozenset({"the", "a", "an", "this", "that", "these", "those"})
_TRAILING = frozenset({"'s", "’s", "'", "’"})


def trim(span: Span) -> Span | None:
    """The span without a leading article or determiner, a trailing possessive, or edge punctuation."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in _LEADING or doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].text in _TRAILING or doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if start >= end:
        return None
    return doc[start:end]


def sentences(doc: Doc, doc_id: str, offset: int, first_index: int) -> list[Sentence]:
    out = []
    for sent in doc.sents:
        text = sent.text.strip()
        if not text:
            continue
        lead = len(sent.text) - len(sent.text.lstrip())
        start = offset + sent.start_char + lead
        out.append(Sentence(doc_id, first_index + len(out), start, start + len(text), text))
    return out


def sentence_of(sents: list[Sentence], char: int) -> int:
    """Index of the sentence holding character ``char`` (binary search over sorted sentences)."""
    lo, hi = 0, len(sents) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if sents[mid].start <= char:
            lo = mid
        else:
            hi = mid - 1
    return sents[lo].index if sents else 0


def entity_mentions(
    doc: Doc, doc_id: str, offset: int, sents: list[Sentence], published: date | None
) -> list[Mention]:
    """One Mention per kept NER span; date spans carry their calendar value and are dropped when they have none."""
    out: list[Mention] = []
    for ent in doc.ents:
        if ent.label_ in NAME_LABELS:
            span = trim(ent)
            if span is None or not any(t.is_alpha for t in span):
                continue
            start = offset + span.start_char
            prov = Provenance(doc_id, start, start + len(span.text), sentence_of(sents, start), NER)
            out.append(Mention(span.text, ent.label_, prov))
        elif ent.label_ in DATE_LABELS:
            text = ent.text.strip().rstrip(",.;:")
            value = normalize_date(text, published)
            if value is None:
                continue
            start = offset + ent.start_char
            prov = Provenance(doc_id, start, start + len(text), sentence_of(sents, start), DATES)
            if isinstance(value, Interval):
                out.append(Mention(text, "DATE", prov, interval=value))
            elif isinstance(value, TimeValue):
                out.append(Mention(text, "DATE", prov, time=value))
    return out


def publisher_mention(article: Article, sents: list[Sentence]) -> Mention | None:
    """The news source the article names as its publisher, as a mention of an organisation."""
    if article.publisher is None or article.publisher_span is None:
        return None
    start, end = article.publisher_span
    prov = Provenance(article.id, start, end, sentence_of(sents, start), PUBLISHER)
    return Mention(article.text[start:end], "ORG", prov, hint="Organization")
