"""Test data: factory-boy factories for the models tests build, and small study helpers."""

from __future__ import annotations

from quizapp.study import services


def answer(attempt, question, *, choice=None, **kwargs):
    """Answer `question` in `attempt` as its student, through the one answer service.

    `choice` is a Choice (its id is sent); other keywords pass through. Returns the response.
    """
    if choice is not None:
        kwargs["choice_id"] = choice.pk
    answered = services.answer_question(
        student=attempt.student, attempt_id=attempt.pk, question_id=question.pk, **kwargs
    )
    return answered.response


def answer_right(attempt, question, **kwargs):
    """Answer `question` correctly: its right option, or its answer typed."""
    if question.has_choices:
        return answer(attempt, question, choice=question.choices.get(is_correct=True), **kwargs)
    return answer(attempt, question, answer_text=question.answer, **kwargs)


def start(student, quiz, **kwargs):
    """The student's new (or open) attempt at `quiz`."""
    attempt, _created = services.start_attempt(student=student, quiz=quiz, **kwargs)
    return attempt
