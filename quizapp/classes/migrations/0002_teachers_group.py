"""Create the Teachers group: admin editing of content, quizzes and classes, no deleting users."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

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


def create_teachers_group(apps, schema_editor):
    # Permissions are normally made after every migration has run; make them now so the
    # group can hold them on a fresh database.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Teachers")
    wanted = []
    for app_label, model, actions in TEACHER_PERMISSIONS:
        for action in actions:
            wanted.append(
                Permission.objects.get(
                    content_type__app_label=app_label,
                    content_type__model=model,
                    codename=f"{action}_{model}",
                )
            )
    group.permissions.add(*wanted)


def remove_teachers_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Teachers").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("classes", "0001_initial"),
        ("content", "0001_initial"),
        ("study", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_teachers_group, remove_teachers_group)]
