"""The ranker's features: plain numbers a teacher would recognise in a question."""

import pytest

from quizapp.content.generation.features import KINDS, Rated, features_of, vector, zipf

TEXT = (
    "date 2023-06-01 Anna Novak won the Harlow Prize in Lisbon in 2021. "
    "Tomas Reyes and Carla Moniz were also on the shortlist. She thanked her students. "
    "The jury met in Porto that week. The prize was founded in 1950 by this foundation."
)


@pytest.fixture(scope="module")
def text(read):
    [found] = read(TEXT)
    return found


def features(text, *, title="", **question):
    fields = {"kind": "short_answer", "source_text": text.facts.sentences[0].text}
    return features_of(Rated(**{**fields, **question}), text.facts, title=title)


def test_kind_is_one_hot(text):
    f = features(text, kind="cloze", prompt="_____ won the Harlow Prize.", answer="Anna Novak")
    assert [f[f"kind:{kind}"] for kind in KINDS] == [1.0, 0.0, 0.0, 0.0]


def test_the_answer_is_known_as_the_person_the_text_names(text):
    f = features(text, prompt="Who won the Harlow Prize?", answer="Anna Novak")
    assert f["answer_kind:person"] == 1.0
    assert f["answer_kind:none"] == 0.0
    assert f["answer_capitalised"] == 1.0
    assert f["answer_has_digit"] == 0.0
    assert f["prompt_wh"] == 1.0
    assert f["blank_none"] == 1.0
    assert f["sentence_first"] == 1.0 and f["sentence_found"] == 1.0


def test_a_year_answer_and_a_blank_are_seen(text):
    f = features(
        text, kind="cloze", prompt="Anna Novak won the Harlow Prize in _____.", answer="2021"
    )
    assert f["answer_is_year"] == 1.0 and f["answer_has_digit"] == 1.0
    assert f["answer_kind:date"] == 1.0
    assert f["blank_none"] == 0.0
    assert 0.5 < f["blank_at"] < 1.0


def test_a_prompt_opening_on_a_pronoun_is_marked(text):
    f = features(
        text,
        prompt="She thanked her _____.",
        answer="students",
        kind="cloze",
        source_text=text.facts.sentences[2].text,
    )
    assert f["prompt_pronoun_first"] == 1.0
    assert f["prompt_pronouns"] > 0.0
    assert f["sentence_position"] == pytest.approx(2 / 5)


def test_choices_of_the_answers_kind_from_the_text_count(text):
    f = features(
        text,
        kind="multiple_choice",
        prompt="Who won the Harlow Prize?",
        answer="Anna Novak",
        choices=("Tomas Reyes", "Anna Novak", "Carla Moniz", "Lisbon"),
    )
    assert f["choices"] == 1.0
    assert f["choices_same_kind"] == pytest.approx(2 / 3)
    assert f["choices_in_document"] == 1.0


def test_an_answer_in_the_title_is_marked(text):
    f = features(
        text, prompt="What did Anna Novak win?", answer="Harlow Prize", title="The Harlow Prize"
    )
    assert f["answer_in_title"] == 1.0
    assert features(text, prompt="Who won?", answer="Anna Novak")["answer_in_title"] == 0.0


def test_vector_follows_the_models_order_and_fills_unknown_features_with_zero():
    assert vector({"b": 2.0, "a": 1.0}, ["a", "b", "c"]) == [1.0, 2.0, 0.0]


def test_zipf_tells_common_words_from_rare_ones():
    assert zipf("the") > zipf("glomerulus") > 0.0
    assert zipf("xqzvbn") == 0.0


def test_what_a_prompt_leans_on_outside_itself_is_marked(text):
    unanchored = features(
        text,
        kind="cloze",
        prompt="The jury met in _____ that week.",
        answer="Porto",
        source_text=text.facts.sentences[3].text,
    )
    assert unanchored["prompt_unanchored_time"] == 1.0
    assert unanchored["prompt_unnamed_subject"] == 1.0  # "The jury": which one?
    leaning = features(
        text,
        kind="cloze",
        prompt="The prize was founded in _____ by this foundation.",
        answer="1950",
        source_text=text.facts.sentences[4].text,
    )
    assert leaning["prompt_refers_back"] == 1.0
    named = features(text, prompt="Who won the Harlow Prize in 2021?", answer="Anna Novak")
    assert named["prompt_unanchored_time"] == 0.0
    assert named["prompt_unnamed_subject"] == 0.0
    assert named["prompt_refers_back"] == 0.0
