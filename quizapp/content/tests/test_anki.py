"""The Anki export: the package is a zip holding an SQLite collection with the deck's notes."""

from __future__ import annotations

import io
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
from django.urls import reverse

from quizapp.content import anki
from quizapp.content.models import Flashcard, Question, Status
from quizapp.content.tests.factories import DocumentFactory, FlashcardFactory, QuestionFactory


@pytest.fixture
def deck_document(db):
    """Two published cards, a draft card, a published cloze, a draft cloze and an MCQ."""
    document = DocumentFactory(
        slug="vilnius",
        title="Vilnius: the  capital",
        source_name="v.txt",
        text="t",
        content_hash="h",
    )
    for key, status, score in [("c1", Status.PUBLISHED, 0.9), ("c2", Status.PUBLISHED, 0.5)]:
        FlashcardFactory(
            document=document,
            key=key,
            kind=Flashcard.Kind.FAQ,
            front=f"Front {key} <b>?",
            back=f"Back {key}",
            source_text=f"Source sentence of {key}.",
            status=status,
            score=score,
        )
    FlashcardFactory(
        document=document,
        key="draft",
        front="Draft front",
        back="b",
        source_text="s",
        status=Status.DRAFT,
    )
    for key, status in [("cz", Status.PUBLISHED), ("cz-draft", Status.DRAFT)]:
        QuestionFactory(
            document=document,
            key=key,
            kind=Question.Kind.CLOZE,
            prompt="The Old Town of _____ is a World Heritage Site.",
            answer="Vilnius",
            source_text="The Old Town of Vilnius is a World Heritage Site.",
            status=status,
        )
    QuestionFactory(
        document=document,
        key="mc",
        kind=Question.Kind.MULTIPLE_CHOICE,
        prompt="Which city?",
        answer="Vilnius",
        choices=["Riga", "Vilnius"],
        source_text="Vilnius is the capital.",
    )
    return document


