"""A Redis cache that fails open: when Redis is down or stalls, the app carries on without it.

Django's `RedisCache` raises when Redis cannot be reached, and every page that reads a
session, a rate limit or a login-lockout count answers 500. `FailOpenRedisCache` behaves
as a cache that misses instead: reads return the default, writes are dropped, and the
session, throttle and lockout code above it carry on (sessions from PostgreSQL, rate limits
and lockout paused) until Redis is back.

A circuit breaker keeps a stalled Redis (one that accepts connections and never answers)
from costing a socket timeout on every request: after one failure the process stops
calling Redis for `RETRY_SECONDS`, then lets a single call through to try again. While it
is open a warning is logged at most once a minute per process, not once per request.

Writes and deletes that could not reach Redis are remembered (up to `MAX_MISSED_KEYS`),
and their keys are deleted before anything else when Redis answers again: otherwise a
session changed or ended during the outage (a logout) would come back from the stale copy
Redis still holds.

Why not django-redis with `IGNORE_EXCEPTIONS`: it pays the socket timeout on every call
while Redis stalls, logs every ignored error, and is a second cache library beside Django's
own backend; this subclass keeps Django's backend and adds only the breaker.
"""

from __future__ import annotations

import logging
import threading
import time
from urllib.parse import urlsplit

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

# Errors that mean "Redis cannot be reached now", as opposed to a bug in how it is called.
UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
RETRY_SECONDS = 5.0
LOG_EVERY_SECONDS = 60.0
MAX_MISSED_KEYS = 10_000


class Breaker:
    """Whether to call Redis now; shared by every thread of a process for one location."""

    def __init__(self, where: str, *, retry_seconds: float | None = None):
        self.where = where
        self.retry_seconds = RETRY_SECONDS if retry_seconds is None else retry_seconds
        self.lock = threading.Lock()
        self.open_until = 0.0  # 0 while closed (Redis answers)
        self.down_since = 0.0
        self.probing = False
        self.last_logged = float("-inf")
        self.missed: set[tuple[str, int | None]] = set()
        self.missed_overflow = False

    @property
    def is_open(self) -> bool:
        return self.open_until > 0

    def allow(self) -> bool:
        """True if this call may go to Redis: closed, or the one trial call after a pause."""
        if not self.open_until:
            return True
        with self.lock:
            if self.probing or time.monotonic() < self.open_until:
                return False
            self.probing = True
            return True

    def failed(self, error: Exception) -> None:
        """A call could not reach Redis: stop calling it for a while, and say so (rarely)."""
        now = time.monotonic()
        with self.lock:
            if not self.open_until:
                self.down_since = now
            self.open_until = now + self.retry_seconds
            self.probing = False
            should_log = now - self.last_logged >= LOG_EVERY_SECONDS
            if should_log:
                self.last_logged = now
        if should_log:
            logger.warning(
                "Redis cache at %s unavailable (%s: %s); carrying on without it: cache "
                "misses, rate limits and login lockout paused. Trying again every %g s.",
                self.where,
                type(error).__name__,
                error,
                self.retry_seconds,
            )

    def succeeded(self) -> None:
        """A call reached Redis: close the breaker, and say so if it was open."""
        if not self.open_until:
            return
        with self.lock:
            if not self.open_until:
                return
            outage = time.monotonic() - self.down_since
            self.open_until = 0.0
            self.probing = False
            overflow, self.missed_overflow = self.missed_overflow, False
        logger.warning(
            "Redis cache at %s answers again after %.0f s%s.",
            self.where,
            outage,
            "; more writes were missed than remembered, so some entries may be stale until "
            "they expire"
            if overflow
            else "",
        )

    def take_missed(self) -> dict[int | None, list[str]]:
        """The keys whose write or delete Redis missed, by version, forgotten here."""
        with self.lock:
            missed, self.missed = self.missed, set()
        by_version: dict[int | None, list[str]] = {}
        for key, version in missed:
            by_version.setdefault(version, []).append(key)
        return by_version

    def remember(self, keys, version) -> None:
        """Note keys whose write or delete never reached Redis."""
        with self.lock:
            for key in keys:
                if len(self.missed) >= MAX_MISSED_KEYS:
                    self.missed_overflow = True
                    return
                self.missed.add((key, version))


