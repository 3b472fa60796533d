"""Class pages for teachers and students."""

from django.urls import path

from . import views

app_name = "classes"
urlpatterns = [
    path("join/", views.join, name="join"),
    path("", views.classroom_list, name="list"),
    path("<str:code>/", views.classroom_detail, name="detail"),
    path("<str:code>/roster/", views.roster_import, name="roster"),
    path("<str:code>/assignments/<int:pk>/print/", views.assignment_print, name="assignment_print"),
    path("<str:code>/report/", views.report, name="report"),
    path("<str:code>/report.csv", views.report_download, name="report_csv"),
]
