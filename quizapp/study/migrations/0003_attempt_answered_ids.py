from django.db import migrations, models


def list_answers(apps, schema_editor):
    Attempt = apps.get_model("study", "Attempt")
    Response = apps.get_model("study", "Response")
    answered: dict[int, list[int]] = {}
    rows = Response.objects.order_by("answered_at", "pk").values_list("attempt_id", "question_id")
    for attempt_id, question_id in rows.iterator(chunk_size=10_000):
        answered.setdefault(attempt_id, []).append(question_id)
    changed = []
    for attempt in Attempt.objects.filter(pk__in=list(answered)).only("pk").iterator():
        attempt.answered_ids = answered[attempt.pk]
        changed.append(attempt)
    Attempt.objects.bulk_update(changed, ["answered_ids"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("study", "0002_attempt_answered_count")]

    operations = [
        migrations.AddField(
            model_name="attempt",
            name="answered_ids",
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.RunPython(list_answers, migrations.RunPython.noop),
        migrations.RemoveField(model_name="attempt", name="answered_count"),
    ]
