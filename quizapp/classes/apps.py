from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_save


class ClassesConfig(AppConfig):
    name = "quizapp.classes"
    label = "classes"
    verbose_name = "Classes"

    def ready(self):
        from django.contrib.auth.models import Group

        from quizapp.accounts.roles import make_way_for_loaded_group, sync_teachers_group

        # Connected after auth's handler, so the permissions the group needs exist by then.
        post_migrate.connect(sync_teachers_group, sender=self)
        pre_save.connect(make_way_for_loaded_group, sender=Group)

        from quizapp.study import assigned

        from .selectors import assigned_document_ids, assignments_for

        # A student's scope and home page start from what their classes assign.
        assigned.register(
            assigned.AssignedWork(document_ids=assigned_document_ids, assignments=assignments_for)
        )
