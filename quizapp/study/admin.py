"""Admin for quizzes (the teacher builds them) and, read-only, for what students did."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from .models import Attempt, MemoryState, Quiz, QuizQuestion, Response, ReviewLog


class QuizQuestionInline(admin.TabularInline):
    model = QuizQuestion
    extra = 0
    fields = ["position", "question"]
    raw_id_fields = ["question"]


@admin.register(Quiz)
class QuizAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "slug",
        "source",
        "question_count",
        "feedback",
        "time_limit_seconds",
        "max_attempts",
        "print_link",
    ]
    list_filter = ["feedback", "shuffle"]
    search_fields = ["title", "slug", "document__title"]
    prepopulated_fields = {"slug": ["title"]}
    list_select_related = ["document", "section"]
    raw_id_fields = ["document", "section"]
    inlines = [QuizQuestionInline]
    fieldsets = [
        (None, {"fields": ["title", "slug"]}),
        (
            "Questions",
            {
                "description": "Draw from a document's published questions (or those of "
                "one of its sections), or leave the document empty and pick questions below.",
                "fields": ["document", "section", "question_count", "shuffle"],
            },
        ),
        ("Rules", {"fields": ["feedback", "time_limit_seconds", "max_attempts"]}),
        ("Live games", {"fields": ["live_seconds"]}),
    ]

    @admin.display(description="Paper copy")
    def print_link(self, obj):
        url = reverse("study:quiz_print", args=[obj.slug])
        return format_html('<a href="{}">Print</a>', url)

    @admin.display(description="Questions from")
    def source(self, obj):
        if obj.section_id:
            return f"{obj.document}: {obj.section}"
        return obj.document or "picked by hand"

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


class ResponseInline(admin.TabularInline):
    model = Response
    extra = 0
    can_delete = False
    fields = ["question", "choice", "answer_text", "is_correct", "answered_at", "duration_ms"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    """Students' history is written only by the study services; the admin just shows it."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Attempt)
class AttemptAdmin(ReadOnlyAdmin):
    list_display = ["quiz", "student", "number", "started_at", "finished_at", "score_display"]
    list_filter = ["quiz"]
    search_fields = ["student__username", "quiz__title"]
    list_select_related = ["quiz", "student"]
    date_hierarchy = "started_at"
    inlines = [ResponseInline]

    @admin.display(description="Score")
    def score_display(self, obj):
        return "in progress" if obj.score is None else f"{obj.score} / {obj.max_score}"


@admin.register(MemoryState)
class MemoryStateAdmin(ReadOnlyAdmin):
    list_display = ["student", "item", "state", "stability", "difficulty", "due", "last_review"]
    list_filter = ["state"]
    search_fields = ["student__username"]
    list_select_related = ["student", "flashcard", "question"]


@admin.register(ReviewLog)
class ReviewLogAdmin(ReadOnlyAdmin):
    list_display = ["student", "item", "rating", "source", "reviewed_at", "duration_ms"]
    list_filter = ["source", "rating"]
    search_fields = ["student__username"]
    list_select_related = ["student", "flashcard", "question"]
    date_hierarchy = "reviewed_at"
