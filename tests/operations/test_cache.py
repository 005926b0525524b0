"""The Redis cache (the machine's real Redis at 127.0.0.1:6379): a cache when Redis is up;
misses at once, without errors, when it is down."""

import socket
import uuid

import pytest
import redis.connection

from operations.cache import FailFastRedisCache

REDIS = "redis://127.0.0.1:6379/9"


def closed_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def connection_attempts(monkeypatch):
    """Counts real connection attempts (a spy: the real method still runs)."""
    attempts = []
    original = redis.connection.AbstractConnection.connect

    def connect(self, *args, **kwargs):
        attempts.append(self.port)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(redis.connection.AbstractConnection, "connect", connect)
    return attempts


def make_cache(location):
    return FailFastRedisCache(location, {"FAIL_FAST_SECONDS": 5, "KEY_PREFIX": "t"})


def test_works_as_a_cache_when_redis_is_up():
    cache = make_cache(REDIS)
    key = f"k-{uuid.uuid4()}"
    cache.set(key, {"a": 1}, 30)
    assert cache.get(key) == {"a": 1}
    assert cache.add(f"{key}-n", 1)
    assert cache.incr(f"{key}-n") == 2
    cache.delete_many([key, f"{key}-n"])
    assert cache.get(key, "absent") == "absent"


def test_redis_down_means_misses_and_one_attempt_per_interval(settings, connection_attempts):
    settings.DJANGO_REDIS_IGNORE_EXCEPTIONS = True
    port = closed_port()
    cache = make_cache(f"redis://127.0.0.1:{port}/0")

    for n in range(20):
        assert cache.get(f"key-{n}", "default") == "default"
        assert cache.set(f"key-{n}", n) is None
    assert connection_attempts.count(port) == 1

    cache.breaker.reset()  # the interval is over: Redis is tried again
    assert cache.get("again") is None
    assert connection_attempts.count(port) == 2
