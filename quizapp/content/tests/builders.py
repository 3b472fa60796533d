"""Study material built straight with the ORM, for tests that need no spaCy."""

from quizapp.content.models import Choice, Question, Status


def published_question(document, *, kind, prompt, answer, choices=(), **fields) -> Question:
    """A published question; `choices` are its options in order, the one equal to `answer` right.

    Other fields (key, source_text, explanation, score, ...) pass through to the question.
    """
    question = Question.objects.create(
        document=document,
        kind=kind,
        prompt=prompt,
        answer=answer,
        status=Status.PUBLISHED,
        **fields,
    )
    Choice.objects.bulk_create(
        Choice(question=question, text=text, is_correct=text == answer, position=position)
        for position, text in enumerate(choices)
    )
    return question
