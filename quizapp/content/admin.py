"""The admin is the teacher's editor for documents, flashcards and questions.

- Review queue: the flashcard and question lists open on drafts, best score first, with
  the source sentence beside each; publish or reject in bulk, or edit status, prompt and
  answer in place and save them all at once.
- Question editing checks the rules a student's page relies on (choices, one right
  answer, True/False, a blank in a cloze) and says what to fix.
- "Regenerate" re-runs generation on a document and keeps every item a teacher edited.
- "Preview" shows a question as a student sees it.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.forms.models import BaseInlineFormSet
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from .forms import QuestionForm, QuestionListForm
from .ingest import ingest_text
from .models import Choice, Document, Flashcard, Question, Section, Status

# Fields whose change makes an item the teacher's own (status changes are reviews, not edits).
CONTENT_FIELDS = {
    "kind",
    "front",
    "back",
    "prompt",
    "answer",
    "alternatives",
    "explanation",
    "document",
}


class SectionInline(admin.TabularInline):
    """A document's headings, in reading order: ingest keeps them, so they are read here."""

    model = Section
    extra = 0
    can_delete = False
    fields = ["position", "heading", "level", "word_count", "items"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                question_total=Count("questions", distinct=True),
                flashcard_total=Count("flashcards", distinct=True),
            )
        )

    @admin.display(description="Items")
    def items(self, obj):
        questions = reverse("admin:content_question_changelist")
        flashcards = reverse("admin:content_flashcard_changelist")
        query = f"?status=all&document__id__exact={obj.document_id}&section={obj.pk}"
        return format_html(
            '<a href="{}{}">{} question(s)</a> · <a href="{}{}">{} flashcard(s)</a>',
            questions,
            query,
            obj.question_total,
            flashcards,
            query,
            obj.flashcard_total,
        )


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "date",
        "source_name",
        "flashcard_count",
        "question_count",
        "drafts_to_review",
    ]
    search_fields = ["title", "source_name", "text"]
    list_filter = ["date"]
    readonly_fields = ["slug", "content_hash", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "date", "source_name", "slug"]}),
        ("Text", {"fields": ["text"]}),
        ("Bookkeeping", {"fields": ["content_hash", "created_at", "updated_at"]}),
    ]
    actions = ["regenerate"]
    inlines = [SectionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).with_item_counts()

    @admin.display(description="Published flashcards", ordering="flashcard_count")
    def flashcard_count(self, obj):
        return obj.flashcard_count

    @admin.display(description="Published questions", ordering="question_count")
    def question_count(self, obj):
        return obj.question_count

    @admin.display(description="Drafts to review", ordering="draft_question_count")
    def drafts_to_review(self, obj):
        count = obj.draft_question_count
        if not count:
            return "0"
        url = reverse("admin:content_question_changelist")
        return format_html(
            '<a href="{}?status=draft&amp;document__id__exact={}">{} question(s)</a>',
            url,
            obj.pk,
            count,
        )

    @admin.action(
        description="Regenerate flashcards and questions (keeps teachers' edits)",
        permissions=["change"],
    )
    def regenerate(self, request, queryset):
        for document in queryset:
            report = ingest_text(source_name=document.source_name, text=document.text, force=True)
            if report.errors:
                for error in report.errors:
                    self.message_user(request, f"{document}: {error}", messages.ERROR)
                continue
            [result] = report.saved
            self.message_user(
                request,
                f"Regenerated {document}: {result.flashcards} flashcard(s), "
                f"{result.questions} question(s); items a teacher edited were kept.",
                messages.SUCCESS,
            )


class ReviewStatusFilter(admin.SimpleListFilter):
    """Status filter that opens on drafts: the list is the review queue until asked otherwise."""

    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [
            (Status.DRAFT, "Drafts to review"),
            (Status.PUBLISHED, "Published"),
            (Status.REJECTED, "Rejected"),
            ("all", "All"),
        ]

    def value(self):
        return super().value() or Status.DRAFT

    def queryset(self, request, queryset):
        if self.value() == "all":
            return queryset
        return queryset.filter(status=self.value())

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }


class SectionFilter(admin.SimpleListFilter):
    """The sections of the document the list is filtered to (pick a document first), and
    the items of none (FAQ cards, items a teacher added)."""

    title = "section"
    parameter_name = "section"
    NONE = "none"

    def lookups(self, request, model_admin):
        document = request.GET.get("document__id__exact", "")
        if not document.isdigit():
            return []
        sections = Section.objects.filter(document_id=int(document)).order_by("position")
        lookups = [(str(s.pk), f"{s.position + 1}. {s.heading}") for s in sections]
        return [*lookups, (self.NONE, "In no section")] if lookups else []

    def queryset(self, request, queryset):
        value = self.value()
        if value == self.NONE:
            return queryset.filter(section__isnull=True)
        if value and value.isdigit():
            return queryset.filter(section_id=int(value))
        return queryset


class ReviewQueueMixin:
    """Drafts first, best score first; bulk publish and reject; edits make an item the teacher's."""

    actions = ["publish", "reject"]
    ordering = ["-score", "id"]
    list_per_page = 50

    def publishable(self, obj) -> list[str]:
        """Why `obj` may not be published yet; empty when it may."""
        return []

    @admin.action(description="Publish selected items", permissions=["change"])
    def publish(self, request, queryset):
        ready, blocked = [], []
        for obj in queryset:
            problems = self.publishable(obj)
            (blocked if problems else ready).append((obj, problems))
        # `updated_at` moves too: processes that cache a question read it again.
        count = queryset.filter(pk__in=[obj.pk for obj, _ in ready]).update(
            status=Status.PUBLISHED, updated_at=timezone.now()
        )
        self.message_user(request, f"Published {count} item(s).", messages.SUCCESS)
        for obj, problems in blocked:
            self.message_user(
                request,
                f"Not published: '{obj}': {'; '.join(problems)}. Edit it first.",
                messages.WARNING,
            )

    @admin.action(description="Reject selected items", permissions=["change"])
    def reject(self, request, queryset):
        count = queryset.update(status=Status.REJECTED, updated_at=timezone.now())
        self.message_user(request, f"Rejected {count} item(s).", messages.SUCCESS)

    @admin.display(description="Source sentence")
    def source_excerpt(self, obj):
        return format_html("<blockquote>{}</blockquote>", obj.source_text)

    def save_model(self, request, obj, form, change):
        # Any content edit a teacher saves is theirs: regenerating must never overwrite it.
        if change and CONTENT_FIELDS & set(form.changed_data):
            obj.teacher_edited = True
        super().save_model(request, obj, form, change)

    def get_changelist_form(self, request, **kwargs):
        # Small text boxes, so a page of drafts can be corrected in place and saved at once.
        kwargs.setdefault(
            "widgets",
            {
                name: forms.Textarea(attrs={"rows": 2, "cols": 40})
                for name in ("front", "back", "prompt")
            },
        )
        return super().get_changelist_form(request, **kwargs)


@admin.register(Flashcard)
class FlashcardAdmin(ReviewQueueMixin, admin.ModelAdmin):
    list_display = [
        "id",
        "front",
        "back",
        "status",
        "score",
        "kind",
        "source_excerpt",
        "document",
        "teacher_edited",
    ]
    list_display_links = ["id"]
    list_editable = ["front", "back", "status"]
    list_filter = [ReviewStatusFilter, "kind", "document", SectionFilter, "teacher_edited"]
    search_fields = ["front", "back", "source_text"]
    list_select_related = ["document"]
    autocomplete_fields = ["document"]
    readonly_fields = ["source_excerpt", "section", "generator", "score", "key", "teacher_edited"]
    fieldsets = [
        (None, {"fields": ["document", "kind", "status", "front", "back"]}),
        (
            "Where it came from",
            {"fields": ["source_excerpt", "section", "generator", "score", "key"]},
        ),
        (None, {"fields": ["teacher_edited"]}),
    ]


