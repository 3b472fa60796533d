"""A document's sections in the browser: a student reviews and quizzes one section, a teacher
reviews a document section by section. Every state is checked with axe, and no page logs an
error (an htmx swap that finds no target would)."""

import pytest
from playwright.sync_api import Page, expect

from quizapp.content.models import Question, Status
from quizapp.content.tests.factories import build_sectioned_document
from quizapp.study.models import MemoryState
from tests.browser.pages import sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def canals(db, teacher):
    return build_sectioned_document(sections=3, cards=2, questions=2, title="Canals")


def test_a_student_reviews_and_quizzes_one_section(
    page: Page, live_server, student, canals, assert_accessible, console_errors
):
    sign_in(page, live_server, "student_a")
    page.goto(f"{live_server.url}/decks/{canals.slug}/")
    sections = page.get_by_role("region", name="Sections")
    expect(sections.get_by_role("listitem")).to_have_count(3)
    expect(sections.get_by_role("listitem").nth(1)).to_contain_text("0 due, 2 new")
    assert_accessible(page)

    sections.get_by_role("link", name="Review this section: Part 2").click()
    expect(page.get_by_role("heading", name="Review: Part 2", level=1)).to_be_visible()
    assert_accessible(page)
    fronts = []
    for _ in range(2):
        front = page.locator("#review h2.front")
        expect(front).to_contain_text("Part 2 card")
        fronts.append(front.inner_text())
        page.keyboard.press(" ")
        expect(page.locator("#review .back")).to_be_visible()
        page.keyboard.press("3")
        expect(page.locator("#review h2").first).not_to_have_text(fronts[-1])
    expect(page.get_by_role("heading", name="Nothing due right now")).to_be_visible()
    assert sorted(fronts) == ["Part 2 card 0?", "Part 2 card 1?"]
    assert MemoryState.objects.filter(student=student).count() == 2

    page.get_by_role("button", name="Take a quiz on this section").click()
    expect(page.get_by_text("Part 3 question")).to_have_count(0)
    expect(page.locator("main")).to_contain_text("Part 2 question")
    assert_accessible(page)
    assert console_errors == []


def test_a_teacher_reviews_a_document_section_by_section(
    page: Page, live_server, teacher, canals, assert_accessible, console_errors
):
    canals.uploaded_by = teacher
    canals.save()
    draft = Question.objects.get(document=canals, key="draft-1")
    Question.objects.filter(pk=draft.pk).update(answer="Right", source_text="Right.")
    sign_in(page, live_server, "teacher_t")
    page.goto(f"{live_server.url}/teach/documents/{canals.slug}/")
    toc = page.get_by_role("navigation", name="Sections")
    expect(toc.get_by_role("link")).to_have_text(
        ["Part 1", "Part 2", "Part 3", "FAQ and other items"]
    )
    assert_accessible(page)

    # j walks every item in reading order, across the sections' boundaries.
    page.locator("h1").click()
    for _ in range(6):
        page.keyboard.press("j")
    first_of_part_two = page.get_by_role("region", name="Part 2").locator("[data-item]").first
    expect(first_of_part_two).to_be_focused()

    toc.get_by_role("link", name="Part 2").click()
    part_two = page.get_by_role("region", name="Part 2")
    expect(part_two.get_by_role("heading")).to_contain_text("4 published · 1 draft")
    part_two.locator(f"#question-{draft.pk}").get_by_role("button", name="Publish").click()
    expect(page.locator("#announce")).to_contain_text("Published:")
    expect(part_two.get_by_role("heading")).to_contain_text("5 published · 0 drafts")
    expect(toc).to_contain_text("5 published · 0 drafts")
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    assert_accessible(page)
    assert console_errors == []
