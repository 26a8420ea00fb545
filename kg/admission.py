"""Which waiting query of ``kg serve`` gets the next free worker: fair admission over clients.

Each client (a remote address) has its own queue, served in the order it sent its queries. A free regular
worker goes to the client with the fewest queries running, among those to the one served the longest ago
(round robin), and no client holds more than ``per_client`` regular workers (half of them, at least one): one
client flooding the endpoint with expensive queries leaves the other half of the workers to everyone else.

Besides the regular workers there is an express worker. A query that has waited :data:`SLOW` seconds gets a try
on it (the client with the fewest queries running first) of :data:`QUICK` seconds at most; a query not done by
then goes back to its place in its queue, to wait for a regular worker (it is not failed). So while long
queries hold every regular worker, whichever clients sent them, a short query is answered within about
``SLOW + QUICK`` seconds.

This module only counts; :class:`kg.querypool.Pool` holds the worker processes and the clock.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Seconds a query waits before it may try the express worker.
SLOW = 0.5
#: Seconds a query may run on the express worker.
QUICK = 2.0

REGULAR = "regular"
EXPRESS = "express"


@dataclass(eq=False)
class Ticket:
    """One query, from arrival until it leaves; ``lane`` is set when it is given a worker."""

    client: str
    since: float
    lane: str | None = None
    tried: bool = False  # has had its try on the express worker


@dataclass
class _Client:
    waiting: list[Ticket] = field(default_factory=list)  # by arrival
    regular: int = 0  # regular workers held
    express: int = 0  # 0 or 1
    served: float = float("-inf")  # when it was last given a worker

    @property
    def running(self) -> int:
        return self.regular + self.express


class Admission:
    """The queues and counts of a pool of ``regular`` workers and one express worker."""

    def __init__(self, regular: int, per_client: int | None = None) -> None:
        self.regular = max(regular, 1)
        self.per_client = max(1, per_client if per_client is not None else self.regular // 2)
        self._free = self.regular
        self._express_free = True
        self._clients: dict[str, _Client] = {}

    def arrive(self, client: str, now: float) -> Ticket:
        ticket = Ticket(client, now)
        self._clients.setdefault(client, _Client()).waiting.append(ticket)
        return ticket

    def admit(self, now: float) -> list[Ticket]:
        """Give every free worker to whom it is due; returns the tickets just admitted."""
        admitted = []
        while self._free:
            due = [c for c in self._clients.values() if c.waiting and c.regular < self.per_client]
            if not due:
                break
            client = min(due, key=lambda c: (c.running, c.served))
            admitted.append(self._give(client, client.waiting[0], REGULAR, now))
        if self._express_free:
            tries = [
                (c, t)
                for c in self._clients.values()
                for t in c.waiting
                if not t.tried and now - t.since >= SLOW and not c.express
            ]
            if tries:
                client, ticket = min(tries, key=lambda ct: (ct[0].running, ct[1].since))
                admitted.append(self._give(client, ticket, EXPRESS, now))
        return admitted

    def _give(self, client: _Client, ticket: Ticket, lane: str, now: float) -> Ticket:
        client.waiting.remove(ticket)
        ticket.lane = lane
        if lane == REGULAR:
            self._free -= 1
            client.regular += 1
        else:
            self._express_free = False
            client.express += 1
            ticket.tried = True
        client.served = now
        return ticket

    def leave(self, ticket: Ticket, *, again: bool = False) -> None:
        """``ticket``'s query is done with its worker; ``again``: it goes back to its place in the queue (an
        express try that ran out of time)."""
        client = self._clients[ticket.client]
        if ticket.lane == REGULAR:
            self._free += 1
            client.regular -= 1
        elif ticket.lane == EXPRESS:
            self._express_free = True
            client.express -= 1
        ticket.lane = None
        if again:
            client.waiting.append(ticket)
            client.waiting.sort(key=lambda t: t.since)
        self._forget(ticket.client)

    def cancel(self, ticket: Ticket) -> None:
        """A waiting ``ticket`` gives up (its time is over)."""
        client = self._clients.get(ticket.client)
        if client is not None and ticket in client.waiting:
            client.waiting.remove(ticket)
            self._forget(ticket.client)

    def wake(self, now: float) -> float | None:
        """When a waiting query next becomes due for an express try, after ``now`` (None: none will)."""
        times = [t.since + SLOW for c in self._clients.values() for t in c.waiting if not t.tried]
        later = [t for t in times if t > now]
        return min(later) if later else None

    def _forget(self, name: str) -> None:
        client = self._clients[name]
        if not client.waiting and not client.running:
            del self._clients[name]  # so that many addresses over time cost nothing

    def running(self, client: str) -> int:
        c = self._clients.get(client)
        return c.running if c else 0


__all__ = ["EXPRESS", "QUICK", "REGULAR", "SLOW", "Admission", "Ticket"]
