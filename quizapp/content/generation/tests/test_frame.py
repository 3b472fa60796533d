"""The frame: the lead's main clause, dated, set before a blank that leans on it."""

import pytest

from quizapp.content.generation.frame import (
    MAX_FRAME_WORDS,
    framed,
    report_frame,
    scene_for,
    subject_frame,
    tells_news,
    without_frame,
)

# Written on Wednesday 12 March 2025; the lead's trailing clause is no part of the scene.
REPORT = (
    "date 2025-03-12 A hoard of silver coins has been dug up in a vineyard near Tarvel by two "
    "students on Monday, the town museum said, describing it as the find of the century. "
    "The hoard holds 2,400 coins. Experts say the coins were buried in 1340."
)
LIST = (
    "Corals, sponges, urchins and eels live along the Marrow Reef, and divers come each year. "
    "The reef is 90 kilometres long."
)
LONG_LEAD = (
    "The long and winding procession of carts, horses, soldiers, priests, musicians and "
    "pilgrims that left the old walled city of Sarn at dawn on the feast day of its patron "
    "saint reached the distant monastery of Orel on the far side of the grey mountains only "
    "after nine days of slow and difficult travel. The monastery was then rebuilt."
)


# A textbook's lead names a day of long ago, not one counted from the day it was written.
TEXTBOOK = (
    "date 2025-03-12 On 4 May 1521 the city of Sarn opened its first bridge over the Vell. "
    "The bridge was 90 metres long."
)
# Its lead sets a scene; the second sentence names what the text is about.
LAKE = (
    "Few places on Earth are as cold as the high plateau. Lake Orvik, in the far north of "
    "Tarland, is the deepest lake in the region, and seals live in it. Its water is clear. "
    "A paper mill on the southern shore closed in 2013. Orvik freezes in winter. "
    "Fishermen cross Orvik on foot."
)


@pytest.fixture(scope="module")
def texts(read):
    names = ("report", "list", "long", "textbook", "lake")
    return dict(zip(names, read(REPORT, LIST, LONG_LEAD, TEXTBOOK, LAKE), strict=True))


def test_a_lead_that_tells_what_happened_on_a_day_counted_from_the_texts_date_is_news(texts):
    assert tells_news(texts["report"].facts)  # "on Monday"
    assert not tells_news(texts["textbook"].facts)  # "On 4 May 1521"
    assert not tells_news(texts["list"].facts)  # no date at all


def test_the_frame_is_the_leads_main_clause_with_its_day_dated(texts):
    frame = report_frame(texts["report"].facts)
    # "said" is the lead's verb: the frame ends after it, before "describing ..."
    assert frame == (
        "A hoard of silver coins has been dug up in a vineyard near Tarvel by two students "
        "on 10 March 2025, the town museum said."
    )


def test_a_comma_between_the_items_of_a_list_does_not_cut_the_frame(texts):
    frame = report_frame(texts["list"].facts)
    assert frame.startswith("Corals, sponges, urchins and eels live along the Marrow Reef")


def test_a_lead_too_long_to_read_before_every_question_gives_no_frame(texts):
    assert len(texts["long"].facts.sentences[0].text.split()) > MAX_FRAME_WORDS
    assert report_frame(texts["long"].facts) == ""
    assert framed("The monastery was rebuilt in _____.", "1340", "") is None


def test_a_prompt_is_framed_unless_the_frame_says_its_answer(texts):
    facts = texts["report"].facts
    prompt = "The hoard holds _____."
    frame = report_frame(facts)
    asked = framed(prompt, "2,400 coins", frame)
    assert asked == f"{frame} {prompt}"
    assert without_frame(asked, facts) == prompt
    assert framed("The hoard was found near _____.", "Tarvel", frame) is None
    assert framed(asked, "2,400 coins", frame) is None  # framed once


def test_a_question_is_framed_after_it_in_brackets(texts):
    facts = texts["report"].facts
    asked = framed("How many coins does the hoard hold?", "2,400 coins", report_frame(facts))
    assert asked == f"How many coins does the hoard hold? ({report_frame(facts)})"
    assert without_frame(asked, facts) == "How many coins does the hoard hold?"


def test_a_textbooks_frame_is_its_first_sentence_about_a_name_without_the_asides(texts):
    frame, name, _ = subject_frame(texts["lake"].facts)
    assert frame == "Lake Orvik is the deepest lake in the region."
    assert name == "Lake Orvik"


def test_a_subject_named_in_its_of_phrase_names_the_text(read):
    [text, once] = read(
        "On 4 May 1521 the city of Sarn fell to the army of Queen Ilse after a long siege. "
        "The siege of Sarn began in March. Sarn was rebuilt in 1530.",
        "In June 2021 the Bank of Tarland issued a new note. It shows Ada Park, a chemist. "
        "Ada Park was born in 1890. Ada Park died in 1950.",
    )
    frame, name, _ = subject_frame(text.facts)
    assert name == "Sarn"
    assert frame.startswith("On 4 May 1521 the city of Sarn fell")
    # a name said once is not what the text is about
    assert subject_frame(once.facts)[1] != "Bank of Tarland"


