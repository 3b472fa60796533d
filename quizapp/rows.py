"""Model instances from hand-written SQL, their values converted exactly as the ORM would.

Django compiles a queryset's SQL anew on every call and builds each instance through its
generic iterator. For a four-row read PostgreSQL needs well under a tenth of a millisecond,
while the ORM spends about one millisecond of Python around it. A quiz step makes such reads
on every request, so its hottest ones use a fixed SQL string instead: `columns()` gives a
model's column list for the SELECT and turns a slice of a result row back into an instance
through the same database converters and `Model.from_db` the ORM uses.

Use it only where a benchmark shows the difference; everywhere else the ORM reads better.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from django.db import connections
from django.db.models import Model


class Columns:
    """A model's concrete columns under a table alias, for one database connection."""

    def __init__(self, model: type[Model], alias: str, using: str):
        connection = connections[using]
        quote = connection.ops.quote_name
        fields = model._meta.concrete_fields
        self.model = model
        self.using = using
        self.attnames = [field.attname for field in fields]
        self.width = len(fields)
        self.sql = ", ".join(f"{alias}.{quote(field.column)}" for field in fields)
        self._converters = []
        for position, field in enumerate(fields):
            column = field.get_col(alias)
            found = connection.ops.get_db_converters(column) + field.get_db_converters(connection)
            if found:
                self._converters.append((position, column, found))

    def instance(self, row: Sequence, start: int = 0) -> Model:
        """The instance held in `row[start:start + width]`, as a queryset would return it."""
        values = list(row[start : start + self.width])
        connection = connections[self.using]
        for position, column, converters in self._converters:
            value = values[position]
            for converter in converters:
                value = converter(value, column, connection)
            values[position] = value
        return self.model.from_db(self.using, self.attnames, values)


@cache
def _columns(model: type[Model], alias: str, using: str, vendor: str) -> Columns:
    return Columns(model, alias, using)


def columns(model: type[Model], alias: str, using: str = "default") -> Columns:
    """The (cached) column list of `model` under `alias` on database `using`."""
    return _columns(model, alias, using, connections[using].vendor)


def table(model: type[Model], using: str = "default") -> str:
    """The model's table name, quoted for the database."""
    return connections[using].ops.quote_name(model._meta.db_table)


def for_update(alias: str, using: str = "default") -> str:
    """The clause that locks the rows read from table `alias` until the transaction ends.

    Empty where the database has no row locks (SQLite, which runs one write at a time).
    """
    features = connections[using].features
    if not features.has_select_for_update:
        return ""
    return f" FOR UPDATE OF {alias}" if features.has_select_for_update_of else " FOR UPDATE"
