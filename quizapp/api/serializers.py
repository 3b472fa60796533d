"""Small input and output serializers, one pair per action.

Input serializers refuse fields they do not know (400), so a client cannot set `score`,
`user`, `state` or `is_correct` by adding them to a request. Output serializers for
students never carry a question's answer, alternatives, explanation or which choice is
correct until the student has answered it.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from quizapp.content.models import Choice, Document, Flashcard, Question, Section, Upload
from quizapp.study.models import Attempt, MemoryState, Quiz
from quizapp.study.scheduling import RATING_LABELS

MAX_ID = 2**31 - 1  # ids beyond this cannot exist on any database the app runs on


def id_field(**kwargs) -> serializers.IntegerField:
    """An integer field for a row id, bounded so it can never overflow a database column."""
    return serializers.IntegerField(min_value=1, max_value=MAX_ID, **kwargs)


class InputSerializer(serializers.Serializer):
    """Base for request bodies: any field not declared is refused with a message naming it."""

    def to_internal_value(self, data):
        if hasattr(data, "keys"):
            unknown = sorted(set(data.keys()) - set(self.fields))
            if unknown:
                allowed = ", ".join(sorted(self.fields)) or "none"
                raise serializers.ValidationError(
                    {
                        name: [f"Unknown field; this request accepts only: {allowed}."]
                        for name in unknown
                    }
                )
        return super().to_internal_value(data)


# --- People -------------------------------------------------------------------


class LoginInputSerializer(InputSerializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=128, trim_whitespace=False)


class UserSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    is_teacher = serializers.BooleanField()


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="Send as `Authorization: Token <token>`.")
    user = UserSerializer()


# --- Documents and flashcards -------------------------------------------------


class DocumentSerializer(serializers.ModelSerializer):
    flashcard_count = serializers.IntegerField(help_text="Published flashcards.")
    question_count = serializers.IntegerField(help_text="Published questions.")

    class Meta:
        model = Document
        fields = ["id", "slug", "title", "date", "source_name", "flashcard_count", "question_count"]


class SectionSerializer(serializers.ModelSerializer):
    flashcard_count = serializers.IntegerField(help_text="Published flashcards in it.")
    question_count = serializers.IntegerField(help_text="Published questions in it.")

    class Meta:
        model = Section
        fields = ["position", "heading", "level", "word_count", "flashcard_count", "question_count"]


class DocumentDetailSerializer(DocumentSerializer):
    sections = SectionSerializer(
        many=True,
        read_only=True,
        help_text="Its headings in reading order; empty for a document without headings. "
        "FAQ cards and items a teacher added are in none.",
    )

    class Meta(DocumentSerializer.Meta):
        fields = [*DocumentSerializer.Meta.fields, "text", "sections", "created_at", "updated_at"]


class FlashcardSerializer(serializers.ModelSerializer):
    section = serializers.IntegerField(
        source="section.position",
        allow_null=True,
        read_only=True,
        help_text="The position of the document's section it is in; empty for none.",
    )

    class Meta:
        model = Flashcard
        fields = ["id", "document", "section", "kind", "front", "back", "source_text"]


class DocumentUploadInputSerializer(InputSerializer):
    name = serializers.CharField(
        max_length=200,
        help_text="File name of the document, e.g. `volcanoes.txt` (`.txt` is added when "
        "missing); its slug comes from it, and uploading the same name again updates that "
        "document.",
    )
    text = serializers.CharField(
        trim_whitespace=False,
        help_text="The document: optional `date YYYY-MM-DD` header, paragraphs, then an FAQ.",
    )

    def validate_name(self, value: str) -> str:
        if not any(ch.isalnum() for ch in value):
            raise serializers.ValidationError("Give the document a name with letters or digits.")
        return value

    def validate_text(self, value: str) -> str:
        limit = settings.QUIZAPP_MAX_DOCUMENT_BYTES
        if len(value.encode("utf-8")) > limit:
            raise serializers.ValidationError(
                f"The document is larger than {limit} bytes; split it into smaller documents."
            )
        return value


class DocumentFileUploadInputSerializer(InputSerializer):
    """A document sent as a file (multipart): any format the upload page takes."""

    file = serializers.FileField(
        allow_empty_file=True,
        help_text="The document: .txt, .md, .html/.htm, .pdf or .docx, told apart by its "
        "content. Its name gives the slug unless `name` is set.",
    )
    name = serializers.CharField(
        max_length=200,
        required=False,
        help_text="File name to store the document under (the slug comes from it); "
        "defaults to the uploaded file's name.",
    )

    def validate_name(self, value: str) -> str:
        return DocumentUploadInputSerializer.validate_name(self, value)


class TeacherChoiceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Choice
        fields = ["id", "text", "is_correct", "position"]


class GeneratedQuestionSerializer(serializers.ModelSerializer):
    """A question with its answer, for the teacher who uploaded its document."""

    choices = TeacherChoiceSerializer(many=True)

    class Meta:
        model = Question
        fields = [
            "id",
            "kind",
            "prompt",
            "answer",
            "alternatives",
            "explanation",
            "choices",
            "status",
            "score",
            "generator",
            "source_text",
        ]


class GeneratedFlashcardSerializer(serializers.ModelSerializer):
    class Meta:
        model = Flashcard
        fields = ["id", "kind", "front", "back", "status", "score", "generator", "source_text"]


class GeneratedItemsSerializer(serializers.Serializer):
    flashcards = serializers.SerializerMethodField()
    questions = serializers.SerializerMethodField()

    @extend_schema_field(GeneratedFlashcardSerializer(many=True))
    def get_flashcards(self, document):
        return GeneratedFlashcardSerializer(
            document.flashcards.order_by("-score", "id"), many=True
        ).data

    @extend_schema_field(GeneratedQuestionSerializer(many=True))
    def get_questions(self, document):
        questions = document.questions.prefetch_related("choices").order_by("-score", "id")
        return GeneratedQuestionSerializer(questions, many=True).data


class UploadSerializer(serializers.ModelSerializer):
    """An uploaded document on its way: queued, generating, done (with what it generated)
    or failed (with why). Poll `url` until `state` is done or failed. A long document is
    generated a section at a time: while generating, `section_number` of `section_count`
    (`section_heading`) is the one being generated (`section_count` 0: one block)."""

    url = serializers.SerializerMethodField()
    generated = serializers.SerializerMethodField()

    class Meta:
        model = Upload
        fields = [
            "id",
            "url",
            "name",
            "state",
            "section_count",
            "section_number",
            "section_heading",
            "error",
            "outcome",
            "document",
            "flashcards",
            "questions",
            "drafts",
            "created_at",
            "finished_at",
            "generated",
        ]

    def get_url(self, upload) -> str:
        return reverse("api:upload", args=[upload.pk])

    @extend_schema_field(GeneratedItemsSerializer(allow_null=True))
    def get_generated(self, upload):
        """The document's flashcards and questions, once done (teachers see answers)."""
        if upload.state != Upload.State.DONE or upload.document is None:
            return None
        return GeneratedItemsSerializer(upload.document).data


