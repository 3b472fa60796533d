"""Student pages: home, library, flashcard review, quizzes, progress.

Each page renders whole for a normal request and only its named partial for htmx, so every
step works as a plain form post too. `now` is read once, when the request arrives, so time
limits are judged by when the student pressed the button, not when the database got to it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from quizapp.accounts.decorators import student_required
from quizapp.accounts.roles import is_teacher
from quizapp.content import anki
from quizapp.content.exchange.downloads import LMS_FORMATS, download_response
from quizapp.content.models import Document, Question, Section

from . import assigned, charts, printing, scope, selectors, services
from .exceptions import AttemptClosed, StudyError, TimeUp
from .forms import AnswerForm, RatingForm
from .models import Attempt, Quiz


def _join_url() -> str:
    try:
        return reverse("classes:join")
    except NoReverseMatch:
        return "/classes/join/"


def _now_ms(now) -> int:
    return int(now.timestamp() * 1000)


def _from_ms(ms):
    """A datetime from ms since the epoch, or None when missing or out of range."""
    try:
        return datetime.fromtimestamp(ms / 1000, tz=UTC) if ms else None
    except (OverflowError, OSError, ValueError):
        return None


def _duration_ms(shown, now) -> int | None:
    return _now_ms(now) - shown if shown else None


@student_required
@require_GET
def home(request):
    """The student's start page: assignments, their documents with what is due, the library."""
    now = timezone.now()
    documents = scope.student_documents(student=request.user, now=now)
    context = {
        "documents": documents,
        "due_total": sum(document.due for document in documents),
        "assignments": list(assigned.assignments(student=request.user)),
        "join_url": _join_url(),
        "now": now,
    }
    return render(request, "study/home.html", context)


@student_required
@require_GET
def library(request):
    """Every document, a page at a time, newest first; `q` searches titles."""
    query = request.GET.get("q", "").strip()[:100]
    found = scope.library_page(student=request.user, query=query, page=request.GET.get("page"))
    context = {"page": found, "query": query, "join_url": _join_url()}
    template = "study/library.html#results" if request.htmx else "study/library.html"
    return render(request, template, context)


def _review_context(
    request, *, document, section=None, now, card=None, reveal=False, shown=None, error=""
):
    """What the review card partial needs: the card to show, or when the next one is due."""
    if card is None:
        card = selectors.next_due_card(
            student=request.user, document=document, section=section, now=now
        )
    context = {
        "document": document,
        "section": section,
        "card": card,
        "reveal": reveal,
        "shown": shown or _now_ms(now),
        "error": error,
        "review_url": _review_url(document, section),
    }
    if card is None:
        context["next_due"] = selectors.next_due_at(
            student=request.user, document=document, section=section, now=now
        )
    return context


def _review_url(document, section=None) -> str:
    if section is not None:
        return reverse("study:section", args=[document.slug, section.position])
    return reverse("study:deck", args=[document.slug]) if document else reverse("study:review")


def _section_or_404(slug, position) -> Section:
    """One section of a document, with its document: 404 if either does not exist."""
    return get_object_or_404(
        Section.objects.select_related("document"), document__slug=slug, position=position
    )


@student_required
@require_http_methods(["GET", "POST"])
def review(request, slug=None, position=None):
    """Review flashcards one at a time: front, "Show answer", then rate Again to Easy.

    Everything due, one document's cards (with its sections listed), or one section's.
    """
    now = timezone.now()
    section = _section_or_404(slug, position) if position is not None else None
    if section is not None:
        document = section.document
    else:
        document = get_object_or_404(selectors.with_sections_flag(), slug=slug) if slug else None

    if request.method == "POST":
        form = RatingForm(request.POST)
        error = ""
        if form.is_valid():
            card = selectors.published_card(
                card_id=form.cleaned_data["card"], document=document, section=section
            )
            if card is None:
                raise Http404("No such flashcard.")
            try:
                services.record_review(
                    student=request.user,
                    flashcard=card,
                    rating=form.cleaned_data["rating"],
                    duration_ms=_duration_ms(form.cleaned_data["shown"], now),
                    now=now,
                    shown_at=_from_ms(form.cleaned_data["shown"]),
                )
            except StudyError as exc:
                error = exc.message
        else:
            error = " ".join(e for errors in form.errors.values() for e in errors)
        if not request.htmx:
            if error:
                messages.error(request, error)
            return redirect(_review_url(document, section))
        context = _review_context(request, document=document, section=section, now=now, error=error)
        # The reply carries the header's badge too (swapped out of band): no second request.
        context["badge_changed"] = True
        return render(request, "study/review.html#card", context)

    card = None
    reveal = request.GET.get("reveal") == "1"
    if request.GET.get("card", "").isdigit():
        card = selectors.published_card(
            card_id=int(request.GET["card"]), document=document, section=section
        )
    shown = request.GET.get("shown", "")
    context = _review_context(
        request,
        document=document,
        section=section,
        now=now,
        card=card,
        reveal=reveal and card is not None,
        shown=int(shown) if shown.isdigit() else None,
    )
    if request.htmx:
        return render(request, "study/review.html#card", context)
    if document is not None and section is None and document.has_sections:
        context["sections"] = selectors.document_sections(
            student=request.user, document=document, now=now
        )
    return render(request, "study/review.html", context)


