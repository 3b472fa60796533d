"""Times a sentence counts from elsewhere ("yesterday", "that October night") become the
date they mean, or stay and are marked for the ranker."""

import pytest

from quizapp.content.generation.occasion import apply_datings, datings_in, time_phrases

# Written on Wednesday 12 March 2025.
REPORT = (
    "date 2025-03-12 The Orla Bridge was opened yesterday by Mayor Ines Varga. "
    "Work on the bridge began last year. The council approved the fares on Monday. "
    "The first trams will cross on Saturday. "
    '"Today we open a new chapter," Varga said. The bridge carries trams today. '
    "The fares were approved last Thursday, 6 March, by the transport board. "
    "The first ferry left at 6:40 yesterday morning. "
    "The office stayed shut until 9 a.m. yesterday. "
    "Many clerks had been unable to reach their desks on Monday after a storm."
)
HISTORY = (
    "The Kell Observatory opened on 14 October 1921. Its director, Ruth Amsel, "
    "photographed a comet that October night. She published a catalogue of comets the same "
    "year. Four years later, in 1925, the observatory added a second dome."
)
UNDATED = (
    "The Dorn mill was closed last year. Soon afterwards the canal was filled in. "
    "The lock was rebuilt in 1998."
)


@pytest.fixture(scope="module")
def texts(read):
    return dict(zip(("report", "history", "undated"), read(REPORT, HISTORY, UNDATED), strict=True))


def found(text, index):
    facts = text.facts
    return {d.phrase: d.replacement for d in datings_in(facts, facts.sentences[index])}


def test_a_report_dates_its_days_from_the_day_it_was_written(texts):
    report = texts["report"]
    assert found(report, 0) == {"yesterday": "on 11 March 2025"}
    assert found(report, 1) == {"last year": "in 2024"}
    assert found(report, 2) == {"on Monday": "on 10 March 2025"}
    assert found(report, 3) == {"on Saturday": "on 15 March 2025"}  # ahead: "will cross"


def test_a_part_of_a_day_is_dated_with_its_day(texts):
    report = texts["report"]
    assert found(report, 7) == {"yesterday morning": "on the morning of 11 March 2025"}
    facts = report.facts
    ferry = facts.sentences[7].text.replace("6:40", "_____")
    assert apply_datings(ferry, datings_in(facts, facts.sentences[7]), "6:40") == (
        "The first ferry left at _____ on the morning of 11 March 2025."
    )


def test_a_date_after_an_abbreviations_full_stop_is_not_capitalised(texts):
    facts = texts["report"].facts
    office = facts.sentences[8].text
    assert apply_datings(office, datings_in(facts, facts.sentences[8]), "") == (
        "The office stayed shut until 9 a.m. on 11 March 2025."
    )


def test_a_day_a_past_clause_could_not_reach_is_behind_the_day_of_writing(texts):
    assert found(texts["report"], 9) == {"on Monday": "on 10 March 2025"}


def test_a_weekday_after_a_preposition_is_dated_without_another(read):
    [text] = read("date 2025-03-12 The council said yesterday that from next Monday fares rise.")
    assert found(text, 0)["next Monday"] == "17 March 2025"


def test_a_weekday_in_a_sentence_with_no_verb_is_dated(read):
    # the search for the verb a day belongs to stops at the sentence's root
    [text] = read("date 2025-03-12 The Orla Bridge opened. Big crowds on Monday.")
    assert found(text, 1) == {"on Monday": "on 10 March 2025"}


def test_a_quoted_today_and_a_present_today_are_left_alone(texts):
    assert found(texts["report"], 4) == {}
    assert found(texts["report"], 5) == {}


def test_a_history_dates_its_phrases_from_the_date_it_gave_before(texts):
    history = texts["history"]
    assert found(history, 1) == {"that October night": "on the night of 14 October 1921"}
    assert found(history, 2) == {"the same year": "in 1921"}
    [dropped] = datings_in(history.facts, history.facts.sentences[3])
    assert dropped.drop and dropped.phrase == "Four years later, "


def test_a_prompt_says_the_date_unless_it_would_give_the_answer_away(texts):
    facts = texts["report"].facts
    datings = datings_in(facts, facts.sentences[0])
    prompt = "The Orla Bridge was opened yesterday by Mayor _____."
    assert apply_datings(prompt, datings, "Ines Varga") == (
        "The Orla Bridge was opened on 11 March 2025 by Mayor _____."
    )
    assert apply_datings("_____ was opened yesterday.", datings, "11 March 2025") == (
        "_____ was opened yesterday."
    )


