"""Union-find over hashable items: the merge structure of resolution (near-linear in the number of mentions)."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Generic, TypeVar

T = TypeVar("T", bound=Hashable)


class UnionFind(Generic[T]):
    def __init__(self, items: Iterable[T] = ()) -> None:
        self._parent: dict[T, T] = {}
        for item in items:
            self.add(item)

    def add(self, item: T) -> None:
        self._parent.setdefault(item, item)

    def find(self, item: T) -> T:
        parent = self._parent
        root = item
        while parent[root] != root:
            root = parent[root]
        while parent[item] != root:  # path compression
            parent[item], item = root, parent[item]
        return root

    def union(self, a: T, b: T) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # the smaller root (by sort order when comparable) wins, so the result does not depend on call order
            try:
                keep, drop = (ra, rb) if ra <= rb else (rb, ra)  # type: ignore[operator]
            except TypeError:
                keep, drop = ra, rb
            self._parent[drop] = keep

    def groups(self) -> dict[T, list[T]]:
        out: dict[T, list[T]] = {}
        for item in self._parent:
            out.setdefault(self.find(item), []).append(item)
        return out
