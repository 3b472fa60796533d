"""The Teachers group and its permissions, kept in step with the code after every migrate.

Django makes permissions in a `post_migrate` handler; the group is made the same way, so
it exists on every fresh database and again after a test flushes the tables.
"""

from __future__ import annotations

TEACHERS_GROUP = "Teachers"

# (app label, model, actions) the group may use; teachers edit but do not delete documents.
TEACHER_PERMISSIONS = [
    ("content", "document", ("view", "change")),
    ("content", "flashcard", ("view", "add", "change")),
    ("content", "question", ("view", "add", "change")),
    ("content", "choice", ("view", "add", "change", "delete")),
    ("study", "quiz", ("view", "add", "change")),
    ("study", "quizquestion", ("view", "add", "change", "delete")),
    ("classes", "classroom", ("view", "add", "change")),
    ("classes", "enrollment", ("view", "add", "change", "delete")),
    ("classes", "assignment", ("view", "add", "change", "delete")),
]


def is_teacher(user) -> bool:
    """Whether `user` may run classes: a superuser or a staff member of the Teachers group."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.is_staff and user.groups.filter(name=TEACHERS_GROUP).exists()


def sync_teachers_group(*, using: str = "default", **kwargs) -> None:
    """Create the Teachers group if missing and give it exactly the permissions above."""
    from django.contrib.auth.models import Group, Permission
    from django.db.models import Q

    wanted = Q(pk__in=[])
    for app_label, model, actions in TEACHER_PERMISSIONS:
        wanted |= Q(
            content_type__app_label=app_label,
            content_type__model=model,
            codename__in=[f"{action}_{model}" for action in actions],
        )
    group, _ = Group.objects.using(using).get_or_create(name=TEACHERS_GROUP)
    group.permissions.set(Permission.objects.using(using).filter(wanted))