class ChoiceFormSet(BaseInlineFormSet):
    """Choice rules: multiple choice has two or more and exactly one right; others match."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        question = self.instance
        choices = [
            (form.cleaned_data["text"].strip(), form.cleaned_data.get("is_correct", False))
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("text", "").strip()
        ]
        problems = question.problems(choices=choices)
        editor = [p.editor for p in problems if p.field == "choices"]
        if editor:
            raise ValidationError(editor)


class ChoiceInline(admin.TabularInline):
    model = Choice
    formset = ChoiceFormSet
    fields = ["position", "text", "is_correct"]

    def get_extra(self, request, obj=None, **kwargs):
        # A new question opens ready for four options (blank rows are ignored when saved).
        return 4 if obj is None else 0


@admin.register(Question)
class QuestionAdmin(ReviewQueueMixin, admin.ModelAdmin):
    form = QuestionForm
    # What fits at 1280 px beside the filters; "teacher edited" is a filter, preview a link
    # on the question's page.
    list_display = [
        "id",
        "prompt",
        "answer",
        "status",
        "score",
        "kind",
        "source_excerpt",
        "document",
    ]
    list_display_links = ["id"]
    list_editable = ["prompt", "answer", "status"]
    list_filter = [ReviewStatusFilter, "kind", "document", SectionFilter, "teacher_edited"]
    search_fields = ["prompt", "answer", "source_text"]
    list_select_related = ["document"]
    autocomplete_fields = ["document"]
    inlines = [ChoiceInline]
    readonly_fields = [
        "source_excerpt",
        "section",
        "generator",
        "score",
        "key",
        "teacher_edited",
        "preview_link",
    ]
    fieldsets = [
        (None, {"fields": ["document", "kind", "status", "prompt", "answer", "alternatives"]}),
        ("Feedback", {"fields": ["explanation"]}),
        (
            "Where it came from",
            {"fields": ["source_excerpt", "section", "generator", "score", "key"]},
        ),
        (None, {"fields": ["teacher_edited", "preview_link"]}),
    ]

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, ChoiceInline) and not obj.pk:
            # The four empty rows come numbered, so rows left blank are skipped when saved.
            kwargs["initial"] = [{"position": i} for i in range(4)]
        return kwargs

    def get_changelist_form(self, request, **kwargs):
        kwargs.setdefault("form", QuestionListForm)
        return super().get_changelist_form(request, **kwargs)

    def get_urls(self):
        preview = self.admin_site.admin_view(self.preview_view)
        return [
            path("<int:pk>/preview/", preview, name="content_question_preview"),
            *super().get_urls(),
        ]

    @admin.display(description="Preview")
    def preview_link(self, obj):
        if not obj.pk:
            return "—"
        url = reverse("admin:content_question_preview", args=[obj.pk])
        return format_html('<a href="{}">Preview</a>', url)

    def preview_view(self, request, pk):
        """The question as a student sees it, with the answer and feedback below."""
        question = get_object_or_404(Question.objects.select_related("document"), pk=pk)
        if not self.has_view_permission(request, question):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": f"Preview: {question}",
            "question": question,
            "choices": question.choices.all(),
            "problems": self.publishable(question),
            "opts": self.model._meta,
            "original": question,
        }
        return TemplateResponse(request, "admin/content/question/preview.html", context)

    def publishable(self, obj) -> list[str]:
        return [problem.message for problem in obj.problems()]

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        question = form.instance
        if change and formset.has_changed() and not question.teacher_edited:
            question.teacher_edited = True
            question.save(update_fields=["teacher_edited"])
        # For multiple choice the answer is the ticked choice: keep the two in step.
        if question.kind == Question.Kind.MULTIPLE_CHOICE:
            right = question.choices.filter(is_correct=True).first()
            if right is not None and right.text != question.answer:
                question.answer = right.text
                question.save(update_fields=["answer"])
