from django.apps import AppConfig


class ClassesConfig(AppConfig):
    name = "quizapp.classes"
    label = "classes"
    verbose_name = "Classes"