def test_a_relative_phrase_the_text_dates_itself_is_dropped(texts):
    facts = texts["history"].facts
    datings = datings_in(facts, facts.sentences[3])
    prompt = "Four years later, in _____, the observatory added a second dome."
    assert apply_datings(prompt, datings, "1925") == (
        "In _____, the observatory added a second dome."
    )


def test_without_an_anchor_the_time_stays_and_is_marked(texts):
    facts = texts["undated"].facts
    assert found(texts["undated"], 0) == {"last year": ""}
    prompt = "The Dorn mill was closed last year."
    assert apply_datings(prompt, datings_in(facts, facts.sentences[0]), "") == prompt
    assert time_phrases(facts, facts.sentences[0].text) == ["last year"]
    assert time_phrases(facts, facts.sentences[1].text) == ["Soon afterwards"]
    assert time_phrases(facts, facts.sentences[2].text) == []


def test_a_weekday_with_its_date_beside_it_becomes_one_date(texts):
    facts = texts["report"].facts
    datings = datings_in(facts, facts.sentences[6])
    prompt = "The fares were approved last Thursday, 6 March, by the _____."
    assert apply_datings(prompt, datings, "transport board") == (
        "The fares were approved on 6 March 2025 by the _____."
    )
    # The blank took the date: the weekday stays rather than give the date away.
    prompt = "The fares were approved last Thursday, _____, by the transport board."
    assert apply_datings(prompt, datings, "6 March") == prompt


def test_a_month_keeps_its_year_and_a_days_possession_reads_as_a_date(read):
    [text] = read(
        "date 2004-08-20 Her selection was announced in July last year. At yesterday's "
        "closing price each stake is worth $3 billion."
    )
    facts = text.facts
    first, second = facts.sentences[0], facts.sentences[1]
    assert apply_datings(first.text, datings_in(facts, first), "") == (
        "Her selection was announced in July 2003."
    )
    blank = second.text.replace("$3 billion", "_____")
    assert apply_datings(blank, datings_in(facts, second), "$3 billion") == (
        "At the 19 August 2004 closing price each stake is worth _____."
    )


def test_a_today_in_a_present_clause_of_a_past_sentence_is_left_alone(read):
    [text] = read(
        "date 2026-04-20 In 1884 the chemist Svante Arrhenius suggested an answer that is "
        "still taught today. The new museum was opened today by the mayor. The mayor said "
        "that she will resign at noon today."
    )
    assert found(text, 0) == {}
    assert found(text, 1) == {"today": "on 20 April 2026"}
    assert found(text, 2) == {"today": "on 20 April 2026"}


def test_a_years_possession_dated_is_not_said_again_after_the_question(read):
    [text] = read(
        "date 1997-04-14 Tom Kerr, the captain of this year's Norland Cup team, finished second."
    )
    facts = text.facts
    [sentence] = facts.sentences
    prompt = "Who was the captain of this year's Norland Cup team in 1997?"
    assert apply_datings(prompt, datings_in(facts, sentence), "Tom Kerr") == (
        "Who was the captain of the 1997 Norland Cup team?"
    )


def test_last_years_possession_reads_as_that_year(read):
    [text] = read("date 2004-10-09 Last year's winner was also a woman, Lena Ortiz of Norland.")
    facts = text.facts
    [sentence] = facts.sentences
    prompt = sentence.text.replace("Lena Ortiz", "_____")
    assert apply_datings(prompt, datings_in(facts, sentence), "Lena Ortiz") == (
        "The 2003 winner was also a woman, _____ of Norland."
    )


def test_yesterday_with_its_day_and_month_is_dated_once(read):
    [text] = read(
        "date 1893-09-20 The Electoral Act became law yesterday, 19 September, when the "
        "Governor gave it his assent."
    )
    facts = text.facts
    [sentence] = facts.sentences
    assert apply_datings(sentence.text, datings_in(facts, sentence), "") == (
        "The Electoral Act became law on 19 September 1893 when the Governor gave it his assent."
    )


def test_an_approximate_span_before_a_date_goes_with_it(read):
    [text] = read(
        "The scale was proposed in 1724. Less than twenty years later, in 1742, Anna Berg "
        "proposed a simpler one."
    )
    facts = text.facts
    second = facts.sentences[1]
    assert apply_datings(second.text, datings_in(facts, second), "") == (
        "In 1742, Anna Berg proposed a simpler one."
    )