def test_a_textbook_question_that_does_not_say_the_name_is_read_after_it(texts):
    facts = texts["lake"].facts
    source = facts.sentences[3].text
    frame = "Lake Orvik is the deepest lake in the region."
    prompt = "A paper mill on the southern shore closed in _____."
    assert scene_for(facts, prompt, source, leans=False) == frame
    assert scene_for(facts, "Lake Orvik is _____ deep.", source, leans=False) == ""
    # a report's questions are all read after its lead, whatever they say
    report = texts["report"].facts
    assert scene_for(report, "The hoard holds _____.", "", leans=False) == report_frame(report)
    # a textbook with no sentence about a name frames only what leans on its lead
    textbook = texts["textbook"].facts
    assert scene_for(textbook, "It was _____ long.", "", leans=False) == ""


def test_a_leads_frame_leaves_out_the_asides_about_its_subject(read):
    [text] = read(
        "date 2025-03-12 Orla Mills, the 150-year-old weaving firm from Tarvel, agreed on "
        "Monday to buy Kell Cloth, its oldest rival, for about 40 million euros, in the "
        "largest takeover in the town's history. Kell Cloth employs 300 people."
    )
    assert report_frame(text.facts) == "Orla Mills agreed on 10 March 2025 to buy Kell Cloth."


def test_a_frame_keeps_its_words_when_the_verb_does_not_follow_the_aside(read):
    # read as "The Beatles, the four young men ..., thumping songs have kept": dropping the
    # aside would leave "The Beatles thumping songs have kept ..."
    [text] = read(
        "date 1964-02-10 The Beatles, the four young men from Liverpool whose mop-top haircuts "
        "and cheerful, thumping songs have kept Britain in a state of near-hysteria for the "
        "past year, made their first live appearance on American television last night."
    )
    assert "The Beatles thumping" not in report_frame(text.facts)


def test_a_report_whose_lead_names_no_day_is_framed_by_the_sentence_that_does(read):
    [text] = read(
        "date 1906-04-19 Tarvel is burning. A fire that started at 5:12 yesterday morning "
        "spread through every quarter of the town, and last night it was still burning. "
        "Homeless families have fled to Orla Park."
    )
    facts = text.facts
    assert tells_news(facts)
    frame = report_frame(facts)
    assert frame.startswith("A fire that started at 5:12 on the morning of 18 April 1906")
    park = facts.sentences[2].text
    assert scene_for(facts, "Homeless families have fled to _____.", park, leans=False) == frame
    # the sentence that sets the scene is not framed by itself
    fire = facts.sentences[1].text
    assert scene_for(facts, "A fire spread through _____.", fire, leans=False) == ""


def test_a_lead_that_speaks_to_its_reader_sets_no_scene(read):
    [text] = read(
        "Press your hands against your back. The kidneys lie just below the ribs. "
        "The kidney filters blood."
    )
    assert report_frame(text.facts) == ""
    assert not tells_news(text.facts)


def test_a_frame_ends_before_a_clause_whose_verb_the_cut_would_leave_out(read):
    [text] = read(
        "date 1974-04-07 Tarland won the Orla Song Contest for the first time last night when "
        "the Larks, a pop group of two men and two women in glittering boots, romped home in "
        "Ludvik with a bouncy song."
    )
    assert report_frame(text.facts) == (
        "Tarland won the Orla Song Contest for the first time on the night of 6 April 1974."
    )


def test_a_frame_is_not_cut_between_a_nouns_modifiers(read):
    [text] = read(
        "date 2006-08-25 Astronomers meeting in Orlava voted yesterday to strip the small, icy "
        "world of its status as the ninth planet, leaving the solar system with eight planets "
        "and forcing teachers around the world to rewrite their lessons."
    )
    frame = report_frame(text.facts)
    assert "to strip the small." not in frame
    assert frame.startswith(
        "Astronomers meeting in Orlava voted on 24 August 2006 to strip the small, icy world"
    )


def test_a_frame_ends_before_a_verb_joined_on_by_and(read):
    [text] = read(
        "date 1889-04-01 The flag flies today over the tallest tower in Norland. Yesterday "
        "afternoon Karl Brandt climbed the 1,710 steps to the summit of the Orla Tower and "
        "there, 300 metres above the ground, unfurled a great flag."
    )
    frame = report_frame(text.facts)
    assert frame.startswith("On the afternoon of 31 March 1889 Karl Brandt climbed"), frame
    assert frame.endswith("the Orla Tower."), frame


def test_a_lead_that_asks_a_question_sets_no_scene(read):
    [text] = read(
        "date 2026-12-14 Why do children resemble their parents? For thousands of years "
        "nobody could say. Karl Brandt, a monk, found the answer in his garden. Karl Brandt "
        "grew peas. Karl Brandt counted them."
    )
    facts = text.facts
    assert not report_frame(facts).endswith("parents.")
    assert "?" not in subject_frame(facts)[0] and not subject_frame(facts)[0].endswith("parents.")
