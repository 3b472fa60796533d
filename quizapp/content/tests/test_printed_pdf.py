"""A PDF as a browser prints it (real fonts, its own header and "Page N of M" footer), read
back to the same paragraphs and FAQ as the article's text."""

from __future__ import annotations

import datetime as dt

from quizapp.content.extract import extract
from quizapp.content.parsing import parse_document

from .documents import Article

ARTICLE = Article(
    title="Volcanoes of Italy",
    date=dt.date(2024, 3, 5),
    sections=[
        (
            "",
            [
                "Mount Etna is the tallest active volcano in Europe, rising above Catania on "
                "the east coast of Sicily, where its frequent eruptions are closely monitored "
                "by scientists who study the mountain's magma, gases and ground movements. " * 3,
                "Vesuvius destroyed Pompeii and Herculaneum in the year 79, burying both "
                "towns under volcanic ash that preserved them for archaeologists. " * 4,
            ],
        ),
        ("Monitoring", ["Seismometers and satellites watch both mountains every day. " * 12]),
    ],
    faq=[("Where is Etna?", "Etna is on the east coast of Sicily.")],
)


def test_a_browser_printed_pdf_reads_back_as_the_article(page):
    article_only = ARTICLE.html().replace("<nav>", "<nav hidden>")
    article_only = article_only.replace("<aside", "<aside hidden").replace(
        "<footer", "<footer hidden"
    )
    page.set_content(article_only.replace("<body>", "<body lang='en' style='font-family:serif'>"))
    pdf = page.pdf(
        format="A6",
        display_header_footer=True,
        header_template="<div style='font-size:7px;width:100%;text-align:center'>"
        "Earth Science Reader</div>",
        footer_template="<div style='font-size:7px;width:100%;text-align:center'>Page "
        "<span class='pageNumber'></span> of <span class='totalPages'></span></div>",
        margin={"top": "50px", "bottom": "50px", "left": "30px", "right": "30px"},
    )
    assert pdf.count(b"/Type /Page") > 3

    text = extract(pdf, "printed.pdf").text
    assert "Earth Science Reader" not in text and "Page " not in text
    document = parse_document(text)
    expected = parse_document(ARTICLE.txt())
    assert document.paragraphs == tuple(" ".join(p.split()) for p in expected.paragraphs)
    assert document.faq == expected.faq
    assert [s.heading for s in document.sections] == ["Monitoring"]
