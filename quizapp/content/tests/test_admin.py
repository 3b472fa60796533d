"""The admin as the teacher's editor: review queue, validated editing, preview."""

import pytest
from django.urls import reverse

from quizapp.content.models import Document, Flashcard, Question, Status
from quizapp.content.tests.factories import (
    ChoiceFactory,
    DocumentFactory,
    FlashcardFactory,
    QuestionFactory,
)


@pytest.fixture
def talks(db):
    """An empty document, "Talks": each admin test adds the questions it needs."""
    return DocumentFactory(slug="talks", title="Talks")


@pytest.fixture
def teacher_client(client, teacher):
    client.force_login(teacher)
    return client


def make_question(talks, prompt, *, score=0.5, status=Status.DRAFT, choices=None, **extra):
    """A question; `choices` are (text, is_correct) pairs, kept as given (even if broken)."""
    fields = {"kind": "short_answer", "answer": "Beijing", **extra}
    question = QuestionFactory(
        document=talks,
        prompt=prompt,
        score=score,
        status=status,
        source_text=f"Source of {prompt}",
        choices=[],
        **fields,
    )
    ChoiceFactory.create_many(
        len(choices or []),
        question=question,
        text=lambda i: choices[i][0],
        is_correct=lambda i: choices[i][1],
        position=lambda i: i,
    )
    return question


