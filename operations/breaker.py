"""One circuit breaker for every service the site may find down (Redis, Elasticsearch).

After a failure, the service is left alone for `reset_seconds`: callers see the breaker
open and answer without it at once, instead of waiting for another refused connection or
timeout. When the time is up, the next call tries the service again; a new failure opens
the breaker anew. State lives on the breaker object (one per cache backend, one per search
backend), never in module globals: a new backend object starts closed.
"""

import threading
import time


class CircuitOpen(ConnectionError):
    """A call refused without trying: the service failed a moment ago."""


class CircuitBreaker:
    def __init__(self, name, reset_seconds, clock=time.monotonic):
        self.name = name
        self.reset_seconds = float(reset_seconds)
        self.clock = clock
        self.open_until = 0.0
        self._lock = threading.Lock()

    @property
    def is_open(self):
        return self.clock() < self.open_until

    def failed(self):
        """Record a failure: the service is left alone for `reset_seconds` from now."""
        with self._lock:
            self.open_until = self.clock() + self.reset_seconds

    def reset(self):
        """Close the breaker: the next call tries the service."""
        with self._lock:
            self.open_until = 0.0

    def check(self):
        """Raise CircuitOpen while the breaker is open."""
        if self.is_open:
            raise CircuitOpen(
                f"{self.name} left alone for {self.reset_seconds:g} s after a failure"
            )
