"""Attempts keep their quiz's shuffle and feedback rules as they stood when they started."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_rules_from_quizzes(apps, schema_editor):
    Attempt = apps.get_model("study", "Attempt")
    Quiz = apps.get_model("study", "Quiz")
    quiz = Quiz.objects.filter(pk=OuterRef("quiz_id"))
    Attempt.objects.update(
        shuffle=Subquery(quiz.values("shuffle")[:1]),
        feedback=Subquery(quiz.values("feedback")[:1]),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("study", "0004_drop_indexes_led_by_composites"),
    ]

    operations = [
        migrations.AddField(
            model_name="attempt",
            name="feedback",
            field=models.CharField(
                choices=[("each", "After each question"), ("end", "At the end")],
                default="each",
                max_length=8,
            ),
        ),
        migrations.AddField(
            model_name="attempt",
            name="shuffle",
            field=models.BooleanField(default=True, help_text="Options shown in a shuffled order."),
        ),
        migrations.RunPython(copy_rules_from_quizzes, migrations.RunPython.noop, elidable=True),
    ]
