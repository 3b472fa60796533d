"""The named rules: each says why it exists, and a dropped question names the rule."""

from dataclasses import replace

import pytest

from quizapp.content.generation.candidates import QuestionCandidate
from quizapp.content.generation.cloze import cloze_items
from quizapp.content.generation.gazetteer import sort_of
from quizapp.content.generation.rules import (
    MAX_ANSWER_WORDS,
    RULES,
    TRANSFORMATIONS,
    Situation,
    apply_rules,
    described,
    offered_as_choices,
)

ONE_PERSON = "Marta Kowalski founded the Lantern Theatre in Leeds. She directed a play in 1990."
TWO_PEOPLE = "Marta Kowalski met Helen Brandt in Leeds. She directed a play in 1990."
RIVER = (
    "The Vellin is a river in the north of the valley. The Vellin floods every spring. "
    "Farmers along the Vellin grow rice, and the river freezes in January."
)
# Written on Wednesday 12 March 2025.
STEP = "Leaves trap light in spring. The key enzyme in this step is called velarin."
OPENING = "date 2025-03-12 The Orla Bridge over the Tessin was opened on Monday by Ines Varga."
TOUR = (
    "The Rivel Choir sang in Lyon in March 2019. The Rivel Choir then sang in Toulouse and "
    "Nantes. Its founder, Anne Joly, was born in Marseille. The final concert was held at the "
    "Opal Hall. Anne Joly now teaches singing in Dallas, Texas."
)

CREW = (
    "Ada Brenner led the expedition to Kelder Island in 1911. Tomas Vell mapped the coast. "
    "Ruth Okafor treated the sick. Piet Marsh kept the stores. Erik Sund sailed the ship home."
)


@pytest.fixture(scope="module")
def texts(read):
    names = ("one", "two", "river", "tour", "opening", "step", "crew")
    found = read(ONE_PERSON, TWO_PEOPLE, RIVER, TOUR, OPENING, STEP, CREW)
    return dict(zip(names, found, strict=True))


def candidate(**changes) -> QuestionCandidate:
    fields = {
        "kind": "short_answer",
        "prompt": "Who founded the Lantern Theatre?",
        "answer": "Marta Kowalski",
        "source_text": "Marta Kowalski founded the Lantern Theatre in Leeds.",
        "generator": "events",
        "score": 0.7,
    }
    return QuestionCandidate(**{**fields, **changes})


def test_described_names_every_rule_in_order_each_with_a_reason():
    rows = described()
    assert [name for name, _ in rows] == [r.name for r in (*RULES, *TRANSFORMATIONS)]
    assert len({name for name, _ in rows}) == len(rows)
    assert "name_references" in dict(rows) and "offered_as_choices" in dict(rows)
    for name, why in rows:
        assert len(why.split()) >= 6, f"{name} gives no reason a teacher can read"


def test_a_good_question_passes_every_rule_unchanged():
    question = candidate()
    kept, dropped_by = apply_rules(question, Situation(facts=None))
    assert kept == question and dropped_by == ""
    assert kept.trace == ()


@pytest.mark.parametrize(
    ("changes", "rule"),
    [
        ({"prompt": "Who had founded after?"}, "well_formed"),
        ({"answer": " ".join(["word"] * (MAX_ANSWER_WORDS + 1))}, "short_answer_span"),
        (
            {"kind": "multiple_choice", "choices": ("Ana Berg", "Ben Cole", "Cy Dahl", "Di Eck")},
            "valid_question",
        ),
    ],
)
def test_apply_rules_names_the_rule_that_dropped_a_question(changes, rule):
    kept, dropped_by = apply_rules(candidate(**changes), Situation(facts=None))
    assert kept is None
    assert dropped_by == rule


def test_a_pronoun_becomes_the_name_and_the_rule_is_traced(texts):
    facts = texts["one"].facts
    question = candidate(
        kind="cloze",
        prompt="She directed a play in _____.",
        answer="1990",
        source_text=facts.sentences[1].text,
    )
    kept, dropped_by = apply_rules(question, Situation(facts))
    assert dropped_by == ""
    assert kept.prompt == "Marta Kowalski directed a play in _____."
    assert kept.trace == ("name_references",)


def test_a_day_counted_from_the_reports_date_becomes_that_date_and_is_traced(texts):
    facts = texts["opening"].facts
    question = candidate(
        kind="cloze",
        prompt="The Orla Bridge over the Tessin was opened on Monday by _____.",
        answer="Ines Varga",
        source_text=facts.sentences[0].text,
    )
    kept, dropped_by = apply_rules(question, Situation(facts))
    assert dropped_by == ""
    assert kept.prompt == "The Orla Bridge over the Tessin was opened on 10 March 2025 by _____."
    assert kept.trace == ("dated_occasion",)