# --- Flashcard reviews --------------------------------------------------------


def section_field() -> serializers.IntegerField:
    return serializers.IntegerField(
        min_value=0,
        max_value=32767,
        required=False,
        help_text="Only cards of the document's section at this position (0 for the first; "
        "see the document's `sections`).",
    )


class SectionQuerySerializer(serializers.Serializer):
    section = section_field()


class DueCardsQuerySerializer(serializers.Serializer):
    document = id_field(required=False, help_text="Only cards of this document.")
    section = section_field()

    def validate(self, attrs):
        if "section" in attrs and "document" not in attrs:
            raise serializers.ValidationError({"section": ["Give the `document` it is in."]})
        return attrs


class ExportQuerySerializer(serializers.Serializer):
    format = serializers.ChoiceField(
        choices=[("qti", "QTI 2.1 package (.zip)"), ("moodle", "Moodle XML (.xml)")],
        help_text="`qti`: a QTI 2.1 content package for Canvas, Moodle or Blackboard; "
        "`moodle`: Moodle XML.",
    )


class DueCardSerializer(FlashcardSerializer):
    due = serializers.DateTimeField(
        source="state_due", allow_null=True, help_text="When it fell due; empty for a new card."
    )

    class Meta(FlashcardSerializer.Meta):
        fields = [*FlashcardSerializer.Meta.fields, "due"]


class ReviewInputSerializer(InputSerializer):
    rating = serializers.ChoiceField(
        choices=list(RATING_LABELS.items()),
        help_text="1 Again, 2 Hard, 3 Good, 4 Easy.",
    )
    duration_ms = serializers.IntegerField(
        min_value=0, max_value=MAX_ID, required=False, allow_null=True
    )


