from datetime import UTC, datetime, timedelta

import pytest

from quizapp.study import scheduling

NOW = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)


def test_new_card_rated_good_stays_in_learning_for_minutes():
    fields = scheduling.review(None, rating=scheduling.GOOD, now=NOW)
    assert fields.last_review == NOW
    assert NOW < fields.due <= NOW + timedelta(minutes=15)
    assert fields.stability > 0


def test_easy_schedules_further_out_than_again():
    easy = scheduling.review(None, rating=scheduling.EASY, now=NOW)
    again = scheduling.review(None, rating=scheduling.AGAIN, now=NOW)
    assert easy.due > again.due
    assert easy.stability > again.stability


def test_round_trip_through_fsrs_card():
    fields = scheduling.review(None, rating=scheduling.GOOD, now=NOW)
    assert scheduling.from_card(scheduling.to_card(fields, now=NOW)) == fields


def test_recall_falls_with_time_and_is_zero_when_unstudied():
    fields = scheduling.review(None, rating=scheduling.GOOD, now=NOW)
    soon = scheduling.recall_probability(fields, now=NOW + timedelta(hours=1))
    later = scheduling.recall_probability(fields, now=NOW + timedelta(days=30))
    assert 0 < later < soon <= 1
    assert scheduling.recall_probability(None, now=NOW) == 0


@pytest.mark.parametrize("days", [0, 1, 3, 10, 45, 400])
@pytest.mark.parametrize("rating", [scheduling.AGAIN, scheduling.GOOD, scheduling.EASY])
def test_recall_matches_the_fsrs_reference(days, rating):
    fields = scheduling.review(None, rating=rating, now=NOW)
    fields = scheduling.review(fields, rating=scheduling.GOOD, now=NOW + timedelta(days=2))
    at = NOW + timedelta(days=2 + days, hours=5)
    reference = scheduling.scheduler().get_card_retrievability(
        scheduling.to_card(fields, now=at), current_datetime=at
    )
    assert scheduling.recall_probability(fields, now=at) == pytest.approx(reference, rel=1e-12)


def test_higher_retention_gives_shorter_intervals():
    fields = NOW
    state = None
    for _ in range(3):
        state = scheduling.review(state, rating=scheduling.GOOD, now=fields)
        fields = state.due
    loose = scheduling.review(state, rating=scheduling.GOOD, now=fields, desired_retention=0.8)
    strict = scheduling.review(state, rating=scheduling.GOOD, now=fields, desired_retention=0.97)
    assert strict.due < loose.due


def test_bad_rating_is_refused():
    with pytest.raises(ValueError, match="rating must be 1 to 4"):
        scheduling.review(None, rating=5, now=NOW)