def test_a_statement_and_the_sentence_shown_before_a_blank_name_the_thing(read):
    [text] = read(
        "The Orvane Canal was opened in 1902. The canal is 40 kilometres long. "
        "It carries grain to the coast at Brenmouth."
    )
    facts = text.facts
    statement = candidate(
        kind="true_false",
        prompt="The canal is 40 kilometres long.",
        answer="True",
        source_text=facts.sentences[1].text,
    )
    kept, _ = apply_rules(statement, Situation(facts))
    assert kept.prompt == "The Orvane Canal is 40 kilometres long."
    passage = candidate(
        kind="cloze",
        prompt="The canal is 40 kilometres long. It carries grain to the coast at _____.",
        answer="Brenmouth",
        source_text="It carries grain to the coast at Brenmouth.",
    )
    kept, _ = apply_rules(passage, Situation(facts))
    assert kept.prompt.startswith("The Orvane Canal is 40 kilometres long. It carries")


def test_a_question_about_this_step_of_something_unnamed_is_not_asked(texts):
    facts = texts["step"].facts
    question = candidate(
        kind="cloze",
        prompt="The key enzyme in this step is called _____.",
        answer="velarin",
        source_text=facts.sentences[1].text,
    )
    assert apply_rules(question, Situation(facts)) == (None, "no_back_reference")


def test_a_pronoun_that_names_nobody_drops_the_question(texts):
    facts = texts["two"].facts
    question = candidate(
        kind="cloze",
        prompt="She directed a play in _____.",
        answer="1990",
        source_text=facts.sentences[1].text,
    )
    assert apply_rules(question, Situation(facts)) == (None, "name_references")


def test_a_question_answered_by_the_texts_own_subject_is_dropped(texts):
    facts = texts["river"].facts
    question = candidate(
        prompt="Which river floods every spring?",
        answer="Vellin",
        source_text=facts.sentences[1].text,
    )
    assert apply_rules(question, Situation(facts)) == (None, "not_from_the_title")


def test_a_blank_city_is_also_offered_among_other_cities(texts):
    read = texts["tour"]
    blanks = {q.answer: q for q in cloze_items(read.document, read.doc, None)}
    offered = offered_as_choices(blanks["Lyon"], Situation(read.facts))
    assert offered is not None
    assert offered.kind == "multiple_choice"
    assert len(offered.choices) == 4 and "Lyon" in offered.choices
    assert offered.trace[-1] == "offered_as_choices"
    assert offered.problems() == []
    assert all(sort_of(choice) == "city" for choice in offered.choices)


def test_a_blank_building_is_not_offered_as_choices(texts):
    read = texts["tour"]
    blanks = {q.answer: q for q in cloze_items(read.document, read.doc, None)}
    assert "Opal Hall" in blanks
    assert offered_as_choices(blanks["Opal Hall"], Situation(read.facts)) is None


def test_a_blank_place_its_sentence_sets_in_a_region_is_not_offered_as_choices(texts):
    # "_____, Texas" among Lyon and Nantes gives the answer away.
    read = texts["tour"]
    blanks = {q.answer: q for q in cloze_items(read.document, read.doc, None)}
    assert sort_of("Dallas") == "city" and "Dallas" in blanks
    assert offered_as_choices(blanks["Dallas"], Situation(read.facts)) is None


def test_a_blank_person_stays_a_blank_not_a_choice_among_the_texts_other_people(texts):
    # A text's people hold other roles: the cook and the captain are no
    # leader's distractors.
    read = texts["crew"]
    blanks = {q.answer: q for q in cloze_items(read.document, read.doc, None)}
    assert "Ada Brenner" in blanks
    assert offered_as_choices(blanks["Ada Brenner"], Situation(read.facts)) is None


HOARD = (
    "date 2025-03-12 A hoard of silver coins has been dug up in a vineyard near Tarvel by two "
    "students on Monday, the town museum said, describing it as the find of the century. "
    "The museum's director said the hoard would be shown in Ludvik from May."
)


def test_a_blank_that_leans_on_the_reports_event_is_read_after_the_lead(read):
    [text] = read(HOARD)
    facts = text.facts
    source = facts.sentences[1].text
    cloze = candidate(
        kind="cloze",
        prompt="The museum's director said the hoard would be shown in _____ from May.",
        answer="Ludvik",
        source_text=source,
    )
    kept, _ = apply_rules(cloze, Situation(facts))
    assert kept.prompt == (
        "A hoard of silver coins has been dug up in a vineyard near Tarvel by two students "
        "on 10 March 2025, the town museum said. " + cloze.prompt
    )
    assert "framed_by_lead" in kept.trace
    question = candidate(
        prompt="Where would the hoard be shown?", answer="Ludvik", source_text=source
    )
    # a question opens on what it asks: the scene follows it
    assert apply_rules(question, Situation(facts))[0].prompt == (
        "Where would the hoard be shown? (A hoard of silver coins has been dug up in a "
        "vineyard near Tarvel by two students on 10 March 2025, the town museum said.)"
    )


