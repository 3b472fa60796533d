"""One article brought in as text, Markdown, a web page, a PDF and a Word file gives the
same published questions, whichever way it comes in: the upload page, the API or `ingest`."""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from quizapp.content.models import Document, Question, Upload
from quizapp.content.tests.documents import Article, wrap

SEED = sorted((Path(__file__).resolve().parents[3] / "seeds").glob("*.txt"))[0]
TITLE = "Wang Yi and Sergey Lavrov meet in Moscow"
FURNITURE = ("Geography Reader", "Chapter 3", "classroom use")


def seed_article() -> Article:
    """The seed's paragraphs in two sections, its FAQ and a title, to write in any format."""
    article = Article.from_native(SEED.read_text(encoding="utf-8"), TITLE)
    paragraphs = article.sections[0][1]
    article.sections = [("", paragraphs[:3]), ("What the meeting means", paragraphs[3:])]
    return article


def variants(article: Article) -> dict[str, bytes]:
    """The seed file itself, and the article written in each other format."""
    return {
        "talks-txt.txt": SEED.read_bytes(),
        "talks-md.md": article.markdown().encode(),
        "talks-html.html": article.html().encode(),
        "talks-pdf.pdf": article.pdf(),
        "talks-docx.docx": article.docx(),
    }


def published_prompts(document: Document) -> list[str]:
    return sorted(
        Question.objects.published().for_document(document).values_list("prompt", flat=True)
    )


def test_the_same_article_in_five_formats_gives_the_same_published_questions(
    client, teacher, run_worker
):
    article = seed_article()
    files = variants(article)
    # The PDF is laid out like a book's: words hyphenated at line ends, header, footer,
    # page numbers, over more than one page.
    assert any(line.endswith("-") for p in article.sections[0][1] for line in wrap(p, 78))
    assert files["talks-pdf.pdf"].count(b"/Type /Page ") >= 2

    client.force_login(teacher)
    response = client.post(
        "/teach/upload/",
        {"files": [SimpleUploadedFile(name, data) for name, data in files.items()]},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    run_worker()

    assert Upload.objects.filter(state=Upload.State.DONE).count() == 5
    documents = {d.source_name: d for d in Document.objects.all()}
    expected = published_prompts(documents["talks-txt.txt"])
    assert expected
    for name, document in documents.items():
        if name != "talks-txt.txt":  # the seed has no title: its first sentence stands in
            assert document.title == TITLE, name
        assert document.date == article.date, name
        prompts = published_prompts(document)
        assert prompts == expected, name
        for prompt in prompts:
            assert not any(words in prompt for words in FURNITURE), (name, prompt)
            assert not re.search(r"(?:^|\s)\d{1,2}(?:\s|$)", prompt.replace("2023", "")), (
                name,
                prompt,
            )


@pytest.mark.django_db
def test_ingest_takes_a_folder_of_every_format_and_names_the_bad_file(tmp_path):
    article = seed_article()
    for name, data in variants(article).items():
        if name.endswith((".pdf", ".docx")):
            (tmp_path / name).write_bytes(data)
    (tmp_path / "notes.md").write_text(article.markdown(), encoding="utf-8")
    (tmp_path / "locked.docm").write_bytes(article.docx())
    out, err = StringIO(), StringIO()
    with pytest.raises(Exception, match="1 path"):
        call_command("ingest", str(tmp_path), stdout=out, stderr=err)
    assert "locked.docm: this Word file holds macros" in err.getvalue()
    assert sorted(Document.objects.values_list("slug", flat=True)) == [
        "notes",
        "talks-docx",
        "talks-pdf",
    ]
