"""The Redis cache, failing fast while Redis is down.

django-redis already turns a Redis error into a cache miss (`DJANGO_REDIS_IGNORE_EXCEPTIONS`),
but tries Redis again at every cache call: a refused connection each time, a dozen times per
page (site root paths, the page cache, image renditions, search labels…). Measured with the
load test, that made an outage cost more than the missing cache itself. After a failure,
this backend leaves Redis alone for `FAIL_FAST_SECONDS` (5 by default): calls are cache misses
at once, then one call tries Redis again (the shared breaker, operations/breaker.py).
"""

from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted

from operations.breaker import CircuitBreaker, CircuitOpen


class FailFastRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self.breaker = CircuitBreaker("Redis", params.get("FAIL_FAST_SECONDS", 5))

    @property
    def client(self):
        return _FailFastClient(super().client, self)


class _FailFastClient:
    """Stands in front of django-redis's client: every call goes through `_call`."""

    __slots__ = ("_cache", "_client")

    def __init__(self, client, cache):
        self._client = client
        self._cache = cache

    def __getattr__(self, name):
        attribute = getattr(self._client, name)
        if not callable(attribute):
            return attribute

        def call(*args, **kwargs):
            breaker = self._cache.breaker
            try:
                breaker.check()
            except CircuitOpen as exc:  # shown in the ignored-exception log
                raise ConnectionInterrupted(connection=None) from exc
            try:
                return attribute(*args, **kwargs)
            except ConnectionInterrupted:
                breaker.failed()
                raise

        return call
