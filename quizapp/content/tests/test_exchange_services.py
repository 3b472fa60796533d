"""Importing into a document's bank and exporting it, through the database.

Exporting a quiz is the study layer's (quizapp/study/tests/test_export_questions.py)."""

import io
import re
import zipfile

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
from quizapp.content.tests.factories import DocumentFactory, QuestionFactory

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


@pytest.mark.parametrize("fmt", ["gift", "aiken", "csv", "qti", "moodle"])
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


@pytest.mark.parametrize("fmt", ["qti", "moodle"])
def test_reimporting_an_lms_export_updates_the_questions_it_came_from(talks, fmt):
    import_questions(document=talks, text=GIFT, fmt="gift")
    generated = QuestionFactory(
        document=talks,
        key="3f2a9c0d1e2b3c4d5e6f",
        kind="cloze",
        prompt="Lavrov flew to _____ on Monday.",
        answer="Beijing",
        explanation="Lavrov flew to Beijing on Monday.",
        status=Status.DRAFT,
    )
    data, _ = export_questions(questions=questions_for_export(document=talks), fmt=fmt)
    again = import_questions(document=talks, text=data, fmt=fmt)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 5), again.errors

    # Edited in the learning platform and brought back: the same questions, updated.
    if fmt == "qti":
        files = _files(data)
        name = "items/q-talks.3f2a9c0d1e2b3c4d5e6f.xml"
        files[name] = files[name].replace(b"on Monday", b"on Tuesday")
        edited = _zip(files)
    else:
        edited = data.replace("on Monday", "on Tuesday")
    report = import_questions(document=talks, text=edited, fmt=fmt)
    assert (report.created, report.updated, report.unchanged) == (0, 1, 4), report.errors
    assert Question.objects.filter(document=talks).count() == 5
    generated.refresh_from_db()
    assert generated.prompt == "Lavrov flew to _____ on Tuesday."
    assert generated.explanation == "Lavrov flew to Beijing on Tuesday."
    assert generated.teacher_edited and generated.status == Status.DRAFT


def _files(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, content in files.items():
            package.writestr(name, content)
    return buffer.getvalue()


def test_a_bad_item_in_a_package_saves_nothing(talks):
    import_questions(document=talks, text=GIFT, fmt="gift")
    data, _ = export_questions(questions=questions_for_export(document=talks), fmt="qti")
    elsewhere = DocumentFactory(slug="copy")
    files = _files(data)
    broken = sorted(n for n in files if n.startswith("items/"))[-1]
    files[broken] = files[broken].replace(b"</itemBody>", b"")
    report = import_questions(document=elsewhere, text=_zip(files), fmt="qti")
    assert len(report.errors) == 1
    assert report.errors[0].startswith(f"{broken} line ")
    assert "the XML is not well formed" in report.errors[0]
    assert not Question.objects.filter(document=elsewhere).exists()


def test_commands_export_and_import_qti_and_moodle_told_apart_by_content(talks, tmp_path, capsys):
    import_questions(document=talks, text=GIFT, fmt="gift")
    package = tmp_path / "talks.zip"
    call_command("export_questions", document="talks", format="qti", output=str(package))
    assert "Exported 4 question(s) as qti; skipped 0." in capsys.readouterr().err
    assert zipfile.is_zipfile(package)
    call_command("export_questions", document="talks", format="moodle")
    captured = capsys.readouterr()
    assert captured.out.startswith("<?xml version='1.0' encoding='UTF-8'?>\n<quiz>")
    moodle_file = tmp_path / "from-moodle.txt"  # a name that says nothing
    moodle_file.write_text(captured.out, encoding="utf-8")
    with pytest.raises(CommandError, match="a QTI package is a .zip file: add -o FILE.zip"):
        call_command("export_questions", document="talks", format="qti")

    DocumentFactory(slug="copy")
    call_command("import_questions", str(package), document="copy")
    assert "Imported 4 question(s): 4 new" in capsys.readouterr().out
    call_command("import_questions", str(moodle_file), document="copy")
    assert "4 unchanged" in capsys.readouterr().out
    assert Question.objects.filter(document__slug="copy").count() == 4


def test_import_command_names_the_file_and_line_of_bad_xml(talks, tmp_path, capsys):
    bad = tmp_path / "bank.xml"
    bad.write_text("<quiz>\n<question type='essay'>\n</question>\n</quiz>\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_questions", str(bad), document="talks")
    assert 'bank.xml: line 2: <question type="essay"> is not supported' in (capsys.readouterr().err)
    assert not Question.objects.exists()
