"""Events between resolved entities (rule kg.events.v2): arguments grounded in entities, the same event told
in several sentences or articles made one, a label built from the event's parts, and what statements report.

- An argument is kept when its mention is an entity; a place argument is the event's place when it resolves to
  a place ("visited Paris", "in Geneva"), else a participant; with no place of its own, an event in an article
  with a dateline happens there.
- Two tellings are one event when they have the same class and modality, compatible dates and places, and the
  same participants or at least two in common; tellings that merely share a date or one participant stay
  apart, and statements ("X said") are never merged: each is its own act of speech.
- A label says what happened from the parts: "Acme Aerospace has won an order from Gulf Air", "Tony Blair's
  resignation", "Signing of the trilateral statement".
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from kg.model import AMONG, Event, EventMention, Extraction, Mention, TimeValue

#: How a role reads in a label when the text gave no linking word.
_LINKS = {"recipient": "to", "participant": "with", "opponent": "against", "source": "from", "place": "in"}
_NO_MERGE = frozenset({"Event", "Statement"})
#: Events kept with nothing named taking part when they are dated and act on a thing: "the Constitution adopted
#: on November 12, 1995".
_DOCUMENTED = frozenset({"Adoption", "Signing", "Agreement", "Legislation", "Launch", "Election", "Ruling"})
_MAX_LABEL = 120
#: No name a trigger could lie inside starts further back than this many characters.
_LONGEST_NAME = 300


@dataclass(frozen=True, slots=True)
class Told:
    """One telling of an event, with its arguments resolved: (role, entity key, linking word)."""

    mention: EventMention
    args: tuple[tuple[str, str, str], ...]
    place: str | None  # the place the text gives
    fallback: str | None = None  # the article's dateline place, when the text gives none
    place_link: str = "in"  # the word that gives the place ("in", "at"), "" when it is the verb's object

    @property
    def who(self) -> frozenset[str]:
        return frozenset(k for _, k, _ in self.args)


def resolve_events(
    extractions: Sequence[Extraction],
    of: dict[Mention, str],
    top: Callable[[str], str],
    names: Callable[[str], str],
    datelines: dict[str, str],
) -> list[Event]:
    """The events of ``extractions``; ``of`` maps mentions to entity keys, ``top`` gives an entity's top kind,
    ``names`` its label, ``datelines`` the place key of each article's dateline."""
    told: list[Told] = []
    for ex in extractions:
        named = _named_spans(ex, of)
        for ev in ex.events:
            if _names_something(ev.trigger, named):
                continue
            t = _ground(ev, of, top, datelines.get(ex.article.id))
            if t is not None:
                told.append(t)
    groups = _merge(told)
    dated: dict[tuple[str, int], TimeValue] = {}
    for group in groups:
        times = [g.mention.time for g in group if g.mention.time is not None]
        if times:
            best = max(times, key=lambda t: len(t.value))
            for g in group:
                dated[g.mention.trigger.prov.doc_id, g.mention.trigger.prov.start] = best
    key_at: dict[tuple[str, int], str] = {}
    events: list[Event] = []
    for group in groups:
        event = _event(group, dated, names)
        events.append(event)
        for g in group:
            key_at[g.mention.trigger.prov.doc_id, g.mention.trigger.prov.start] = event.key
    out = []
    for event in events:
        reports = sorted(
            {
                k
                for m in event.mentions
                if m.reported is not None
                and (k := key_at.get((m.trigger.prov.doc_id, m.reported))) is not None
                and k != event.key
            }
        )
        out.append(replace(event, reports=tuple(reports)) if reports else event)
    return sorted(out, key=lambda e: e.key)


def _named_spans(
    ex: Extraction, of: dict[Mention, str]
) -> tuple[list[int], list[tuple[int, int]], set[tuple[int, int]]]:
    """The article's mentions that the graph writes: the starts and spans of its names (in start order), and the
    spans of all of them (names, role phrases, pronouns and dates)."""
    written = [m for m in ex.mentions if m in of or m.time is not None or m.interval is not None]
    names = sorted((m.prov.start, m.prov.end) for m in written if m.label not in ("PRON", "ROLE") and m in of)
    return [s for s, _ in names], names, {(m.prov.start, m.prov.end) for m in written}


