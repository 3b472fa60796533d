"""Importing into a document's bank and exporting it, through the database.

Exporting a quiz is the study layer's (quizapp/study/tests/test_export_questions.py)."""

import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from quizapp.content.exchange.services import (
    export_questions,
    import_questions,
    questions_for_export,
    to_exchange,
)
from quizapp.content.models import Question, Status
from quizapp.content.tests.factories import DocumentFactory

GIFT = """::Capital:: What is the capital of Lithuania? {=Vilnius ~Riga ~Tallinn ####Since 1323.}

Wang Yi is China's foreign minister. {T}

Who did Wang Yi meet? {=Sergey Lavrov =Lavrov}

Wang Yi met Sergey Lavrov in {=Beijing} last week.
"""


@pytest.fixture
def talks(db):
    """An empty document, "Talks", that the GIFT bank above is imported into."""
    return DocumentFactory(slug="talks", title="Talks")


def test_import_saves_questions_with_choices_as_the_teachers_own(talks):
    report = import_questions(document=talks, text=GIFT, fmt="gift", source_name="bank.gift")
    assert report.ok and (report.created, report.updated) == (4, 0)
    mc = Question.objects.get(kind="multiple_choice")
    assert [(c.text, c.is_correct) for c in mc.choices.all()] == [
        ("Vilnius", True),
        ("Riga", False),
        ("Tallinn", False),
    ]
    assert mc.teacher_edited and mc.status == Status.PUBLISHED
    assert mc.source_text == "Imported from bank.gift" and mc.explanation == "Since 1323."
    tf = Question.objects.get(kind="true_false")
    assert [(c.text, c.is_correct) for c in tf.choices.all()] == [("True", True), ("False", False)]

    again = import_questions(document=talks, text=GIFT, fmt="gift")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)
    assert Question.objects.count() == 4


def test_a_bad_line_saves_nothing(talks):
    text = GIFT + "\nBroken? {=a =b ~c}\n"
    report = import_questions(document=talks, text=text, fmt="gift")
    assert report.errors == [
        "line 9: multiple choice needs exactly one correct answer (marked with =); it has 2"
    ]
    assert "Nothing was imported" in report.summary()
    assert not Question.objects.exists()


@pytest.mark.parametrize("fmt", ["gift", "aiken", "csv"])
def test_export_then_import_gives_the_same_questions(talks, fmt):
    import_questions(document=talks, text=GIFT, fmt="gift")
    if fmt == "aiken":
        Question.objects.exclude(kind__in=["multiple_choice", "true_false"]).delete()
    before = [to_exchange(q).comparable() for q in questions_for_export(document=talks)]
    text, skipped = export_questions(questions=questions_for_export(document=talks), fmt=fmt)
    assert skipped == []

    elsewhere = DocumentFactory(slug="copy", title="Copy")
    report = import_questions(document=elsewhere, text=text, fmt=fmt)
    assert report.ok, report.errors
    after = [to_exchange(q).comparable() for q in questions_for_export(document=elsewhere)]
    if fmt == "aiken":  # Aiken has no field for the explanation
        before = [q[:5] for q in before]
        after = [q[:5] for q in after]
    assert sorted(after) == sorted(before)


def test_import_command_saves_the_bank(talks, tmp_path, capsys):
    source = tmp_path / "bank.gift"
    source.write_text(GIFT, encoding="utf-8")
    call_command("import_questions", str(source), document="talks", draft=True)
    assert "Imported 4 question(s): 4 new" in capsys.readouterr().out
    assert set(Question.objects.values_list("status", flat=True)) == {Status.DRAFT}


def test_import_command_reports_each_bad_line_and_fails(talks, tmp_path, capsys):
    source = tmp_path / "bad.aiken"
    source.write_text("Q?\nA. a\nB. b\nANSWER: Z\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_questions", str(source), document="talks")
    assert "bad.aiken: line 4: ANSWER: Z is not one of the options A–B" in capsys.readouterr().err
    with pytest.raises(CommandError, match="no document with slug 'nope'"):
        call_command("import_questions", str(source), document="nope")
    other = tmp_path / "bank.txt"
    other.write_text("x", encoding="utf-8")
    with pytest.raises(CommandError, match=re.escape("add --format gift|aiken|csv")):
        call_command("import_questions", str(other), document="talks")
