"""Class pages: students join with a code; teachers see their classes, assign work, read reports."""

from __future__ import annotations

from datetime import date, datetime, time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from quizapp.accounts.decorators import teacher_required
from quizapp.study import printing

from . import services
from .forms import AssignmentForm, ClassroomForm, JoinForm, RosterForm
from .models import Classroom
from .reports import parse_sort, report_csv, sorted_rows
from .selectors import class_report, classrooms_for_teacher


def own_classroom(request, code: str) -> Classroom:
    """The teacher's class with this code; other teachers' classes do not exist for them."""
    classes = Classroom.objects.select_related("teacher")
    if not request.user.is_superuser:
        classes = classes.filter(teacher=request.user)
    return get_object_or_404(classes, join_code=code)


@login_required
@require_http_methods(["GET", "POST"])
def join(request):
    """A student types the class code their teacher gave them."""
    form = JoinForm(request.POST or None, initial={"code": request.GET.get("code", "")})
    if request.method == "POST" and form.is_valid():
        try:
            enrollment = services.join_classroom(
                student=request.user, code=form.cleaned_data["code"]
            )
        except services.ClassesError as exc:
            form.add_error("code", exc.messages[0])
        else:
            messages.success(request, f"You are in {enrollment.classroom.name}.")
            return redirect("study:home")
    return render(request, "classes/join.html", {"form": form})


@teacher_required
@require_http_methods(["GET", "POST"])
def classroom_list(request):
    """The teacher's classes, and a form to start one."""
    form = ClassroomForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        classroom = services.create_classroom(teacher=request.user, name=form.cleaned_data["name"])
        messages.success(
            request, f"Created {classroom.name}. Students join with {classroom.join_code}."
        )
        return redirect("classes:detail", code=classroom.join_code)
    classrooms = classrooms_for_teacher(teacher=request.user)
    return render(request, "classes/list.html", {"classrooms": classrooms, "form": form})


@teacher_required
@require_http_methods(["GET", "POST"])
def classroom_detail(request, code):
    """Roster and assignments of one class, with a form to assign a quiz or a deck."""
    classroom = own_classroom(request, code)
    form = AssignmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            assignment = services.create_assignment(
                classroom=classroom,
                title=form.cleaned_data["title"],
                due_at=form.cleaned_data["due_at"],
                **form.target(),
            )
        except services.ClassesError as exc:
            form.add_error(None, exc.messages[0])
        else:
            messages.success(request, f"Assigned {assignment.title}.")
            return redirect("classes:detail", code=classroom.join_code)
    context = {
        "classroom": classroom,
        "enrollments": classroom.enrollments.select_related("student").order_by(
            "student__last_name", "student__username"
        ),
        "assignments": classroom.assignments.select_related("quiz", "document"),
        "form": form,
        "roster_form": RosterForm(),
        "now": timezone.now(),
    }
    return render(request, "classes/detail.html", context)


@teacher_required
@require_POST
def roster_import(request, code):
    """Enrol the students of an uploaded CSV; every bad line is listed and nothing is saved."""
    classroom = own_classroom(request, code)
    form = RosterForm(request.POST, request.FILES)
    if not form.is_valid():
        for error in form.errors.get("roster", []):
            messages.error(request, error)
        return redirect("classes:detail", code=classroom.join_code)
    report = services.import_roster(classroom=classroom, csv_text=form.cleaned_data["roster"])
    return render(request, "classes/roster_result.html", {"classroom": classroom, "report": report})


@teacher_required
@require_GET
def assignment_print(request, code, pk):
    """An assignment as a sheet to print, headed with the class and the due date: a quiz's
    questions, or a deck's card fronts with their backs as the key."""
    classroom = own_classroom(request, code)
    assignment = get_object_or_404(classroom.assignments.select_related("quiz"), pk=pk)
    subtitle = classroom.name
    if assignment.due_at:
        due = date_format(timezone.localtime(assignment.due_at), "D j M Y, H:i")
        subtitle += f" · due {due}"
    if assignment.quiz is not None:
        sheet, empty = printing.quiz_sheet(assignment.quiz), printing.NO_QUESTIONS_TO_PRINT
    else:
        sheet, empty = printing.deck_sheet(assignment.document_id), printing.NO_CARDS_TO_PRINT
    return printing.print_page(
        request,
        sheet=sheet,
        title=assignment.title,
        subtitle=subtitle,
        back_url=reverse("classes:detail", args=[classroom.join_code]),
        empty=empty,
    )


def mastery_moment(request) -> tuple[datetime | None, str]:
    """The moment `?at=YYYY-MM-DD` asks mastery for (9:00 that day), or None for now."""
    value = request.GET.get("at", "").strip()
    if not value:
        return None, ""
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return None, f"'{value}' is not a date (YYYY-MM-DD); mastery is shown for now."
    return timezone.make_aware(datetime.combine(day, time(9, 0))), ""


@teacher_required
def report(request, code):
    """Students by assignments and the item analysis; sorting swaps only the table (htmx).

    `?at=YYYY-MM-DD` shows mastery as predicted for that day, e.g. an exam date.
    """
    classroom = own_classroom(request, code)
    at, at_error = mastery_moment(request)
    data = class_report(classroom=classroom, now=at)
    sort, descending = parse_sort(request.GET.get("sort"), data)
    context = {
        "classroom": classroom,
        "report": data,
        "rows": sorted_rows(data, sort, descending),
        "sort": sort,
        "descending": descending,
        "at": request.GET.get("at", "") if at else "",
        "at_error": at_error,
        "now": timezone.now(),
    }
    template = "classes/report.html"
    if request.htmx:
        template += "#table"
    return render(request, template, context)


@teacher_required
def report_download(request, code):
    """The report as a CSV file for a spreadsheet."""
    classroom = own_classroom(request, code)
    at, _ = mastery_moment(request)
    body = report_csv(class_report(classroom=classroom, now=at))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    filename = f"class-report-{classroom.join_code}-{timezone.now():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
