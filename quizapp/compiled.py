"""Queries the ORM compiles once per process and runs again with other values.

Building a query through the ORM costs far more Python than the database needs to run a
small one (about 0.8 ms against 0.1 ms on a 2-core server), and the hottest paths (every
answer, every rating, every page's due badge) run the same few queries thousands of times
with other ids and times. A `CompiledQuery` builds its queryset once, with stand-in
values, keeps the SQL and parameters the ORM compiled for it, and runs that SQL with the
real values in their place. The SQL is always the ORM's own: locks, joins and quoting
stay its business; only the values change.

    attempt_query = CompiledQuery(
        lambda attempt, student: Attempt.objects.filter(pk=attempt, student_id=student),
        attempt=Id, student=Id,
    )
    attempt_query.instances(attempt=7, student=3)  # [<Attempt 7>] or []

Stand-ins are kinds of value (`Id`, `Time`): each parameter gets a value of its kind that
no real row uses, so it can be found again among the compiled parameters.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from django.db import connection
from django.db.models import Model, QuerySet

Id = "id"
Time = "time"

_serial = itertools.count(1)


def _stand_in(kind: str):
    """A value of `kind` that no real row uses, different from every other stand-in."""
    n = next(_serial)
    if kind == Id:
        return -1_900_000_000 - n  # negative, and in range of a 32-bit integer column
    if kind == Time:
        return datetime(2001, 2, 3, 4, 5, 6, tzinfo=UTC) + timedelta(microseconds=n)
    raise ValueError(f"Unknown stand-in kind {kind!r}: use Id or Time.")


def _adapted(value):
    """A value as the backend passes it to the database, to compare with compiled params."""
    if isinstance(value, datetime):
        return connection.ops.adapt_datetimefield_value(value)
    return value


class CompiledQuery:
    """A queryset built by `build(**values)`, compiled once per database vendor."""

    def __init__(self, build: Callable[..., QuerySet], **kinds: str):
        self.build = build
        self.kinds = kinds
        self._compiled: dict[str, tuple[QuerySet, str, list]] = {}

    def _sql(self) -> tuple[QuerySet, str, list]:
        """(the stand-in queryset, its SQL, each parameter's name or constant value)."""
        vendor = connection.vendor
        if vendor not in self._compiled:
            stand_ins = {name: _stand_in(kind) for name, kind in self.kinds.items()}
            queryset = self.build(**stand_ins)
            sql, params = queryset.query.sql_with_params()
            names = {_adapted(value): name for name, value in stand_ins.items()}
            slots = [("value", names[p]) if p in names else ("constant", p) for p in params]
            missing = set(stand_ins) - {value for kind, value in slots if kind == "value"}
            if missing:
                raise ValueError(f"The query does not use {', '.join(sorted(missing))}.")
            self._compiled[vendor] = (queryset, sql, slots)
        return self._compiled[vendor]

    def _params(self, values: dict) -> list:
        if set(values) != set(self.kinds):
            raise TypeError(f"Give exactly {', '.join(sorted(self.kinds))}.")
        _queryset, _sql, slots = self._sql()
        return [_adapted(values[slot]) if kind == "value" else slot for kind, slot in slots]

    def instances(self, **values) -> list[Model]:
        """The rows as model instances (`Manager.raw`; the queryset must select a model)."""
        queryset, sql, _slots = self._sql()
        return list(queryset.model.objects.raw(sql, self._params(values)))

    def first(self, **values) -> Model | None:
        """The first instance, or None when there is no row."""
        rows = self.instances(**values)
        return rows[0] if rows else None

    def rows(self, **values) -> list[tuple]:
        """Every row as a tuple of its columns as the database driver gives them."""
        _queryset, sql, _slots = self._sql()
        with connection.cursor() as cursor:
            cursor.execute(sql, self._params(values))
            return cursor.fetchall()

    def value(self, **values):
        """The first column of the first row, or None when there is no row."""
        rows = self.rows(**values)
        return rows[0][0] if rows else None


class CompiledPerCount:
    """A query over a list of ids, compiled once per length of the list (`CompiledQuery`).

    `build(ids, **values)` gets the list as `ids`; `kinds` name the kinds of the others.
    """

    def __init__(self, build: Callable[..., QuerySet], **kinds: str):
        self.build = build
        self.kinds = kinds
        self._by_count: dict[int, CompiledQuery] = {}

    def _query(self, ids: list[int], values: dict) -> tuple[CompiledQuery, dict]:
        names = [f"id{i}" for i in range(len(ids))]
        if len(ids) not in self._by_count:

            def build(**given):
                return self.build(ids=[given.pop(name) for name in names], **given)

            self._by_count[len(ids)] = CompiledQuery(
                build, **self.kinds, **dict.fromkeys(names, Id)
            )
        return self._by_count[len(ids)], {**values, **dict(zip(names, ids, strict=True))}

    def instances(self, ids: list[int], **values) -> list[Model]:
        query, values = self._query(ids, values)
        return query.instances(**values)

    def first(self, ids: list[int], **values) -> Model | None:
        query, values = self._query(ids, values)
        return query.first(**values)
