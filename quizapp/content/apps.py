from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "quizapp.content"
    label = "content"
    verbose_name = "Content"
