"""Key-fact generators as pure functions over text no eval document contains."""

import datetime as dt
import re

import pytest

from quizapp.content.generation.analysis import analyse
from quizapp.content.generation.candidates import fold
from quizapp.content.generation.cloze import cloze_items
from quizapp.content.generation.context import GenerationContext
from quizapp.content.generation.distractors import fixed_order, is_alias, pick_distractors
from quizapp.content.generation.events import events_items
from quizapp.content.generation.gazetteer import places_like, sort_of
from quizapp.content.generation.people import people_items
from quizapp.content.generation.pipeline import generate, status_for
from quizapp.content.generation.true_false import true_false_items
from quizapp.content.parsing import parse_document

ARTICLE = (
    "date 2024-02-17 Germany’s Chancellor, Olaf Scholz, met with French President Emmanuel "
    "Macron in Paris to discuss support for Ukraine. Both leaders pledged more help.\n\n"
    "Sultan Al Jaber, the chief executive of the Abu Dhabi National Oil Company, presided over "
    "the climate talks in Dubai in December.\n\n"
    "Canadian Prime Minister Justin Trudeau announced 500 million dollars in new aid, and "
    "Italy will host the next meeting in Rome in 2025.\n\n"
    "Polish President Andrzej Duda welcomed the decision."
)


@pytest.fixture(scope="module")
def article():
    document = parse_document(ARTICLE)
    [doc] = analyse([document])
    return document, doc


def asked(items, kind=None):
    """Prompt -> answer for question candidates (of one kind, if given)."""
    return {q.prompt: q.answer for q in items if kind is None or q.kind == kind}


def test_roles_from_apposition_and_titles_before_names(article):
    document, doc = article
    items = list(people_items(document, doc, None))
    questions = asked(items)
    assert questions["Who was Germany’s Chancellor in 2024?"] == "Olaf Scholz"
    assert questions["Who was the French President in 2024?"] == "Emmanuel Macron"
    assert questions["Who was the Canadian Prime Minister in 2024?"] == "Justin Trudeau"
    chief = questions["Who was the chief executive of the Abu Dhabi National Oil Company in 2024?"]
    assert chief.endswith("Al Jaber")
    assert questions["What position did Olaf Scholz hold in 2024?"] == "Germany’s Chancellor"


def test_role_multiple_choice_offers_officials_of_the_same_country_none_an_alias():
    text = (
        "date 2024-02-17 Germany’s Chancellor, Olaf Scholz, met Germany’s Foreign Minister, "
        "Annalena Baerbock, in Berlin. Germany’s Finance Minister, Christian Lindner, and "
        "Germany’s President, Frank Steinmeier, joined them. Scholz later flew to Paris."
    )
    document = parse_document(text)
    [doc] = analyse([document])
    [question] = [
        q
        for q in people_items(document, doc, None)
        if q.prompt == "Who was Germany’s Chancellor in 2024?" and q.kind == "multiple_choice"
    ]
    assert len(question.choices) == 4
    assert question.choices.count("Olaf Scholz") == 1
    assert all(not is_alias(c, "Olaf Scholz") for c in question.choices if c != "Olaf Scholz")
    assert set(question.choices) == {
        "Olaf Scholz",
        "Annalena Baerbock",
        "Christian Lindner",
        "Frank Steinmeier",
    }
    assert question.explanation == question.source_text
    assert question.source_text in document.text


def test_a_role_with_no_fellow_officials_is_typed(article):
    document, doc = article
    kinds = {
        q.kind
        for q in people_items(document, doc, None)
        if q.prompt == "Who was Germany’s Chancellor in 2024?"
    }
    # Only other countries' leaders are named: nationality alone would give it away.
    assert kinds == {"short_answer"}


def test_events_ask_where_whom_who_and_when(article):
    document, doc = article
    questions = asked(events_items(document, doc, None))
    assert questions["Where did Olaf Scholz meet with Emmanuel Macron?"] == "Paris"
    assert questions["Whom did Olaf Scholz meet with in Paris?"] == "Emmanuel Macron"
    assert questions["Where will Italy host the next meeting in 2025?"] == "Rome"
    assert questions["When will Italy host the next meeting in Rome?"] == "2025"
    # "Who" asks for a person: a country that hosts is not asked as "Who ...?".
    assert "Who will host the next meeting in Rome in 2025?" not in questions
    assert all(not p.startswith("Who ") or a != "Italy" for p, a in questions.items())
    # The lead event is dated by the document's date.
    assert questions["When did Olaf Scholz meet with Emmanuel Macron in Paris?"] == (
        "February 17, 2024"
    )


def test_dated_short_answer_accepts_other_spellings(article):
    document, doc = article
    [typed] = [
        q
        for q in events_items(document, doc, None)
        if q.kind == "short_answer" and q.answer == "February 17, 2024"
    ]
    assert {"2024-02-17", "17 February 2024", "February 17"} <= set(typed.alternatives)


def test_cloze_blanks_one_name_and_keeps_the_rest_of_the_sentence(article):
    document, doc = article
    clozes = list(cloze_items(document, doc, None))
    assert clozes
    for cloze in clozes:
        assert cloze.prompt.count("_____") == 1
        assert cloze.prompt.replace("_____", cloze.answer) == cloze.source_text
        rest = fold(cloze.prompt.replace("_____", " "))
        assert not re.search(r"(?<!\w)" + re.escape(fold(cloze.answer)) + r"(?!\w)", rest)
    answers = {c.answer for c in clozes}
    assert "Justin Trudeau" in answers
    # "Italy will host the next meeting in _____": a place beside its country is guessed.
    assert "Rome" not in answers


