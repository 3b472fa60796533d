"""API views: one per action, each fetching what the user may see and calling a service.

Objects a user may not see (another student's attempt, another teacher's class) answer 404,
exactly like objects that do not exist. Writes go through the same services as the pages.
"""

from __future__ import annotations

from axes.helpers import get_cool_off
from django.contrib.auth import authenticate
from django.db.models import Count, Prefetch, Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import NotFound
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from quizapp.accounts.roles import is_teacher
from quizapp.classes import selectors as class_selectors
from quizapp.classes.models import Classroom
from quizapp.classes.services import ClassesError, join_classroom
from quizapp.content import anki
from quizapp.content.exchange.downloads import download_response
from quizapp.content.models import Document, Flashcard, Question, Section, Upload
from quizapp.content.uploads import Incoming, queue_uploads, requeue_abandoned
from quizapp.study import selectors as study_selectors
from quizapp.study import services as study
from quizapp.study.exceptions import (
    AttemptClosed,
    AttemptLimitReached,
    InvalidAnswer,
    InvalidRating,
    QuestionNotInAttempt,
    QuizEmpty,
    StudyError,
    TimeUp,
)
from quizapp.study.models import Attempt, Quiz

from . import serializers as s
from .permissions import IsTeacher
from .schema import errors
from .throttling import SettingsScopedRateThrottle


def validated(serializer_class, data) -> dict:
    """The validated data of `data`, or a 400 naming each bad field."""
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def study_error_response(exc: StudyError) -> Response:
    """The response for a refused study action: 400 for a bad answer, 409 for a closed state."""
    code = (
        status.HTTP_400_BAD_REQUEST
        if isinstance(exc, InvalidAnswer | InvalidRating)
        else status.HTTP_409_CONFLICT
    )
    return Response({"detail": exc.message}, status=code)


@csrf_exempt  # it changes nothing; a refused CSRF check would answer 403 with an HTML page
def not_found(request, *args, **kwargs):
    """Any address under /api/ that matches no endpoint: a JSON 404 like the rest of the API."""
    return JsonResponse({"detail": "No such endpoint. See /api/docs/ for the list."}, status=404)


# --- Signing in -----------------------------------------------------------------


def user_data(user) -> dict:
    """The signed-in user as the API shows them."""
    return {
        "id": user.pk,
        "username": user.get_username(),
        "first_name": user.first_name,
        "last_name": user.last_name,
        "is_teacher": is_teacher(user),
    }


class TokenLoginView(APIView):
    """Exchange a username and password for an API token."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [SettingsScopedRateThrottle]
    throttle_scope = "login"

    @extend_schema(
        tags=["auth"],
        auth=[],
        request=s.LoginInputSerializer,
        responses={200: s.TokenSerializer, **errors(400, 429)},
    )
    def post(self, request):
        data = validated(s.LoginInputSerializer, request.data)
        user = authenticate(request=request, username=data["username"], password=data["password"])
        if getattr(request, "axes_locked_out", False):
            # Too many failed sign-ins for this name from this address (django-axes).
            cool_off = get_cool_off(request)
            wait = int(cool_off.total_seconds()) if cool_off else 15 * 60
            return Response(
                {"detail": "Too many failed sign-ins. Wait a few minutes and try again."},
                status=status.HTTP_429_TOO_MANY_REQUESTS,
                headers={"Retry-After": str(wait)},
            )
        if user is None:
            return Response(
                {"non_field_errors": ["That username and password do not match an account."]},
                status=status.HTTP_400_BAD_REQUEST,
            )
        token, _ = Token.objects.get_or_create(user=user)
        return Response(s.TokenSerializer({"token": token.key, "user": user_data(user)}).data)


class TokenLogoutView(APIView):
    """Revoke the token this request was signed with (sessions sign out from the site)."""

    @extend_schema(tags=["auth"], request=None, responses={204: None, **errors(401)})
    def post(self, request):
        Token.objects.filter(user=request.user).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeView(APIView):
    """Who is signed in, and whether they are a teacher."""

    @extend_schema(tags=["auth"], responses={200: s.UserSerializer, **errors(401)})
    def get(self, request):
        return Response(s.UserSerializer(user_data(request.user)).data)


# --- Documents and flashcards -------------------------------------------------------


def documents_with_counts():
    """Documents with the number of published flashcards and questions, in one query."""
    return Document.objects.with_item_counts().order_by("-date", "title", "id")


@extend_schema(tags=["documents"], responses={200: s.DocumentSerializer, **errors(401, 404)})
class DocumentListView(generics.ListAPIView):
    """Every document there is to study."""

    serializer_class = s.DocumentSerializer

    def get_queryset(self):
        return documents_with_counts().defer("text")


@extend_schema(tags=["documents"], responses={200: s.DocumentDetailSerializer, **errors(401, 404)})
class DocumentDetailView(generics.RetrieveAPIView):
    """One document, with its full text."""

    serializer_class = s.DocumentDetailSerializer
    lookup_url_kwarg = "document_id"

    def get_queryset(self):
        sections = Prefetch("sections", queryset=study_selectors.sections_with_item_counts())
        return documents_with_counts().prefetch_related(sections)


def section_or_404(document, position: int) -> Section:
    """The document's section at `position`; 404 when it has none there."""
    section = document.sections.filter(position=position).first()
    if section is None:
        raise NotFound("The document has no section at this position.")
    section.document = document
    return section