class MemoryStateSerializer(serializers.ModelSerializer):
    state = serializers.CharField(source="get_state_display")

    class Meta:
        model = MemoryState
        fields = ["flashcard", "state", "due", "last_review", "stability", "difficulty"]


# --- Quizzes and attempts -----------------------------------------------------


class QuizSerializer(serializers.ModelSerializer):
    section = serializers.IntegerField(
        source="section.position",
        allow_null=True,
        read_only=True,
        help_text="For a section's quiz, the position of the document's section it draws "
        "from; empty for any other.",
    )

    class Meta:
        model = Quiz
        fields = [
            "id",
            "slug",
            "title",
            "document",
            "section",
            "question_count",
            "shuffle",
            "feedback",
            "time_limit_seconds",
            "max_attempts",
        ]


class QuizDetailSerializer(QuizSerializer):
    attempts_used = serializers.IntegerField(help_text="Your attempts at this quiz so far.")

    class Meta(QuizSerializer.Meta):
        fields = [*QuizSerializer.Meta.fields, "attempts_used"]


class StudentChoiceSerializer(serializers.ModelSerializer):
    """An option as a student sees it: no sign of whether it is right."""

    class Meta:
        model = Choice
        fields = ["id", "text"]


class StudentQuestionSerializer(serializers.ModelSerializer):
    """A question as a student sees it before answering: prompt and options only.

    Options come in the order the attempt in the context ("attempt") shows them.
    """

    choices = serializers.SerializerMethodField()

    class Meta:
        model = Question
        fields = ["id", "kind", "prompt", "choices"]

    @extend_schema_field(StudentChoiceSerializer(many=True))
    def get_choices(self, question) -> list[dict]:
        if not question.has_choices:
            return []
        return StudentChoiceSerializer(
            self.context["attempt"].shown_choices(question), many=True
        ).data


class AnswerFeedbackSerializer(serializers.Serializer):
    """One recorded answer (a `selectors.AnsweredQuestion`); the verdict and the correct
    answer appear once the quiz shows them."""

    question = serializers.IntegerField(source="question.pk")
    choice = serializers.IntegerField(source="response.choice_id", allow_null=True)
    answer_text = serializers.CharField(source="response.answer_text", allow_blank=True)
    answered_at = serializers.DateTimeField(source="response.answered_at")
    is_correct = serializers.BooleanField(
        allow_null=True, help_text="Empty until the quiz shows feedback (after each or at the end)."
    )
    correct_answer = serializers.CharField(allow_null=True)
    correct_choice = serializers.IntegerField(source="correct_choice.pk", allow_null=True)
    explanation = serializers.CharField(allow_null=True, allow_blank=True)


class AnswerStepSerializer(AnswerFeedbackSerializer):
    """The answer just given (as AnswerFeedbackSerializer) and what comes next."""

    next_question = StudentQuestionSerializer(
        source="question", allow_null=True, help_text="The question to answer next, if any."
    )
    finished = serializers.BooleanField(
        source="attempt.is_finished", help_text="True when that was the last question."
    )

    def to_representation(self, step):
        data = AnswerFeedbackSerializer(step.answered, context=self.context).data
        next_question = self.fields["next_question"]
        data["next_question"] = (
            next_question.to_representation(step.question) if step.question else None
        )
        data["finished"] = step.attempt.is_finished
        return data


class AttemptSerializer(serializers.ModelSerializer):
    quiz_title = serializers.CharField(source="quiz.title")

    class Meta:
        model = Attempt
        fields = [
            "id",
            "quiz",
            "quiz_title",
            "number",
            "started_at",
            "deadline",
            "finished_at",
            "score",
            "max_score",
        ]


class AttemptDetailSerializer(serializers.Serializer):
    attempt = AttemptSerializer()
    questions = StudentQuestionSerializer(many=True)
    answers = AnswerFeedbackSerializer(many=True)


class AnswerInputSerializer(InputSerializer):
    question = id_field()
    choice = id_field(required=False, allow_null=True, help_text="For multiple choice, true/false.")
    answer_text = serializers.CharField(
        max_length=500, required=False, allow_blank=True, help_text="For typed answers."
    )
    duration_ms = serializers.IntegerField(
        min_value=0, max_value=MAX_ID, required=False, allow_null=True
    )


