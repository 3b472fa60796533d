"""Review actions on generated items: publish, reject, edit, publish in bulk, undo.

Each action returns the items' state before it (a JSON-ready "change"), which the review
page keeps so `u` can put it back. Publishing a question checks the rules the admin checks.
"""

from __future__ import annotations

from django.db import transaction

from quizapp.content.models import Document, Flashcard, Question, Status

MODELS = {"question": Question, "flashcard": Flashcard}
# What an undo puts back, per kind of item.
UNDO_FIELDS = {
    "question": ("status", "prompt", "answer", "alternatives", "explanation", "teacher_edited"),
    "flashcard": ("status", "front", "back", "teacher_edited"),
}


class ReviewError(Exception):
    """An action that cannot be done; the message says why and what to do."""


def model_name(item) -> str:
    return "question" if isinstance(item, Question) else "flashcard"


def snapshot(item) -> dict:
    """The item's reviewable fields, to put back on undo."""
    name = model_name(item)
    return {
        "model": name,
        "pk": item.pk,
        "fields": {f: getattr(item, f) for f in UNDO_FIELDS[name]},
    }


def publish_problems(item) -> list[str]:
    """Why `item` cannot be published as it is (a question's rules); empty when it can."""
    if not isinstance(item, Question):
        return []
    return [problem.message for problem in item.problems()]


@transaction.atomic
def set_status(*, item, status: str) -> list[dict]:
    """Publish, reject or return an item to draft. Raises `ReviewError` if it may not be
    published yet."""
    if status == Status.PUBLISHED and (problems := publish_problems(item)):
        raise ReviewError(f"Not published: {'; '.join(problems)}. Edit it first.")
    before = snapshot(item)
    item.status = status
    item.save(update_fields=["status", "updated_at"])
    return [before]


@transaction.atomic
def save_edit(*, form) -> list[dict]:
    """Save a validated edit form; the item becomes the teacher's (regenerating keeps it)."""
    before = snapshot(form.instance.__class__.objects.get(pk=form.instance.pk))
    item = form.save(commit=False)
    item.teacher_edited = True
    item.save()
    return [before]


@transaction.atomic
def publish_drafts(*, document: Document, minimum: float) -> tuple[list[dict], list[str]]:
    """Publish every draft of `document` scoring at least `minimum`.

    Returns the changes and, for each draft question that breaks a rule, why it was left.
    """
    changes, left = [], []
    questions = Question.objects.for_document(document).drafts().filter(score__gte=minimum)
    for question in questions.prefetch_related("choices"):
        if problems := publish_problems(question):
            left.append(f"'{question}': {'; '.join(problems)}")
        else:
            changes.append(snapshot(question))
    cards = Flashcard.objects.for_document(document).drafts().filter(score__gte=minimum)
    changes += [snapshot(card) for card in cards]
    for name, model in MODELS.items():
        pks = [c["pk"] for c in changes if c["model"] == name]
        model.objects.filter(pk__in=pks).update(status=Status.PUBLISHED)
    return changes, left


@transaction.atomic
def undo(changes: list[dict], *, document: Document) -> list[tuple[str, int]]:
    """Put the items of `changes` back as they were; only items of `document` are touched.

    Returns (model, pk) of the items restored.
    """
    restored = []
    for change in changes:
        model = MODELS.get(change.get("model"))
        fields = (
            {f: v for f, v in change.get("fields", {}).items() if f in UNDO_FIELDS[change["model"]]}
            if model
            else {}
        )
        if (
            model
            and fields
            and model.objects.filter(pk=change["pk"], document=document).update(**fields)
        ):
            restored.append((change["model"], change["pk"]))
    return restored