def _names_something(trigger: Mention, named: tuple[list[int], list[tuple[int, int]], set[tuple[int, int]]]) -> bool:
    """A trigger inside a name ("for rail watchdog Prested", where the model took the name for a verb), or on the
    very span of another mention, tells no event: one word of an article is one mention of one thing."""
    starts, names, spans = named
    start, end = trigger.prov.start, trigger.prov.end
    if (start, end) in spans:
        return True
    i = bisect_right(starts, start) - 1
    while i >= 0 and start - names[i][0] <= _LONGEST_NAME:
        if names[i][1] >= end:
            return True
        i -= 1
    return False


def _ground(ev: EventMention, of: dict[Mention, str], top: Callable[[str], str], dateline: str | None) -> Told | None:
    args: list[tuple[str, str, str]] = []
    place: str | None = None
    place_link = "in"
    seen: set[str] = set()
    for a in ev.arguments:
        key = of.get(a.mention)
        if key is None:
            continue
        kind = top(key)
        role = a.role
        at = kind == "Place" and (role == "place" or (role == "recipient" and a.link in ("to", "into")))
        went = kind == "Place" and role == "patient" and ev.type in ("Visit", "Travel")  # where one goes
        if (at or went) and place is None:
            place, place_link = key, a.link if at else ""
            continue
        if at or went:
            if key != place and key not in seen:  # "visits Leeds, York and Hull": every one a place of the visit
                seen.add(key)
                args.append(("place", key, a.link))
            continue
        if role == "place":
            role = "participant"  # "in talks with", "at the UN": not a place
        if key in seen:
            continue
        seen.add(key)
        args.append((role, key, a.link))
    agents = {k for r, k, _ in args if r == "agent"}
    args = [a for a in args if a[0] == "agent" or a[1] not in agents]
    if not args and place is None and not (ev.type in _DOCUMENTED and ev.theme and ev.time):
        return None  # nothing named takes part, nor a dated thing done ("adopted the constitution on ...")
    if ev.type == "Statement" and not agents:
        return None  # words with no speaker
    fallback = dateline if place is None and dateline not in {k for _, k, _ in args} else None
    return Told(ev, tuple(args), place, fallback, place_link)


def _compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a.startswith(b) or b.startswith(a)


def _merge(told: list[Told]) -> list[list[Told]]:
    """Tellings of one event in groups (see the module docstring)."""
    groups: list[list[Told]] = []
    sigs: list[tuple[str, str | None, frozenset[str], str | None, str | None]] = []
    bare = [t for t in told if not t.who and t.mention.theme]
    for item in (t for t in told if t.who or not t.mention.theme):
        ev = item.mention
        when = ev.time.value if ev.time else None
        who = item.who
        hit = None
        if ev.type not in _NO_MERGE:
            for i, (kind, modality, w, date, place) in enumerate(sigs):
                if kind != ev.type or modality != ev.modality or not _compatible(date, when):
                    continue
                if place and item.place and place != item.place:
                    continue
                if (w == who and who) or len(w & who) >= 2:
                    hit = i
                    break
        if hit is None:
            groups.append([item])
            sigs.append((ev.type, ev.modality, who, when, item.place))
        else:
            groups[hit].append(item)
            kind, modality, w, date, place = sigs[hit]
            longer = when if when and (not date or len(when) > len(date)) else date
            sigs[hit] = (kind, modality, w | who, longer, place or item.place)
    for item in bare:  # "the signing of the statement in November 2020": the one signing of a statement it fits
        ev = item.mention
        when = ev.time.value if ev.time else None
        fits = [
            i
            for i, group in enumerate(groups)
            if sigs[i][0] == ev.type
            and ev.type not in _NO_MERGE
            and _compatible(sigs[i][3], when)
            and any(g.mention.theme == ev.theme for g in group)
        ]
        if len(fits) == 1:
            groups[fits[0]].append(item)
        else:
            groups.append([item])
            sigs.append((ev.type, ev.modality, frozenset(), when, item.place))
    return groups


