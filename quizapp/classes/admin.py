"""Classes in the admin: a teacher sees and changes only their own; superusers see all."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from . import services
from .forms import RosterForm
from .models import Assignment, Classroom, Enrollment


def own_classrooms(request):
    """The classrooms the signed-in user runs (every one for a superuser)."""
    if request.user.is_superuser:
        return Classroom.objects.all()
    return Classroom.objects.filter(teacher=request.user)


class OwnClassMixin:
    """Lists and choices limited to the teacher's own classes."""

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(classroom__teacher=request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "classroom":
            kwargs["queryset"] = own_classrooms(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class AssignmentForm(forms.ModelForm):
    """An assignment is a quiz or a deck: say so plainly instead of naming a constraint."""

    class Meta:
        model = Assignment
        fields = ["classroom", "title", "quiz", "document", "due_at"]

    def clean(self):
        data = super().clean()
        if bool(data.get("quiz")) == bool(data.get("document")):
            raise forms.ValidationError(
                "Choose either a quiz or a document's flashcard deck to assign (not both)."
            )
        return data


class EnrollmentInline(admin.TabularInline):
    model = Enrollment
    extra = 0
    readonly_fields = ["joined_at"]


class AssignmentInline(admin.TabularInline):
    model = Assignment
    form = AssignmentForm
    extra = 0
    fields = ["title", "quiz", "document", "due_at"]


@admin.register(Classroom)
class ClassroomAdmin(admin.ModelAdmin):
    list_display = ["name", "join_code", "teacher", "student_count", "report_link"]
    search_fields = ["name", "join_code"]
    readonly_fields = ["created_at", "roster_link"]
    inlines = [AssignmentInline, EnrollmentInline]

    def get_queryset(self, request):
        return own_classrooms(request).select_related("teacher")

    def get_fields(self, request, obj=None):
        fields = ["name", "join_code", "created_at", "roster_link"]
        # A teacher's new class is theirs; only a superuser picks the teacher.
        return (["teacher"] if request.user.is_superuser else []) + fields

    def save_model(self, request, obj, form, change):
        if not change and not request.user.is_superuser:
            obj.teacher = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description="Students")
    def student_count(self, obj):
        return obj.enrollments.count()

    @admin.display(description="Report")
    def report_link(self, obj):
        return format_html(
            '<a href="{}">Report</a>', reverse("classes:report", args=[obj.join_code])
        )

    @admin.display(description="Roster")
    def roster_link(self, obj):
        if not obj.pk:
            return "Save the class first, then import its roster."
        url = reverse("admin:classes_classroom_roster", args=[obj.pk])
        return format_html('<a href="{}">Import students from a CSV roster</a>', url)

    def get_urls(self):
        view = self.admin_site.admin_view(self.roster_view)
        return [
            path("<int:pk>/roster/", view, name="classes_classroom_roster"),
            *super().get_urls(),
        ]

    def roster_view(self, request, pk):
        """Upload a roster CSV; show the per-line errors or the accounts it created."""
        classroom = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_change_permission(request, classroom):
            raise PermissionDenied
        report = None
        form = RosterForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            report = services.import_roster(
                classroom=classroom, csv_text=form.cleaned_data["roster"]
            )
            level = messages.SUCCESS if report.ok else messages.ERROR
            self.message_user(request, report.summary(), level)
            if report.ok and not report.created:
                return redirect("admin:classes_classroom_change", classroom.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Import a roster into {classroom}",
            "classroom": classroom,
            "form": form,
            "report": report,
            "opts": self.model._meta,
            "original": classroom,
        }
        return TemplateResponse(request, "admin/classes/classroom/roster.html", context)


@admin.register(Enrollment)
class EnrollmentAdmin(OwnClassMixin, admin.ModelAdmin):
    list_display = ["student", "classroom", "joined_at"]
    list_filter = ["classroom"]
    search_fields = ["student__username", "student__first_name", "student__last_name"]
    list_select_related = ["student", "classroom"]


@admin.register(Assignment)
class AssignmentAdmin(OwnClassMixin, admin.ModelAdmin):
    form = AssignmentForm
    list_display = ["title", "classroom", "quiz", "document", "due_at"]
    list_filter = ["classroom"]
    search_fields = ["title"]
    list_select_related = ["classroom", "quiz", "document"]
