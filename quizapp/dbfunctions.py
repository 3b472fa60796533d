"""Database functions the ORM does not ship, each written once for every database we run on."""

from django.db.models import FloatField, Func


class EpochSeconds(Func):
    """A date and time as seconds since 1970-01-01 UTC, a float.

    For reads of thousands of timestamps that only do arithmetic with them (a class report's
    memory states): a float is read far faster than a timestamp is turned into a datetime.
    """

    output_field = FloatField()
    arity = 1

    def as_postgresql(self, compiler, connection, **extra_context):
        # date_part() computes in double precision; EXTRACT() returns a numeric (PostgreSQL
        # 14 on), several times slower to compute and to cast, for the same value: both are
        # the microseconds since 1970 divided by a million, rounded once.
        return self.as_sql(
            compiler,
            connection,
            template="date_part('epoch', %(expressions)s)",
            **extra_context,
        )

    def as_sqlite(self, compiler, connection, **extra_context):
        # Django stores "YYYY-MM-DD HH:MM:SS[.ffffff]" in UTC: whole seconds from strftime,
        # of the text before the fraction, plus the fraction as written (strftime and
        # julianday() would round it to milliseconds, or to the next second).
        sql, params = compiler.compile(self.get_source_expressions()[0])
        seconds = f"CAST(strftime('%%s', substr({sql}, 1, 19)) AS REAL)"
        fraction = f"CAST(substr({sql}, 20) AS REAL)"
        return f"({seconds} + {fraction})", (*params, *params)
