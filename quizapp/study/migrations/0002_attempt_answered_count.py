from django.db import migrations, models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce


def count_answers(apps, schema_editor):
    Attempt = apps.get_model("study", "Attempt")
    Response = apps.get_model("study", "Response")
    answered = (
        Response.objects.filter(attempt=OuterRef("pk"))
        .order_by()
        .values("attempt")
        .annotate(n=Count("pk"))
        .values("n")
    )
    Attempt.objects.update(answered_count=Coalesce(Subquery(answered), 0))


class Migration(migrations.Migration):
    dependencies = [("study", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="attempt",
            name="answered_count",
            field=models.PositiveSmallIntegerField(default=0),
        ),
        migrations.AlterField(
            model_name="quiz",
            name="shuffle",
            field=models.BooleanField(
                default=True, help_text="Shuffle questions and their options for each attempt."
            ),
        ),
        migrations.RunPython(count_answers, migrations.RunPython.noop),
    ]
