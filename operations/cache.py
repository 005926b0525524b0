"""The Redis cache, failing fast while Redis is down.

django-redis already turns a Redis error into a cache miss (`DJANGO_REDIS_IGNORE_EXCEPTIONS`),
but tries Redis again at every cache call: a refused connection each time, a dozen times per
page (site root paths, the page cache, image renditions, search labels…). Measured with the
load test, that made an outage cost more than the missing cache itself. After a failure,
this backend leaves Redis alone for `FAIL_FAST_SECONDS` (5 by default): calls are cache misses
at once, then one call tries Redis again.
"""

import time

from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted


class RedisLeftAlone(ConnectionError):
    """Why a call did not reach Redis (shown in the ignored-exception log)."""


class FailFastRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self.fail_fast_seconds = float(params.get("FAIL_FAST_SECONDS", 5))
        self.down_until = 0.0

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
            cache = self._cache
            if time.monotonic() < cache.down_until:
                raise ConnectionInterrupted(connection=None) from RedisLeftAlone(
                    f"Redis left alone for {cache.fail_fast_seconds:g} s after a failure"
                )
            try:
                return attribute(*args, **kwargs)
            except ConnectionInterrupted:
                cache.down_until = time.monotonic() + cache.fail_fast_seconds
                raise

        return call
