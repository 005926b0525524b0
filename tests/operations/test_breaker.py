"""The one circuit breaker shared by the Redis cache and the Elasticsearch backend."""

import pytest

from operations.breaker import CircuitBreaker, CircuitOpen


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_opens_after_a_failure_then_lets_one_call_try_again():
    clock = Clock()
    breaker = CircuitBreaker("Redis", 5, clock=clock)
    assert not breaker.is_open
    breaker.check()  # closed: nothing raised

    breaker.failed()
    assert breaker.is_open
    with pytest.raises(CircuitOpen, match="Redis left alone for 5 s after a failure"):
        breaker.check()
    clock.now += 4.9
    assert breaker.is_open
    clock.now += 0.2
    assert not breaker.is_open  # the interval is over: the next call tries again

    breaker.failed()
    assert breaker.is_open
    breaker.reset()
    assert not breaker.is_open


def test_each_backend_object_has_its_own_state():
    from search.backends.elasticsearch import ElasticsearchBackend

    first = ElasticsearchBackend("http://127.0.0.1:9", index_name="amap-test")
    second = ElasticsearchBackend("http://127.0.0.1:9", index_name="amap-test")
    first.connection_breaker.failed()
    first.search_breaker.failed()
    assert first.is_down() and first.search_breaker.is_open
    assert not second.is_down() and not second.search_breaker.is_open
