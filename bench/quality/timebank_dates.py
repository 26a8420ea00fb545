"""kg's dates against TimeBank: the calendar values kg gives its DATE mentions against the TIMEX3 values
annotators gave, each document read with its DCT as the publication date.

    python bench/quality/timebank_dates.py ../shared/data/dev/timebank [-v]

Gold: every ``TIMEX3 type="DATE"`` in the text (the DCT itself excluded) whose value is a calendar value kg's
contract can state: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (quarters, weeks, seasons and ``PAST_REF`` are
left out of the gold; a kg value on such a span counts against kg's precision, unless it is the coarser value
that holds the gold one: kg's 1988 for a gold 1988-Q3 is not scored). A ``TIME`` value counts as
its date when kg gives one (optional: never a miss). System: each DATE mention kg builds with a value (an
interval gives its two ends). A system value is right when it overlaps a gold timex with the same value;
precision is right values over all values kg gave, recall right gold values over all gold values.
"""

from __future__ import annotations

import argparse
import re
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kg.extract import extract, load_pipeline
from kg.ingest.article import make_article
from kg.model import Article, Extraction

CALENDAR = re.compile(r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?")


@dataclass(frozen=True, slots=True)
class Timex:
    start: int
    end: int
    kind: str  # DATE, TIME, DURATION, SET
    value: str
    text: str

    @property
    def calendar(self) -> str | None:
        """The value as kg could state it, or None."""
        if self.kind == "DATE" and CALENDAR.fullmatch(self.value):
            return self.value
        if self.kind == "TIME" and CALENDAR.fullmatch(self.value[:10]):
            return self.value[:10]
        return None


@dataclass(frozen=True, slots=True)
class Document:
    path: Path
    text: str
    dct: date
    timexes: tuple[Timex, ...]


def read_tml(path: Path) -> Document:
    root = ET.parse(path).getroot()  # noqa: S314  local, trusted research data
    dct_node = root.find("DCT/TIMEX3")
    text_node = root.find("TEXT")
    if dct_node is None or text_node is None:
        raise ValueError(f"{path}: no DCT or TEXT")
    dct = date.fromisoformat(dct_node.get("value", "")[:10])
    parts: list[str] = []
    timexes: list[Timex] = []

    def walk(node: ET.Element) -> None:
        start = sum(map(len, parts))
        parts.append(node.text or "")
        for child in node:
            walk(child)
            parts.append(child.tail or "")
        if node.tag == "TIMEX3":
            end = sum(map(len, parts))
            covered = "".join(parts)[start:end]
            timexes.append(Timex(start, end, node.get("type", ""), node.get("value", ""), covered))

    walk(text_node)
    return Document(path, "".join(parts), dct, tuple(timexes))


def system_values(extraction: Extraction) -> list[tuple[int, int, str, str]]:
    out = []
    for m in extraction.mentions:
        if m.label != "DATE":
            continue
        values = [m.time] if m.time else [m.interval.start, m.interval.end] if m.interval else []
        out.extend((m.prov.start, m.prov.end, v.value, m.text) for v in values)
    return out


def score(documents: list[Document], verbose: bool) -> tuple[int, int, int]:
    nlp = load_pipeline()
    articles = [make_article(str(d.path), d.text, published=d.dct) for d in documents]
    shift = {a.source: a.text.find(d.text) for a, d in zip(articles, documents, strict=True)}
    by_source = {str(d.path): d for d in documents}
    tp = fp = fn = 0
    for result in extract(articles, nlp):
        if not isinstance(result, Extraction):
            raise SystemExit(f"{result.source}: {result.reason}")
        article: Article = result.article
        doc = by_source[article.source]
        off = shift[article.source]
        found = system_values(result)
        hit: set[Timex] = set()
        for start, end, value, text in found:
            over = [t for t in doc.timexes if t.start + off < end and start < t.end + off]
            right = [t for t in over if t.calendar == value]
            if right:
                tp += 1
                hit.update(right)
            elif over and all(t.kind == "DATE" and not t.calendar and t.value.startswith(value) for t in over):
                continue  # "a year ago" = 1988-Q3: kg's year holds the quarter it cannot state; not scored
            else:
                fp += 1
                if verbose:
                    gold = ", ".join(f"{t.text!r}={t.value}" for t in over) or "none"
                    print(f"  fp {doc.path.name} {doc.dct} {text!r} -> {value} (gold {gold})")
        for t in doc.timexes:
            if t.kind == "DATE" and t.calendar and t not in hit:
                fn += 1
                if verbose:
                    print(f"  fn {doc.path.name} {doc.dct} {t.text!r} = {t.value}: {_context(doc.text, t)}")
    return tp, fp, fn


def _context(text: str, t: Timex) -> str:
    left = text[max(0, t.start - 60) : t.start].replace("\n", " ")
    right = text[t.end : t.end + 40].replace("\n", " ")
    return f"...{left}[{t.text}]{right}..."


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="the TimeBank folder of .tml files")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every miss and every wrong value")
    args = parser.parse_args(argv)
    documents = [read_tml(p) for p in sorted(args.folder.glob("*.tml"))]
    if not documents:
        print(f"{args.folder}: no .tml files", file=sys.stderr)
        return 2
    tp, fp, fn = score(documents, args.verbose)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(f"TimeBank dates ({len(documents)} documents): P {p:.3f} R {r:.3f} F1 {f:.3f} (tp {tp}, fp {fp}, fn {fn})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
