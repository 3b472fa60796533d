"""Reading and writing GIFT, Aiken and CSV, without the database."""

import pytest

from quizapp.content.exchange import aiken, csv_format, gift
from quizapp.content.exchange.model import ExchangeQuestion

GIFT = """// A comment line
::Capital:: What is the capital of Lithuania? {
  =Vilnius#Right!
  ~Riga
  ~Tallinn
  ####Vilnius has been the capital since 1323.
}

Wang Yi is China's foreign minister. {T}

::short:: Who did Wang Yi meet in Beijing? {=Sergey Lavrov =Lavrov}

Wang Yi met Sergey Lavrov in {=Beijing} last week.

Lavrov flew to {~Moscow =Beijing ~Paris} for the talks.

The ratio is 1\\:2 and costs \\{nothing\\}. {=yes}
"""


def test_gift_reads_every_supported_kind():
    questions, errors = gift.parse(GIFT)
    assert errors == []
    mc, tf, short, cloze, mc_blank, escaped = questions
    assert (mc.kind, mc.prompt, mc.answer) == (
        "multiple_choice",
        "What is the capital of Lithuania?",
        "Vilnius",
    )
    assert mc.choices == ["Vilnius", "Riga", "Tallinn"]
    assert mc.explanation == "Vilnius has been the capital since 1323."
    assert mc.line == 2
    assert (tf.kind, tf.answer) == ("true_false", "True")
    assert (short.kind, short.answer, short.alternatives) == (
        "short_answer",
        "Sergey Lavrov",
        ["Lavrov"],
    )
    assert (cloze.kind, cloze.prompt, cloze.answer) == (
        "cloze",
        "Wang Yi met Sergey Lavrov in _____ last week.",
        "Beijing",
    )
    assert (mc_blank.kind, mc_blank.prompt) == (
        "multiple_choice",
        "Lavrov flew to _____ for the talks.",
    )
    assert escaped.prompt == "The ratio is 1:2 and costs {nothing}."


def test_gift_errors_name_the_line_and_keep_reading():
    text = (
        "Q1? {=a =b ~c}\n"
        "\n"
        "Q2 has no answers\n"
        "\n"
        "Q3? {~a ~b}\n"
        "\n"
        "Good? {=yes ~no}\n"
        "\n"
        "Number? {#3.14}\n"
        "\n"
        "Match {=a -> b =c -> d}\n"
        "\n"
        "Essay {}\n"
    )
    questions, errors = gift.parse(text)
    assert [q.prompt for q in questions] == ["Good?"]
    assert errors == [
        "line 1: multiple choice needs exactly one correct answer (marked with =); it has 2",
        "line 3: no answers in braces { }; add e.g. {=right ~wrong} after the question",
        "line 5: multiple choice needs exactly one correct answer (marked with =); it has 0",
        "line 9: numerical questions are not supported; use multiple choice, true/false, "
        "short answer or missing word",
        "line 11: matching questions are not supported; use multiple choice, true/false, "
        "short answer or missing word",
        "line 13: essay questions (empty braces) are not supported; use multiple choice, "
        "true/false, short answer or missing word",
    ]


AIKEN = """What is the capital of Lithuania?
A. Riga
B. Vilnius
C) Tallinn
ANSWER: B

Lavrov is Russia's foreign minister.
A. True
B. False
ANSWER: A
"""


def test_aiken_reads_choices_and_true_false():
    (mc, tf), errors = aiken.parse(AIKEN)
    assert errors == []
    assert (mc.kind, mc.answer, mc.choices) == (
        "multiple_choice",
        "Vilnius",
        ["Riga", "Vilnius", "Tallinn"],
    )
    assert (tf.kind, tf.answer, tf.line) == ("true_false", "True", 7)


