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
    who = asked["Who was India's Finance Minister in 2024?"]
    assert who.answer == "Ravi Menon"
    assert "Menon" in who.alternatives
    what = asked["What position did Ravi Menon hold in 2024?"]
    assert what.answer == "India's Finance Minister"
    assert "Finance Minister" in what.alternatives


def test_offices_and_their_owners():
    assert office("India's Finance Minister")
    assert title_owner("India's Finance Minister") == title_owner("India's President")
    assert title_owner("India's President") != title_owner("Peru's President")


def test_without_an_analysis_there_are_no_questions(cabinet):
    assert list(people_items(cabinet.document, None)) == []


def test_an_office_in_an_undated_text_is_asked_in_the_present(read):
    [text] = read("Norland's Finance Minister, Ravi Menon, met bankers in Delhi.")
    prompts = {q.prompt for q in people_items(text.document, text.doc)}
    assert "Who is Norland's Finance Minister?" in prompts
    assert not any("2024" in p for p in prompts)
