from django.apps import AppConfig


class TeachConfig(AppConfig):
    name = "quizapp.teach"
    verbose_name = "Teacher's workspace"
