"""Extraction: articles -> sentences and mentions (spaCy). Only this package imports spaCy."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.affiliations import find_affiliations
from kg.extract.args import MentionIndex
from kg.extract.casing import recase
from kg.extract.coref import find_coreferents
from kg.extract.events import find_events
from kg.extract.mentions import entity_mentions, publisher_mention, role_mentions, sentences
from kg.extract.nlp import PIECE, load_pipeline, model_id, pieces, run
from kg.extract.paths import find_paths
from kg.extract.patterns import Patterns, load_patterns
from kg.extract.predicates import lexicon
from kg.extract.quotes import find_quotes
from kg.extract.relations import dateline, find_relations
from kg.extract.scores import find_parentheticals, find_results
from kg.model import (
    RELATIONS,
    Article,
    EventMention,
    Extraction,
    Mention,
    Provenance,
    QuoteMention,
    RelationMention,
    Role,
    Sentence,
    Skipped,
)

__all__ = ["Patterns", "extract", "load_patterns", "load_pipeline", "model_id", "model_texts"]


class _Pending:
    """The pieces of one article seen so far."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.sentences: list[Sentence] = []
        self.mentions: list[Mention] = []
        self.roles: list[Role] = []
        self.links: list[RelationMention] = []
        self.events: list[EventMention] = []
        self.quotes: list[QuoteMention] = []
        self.dateline: Mention | None = None
        self.error: str | None = None

    def result(self) -> Extraction | Skipped:
        if self.error is not None:
            return Skipped(self.article.source, f"extraction failed: {self.error}", "K202")
        publisher = publisher_mention(self.article, self.sentences)
        mentions = [*self.mentions, publisher] if publisher else self.mentions
        return Extraction(
            self.article,
            tuple(self.sentences),
            _one_per_span(mentions),
            tuple(self.roles),
            tuple(self.links),
            tuple(self.events),
            tuple(self.quotes),
            self.dateline,
        )


def extract(
    articles: Iterable[Article], nlp: Language, *, batch_size: int = 32, parsed: Iterable[Doc] | None = None
) -> Iterator[Extraction | Skipped]:
    """Run the pipeline over ``articles`` (long ones in pieces) and yield one result per article, in order.
    ``parsed``: the Docs the model already made of :func:`model_texts` of these articles.

    An article whose processing fails is yielded as Skipped, and the rest go on.
    """
    pending: dict[int, _Pending] = {}

    def items() -> Iterator[tuple[str, tuple[int, int]]]:
        for idx, art in enumerate(articles):
            pending[idx] = _Pending(art)
            for off, piece in pieces(art.text, _limit(nlp)):
                yield piece, (idx, off)

    current: int | None = None
    for doc, (idx, off) in run(nlp, items(), batch_size=batch_size, parsed=parsed):
        if idx != current:
            if current is not None:
                yield pending.pop(current).result()
            current = idx
        state = pending[idx]
        if state.error is not None:
            continue
        try:
            sents = sentences(doc, state.article.id, off, len(state.sentences))
            state.sentences.extend(sents)
            facts(doc, state, off, sents)
        except Exception as exc:  # noqa: BLE001  one bad article must not stop the batch
            state.error = f"{type(exc).__name__}: {exc}"
    if current is not None:
        yield pending.pop(current).result()


def model_texts(articles: Iterable[Article], nlp: Language) -> list[str]:
    """The texts the model reads of ``articles``, in order: their pieces, recased (what :func:`extract` parses)."""
    return [recase(piece) for art in articles for _, piece in pieces(art.text, _limit(nlp))]


def _limit(nlp: Language) -> int:
    return min(nlp.max_length, PIECE)


def facts(doc: Doc, state: _Pending, off: int, sents: list[Sentence]) -> None:
    """Mentions, titles, relations, events and quotes of one Doc (a piece of ``state.article``)."""
    art = state.article
    names = entity_mentions(doc, art.id, off, sents, art.published)
    found, roles = role_mentions(doc, art.id, off, sents)
    if off == 0 and sents:
        place = dateline(art.text, art.id, sents[0].index)
        if place is not None:
            found.extend(place)
            state.dateline = place[0]
            start = place[0].prov.start
            prov = Provenance(art.id, start, place[1].prov.end, sents[0].index, RELATIONS)
            state.links.append(RelationMention(place[0], "locatedIn", place[1], prov, 0.9))
    mentions = [*names, *found]
    mentions.extend(find_coreferents(doc, mentions, roles, art.id, off, sents))  # kg.coref.v1
    index = MentionIndex(doc, mentions, art.id, off, sents, roles)
    tokens = list(doc)
    state.links.extend(find_relations(tokens, index))
    more_roles, links = find_affiliations(tokens, index, lexicon(), {_span(r.person) for r in roles})
    roles = [*roles, *more_roles]
    state.links.extend(links)
    for sent in doc.sents:
        state.links.extend(find_parentheticals(sent, index))
        state.events.extend(find_results(sent, index))
    joined = {frozenset({_span(x.subject), _span(x.object)}) for x in state.links}  # pairs a rule already linked
    state.links.extend(find_paths(index, joined))
    for event in find_events(tokens, index):
        if (
            event.definite
            and event.type not in ("Event", "Statement")
            and any(e.type == event.type and not event.arguments for e in state.events)
        ):
            continue  # a bare "the meeting" after a meeting was told: the same one
        state.events.append(event)
    state.quotes.extend(find_quotes(tokens, index, art.text))
    state.mentions.extend(m for m in mentions if m not in index.replaced)
    state.mentions.extend(index.created)
    state.roles.extend(roles)


def _span(m: Mention) -> tuple[int, int]:
    return m.prov.start, m.prov.end


def _one_per_span(mentions: list[Mention]) -> tuple[Mention, ...]:
    """Mentions in text order, one per span: a rule's mention (it has a hint) wins over the model's."""
    best: dict[tuple[int, int], Mention] = {}
    for m in mentions:
        span = (m.prov.start, m.prov.end)
        if span not in best or (m.hint is not None and best[span].hint is None):
            best[span] = m
    return tuple(best[span] for span in sorted(best))
