"""Each format read into the native text: what is kept, what is dropped. No database."""

from __future__ import annotations

import datetime as dt

import docx
import pytest

from quizapp.content.extract import extract
from quizapp.content.extract.pdf import PAGE_NUMBER
from quizapp.content.parsing import Section, parse_document
from quizapp.content.sources import SourceError

from .documents import Article, docx_bytes, paginate, pdf_bytes

ARTICLE = Article(
    title="Volcanoes of Italy",
    date=dt.date(2024, 3, 5),
    sections=[
        (
            "",
            [
                "Mount Etna is the tallest active volcano in Europe, rising above Catania on "
                "the east coast of Sicily, where its frequent eruptions are closely monitored.",
                "Vesuvius destroyed Pompeii and Herculaneum in the year 79, burying both "
                "towns under volcanic ash that preserved them for archaeologists.",
            ],
        ),
        (
            "Monitoring",
            [
                "The Italian National Institute of Geophysics and Volcanology watches both "
                "mountains with seismometers, satellites and regular gas measurements.",
            ],
        ),
    ],
    faq=[("Where is Etna?", "Etna is on the east coast of Sicily.")],
)


def parsed(data: bytes, name: str):
    return parse_document(extract(data, name).text)


@pytest.mark.parametrize("kind", ["markdown", "html", "docx", "pdf"])
def test_every_format_gives_the_same_parts_as_the_text(kind):
    data = {
        "markdown": ARTICLE.markdown().encode(),
        "html": ARTICLE.html().encode(),
        "docx": ARTICLE.docx(),
        "pdf": ARTICLE.pdf(),
    }[kind]
    # The names say nothing: the format is told from the content.
    document = parsed(data, "volcanoes")
    expected = parse_document(ARTICLE.txt())
    assert document.title == "Volcanoes of Italy"
    assert document.date == dt.date(2024, 3, 5)
    assert document.paragraphs == expected.paragraphs
    assert document.sections == (Section("Monitoring", 2, 2),)
    assert [(p.question, p.answer) for p in document.faq] == ARTICLE.faq


def test_a_pdf_loses_its_running_header_footer_and_page_numbers():
    sentence = ARTICLE.sections[0][1][0]
    paragraphs = [
        f"{where}, {when.lower()} {sentence}"
        for where in ("In Sicily", "On the mainland", "Near Naples", "In the Alps", "At sea")
        for when in ("Last spring", "In winter", "Every year", "Long ago", "Often", "Lately")
    ]
    long = Article(title="A long chapter", date=None, sections=[("", paragraphs)])
    data = long.pdf(width=60)
    assert data.count(b"/Type /Page ") >= 3
    text = extract(data, "chapter.pdf").text
    assert "Geography Reader" not in text
    assert "classroom use" not in text
    document = parse_document(text)
    assert document.paragraphs == tuple(paragraphs)  # no number or header left in one


def test_words_hyphenated_at_a_line_end_are_joined():
    lines = ["Of all volcanoes, the strato-", "volcanoes of southern Italy erupt", "most often."]
    pages = paginate([(11, line) for line in lines])
    text = extract(pdf_bytes(pages), "hyphen.pdf").text
    assert "the stratovolcanoes of southern Italy erupt most often." in text


def test_a_pdf_title_comes_from_its_metadata_else_its_first_heading():
    pages = paginate([(20, "Plate Tectonics"), (11, "Plates move a few centimetres a year.")])
    assert parsed(pdf_bytes(pages), "a.pdf").title == "Plate Tectonics"
    titled = pdf_bytes(pages, title="Earth Science, Unit 2")
    assert parsed(titled, "a.pdf").title == "Earth Science, Unit 2"
    # A title that is only the file name the PDF was printed from is no title.
    junk = pdf_bytes(pages, title="Microsoft Word - unit2.docx")
    assert parsed(junk, "a.pdf").title == "Plate Tectonics"


def test_word_lists_stay_items_and_table_rows_stay_together():
    document = docx.Document()
    document.add_heading("Rocks", level=1)
    document.add_paragraph("There are three kinds of rock.")
    for kind in ("Igneous rock cools from magma.", "Sedimentary rock forms in layers."):
        document.add_paragraph(kind, style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    for row, cells in zip(
        table.rows, [("Granite", "igneous"), ("Chalk", "sedimentary")], strict=True
    ):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    result = parsed(docx_bytes(document), "rocks.docx")
    assert result.title == "Rocks"
    assert result.paragraphs == (
        "There are three kinds of rock.",
        "Igneous rock cools from magma.",
        "Sedimentary rock forms in layers.",
        "Granite | igneous",
        "Chalk | sedimentary",
    )


def test_markdown_marks_are_dropped_and_lists_and_tables_kept():
    text = (
        "# Rivers\n\nThe **Nile** flows _north_ into the [Mediterranean](https://x.test).\n"
        "It is long.\n\n- The Amazon carries the most water.\n- The Po crosses Italy.\n\n"
        "| River | Length |\n|---|---|\n| Nile | 6650 km |\n\n"
        "## Frequently asked questions\n\n**Which river is longest?**\n\nThe Nile.\n"
    )
    result = parsed(text.encode(), "rivers.md")
    assert result.title == "Rivers"
    assert result.paragraphs == (
        "The Nile flows north into the Mediterranean. It is long.",
        "The Amazon carries the most water.",
        "The Po crosses Italy.",
        "River | Length",
        "Nile | 6650 km",
    )
    assert [(p.question, p.answer) for p in result.faq] == [
        ("Which river is longest?", "The Nile.")
    ]


def test_a_web_page_keeps_the_article_and_drops_menus_adverts_footers_and_scripts():
    text = extract(ARTICLE.html().encode(), "page.html").text
    assert "Mount Etna is the tallest" in text
    for dropped in ("Home", "Sport", "Subscribe", "All rights reserved", "cookie", "window"):
        assert dropped not in text


def test_a_txt_file_is_read_as_it_always_was():
    text = "date 2023-11-11 First paragraph.\r\n\r\nFAQ\r\n\r\nWhy?\r\n\r\nBecause."
    assert extract(text.encode(), "a.txt").text == text
    assert extract(ARTICLE.pdf(), "misnamed.txt").kind == "pdf"


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("slides.pptx", b"PK\x03\x04rest", ".pptx files cannot be read"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "save it as .docx"),
        ("archive.txt", b"", "the file is empty"),
    ],
)
def test_files_that_cannot_be_read_are_named_with_what_to_do(name, data, says):
    with pytest.raises(SourceError) as raised:
        extract(data, name)
    assert raised.value.source == name
    assert says in raised.value.message


@pytest.mark.parametrize(
    ("line", "is_page_number"),
    [
        ("12", True),
        ("xiv", True),
        ("Page 3 of 40", True),
        ("3 / 40", True),
        ("– 7 –", True),
        ("2021", False),  # a year that ends a paragraph on a line of its own
        ("civil", False),  # letters that happen to be roman numerals' letters
    ],
)
def test_page_numbers_are_told_from_words(line, is_page_number):
    assert bool(PAGE_NUMBER.match(line)) is is_page_number
