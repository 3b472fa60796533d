"""Pronouns and bare definites name what they stand for, or the question is not asked."""

import pytest

from quizapp.content.generation.references import (
    Reference,
    definites_in,
    references_in,
    resolve,
    sentence_holding,
    sentences_holding,
    short_names_in,
)

ONE_PERSON = (
    "Marta Kowalski founded the Lantern Theatre in Leeds in 1987. She directed its first play."
)
TWO_PEOPLE = "Marta Kowalski met Helen Brandt in Leeds. She later wrote a novel."
CANAL = "The Orvane Canal was opened in 1902. The canal carries grain to the coast."


@pytest.fixture(scope="module")
def texts(read):
    return read(ONE_PERSON, TWO_PEOPLE, CANAL)


def test_she_is_the_person_named_before(texts):
    facts = texts[0].facts
    sentence = sentence_holding(facts, "She directed its first play.")
    assert sentence is not None and sentence.index == 1
    found = {r.word: r.name for r in references_in(facts, sentence)}
    assert found["She"] == "Marta Kowalski"
    prompt = resolve("She directed _____.", references_in(facts, sentence))
    assert prompt == "Marta Kowalski directed _____."


def test_she_after_two_people_stays_unresolved_and_the_question_is_not_asked(texts):
    facts = texts[1].facts
    sentence = facts.sentences[1]
    [she] = references_in(facts, sentence)
    assert she.word == "She" and she.name == ""
    assert resolve("She later wrote _____.", [she]) is None


def test_a_pronoun_the_question_asks_around_leaves_it_as_it_is():
    unclear = Reference("she", "", False)
    assert resolve("Who wrote a novel?", [unclear]) == "Who wrote a novel?"


def test_a_possessive_becomes_the_name_with_its_apostrophe():
    his = Reference("his", "Tomas Reyes", True)
    assert resolve("What was his first film?", [his]) == "What was Tomas Reyes\u2019s first film?"


def test_a_pronoun_already_named_earlier_in_the_prompt_is_kept():
    she = Reference("she", "Marta Kowalski", False)
    prompt = "Marta Kowalski said she would direct _____."
    assert resolve(prompt, [she]) == prompt


def test_the_canal_names_the_canal_the_text_introduced(texts):
    facts = texts[2].facts
    [definite] = definites_in(facts, facts.sentences[1])
    assert definite.word == "The canal"
    assert definite.name == "the Orvane Canal"
    assert resolve("The canal carries _____.", [definite]) == "The Orvane Canal carries _____."
    assert definites_in(facts, facts.sentences[0]) == []


def test_them_for_people_of_the_sentence_before_is_named_or_not_asked(read):
    from quizapp.content.generation.candidates import QuestionCandidate
    from quizapp.content.generation.rules import Situation, apply_rules

    [text] = read(
        "Peru's Finance Minister, Ravi Menon, met Peru's Foreign Minister, Priya Das, in Lima. "
        "Peru's President, Arun Rao, joined them later."
    )
    asked = QuestionCandidate(
        "short_answer",
        "Who joined them later?",
        "Arun Rao",
        text.facts.sentences[1].text,
        "events",
        0.6,
    )
    kept, _ = apply_rules(asked, Situation(text.facts))
    assert kept is None or "them" not in kept.prompt


DESCRIBED = (
    "Delmar Industries, the oldest textile firm in Yorkshire, closed its doors in 1998. "
    "Vortek Group, another textile firm, bought its looms. Delmar Industries had employed "
    "2,000 people, and Delmar Industries kept its archive. The firm was founded in 1820."
)
TWO_CANALS = (
    "The Orvane Canal links the Sella with the sea. Like the Brisk Canal, it was dug by hand. "
    "The canal opened in 1902."
)


def test_the_firm_names_the_name_the_text_described_as_a_firm(read):
    [text] = read(DESCRIBED)
    facts = text.facts
    # Two names were called a firm: the one the text names clearly most often.
    [firm] = definites_in(facts, facts.sentences[3])
    assert (firm.word, firm.name) == ("The firm", "Delmar Industries")
    assert resolve("The firm was founded in _____.", [firm]) == (
        "Delmar Industries was founded in _____."
    )


def test_a_name_ending_in_the_noun_keeps_its_article(read):
    [text] = read(
        "The Veld Desert is the driest desert on Earth. In the 19th century the desert "
        "became valuable for its salt."
    )
    facts = text.facts
    [desert] = definites_in(facts, facts.sentences[1])
    assert desert.name == "the Veld Desert"
    assert resolve("In the _____ the desert became valuable.", [desert]) == (
        "In the _____ the Veld Desert became valuable."
    )


def test_of_two_names_ending_in_canal_the_one_the_text_opens_with_wins(read):
    [text] = read(TWO_CANALS)
    facts = text.facts
    [canal] = definites_in(facts, facts.sentences[2])
    assert canal.name == "the Orvane Canal"


def test_a_capitalised_word_standing_for_a_longer_name_is_named(read):
    [text] = read(
        "Merchants of the Baltic towns formed the Vendish League in 1241. "
        "The League traded furs and grain for two centuries."
    )
    [league] = definites_in(text.facts, text.facts.sentences[1])
    assert (league.word, league.name) == ("The League", "the Vendish League")


