"""A new teacher brings a 12-page PDF chapter, a Word handout and a locked PDF, in Chromium:
the two readable files are generated, the locked one is refused by name with what to do."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader, PdfWriter

from quizapp.content.models import Document
from quizapp.content.parsing import parse_document
from quizapp.content.tests.documents import Article

from .test_workspace import log_in

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[4]
SEED = sorted((ROOT / "seeds").glob("*.txt"))[0]
ARTICLES = sorted((ROOT / "quizapp/content/tests/data/eval").glob("*.txt"))
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def chapter() -> Article:
    """A dozen narrow pages: news articles, one section each (few words: a quick test)."""
    sections = []
    for path in ARTICLES[:8]:
        parsed = parse_document(path.read_text(encoding="utf-8"))
        sections.append((parsed.title.rstrip("…"), list(parsed.paragraphs)))
    return Article(title="World news, chapter 3", date=None, sections=sections)


def locked(data: bytes) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password="class-7b", algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_teacher_brings_a_pdf_chapter_and_a_word_handout(
    page, live_server, teacher, run_worker, console_errors
):
    pdf = chapter().pdf(width=30)
    assert pdf.count(b"/Type /Page ") >= 12
    handout = Article.from_native(SEED.read_text(encoding="utf-8"), "Talks in Moscow")

    log_in(page, live_server.url, teacher.username)
    page.goto(f"{live_server.url}/teach/upload/")
    page.get_by_label("Documents").set_input_files(
        [
            {"name": "chapter-3.pdf", "mimeType": PDF, "buffer": pdf},
            {"name": "handout.docx", "mimeType": DOCX, "buffer": handout.docx()},
            {"name": "exam.pdf", "mimeType": PDF, "buffer": locked(pdf)},
        ]
    )
    page.get_by_role("button", name="Upload and generate").click()

    expect(
        page.get_by_text("Not uploaded: exam.pdf: this PDF is password-protected")
    ).to_be_visible()
    expect(page.locator("#progress-label")).to_have_text("0 of 2 files done.")
    # The test's SQLite database takes one writer at a time: the page's polls wait outside
    # while the worker writes the chapter, and come back to see it done.
    progress = page.url
    page.goto("about:blank")
    run_worker()
    page.goto(progress)
    expect(page.locator("#progress-label")).to_have_text("2 of 2 files done.")

    assert Document.objects.get(slug="chapter-3").title == "World news, chapter 3"
    assert Document.objects.get(slug="handout").title == "Talks in Moscow"
    page.get_by_role("link", name="Review World news, chapter 3").click()
    expect(page.get_by_role("heading", name="Review: World news, chapter 3")).to_be_visible()
    for furniture in ("Geography Reader", "classroom use"):
        expect(page.get_by_text(furniture)).to_have_count(0)
    assert not console_errors
