"""Background tasks of the content app, on Django's tasks API.

`django.tasks` from Django 6; the `django-tasks` backport on Django 5.2, with the same API.
"""

from __future__ import annotations

try:
    from django.tasks import task
except ImportError:  # Django 5.2
    from django_tasks import task

from . import upload_worker


@task()
def generate_upload(upload_id: int) -> str:
    """Generate the flashcards and questions of one uploaded document.

    The body is `upload_worker.generate`."""
    return upload_worker.generate(upload_id)