class DocumentUploadView(APIView):
    """Teachers: queue a document for generation, as the upload page does; poll its `url`."""

    permission_classes = [IsAuthenticated, IsTeacher]
    parser_classes = [JSONParser, MultiPartParser]
    TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")

    @extend_schema(
        tags=["documents"],
        request={
            "application/json": s.DocumentUploadInputSerializer,
            "multipart/form-data": s.DocumentFileUploadInputSerializer,
        },
        responses={202: s.UploadSerializer, **errors(400, 401, 403, 415)},
        description="Send the text as JSON (`name`, `text`), or any file (PDF, Word, HTML, "
        "Markdown, text) as multipart `file`. 202 with the queued upload: a background "
        "worker generates the flashcards and questions. GET its `url` until `state` is "
        "`done` (then `generated` lists them) or `failed` (then `error` says why).",
    )
    def post(self, request):
        if request.content_type.startswith("multipart/"):
            data = validated(s.DocumentFileUploadInputSerializer, request.data)
            incoming = Incoming.from_file(data["file"], name=data.get("name"))
            field = "file"
        else:
            data = validated(s.DocumentUploadInputSerializer, request.data)
            name = data["name"]
            if not name.lower().endswith(self.TEXT_SUFFIXES):
                name = f"{name}.txt"
            incoming = Incoming.from_text(name=name, text=data["text"])
            field = "text"
        batch = queue_uploads(teacher=request.user, incoming=[incoming])
        if batch.refused:
            return Response(
                {field: [error.message for error in batch.refused]},
                status=status.HTTP_400_BAD_REQUEST,
            )
        [upload] = batch.uploads
        body = s.UploadSerializer(upload).data
        return Response(body, status=status.HTTP_202_ACCEPTED, headers={"Location": body["url"]})


@extend_schema(tags=["documents"], responses={200: s.UploadSerializer, **errors(401, 403, 404)})
class UploadDetailView(generics.RetrieveAPIView):
    """Teachers: one of their uploads, with what it generated once done."""

    permission_classes = [IsAuthenticated, IsTeacher]
    serializer_class = s.UploadSerializer
    lookup_url_kwarg = "upload_id"

    def get_queryset(self):
        return Upload.objects.for_teacher(self.request.user).select_related("document")

    def get_object(self):
        requeue_abandoned()
        return super().get_object()


@extend_schema(
    tags=["flashcards"],
    parameters=[s.SectionQuerySerializer],
    responses={200: s.FlashcardSerializer, **errors(400, 401, 404)},
)
class DocumentFlashcardListView(generics.ListAPIView):
    """The published flashcards of one document, or of one of its sections."""

    serializer_class = s.FlashcardSerializer

    def get_queryset(self):
        query = validated(s.SectionQuerySerializer, self.request.query_params)
        document = get_object_or_404(Document, pk=self.kwargs["document_id"])
        cards = Flashcard.objects.published().for_document(document)
        if "section" in query:
            cards = cards.in_section(section_or_404(document, query["section"]))
        return cards.select_related("section").order_by("-score", "id")


