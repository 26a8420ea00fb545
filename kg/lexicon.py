"""Closed word lists of general English that the rules use: titles, honorifics, kinship, portfolios, facilities.

These are vocabulary of the language, not names of things: no entity is ever listed here.
"""

from __future__ import annotations

import functools
import re
from importlib import resources
from typing import Any

from english_words import get_english_words_set
from spacy.lang.en.stop_words import STOP_WORDS

#: Nouns that head a title or a position in English news.
ROLE_NOUNS = frozenset(
    """minister president vice-president premier chancellor secretary secretary-general commissioner
    spokesperson spokesman spokeswoman ambassador envoy chairman chairwoman chairperson co-chairman director
    director-general leader king queen prince princess pope senator congressman congresswoman governor mayor
    judge general colonel commander ceo chief executive founder rapporteur emir sheikh sultan ayatollah head
    mp mep deputy speaker treasurer attorney-general prosecutor coach manager captain archbishop bishop
    cardinal president-elect frontbencher backbencher candidate adviser advisor economist analyst
    dr mr mrs ms miss sir lord lady baroness baron dame""".split()
)

#: Forms of address: they make the next name a person but are not a position.
HONORIFICS = frozenset("dr mr mrs ms miss sir lord lady baroness baron dame prof professor".split())

#: Titles that are part of a person's name when they stand before it ("Prince William", "Lord Janner").
NOBLE = frozenset("prince princess king queen lord lady pope emperor empress duke duchess".split())

#: Family nouns: "His mother, Giselle," makes Giselle a person.
KIN = frozenset(
    """mother father wife husband son daughter brother sister uncle aunt cousin grandmother grandfather
    widow widower partner fiancee fiance girlfriend boyfriend nephew niece""".split()
)

#: Offices of a national government: with no body named they are the article's country's; with a nationality
#: word they are a post in that country ("the Israeli minister"), not the holder's nationality.
NATIONAL = frozenset({"president", "minister", "premier", "chancellor", "secretary", "king", "queen", "ambassador"})
#: Titles that, with a nationality word, name a post of that country too: "the Palestinian leader", "a US envoy".
STATE_POSTS = NATIONAL | frozenset(
    """leader envoy diplomat consul official spokesman spokeswoman spokesperson prosecutor general commander
    governor mayor mp senator negotiator delegate""".split()
)

#: Words of government bodies and portfolios: "Foreign Ministry", "Home Secretary", "Health spokesman".
GOVERNMENT_WORDS = frozenset(
    """ministry ministries government parliament cabinet embassy consulate army armed forces police navy air force
    senate congress presidency presidential administration foreign affairs interior home defence defense justice
    finance treasury health education economy economic trade industry office department national state security
    service services press central bank intelligence agency committee commission council assembly court supreme
    constitutional federal general staff border guard ministerial public prosecutor labour labor culture media
    sport sports energy environment agriculture transport emergency emergencies situations internal external
    information communications digital development social welfare work pensions skills lifelong learning
    science technology business innovation housing local communities women equality equalities children
    family families youth tourism heritage fisheries food rural affairs northern overseas international
    treasury constitutional legal""".split()
)

#: Common nouns that make a name before them a facility: "the Lachin border crossing", "Heathrow airport".
FACILITY_NOUNS = frozenset(
    """road highway motorway street avenue square bridge crossing checkpoint corridor airport port harbour harbor
    station railway pipeline dam tunnel canal stadium arena""".split()
)

#: Last words of the names of places, venues, works and events, never of a person's name: "Riverside Park",
#: "Marlow Sea", "Grant Hotel", "Harbour Fair", "Carver Cup".
THING_NAME_WORDS = frozenset(
    """park sea ocean lake river bay gulf island islands hill hills mountain mountains valley hotel hall house
    centre center church cathedral college school university academy museum gallery theatre theater cinema show
    awards award prize cup trophy festival games fair times news post daily club united city rovers athletic
    county wanderers harriers institution institute foundation association society trust fund union party
    league federation alliance movement front coalition group network forum board bureau authority organisation
    organization corporation""".split()
)

#: Nouns for a kind of work or product: a name they stand beside is a title, not a person, a body or a place
#: ("the horror film Northern Lights", "TV soap Harbour Lane", "smartphones like the Vexon 7700"); not a noun that
#: is also a person's ("model", "hit man", "record holder").
WORK_NOUNS = frozenset(
    """film films movie movies album albums song songs single singles novel novels book books series soap soaps
    show shows programme programmes program programs sitcom sitcoms documentary documentaries comedy comedies
    drama dramas thriller thrillers musical musicals play plays opera operas epic epics tale tales biopic sequel
    sequels trilogy cartoon cartoons poem poems painting paintings sculpture sculptures video videos game games
    console consoles handset handsets phone phones smartphone smartphones software browser browsers burger
    burgers franchise""".split()
)

#: Religious groups: a NORP that names one is not an organisation.
RELIGIONS = frozenset(
    """muslim muslims christian christians jew jews jewish catholic catholics protestant protestants hindu hindus
    sikh sikhs buddhist buddhists sunni sunnis shia shias shiite shiites islamic islamist islamists orthodox
    evangelical evangelicals mormon mormons anglican anglicans atheist atheists""".split()
)

#: Compass words that may precede a place without being part of its name ("west London").
DIRECTIONS = frozenset(
    """north south east west central northern southern eastern western north-west north-east south-west
    south-east north-western north-eastern south-western south-eastern""".split()
)

