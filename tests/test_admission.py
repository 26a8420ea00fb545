"""Fair admission of queries (kg.admission): per-client queues, at most half the workers per client, round robin,
and the express worker's tries. The clock is passed in, so each step is exact; tests/store/test_serve_guard.py
checks the same over real HTTP."""

from __future__ import annotations

from kg.admission import EXPRESS, QUICK, REGULAR, SLOW, Admission


def test_one_client_holds_at_most_half_of_the_workers() -> None:
    adm = Admission(4)
    flood = [adm.arrive("a", 0.0) for _ in range(10)]
    assert [t.lane for t in adm.admit(0.0)] == [REGULAR, REGULAR]
    other = adm.arrive("b", 0.1)
    assert adm.admit(0.1) == [other] and other.lane == REGULAR  # a free worker waits for someone else
    assert sum(t.lane == REGULAR for t in flood) == 2


def test_a_client_is_served_in_its_own_order() -> None:
    adm = Admission(2, per_client=2)
    first, second = adm.arrive("a", 0.0), adm.arrive("a", 0.1)
    assert adm.admit(0.2) == [first, second]


def test_the_client_with_fewest_running_then_served_longest_ago_goes_first() -> None:
    adm = Admission(2, per_client=2)
    a1, a2 = adm.arrive("a", 0.0), adm.arrive("a", 0.0)
    adm.admit(0.0)  # a holds both workers
    a3, b1, c1 = adm.arrive("a", 1.0), adm.arrive("b", 1.1), adm.arrive("c", 1.2)
    adm.leave(a1)
    assert adm.admit(1.3) == [b1]  # b and c have nothing running; b waited longer in the rotation (never served)
    adm.leave(a2)
    assert adm.admit(1.4) == [c1]  # a has none running either now, but c was not yet served
    assert a3.lane is None


def test_a_query_that_waited_gets_a_try_on_the_express_worker() -> None:
    adm = Admission(1)
    running = adm.arrive("a", 0.0)
    adm.admit(0.0)
    waiting = adm.arrive("b", 0.1)
    assert adm.admit(0.1) == [] and adm.wake(0.1) == 0.1 + SLOW
    assert adm.admit(0.1 + SLOW) == [waiting] and waiting.lane == EXPRESS
    assert running.lane == REGULAR


def test_a_query_not_done_on_the_express_worker_goes_back_to_its_place() -> None:
    adm = Admission(1)
    adm.arrive("a", 0.0)
    adm.admit(0.0)
    slow, quick = adm.arrive("b", 0.1), adm.arrive("b", 0.2)
    assert adm.admit(1.0) == [slow]
    adm.leave(slow, again=True)  # ran out of its QUICK seconds
    assert adm.admit(1.0 + QUICK) == [quick]  # the next one gets its try; the first never twice
    adm.leave(quick)
    assert adm.admit(5.0) == [] and slow.lane is None and adm.wake(5.0) is None


def test_the_express_worker_goes_to_the_client_with_fewest_running() -> None:
    adm = Admission(2)
    a = [adm.arrive("a", 0.0) for _ in range(3)]
    b = [adm.arrive("b", 0.0) for _ in range(2)]
    adm.admit(0.0)  # a and b one worker each
    c = adm.arrive("c", 1.0)
    assert adm.admit(1.0) == [a[1]]  # only a's and b's queries have waited SLOW: the oldest, a's
    adm.leave(a[1])
    assert adm.admit(1.5) == [c]  # c, with nothing running, before b's older query
    assert b[1].lane is None


def test_cancelled_and_finished_clients_are_forgotten() -> None:
    adm = Admission(1)
    t = adm.arrive("a", 0.0)
    adm.admit(0.0)
    u = adm.arrive("b", 0.0)
    adm.cancel(u)
    adm.leave(t)
    assert adm.running("a") == 0 and not adm._clients
