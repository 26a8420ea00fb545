"""Name normalisation shared by resolution: one display form and one matching key per name.

:func:`normalize_name` tidies a name as written, keeping its case ("the Netherlands'" -> "Netherlands");
:func:`name_key` folds it for matching ("Bakı", "BAKI", "Baki" -> "baki"). Resolution compares names only
through :func:`name_key`, so a gazetteer and the mentions it matches are folded the same way.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["fold_name", "name_key", "normalize_name", "strip_parenthetical"]

# Typographic quotes and apostrophes to their ASCII forms (after NFKC, which leaves these alone).
_QUOTES = str.maketrans(
    {
        "\u2018": "'",  # left single quotation mark
        "\u2019": "'",  # right single quotation mark (the usual typographic apostrophe)
        "\u201a": "'",  # single low-9 quotation mark
        "\u201b": "'",  # single high-reversed-9 quotation mark
        "\u2032": "'",  # prime
        "\u02bb": "'",  # modifier letter turned comma (Uzbek o')
        "\u02bc": "'",  # modifier letter apostrophe
        "\u02be": "'",  # modifier letter right half ring (transliterated alif)
        "\u02bf": "'",  # modifier letter left half ring (transliterated ayin)
        "\u0060": "'",  # grave accent used as an apostrophe
        "\u00b4": "'",  # acute accent used as an apostrophe
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u2010": "-",  # hyphen
        "\u2011": "-",  # non-breaking hyphen
    }
)

# Latin letters that Unicode does not decompose into a base letter plus an accent.
_LETTERS = str.maketrans(
    {
        "ı": "i",
        "ø": "o",
        "æ": "ae",
        "œ": "oe",
        "đ": "d",
        "ð": "d",
        "ł": "l",
        "þ": "th",
        "ə": "e",
        "ħ": "h",
        "ŧ": "t",
        "ŀ": "l",
        "ß": "ss",
    }
)

_ASCII_DROP = re.compile(r"[^a-z0-9\s-]+")
_NON_WORD = re.compile(r"[^\w\s-]|_")  # \w: letters and digits of any script, not combining marks
_LOOSE_HYPHENS = re.compile(r"(?<!\w)-+|-+(?!\w)")


@lru_cache(maxsize=1 << 17)  # names repeat: each is worked out once
def normalize_name(text: str) -> str:
    """The name as written, tidied: NFKC, ASCII quotes and apostrophes, no leading "the", no trailing
    possessive, single spaces. Case is kept.

    >>> normalize_name("  the  Republic of\u00a0Azerbaijan\u2019s ")
    'Republic of Azerbaijan'
    """
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    text = " ".join(text.translate(_QUOTES).split())
    if len(text) > 4 and text.startswith(("the ", "The ", "THE ")):
        text = text[4:]
    if text.endswith(("'s", "'S")) and len(text) > 2 and (text[-3].isalnum() or text[-3] == "_"):
        text = text[:-2].rstrip()
    elif text.endswith("'") and text[-2:-1] in ("s", "S"):
        text = text[:-1]
    return text


@lru_cache(maxsize=1 << 17)  # names repeat: each is worked out once
def name_key(text: str) -> str:
    """The matching key of a name: normalised, casefolded, without accents or punctuation (a hyphen inside a
    word stays), single spaces.

    >>> name_key("Côte d’Ivoire"), name_key("U.S."), name_key("Bakı"), name_key("Guinea-Bissau")
    ('cote divoire', 'us', 'baki', 'guinea-bissau')
    """
    return fold_name(normalize_name(text))


@lru_cache(maxsize=1 << 17)  # names repeat: each is worked out once
def fold_name(name: str) -> str:
    """:func:`name_key` of a name that has been through :func:`normalize_name` already."""
    text = name.casefold()
    if text.isascii():
        if text.replace(" ", "").isalnum():
            return text  # letters, digits and single spaces: already a key
        text = _ASCII_DROP.sub("", text)
    else:
        # Decomposed, accents are marks (not alphanumeric) and fall out with the punctuation; letters of
        # other scripts stay.
        text = unicodedata.normalize("NFKD", text.translate(_LETTERS))
        text = _NON_WORD.sub("", text)
    if "-" in text:
        text = _LOOSE_HYPHENS.sub(" ", text)
    return " ".join(text.split())


_PARENTHETICAL = re.compile(r"\s*\([^()]*\)")


def strip_parenthetical(text: str) -> str:
    """The name without a parenthesised acronym or gloss: "United Nations (UN) Human Rights Council" ->
    "United Nations Human Rights Council"."""
    return " ".join(_PARENTHETICAL.sub("", text).split())