_breakers: dict[str, Breaker] = {}
_breakers_lock = threading.Lock()


def breaker_for(location: str) -> Breaker:
    """The process's breaker for one Redis location (cache objects are per thread)."""
    with _breakers_lock:
        if location not in _breakers:
            _breakers[location] = Breaker(_without_password(location))
        return _breakers[location]


def _without_password(location: str) -> str:
    parts = urlsplit(location.split(",")[0])
    return f"{parts.hostname or '?'}:{parts.port or 6379}{parts.path or ''}"


class FailOpenRedisCache(RedisCache):
    """Django's RedisCache, but a Redis that is down or stalls makes it miss, never raise.

    Reads return the default, `add`/`touch`/`delete`/`has_key` return False, `set_many`
    returns every key as not stored, and `incr` counts from nothing (returns `delta`), so
    a rate limit or a login-lockout count starts again rather than failing the request.
    """

    def __init__(self, server, params):
        super().__init__(server, params)
        location = server if isinstance(server, str) else ",".join(server)
        self.breaker = breaker_for(location)

    def _call(self, method, fallback, *args, written_keys=(), version=None, **kwargs):
        if not self.breaker.allow():
            self.breaker.remember(written_keys, version)
            return fallback
        try:
            if self.breaker.is_open:
                # The one trial call after a pause: first delete what Redis missed, so that
                # not even this call can read an entry older than a write it never saw.
                self._forget_missed()
            result = method(*args, version=version, **kwargs)
        except UNREACHABLE as error:
            self.breaker.failed(error)
            self.breaker.remember(written_keys, version)
            return fallback
        if self.breaker.is_open:
            self.breaker.succeeded()
            try:
                self._forget_missed()  # writes other threads missed while this call tried
            except UNREACHABLE as error:
                self.breaker.failed(error)
        return result

    def _forget_missed(self) -> None:
        """Delete the entries whose change Redis missed; raises if it is still unreachable."""
        missed = self.breaker.take_missed()
        try:
            for version, keys in missed.items():
                super().delete_many(keys, version=version)
        except UNREACHABLE:
            for version, keys in missed.items():
                self.breaker.remember(keys, version)
            raise

    def is_available(self) -> bool:
        """Whether Redis answers now (a write and a read of a probe key)."""
        token = f"{time.time_ns()}"
        self.set("quizapp:probe", token, 10)
        return not self.breaker.is_open and self.get("quizapp:probe") == token

    def get(self, key, default=None, version=None):
        return self._call(super().get, default, key, default, version=version)

    def get_many(self, keys, version=None):
        return self._call(super().get_many, {}, keys, version=version)

    def has_key(self, key, version=None):
        return self._call(super().has_key, False, key, version=version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(
            super().add, False, key, value, timeout, written_keys=[key], version=version
        )

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(
            super().set, None, key, value, timeout, written_keys=[key], version=version
        )

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        keys = list(data)
        return self._call(super().set_many, keys, data, timeout, written_keys=keys, version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().touch, False, key, timeout, written_keys=[key], version=version)

    def delete(self, key, version=None):
        return self._call(super().delete, False, key, written_keys=[key], version=version)

    def delete_many(self, keys, version=None):
        keys = list(keys)
        return self._call(super().delete_many, None, keys, written_keys=keys, version=version)

    def incr(self, key, delta=1, version=None):
        return self._call(super().incr, delta, key, delta, written_keys=[key], version=version)

    def clear(self):
        if not self.breaker.allow():
            return False
        try:
            result = super().clear()
        except UNREACHABLE as error:
            self.breaker.failed(error)
            return False
        self.breaker.succeeded()
        return result
