from datetime import timedelta

import pytest
from django.utils import timezone

from quizapp.content.models import Question
from quizapp.content.tests.factories import DocumentFactory
from quizapp.study import scope, selectors, services
from quizapp.study.tests.factories import MemoryStateFactory, answer


def test_due_cards_new_then_scheduled(student, document):
    now = timezone.now()
    cards = list(selectors.due_cards(student=student, document=document, now=now))
    assert len(cards) == 3
    # Not the student's document yet (not assigned, not started): nothing counts as due.
    assert scope.due_count(student=student, now=now) == 0
    services.record_review(student=student, flashcard=cards[0], rating=4, now=now)
    assert scope.due_count(student=student, now=now) == 2
    remaining = list(selectors.due_cards(student=student, document=document, now=now))
    assert cards[0] not in remaining and len(remaining) == 2
    assert selectors.next_due_at(student=student, now=now) > now + timedelta(days=1)


def test_overdue_cards_come_first(student, document):
    now = timezone.now()
    last = document.flashcards.order_by("id").last()
    services.record_review(student=student, flashcard=last, rating=1, now=now - timedelta(days=1))
    assert selectors.due_cards(student=student, now=now).first() == last


def test_next_due_card_is_the_first_of_the_queue_as_it_moves(student, document):
    now = timezone.now()
    last = document.flashcards.order_by("id").last()
    services.record_review(student=student, flashcard=last, rating=1, now=now - timedelta(days=1))
    for _ in range(document.flashcards.count() + 1):
        for deck in (None, document):
            queue = list(selectors.due_cards(student=student, document=deck, now=now))
            card = selectors.next_due_card(student=student, document=deck, now=now)
            assert card == (queue[0] if queue else None)
            if card is not None:
                assert card.document == document and card.front == queue[0].front
        if card is not None:
            services.record_review(student=student, flashcard=card, rating=4, now=now)
    assert card is None  # every card rated Easy: nothing due now


def test_published_card_only_of_its_deck(student, document):
    card = document.flashcards.first()
    assert selectors.published_card(card_id=card.pk).document == document
    assert selectors.published_card(card_id=card.pk, document=document) == card
    other_deck = DocumentFactory()
    assert selectors.published_card(card_id=card.pk, document=other_deck) is None
    card.status = "draft"
    card.save()
    assert selectors.published_card(card_id=card.pk) is None


def test_nothing_due_says_when(student, document, other_student, assign):
    now = timezone.now()
    assign(other_student, document=document)
    for card in document.flashcards.all():
        services.record_review(student=student, flashcard=card, rating=3, now=now)
    assert scope.due_count(student=student, now=now) == 0
    assert scope.due_count(student=other_student, now=now) == 3
    next_at = selectors.next_due_at(student=student, document=document, now=now)
    assert now < next_at <= now + timedelta(minutes=15)
    assert scope.due_count(student=student, now=next_at) >= 1


def test_student_progress(student, document):
    now = timezone.now()
    cards = list(document.flashcards.all())
    services.record_review(
        student=student, flashcard=cards[0], rating=3, now=now - timedelta(days=1)
    )
    services.record_review(
        student=student, flashcard=cards[1], rating=1, now=now - timedelta(days=2)
    )
    quiz = services.quiz_for_document(document=document)
    attempt, _ = services.start_attempt(student=student, quiz=quiz, now=now)
    question = Question.objects.get(kind=Question.Kind.SHORT_ANSWER)
    answer(attempt, question, answer_text="Gediminas", now=now)

    progress = selectors.student_progress(student=student, now=now)
    (mastery,) = progress.documents
    assert mastery.studied == 3 and mastery.total == 7
    assert 0 < mastery.mastery < 3 / 7
    assert len(progress.daily_accuracy) == 30 and len(progress.due_per_day) == 14
    today = progress.daily_accuracy[-1]
    assert (today.correct, today.total) == (1, 1)
    assert (progress.daily_accuracy[-3].correct, progress.daily_accuracy[-3].total) == (0, 1)
    assert progress.streak == 3
    assert progress.weakest[0].item == cards[1]
    assert progress.weakest[0].recall < progress.weakest[-1].recall
    assert sum(d.count for d in progress.due_per_day) == 2


def test_streak_counts_from_yesterday_when_none_today(student, document):
    now = timezone.now()
    card = document.flashcards.first()
    for days_ago in (3, 2, 1):
        services.record_review(
            student=student, flashcard=card, rating=3, now=now - timedelta(days=days_ago)
        )
    assert selectors.student_progress(student=student, now=now).streak == 3
    assert selectors.student_progress(student=student, now=now + timedelta(days=2)).streak == 0


def _as_orm_reads(question):
    """Every field of the question and its choices, as the ORM reads them."""
    fields = [f.attname for f in Question._meta.concrete_fields]
    choices = [(c.pk, c.text, c.is_correct, c.position) for c in question.choices.all()]
    return [getattr(question, name) for name in fields], choices