#: Nouns that make a name a government body ("Foreign Ministry", "Home Office"); portfolio words alone do not.
BODY_NOUNS = frozenset(
    """ministry ministries government parliament cabinet embassy consulate army police navy forces senate congress
    presidency administration office department service agency committee commission council assembly court bank
    treasury""".split()
)

#: Titles that a portfolio word can precede ("Home Secretary", "Health spokesman"), unlike a party's ("Labour MP").
PORTFOLIO_TITLES = frozenset(
    "secretary minister spokesman spokeswoman spokesperson commissioner undersecretary czar tsar".split()
)

#: Nouns that "today's" qualifies as nowadays, not as the publication day ("today's world", "today's youth").
NOWADAYS_NOUNS = frozenset(
    "world society age era generation generations youth children standards culture times economy technology".split()
)

#: Legal forms at the end of a company's name ("Northwind Co.", "Vexa plc").
LEGAL_FORMS = frozenset(
    "co company cos corp corporation inc incorporated ltd limited plc llc llp ag sa nv bv gmbh".split()
)

#: Nouns that stand for a company or a club already named: "the company said", "the bank's profit".
COMPANY_NOUNS = frozenset(
    "company firm corporation conglomerate bank carrier airline retailer insurer lender manufacturer maker "
    "automaker carmaker chipmaker broadcaster publisher operator supplier distributor brewer club".split()
)

#: Words that describe a company's trade after its name ("Vexa Technologies", "ACS Data Systems", "Orion
#: Airlines"): the short name alone is the company when the corpus knows one company of that name.
COMPANY_WORDS = frozenset(
    "technologies technology tech systems software data communications telecommunications telecom networks "
    "airlines airways motors motor pharmaceuticals pharma industries enterprises international solutions labs "
    "laboratories electronics energy media financial partners capital resources brands foods entertainment "
    "semiconductor semiconductors computers computer mobile mining oil petroleum steel chemicals".split()
)


#: British spellings of words that name places and bodies, with the American ones news also writes
#: ("Promises Treatment Centre" and "Promises Treatment Center" are one place).
SPELLINGS = {"centre": "center", "centres": "centers", "theatre": "theater", "theatres": "theaters"}


@functools.cache
def person_nouns() -> frozenset[str]:
    """Nouns for a kind of person (WordNet's noun.person, most frequent sense; kg/data/wordnet-nouns.tsv)."""
    text = resources.files("kg").joinpath("data", "wordnet-nouns.tsv").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return frozenset(r[0] for r in rows if len(r) > 1 and r[1] == "noun.person")


@functools.cache
def _genders() -> tuple[dict[str, str], dict[str, str]]:
    """kg/data/gender.tsv (tools/make_gender_lexicon.py): first names and nouns for a person, each to "F" or "M"."""
    names: dict[str, str] = {}
    nouns: dict[str, str] = {}
    text = resources.files("kg").joinpath("data", "gender.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        word, gender, kind = line.split("\t")
        (names if kind == "name" else nouns)[word] = gender
    return names, nouns


@functools.cache
def first_names() -> frozenset[str]:
    """First names (kg/data/gender.tsv, from the SSA's given names), lower case."""
    return frozenset(_genders()[0])


def gender_of_name(first: str) -> str | None:
    """ "F" or "M" for a first name that English gives mostly one sex ("Mary", "John"), else None."""
    return _genders()[0].get(first.lower())


def gender_of_noun(noun: str) -> str | None:
    """ "F" or "M" for a noun for a person of one sex ("actress", "husband"), else None."""
    return _genders()[1].get(noun.lower())


@functools.cache
def _nicknamer() -> Any:
    from nicknames import NickNamer

    return NickNamer()


def nickname_of(short: str, full: str) -> bool:
    """Whether the first name ``short`` is a nickname of ``full`` or the other way round ("Fred", "Frederick"),
    from the package nicknames (a curated table of English given names); case does not matter."""
    a, b = short.lower(), full.lower()
    return a != b and (a in _nicknamer().nicknames_of(b) or b in _nicknamer().nicknames_of(a))


@functools.cache
def _common() -> frozenset[str]:
    """Common English words: the lower-case entries of Webster's 2nd, and stop words."""
    words = get_english_words_set(["web2"])
    return frozenset(w for w in words if w.islower()) | STOP_WORDS


def is_common(low: str) -> bool:
    """A common word or a regular inflection of one ("announces", "sailed", "launching")."""
    common = _common()
    if low in common:
        return True
    stems = []
    if low.endswith("s"):
        stems += [low[:-1], low[:-2] if low.endswith("es") else "", low[:-3] + "y" if low.endswith("ies") else ""]
    if low.endswith("ed"):
        stems += [low[:-2], low[:-1], low[:-3] if low[-3:-2] == low[-4:-3] else ""]
    if low.endswith("ing"):
        stems += [low[:-3], low[:-3] + "e", low[:-4] if low[-4:-3] == low[-5:-4] else ""]
    return any(len(stem) > 2 and stem in common for stem in stems)


_DEFINED = re.compile(r"\s*\(\s*([A-Z][A-Za-z0-9&.\-+]{1,11})\s*\)")


def defined_after(text: str, end: int) -> str | None:
    """The acronym defined in parentheses right after a long form ending at ``end`` ("Democratic Party of Freedonia
    (DPF)", "( DPF )"), if any: a capital, then up to eleven letters, digits or "&.-+"."""
    match = _DEFINED.match(text, end)
    return match.group(1) if match else None
