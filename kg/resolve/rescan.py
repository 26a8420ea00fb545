"""Names the model missed where the corpus knows them (rule kg.names.v1): "buy chipmaker Vexa" in one article,
when another calls the company "Vexa Technologies" or the model found "Vexa" elsewhere.

Each organisation name the model found (and its short form, without legal form or trade words: see
:func:`kg.resolve.orgs.short_name`) is looked for, as written (same case, whole words), in every article; an
occurrence no mention covers becomes a mention, with the label the model gives the name most often (an
organisation's, unless the model more often says a person or a place: "Varga"). A name that is also a common
English word ("Virgin", "Apple") is taken only inside a sentence, where its capital says it is a name.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace

from kg.model import Extraction, Mention, Provenance
from kg.resolve.gazetteer import Gazetteer
from kg.resolve.orgs import short_name

NAMES = "kg.names.v1"
_MIN_CHARS = 3
_WORD = re.compile(r"[A-Z][\w&'’.-]*")


def _short_form(text: str) -> str | None:
    """The short name as written: the first words of ``text`` whose key is its short name."""
    short = short_name(text)
    if short is None:
        return None
    words = text.split()
    for n in range(1, len(words)):
        if " ".join(words[:n]).lower().replace(".", "").replace(",", "") == short.replace(".", ""):
            return " ".join(words[:n]).rstrip(",")
    return None


def known_names(extractions: Sequence[Extraction], gaz: Gazetteer) -> list[str]:
    """Organisation names (and their short forms) the model found somewhere in the corpus, longest first."""
    names: set[str] = set()
    for ex in extractions:
        for m in ex.mentions:
            if m.label != "ORG" or m.hint is not None or m.key is not None or not m.text[:1].isupper():
                continue
            for name in (m.text, _short_form(m.text)):
                if name and len(name) >= _MIN_CHARS and gaz.lookup(name) is None:
                    names.add(name)
    return sorted(names, key=lambda n: (-len(n), n))


def found_again(extractions: Sequence[Extraction], gaz: Gazetteer) -> list[Extraction]:
    """The extractions with a mention added at each uncovered occurrence of a known organisation name."""
    by_first: dict[str, list[str]] = defaultdict(list)
    for name in known_names(extractions, gaz):  # longest first
        by_first[name.split()[0]].append(name)
    if not by_first:
        return list(extractions)
    known = {name for names in by_first.values() for name in names}
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for ex in extractions:
        for m in ex.mentions:
            if m.text in known:
                votes[m.text][m.label] += 1
    labels = {name: _label(votes[name]) for name in known}
    out = []
    for ex in extractions:
        added = _occurrences(ex, by_first, labels, gaz)
        out.append(replace(ex, mentions=tuple(sorted((*ex.mentions, *added), key=_order))) if added else ex)
    return out


def _label(votes: Counter[str]) -> str:
    """The label the model gives the name most often: "Varga", an organisation once, is a person's name where
    the model says so more often; ties go to ORG."""
    best = max(("ORG", *sorted(votes)), key=lambda label: votes[label] + (0.5 if label == "ORG" else 0))
    return best if best in _NAME_LABELS else "ORG"


_NAME_LABELS = frozenset({"ORG", "PERSON", "GPE", "LOC", "FAC", "NORP"})


def _order(m: Mention) -> tuple[int, int]:
    return (m.prov.start, m.prov.end)


def _matches(text: str, by_first: dict[str, list[str]]) -> list[tuple[int, int]]:
    """Spans of known names in ``text``: whole words, as written, the longest at each place."""
    found = []
    for word in _WORD.finditer(text):
        start = word.start()
        if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "&-"):
            continue
        for name in by_first.get(word.group().rstrip(".,"), ()):
            end = start + len(name)
            if text.startswith(name, start) and (end == len(text) or not (text[end].isalnum() or text[end] in "&-")):
                found.append((start, end))
                break
    return found


def _occurrences(
    ex: Extraction, by_first: dict[str, list[str]], labels: dict[str, str], gaz: Gazetteer
) -> list[Mention]:
    text = ex.article.text
    spans = sorted((m.prov.start, m.prov.end) for m in ex.mentions)
    starts = [s.start for s in ex.sentences]
    added: list[Mention] = []
    for start, end in _matches(text, by_first):
        if any(s < end and start < e for s, e in spans):
            continue
        at = bisect_right(starts, start) - 1
        if at < 0:
            continue
        sentence = ex.sentences[at]
        name = text[start:end]
        if start == sentence.start and gaz.is_word(name):
            continue  # "Virgin" opening a sentence may be the word
        prov = Provenance(ex.article.id, start, end, sentence.index, NAMES)
        added.append(Mention(name, labels.get(name, "ORG"), prov))
    return added
