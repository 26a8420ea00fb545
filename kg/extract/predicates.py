"""Which words tell events, of which class, and how their syntax maps to roles: lexical data, not code.

- ``kg/data/event-classes.tsv``: lemma and part of speech -> kg event class (and role overrides);
- ``kg/data/not-events.tsv``: light, aspectual, modal and stative verbs, and nouns of things;
- ``kg/data/wordnet-verbs.tsv`` and ``wordnet-nouns.tsv``: WordNet's lexicographer file of each verb and of each
  eventive noun (made by ``tools/make_wordnet_lexicon.py``); a verb filed under verb.stative is a state.

A verb tells an event unless it is a state or attaches to another event; a noun tells one when the class list
names it, or WordNet files its most frequent sense under acts, events, processes or phenomena.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from typing import Any

from spacy.tokens import Token

#: What a non-eventive verb does instead (see kg/data/not-events.tsv).
LIGHT, ASPECTUAL, STATIVE, THING = "light", "aspectual", "stative", "thing"
MODALITIES = ("negated", "possible", "future", "planned")  # strongest first
#: WordNet files of the nouns that name a happening, when they derive from a verb ("election", "growth"); others
#: (a communication, a phenomenon, a gerund) count only when the class list names them.
_EVENTIVE = frozenset({"noun.act", "noun.event", "noun.process"})


_LEMMATIZER: list[Any] = []
_CACHE: dict[tuple[str, str, int], str] = {}


def use_lemmatizer(pipe: Any) -> None:
    """The pipeline's (disabled) lemmatizer, for :func:`lemma`. Its index of known lemmas is a list per part of
    speech, which the rule lemmatizer tests membership in: made a set once, the same lemmas come 100 times
    faster."""
    if "lemma_index" in getattr(pipe, "lookups", ()):
        index = pipe.lookups.get_table("lemma_index")
        for pos, known in list(index.items()):
            if isinstance(known, list):
                index[pos] = frozenset(known)
    _LEMMATIZER[:] = [pipe]
    _CACHE.clear()


def lemma(tok: Token) -> str:
    """The dictionary form of ``tok``, lower case: the pipeline's lemma when it ran, else its rule lemmatizer's
    (kept disabled: only the words the event rules look up are lemmatized, once per word and tag), else the
    word itself."""
    if tok.lemma_:
        return tok.lemma_.lower()
    key = (tok.lower_, tok.tag_, tok.morph.key)  # type: ignore[attr-defined]  # all the rule lemmatizer reads
    hit = _CACHE.get(key)
    if hit is not None:
        return hit
    found = tok.lower_
    if _LEMMATIZER and tok.pos_ in ("VERB", "NOUN", "AUX", "ADJ"):
        try:
            found = (_LEMMATIZER[0].rule_lemmatize(tok) or [found])[0].lower()
        except Exception:  # noqa: BLE001  a model without rule tables: the word as written
            pass
    if len(_CACHE) < 200_000:
        _CACHE[key] = found
    return found


def _rows(name: str) -> list[list[str]]:
    text = resources.files("kg").joinpath("data", name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


@dataclass(frozen=True, slots=True)
class Lexicon:
    classes: dict[tuple[str, str], str]  # (lemma, "v"|"n") -> class
    roles: dict[tuple[str, str], dict[str, str]]  # (lemma, pos) -> {dependency or preposition: role}
    functions: dict[tuple[str, str], str]  # (lemma, pos) -> light, aspectual, stative, planned, ...
    verbs: dict[str, str]  # lemma -> WordNet lexicographer file
    nouns: dict[str, tuple[str, str]]  # noun -> (WordNet lexicographer file, the verb it derives from or "")

    def verb_class(self, lemma: str) -> str | None:
        return self.classes.get((lemma, "v"))

    def noun_class(self, lemma: str) -> str | None:
        """The class of an event noun: its own, else that of the verb it derives from ("resignation")."""
        own = self.classes.get((lemma, "n"))
        if own is not None:
            return own
        verb = self.nouns.get(lemma, ("", ""))[1]
        return self.classes.get((verb, "v")) if verb else None

    def function(self, lemma: str, pos: str = "v") -> str | None:
        return self.functions.get((lemma, pos))

    def is_event_verb(self, lemma: str) -> bool:
        """A verb that tells a happening: not a state, nor one that attaches to the event it governs."""
        if (lemma, "v") in self.classes:
            return True
        if (lemma, "v") in self.functions:
            return self.functions[(lemma, "v")] == LIGHT
        return self.verbs.get(lemma, "") != "verb.stative"

    def is_event_noun(self, lemma: str) -> bool:
        if (lemma, "n") in self.classes:
            return True
        lexname, verb = self.nouns.get(lemma, ("", ""))
        eventive = lexname in _EVENTIVE and bool(verb) and not lemma.endswith("ing")
        return eventive and self.functions.get((lemma, "n")) != THING

    def doer_of(self, lemma: str) -> str | None:
        """The event verb a noun names the doer of ("winner": win, "buyer": buy), else None."""
        lexname, verb = self.nouns.get(lemma, ("", ""))
        return verb if lexname == "noun.person" and verb and self.is_event_verb(verb) else None

    def is_person_noun(self, lemma: str) -> bool:
        """A noun for a kind of person (WordNet's noun.person): a role noun, whatever the role."""
        return self.nouns.get(lemma, ("", ""))[0] == "noun.person"


@functools.cache
def lexicon() -> Lexicon:
    classes: dict[tuple[str, str], str] = {}
    roles: dict[tuple[str, str], dict[str, str]] = {}
    for row in _rows("event-classes.tsv"):
        key = (row[0], row[1])
        classes[key] = row[2]
        if len(row) > 3 and row[3]:
            roles[key] = dict(pair.split("=", 1) for pair in row[3].split())
    functions = {(r[0], r[1]): r[2] for r in _rows("not-events.tsv")}
    verbs = {r[0]: r[1] for r in _rows("wordnet-verbs.tsv")}
    nouns = {r[0]: (r[1], r[2] if len(r) > 2 else "") for r in _rows("wordnet-nouns.tsv")}
    return Lexicon(classes, roles, functions, verbs, nouns)
