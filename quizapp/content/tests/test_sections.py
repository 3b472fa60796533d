"""A document's headings become sections, and every generated item knows its section."""

import pytest

from quizapp.content.ingest import ingest_text
from quizapp.content.models import Question, Section
from quizapp.content.parsing import LEAD_HEADING, parse_document, part_index

CHAPTER = (
    "date 2021-03-04\n"
    "\n"
    "# The age of canals\n"
    "\n"
    "Canals carried the goods of the first factories long before railways did.\n"
    "\n"
    "## The Bridgewater Canal\n"
    "\n"
    "The Duke of Bridgewater opened the Bridgewater Canal in 1761 to carry coal from "
    "his mines at Worsley to Manchester. The engineer James Brindley built it without"
    " a single lock.\n"
    "\n"
    "## The Erie Canal\n"
    "\n"
    "Governor DeWitt Clinton opened the Erie Canal in 1825. It joined the Hudson "
    "River at Albany to Lake Erie at Buffalo and cut the cost of freight by nine "
    "tenths.\n"
    "\n"
    "FAQ\n"
    "\n"
    "Who built the Bridgewater Canal?\n"
    "\n"
    "The engineer James Brindley.\n"
)


def test_parts_follow_the_headings_with_the_lead_text_first():
    parts = parse_document(CHAPTER).parts()

    assert [p.heading for p in parts] == [LEAD_HEADING, "The Bridgewater Canal", "The Erie Canal"]
    assert parts[2].paragraphs[0].startswith("Governor DeWitt Clinton")
    assert parts[1].word_count == 30


def test_a_document_without_headings_has_no_parts():
    assert parse_document("date 2021-03-04 One paragraph about canals.").parts() == []


def test_a_passage_is_found_in_its_part_and_an_faq_answer_in_none():
    parts = parse_document(CHAPTER).parts()

    assert part_index(parts, "Governor DeWitt Clinton opened the Erie Canal in 1825.") == 2
    assert (
        part_index(parts, "Who built the Bridgewater Canal?\n\nThe engineer James Brindley.")
        is None
    )


@pytest.mark.django_db
def test_ingest_saves_the_sections_and_files_each_question_under_its_own():
    [result] = ingest_text(source_name="canals.md", text=CHAPTER).saved

    sections = list(result.document.sections.all())
    assert [s.heading for s in sections] == [
        LEAD_HEADING,
        "The Bridgewater Canal",
        "The Erie Canal",
    ]
    parts = parse_document(CHAPTER).parts()
    questions = list(Question.objects.for_document(result.document).select_related("section"))
    assert questions
    in_faq = [q for q in questions if q.source_text.startswith("Who built")]
    in_body = [q for q in questions if q not in in_faq]
    assert in_body
    assert all(q.section is None for q in in_faq)
    for question in in_body:
        text = "\n\n".join(parts[question.section.position].paragraphs)
        assert question.source_text in text


@pytest.mark.django_db
def test_changing_a_heading_renames_the_section_and_keeps_the_items_in_it():
    [first] = ingest_text(source_name="canals.md", text=CHAPTER).saved
    erie = first.document.sections.get(position=2)
    edited = Question.objects.in_section(erie).first()
    edited.teacher_edited = True
    edited.save()

    renamed = CHAPTER.replace("## The Erie Canal", "## New York's canal")
    ingest_text(source_name="canals.md", text=renamed)

    erie.refresh_from_db()
    assert erie.heading == "New York's canal"
    edited.refresh_from_db()
    assert edited.section == erie
    assert Section.objects.filter(document=first.document).count() == 3