def test_aiken_errors_name_the_line():
    text = (
        "Q1?\nA. a\nB. b\nANSWER: E\n\n"
        "Q2?\nA. a\nANSWER: A\n\n"
        "Q3?\nA. a\nC. c\nANSWER: A\n\n"
        "Q4?\nA. a\nB. b\n"
    )
    questions, errors = aiken.parse(text)
    assert questions == []
    assert errors == [
        "line 4: ANSWER: E is not one of the options A–B",
        "line 6: multiple choice needs at least two options (A. …, B. …)",
        "line 12: option C where B was expected; letter the options A, B, C, … in order",
        "line 15: the question has no 'ANSWER:' line; end it with e.g. ANSWER: B",
    ]


def test_csv_reads_rows_and_reports_bad_ones():
    text = (
        "kind,prompt,answer,alternatives,choices,explanation\n"
        "mc,Capital of Lithuania?,Vilnius,,Riga|Vilnius|Tallinn,Since 1323.\n"
        "tf,Lavrov is Russian.,true,,,\n"
        "cloze,Lavrov met _____ in Beijing.,Wang Yi,Wang|Yi,,\n"
        "cloze,No blank here.,x,,,\n"
        "multiple_choice,Which?,Oslo,,Riga|Vilnius,\n"
        "essay,Write.,x,,,\n"
        "true_false,Sky is green.,Maybe,,,\n"
    )
    questions, errors = csv_format.parse(text)
    assert [q.kind for q in questions] == ["multiple_choice", "true_false", "cloze"]
    assert questions[1].answer == "True"
    assert questions[2].alternatives == ["Wang", "Yi"]
    assert errors == [
        "line 5: a cloze prompt needs a blank (_____) where the answer goes",
        "line 6: the answer 'Oslo' is not one of the choices; spell it exactly as in the "
        "choices column",
        "line 7: unknown kind 'essay'; use multiple_choice, true_false, short_answer or cloze",
        "line 8: a true/false answer is True or False, not 'Maybe'",
    ]


SAMPLES = [
    ExchangeQuestion(
        "multiple_choice",
        "Who is Russia's foreign minister? {really}",
        "Sergey Lavrov",
        choices=["Wang Yi", "Sergey Lavrov", "Antony Blinken"],
        explanation="Lavrov: minister since 2004 = long ~ time #1.",
    ),
    ExchangeQuestion("multiple_choice", "Lavrov flew to _____.", "Beijing", ["Beijing", "Paris"]),
    ExchangeQuestion("true_false", "Wang Yi met Lavrov in Beijing.", "True"),
    ExchangeQuestion("true_false", "They met in Paris.", "False", explanation="In Beijing."),
    ExchangeQuestion("short_answer", "Where did they meet?", "Beijing", alternatives=["Peking"]),
    ExchangeQuestion(
        "cloze", "Wang Yi met _____ in Beijing.", "Sergey Lavrov", alternatives=["Lavrov"]
    ),
    ExchangeQuestion("cloze", "The talks were held in _____", "Beijing"),
    ExchangeQuestion("cloze", "Line one\nline two ___ with a short blank.", "x"),
]


@pytest.mark.parametrize("module", [gift, csv_format], ids=["gift", "csv"])
def test_every_kind_survives_a_round_trip(module):
    text, skipped = module.render(SAMPLES)
    assert skipped == []
    questions, errors = module.parse(text)
    assert errors == []
    assert [q.comparable() for q in questions] == [q.comparable() for q in SAMPLES]


def test_aiken_round_trip_keeps_choice_questions_and_names_the_rest():
    text, skipped = aiken.render(SAMPLES)
    assert len(skipped) == 4 and "Aiken holds only choice questions" in skipped[0]
    questions, errors = aiken.parse(text)
    assert errors == []
    choice_questions = [q for q in SAMPLES if q.kind in ("multiple_choice", "true_false")]
    # Aiken has no feedback field: everything but the explanation comes back.
    assert [q.comparable()[:5] for q in questions] == [q.comparable()[:5] for q in choice_questions]
