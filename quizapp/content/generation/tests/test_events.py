"""Events: who did what, where and when, asked of one clause."""

import pytest

from quizapp.content.generation.events import clauses_of, events_items
from quizapp.content.generation.gazetteer import sort_of

MEETING = (
    "date 2024-03-01 India's Finance Minister, Ravi Menon, met India's Foreign Minister, "
    "Priya Das, in Delhi on Tuesday."
)
BRIDGE = "The engineer Clara Voss designed the Orla Bridge in 1928."


@pytest.fixture(scope="module")
def texts(read):
    found = read(MEETING, BRIDGE)
    return found, [list(events_items(t.document, t.doc)) for t in found]


def by_kind(asked, prompt):
    return {q.kind: q for q in asked if q.prompt == prompt}


def test_a_clause_knows_its_subject_partner_and_place(texts):
    found, _ = texts
    [clause] = clauses_of(found[0].facts)
    assert clause.subject.answer == "Ravi Menon"
    assert clause.partner.answer == "Priya Das"
    assert clause.place.answer == "Delhi"


def test_where_a_meeting_was_is_asked_among_cities_of_its_country(texts):
    _, asked = texts
    forms = by_kind(asked[0], "Where did Ravi Menon meet Priya Das?")
    choice = forms["multiple_choice"]
    assert choice.answer == "Delhi"
    assert all(sort_of(c) == "city" for c in choice.choices)
    assert "short_answer" in forms


def test_a_weekday_in_a_dated_text_is_asked_as_its_date(texts):
    _, asked = texts
    when = next(q for q in asked[0] if q.prompt.startswith("When did Ravi Menon meet"))
    assert when.answer == "February 27, 2024"  # the Tuesday before Friday 1 March 2024
    # offered among other dates near it, written the same way
    assert when.kind == "multiple_choice" and len(set(when.choices)) == 4
    assert all(choice.endswith(", 2024") for choice in when.choices)


def test_who_did_it_and_when(texts):
    _, asked = texts
    who = by_kind(asked[1], "Who designed the Orla Bridge in 1928?")
    assert who["short_answer"].answer == "Clara Voss"
    years = by_kind(asked[1], "When did Clara Voss design the Orla Bridge?")
    assert years["multiple_choice"].answer == "1928"
    assert all(len(c) == 4 and c.isdigit() for c in years["multiple_choice"].choices)


def test_a_share_keeps_its_percent_sign(read):
    [text] = read(
        "Ana Ruiz won the vote in Lerida with 58% of the vote. "
        "Jorge Tamm of the small Green party trailed far behind with about 10%."
    )
    prompts = {q.prompt for q in events_items(text.document, text.doc)}
    assert "Who trailed far behind with about 10%?" in prompts


def test_the_first_of_something_is_asked_with_what_it_was_first_at_or_not_at_all(read):
    [text] = read(
        "date 2023-08-24 Norland became the first country to land a probe near the pole on "
        "Wednesday. Lena Hart became the first woman to swim the strait in 1926."
    )
    prompts = {q.prompt for q in events_items(text.document, text.doc)}
    assert not any(p.endswith("the first country?") for p in prompts)
    assert "Who became the first woman to swim the strait in 1926?" in prompts


def test_a_figure_one_of_many_or_a_nationality_is_not_asked_as_a_doer(read):
    [text] = read(
        "One of the sonatas was composed in 1801. The 36-year-old Indian hit 25 fours at "
        "the Roop Singh Stadium in Gwalior. Lena Hart crossed the strait in 1926."
    )
    prompts = {q.prompt for q in events_items(text.document, text.doc)}
    assert not any("One of" in p or "did Indian" in p for p in prompts)
    assert "Who crossed the strait in 1926?" in prompts


def test_a_lead_that_names_no_day_dates_an_act_but_not_a_state(read):
    news, history, done, going = read(
        "date 2024-03-01 The engineer Clara Voss opened the Orla Bridge.",
        "date 2024-03-01 The engineer Clara Voss had no training in building bridges.",
        "date 2024-03-01 The engineer Clara Voss has opened the Orla Bridge.",
        "date 2024-03-01 The engineer Clara Voss is opening the Orla Bridge.",
    )
    opened = [q for q in events_items(news.document, news.doc) if q.prompt.startswith("When")]
    assert {q.answer for q in opened} == {"March 1, 2024"}  # the day the news was written
    # the hand-out's date is not the day of a past it tells, of what has been done by it, or
    # of what is going on
    for text in (history, done, going):
        asked = list(events_items(text.document, text.doc))
        assert not [q for q in asked if q.answer == "March 1, 2024"]


def test_a_question_is_not_cut_before_what_its_verb_needs(read):
    [text] = read(
        "In the end Sara Lindqvist agreed to let the Riksdag, Sweden's parliament, vote "
        "within two weeks on the plan."
    )
    prompts = [q.prompt for q in events_items(text.document, text.doc)]
    assert not [p for p in prompts if p.startswith("Who agreed to let")]


def test_a_past_form_the_tagger_reads_as_the_present_is_asked_in_the_past(read):
    [jump] = read(
        "Bob Beamon of the United States leapt into sporting legend at the Olympic Games "
        "in Mexico City on 18 October 1968."
    )
    prompts = {q.prompt for q in events_items(jump.document, jump.doc)}
    assert any(p.startswith("When did Bob Beamon leap into") for p in prompts), prompts
    assert not any(" do Bob Beamon" in p for p in prompts)


def test_a_verb_of_going_is_asked_when_only_with_where_it_went(read):
    bare, placed = read(
        "The nurse Mary Seacole arrived in November 1854 with 38 nurses.",
        "The nurse Mary Seacole arrived at Balaclava in November 1854.",
    )
    bare_prompts = {q.prompt for q in events_items(bare.document, bare.doc)}
    assert not any(p.startswith("When did Mary Seacole arrive") for p in bare_prompts)
    placed_prompts = {q.prompt for q in events_items(placed.document, placed.doc)}
    assert "When did Mary Seacole arrive at Balaclava?" in placed_prompts, placed_prompts


def test_a_rank_alone_is_asked_with_what_it_ranks(read):
    [bank] = read(
        "The Reserve Bank of New Zealand became the first to adopt an inflation target, in 1990."
    )
    prompts = {q.prompt for q in events_items(bank.document, bank.doc)}
    assert not any(p.endswith("become the first?") for p in prompts), prompts


def test_a_subject_capitalised_only_by_its_sentence_reads_lower_case_in_a_question(read):
    [cathedral] = read("Work on the Orla Cathedral began in 1163 under Bishop Maurice.")
    prompts = {q.prompt for q in events_items(cathedral.document, cathedral.doc)}
    assert any(p.startswith("When did work on the Orla Cathedral begin") for p in prompts), prompts


def test_a_history_written_long_after_its_events_dates_no_lead_with_the_day_of_writing(read):
    history, report = read(
        "date 2026-05-18 Hana Orlova escaped from the mines of Velt and then went back to lead "
        "others out. She was born in 1822 and died in 1913.",
        "date 2026-05-18 Hana Orlova opened the Velt bridge. Work on it began in 2024.",
    )
    asked = {q.prompt: q.answer for q in events_items(history.document, history.doc)}
    assert not any("2026" in str(a) for a in asked.values()), asked
    news = {q.prompt: q.answer for q in events_items(report.document, report.doc)}
    assert any("2026" in str(a) for a in news.values()), news
