"""Documents of any format sent to the API as a multipart file."""

from __future__ import annotations

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from quizapp.content.models import Document, Upload
from quizapp.content.tests.documents import Article

SEED = sorted((Path(__file__).resolve().parents[3] / "seeds").glob("*.txt"))[0]
TITLE = "Wang Yi and Sergey Lavrov meet in Moscow"


def seed_article() -> Article:
    return Article.from_native(SEED.read_text(encoding="utf-8"), TITLE)


def test_a_file_sent_to_the_api_as_multipart(teacher, client_for, run_worker):
    client = client_for(teacher)
    data = seed_article().docx()
    response = client.post(
        "/api/documents/upload/",
        {"file": SimpleUploadedFile("handout.docx", data)},
        format="multipart",
    )
    assert response.status_code == 202, response.json()
    run_worker()
    upload = client.get(response.json()["url"]).json()
    assert upload["state"] == "done" and upload["questions"] > 0
    assert Document.objects.get(slug="handout").title == TITLE

    bad = client.post(
        "/api/documents/upload/",
        {"file": SimpleUploadedFile("scan.pdf", b"GIF89a not a pdf")},
        format="multipart",
    )
    assert bad.status_code == 400
    assert "the name says PDF" in bad.json()["file"][0]
    assert Upload.objects.count() == 1
