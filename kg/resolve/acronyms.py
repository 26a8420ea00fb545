"""Acronyms and their long forms: "Non-Aligned Movement (NAM)", "United Nations" / "UN".

Rule: kg.acronyms.v1.
"""

from __future__ import annotations

import re
from functools import lru_cache

_STOP = frozenset({"of", "the", "and", "for", "in", "on", "at", "to", "&", "de", "du", "des", "la", "le"})
_WORD = re.compile(r"[^\W\d_][\w'’]*|-")


@lru_cache(maxsize=1 << 16)
def is_acronym(text: str) -> bool:
    """ "UN", "U.N.", "NATO", "OSCE", "EU": 2-8 capitals (dots allowed), no spaces."""
    letters = text.replace(".", "").replace("&", "")
    return 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper() and " " not in text


def acronym_key(text: str) -> str:
    return text.replace(".", "").replace(" ", "").upper()


@lru_cache(maxsize=1 << 16)
def initials(long_form: str) -> frozenset[str]:
    """The acronyms a long form can have: "Non-Aligned Movement" -> {"NAM"}; "Organization for Security and
    Co-operation in Europe" -> {"OSCE", "OSCOE", "OFSACIE"...}: with and without function words and hyphen
    parts."""
    words = _WORD.findall(long_form.replace("-", " - "))
    out: set[str] = set()
    for keep_stop in (False, True):
        for split_hyphen in (True, False):
            letters = []
            skip_next = False
            for w in words:
                if w == "-":
                    skip_next = not split_hyphen
                    continue
                if skip_next:
                    skip_next = False
                    continue
                if w.lower() in _STOP and not keep_stop:
                    continue
                letters.append(w[0].upper())
            if len(letters) >= 2:
                out.add("".join(letters))
    return frozenset(out)
