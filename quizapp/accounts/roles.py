"""The Teachers group and its permissions, kept in step with the code after every migrate.

Django makes permissions in a `post_migrate` handler; the group is made the same way, so
it exists on every fresh database and again after a test flushes the tables. A restore
(`migrate`, then `loaddata` of a backup) loads the backup's group over the one just made.
"""

from __future__ import annotations

TEACHERS_GROUP = "Teachers"

# (app label, model, actions) the group may use; teachers edit but do not delete documents.
TEACHER_PERMISSIONS = [
    ("content", "document", ("view", "change")),
    ("content", "flashcard", ("view", "add", "change")),
    ("content", "question", ("view", "add", "change")),
    ("content", "choice", ("view", "add", "change", "delete")),
    ("content", "section", ("view",)),
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


def make_way_for_loaded_group(sender, instance, raw: bool = False, using="default", **kwargs):
    """Before `loaddata` saves a Teachers group, drop an empty one of that name under another id.

    A backup keeps primary keys, and its Teachers group need not have the id `migrate` gives
    it in a new database (the group may have been deleted and made again, or made after
    another group). The group `migrate` made has no members yet and gives way, so a restore
    keeps the backup's group, its id and its members. A group with members is never
    removed: the load then stops on the duplicate name, and nothing is lost.
    """
    if not raw or instance.name != TEACHERS_GROUP:
        return
    clash = sender.objects.using(using).filter(name=instance.name).exclude(pk=instance.pk).first()
    if clash is not None and not clash.user_set.exists():
        clash.delete()
