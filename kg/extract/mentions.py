"""Mentions from a parsed Doc: named-entity spans, trimmed to the name, and dates normalised."""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc, Span

from kg.extract.dates import counts_from_story, is_duration, normalize_date
from kg.extract.datespans import date_spans
from kg.extract.patterns import LABEL_KIND
from kg.extract.roles import find_kin, find_role_phrases, find_roles, title_body
from kg.extract.spans import is_based, is_initialled, name_list, possessive_list, shape, trim
from kg.extract.tense import clause_tense, is_generic
from kg.ingest.published import find_dateline
from kg.lexicon import HONORIFICS, defined_after, is_common
from kg.model import (
    DATES,
    NER,
    PATTERNS,
    PUBLISHER,
    RELATIONS,
    ROLE_PHRASE,
    ROLES,
    Article,
    Interval,
    Mention,
    Provenance,
    Role,
    Sentence,
    TimeValue,
)

#: NER labels kept as mentions of things; NORP stays (resolution uses it as evidence, then drops demonyms).
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT"})


def sentences(doc: Doc, doc_id: str, offset: int, first_index: int) -> list[Sentence]:
    out: list[Sentence] = []
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


def _mention(span: Span, label: str, doc_id: str, offset: int, sents: list[Sentence], rule: str, **kw: str) -> Mention:
    start = offset + span.start_char
    prov = Provenance(doc_id, start, start + len(span.text), sentence_of(sents, start), rule)
    return Mention(span.text, label, prov, **kw)  # type: ignore[arg-type]


def role_mentions(doc: Doc, doc_id: str, offset: int, sents: list[Sentence]) -> tuple[list[Mention], list[Role]]:
    """Names after titles (as Person mentions), the titles themselves, and role phrases ("the minister")."""
    mentions: list[Mention] = []
    roles: list[Role] = []
    taken: set[int] = set()
    for match in find_roles(doc):
        person = _mention(match.name, "PERSON", doc_id, offset, sents, ROLES, hint="Person")
        mentions.append(person)
        taken.update(range(match.name.start, match.name.end))
        if match.title is not None and match.head not in HONORIFICS:
            taken.update(range(match.title.start, match.title.end))
            title = _mention(match.title, "ROLE", doc_id, offset, sents, ROLES)
            roles.append(Role(person, title.text, match.head, title.prov))
            body = title_body(match.title)
            if body is not None:
                mentions.append(_mention(body, "ORG", doc_id, offset, sents, ROLES, hint="Organization"))
    for span in find_kin(doc):
        mentions.append(_mention(span, "PERSON", doc_id, offset, sents, ROLES, hint="Person"))
    for span, head in find_role_phrases(doc, taken):
        mentions.append(_mention(span, "ROLE", doc_id, offset, sents, ROLE_PHRASE, role=head))
    return mentions, roles


def entity_mentions(doc: Doc, doc_id: str, offset: int, sents: list[Sentence], published: date | None) -> list[Mention]:
    """One Mention per kept NER span; date spans carry their calendar value and are dropped when they have none."""
    out: list[Mention] = []
    hosts: set[tuple[int, int]] = set()
    doc_text = doc.text  # made once: doc.text joins every token anew
    for ent in doc.ents:
        if ent.label_ in NAME_LABELS:
            if ent.ent_id_:
                span = trim(ent)
                if span is not None:
                    hint = LABEL_KIND.get(ent.label_, "Organization")
                    out.append(_mention(span, ent.label_, doc_id, offset, sents, PATTERNS, key=ent.ent_id_, hint=hint))
                continue
            parts = possessive_list(ent) or name_list(ent)
            if parts:  # "Norway's Ekofisk, Russia's Urals", "Moss, Lane": the model's one span is a list of names
                for part in parts:
                    if (shaped := shape(part, doc_text)) is not None:
                        out.append(_shaped_mention(shaped, doc_id, offset, sents))
                continue
            shaped = shape(ent, doc_text)
            if shaped is not None:
                out.append(_shaped_mention(shaped, doc_id, offset, sents))
                if "(" in shaped[0].text:  # "United Nations (UN) Human Rights Council" also names the UN
                    hosts.add((out[-1].prov.start, out[-1].prov.end))
                    parent = trim(ent)
                    if parent is not None and parent.end < shaped[0].end:
                        out.append(_mention(parent, ent.label_, doc_id, offset, sents, NER))
    out.extend(_acronyms_defined(out, doc_text, doc_id, offset, sents))
    out.extend(date_mentions(doc, doc_id, offset, sents, published))
    if offset == 0 and (place := dateline_place(doc_text, doc_id, sents)) is not None:
        out.insert(0, place)  # before the model's mention of the same span, which drop_nested then drops
    return drop_nested(out, hosts)


