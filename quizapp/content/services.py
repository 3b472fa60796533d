"""Save generated items for a document: one transaction per document, edits preserved.

Re-ingesting an unchanged document writes nothing. Ingesting an edited one updates the
generated items it still produces (same `key`), adds new ones and removes the ones it no
longer produces, but never touches an item a teacher edited; learner history hangs off
items by foreign key, so it survives for every item that did not change.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils.text import slugify

from .generation.candidates import CardCandidate, QuestionCandidate
from .generation.pipeline import GeneratedItems, status_for
from .models import Choice, Document, Flashcard, Question, Section
from .parsing import ParsedDocument, part_index


@dataclass
class SaveResult:
    """What saving one document did."""

    document: Document
    outcome: str  # "created", "updated" or "unchanged"
    flashcards: int = 0
    questions: int = 0


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def slug_for(source_name: str) -> str:
    """The document's slug (its natural key), from its file name without the extension."""
    stem = source_name.rsplit(".", 1)[0]
    return slugify(stem)[:200] or "document"


CARD_FIELDS = ("kind", "front", "back", "source_text", "generator", "score")
QUESTION_FIELDS = (
    "kind",
    "prompt",
    "answer",
    "source_text",
    "generator",
    "score",
    "score_reasons",
)


@transaction.atomic
def save_document(
    *,
    source_name: str,
    parsed: ParsedDocument,
    items: GeneratedItems,
    threshold: float,
    force: bool = False,
) -> SaveResult:
    """Create or update the document and its generated items in one transaction.

    An unchanged text writes nothing unless `force` is set (a teacher's "regenerate"):
    then the items are generated afresh, still keeping every item a teacher edited.
    """
    digest = content_hash(parsed.text)
    slug = slug_for(source_name)
    document = Document.objects.select_for_update().filter(slug=slug).first()
    if document is not None and document.content_hash == digest and not force:
        return SaveResult(
            document=document,
            outcome="unchanged",
            flashcards=document.flashcards.count(),
            questions=document.questions.count(),
        )
    outcome = "created" if document is None else "updated"
    document = document or Document(slug=slug)
    document.title = parsed.title
    document.date = parsed.date
    document.source_name = source_name
    document.text = parsed.text
    document.content_hash = digest
    document.full_clean()
    document.save()

    section_of = sync_sections(document, parsed)
    _sync_flashcards(document, items.flashcards, threshold, section_of)
    _sync_questions(document, items.questions, threshold, section_of)
    return SaveResult(
        document=document,
        outcome=outcome,
        flashcards=document.flashcards.count(),
        questions=document.questions.count(),
    )


SectionOf = Callable[[str], "Section | None"]


def sync_sections(document: Document, parsed: ParsedDocument) -> SectionOf:
    """Make the document's `Section` rows match its headings, keeping rows by position, and
    return the function that names the section a source passage is in."""
    parts = parsed.parts()
    existing = {s.position: s for s in document.sections.all()}
    sections, new = [], []
    for position, part in enumerate(parts):
        wanted = {"heading": part.heading[:300], "level": part.level, "word_count": part.word_count}
        section = existing.pop(position, None)
        if section is None:
            section = Section(document=document, position=position, **wanted)
            new.append(section)
        elif any(getattr(section, f) != v for f, v in wanted.items()):
            Section.objects.filter(pk=section.pk).update(**wanted)
        sections.append(section)
    # One insert for a chapter's new sections; they come back with their ids.
    Section.objects.bulk_create(new)
    if existing:
        Section.objects.filter(pk__in=[s.pk for s in existing.values()]).delete()

    def section_of(passage: str) -> Section | None:
        index = part_index(parts, passage)
        return None if index is None else sections[index]

    return section_of


def _sync_flashcards(
    document: Document, candidates: list[CardCandidate], threshold: float, section_of: SectionOf
):
    existing = {card.key: card for card in document.flashcards.all()}
    wanted = {c.key: c for c in candidates}
    _delete_stale(existing, wanted)
    new = []
    for key, candidate in wanted.items():
        card = existing.get(key)
        section = section_of(candidate.source_text)
        if card is None:
            new.append(
                Flashcard(
                    document=document,
                    key=key,
                    section=section,
                    status=status_for(candidate, threshold),
                    **{f: getattr(candidate, f) for f in CARD_FIELDS},
                )
            )
        elif _placed(card, section) | (
            not card.teacher_edited and _assign(card, candidate, CARD_FIELDS)
        ):
            card.save()
    Flashcard.objects.bulk_create(new)


def _sync_questions(
    document: Document,
    candidates: list[QuestionCandidate],
    threshold: float,
    section_of: SectionOf,
):
    existing = {q.key: q for q in document.questions.prefetch_related("choices")}
    wanted = {c.key: c for c in candidates}
    _delete_stale(existing, wanted)
    for key, candidate in wanted.items():
        question = existing.get(key)
        section = section_of(candidate.source_text)
        if question is None:
            question = Question(
                document=document,
                key=key,
                section=section,
                status=status_for(candidate, threshold),
                alternatives=list(candidate.alternatives),
                explanation=candidate.explanation_or_source(),
                **{f: getattr(candidate, f) for f in QUESTION_FIELDS},
            )
            question.save()
            _replace_choices(question, candidate)
            continue
        if question.teacher_edited:
            if _placed(question, section):
                question.save(update_fields=["section"])
            continue
        changed = _placed(question, section) | _assign(question, candidate, QUESTION_FIELDS)
        if question.alternatives != list(candidate.alternatives):
            question.alternatives = list(candidate.alternatives)
            changed = True
        if question.explanation != candidate.explanation_or_source():
            question.explanation = candidate.explanation_or_source()
            changed = True
        if changed:
            question.save()
        if [c.text for c in question.choices.all()] != list(candidate.choices):
            _replace_choices(question, candidate)


def _replace_choices(question: Question, candidate: QuestionCandidate) -> None:
    question.choices.all().delete()
    Choice.objects.bulk_create(
        Choice(question=question, text=text, is_correct=(text == candidate.answer), position=i)
        for i, text in enumerate(candidate.choices)
    )


def _delete_stale(existing: dict, wanted: dict) -> None:
    """Remove generated items the document no longer produces, unless a teacher edited them."""
    for key, item in existing.items():
        if key not in wanted and not item.teacher_edited:
            item.delete()


def _placed(item, section: Section | None) -> bool:
    """Put a stored item in `section`; True if that moved it. A section is a place in the
    document, not an edit, so it follows the text even for items a teacher edited."""
    if item.section_id == (section.pk if section else None):
        return False
    item.section = section
    return True


def _assign(obj, candidate, fields) -> bool:
    """Copy `fields` from candidate to obj; True if anything changed."""
    changed = False
    for name in fields:
        value = getattr(candidate, name)
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed
