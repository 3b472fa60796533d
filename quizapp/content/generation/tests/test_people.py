"""People: who holds which office, asked both ways."""

import pytest

from quizapp.content.generation.people import office, people_items, roles_of, title_owner

CABINET = (
    "date 2024-03-01 India's Finance Minister, Ravi Menon, met India's Foreign Minister, "
    "Priya Das, in Delhi. India's President, Arun Rao, joined them later."
)


@pytest.fixture(scope="module")
def cabinet(read):
    [found] = read(CABINET)
    return found


def test_roles_are_read_from_apposition(cabinet):
    roles = {r.entity.answer: r.title for r in roles_of(cabinet.facts)}
    assert roles == {
        "Ravi Menon": "India's Finance Minister",
        "Priya Das": "India's Foreign Minister",
        "Arun Rao": "India's President",
    }


def test_who_holds_an_office_and_what_office_someone_holds(cabinet):
    asked = {q.prompt: q for q in people_items(cabinet.document, cabinet.doc)}
    who = asked["Who is India's Finance Minister?"]
    assert who.answer == "Ravi Menon"
    assert "Menon" in who.alternatives
    what = asked["What position does Ravi Menon hold?"]
    assert what.answer == "India's Finance Minister"
    assert "Finance Minister" in what.alternatives


def test_offices_and_their_owners():
    assert office("India's Finance Minister")
    assert title_owner("India's Finance Minister") == title_owner("India's President")
    assert title_owner("India's President") != title_owner("Peru's President")


def test_without_an_analysis_there_are_no_questions(cabinet):
    assert list(people_items(cabinet.document, None)) == []
