"""The teacher's workspace: their documents, uploads with progress, and a fast review page.

Every action is a plain form that works without JavaScript; with htmx the review page
swaps only the item acted on and announces the change in a live region.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import Truncator
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from quizapp.accounts.decorators import teacher_required
from quizapp.content.exchange.downloads import LMS_FORMATS, download_response
from quizapp.content.exchange.services import questions_for_export
from quizapp.content.models import Status
from quizapp.content.uploads import Incoming, queue_uploads, requeue_abandoned

from . import services
from .forms import UploadForm, edit_form
from .selectors import (
    SectionCounts,
    batch_uploads,
    class_flags,
    documents_for_home,
    documents_for_review,
    group_key,
    latest_unfinished_batch,
    review_groups,
    review_item,
    review_items,
    section_counts,
)

UNDO_DEPTH = 20
ACTIONS = {"publish": Status.PUBLISHED, "reject": Status.REJECTED, "draft": Status.DRAFT}
DONE_WORDS = {"publish": "Published", "reject": "Rejected", "draft": "Back to draft"}


@teacher_required
def home(request):
    """The teacher's documents, newest first, with what waits for review."""
    requeue_abandoned()
    page = Paginator(documents_for_home(request.user), 50).get_page(request.GET.get("page"))
    flags = class_flags(request.user)
    context = {
        "page": page,
        "rows": [(document, flags.documents.get(document.pk, 0)) for document in page],
        "pending_batch": latest_unfinished_batch(request.user),
    }
    return render(request, "teach/home.html", context)


@teacher_required
@require_http_methods(["GET", "POST"])
def upload(request):
    """Check and queue documents (PDF, Word, HTML, Markdown, text) or a pasted text;
    generation runs in a worker."""
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        incoming = [Incoming.from_file(f) for f in data["files"]]
        if data["text"].strip():
            incoming.append(Incoming.pasted(title=data["title"].strip(), text=data["text"]))
        batch = queue_uploads(teacher=request.user, incoming=incoming)
        if batch.uploads:
            for refused in batch.refused:
                messages.error(request, f"Not uploaded: {refused.source}: {refused.message}.")
            messages.success(
                request, f"Queued {len(batch.uploads)} document(s); generating them now."
            )
            return redirect("teach:progress", batch=batch.batch)
        for refused in batch.refused:
            form.add_error(None, f"{refused.source}: {refused.message}.")
    status = 400 if form.errors else 200
    return render(request, "teach/upload.html", {"form": form}, status=status)


@teacher_required
def progress(request, batch):
    """Each file's state and a bar over the batch; htmx polls the fragment until done."""
    requeue_abandoned()
    uploads = batch_uploads(request.user, batch)
    if not uploads:
        raise Http404("No such upload.")
    finished = sum(1 for u in uploads if u.finished)
    context = {
        "batch": batch,
        "uploads": uploads,
        "finished": finished,
        "all_done": finished == len(uploads),
        "failed": sum(1 for u in uploads if u.state == u.State.FAILED),
    }
    template = "teach/progress.html#progress" if request.htmx else "teach/progress.html"
    return render(request, template, context)


def _document(request, slug):
    return get_object_or_404(documents_for_review(request.user), slug=slug)


@teacher_required
@require_GET
def export(request, slug, fmt):
    """The document's questions (all but rejected ones) for a learning platform to import."""
    document = _document(request, slug)
    if fmt not in LMS_FORMATS:
        raise Http404("No such export format.")
    return download_response(
        fmt=fmt, questions=questions_for_export(document=document), source=document
    )


@teacher_required
def review(request, slug):
    """Every item of one document, drafts first by score, with keyboard review."""
    document = _document(request, slug)
    only_flagged = request.GET.get("show") == "flagged"
    flags = class_flags(request.user)
    items = review_items(document, flags, only_flagged=only_flagged)
    context = {
        "document": document,
        "items": items,
        "groups": review_groups(document, items),
        "only_flagged": only_flagged,
        "flagged_count": flags.documents.get(document.pk, 0),
        "export_formats": LMS_FORMATS,
    }
    return render(request, "teach/review.html", context)


def _push_undo(request, document, changes: list[dict]) -> None:
    stacks = request.session.get("teach-undo", {})
    stack = stacks.get(str(document.pk), [])
    stack = [*stack, changes][-UNDO_DEPTH:]
    stacks[str(document.pk)] = stack
    request.session["teach-undo"] = stacks


