"""Student pages: home, flashcard decks, quizzes, progress."""

from django.urls import path

from . import views

app_name = "study"
urlpatterns = [
    path("", views.home, name="home"),
    path("decks/<slug:slug>/", views.deck, name="deck"),
]
