"""Logging filters.

When Redis is down, django-redis ignores the error (the site works without its cache) and logs
it, with its traceback, at every cache call: several per request. Logged like that, an outage
fills the disk and costs the workers more than the missing cache does. `RateLimitFilter` lets
one record of a kind through per interval and says, on the next one, how many it held back.
"""

import logging
import threading
import time


class RateLimitFilter(logging.Filter):
    def __init__(self, seconds=60):
        super().__init__()
        self.seconds = seconds
        self._lock = threading.Lock()
        self._last = {}
        self._held_back = {}

    def filter(self, record):
        key = (record.name, record.levelno, str(record.msg))
        now = time.monotonic()
        with self._lock:
            last = self._last.get(key)
            if last is not None and now - last < self.seconds:
                self._held_back[key] = self._held_back.get(key, 0) + 1
                return False
            self._last[key] = now
            held_back = self._held_back.pop(key, 0)
        if held_back:
            record.msg = f"{record.msg} [{held_back} more like this in the last {self.seconds} s]"
        return True
