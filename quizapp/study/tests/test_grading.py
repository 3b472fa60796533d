import pytest

from quizapp.study.grading import grade_typed_answer, normalise_answer


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("  The Eiffel Tower! ", "eiffel tower"),
        ("São Paulo", "sao paulo"),
        ("an Apple", "apple"),
        ("O'Brien", "obrien"),
    ],
)
def test_normalise_answer(given, expected):
    assert normalise_answer(given) == expected


@pytest.mark.parametrize(
    "given",
    ["Gediminas", "gediminas", "GEDIMINAS.", "Gedimnas", "Grand Duke Gediminas", "the gediminas"],
)
def test_lenient_matches(given):
    assert grade_typed_answer(
        given=given, answer="Gediminas", alternatives=["Grand Duke Gediminas"]
    )


@pytest.mark.parametrize("given", ["", "   ", "Mindaugas", "Ged", "1988"])
def test_wrong_answers(given):
    assert not grade_typed_answer(given=given, answer="Gediminas", alternatives=[])


def test_accents_ignored():
    assert grade_typed_answer(given="Jose Marti", answer="José Martí", alternatives=[])


def test_numbers_must_match_exactly():
    assert grade_typed_answer(given="1989", answer="1989", alternatives=[])
    assert not grade_typed_answer(given="1988", answer="1989", alternatives=[])
    assert not grade_typed_answer(given="in 1988", answer="in 1989", alternatives=[])


def test_short_answers_allow_no_typo():
    assert not grade_typed_answer(given="cet", answer="cat", alternatives=[])
