"""Exporting a quiz's questions, and the `export_questions` command for a bank or a quiz."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from quizapp.content.exchange.services import import_questions
from quizapp.content.models import Question, Status
from quizapp.content.tests.factories import DocumentFactory
from quizapp.study.selectors import quiz_questions
from quizapp.study.tests.factories import QuizFactory

GIFT = """::Capital:: What is the capital of Lithuania? {=Vilnius ~Riga ~Tallinn ####Since 1323.}

Wang Yi is China's foreign minister. {T}

Who did Wang Yi meet? {=Sergey Lavrov =Lavrov}

Wang Yi met Sergey Lavrov in {=Beijing} last week.
"""


@pytest.fixture
def talks(db):
    """A document whose bank holds one question of each kind the GIFT text above has."""
    document = DocumentFactory(slug="talks", title="Talks")
    import_questions(document=document, text=GIFT, fmt="gift")
    return document


def test_quiz_export_follows_hand_picked_order_or_the_documents_published(talks):
    Question.objects.filter(kind="cloze").update(status=Status.DRAFT)
    drawn = QuizFactory(slug="drawn", title="Drawn", document=talks)
    assert {q.kind for q in quiz_questions(quiz=drawn)} == {
        "multiple_choice",
        "true_false",
        "short_answer",
    }
    tf, mc = Question.objects.get(kind="true_false"), Question.objects.get(kind="multiple_choice")
    picked = QuizFactory(slug="picked", questions=[mc, tf])
    assert quiz_questions(quiz=picked) == [mc, tf]


def test_export_command_writes_a_bank_or_a_quiz(talks, tmp_path, capsys):
    out = tmp_path / "bank.csv"
    call_command("export_questions", document="talks", format="csv", output=str(out))
    assert "Exported 4 question(s) as csv; skipped 0." in capsys.readouterr().err
    assert out.read_text(encoding="utf-8").startswith("kind,prompt,answer")

    call_command("export_questions", document="talks", format="aiken")
    captured = capsys.readouterr()
    assert "ANSWER: A" in captured.out
    assert "skipped 2." in captured.err

    QuizFactory(slug="drawn", title="Drawn", document=talks)
    call_command("export_questions", quiz="drawn", format="aiken")
    assert "ANSWER: A" in capsys.readouterr().out


def test_export_command_names_a_missing_document_or_quiz(db):
    with pytest.raises(CommandError, match="no document with slug 'nope'"):
        call_command("export_questions", document="nope")
    with pytest.raises(CommandError, match="no quiz with slug 'nope'"):
        call_command("export_questions", quiz="nope")
