"""Wrong answers: plausible, of the answer's kind, never another form of a choice."""

import datetime as dt

from quizapp.content.generation.distractors import (
    date_distractors,
    date_variants,
    fixed_order,
    is_alias,
    number_variants,
    pick_distractors,
)


def test_aliases_are_two_forms_of_one_thing():
    assert is_alias("Biden", "Joe Biden")
    assert is_alias("the Danube", "Danube")
    assert is_alias("US", "the United States")
    assert not is_alias("Lisbon", "Porto")


def test_distractors_skip_aliases_blocked_names_and_shared_surnames():
    pools = [
        ["Joe Biden", "Ada Park", "Park", "Ben Hale"],
        ["Cora Lin", "Cora Lin", "Dev Rao", "Eli Moss"],
    ]
    picked = pick_distractors("Biden", pools, avoid=["Ben Hale"])
    assert picked == ["Ada Park", "Cora Lin", "Dev Rao"]


def test_the_same_document_comes_first_and_no_more_than_wanted():
    picked = pick_distractors("Lisbon", [["Porto"], ["Madrid", "Paris", "Rome"]], wanted=2)
    assert picked == ["Porto", "Madrid"]


def test_choices_are_shuffled_once_the_same_way_every_time():
    first = fixed_order("Lisbon", ["Porto", "Madrid", "Paris"], seed="Where was it held?")
    again = fixed_order("Lisbon", ["Porto", "Madrid", "Paris"], seed="Where was it held?")
    assert first == again
    assert sorted(first) == ["Lisbon", "Madrid", "Paris", "Porto"]
    orders = {fixed_order("A", ["B", "C", "D"], seed=f"question {i}") for i in range(20)}
    assert len(orders) > 1
    assert {o.index("A") for o in orders} != {0}  # the answer is not always first


def test_amounts_keep_their_unit_and_shape():
    assert number_variants("5 litres") == ["6 litres", "4 litres", "7 litres"]
    assert number_variants("three bridges") == ["four bridges", "two bridges", "five bridges"]
    assert number_variants("Three bridges")[0] == "Four bridges"
    assert number_variants("9.79 seconds") == ["9.50 seconds", "10.08 seconds", "9.20 seconds"]
    big = number_variants("12,000 people")
    assert all(v.endswith(" people") and "," in v for v in big)
    assert number_variants("40 per cent") and all(
        float(v.split()[0]) < 100 for v in number_variants("90 per cent")
    )
    assert number_variants("many people") == []


def test_dates_vary_in_day_month_and_year_written_alike():
    variants = date_variants("28 June 1919")
    assert len(variants) == 3 and "28 June 1919" not in variants
    assert all(len(v.split()) == 3 for v in variants)
    assert date_variants("1919") == ["1918", "1920", "1921"]


def test_nearby_dates_are_spelled_like_the_answer():
    day = dt.date(2020, 3, 10)
    found = date_distractors(day, spell=lambda d: d.isoformat())
    assert found == ["2020-03-07", "2020-03-14", "2020-02-08"]