def test_students_have_no_admin(client, student):
    client.force_login(student)
    response = client.get(reverse("admin:content_question_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_review_queue_lists_drafts_best_first_with_their_source(teacher_client, talks):
    make_question(talks, "Low score?", score=0.3)
    make_question(talks, "High score?", score=0.55)
    make_question(talks, "Already published?", score=0.9, status=Status.PUBLISHED)
    page = teacher_client.get(reverse("admin:content_question_changelist")).content.decode()
    assert "High score?" in page and "Low score?" in page
    assert "Already published?" not in page
    assert page.index("High score?") < page.index("Low score?")
    assert "Source of High score?" in page
    everything = teacher_client.get(reverse("admin:content_question_changelist"), {"status": "all"})
    assert "Already published?" in everything.content.decode()


def test_publish_in_bulk_skips_questions_that_break_the_rules(teacher_client, talks):
    good = make_question(talks, "Good?")
    broken = make_question(
        talks,
        "Broken?",
        kind="multiple_choice",
        choices=[("Beijing", False), ("Moscow", False)],
    )
    response = teacher_client.post(
        reverse("admin:content_question_changelist"),
        {"action": "publish", "_selected_action": [good.pk, broken.pk]},
        follow=True,
    )
    text = response.content.decode()
    assert "Published 1 item(s)." in text
    assert "Not published: &#x27;Broken?&#x27;: multiple choice needs exactly one correct" in text
    good.refresh_from_db(), broken.refresh_from_db()
    assert (good.status, broken.status) == (Status.PUBLISHED, Status.DRAFT)


def test_reject_in_bulk(teacher_client, talks):
    cards = FlashcardFactory.create_batch(2, document=talks, status=Status.DRAFT)
    teacher_client.post(
        reverse("admin:content_flashcard_changelist"),
        {"action": "reject", "_selected_action": [c.pk for c in cards]},
    )
    assert set(Flashcard.objects.values_list("status", flat=True)) == {Status.REJECTED}


def test_bulk_edit_in_the_queue_marks_items_as_the_teachers(teacher_client, talks):
    first = make_question(talks, "Whre did they meet?", score=0.5)
    second = make_question(talks, "Untouched?", score=0.4)
    data = {
        "form-TOTAL_FORMS": "2",
        "form-INITIAL_FORMS": "2",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
        "form-0-id": first.pk,
        "form-0-prompt": "Where did they meet?",
        "form-0-answer": "Beijing",
        "form-0-status": "published",
        "form-1-id": second.pk,
        "form-1-prompt": "Untouched?",
        "form-1-answer": "Beijing",
        "form-1-status": "rejected",
        "_save": "Save",
    }
    response = teacher_client.post(reverse("admin:content_question_changelist"), data)
    assert response.status_code == 302
    first.refresh_from_db(), second.refresh_from_db()
    assert (first.prompt, first.status, first.teacher_edited) == (
        "Where did they meet?",
        Status.PUBLISHED,
        True,
    )
    # A status change is a review, not an edit: regenerating may still refresh it.
    assert (second.status, second.teacher_edited) == (Status.REJECTED, False)


def change_data(question, choices, **fields):
    data = {
        "document": question.document_id,
        "kind": question.kind,
        "status": question.status,
        "prompt": question.prompt,
        "answer": question.answer,
        "alternatives": "",
        "explanation": "",
        "choices-TOTAL_FORMS": str(len(choices)),
        "choices-INITIAL_FORMS": "0",
        "choices-MIN_NUM_FORMS": "0",
        "choices-MAX_NUM_FORMS": "1000",
        **fields,
    }
    for i, (text, correct) in enumerate(choices):
        data[f"choices-{i}-position"] = str(i)
        data[f"choices-{i}-text"] = text
        if correct:
            data[f"choices-{i}-is_correct"] = "on"
    return data


@pytest.mark.parametrize(
    ("fields", "choices", "message"),
    [
        (
            {"kind": "multiple_choice"},
            [("Beijing", True)],
            "Multiple choice needs at least two choices: add them below.",
        ),
        (
            {"kind": "multiple_choice"},
            [("Beijing", True), ("Moscow", True)],
            "Multiple choice needs exactly one correct answer: tick one &#x27;Is correct&#x27; "
            "box (2 ticked now).",
        ),
        ({"kind": "true_false", "answer": "Maybe"}, [], "A true/false answer is True or False."),
        (
            {"kind": "cloze", "prompt": "They met in Beijing."},
            [],
            "A cloze prompt needs a blank: put _____ where the missing word goes.",
        ),
        (
            {"kind": "short_answer"},
            [("Beijing", True)],
            "A short answer question is typed, so it has no choices",
        ),
    ],
)
def test_question_form_explains_what_to_fix(teacher_client, talks, fields, choices, message):
    question = make_question(talks, "Where did they meet?")
    url = reverse("admin:content_question_change", args=[question.pk])
    response = teacher_client.post(url, change_data(question, choices, **fields))
    assert response.status_code == 200  # the form again, with the message
    assert message in response.content.decode()
    question.refresh_from_db()
    assert (question.kind, question.teacher_edited) == ("short_answer", False)
    assert not question.choices.exists()


def test_valid_multiple_choice_edit_saves_and_takes_the_ticked_answer(teacher_client, talks):
    question = make_question(talks, "Where did they meet?")
    url = reverse("admin:content_question_change", args=[question.pk])
    data = change_data(
        question,
        [("Moscow", False), ("Beijing city", True), ("Paris", False)],
        kind="multiple_choice",
        answer="Beijing",
    )
    response = teacher_client.post(url, data)
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.kind == "multiple_choice" and question.teacher_edited
    assert question.answer == "Beijing city"
    assert [c.text for c in question.choices.filter(is_correct=True)] == ["Beijing city"]


def test_true_false_answer_is_normalised(teacher_client, talks):
    question = make_question(talks, "They met in Beijing.")
    url = reverse("admin:content_question_change", args=[question.pk])
    data = change_data(
        question, [("True", True), ("False", False)], kind="true_false", answer="true"
    )
    assert teacher_client.post(url, data).status_code == 302
    question.refresh_from_db()
    assert question.answer == "True"


def test_preview_shows_the_question_as_a_student_sees_it(teacher_client, talks):
    question = make_question(
        talks,
        "Where did Wang Yi meet Lavrov?",
        kind="multiple_choice",
        choices=[("Moscow", False), ("Beijing", True)],
        explanation="They met in Beijing.",
    )
    page = teacher_client.get(reverse("admin:content_question_preview", args=[question.pk]))
    text = page.content.decode()
    assert "Where did Wang Yi meet Lavrov?" in text
    student_part = text[text.index("preview-prompt") : text.index("After answering")]
    assert 'type="radio"' in student_part and "Moscow" in student_part
    assert "They met in Beijing." not in student_part
    assert "They met in Beijing." in text


def test_bulk_edit_keeps_the_rules(teacher_client, talks):
    mc = make_question(
        talks,
        "Where?",
        kind="multiple_choice",
        choices=[("Beijing", True), ("Moscow", False)],
    )
    tf = make_question(talks, "They met in Beijing.", kind="true_false", answer="True")
    data = {
        "form-TOTAL_FORMS": "2",
        "form-INITIAL_FORMS": "2",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
        "form-0-id": mc.pk,
        "form-0-prompt": "Where?",
        "form-0-answer": "Moscow",
        "form-0-status": "draft",
        "form-1-id": tf.pk,
        "form-1-prompt": "They met in Beijing.",
        "form-1-answer": "perhaps",
        "form-1-status": "draft",
        "_save": "Save",
    }
    response = teacher_client.post(reverse("admin:content_question_changelist"), data)
    text = response.content.decode()
    assert response.status_code == 200
    assert "The answer is the ticked choice (Beijing)" in text
    assert "A true/false answer is True or False." in text
    mc.refresh_from_db(), tf.refresh_from_db()
    assert (mc.answer, tf.answer) == ("Beijing", "True")


def test_adding_a_question_is_easy(teacher_client, talks):
    """Alternatives one per line, four empty choice rows, the document found by its title."""
    page = teacher_client.get(reverse("admin:content_question_add")).content.decode()
    assert 'name="choices-TOTAL_FORMS" value="4"' in page
    assert 'name="choices-3-position" value="3"' in page
    assert "[]</textarea>" not in page  # no raw JSON list to edit
    assert "one per line" in page
    assert 'class="admin-autocomplete' in page
    data = change_data(
        make_question(talks, "unused"),
        [("Beijing", True), ("Moscow", False), ("", False), ("", False)],
        kind="short_answer",
        prompt="Where did they meet?",
        answer="Beijing",
        alternatives="Peking\n\n  Beijing city \n",
    )
    data.update({f"choices-{i}-text": "" for i in range(4)})
    data.pop("choices-0-is_correct")
    response = teacher_client.post(reverse("admin:content_question_add"), data)
    assert response.status_code == 302
    question = Question.objects.get(prompt="Where did they meet?")
    assert question.alternatives == ["Peking", "Beijing city"]
    assert not question.choices.exists()
    change = teacher_client.get(reverse("admin:content_question_change", args=[question.pk]))
    assert "Peking\nBeijing city</textarea>" in change.content.decode()
    assert 'name="choices-TOTAL_FORMS" value="0"' in change.content.decode()


def test_the_document_autocomplete_finds_documents_by_title(teacher_client, talks):
    url = reverse("admin:autocomplete")
    params = {"app_label": "content", "model_name": "question", "field_name": "document"}
    found = teacher_client.get(url, {**params, "term": talks.title.split()[0]}).json()
    assert [r["text"] for r in found["results"]] == [talks.title]
    assert teacher_client.get(url, {**params, "term": "no such title"}).json()["results"] == []


def test_document_list_counts_in_one_query_whatever_the_rows(teacher_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("admin:content_document_changelist")
    counts = {}
    for n in (2, 20):
        documents = DocumentFactory.create_many(n, slug=lambda i, n=n: f"d{n}-{i}")
        for talks in documents:
            QuestionFactory(document=talks, status=Status.DRAFT)
            FlashcardFactory(document=talks)
        with CaptureQueriesContext(connection) as queries:
            page = teacher_client.get(url).content.decode()
        counts[n] = len(queries)
        assert "1 question(s)</a>" in page
    assert counts[2] == counts[20]
    listed = Document.objects.with_item_counts().get(slug="d2-0")
    assert (listed.flashcard_count, listed.question_count, listed.draft_question_count) == (1, 0, 1)


def test_a_documents_page_lists_its_sections_with_links_to_their_items(teacher_client):
    from quizapp.content.tests.factories import build_sectioned_document

    document = build_sectioned_document(sections=2, cards=1, questions=2)
    url = reverse("admin:content_document_change", args=[document.pk])

    page = teacher_client.get(url).content.decode()

    assert page.index("Part 1") < page.index("Part 2")
    part_two = document.sections.get(position=1)
    assert f"document__id__exact={document.pk}&amp;section={part_two.pk}" in page
    assert "3 question(s)" in page and "1 flashcard(s)" in page


def test_items_can_be_filtered_by_section_of_the_chosen_document(teacher_client):
    from quizapp.content.tests.factories import build_sectioned_document

    document = build_sectioned_document(sections=2, cards=1, questions=2)
    part_two = document.sections.get(position=1)
    questions = reverse("admin:content_question_changelist")
    flashcards = reverse("admin:content_flashcard_changelist")
    base = f"?status=all&document__id__exact={document.pk}"

    page = teacher_client.get(f"{questions}{base}&section={part_two.pk}").content.decode()
    assert "Part 2 question 0?" in page and "Part 2 draft?" in page
    assert "Part 1 question" not in page and "Part 1 draft?" not in page
    # The filter offers the document's sections by heading, and items in none.
    assert "1. Part 1" in page and "2. Part 2" in page and "In no section" in page

    page = teacher_client.get(f"{flashcards}{base}&section=none").content.decode()
    assert "FAQ card?" in page and "Part 1 card 0?" not in page

    # Without a chosen document there is no section filter to pick from.
    page = teacher_client.get(f"{questions}?status=all").content.decode()
    assert "In no section" not in page
