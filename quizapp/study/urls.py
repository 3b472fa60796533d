"""Student pages: home, library, flashcard review, quizzes, attempts, progress."""

from django.urls import path

from . import views

app_name = "study"
urlpatterns = [
    path("", views.home, name="home"),
    path("library/", views.library, name="library"),
    path("review/", views.review, name="review"),
    path("decks/<slug:slug>/", views.review, name="deck"),
    path("decks/<slug:slug>/deck.apkg", views.deck_package, name="deck_package"),
    path("decks/<slug:slug>/quiz/", views.document_quiz, name="document_quiz"),
    path("decks/<slug:slug>/sections/<int:position>/", views.review, name="section"),
    path(
        "decks/<slug:slug>/sections/<int:position>/quiz/",
        views.section_quiz,
        name="section_quiz",
    ),
    path("quizzes/<slug:slug>/", views.quiz_detail, name="quiz"),
    path("quizzes/<slug:slug>/print/", views.quiz_print, name="quiz_print"),
    path("quizzes/<slug:slug>/export/<str:fmt>/", views.quiz_export, name="quiz_export"),
    path("attempts/<int:pk>/", views.attempt_view, name="attempt"),
    path("attempts/<int:pk>/finish/", views.finish, name="finish"),
    path("progress/", views.progress, name="progress"),
    path("due-badge/", views.due_badge, name="due_badge"),
]
