"""Content dumps with natural keys and loads again with the same rows."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from quizapp.content.models import Choice, Document, Flashcard, Question


@pytest.mark.django_db
def test_dumpdata_with_natural_keys_round_trips(seed_document, tmp_path):
    before = {m: m.objects.count() for m in (Document, Flashcard, Question, Choice)}
    out = StringIO()
    call_command(
        "dumpdata", "content", "--natural-foreign", "--natural-primary", "--indent=1", stdout=out
    )
    rows = json.loads(out.getvalue())
    assert all("pk" not in row for row in rows), "natural keys replace integer ids"
    dump = tmp_path / "content.json"
    dump.write_text(out.getvalue())

    Document.objects.all().delete()
    assert Question.objects.count() == 0
    call_command("loaddata", str(dump), verbosity=0)

    assert {m: m.objects.count() for m in before} == before
    assert before[Choice] > 0, "the seed document gives choice questions"
    for question in Question.objects.filter(kind="multiple_choice"):
        assert question.choices.filter(is_correct=True).count() == 1


@pytest.mark.django_db
def test_natural_key_lookups(seed_document):
    card = Flashcard.objects.first()
    assert Flashcard.objects.get_by_natural_key(*card.natural_key()) == card
    assert Document.objects.get_by_natural_key(seed_document.slug) == seed_document
