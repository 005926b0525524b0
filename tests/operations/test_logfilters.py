"""A Redis outage is logged, once a minute, not at every cache call."""

import logging
import socket
import time

from django.test import override_settings

import pytest
from django_redis.cache import RedisCache

from operations.logfilters import RateLimitFilter


def closed_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Records(logging.Handler):
    def __init__(self):
        super().__init__()
        self.records = []

    def emit(self, record):
        self.records.append(record)


@pytest.fixture
def redis_log():
    logger = logging.getLogger("django_redis.cache")
    [limit] = [f for f in logger.filters if isinstance(f, RateLimitFilter)]
    limit._last.clear()
    limit._held_back.clear()
    handler = Records()
    logger.addHandler(handler)
    yield handler.records, limit
    logger.removeHandler(handler)


@override_settings(DJANGO_REDIS_IGNORE_EXCEPTIONS=True, DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS=True)
def test_redis_down_degrades_and_logs_once(redis_log):
    records, limit = redis_log
    # A real django-redis cache, on a port where no Redis listens.
    cache = RedisCache(f"redis://127.0.0.1:{closed_port()}/0", {})

    for n in range(25):
        assert cache.get(f"key-{n}") is None  # no cache, no error
        cache.set(f"key-{n}", n)

    assert len(records) == 1
    assert records[0].exc_info is not None  # the first one keeps its traceback

    limit._last = dict.fromkeys(limit._last, time.monotonic() - 61)  # a minute later
    cache.get("after-a-minute")
    assert len(records) == 2
    assert "[49 more like this in the last 60 s]" in records[1].getMessage()
