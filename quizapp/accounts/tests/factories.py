"""Users for every app's tests: students, and teachers in the Teachers group."""

from __future__ import annotations

import factory
from django.contrib.auth.models import Group, User
from factory.django import DjangoModelFactory

from quizapp.accounts.roles import TEACHERS_GROUP


class UserFactory(DjangoModelFactory):
    """A user whose password is `pw-<username>`; `teacher=True` joins the Teachers group."""

    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.LazyAttribute(lambda u: f"pw-{u.username}")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return model_class.objects.create_user(*args, **kwargs)

    @factory.post_generation
    def teacher(user, create, extracted, **kwargs):
        if create and extracted:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
            user.groups.add(Group.objects.get_or_create(name=TEACHERS_GROUP)[0])