@student_required
@require_GET
def deck_package(request, slug):
    """The document's published flashcards and cloze questions as an Anki package."""
    return anki.package_response(get_object_or_404(Document, slug=slug))


@student_required
@require_POST
def document_quiz(request, slug):
    """Start (or continue) the practice quiz drawn from one document."""
    document = get_object_or_404(Document, slug=slug)
    quiz = services.quiz_for_document(document=document)
    return _start(request, quiz)


@student_required
@require_POST
def section_quiz(request, slug, position):
    """Start (or continue) the practice quiz drawn from one section of a document; a
    section without published questions sends the student back to it with why."""
    section = _section_or_404(slug, position)
    quiz = services.quiz_for_document(document=section.document, section=section)
    return _start(request, quiz, back=_review_url(section.document, section))


def _start(request, quiz, *, back=None):
    try:
        attempt, _created = services.start_attempt(
            student=request.user, quiz=quiz, now=timezone.now()
        )
    except StudyError as exc:
        messages.error(request, exc.message)
        return redirect(back or reverse("study:quiz", args=[quiz.slug]))
    return redirect("study:attempt", pk=attempt.pk)


@student_required
@require_http_methods(["GET", "POST"])
def quiz_detail(request, slug):
    """A quiz's settings and the student's attempts; POST starts or continues an attempt."""
    quiz = get_object_or_404(Quiz, slug=slug)
    if request.method == "POST":
        return _start(request, quiz)
    attempts = list(selectors.student_attempts(student=request.user, quiz=quiz))
    context = {
        "quiz": quiz,
        "can_print": is_teacher(request.user),
        "export_formats": LMS_FORMATS,
        "attempts": attempts,
        "open_attempt": next((a for a in attempts if not a.is_finished), None),
        "attempts_left": None
        if not quiz.max_attempts
        else max(quiz.max_attempts - len(attempts), 0),
    }
    return render(request, "study/quiz.html", context)


@login_required
@require_GET
def quiz_print(request, slug):
    """A quiz as a sheet to print, with its answer key on a page of its own: teachers only."""
    if not is_teacher(request.user):
        raise PermissionDenied("Only teachers can print quizzes with their answers.")
    quiz = get_object_or_404(Quiz.objects.select_related("document"), slug=slug)
    subtitle = f"Questions from {quiz.document.title}" if quiz.document else ""
    return printing.print_page(
        request,
        sheet=printing.quiz_sheet(quiz),
        title=quiz.title,
        subtitle=subtitle,
        back_url=reverse("study:quiz", args=[quiz.slug]),
        empty=printing.NO_QUESTIONS_TO_PRINT,
    )


@login_required
@require_GET
def quiz_export(request, slug, fmt):
    """A quiz's questions with their answers for a learning platform: teachers only."""
    if not is_teacher(request.user):
        raise PermissionDenied("Only teachers can export quizzes: the files hold the answers.")
    quiz = get_object_or_404(Quiz, slug=slug)
    if fmt not in LMS_FORMATS:
        raise Http404("No such export format.")
    return download_response(fmt=fmt, questions=selectors.quiz_questions(quiz=quiz), source=quiz)