def test_question_with_choices_reads_what_the_orm_reads(document):
    """The cached read gives the same values and types, typed questions included."""
    for question in Question.objects.filter(document=document):
        expected = Question.objects.prefetch_related("choices").get(pk=question.pk)
        for _ in range(2):  # read, then from the cache
            read = selectors.question_with_choices(question_id=question.pk)
            assert _as_orm_reads(read) == _as_orm_reads(expected)
            assert read.created_at.tzinfo is not None
            assert all(choice.question is read for choice in read.choices.all())
    short = selectors.question_with_choices(
        question_id=Question.objects.get(kind=Question.Kind.SHORT_ANSWER).pk
    )
    assert short.alternatives == ["Grand Duke Gediminas"]
    assert list(short.choices.all()) == []


def test_question_with_choices_reads_choices_in_their_order_once(
    document, django_assert_num_queries
):
    mc = Question.objects.get(kind=Question.Kind.MULTIPLE_CHOICE)
    first = mc.choices.get(position=0)
    first.position = 5
    first.save()
    with django_assert_num_queries(2):  # the question, its choices
        selectors.question_with_choices(question_id=mc.pk)
    with django_assert_num_queries(1):  # then only its update time
        read = selectors.question_with_choices(question_id=mc.pk)
        texts = [choice.text for choice in read.choices.all()]
    assert texts == ["Vilnius", "Riga", "Kaunas"]


def test_an_edited_question_is_read_again(document):
    mc = Question.objects.get(kind=Question.Kind.MULTIPLE_CHOICE)
    assert selectors.question_with_choices(question_id=mc.pk).prompt == mc.prompt
    mc.prompt = "Which city is Lithuania's capital?"
    mc.save()
    assert selectors.question_with_choices(question_id=mc.pk).prompt == mc.prompt


def test_question_with_choices_of_a_deleted_question_is_none(document):
    question = Question.objects.filter(document=document).first()
    question_id = question.pk
    question.delete()
    assert selectors.question_with_choices(question_id=question_id) is None


def test_an_answer_moves_its_question_from_unanswered_to_answered(student, document):
    now = timezone.now()
    quiz = services.quiz_for_document(document=document)
    attempt, _ = services.start_attempt(student=student, quiz=quiz, now=now)
    assert attempt.answered_ids == [] and attempt.unanswered_ids() == attempt.question_ids
    question = Question.objects.get(kind=Question.Kind.SHORT_ANSWER)
    answer(attempt, question, answer_text="Gediminas", now=now)
    attempt.refresh_from_db()
    assert attempt.answered_ids == [question.pk] and attempt.answered_count == 1
    assert attempt.unanswered_ids() == [pk for pk in attempt.question_ids if pk != question.pk]


def test_questions_with_choices_reads_a_changed_question_again(document):
    first, second = Question.objects.filter(document=document)[:2]
    read = selectors.questions_with_choices(question_ids=[first.pk, second.pk])
    assert set(read) == {first.pk, second.pk}
    Question.objects.filter(pk=first.pk).update(prompt="Changed?", updated_at=timezone.now())
    second_id = second.pk
    second.delete()
    again = selectors.questions_with_choices(question_ids=[first.pk, second_id])
    assert list(again) == [first.pk] and again[first.pk].prompt == "Changed?"


def test_student_attempt_is_only_the_students_own(student, other_student, document):
    quiz = services.quiz_for_document(document=document)
    attempt, _ = services.start_attempt(student=student, quiz=quiz, now=timezone.now())
    read = selectors.student_attempt(attempt_id=attempt.pk, student_id=student.pk)
    assert read == attempt and read.quiz == quiz
    assert read.question_ids == attempt.question_ids and read.started_at == attempt.started_at
    assert read.quiz.feedback == quiz.feedback and read.quiz.document_id == document.pk
    assert selectors.student_attempt(attempt_id=attempt.pk, student_id=other_student.pk) is None
    assert selectors.student_attempt(attempt_id=attempt.pk + 1, student_id=student.pk) is None


def test_predicted_recall_in_the_database_is_recall_probability(student, build_document):
    from quizapp.study.models import MemoryState
    from quizapp.study.scheduling import recall_probability

    now = timezone.now().replace(microsecond=250000)
    reviews = {
        "never reviewed": (None, None),
        "same day": (now - timedelta(days=1) + timedelta(microseconds=1), 3.0),
        "one day": (now - timedelta(days=1), 3.0),
        "forty days": (now - timedelta(days=40, hours=5), 12.5),
        # Reviewed after the moment asked about (mastery on a past day): no time has passed.
        "later": (now + timedelta(days=2), 4.0),
    }
    cards = build_document("recall", cards=len(reviews)).flashcards.order_by("id")
    for card, (reviewed, stability) in zip(cards, reviews.values(), strict=True):
        MemoryStateFactory(
            student=student, flashcard=card, due=now, last_review=reviewed, stability=stability
        )
    states = (
        MemoryState.objects.filter(student=student)
        .annotate(recall=selectors.predicted_recall(now=now))
        .order_by("flashcard_id")
    )
    recall = {name: state.recall for name, state in zip(reviews, states, strict=True)}

    assert recall["never reviewed"] == 0.0
    assert recall["same day"] == recall["later"] == 1.0
    assert 0 < recall["forty days"] < recall["one day"] < 1.0
    for state in states:
        assert state.recall == pytest.approx(recall_probability(state, now=now), rel=1e-12)