def _event(group: list[Told], dated: dict[tuple[str, int], TimeValue], names: Callable[[str], str]) -> Event:
    group = sorted(group, key=lambda g: (g.mention.trigger.prov.doc_id, g.mention.trigger.prov.start))
    mentions = tuple(g.mention for g in group)
    agents = {k for g in group for r, k, _ in g.args if r == "agent"}
    args = tuple(sorted({(r, k) for g in group for r, k, _ in g.args if r == "agent" or k not in agents}))
    place = next((g.place for g in group if g.place), None) or next((g.fallback for g in group if g.fallback), None)
    times = [m.time for m in mentions if m.time is not None]
    if not times:  # what happens during a visit, with no date of its own, has the visit's date
        times = [d for m in mentions if m.frame is not None and (d := dated.get((m.trigger.prov.doc_id, m.frame)))]
    time = max(times, key=lambda t: len(t.value)) if times else None
    first = group[0]
    theme = next((m.theme for m in mentions if m.theme), None)
    participants = ",".join(sorted({k for _, k in args}))
    key = (
        f"{first.mention.type}|{time.value if time else ''}|{theme or ''}|{participants}|{place or ''}"
        f"|{first.mention.trigger.prov.doc_id}-{first.mention.trigger.prov.start}"
    )
    return Event(
        key,
        first.mention.type,
        label(first, names),
        time,
        args,
        place,
        theme,
        mentions,
        max(m.confidence for m in mentions),
        first.mention.modality,
    )


def listed(names: list[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}" if names else ""


def label(told: Told, names: Callable[[str], str]) -> str:
    """What happened in a few words, from the event's parts as the first telling gives them."""
    ev = told.mention
    by_role: dict[str, list[tuple[str, str]]] = {}
    for role, key, link in told.args:
        by_role.setdefault(role, []).append((names(key), link))

    def joined(role: str, keep: Callable[[str], bool] = lambda link: True) -> str:
        return listed([n for n, link in by_role.get(role, []) if keep(link)])

    rest: dict[str, list[str]] = {}  # linking word -> names, in the order the roles read
    direct: list[str] = []  # a verb's objects in another role than the patient ("met X", "beat X")
    for role in ("recipient", "participant", "opponent", "source"):
        for name, link in by_role.get(role, []):
            if not link and not ev.noun:
                if role != "recipient":
                    direct.append(name)
            else:
                rest.setdefault(link or _LINKS[role], []).append(name)
    places = [names(told.place)] if told.place is not None else []
    places += [n for n, _ in by_role.get("place", [])]  # "visited Leeds and York"
    if places and (told.place_link or ev.noun):
        rest.setdefault(told.place_link or "in", []).extend(places)
    elif places:
        direct.extend(places)  # "visited Paris"
    tail = [f"{link} {listed(who)}" for link, who in rest.items()]
    if not ev.noun:
        verb = ev.verb or ev.trigger.text
        if verb[:1].isupper() and not verb.isupper():
            verb = verb[:1].lower() + verb[1:]  # "Speaking ..." opening a sentence
        dative = joined("recipient", lambda link: not link)
        obj = listed([*[n for n, _ in by_role.get("patient", [])], *direct]) or ev.theme_text
        if ev.passive or (ev.theme_is_subject and not by_role.get("agent")):
            by = joined("agent")
            words = [obj, verb, dative, f"by {by}" if by else "", *tail]
        else:
            words = [joined("agent"), verb, dative, obj, *tail]
    else:
        noun = ev.head or ev.trigger.text
        possessive = joined("agent", lambda link: link == "'s")
        head = f"{possessive}'s {noun}" if possessive else noun
        of = joined("patient") or ev.theme_text
        agents = joined("agent", lambda link: link not in ("'s", AMONG))
        among = joined("agent", lambda link: link == AMONG)  # "winners included X": "X among the winners"
        if among:
            words = [among, AMONG, noun[:1].lower() + noun[1:], *tail]
        else:
            words = [head, f"of {of}" if of else "", f"by {agents}" if agents else "", *tail]
    text = " ".join(" ".join(w for w in words if w).split())
    if len(text) > _MAX_LABEL:
        text = text[: _MAX_LABEL - 1].rsplit(" ", 1)[0] + "…"
    return text[:1].upper() + text[1:]