def test_every_question_of_a_news_report_is_read_after_its_lead(read):
    # The sentence leans on no phrase a rule names, yet its visit is the hoard's.
    [text] = read(HOARD + " Mayor Ida Holm said visitors could come to Ludvik from May.")
    facts = text.facts
    cloze = candidate(
        kind="cloze",
        prompt="Mayor Ida Holm said visitors could come to _____ from May.",
        answer="Ludvik",
        source_text=facts.sentences[2].text,
    )
    kept, _ = apply_rules(cloze, Situation(facts))
    assert kept.prompt.startswith("A hoard of silver coins has been dug up")
    assert kept.prompt.endswith(cloze.prompt)


def test_a_textbooks_question_that_leans_on_nothing_is_not_framed(read):
    [text] = read(
        "date 2025-03-12 On 4 May 1521 the city of Sarn opened its first bridge over the "
        "Vell. Ada Park was paid 900 florins."
    )
    facts = text.facts
    cloze = candidate(
        kind="cloze",
        prompt="Ada Park was paid _____.",
        answer="900 florins",
        source_text=facts.sentences[1].text,
    )
    kept, dropped_by = apply_rules(cloze, Situation(facts))
    assert dropped_by == ""
    assert kept.prompt == cloze.prompt


def test_a_statement_of_a_report_is_judged_first_and_its_scene_follows_it(read):
    [text] = read(HOARD + " The hoard holds 2,400 coins. The coins were buried in 1340.")
    facts = text.facts
    statement = candidate(
        kind="true_false",
        prompt="The coins were buried in 1341.",
        answer="False",
        source_text=facts.sentences[3].text,
    )
    kept, _ = apply_rules(statement, Situation(facts))
    assert kept.prompt == (
        "The coins were buried in 1341. (A hoard of silver coins has been dug up in a "
        "vineyard near Tarvel by two students on 10 March 2025, the town museum said.)"
    )
    # a scene that says the statement's figure would give the answer away
    [dated] = read(
        "date 2025-03-12 A hoard of 2,400 silver coins has been dug up near Tarvel by two "
        "students on Monday, the town museum said. The hoard holds 2,400 coins."
    )
    counted = candidate(
        kind="true_false",
        prompt="The hoard holds 2,500 coins.",
        answer="False",
        source_text=dated.facts.sentences[1].text,
    )
    assert apply_rules(counted, Situation(dated.facts))[0].prompt == counted.prompt


def test_a_person_called_by_part_of_their_name_is_named_in_full(read):
    [text] = read(
        "The geographer Hans Meyer climbed the Kibo summit in 1889 with Ludwig Purtscheller. "
        "Meyer named the highest point Kaiser Spitze after the emperor."
    )
    source = "Meyer named the highest point Kaiser Spitze after the emperor."
    blank = candidate(kind="cloze", prompt=source.replace("Kaiser Spitze", "_____"))
    kept, _ = apply_rules(
        replace(blank, answer="Kaiser Spitze", source_text=source), Situation(text.facts)
    )
    assert kept.prompt.startswith("Hans Meyer named the highest point _____")
    # a surname the answer shares would give it away: that prompt stays as written
    [rocket] = read(
        "The engineer George Stephenson built Locomotion in 1825. Rocket was built by George "
        "and his son Robert Stephenson."
    )
    source = "Rocket was built by George and his son Robert Stephenson."
    son = candidate(
        kind="cloze",
        prompt="Rocket was built by George and his son _____.",
        answer="Robert Stephenson",
        source_text=source,
    )
    kept, _ = apply_rules(son, Situation(rocket.facts))
    assert "George and his son _____" in kept.prompt


def test_a_first_name_or_a_surname_before_a_noun_is_left_as_written(read):
    [final] = read(
        "Jack Charlton and Bobby Moore played in the final. Nobby Stiles danced a jig, and "
        "the Charlton brothers, Jack and Bobby, wept in each other's arms."
    )
    source = (
        "Nobby Stiles danced a jig, and the Charlton brothers, Jack and Bobby, wept in each "
        "other's arms."
    )
    blank = candidate(
        kind="cloze",
        prompt=source.replace("Nobby Stiles", "_____"),
        answer="Nobby Stiles",
        source_text=source,
    )
    kept, _ = apply_rules(blank, Situation(final.facts))
    assert "the Charlton brothers, Jack and Bobby, wept" in kept.prompt


FARM = (
    "The Vellin is a river in the north of the valley. Farmers along the Vellin grow "
    "sorghum, and their cattle drink from the river."
)


def test_a_blank_of_everyday_words_is_dropped_and_a_subjects_own_term_kept(read):
    [text] = read(FARM)
    facts = text.facts
    source = facts.sentences[1].text

    def blank(term: str) -> QuestionCandidate:
        return candidate(
            kind="cloze",
            prompt=source.replace(term, "_____"),
            answer=term,
            source_text=source,
            fact=("blank", term, "1", "term"),
        )

    assert apply_rules(blank("cattle"), Situation(facts)) == (None, "no_everyday_term")
    kept, dropped_by = apply_rules(blank("sorghum"), Situation(facts))
    assert kept is not None and dropped_by == ""
