"""The discrete-event kernel: a heap of ``(time, priority, seq, event)``.

``seq`` increases monotonically, so events at the same time and priority run in the order
they were scheduled and a run is fully determined by its inputs and seed. Times are seconds.

Arrivals are known in advance and sorted, so instead of pushing each one through the heap
the kernel can be given a *stream*: a sorted list of times with one handler and priority.
The stream is merged with the heap by ``(time, priority)``; on a full tie the heap event
runs first. This gives the same order as scheduling each arrival when the previous one
is processed, with half the heap traffic.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from heapq import heappop, heappush
from itertools import count
from typing import Any

FINISH = 0
AVAILABILITY = 1
ARRIVAL = 2


class Kernel:
    """Event list and clock. An event is a ``(handler, argument)`` pair."""

    __slots__ = ("heap", "now", "seq", "_times", "_priority", "_handler", "_next")

    def __init__(self) -> None:
        self.now = 0.0
        self.heap: list[tuple[float, int, int, tuple[Callable[[Any], None], Any]]] = []
        self.seq = count()
        self._times: Sequence[float] = ()
        self._priority = ARRIVAL
        self._handler: Callable[[int], None] = print
        self._next = 0

    def schedule(self, time: float, priority: int, handler: Callable[[Any], None],
                 arg: Any) -> None:
        """Run ``handler(arg)`` at ``time`` seconds; lower ``priority`` runs first on ties."""
        heappush(self.heap, (time, priority, next(self.seq), (handler, arg)))

    def stream(self, times: Sequence[float], priority: int,
               handler: Callable[[int], None]) -> None:
        """Run ``handler(k)`` at ``times[k]`` seconds for every k (``times`` sorted)."""
        self._times, self._priority, self._handler, self._next = times, priority, handler, 0

    def peek(self) -> float:
        """Time of the next event in seconds (infinity if none)."""
        pending = self._times[self._next] if self._next < len(self._times) else math.inf
        return min(self.heap[0][0] if self.heap else math.inf, pending)

    def run(self, until: float = math.inf) -> None:
        """Process events with time <= ``until`` seconds; the clock then reads ``until``
        (or the last event time when running to exhaustion)."""
        heap, times, priority, handler = self.heap, self._times, self._priority, self._handler
        k, n = self._next, len(times)
        pending = times[k] if k < n else math.inf
        while True:
            if heap:
                top = heap[0]
                if top[0] < pending or (top[0] == pending and top[1] <= priority):
                    if top[0] > until:
                        break
                    heappop(heap)
                    self.now = top[0]
                    event = top[3]
                    event[0](event[1])
                    continue
            if pending > until or pending == math.inf:
                break
            self.now = pending
            k += 1
            self._next = k
            handler(k - 1)
            pending = times[k] if k < n else math.inf
        if until != math.inf and until > self.now:
            self.now = until
