"""What news writes as lists rather than sentences (rule kg.scores.v1): results lines and parenthetical
affiliations.

- "Chelsea 2 Arsenal 1", "Leicestershire 22 points, Somerset 4": a result between the two named sides (the side
  with more wins: a Victory with the other as opponent; equal scores: a Match);
- "Cleveland at Texas": a Match between the two;
- "Tim Henman (Britain)", "Acme (Oslo)": a name followed by another in parentheses (affiliatedWith, locatedIn).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.extract.args import MentionIndex
from kg.extract.spans import capitalised, is_initialled
from kg.model import SCORES, Argument, EventMention, Mention, Provenance, RelationMention

_SIDES = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
_PLACES = frozenset({"GPE", "LOC"})
#: Words a results line may write after a score: "Leicestershire 22 points, Somerset 4".
UNITS = frozenset({"points", "pts", "pt", "runs", "goals"})


def _score(tok: Token) -> int | None:
    if tok.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT"):
        return None
    text = tok.text.replace(",", "")
    return int(text) if text.isdigit() and len(text) <= 4 else None


def _side(index: MentionIndex, tok: Token) -> Mention | None:
    m = index.at(tok)
    return m if m is not None and (m.label in _SIDES or m.hint in ("Person", "Organization", "Place")) else None


def _names_and_scores(sent: Span, index: MentionIndex, line: bool) -> list[tuple[str, Mention | int, Token]]:
    """The sentence as a run of names and numbers (other words dropped), each with its first token. A line that
    starts "Name 2 Name 1" names its sides even where the model found no name: each run of capitalised words
    between the scores is a team (an organisation, rule kg.scores.v1)."""
    out: list[tuple[str, Mention | int, Token]] = []
    last: Mention | None = None
    toks = list(sent)
    k = 0
    while k < len(toks):
        tok = toks[k]
        m = _side(index, tok)
        if m is None and index.at(tok) is None and _capital(tok) and line:
            end = k
            while end < len(toks) and _capital(toks[end]) and index.at(toks[end]) is None:
                end += 1
            m = _team(sent.doc[tok.i : toks[end - 1].i + 1], index)
            k = end - 1
        if m is not None:
            if m is not last:
                out.append(("name", m, tok))
                last = m
            k += 1
            continue
        last = None
        score = _score(tok)
        if score is not None:
            out.append(("score", score, tok))
        k += 1
    return out


def _capital(tok: Token) -> bool:
    return tok.is_alpha and (tok.is_title or tok.is_upper) and tok.pos_ in ("PROPN", "NOUN", "ADJ", "VERB")


def _results_line(toks: list[Token]) -> bool:
    """A line of a results table: a capitalised name, a score, a capitalised name, a score, first of all."""
    kinds: list[str] = []
    for tok in toks:
        kind = "n" if _score(tok) is not None else ("w" if _capital(tok) else ("p" if tok.is_punct else "x"))
        if kind == "p" or tok.lower_ in UNITS:
            continue
        if not kinds or kinds[-1] != kind:
            kinds.append(kind)
        if len(kinds) == 4:
            break
    return kinds == ["w", "n", "w", "n"]


def _team(span: Span, index: MentionIndex) -> Mention:
    return _created(span, "ORG", "Organization", index)


def find_results(sent: Span, index: MentionIndex) -> list[EventMention]:
    """The results a line of a results table gives."""
    out: list[EventMention] = []
    text = sent.text
    if len(text) > 80 and not any(c.isdigit() for c in text):
        return out  # a long line with no number: no results line, nor "Cleveland at Texas"
    words = [t for t in sent if not t.is_punct]
    line = _results_line(list(sent))
    if len(words) > 4 and not line:
        return out  # most sentences: no results line, nothing to do
    run = _names_and_scores(sent, index, line)
    if len(words) <= 4 and len(run) == 2 and all(kind == "name" for kind, _, _ in run):  # "Cleveland at Texas"
        at = next((t for t in words if t.lower_ in ("at", "v", "vs", "versus")), None)
        if at is not None:
            a, b = run[0][1], run[1][1]
            assert isinstance(a, Mention) and isinstance(b, Mention)
            args = (Argument("participant", a, "between"), Argument("participant", b, "between"))
            out.append(_event("Match", at, args, index))
        return out
    if not line:
        return out
    for i in range(len(run) - 3):
        (k1, a, _), (k2, sa, first), (k3, b, _), (k4, sb, _) = run[i : i + 4]
        if (k1, k2, k3, k4) != ("name", "score", "name", "score"):
            continue
        assert isinstance(a, Mention) and isinstance(b, Mention) and isinstance(sa, int) and isinstance(sb, int)
        if sa == sb:
            out.append(_event("Match", first, (Argument("participant", a), Argument("participant", b)), index))
        else:
            win, lose = (a, b) if sa > sb else (b, a)
            out.append(_event("Victory", first, (Argument("agent", win), Argument("opponent", lose)), index))
    return out


def _event(kind: str, at: Token, args: tuple[Argument, ...], index: MentionIndex) -> EventMention:
    start = index.offset + at.idx
    trigger = Mention(
        at.text, "EVENT_TRIGGER", Provenance(index.doc_id, start, start + len(at.text), index._sentence(start), SCORES)
    )
    phrase = " ".join(at.sent.text.split())[:300]
    return EventMention(kind, trigger, args, None, None, 0.6, phrase=phrase, lemma="result", verb=at.text, noun=True)


def find_parentheticals(sent: Span, index: MentionIndex) -> list[RelationMention]:
    """ "Tim Henman ( Britain )": a name, then another in parentheses. In a list of such items ("D Ferris (Upton
    Harriers), J Oduya (Larkfield AC)", a team sheet or a results table), a name the model missed is taken
    from the layout: the initial and surname before the brackets a person, the words inside their club."""
    out: list[RelationMention] = []
    if "(" not in sent.text:
        return out
    toks = list(sent)
    listed = _bracket_list(toks)
    for k, tok in enumerate(toks[:-2]):
        if tok.text != "(" or k == 0:
            continue
        close = next((t for t in toks[k + 1 : k + _CLUB_WORDS + 2] if t.text == ")"), None)
        before, inside = _side(index, toks[k - 1]), _side(index, toks[k + 1])
        if listed and close is not None:
            before = _listed_person(toks, k, index) or before  # "D Ferris", where the model found "Ferris"
            inside = _listed_body(sent.doc[toks[k + 1].i : close.i], index) or inside
        if before is None or inside is None or before is inside:
            continue
        if close is None or index.at(toks[close.i - sent.start - 1]) is not inside and inside.prov.extractor != SCORES:
            continue
        person = before.label == "PERSON" or before.hint == "Person"
        if person:
            predicate = "affiliatedWith"
        elif inside.label in _PLACES:
            predicate = "locatedIn"
        else:
            continue
        start = index.offset + tok.idx
        prov = Provenance(index.doc_id, start, start + 1, index._sentence(start), SCORES)
        out.append(RelationMention(before, predicate, inside, prov, 0.7))
    return out


def _bracket_list(toks: list[Token]) -> bool:
    """Whether the line is a list of "Name (Club)" items: at least two bracketed runs of capitalised words, with
    no verb outside them; or one such item alone ("D Ferris (Upton AC).", "High jump: D Ferris (Upton AC)")."""
    runs, depth = 0, 0
    for k, tok in enumerate(toks):
        if tok.text == "(":
            depth += 1
            inner = toks[k + 1 : k + _CLUB_WORDS + 2]
            close = next((i for i, t in enumerate(inner) if t.text == ")"), None)
            if close is not None and close > 0 and all(_in_club(t) for t in inner[:close]):
                runs += 1
        elif tok.text == ")":
            depth = max(depth - 1, 0)
        elif depth == 0 and tok.pos_ in ("VERB", "AUX"):
            return False
    return runs >= 2 or (runs == 1 and _lone_item(toks))


#: Most words (and commas) a club's name in brackets has: "(Ashby, Kirkton, Dale and Moor AC)".
_CLUB_WORDS = 11


def _lone_item(toks: list[Token]) -> bool:
    """A line that is one "D Ferris (Upton AC)" item and nothing else, after an optional "High jump:" label."""
    opened = next(i for i, t in enumerate(toks) if t.text == "(")
    closed = next((i for i, t in enumerate(toks) if t.text == ")"), None)
    if closed is None or closed < opened or not all(t.is_punct or t.is_space for t in toks[closed + 1 :]):
        return False
    label = max((i for i, t in enumerate(toks[:opened]) if t.text == ":"), default=-1)
    if label + 1 >= opened:
        return False
    return is_initialled(toks[0].doc[toks[label + 1].i : toks[opened].i])


#: Words inside a club's name in a list: "(Upton and Dale)", "(Ashby, Kirkton and Dale AC)", "(Upton with Dale
#: Ladies)".
_JOINS = frozenset({"and", "&", ",", "of", "-", "with"})


def _listed_person(toks: list[Token], k: int, index: MentionIndex) -> Mention | None:
    """The initial and surname right before the bracket at ``k`` ("D Ferris"), as a person."""
    j = k
    while j > 0 and (toks[j - 1].is_title or capitalised(toks[j - 1]) or toks[j - 1].text in ("-", ".")) and k - j < 5:
        j -= 1
    span = toks[0].doc[toks[j].i : toks[k - 1].i + 1]
    while span and not is_initialled(span):  # "Hurdler D Ferris": the name is the end of the run
        span = span[1:]
    if not span:
        return None
    inner = {m for t in span if (m := index.at(t)) is not None}
    if any(m.prov.start < index.offset + span.start_char for m in inner):
        return None  # the run ends a longer name of the model's
    index.replaced.update(inner)
    return _created(span, "PERSON", "Person", index)


def _listed_body(span: Span, index: MentionIndex) -> Mention | None:
    """The words in a list item's brackets, as the club (or country) the person is with: the model's name when it
    covers them all ("(Kenya)"), else one club of them all ("(Upton and Dale Beagles)", "(Ashby, Kirkton and
    Dale AC)"), which replaces the model's pieces of it."""
    if not span or not (span[0].is_title or span[0].is_upper) or not all(_in_club(t) for t in span):
        return None
    inner = {m for t in span if (m := index.at(t)) is not None}
    start, end = index.offset + span.start_char, index.offset + span.end_char
    whole = next((m for m in inner if m.prov.start == start and m.prov.end == end), None)
    if whole is not None and whole.label != "PERSON" and whole.hint != "Person":
        return whole if whole.label in _SIDES else None
    index.replaced.update(inner)
    return _created(span, "ORG", "Organization" if inner else None, index)


def _in_club(tok: Token) -> bool:
    return tok.is_title or tok.is_upper or tok.lower_ in _JOINS


def _created(span: Span, label: str, hint: str | None, index: MentionIndex) -> Mention:
    start = index.offset + span.start_char
    prov = Provenance(index.doc_id, start, start + len(span.text), index._sentence(start), SCORES)
    m = Mention(span.text, label, prov, hint=hint)
    index.created.append(m)
    return m