def test_the_country_is_the_country_the_text_names_most_or_nobody(read):
    one, two, three = read(
        "Japan opened its ports in 1854. Japan built railways. The country's first railway "
        "opened in 1872.",
        "Peru and Chile signed a treaty in 1929. The country's border was fixed by it.",
        "Japan opened its ports in 1854. Japan built railways. Korea's king, the country's "
        "ruler, sent envoys in 1876.",
    )
    [country] = definites_in(one.facts, one.facts.sentences[2])
    assert resolve("The country's first railway opened in _____.", [country]) == (
        "Japan's first railway opened in _____."
    )
    assert definites_in(two.facts, two.facts.sentences[1]) == []  # two countries, one each
    assert definites_in(three.facts, three.facts.sentences[2]) == []  # Korea is nearer


def test_the_country_named_is_written_without_a_the_the_text_gives_only_a_longer_word(read):
    [text] = read(
        "Japan opened its ports in 1854. Japan built railways, and the Japanese navy grew. "
        "The country's first railway opened in 1872."
    )
    [country] = definites_in(text.facts, text.facts.sentences[2])
    assert resolve("The country's first railway opened in _____.", [country]) == (
        "Japan's first railway opened in _____."
    )


def test_a_capitalised_word_that_begins_a_longer_name_is_left_as_it_is(read):
    [text] = read(
        "Ana Roth studied at the University of the Tarvel in 1990. "
        "She later taught at the University of the Tarvel for 20 years."
    )
    # "the Tarvel" ends the longer name it is part of: it is not a short form of it
    assert definites_in(text.facts, text.facts.sentences[1]) == []


def test_it_as_the_object_of_a_clause_is_not_its_own_subject(read):
    [text] = read(
        "The ruined city of Paltra stands on a high ridge. The traders never found it, and "
        "the explorer Anton Weil visited it in 1911."
    )
    references = references_in(text.facts, text.facts.sentences[1])
    assert references and not references[0].name  # "it" is not "the traders"
    assert resolve("When did Anton Weil visit it?", references) is None


def test_he_is_not_the_person_his_own_clause_names_beside_him(read):
    # "he visited Marek Nowak": the visitor is not Nowak, whom the text names most
    [text] = read(
        "Marek Nowak was born in Gdansk. Marek Nowak studied in Krakow. Marek Nowak fell ill "
        "in 1920. Years later, the doctor told how he visited Marek Nowak in hospital."
    )
    facts = text.facts
    [he] = references_in(facts, facts.sentences[3])
    assert he.word == "he" and he.name != "Marek Nowak"


def test_he_after_a_subject_the_tagger_did_not_know_is_left_unnamed(read):
    # "Kral" is no person to the tagger; "he" is Kral's, not Marek Nowak's
    [text] = read(
        "Marek Nowak ruled the city for twenty years. A smith named Kral, who had first "
        "offered his services to the king, cast a great bell."
    )
    facts = text.facts
    references = references_in(facts, facts.sentences[1])
    assert [r.name for r in references if r.word == "his"] == [""]


def test_a_source_holds_the_sentences_it_shows_in_order(read):
    [text] = read("The Orvane Canal opened in 1902. It is 40 kilometres long. Barges use it.")
    facts = text.facts
    two = f"{facts.sentences[0].text} {facts.sentences[1].text}"
    assert [s.index for s in sentences_holding(facts, two)] == [0, 1]
    assert sentences_holding(facts, "A sentence the text never wrote.") == ()


def test_a_name_is_never_written_into_a_quotation():
    salon = Reference("the Salon", "the Salon des Refusés", False)
    prompt = 'In 1863 the Emperor allowed a separate show, or "Salon of the Rejected".'
    assert resolve(prompt, [salon]) == prompt
    shown = 'The Salon hung 3,000 works, or "the best of the year".'
    assert resolve(shown, [salon]).startswith("The Salon des Refusés hung")


def test_him_after_a_preposition_is_none_of_his_own_clauses_subjects(read):
    [text] = read(
        "The Prince of Norland, Karl Brandt, read a message from the Queen. Anton Weil and "
        "the Foreign Secretary, Lena Ortiz, sat on the platform with him."
    )
    references = references_in(text.facts, text.facts.sentences[1])
    him = [r for r in references if r.word == "him"]
    assert him and him[0].name not in ("Anton Weil", "Lena Ortiz")
    prompt = "Anton Weil and the Foreign Secretary, _____, sat on the platform with him."
    assert resolve(prompt, references) in (None, prompt.replace("him", "Karl Brandt"))


def test_a_definite_that_names_itself_with_of_is_left_as_it_is(read):
    [text] = read(
        "Borneo is the third-largest island in the world. Indonesia moved its capital from "
        "Jakarta, on the island of Java, to a new city."
    )
    assert definites_in(text.facts, text.facts.sentences[1]) == []


def test_a_surname_after_mr_is_the_full_name_the_text_gave(read):
    [text] = read(
        "The last Governor, Karl Brandt, left the ceremony at midnight. Earlier, at a parade, "
        "Mr Brandt, 53, had struggled to hold back tears."
    )
    facts = text.facts
    [brandt] = short_names_in(facts, facts.sentences[1])
    assert (brandt.word, brandt.name) == ("Mr Brandt", "Karl Brandt")
    assert resolve("Mr Brandt, 53, had struggled to hold back _____.", [brandt]) == (
        "Karl Brandt, 53, had struggled to hold back _____."
    )
