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


def test_a_place_after_a_preposition_is_where_a_leader_is_not_whose(read):
    [text] = read(
        "date 1906-04-19 The governor has hurried to Oakland, and in Washington President "
        "Roosevelt has promised help."
    )
    titles = {r.title for r in roles_of(text.facts)}
    assert "Washington President" not in titles
    assert not any(
        "Washington President" in q.prompt for q in people_items(text.document, text.doc)
    )


def test_a_role_in_a_paragraph_about_a_year_before_the_era_is_asked_with_that_year(read):
    [text] = read(
        "date 2025-09-29 In 221 BC the king of Qin conquered the last of his rivals. He is "
        "known to history as Qin Shi Huang, the First Emperor of Qin."
    )
    prompts = {q.prompt for q in people_items(text.document, text.doc)}
    assert "Who was the First Emperor of Qin in 221 BC?" in prompts
    assert not any("2025" in p for p in prompts)


def test_a_texts_own_time_dates_its_roles_not_the_day_it_was_written(read):
    [fire] = read(
        "date 2026-01-12 The Great Fire of London broke out in September 1666.\n\n"
        "The Lord Mayor of London, Thomas Bloodworth, was woken and came to look. The "
        "inventor of the fire engine, Richard Newsham, was not yet born."
    )
    prompts = {q.prompt for q in people_items(fire.document, fire.doc)}
    assert "Who was the Lord Mayor of London in 1666?" in prompts, prompts
    assert not any("2026" in p for p in prompts)


def test_an_office_that_does_not_say_whose_is_not_asked_by_its_title_alone(read):
    [crisis] = read(
        "date 1962-10-28 A U-2 was shot down over Cuba on Saturday and its pilot, Major "
        "Rudolf Anderson, was killed."
    )
    prompts = {q.prompt for q in people_items(crisis.document, crisis.doc)}
    assert not any(p.startswith("Who was the Major") and p.endswith("in 1962?") for p in prompts)


def test_a_form_of_address_is_no_office(read):
    [text] = read(
        "date 1947-08-16 In Karachi yesterday Mr Karim Shah, the leader of the Union Party, "
        "was sworn in as Governor."
    )
    titles = {r.title for r in roles_of(text.facts)}
    assert "the leader of the Union Party" in titles
    assert not any(t.split()[-1].rstrip(".") == "Mr" for t in titles), titles


def test_a_report_of_its_own_time_dates_no_role_by_an_old_year_it_mentions(read):
    [text] = read(
        "date 1976-07-19 The crowd in the Norland Forum fell silent as the scores of 1976 "
        "came up.\n\nThe sport has been part of the Games since 1896. The Mayor of Norland, "
        "Mr Jean Talbot, brought the Games to the city."
    )
    prompts = {q.prompt for q in people_items(text.document, text.doc)}
    assert not any("1896" in p for p in prompts), prompts
