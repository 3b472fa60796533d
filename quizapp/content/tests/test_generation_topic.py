"""Questions a reader answers without the text: its own subject, or a name the prompt gives."""

from quizapp.content.generation.analysis import analyse, facts_of
from quizapp.content.generation.candidates import QuestionCandidate
from quizapp.content.generation.pipeline import generate
from quizapp.content.generation.topic import askable
from quizapp.content.parsing import parse_document


def questions(text: str) -> list:
    document = parse_document(text)
    [doc] = analyse([document])
    return generate(document, doc, None, threshold=0.0).questions


RIVER = (
    "The Varna is the longest river in Ruritania, flowing for about 640 kilometres from "
    "the Kessel Hills to the Amber Sea.\n\n"
    "The Varna passes through three cities, Ostrov, Belgrin and Tolmach, before it "
    "reaches its delta.\n\n"
    "Barges have carried timber on the Varna since 1820, when the Harrow Canal joined it "
    "to the Lentz River."
)


def test_the_text_s_own_subject_is_not_the_answer():
    asked = questions(RIVER)
    assert asked, "the text still gives questions"
    assert all(q.answer != "Varna" for q in asked)
    assert any(q.answer == "Harrow Canal" for q in asked)


def test_a_name_the_text_is_about_is_not_asked_in_part():
    text = (
        "Airbus's Skylark, the largest airship ever built, landed safely at the Kestrel "
        "airfield in Norwick after a 40-hour test flight.\n\n"
        "The Skylark carried a crew of six and 12 tonnes of cargo.\n\n"
        "Minister Alan Doyle congratulated Airbus on the flight of the Skylark."
    )
    answers = {q.answer for q in questions(text)}
    assert answers, "the text still gives questions"
    assert not answers & {"Airbus", "Skylark", "Airbus's Skylark"}


def candidate(prompt: str, answer: str) -> QuestionCandidate:
    return QuestionCandidate(
        kind="short_answer", prompt=prompt, answer=answer, source_text="", generator="t", score=1
    )


def test_a_place_phrase_naming_the_answer_is_left_out_of_the_question():
    asked = askable(
        candidate(
            "What was signed in 1648 in the Town Hall at the Palace of Muenster?",
            "Peace of Muenster",
        ),
        None,
    )
    assert asked is not None
    assert asked.prompt == "What was signed in 1648 in the Town Hall?"


def test_a_question_that_names_its_answer_otherwise_is_dropped():
    assert askable(candidate("Who founded the Muenster Academy?", "Muenster"), None) is None


def test_a_count_or_a_lower_case_word_is_no_giveaway():
    assert askable(candidate("How many Oscars did the film win?", "four Oscars"), None)
    assert askable(
        candidate("Where were the terms of the peace worked out?", "Paris Peace Conference"),
        None,
    )


def test_the_noun_the_lead_gives_the_subject_is_named_in_a_question():
    text = (
        "The Varna is the longest river in Ruritania, flowing for about 640 kilometres "
        "from the Kessel Hills to the Amber Sea.\n\n"
        "The river is formed in the town of Ostrov, where two small streams join together. "
        "The Varna passes through three cities before it reaches its delta."
    )
    document = parse_document(text)
    [doc] = analyse([document])
    asked = askable(candidate("Where is the river formed?", "Ostrov"), facts_of(doc))
    assert asked is not None and asked.prompt == "Where is the Varna formed?"
