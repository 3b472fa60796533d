"""A query compiled once per process gives what the ORM gives, with any values."""

from datetime import timedelta

import pytest
from django.utils import timezone

from quizapp.compiled import CompiledPerCount, CompiledQuery, Id, Time
from quizapp.content.models import Question
from quizapp.content.tests.factories import DocumentFactory, QuestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def questions():
    document = DocumentFactory()
    return QuestionFactory.create_many(3, document=document, key=lambda i: f"q{i}")


def test_instances_match_the_orm_for_every_value(questions):
    builds = []

    def build(document, question):
        builds.append((document, question))
        return Question.objects.filter(document_id=document, pk=question).order_by()

    query = CompiledQuery(build, document=Id, question=Id)
    for question in questions:
        found = query.instances(document=question.document_id, question=question.pk)
        assert found == [question]
        assert found[0].prompt == question.prompt and found[0].updated_at == question.updated_at
    assert query.first(document=questions[0].document_id + 1, question=questions[0].pk) is None
    assert len(builds) == 1  # compiled once, run three times


def test_times_are_put_in_their_place(questions):
    stamp = questions[0].updated_at
    query = CompiledQuery(
        lambda since: Question.objects.filter(updated_at__gte=since).values_list("pk").order_by(),
        since=Time,
    )
    query_count = CompiledQuery(
        lambda since, document: Question.objects.filter(
            updated_at__gte=since, document_id=document
        ).values_list("pk"),
        since=Time,
        document=Id,
    )
    assert query.value(since=stamp - timedelta(days=1)) is not None
    assert query.value(since=timezone.now() + timedelta(days=1)) is None
    document = questions[0].document_id
    assert query_count.value(since=stamp - timedelta(days=1), document=document) is not None
    assert query_count.value(since=stamp - timedelta(days=1), document=document + 1) is None


def test_a_stand_in_the_query_does_not_use_is_refused():
    query = CompiledQuery(lambda pk, other: Question.objects.filter(pk=pk), pk=Id, other=Id)
    with pytest.raises(ValueError, match="other"):
        query.instances(pk=1, other=2)


def test_values_must_be_the_ones_named():
    query = CompiledQuery(lambda pk: Question.objects.filter(pk=pk), pk=Id)
    with pytest.raises(TypeError, match="pk"):
        query.instances(id=1)


def test_a_list_of_ids_is_compiled_once_per_length(questions):
    builds = []

    def build(ids, document):
        builds.append(len(ids))
        return Question.objects.filter(pk__in=ids, document_id=document).order_by("pk")

    query = CompiledPerCount(build, document=Id)
    document = questions[0].document_id
    first, second, third = (q.pk for q in questions)
    assert query.instances([first], document=document) == [questions[0]]
    assert query.instances([second], document=document) == [questions[1]]
    assert query.instances([third, first], document=document) == [questions[0], questions[2]]
    assert query.first([second, third], document=document + 1) is None
    assert builds == [1, 2]  # one compile per length, whatever the ids
