from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ClassesConfig(AppConfig):
    name = "quizapp.classes"
    label = "classes"
    verbose_name = "Classes"

    def ready(self):
        from .roles import sync_teachers_group

        # Connected after auth's handler, so the permissions the group needs exist by then.
        post_migrate.connect(sync_teachers_group, sender=self)
