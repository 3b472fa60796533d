"""Bad files of every kind, each a real file made here: refused by name with what to do,
nothing saved, and the good file sent with them still goes in."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader, PdfWriter

from quizapp.content.models import Document, Upload
from quizapp.content.uploads import Incoming, queue_uploads

from .documents import Article, docx_bytes, pdf_bytes, zip_bytes

SEED = next((Path(__file__).resolve().parents[3] / "seeds").glob("*.txt"))
ARTICLE = Article(
    title="Volcanoes of Italy",
    date=dt.date(2024, 3, 5),
    sections=[("", ["Mount Etna is the tallest active volcano in Europe, above Catania."])],
)


def upload_with_a_good_file(teacher, name: str, data: bytes) -> str:
    """Upload the bad file beside a good one; return what the bad one was refused with."""
    batch = queue_uploads(
        teacher=teacher,
        incoming=[
            Incoming.from_text(name="good.txt", text=SEED.read_text(encoding="utf-8")),
            Incoming(name=name, size=len(data), read=lambda: data),
        ],
    )
    assert [u.name for u in batch.uploads] == ["good.txt"]
    [refused] = batch.refused
    assert refused.source == name
    assert Upload.objects.filter(name=name).count() == 0
    return refused.message


def encrypted(data: bytes, password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=password, owner_password="owner", algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def word_file_with(extra: dict[str, bytes], *, content_types: bytes | None = None) -> bytes:
    """A real .docx with more parts added (or its content types replaced)."""
    original = zipfile.ZipFile(io.BytesIO(ARTICLE.docx()))
    members = {info.filename: original.read(info) for info in original.infolist()}
    if content_types is not None:
        members["[Content_Types].xml"] = content_types
    return zip_bytes({**members, **extra})


def test_a_password_protected_pdf(teacher):
    message = upload_with_a_good_file(teacher, "locked.pdf", encrypted(ARTICLE.pdf(), "secret"))
    assert "password-protected" in message and "without a password" in message


def test_a_pdf_locked_only_against_editing_opens(teacher):
    data = encrypted(ARTICLE.pdf(), "")  # any viewer opens it without asking
    batch = queue_uploads(
        teacher=teacher, incoming=[Incoming(name="owner.pdf", size=len(data), read=lambda: data)]
    )
    assert [u.name for u in batch.uploads] == ["owner.pdf"]
    assert "Mount Etna is the tallest" in batch.uploads[0].text


def test_a_scanned_pdf_with_no_text_layer(teacher):
    scan = pdf_bytes([[], []])  # pages with nothing but (here: no) pictures on them
    message = upload_with_a_good_file(teacher, "scan.pdf", scan)
    assert message == "this PDF has no text layer; export it with text or paste the text"


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_a_truncated_file(teacher, kind):
    whole = ARTICLE.pdf() if kind == "pdf" else ARTICLE.docx()
    message = upload_with_a_good_file(teacher, f"cut.{kind}", whole[: len(whole) // 2])
    assert "damaged or cut short" in message


def test_a_corrupt_pdf(teacher):
    data = ARTICLE.pdf().replace(b"xref", b"xxxx").replace(b"/Root", b"/Rxxx")
    message = upload_with_a_good_file(teacher, "corrupt.pdf", data)
    assert "damaged or cut short" in message


def test_a_word_zip_bomb_is_refused_before_it_is_unpacked(teacher):
    bomb = word_file_with({"word/media/image1.png": b"\0" * 20_000_000})
    assert len(bomb) < 100_000  # twenty megabytes of zeros pack into a few kilobytes
    message = upload_with_a_good_file(teacher, "bomb.docx", bomb)
    assert "refused as unsafe" in message


def test_a_word_file_over_the_unpacked_limit(teacher, settings):
    settings.QUIZAPP_MAX_UNZIPPED_BYTES = 10_000
    message = upload_with_a_good_file(teacher, "big.docx", ARTICLE.docx())
    assert "would unpack to" in message


@pytest.mark.parametrize("how", ["vba project", "macro-enabled type", "docm name"])
def test_a_word_file_with_macros(teacher, how):
    name = "macros.docx"
    if how == "vba project":
        data = word_file_with({"word/vbaProject.bin": b"\xd0\xcf\x11\xe0 macro code"})
    elif how == "macro-enabled type":
        types = (
            b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/'
            b'2006/content-types"><Override PartName="/word/document.xml" ContentType="'
            b'application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>'
        )
        data = word_file_with({}, content_types=types)
    else:
        name, data = "macros.docm", ARTICLE.docx()
    message = upload_with_a_good_file(teacher, name, data)
    assert "holds macros" in message and "Word Document (.docx)" in message


def test_html_scripts_are_never_run_nor_kept(teacher, run_worker, client):
    page = ARTICLE.html().replace(
        "</article>", "<script>alert('stolen')</script><p>Etna last erupted in 2021.</p></article>"
    )
    batch = queue_uploads(
        teacher=teacher, incoming=[Incoming.from_text(name="etna.html", text=page)]
    )
    [upload] = batch.uploads
    for script in ("<script", "alert", "stolen", "document.cookie"):
        assert script not in upload.text
    run_worker()
    document = Document.objects.get(slug="etna")
    assert "Etna last erupted in 2021." in document.text
    assert "alert" not in document.text and "<script" not in document.text


def test_a_file_over_the_size_limit_is_not_even_read(teacher, settings):
    settings.QUIZAPP_MAX_DOCUMENT_BYTES = 500
    data = ARTICLE.pdf()
    assert len(data) > 500

    def read() -> bytes:
        raise AssertionError("an oversized file must be refused before it is read")

    batch = queue_uploads(
        teacher=teacher, incoming=[Incoming(name="big.pdf", size=len(data), read=read)]
    )
    [refused] = batch.refused
    assert refused.source == "big.pdf" and "over the 0.0 MB limit" in refused.message
    assert not Upload.objects.exists()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("report.pdf", b"<html><body><p>Not a PDF at all.</p></body></html>"),
        ("report.pdf", ARTICLE.docx()),
        ("handout.docx", ARTICLE.pdf()),
    ],
)
def test_a_file_whose_name_says_one_format_and_content_another(teacher, name, data):
    message = upload_with_a_good_file(teacher, name, data)
    assert "the name says" in message and "but the content is not" in message


def test_a_docx_with_no_word_document_inside(teacher):
    data = zip_bytes({"notes.txt": b"hello"})
    message = upload_with_a_good_file(teacher, "notes.docx", data)
    assert "the name says Word (.docx)" in message


def test_an_unreadable_word_part(teacher):
    data = word_file_with({"word/document.xml": b"<w:document>not closed"})
    message = upload_with_a_good_file(teacher, "broken.docx", data)
    assert "damaged" in message


def test_a_blank_word_file(teacher):
    message = upload_with_a_good_file(teacher, "blank.docx", docx_bytes(docx.Document()))
    assert "empty" in message or "no article text" in message


def test_a_pdf_whose_only_text_is_page_furniture(teacher):
    data = pdf_bytes([[(9, 800.0, "Chapter 3")], [(9, 800.0, "Chapter 3")]])
    message = upload_with_a_good_file(teacher, "furniture.pdf", data)
    assert "no text layer" in message