class ResultQuestionSerializer(serializers.Serializer):
    question = StudentQuestionSerializer()
    answer = AnswerFeedbackSerializer(source="given", allow_null=True)
    correct_answer = serializers.CharField()
    correct_choice = serializers.IntegerField(source="correct_choice.pk", allow_null=True)
    explanation = serializers.CharField(allow_blank=True)


class AttemptResultSerializer(serializers.Serializer):
    """A finished attempt's step (`selectors.AttemptStep`): score and every question."""

    attempt = AttemptSerializer()
    score = serializers.IntegerField(source="attempt.score")
    max_score = serializers.IntegerField(source="attempt.max_score")
    percent = serializers.FloatField(source="attempt.percent")
    questions = ResultQuestionSerializer(many=True, source="review")


# --- Classes ------------------------------------------------------------------


class JoinInputSerializer(InputSerializer):
    code = serializers.CharField(max_length=32, help_text="The class code from your teacher.")


class TaughtClassroomSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    join_code = serializers.CharField()
    student_count = serializers.IntegerField()
    assignment_count = serializers.IntegerField()
    created_at = serializers.DateTimeField()


class JoinedClassroomSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    teacher = serializers.CharField(source="teacher.get_username")


class ReportAssignmentSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    title = serializers.CharField()
    quiz = serializers.IntegerField(source="quiz_id", allow_null=True)
    document = serializers.IntegerField(source="document_id", allow_null=True)
    due_at = serializers.DateTimeField(allow_null=True)


class ReportCellSerializer(serializers.Serializer):
    score = serializers.FloatField(allow_null=True, help_text="Best finished attempt, 0 to 1.")
    completion = serializers.FloatField()
    mastery = serializers.FloatField(help_text="Mean predicted recall now, 0 to 1.")
    attempts = serializers.IntegerField()


class ReportStudentSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="student.pk")
    username = serializers.CharField(source="student.username")
    name = serializers.CharField()
    mean_score = serializers.FloatField(allow_null=True)
    mean_completion = serializers.FloatField()
    mean_mastery = serializers.FloatField()
    cells = ReportCellSerializer(many=True, help_text="In the order of `assignments`.")


class ReportChoiceSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="choice.pk")
    text = serializers.CharField(source="choice.text")
    is_correct = serializers.BooleanField(source="choice.is_correct")
    picked = serializers.IntegerField()


class ReportQuestionSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="question.pk")
    prompt = serializers.CharField(source="question.prompt")
    answered = serializers.IntegerField()
    right = serializers.IntegerField()
    facility = serializers.FloatField(allow_null=True)
    discrimination = serializers.FloatField(allow_null=True)
    flags = serializers.ListField(child=serializers.CharField())
    choices = ReportChoiceSerializer(many=True)


class ReportClassroomSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()


class ClassReportSerializer(serializers.Serializer):
    classroom = ReportClassroomSerializer()
    now = serializers.DateTimeField()
    assignments = ReportAssignmentSerializer(many=True)
    students = ReportStudentSerializer(many=True, source="rows")
    questions = ReportQuestionSerializer(many=True)


# --- Progress -----------------------------------------------------------------


class DocumentMasterySerializer(serializers.Serializer):
    document = serializers.IntegerField(source="document.pk")
    slug = serializers.CharField(source="document.slug")
    title = serializers.CharField(source="document.title")
    mastery = serializers.FloatField(help_text="Mean predicted recall now of its items, 0 to 1.")
    studied = serializers.IntegerField()
    total = serializers.IntegerField()


class DayAccuracySerializer(serializers.Serializer):
    day = serializers.DateField()
    correct = serializers.IntegerField()
    total = serializers.IntegerField()


class DayDueSerializer(serializers.Serializer):
    day = serializers.DateField()
    count = serializers.IntegerField()


class WeakItemSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["flashcard", "question"])
    id = serializers.IntegerField(source="item.pk")
    text = serializers.CharField()
    document = serializers.IntegerField(source="document.pk")
    recall = serializers.FloatField()


class ProgressSerializer(serializers.Serializer):
    documents = DocumentMasterySerializer(many=True)
    daily_accuracy = DayAccuracySerializer(many=True, help_text="The last 30 days, oldest first.")
    due_per_day = DayDueSerializer(many=True, help_text="Flashcards due, today and 13 days on.")
    streak = serializers.IntegerField(help_text="Consecutive days with a review.")
    weakest = WeakItemSerializer(many=True)
    reviews_total = serializers.IntegerField()
