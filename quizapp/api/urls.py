"""API routes, the OpenAPI schema and its interactive docs (assets served locally)."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from . import views

app_name = "api"
urlpatterns = [
    path("auth/token/", views.TokenLoginView.as_view(), name="token"),
    path("auth/logout/", views.TokenLogoutView.as_view(), name="logout"),
    path("me/", views.MeView.as_view(), name="me"),
    path("documents/", views.DocumentListView.as_view(), name="documents"),
    path("documents/upload/", views.DocumentUploadView.as_view(), name="document-upload"),
    path("uploads/<int:upload_id>/", views.UploadDetailView.as_view(), name="upload"),
    path("documents/<int:document_id>/", views.DocumentDetailView.as_view(), name="document"),
    path(
        "documents/<int:document_id>/flashcards/",
        views.DocumentFlashcardListView.as_view(),
        name="document-flashcards",
    ),
    path(
        "documents/<int:document_id>/deck.apkg",
        views.DocumentDeckPackageView.as_view(),
        name="document-deck-package",
    ),
    path(
        "documents/<int:document_id>/quiz/", views.DocumentQuizView.as_view(), name="document-quiz"
    ),
    path(
        "documents/<int:document_id>/sections/<int:position>/quiz/",
        views.SectionQuizView.as_view(),
        name="section-quiz",
    ),
    path("flashcards/due/", views.DueCardListView.as_view(), name="due-cards"),
    path(
        "flashcards/<int:flashcard_id>/reviews/",
        views.FlashcardReviewView.as_view(),
        name="flashcard-review",
    ),
    path("quizzes/", views.QuizListView.as_view(), name="quizzes"),
    path("quizzes/<int:quiz_id>/", views.QuizDetailView.as_view(), name="quiz"),
    path("quizzes/<int:quiz_id>/export", views.QuizExportView.as_view(), name="quiz-export"),
    path("quizzes/<int:quiz_id>/attempts/", views.AttemptStartView.as_view(), name="attempt-start"),
    path("attempts/", views.AttemptListView.as_view(), name="attempts"),
    path("attempts/<int:attempt_id>/", views.AttemptDetailView.as_view(), name="attempt"),
    path("attempts/<int:attempt_id>/answers/", views.AnswerView.as_view(), name="answer"),
    path("attempts/<int:attempt_id>/finish/", views.AttemptFinishView.as_view(), name="finish"),
    path("attempts/<int:attempt_id>/result/", views.AttemptResultView.as_view(), name="result"),
    path("progress/", views.ProgressView.as_view(), name="progress"),
    path("classes/", views.TaughtClassListView.as_view(), name="classes"),
    path("classes/joined/", views.JoinedClassListView.as_view(), name="classes-joined"),
    path("classes/join/", views.JoinClassView.as_view(), name="class-join"),
    path(
        "classes/<int:classroom_id>/report/", views.ClassReportView.as_view(), name="class-report"
    ),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api:schema", template_name="api/swagger_ui.html"
        ),
        name="docs",
    ),
    # Anything else under /api/ gets a JSON 404 rather than the site's HTML page; any
    # character, newlines (`%0A`) included, which `.` would not match.
    re_path(r"^[\s\S]*$", views.not_found),
]