def _render_step(
    request, attempt, *, now, answered=None, next_question=None, after=None, error="", given=""
):
    """The attempt's step (see `selectors.attempt_step`): the whole page, or its fragment."""
    step = selectors.attempt_step(
        attempt=attempt, now=now, answered=answered, next_question=next_question, after=after
    )
    context = {
        "step": step,
        "attempt": attempt,
        "error": error,
        "given": given,
        "shown": _now_ms(now),
    }
    template = "study/attempt.html#step" if request.htmx else "study/attempt.html"
    return render(request, template, context)


@student_required
@require_http_methods(["GET", "POST"])
def attempt_view(request, pk):
    """One attempt: a question per step, feedback when the quiz gives it, then the result."""
    now = timezone.now()
    if request.method == "POST":
        return _answer(request, pk, now=now)
    attempt = _own_attempt(request, pk, now=now)
    after = request.GET.get("after", "")
    return _render_step(request, attempt, now=now, after=int(after) if after.isdigit() else None)


def _attempt_or_404(request, pk):
    """The signed-in student's attempt with its quiz; 404 for anyone else's."""
    attempt = selectors.student_attempt(attempt_id=pk, student_id=request.user.pk)
    if attempt is None:
        raise Http404("No such attempt.")
    return attempt


def _own_attempt(request, pk, *, now):
    """The student's attempt with its quiz, finished first if its time ran out."""
    attempt, expired = services.finish_if_expired(attempt=_attempt_or_404(request, pk), now=now)
    if expired:
        messages.warning(request, TimeUp.default_message)
    return attempt


def _answer(request, pk, *, now):
    """Record an answer and show its feedback with the next question, in one response."""
    form = AnswerForm(request.POST)
    if not form.is_valid():
        attempt = _own_attempt(request, pk, now=now)
        messages.error(request, "That answer did not match a question of this attempt. Try again.")
        return _after_answer(request, attempt, now=now)
    data = form.cleaned_data
    try:
        answered = services.answer_question(
            student=request.user,
            attempt_id=pk,
            question_id=data["question"],
            answer_text=data["answer"] or "",
            choice_place=data["choice"],
            duration_ms=_duration_ms(data["shown"], now),
            now=now,
        )
    except (Attempt.DoesNotExist, Question.DoesNotExist):
        raise Http404("No such attempt or question.") from None
    except (AttemptClosed, TimeUp) as exc:
        attempt = services.finish_attempt(attempt=_attempt_or_404(request, pk), now=now)
        messages.warning(request, exc.message)
        return _after_answer(request, attempt, now=now)
    except StudyError as exc:
        if not request.htmx:
            messages.error(request, exc.message)
            return redirect("study:attempt", pk=pk)
        attempt = _own_attempt(request, pk, now=now)
        return _render_step(request, attempt, now=now, error=exc.message, given=data["answer"])
    return _after_answer(
        request,
        answered.attempt,
        now=now,
        answered=answered.response,
        next_question=answered.next_question,
    )


def _after_answer(request, attempt, *, now, answered=None, next_question=None):
    if not request.htmx:
        url = reverse("study:attempt", args=[attempt.pk])
        if answered is not None and attempt.reveals_answers and not attempt.is_finished:
            url += "?" + urlencode({"after": answered.question_id})
        return redirect(url)
    # No badge in the reply: answers move questions' schedules, and the header's badge
    # counts flashcards, so it has not changed.
    return _render_step(request, attempt, now=now, answered=answered, next_question=next_question)


@student_required
@require_POST
def finish(request, pk):
    """Finish an attempt now; unanswered questions count as wrong."""
    attempt = services.finish_attempt(attempt=_attempt_or_404(request, pk), now=timezone.now())
    if request.htmx:
        return _render_step(request, attempt, now=timezone.now())
    return redirect("study:attempt", pk=attempt.pk)


@student_required
@require_GET
def progress(request):
    """Mastery per document, accuracy and due reviews as charts, streak and weakest items."""
    data = selectors.student_progress(student=request.user, now=timezone.now())
    context = {
        "progress": data,
        "accuracy_chart": charts.accuracy_chart(data.daily_accuracy),
        "due_chart": charts.due_chart(data.due_per_day),
    }
    return render(request, "study/progress.html", context)


@student_required
@require_GET
def due_badge(request):
    """The header's due-count badge alone, as a fragment (the cost every page's header pays)."""
    return render(request, "includes/_due_badge_fragment.html")