def _acronyms_defined(
    names: list[Mention], doc_text: str, doc_id: str, offset: int, sents: list[Sentence]
) -> list[Mention]:
    """ "the Democratic Party of Japan (DPJ)": the acronym a name defines in brackets right after it, where the
    model found no name there, is a mention with the name's label (resolution joins the two, kg.acronyms.v1)."""
    out: list[Mention] = []
    taken = [(m.prov.start, m.prov.end) for m in names]
    for m in names:
        if m.label not in ("ORG", "NORP", "GPE", "FAC", "EVENT"):
            continue
        end = m.prov.end - offset
        acronym = defined_after(doc_text, end)
        if acronym is None or sum(c.isupper() for c in acronym) < 2:
            continue
        start = offset + doc_text.index(acronym, end)
        if any(s < start + len(acronym) and start < e for s, e in taken):
            continue
        prov = Provenance(doc_id, start, start + len(acronym), sentence_of(sents, start), NER)
        out.append(Mention(acronym, m.label, prov))
        taken.append((start, start + len(acronym)))
    return out


def date_mentions(doc: Doc, doc_id: str, offset: int, sents: list[Sentence], published: date | None) -> list[Mention]:
    """One Mention per date expression with a calendar value; a time counted from the story's ("the following
    year") counts from the last value named in its sentence or the one before."""
    out: list[Mention] = []
    anchor: tuple[int, TimeValue | None] | None = None  # the story's last time: (sentence, value)
    for span in date_spans(doc):
        text = span.text.strip().rstrip(",.;:")
        if not text or is_generic(span):
            continue
        start = offset + span.start_char
        sentence = sentence_of(sents, start)
        last = anchor[1] if anchor is not None and sentence - anchor[0] <= 1 else None
        value = normalize_date(text, published, clause_tense(span) if published else None, last)
        if not is_duration(text) and not counts_from_story(text):
            # the sentence's own time, even one kg cannot state ("this year's third quarter")
            anchor = (sentence, value.end if isinstance(value, Interval) else value)
        if value is None:
            continue
        prov = Provenance(doc_id, start, start + len(text), sentence, DATES)
        if isinstance(value, Interval):
            out.append(Mention(text, "DATE", prov, interval=value))
        else:
            out.append(Mention(text, "DATE", prov, time=value))
    return out


def dateline_place(text: str, doc_id: str, sents: list[Sentence]) -> Mention | None:
    """The place of the article's dateline ("NAIROBI 1997-03-02", "GENEVA" on its own line, "PARIS -"), in any
    case, as a place mention; not a common English word ("BACKGROUND" over a section is no place)."""
    line = find_dateline(text)
    if line is None:
        return None
    name = line.place.split(",")[0].strip()
    if not name or all(is_common(w.lower()) for w in name.split()):
        return None
    prov = Provenance(doc_id, line.start, line.start + len(name), sentence_of(sents, line.start), RELATIONS)
    return Mention(name, "GPE", prov, hint="Place")


def _shaped_mention(shaped: tuple[Span, str], doc_id: str, offset: int, sents: list[Sentence]) -> Mention:
    """A model's name, a place when the text says so: "Texas" in "Texas-based" (a person to the model)."""
    span, label = shaped
    if is_based(span):
        return _mention(span, "GPE", doc_id, offset, sents, NER, hint="Place")
    if label != "PERSON" and is_initialled(span):  # "K Oduya (Upton AC)": the model's organisation
        return _mention(span, "PERSON", doc_id, offset, sents, NER, hint="Person")
    return _mention(span, label, doc_id, offset, sents, NER)


def drop_nested(mentions: list[Mention], hosts: set[tuple[int, int]] = frozenset()) -> list[Mention]:  # type: ignore[assignment]
    """Mentions inside a longer one ("Britain" in a grown "Muslim Council of Britain") are dropped, except inside
    ``hosts``: names that contain other names by design."""
    out: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (m.prov.start, -m.prov.end)):
        last = out[-1] if out else None
        if (
            last is not None
            and m.prov.end <= last.prov.end
            and m.prov.start >= last.prov.start
            and (last.prov.start, last.prov.end) not in hosts
        ):
            continue
        out.append(m)
    return out


def publisher_mention(article: Article, sents: list[Sentence]) -> Mention | None:
    """The news source the article names as its publisher, as a mention of an organisation."""
    if article.publisher is None or article.publisher_span is None:
        return None
    start, end = article.publisher_span
    prov = Provenance(article.id, start, end, sentence_of(sents, start), PUBLISHER)
    return Mention(article.text[start:end], "ORG", prov, hint="Organization")