class DocumentDeckPackageView(APIView):
    """The document's deck for Anki: published flashcards and cloze questions as an `.apkg`."""

    @extend_schema(
        tags=["documents"],
        responses={
            (200, anki.APKG_TYPE): OpenApiResponse(
                response=OpenApiTypes.BINARY,
                description="An Anki package (a zip holding the SQLite collection). Notes "
                "keep their ids across exports, so importing a newer one updates them.",
            ),
            **errors(401, 404),
        },
    )
    def get(self, request, document_id: int):
        return anki.package_response(get_object_or_404(Document, pk=document_id))


class FlashcardReviewView(APIView):
    """Rate a flashcard after reviewing it; returns when it is due again."""

    throttle_classes = [SettingsScopedRateThrottle]
    throttle_scope = "review"

    @extend_schema(
        tags=["flashcards"],
        request=s.ReviewInputSerializer,
        responses={200: s.MemoryStateSerializer, **errors(400, 401, 404, 429)},
    )
    def post(self, request, flashcard_id: int):
        flashcard = get_object_or_404(Flashcard.objects.published(), pk=flashcard_id)
        data = validated(s.ReviewInputSerializer, request.data)
        try:
            state = study.record_review(
                student=request.user,
                flashcard=flashcard,
                rating=data["rating"],
                duration_ms=data.get("duration_ms"),
            )
        except StudyError as exc:
            return study_error_response(exc)
        return Response(s.MemoryStateSerializer(state).data)


@extend_schema(
    tags=["flashcards"],
    parameters=[s.DueCardsQuerySerializer],
    responses={200: s.DueCardSerializer, **errors(400, 401, 404)},
)
class DueCardListView(generics.ListAPIView):
    """Your flashcards to review now: overdue ones first, then new ones."""

    serializer_class = s.DueCardSerializer

    def get_queryset(self):
        query = validated(s.DueCardsQuerySerializer, self.request.query_params)
        document = section = None
        if "document" in query:
            document = get_object_or_404(Document, pk=query["document"])
        if "section" in query:
            section = section_or_404(document, query["section"])
        cards = study_selectors.due_cards(
            student=self.request.user, document=document, section=section
        )
        return cards.select_related("section")


class ProgressView(APIView):
    """Your progress: mastery per document, accuracy, reviews coming due, streak, weak spots."""

    @extend_schema(tags=["progress"], responses={200: s.ProgressSerializer, **errors(401)})
    def get(self, request):
        progress = study_selectors.student_progress(student=request.user)
        return Response(s.ProgressSerializer(progress).data)


# --- Quizzes and attempts -------------------------------------------------------------


@extend_schema(tags=["quizzes"], responses={200: s.QuizSerializer, **errors(401, 404)})
class QuizListView(generics.ListAPIView):
    """Every quiz; questions appear when you start an attempt."""

    serializer_class = s.QuizSerializer
    queryset = Quiz.objects.select_related("section").order_by("title", "id")


@extend_schema(tags=["quizzes"], responses={200: s.QuizDetailSerializer, **errors(401, 404)})
class QuizDetailView(generics.RetrieveAPIView):
    """One quiz and how many attempts you have used; never its answers."""

    serializer_class = s.QuizDetailSerializer
    lookup_url_kwarg = "quiz_id"

    def get_queryset(self):
        mine = Q(attempts__student=self.request.user)
        return Quiz.objects.select_related("section").annotate(
            attempts_used=Count("attempts", filter=mine)
        )


class QuizExportView(APIView):
    """Teachers: a quiz's questions, with their answers, for a learning platform to import."""

    permission_classes = [IsAuthenticated, IsTeacher]

    def perform_content_negotiation(self, request, force=False):
        # `format` names the export here, not a renderer; errors are always JSON.
        renderer = self.get_renderers()[0]
        return renderer, renderer.media_type

    @extend_schema(
        tags=["quizzes"],
        parameters=[s.ExportQuerySerializer],
        responses={
            (200, "application/zip"): OpenApiResponse(
                response=OpenApiTypes.BINARY,
                description="`format=qti`: a QTI 2.1 content package (imsmanifest.xml, an "
                "assessmentTest and one assessmentItem per question).",
            ),
            (200, "application/xml"): OpenApiResponse(
                response=OpenApiTypes.STR,
                description="`format=moodle`: Moodle XML. In both formats every question keeps "
                "the same identifier across exports, so importing a newer file updates it.",
            ),
            **errors(400, 401, 403, 404),
        },
    )
    def get(self, request, quiz_id: int):
        quiz = get_object_or_404(Quiz, pk=quiz_id)
        query = validated(s.ExportQuerySerializer, request.query_params)
        return download_response(
            fmt=query["format"], questions=study_selectors.quiz_questions(quiz=quiz), source=quiz
        )


