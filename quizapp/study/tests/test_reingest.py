"""Ingesting an edited file again keeps what students learned of the items that stay."""

from io import StringIO

import pytest
from django.core.management import call_command

from quizapp.content.models import Flashcard
from quizapp.study.models import MemoryState
from quizapp.study.tests.factories import MemoryStateFactory

GOOD = "date 2024-03-01 Leaders met in Paris.\n\nFAQ\n\nWhat is a summit?\n\nA meeting of leaders."


def run_ingest(path) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    call_command("ingest", str(path), stdout=out, stderr=err)
    return 0, out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_edited_file_updates_items_but_keeps_teacher_edits_and_history(tmp_path, make_user):
    path = tmp_path / "summit.txt"
    path.write_text(GOOD + "\n\nWho went?\n\nMany people.", encoding="utf-8")
    run_ingest(path)
    edited = Flashcard.objects.get(front="Who went?")
    edited.back = "Leaders from twenty countries."
    edited.teacher_edited = True
    edited.save()
    kept = Flashcard.objects.get(front="What is a summit?", kind="faq")
    student = make_user("s1")
    MemoryStateFactory(student=student, flashcard=kept, due=kept.created_at)

    path.write_text(GOOD + "\n\nWhere was it?\n\nIn Paris.", encoding="utf-8")
    status, out, _ = run_ingest(path)

    assert status == 0 and "1 updated" in out
    fronts = set(Flashcard.objects.filter(kind="faq").values_list("front", flat=True))
    assert fronts == {"What is a summit?", "Who went?", "Where was it?"}
    assert Flashcard.objects.get(front="Who went?").back == "Leaders from twenty countries."
    assert Flashcard.objects.get(pk=kept.pk)  # same row, so its history stays
    assert MemoryState.objects.filter(flashcard=kept, student=student).exists()