def test_cloze_never_blanks_a_name_the_sentence_repeats():
    text = "date 2024-01-01 Paris hosted the games, and Paris welcomed many visitors that summer."
    document = parse_document(text)
    [doc] = analyse([document])
    assert not [q for q in cloze_items(document, doc, None) if q.answer == "Paris"]


def test_true_false_pairs_a_statement_with_a_false_twin(article):
    document, doc = article
    statements = list(true_false_items(document, doc, None))
    truths = {q.prompt for q in statements if q.answer == "True"}
    falsehoods = {q.prompt for q in statements if q.answer == "False"}
    assert "Olaf Scholz was Germany’s Chancellor in 2024." in truths
    assert falsehoods
    for false in falsehoods:
        assert false not in truths
        assert not false.startswith("Olaf Scholz was Germany")
    assert all(q.choices == ("True", "False") for q in statements)


def test_distractors_skip_aliases_and_duplicates():
    wrong = pick_distractors(
        "Joe Biden",
        [["Biden", "President Joe Biden", "Kamala Harris", "Harris", "Donald Trump", "Obama"]],
    )
    assert wrong == ["Kamala Harris", "Donald Trump", "Obama"]
    assert is_alias("the US", "US") and is_alias("Biden", "Joe Biden")
    assert not is_alias("China’s President", "Russia’s President")


def test_distractors_come_from_other_documents_when_the_document_has_too_few():
    text = (
        "date 2024-05-01 The observatory opened near Santiago, Chile. Astronomer Vera Rubin "
        "studied galaxies in Chile for decades."
    )
    document = parse_document(text)
    [doc] = analyse([document])
    countries = ("Peru", "Chile", "Spain", "Norway")
    context = GenerationContext(
        pools={"place:GPE:state": countries, "place:GPE:local": ("Lima", "Madrid", "Oslo")}
    )
    where = [q for q in events_items(document, doc, context) if q.prompt.startswith("Where")]
    assert where and where[0].answer == "Chile"
    mc = [q for q in where if q.kind == "multiple_choice"]
    # Countries for a country, no cities; the gazetteer prefers Chile's neighbours to the
    # other documents' countries.
    assert mc and all(sort_of(choice) == "country" for choice in mc[0].choices)
    assert set(mc[0].choices) - {"Chile"} <= set(places_like("Chile", count=12))


def test_a_city_is_offered_with_cities_of_its_own_country():
    text = "date 2024-05-01 Astronomer Vera Rubin studied galaxies in Tucson for decades."
    document = parse_document(text)
    [doc] = analyse([document])
    context = GenerationContext(pools={"place:GPE:local": ("Lima", "Madrid", "Oslo")})
    where = [q for q in events_items(document, doc, context) if q.prompt.startswith("Where")]
    mc = [q for q in where if q.kind == "multiple_choice"]
    assert mc and mc[0].answer == "Tucson"
    assert not {"Lima", "Madrid", "Oslo"} & set(mc[0].choices)  # not cities of other lands
    assert all(sort_of(choice) == "city" for choice in mc[0].choices)


def test_choices_are_stored_in_one_fixed_shuffled_order():
    first = fixed_order("A", ["B", "C", "D"], seed="Who is it?")
    assert first == fixed_order("A", ["B", "C", "D"], seed="Who is it?")
    assert sorted(first) == ["A", "B", "C", "D"]
    orders = {fixed_order("A", ["B", "C", "D"], seed=f"q{n}").index("A") for n in range(20)}
    assert len(orders) > 1  # the answer is not always in the same place


def test_pipeline_publishes_a_few_of_each_fact_and_keeps_the_rest_as_drafts(article):
    document, doc = article
    items = generate(document, doc, GenerationContext(), threshold=0.6)
    published = [q for q in items.questions if status_for(q, 0.6) == "published"]
    drafts = [q for q in items.questions if status_for(q, 0.6) == "draft"]
    assert 3 <= len(published) <= max(10, document.word_count * 50 // 1000)
    assert drafts
    assert len({q.kind for q in published}) >= 3
    non_statements = [q for q in published if q.kind != "true_false"]
    facts = [q.fact for q in non_statements]
    assert len(facts) == len(set(facts))
    for question in items.questions:
        assert question.source_text in document.text
        assert (
            question.explanation_or_source() == question.source_text or question.generator == "faq"
        )
        if question.kind != "true_false":
            assert fold(question.answer) not in fold(question.prompt)


def test_generation_date_spelling():
    from quizapp.content.generation.short_answer import date_alternatives, spell_date

    day = dt.date(2023, 7, 11)
    assert spell_date(day) == "July 11, 2023"
    assert "2023-07-11" in date_alternatives(day)


def test_hyphenated_titles_and_quotes_cut_at_a_clause_end_read_whole():
    text = (
        "date 2024-03-03 UN Secretary-General António Guterres opened the session in Geneva. "
        "The summit’s president, Maria Lopez, called the agreement “historic”."
    )
    document = parse_document(text)
    [doc] = analyse([document])
    questions = asked([*people_items(document, doc, None), *events_items(document, doc, None)])
    assert questions["Who was the UN Secretary-General in 2024?"] == "António Guterres"
    assert questions["Who called the agreement “historic”?"] == "Maria Lopez"