class DocumentQuizView(APIView):
    """The practice quiz of a document (made on first use), ready to start."""

    @extend_schema(
        tags=["quizzes"], request=None, responses={200: s.QuizSerializer, **errors(401, 404)}
    )
    def post(self, request, document_id: int):
        document = get_object_or_404(Document, pk=document_id)
        quiz = study.quiz_for_document(document=document)
        return Response(s.QuizSerializer(quiz).data)


class SectionQuizView(APIView):
    """The practice quiz of one section of a document (made on first use), ready to start:
    it draws from the section's published questions only."""

    @extend_schema(
        tags=["quizzes"], request=None, responses={200: s.QuizSerializer, **errors(401, 404)}
    )
    def post(self, request, document_id: int, position: int):
        document = get_object_or_404(Document, pk=document_id)
        section = section_or_404(document, position)
        quiz = study.quiz_for_document(document=document, section=section)
        return Response(s.QuizSerializer(quiz).data)


def own_attempt(request, attempt_id: int, *, now=None) -> Attempt:
    """The signed-in student's attempt, finished if its time ran out; 404 for anyone else's."""
    attempt = study_selectors.student_attempt(attempt_id=attempt_id, student_id=request.user.pk)
    if attempt is None:
        raise NotFound("No such attempt.")
    attempt, _expired = study.finish_if_expired(attempt=attempt, now=now or timezone.now())
    return attempt


def attempt_detail(attempt: Attempt) -> Response:
    """An attempt as its student sees it: questions without answers, and answers so far."""
    rows = study_selectors.attempt_review(attempt=attempt)
    body = {
        "attempt": attempt,
        "questions": [row.question for row in rows],
        "answers": [row for row in rows if row.response is not None],
    }
    return s.AttemptDetailSerializer(body, context={"attempt": attempt}).data


