"""Key facts generation used to leave unasked, checked on small made-up texts."""

from quizapp.content.generation.analysis import analyse
from quizapp.content.generation.arguments import arguments_items
from quizapp.content.generation.cloze import cloze_items
from quizapp.content.parsing import parse_document


def parsed(text: str):
    document = parse_document(text)
    [doc] = analyse([document])
    return document, doc


def blanks(text: str) -> dict[str, str]:
    """Answer -> prompt of every cloze candidate."""
    document, doc = parsed(text)
    return {q.answer: q.prompt for q in cloze_items(document, doc, None)}


def test_a_sentence_leaning_on_it_is_blanked_after_the_sentence_that_names_it():
    text = (
        "Fresh water from the hills collects in a deep reservoir above the town. "
        "It flows through the Kessler Tunnel into the old mill race below the church."
    )
    prompt = blanks(text)["Kessler Tunnel"]
    assert prompt.startswith("Fresh water from the hills collects in a deep reservoir")
    assert prompt.endswith("It flows through the _____ into the old mill race below the church.")


def test_no_blank_where_it_has_nothing_named_before_it():
    text = (
        "On Monday they said that it could work after all. "
        "It flows through the Kessler Tunnel into the old mill race below the church."
    )
    assert "Kessler Tunnel" not in blanks(text)


def test_two_names_joined_by_and_are_each_blanked():
    text = (
        "Late on the second night, two British cave divers, Peter Hallam and Oliver Marsh, "
        "found the missing walkers on a ledge far inside the mountain."
    )
    found = blanks(text)
    assert found["Peter Hallam"].startswith(
        "Late on the second night, two British cave divers, _____ and Oliver Marsh,"
    )
    assert "_____, found the missing walkers" in found["Oliver Marsh"]


def test_a_place_with_the_place_around_it_is_blanked_but_not_the_one_it_gives_away():
    text = (
        "The final of the regional cup was played at the Harbour Stadium in Ostravia, "
        "in front of a crowd of almost forty thousand people on a cold evening."
    )
    found = blanks(text)
    assert "Harbour Stadium" in found
    assert "Ostravia" not in found  # the stadium says where it is


def test_a_name_built_on_of_is_asked_as_a_what_subject():
    text = (
        "The Bank of Westmark was founded on 3 May 1822 in the Great Hall of the castle. "
        "It grew fast."
    )
    document, doc = parsed(text)
    asked = {q.prompt: q.answer for q in arguments_items(document, doc, None)}
    assert any(
        prompt.startswith("What was founded on 3 May 1822") and answer == "Bank of Westmark"
        for prompt, answer in asked.items()
    ), asked
