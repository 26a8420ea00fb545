"""A reader of TimeML documents (TimeBank 1.2, TempEval-3): the text, the publication date (DCT) and the
annotated spans (EVENT and TIMEX3) with their attributes, at character offsets in the text."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Tag:
    kind: str  # EVENT or TIMEX3
    start: int
    end: int
    text: str
    attrs: dict[str, str] = field(hash=False, compare=False)


@dataclass(frozen=True, slots=True)
class TimeMLDoc:
    name: str
    text: str
    dct: date | None
    tags: tuple[Tag, ...]

    def of(self, kind: str) -> list[Tag]:
        return [t for t in self.tags if t.kind == kind]


def read_timeml(path: Path) -> TimeMLDoc:
    """The document at ``path``: the words of its TEXT element, with each tag at its offsets there."""
    root = ET.parse(path).getroot()
    dct = None
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            try:
                dct = date.fromisoformat((timex.get("value") or "")[:10])
            except ValueError:
                dct = None
            break
    body = root.find("TEXT")
    parts: list[str] = []
    tags: list[Tag] = []
    at = 0

    def walk(node: ET.Element) -> None:
        nonlocal at
        if node.text:
            parts.append(node.text)
            at += len(node.text)
        for child in node:
            start = at
            walk(child)
            if child.tag in ("EVENT", "TIMEX3"):
                tags.append(Tag(child.tag, start, at, "".join(parts)[start:at], dict(child.attrib)))
            if child.tail:
                parts.append(child.tail)
                at += len(child.tail)

    if body is not None:
        walk(body)
    text = "".join(parts)
    return TimeMLDoc(path.name, text, dct, tuple(sorted(tags, key=lambda t: (t.start, t.end))))


def read_folder(folder: Path) -> list[TimeMLDoc]:
    return [read_timeml(p) for p in sorted(folder.glob("*.tml"))]