def read_package(data: bytes, tmp_path: Path) -> dict:
    """The notes (by guid) and note types of an `.apkg`'s collection."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert "collection.anki2" in package.namelist()
        path = tmp_path / "collection.anki2"
        path.write_bytes(package.read("collection.anki2"))
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT id, guid, mid, mod, tags, flds FROM notes ORDER BY id").fetchall()
        models = json.loads(db.execute("SELECT models FROM col").fetchone()[0])
        decks = json.loads(db.execute("SELECT decks FROM col").fetchone()[0])
        cards = db.execute("SELECT count(*) FROM cards").fetchone()[0]
    path.unlink()
    notes = {
        guid: {
            "id": id_,
            "mid": mid,
            "mod": mod,
            "tags": tags.split(),
            "fields": flds.split("\x1f"),
        }
        for id_, guid, mid, mod, tags, flds in rows
    }
    return {"notes": notes, "models": models, "decks": decks, "cards": cards}


def export(document) -> bytes:
    file = io.BytesIO()
    anki.write_package(document, file)
    return file.getvalue()


def test_package_holds_published_cards_and_clozes_with_source_and_tag(deck_document, tmp_path):
    package = read_package(export(deck_document), tmp_path)
    notes = package["notes"]
    assert len(notes) == 3 and package["cards"] == 3  # the drafts and the MCQ stay out

    c1 = notes[anki.note_guid(Flashcard.objects.get(key="c1"))]
    assert c1["mid"] == anki.BASIC_MODEL_ID
    assert c1["fields"] == ["Front c1 &lt;b&gt;?", "Back c1", "Source sentence of c1."]
    assert c1["tags"] == ["Vilnius:_the_capital"]

    cloze = notes[anki.note_guid(Question.objects.get(key="cz"))]
    assert cloze["mid"] == anki.CLOZE_MODEL_ID
    assert cloze["fields"] == [
        "The Old Town of {{c1::Vilnius}} is a World Heritage Site.",
        "The Old Town of Vilnius is a World Heritage Site.",
    ]
    assert cloze["tags"] == ["Vilnius:_the_capital"]

    assert package["models"][str(anki.CLOZE_MODEL_ID)]["type"] == 1  # Anki's cloze note type
    assert package["models"][str(anki.BASIC_MODEL_ID)]["type"] == 0
    assert str(anki.deck_id(deck_document)) in package["decks"]


def test_a_second_export_has_the_same_ids_and_guids(deck_document, tmp_path):
    first = read_package(export(deck_document), tmp_path)["notes"]
    second = read_package(export(deck_document), tmp_path)["notes"]
    assert {g: n["id"] for g, n in first.items()} == {g: n["id"] for g, n in second.items()}


def test_an_edited_card_keeps_its_guid_and_looks_newer(deck_document, tmp_path):
    before = read_package(export(deck_document), tmp_path)["notes"]
    card = Flashcard.objects.get(key="c1")
    card.front = "A better front?"
    card.save()
    after = read_package(export(deck_document), tmp_path)["notes"]
    assert before.keys() == after.keys()
    guid = anki.note_guid(card)
    assert after[guid]["fields"][0] == "A better front?"
    assert after[guid]["mod"] >= before[guid]["mod"]


@pytest.mark.parametrize(
    ("title", "tag"),
    [
        ("Vilnius", "Vilnius"),
        ("  China and Russia\ttalks ", "China_and_Russia_talks"),
        ('A "quoted"::nested title', "A_quoted_nested_title"),
        ("   ", "untitled"),
    ],
)
def test_tags_have_no_spaces_quotes_or_nesting(title, tag):
    assert anki.tag_for(title) == tag


def test_a_cloze_answer_cannot_break_out_of_its_deletion():
    question = Question(prompt="Say _____ <now>.", answer="a}}b::c <i>")
    assert anki.cloze_text(question) == "Say {{c1::a} }b: :c &lt;i&gt;}} &lt;now&gt;."


def test_deck_page_links_the_download_for_students(client, student, deck_document, tmp_path):
    client.force_login(student)
    page = client.get(reverse("study:deck", args=[deck_document.slug])).content.decode()
    url = reverse("study:deck_package", args=[deck_document.slug])
    assert f'href="{url}"' in page

    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == anki.APKG_TYPE
    assert 'filename="vilnius.apkg"' in response["Content-Disposition"]
    notes = read_package(b"".join(response.streaming_content), tmp_path)["notes"]
    assert len(notes) == 3


def test_download_needs_sign_in_and_a_real_document(client, student, deck_document):
    url = reverse("study:deck_package", args=[deck_document.slug])
    assert client.get(url).status_code == 302
    client.force_login(student)
    assert client.get(reverse("study:deck_package", args=["nope"])).status_code == 404


def test_api_serves_the_same_package(student, deck_document, tmp_path):
    from rest_framework.test import APIClient

    client = APIClient()
    url = f"/api/documents/{deck_document.pk}/deck.apkg"
    assert client.get(url).status_code == 401
    client.force_authenticate(student)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == anki.APKG_TYPE
    notes = read_package(b"".join(response.streaming_content), tmp_path)["notes"]
    assert notes.keys() == read_package(export(deck_document), tmp_path)["notes"].keys()
    missing = client.get("/api/documents/999999/deck.apkg")
    assert missing.status_code == 404 and "detail" in missing.json()


def test_the_schema_lists_the_package_download(client):
    schema = client.get("/api/schema/?format=json").json()
    operation = schema["paths"]["/api/documents/{document_id}/deck.apkg"]["get"]
    assert anki.APKG_TYPE in operation["responses"]["200"]["content"]


def test_export_queries_do_not_grow_with_the_deck(deck_document):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            export(deck_document)
        return len(captured.captured_queries)

    before = queries()
    Flashcard.objects.bulk_create(
        Flashcard(
            document=deck_document,
            key=f"more-{i}",
            kind=Flashcard.Kind.FAQ,
            front=f"More {i}?",
            back="b",
            source_text="s",
            status=Status.PUBLISHED,
        )
        for i in range(20)
    )
    assert queries() == before == 2
    assert len(read_package_notes(deck_document)) == 23


def read_package_notes(document) -> list[str]:
    """The guids of the notes in a fresh export, read without a temporary folder."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        return list(read_package(export(document), Path(folder))["notes"])