class AttemptStartView(APIView):
    """Start an attempt at a quiz, or get back your open one."""

    @extend_schema(
        tags=["attempts"],
        request=None,
        responses={
            201: s.AttemptDetailSerializer,
            200: s.AttemptDetailSerializer,
            **errors(401, 404, 409),
        },
        description="201 with a new attempt; 200 with the attempt you already have open.",
    )
    def post(self, request, quiz_id: int):
        quiz = get_object_or_404(Quiz, pk=quiz_id)
        try:
            attempt, created = study.start_attempt(student=request.user, quiz=quiz)
        except (AttemptLimitReached, QuizEmpty) as exc:
            return study_error_response(exc)
        return Response(
            attempt_detail(attempt),
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


@extend_schema(tags=["attempts"], responses={200: s.AttemptSerializer, **errors(401, 404)})
class AttemptListView(generics.ListAPIView):
    """Your attempts, newest first."""

    serializer_class = s.AttemptSerializer

    def get_queryset(self):
        return (
            Attempt.objects.filter(student=self.request.user)
            .select_related("quiz")
            .order_by("-started_at", "-id")
        )


class AttemptDetailView(APIView):
    """One of your attempts: its questions (without answers) and the answers you gave."""

    @extend_schema(
        tags=["attempts"], responses={200: s.AttemptDetailSerializer, **errors(401, 404)}
    )
    def get(self, request, attempt_id: int):
        return Response(attempt_detail(own_attempt(request, attempt_id)))


class AnswerView(APIView):
    """Answer one question of your attempt; answering it again returns the first answer."""

    throttle_classes = [SettingsScopedRateThrottle]
    throttle_scope = "answer"

    @extend_schema(
        tags=["attempts"],
        request=s.AnswerInputSerializer,
        responses={200: s.AnswerStepSerializer, **errors(400, 401, 404, 409, 429)},
        description="`is_correct`, `correct_answer` and `explanation` are filled in when the "
        "quiz gives feedback after each question; otherwise they stay empty until it ends. "
        "`next_question` is the question to answer next (empty once none is left).",
    )
    def post(self, request, attempt_id: int):
        arrived = timezone.now()  # the time limit applies to when the answer was sent
        data = validated(s.AnswerInputSerializer, request.data)
        try:
            answered = study.answer_question(
                student=request.user,
                attempt_id=attempt_id,
                question_id=data["question"],
                answer_text=data.get("answer_text", ""),
                choice_id=data.get("choice"),
                duration_ms=data.get("duration_ms"),
                now=arrived,
            )
        except (Attempt.DoesNotExist, Question.DoesNotExist):
            raise NotFound("No such attempt or question.") from None
        except QuestionNotInAttempt as exc:
            return Response({"question": [exc.message]}, status=status.HTTP_400_BAD_REQUEST)
        except (InvalidAnswer, AttemptClosed, TimeUp) as exc:
            return study_error_response(exc)
        attempt = answered.attempt
        step = study_selectors.attempt_step(
            attempt=attempt,
            now=arrived,
            answered=answered.response,
            next_question=answered.next_question,
        )
        return Response(s.AnswerStepSerializer(step, context={"attempt": attempt}).data)


def attempt_result(attempt: Attempt) -> Response:
    step = study_selectors.attempt_step(attempt=attempt, now=timezone.now())
    return Response(s.AttemptResultSerializer(step, context={"attempt": attempt}).data)


class AttemptFinishView(APIView):
    """Finish your attempt and get its result; finishing twice changes nothing."""

    @extend_schema(
        tags=["attempts"],
        request=None,
        responses={200: s.AttemptResultSerializer, **errors(401, 404)},
    )
    def post(self, request, attempt_id: int):
        return attempt_result(study.finish_attempt(attempt=own_attempt(request, attempt_id)))


class AttemptResultView(APIView):
    """The result of your finished attempt: score, your answers and the right ones."""

    @extend_schema(
        tags=["attempts"], responses={200: s.AttemptResultSerializer, **errors(401, 404, 409)}
    )
    def get(self, request, attempt_id: int):
        attempt = own_attempt(request, attempt_id)
        if not attempt.is_finished:
            return Response(
                {"detail": "Finish the attempt first; its result appears then."},
                status=status.HTTP_409_CONFLICT,
            )
        return attempt_result(attempt)


# --- Classes ---------------------------------------------------------------------------


@extend_schema(
    tags=["classes"], responses={200: s.TaughtClassroomSerializer, **errors(401, 403, 404)}
)
class TaughtClassListView(generics.ListAPIView):
    """Teachers: the classes you teach, with their join codes."""

    serializer_class = s.TaughtClassroomSerializer
    permission_classes = [IsAuthenticated, IsTeacher]

    def get_queryset(self):
        return class_selectors.classrooms_for_teacher(teacher=self.request.user).order_by(
            "name", "id"
        )


@extend_schema(tags=["classes"], responses={200: s.JoinedClassroomSerializer, **errors(401, 404)})
class JoinedClassListView(generics.ListAPIView):
    """The classes you have joined as a student."""

    serializer_class = s.JoinedClassroomSerializer

    def get_queryset(self):
        return class_selectors.classrooms_for_student(student=self.request.user).order_by(
            "name", "id"
        )


class JoinClassView(APIView):
    """Join a class with the code your teacher gave you; joining twice is harmless."""

    @extend_schema(
        tags=["classes"],
        request=s.JoinInputSerializer,
        responses={200: s.JoinedClassroomSerializer, **errors(400, 401)},
    )
    def post(self, request):
        data = validated(s.JoinInputSerializer, request.data)
        try:
            enrollment = join_classroom(student=request.user, code=data["code"])
        except ClassesError as exc:
            return Response({"code": exc.messages}, status=status.HTTP_400_BAD_REQUEST)
        classroom = Classroom.objects.select_related("teacher").get(pk=enrollment.classroom_id)
        return Response(s.JoinedClassroomSerializer(classroom).data)


class ClassReportView(APIView):
    """Teachers: a class's report (students by assignments, and question analysis)."""

    permission_classes = [IsAuthenticated, IsTeacher]

    @extend_schema(
        tags=["classes"],
        parameters=[OpenApiParameter("classroom_id", int, OpenApiParameter.PATH)],
        responses={200: s.ClassReportSerializer, **errors(401, 403, 404)},
    )
    def get(self, request, classroom_id: int):
        classroom = get_object_or_404(Classroom, pk=classroom_id, teacher=request.user)
        report = class_selectors.class_report(classroom=classroom)
        return Response(s.ClassReportSerializer(report).data)
