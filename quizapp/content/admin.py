"""The admin is the teacher's editor for documents, flashcards and questions."""

from django.contrib import admin, messages
from django.utils.html import format_html

from .models import Choice, Document, Flashcard, Question, Status


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "date", "source_name", "flashcard_count", "question_count"]
    search_fields = ["title", "source_name", "text"]
    list_filter = ["date"]
    readonly_fields = ["slug", "content_hash", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "date", "source_name", "slug"]}),
        ("Text", {"fields": ["text"]}),
        ("Bookkeeping", {"fields": ["content_hash", "created_at", "updated_at"]}),
    ]

    @admin.display(description="Flashcards")
    def flashcard_count(self, obj):
        return obj.flashcards.count()

    @admin.display(description="Questions")
    def question_count(self, obj):
        return obj.questions.count()


class ReviewActionsMixin:
    """Bulk publish and reject for generated items."""

    actions = ["publish", "reject"]

    @admin.action(description="Publish selected items")
    def publish(self, request, queryset):
        count = queryset.update(status=Status.PUBLISHED)
        self.message_user(request, f"Published {count} item(s).", messages.SUCCESS)

    @admin.action(description="Reject selected items")
    def reject(self, request, queryset):
        count = queryset.update(status=Status.REJECTED)
        self.message_user(request, f"Rejected {count} item(s).", messages.SUCCESS)

    @admin.display(description="Source")
    def source_excerpt(self, obj):
        return format_html("<blockquote>{}</blockquote>", obj.source_text)

    def save_model(self, request, obj, form, change):
        # Any edit a teacher saves is theirs: re-ingest must never overwrite it.
        if change and form.changed_data:
            obj.teacher_edited = True
        super().save_model(request, obj, form, change)


@admin.register(Flashcard)
class FlashcardAdmin(ReviewActionsMixin, admin.ModelAdmin):
    list_display = ["front", "kind", "status", "score", "document", "teacher_edited"]
    list_filter = ["status", "kind", "document", "teacher_edited"]
    search_fields = ["front", "back", "source_text"]
    list_select_related = ["document"]
    readonly_fields = ["source_excerpt", "generator", "score", "key", "teacher_edited"]
    fieldsets = [
        (None, {"fields": ["document", "kind", "status", "front", "back"]}),
        ("Where it came from", {"fields": ["source_excerpt", "generator", "score", "key"]}),
        (None, {"fields": ["teacher_edited"]}),
    ]


class ChoiceInline(admin.TabularInline):
    model = Choice
    extra = 0
    fields = ["position", "text", "is_correct"]


@admin.register(Question)
class QuestionAdmin(ReviewActionsMixin, admin.ModelAdmin):
    list_display = ["prompt", "kind", "answer", "status", "score", "document", "teacher_edited"]
    list_filter = ["status", "kind", "document", "teacher_edited"]
    search_fields = ["prompt", "answer", "source_text"]
    list_select_related = ["document"]
    inlines = [ChoiceInline]
    readonly_fields = ["source_excerpt", "generator", "score", "key", "teacher_edited"]
    fieldsets = [
        (None, {"fields": ["document", "kind", "status", "prompt", "answer", "alternatives"]}),
        ("Feedback", {"fields": ["explanation"]}),
        ("Where it came from", {"fields": ["source_excerpt", "generator", "score", "key"]}),
        (None, {"fields": ["teacher_edited"]}),
    ]

    def save_formset(self, request, form, formset, change):
        if change and formset.has_changed():
            form.instance.teacher_edited = True
            form.instance.save(update_fields=["teacher_edited"])
        super().save_formset(request, form, formset, change)
