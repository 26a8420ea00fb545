"""Quoted and reported speech, attributed to its speaker (rule kg.quotes.v1).

"... ," the minister said.  /  Abdullayeva stressed that ...  /  He told the BBC: "..."
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract.args import MentionIndex
from kg.model import QUOTES, Provenance, QuoteMention

SPEECH_VERBS = frozenset(
    """say says said saying add adds added note notes noted stress stresses stressed emphasize emphasizes emphasized
    emphasise emphasises emphasised underline underlines underlined tell tells told state states stated declare
    declares declared warn warns warned urge urges urged claim claims claimed insist insists insisted argue argues
    argued explain explains explained conclude concludes concluded comment comments commented remark remarked
    reply replied write writes wrote""".split()
)
_OPEN = '“"'
_CLOSE = '”"'
_LOOK_BACK = 4000


def find_quotes(tokens: list[Token], index: MentionIndex, text: str) -> list[QuoteMention]:
    """Quotes over the tokens of one Doc; ``text`` is the whole article (quotes can span paragraphs)."""
    out: list[QuoteMention] = []
    for verb in tokens:
        if verb.lower_ not in SPEECH_VERBS or verb.pos_ not in ("VERB", "AUX"):
            continue
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if not subjects:
            continue
        speaker = index.of(subjects[0])
        if speaker is None or speaker.label == "DATE":
            continue  # what the speaker is (a person, a body, a country) is for resolution to say
        span = _quoted(subjects[0], verb, index, text) or _reported(verb, index)  # a quotation before "X said"
        if span is None:
            continue
        start, end = span
        words = text[start:end].strip().rstrip(",.;: ")
        if len(words.split()) < 3:
            continue
        lead = text[start:end].find(words[:1])
        start += max(lead, 0)
        quote = Provenance(index.doc_id, start, start + len(words), index._sentence(start), QUOTES)
        at = index.offset + verb.idx
        prov = Provenance(index.doc_id, at, at + len(verb.text), index._sentence(at), QUOTES)
        confidence = 0.9 if _is_quoted(text, start) else 0.75
        out.append(QuoteMention(speaker, quote, words, verb.text, prov, confidence))
    return out


def _reported(verb: Token, index: MentionIndex) -> tuple[int, int] | None:
    """ "X stressed that Y ...": the clausal complement."""
    comps = [c for c in verb.children if c.dep_ == "ccomp"]
    if not comps:
        return None
    sub = list(comps[0].subtree)
    if verb.i < sub[0].i:  # the clause after the verb: skip "that"
        first = sub[1] if sub[0].lower_ == "that" and len(sub) > 1 else sub[0]
    else:
        first = sub[0]
    last = sub[-1]
    while first.i < last.i and (first.is_punct or first.is_quote):
        first = first.doc[first.i + 1]  # the opening quotation mark is not part of the words
    while last.i > first.i and (last.is_punct or last.is_quote):
        last = last.doc[last.i - 1]
    return index.offset + first.idx, index.offset + last.idx + len(last.text)


def _quoted(speaker: Token, verb: Token, index: MentionIndex, text: str) -> tuple[int, int] | None:
    """ "'...,' the minister said": the quotation that closes just before the speaker and the verb."""
    sent_start = index.offset + verb.sent.start_char
    here = index.offset + min(min(t.idx for t in speaker.subtree), verb.idx)
    window = text[sent_start:here]
    close = max(window.rfind(q) for q in _CLOSE)
    if close < 0 or window[close + 1 :].strip(" ,") != "":
        return None
    close += sent_start
    if text[close] == '"' and (close == 0 or text[close - 1].isspace()):
        return None  # a straight mark after a space opens a quotation: '... longer. "The Board has said'
    floor = max(0, close - _LOOK_BACK)
    i = close - 1
    while i >= floor:
        ch = text[i]
        if ch == "“" or (ch == '"' and (i == 0 or not text[i - 1].isalnum())):
            return _reopened(text, i, floor) + 1, close
        i -= 1
    return None


def _reopened(text: str, start: int, floor: int) -> int:
    """News style reopens a long quotation at each paragraph and closes it only at the end: go back over the
    paragraphs that open with a mark and never close."""
    while start >= 2 and text[start - 2 : start] == "\n\n":
        prev_start = text.rfind("\n\n", floor, start - 2)
        prev_start = prev_start + 2 if prev_start >= 0 else floor
        para = text[prev_start : start - 2]
        closing = "”" if para[:1] == "“" else '"'
        if not para or para[0] not in _OPEN or closing in para[1:]:
            break
        start = prev_start
    return start


def _is_quoted(text: str, start: int) -> bool:
    return start > 0 and text[start - 1] in _OPEN
