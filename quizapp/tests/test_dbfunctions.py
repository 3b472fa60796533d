"""Database functions give the same figures on SQLite and PostgreSQL."""

from datetime import UTC, datetime

import pytest

from quizapp.content.models import Document
from quizapp.content.tests.factories import DocumentFactory
from quizapp.dbfunctions import EpochSeconds

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2026, 11, 30, 6, 5, 4, 654321, tzinfo=UTC),  # with microseconds
        datetime(2026, 11, 30, 6, 5, 4, tzinfo=UTC),  # stored without a fraction
        datetime(1999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
    ],
)
def test_epoch_seconds_is_the_moments_timestamp_to_the_microsecond(moment):
    document = DocumentFactory()
    Document.objects.filter(pk=document.pk).update(updated_at=moment)
    seconds = (
        Document.objects.filter(pk=document.pk)
        .values_list(EpochSeconds("updated_at"), flat=True)
        .get()
    )
    assert seconds == pytest.approx(moment.timestamp(), abs=1e-6)
