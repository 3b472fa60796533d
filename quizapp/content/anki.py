"""A document's deck as an Anki package (`.apkg`), written with genanki.

Anki recognises a note it has seen before by its guid, so every guid here is derived from
the item's document and stable key, never from its text or from chance: importing a newer
export updates the student's notes (and keeps their review history) instead of adding
copies. The models and the deck have fixed ids for the same reason. Note ids and the
modification time come from the newest edit of the document or its items, so an unchanged
deck exports the same ids every time and an edited one looks newer to Anki.
"""

from __future__ import annotations

import hashlib
import html
import re
import tempfile
from datetime import datetime
from typing import BinaryIO

import genanki
from django.http import FileResponse

from .generation.cloze import BLANK
from .models import Document, Flashcard, Question

APKG_TYPE = "application/apkg"

# Fixed for ever: Anki keys note types by id, and a new id would make a second note type.
BASIC_MODEL_ID = 1_607_392_319
CLOZE_MODEL_ID = 1_607_392_320

_CARD_CSS = (
    ".card { font-family: sans-serif; font-size: 20px; text-align: left; }\n"
    ".source { color: #555; font-size: 16px; }\n"
    ".nightMode .source { color: #aaa; }"
)
_SOURCE = "{{#Source}}<hr><div class=source>{{Source}}</div>{{/Source}}"

BASIC_MODEL = genanki.Model(
    BASIC_MODEL_ID,
    "Quizapp flashcard",
    fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Source"}],
    templates=[
        {
            "name": "Card 1",
            "qfmt": "{{Front}}",
            "afmt": "{{FrontSide}}<hr id=answer>{{Back}}" + _SOURCE,
        }
    ],
    css=_CARD_CSS,
)

CLOZE_MODEL = genanki.Model(
    CLOZE_MODEL_ID,
    "Quizapp cloze",
    fields=[{"name": "Text"}, {"name": "Source"}],
    templates=[
        {"name": "Cloze", "qfmt": "{{cloze:Text}}", "afmt": "{{cloze:Text}}" + _SOURCE},
    ],
    css=_CARD_CSS,
    model_type=genanki.Model.CLOZE,
)


def _stable_int(*parts: str, bits: int = 62) -> int:
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") >> (64 - bits)


def deck_id(document: Document) -> int:
    """The Anki deck id of a document: the same on every export."""
    return _stable_int("quizapp-deck", document.slug, bits=40)


def note_guid(item: Flashcard | Question) -> str:
    """The Anki guid of an item, from what identifies it: its kind, document and key."""
    kind = "flashcard" if isinstance(item, Flashcard) else "question"
    return genanki.guid_for("quizapp", kind, item.document.slug, item.key)


def tag_for(title: str) -> str:
    """An Anki tag for a document title: tags are split on spaces, and `::` nests them."""
    tag = re.sub(r"\s+", "_", title.strip())
    tag = tag.replace("::", "_").replace('"', "")
    return tag or "untitled"


def cloze_text(question: Question) -> str:
    """The question's sentence with its blank as Anki's first cloze deletion, HTML-escaped."""
    # "}}" would end the deletion early and "::" would start a hint.
    answer = html.escape(question.answer, quote=False).replace("}}", "} }").replace("::", ": :")
    prompt = html.escape(question.prompt, quote=False)
    if BLANK in prompt:
        return prompt.replace(BLANK, "{{c1::" + answer + "}}", 1)
    return f"{prompt} {{{{c1::{answer}}}}}"


def _field(text: str) -> str:
    return html.escape(text, quote=False).replace("\n", "<br>")


def flashcard_note(card: Flashcard, *, tags: list[str]) -> genanki.Note:
    return genanki.Note(
        model=BASIC_MODEL,
        fields=[_field(card.front), _field(card.back), _field(card.source_text)],
        tags=tags,
        guid=note_guid(card),
    )


def cloze_note(question: Question, *, tags: list[str]) -> genanki.Note:
    return genanki.Note(
        model=CLOZE_MODEL,
        fields=[cloze_text(question), _field(question.source_text)],
        tags=tags,
        guid=note_guid(question),
    )


def deck_items(document: Document) -> tuple[list[Flashcard], list[Question]]:
    """What a document's Anki deck holds: its published flashcards and cloze questions."""
    cards = Flashcard.objects.published().for_document(document)
    clozes = Question.objects.published().for_document(document).filter(kind=Question.Kind.CLOZE)
    # Each note's guid names its document: read it with the items, not once per item.
    return (
        list(cards.select_related("document").order_by("-score", "id")),
        list(clozes.select_related("document").order_by("-score", "id")),
    )


def write_package(document: Document, file: BinaryIO) -> int:
    """Write the document's deck to `file` as an `.apkg`; returns how many notes it holds."""
    cards, clozes = deck_items(document)
    tags = [tag_for(document.title)]
    deck = genanki.Deck(deck_id(document), f"Quizapp::{document.title}")
    for card in cards:
        deck.add_note(flashcard_note(card, tags=tags))
    for question in clozes:
        deck.add_note(cloze_note(question, tags=tags))
    newest: datetime = max([document.updated_at, *(item.updated_at for item in [*cards, *clozes])])
    genanki.Package(deck).write_to_file(file, timestamp=newest.timestamp())
    return len(cards) + len(clozes)


def package_response(document: Document) -> FileResponse:
    """The document's deck as a download, built in a temporary file and streamed from it.

    The file has no name on disk and goes away when the response closes it.
    """
    file = tempfile.TemporaryFile(suffix=".apkg")  # noqa: SIM115 (the response closes it)
    try:
        write_package(document, file)
        file.seek(0)
    except BaseException:
        file.close()
        raise
    return FileResponse(
        file, as_attachment=True, filename=f"{document.slug}.apkg", content_type=APKG_TYPE
    )
