from django.apps import AppConfig


class LiveConfig(AppConfig):
    name = "quizapp.live"
    verbose_name = "Live class quizzes"