def _pop_undo(request, document) -> list[dict] | None:
    stacks = request.session.get("teach-undo", {})
    stack = stacks.get(str(document.pk), [])
    if not stack:
        return None
    changes = stack.pop()
    stacks[str(document.pk)] = stack
    request.session["teach-undo"] = stacks
    return changes


def _item_or_404(request, model, pk):
    if model not in services.MODELS:
        raise Http404("No such kind of item.")
    try:
        return review_item(model, pk, request.user)
    except ObjectDoesNotExist as exc:
        raise Http404("No such item.") from exc


def _short(item) -> str:
    return Truncator(item.prompt).chars(60)


def _item_response(request, item, message: str, *, error: bool = False):
    """The item again (htmx) with the message announced, or the review page (no JS)."""
    document = item.obj.document
    if request.htmx:
        fresh = review_item(item.model, item.obj.pk, request.user, class_flags(request.user))
        context = {
            "item": fresh,
            "document": document,
            "announcement": message,
            "announce_error": error,
        }
        section_id = fresh.obj.section_id
        if section_id is not None or document.sections.exists():
            # The item's section heading shows its counts: they move with the item.
            context["group"] = {
                "key": group_key(section_id),
                "counts": section_counts(document).get(section_id, SectionCounts()),
            }
        return render(request, "teach/_item_response.html", context)
    (messages.error if error else messages.success)(request, message)
    return redirect(f"{reverse('teach:review', args=[document.slug])}#{item.dom_id}")


@teacher_required
@require_POST
def item_action(request, model, pk, action):
    """Publish, reject, or return one item to draft."""
    item = _item_or_404(request, model, pk)
    if action not in ACTIONS:
        raise Http404("No such action.")
    try:
        changes = services.set_status(item=item.obj, status=ACTIONS[action])
    except services.ReviewError as exc:
        return _item_response(request, item, str(exc), error=True)
    _push_undo(request, item.obj.document, changes)
    return _item_response(request, item, f"{DONE_WORDS[action]}: {_short(item)}")


@teacher_required
@require_http_methods(["GET", "POST"])
def item_edit(request, model, pk):
    """Edit an item in place, with the admin's checks; the edit makes it the teacher's."""
    item = _item_or_404(request, model, pk)
    if request.htmx and request.GET.get("cancel"):
        return _item_response(request, item, "Edit cancelled.")
    form = edit_form(item.obj, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        changes = services.save_edit(form=form)
        _push_undo(request, item.obj.document, changes)
        return _item_response(request, item, f"Saved your edit: {_short(item)}")
    context = {"item": item, "form": form, "document": item.obj.document}
    if request.method == "POST":
        context["announcement"] = "Not saved: see what to fix in the form."
        context["announce_error"] = True
    template = "teach/_edit_response.html" if request.htmx else "teach/edit.html"
    return render(
        request, template, context, status=400 if form.errors and not request.htmx else 200
    )


@teacher_required
@require_POST
def undo(request, slug):
    """Put back the items of the last change on this document."""
    document = _document(request, slug)
    changes = _pop_undo(request, document)
    restored = services.undo(changes, document=document) if changes else []
    if restored:
        message = f"Undone: {len(restored)} item(s) back as they were."
    else:
        message = "Nothing to undo."
    focus = f"{restored[0][0]}-{restored[0][1]}" if restored else ""
    if request.htmx:
        items = review_items(document, class_flags(request.user))
        context = {
            "document": document,
            "items": items,
            "groups": review_groups(document, items),
            "focus": focus,
            "announcement": message,
        }
        return render(request, "teach/_items_response.html", context)
    messages.info(request, message)
    return redirect(f"{reverse('teach:review', args=[document.slug])}#{focus}")


@teacher_required
@require_POST
def publish_drafts(request, slug):
    """Publish every draft of the document scoring at least the given score."""
    document = _document(request, slug)
    try:
        minimum = float(request.POST.get("minimum", ""))
    except ValueError:
        minimum = -1.0
    if not 0 <= minimum <= 1:
        messages.error(request, "Give the lowest score to publish as a number from 0 to 1.")
        return redirect("teach:review", slug=document.slug)
    changes, left = services.publish_drafts(document=document, minimum=minimum)
    if changes:
        _push_undo(request, document, changes)
    messages.success(request, f"Published {len(changes)} draft(s) scoring at least {minimum:g}.")
    for reason in left:
        messages.warning(request, f"Left as a draft: {reason}. Edit it first.")
    return redirect("teach:review", slug=document.slug)
