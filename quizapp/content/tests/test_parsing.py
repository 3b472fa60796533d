import datetime as dt

import pytest

from quizapp.content.parsing import ParseError, parse_document

FAQ = (
    "FAQ\n\nWhat is a summit?\n\nA meeting of leaders.\n\n"
    "Who went?\n\nMany people.\n\nThey all did."
)


def test_date_header_after_leading_space_and_body_paragraphs():
    doc = parse_document(" date 2023-11-11 First paragraph here.\n\nSecond one.\n\n" + FAQ)
    assert doc.date == dt.date(2023, 11, 11)
    assert doc.paragraphs == ("First paragraph here.", "Second one.")
    assert doc.title == "First paragraph here"


def test_windows_line_endings_and_no_final_newline():
    text = "date 2024-01-02 Body text.\r\n\r\nFAQ\r\n\r\nWhat is X?\r\n\r\nX is a thing."
    doc = parse_document(text)
    assert [(p.question, p.answer) for p in doc.faq] == [("What is X?", "X is a thing.")]
    assert "\r" not in doc.text


@pytest.mark.parametrize("heading", ["FAQ", "FAQs", "Frequently Asked Questions", "faq:"])
def test_faq_heading_variants(heading):
    doc = parse_document(f"Body.\n\n{heading}\n\nWhat is X?\n\nX is a thing.")
    assert len(doc.faq) == 1


def test_answer_of_several_paragraphs_is_kept_whole():
    doc = parse_document("Body.\n\n" + FAQ)
    assert doc.faq[1].answer == "Many people.\n\nThey all did."


def test_no_faq_and_no_date():
    doc = parse_document("Leaders met in Vilnius on Tuesday to discuss the war in Ukraine.")
    assert doc.faq == ()
    assert doc.date is None
    assert doc.title.startswith("Leaders met in Vilnius")


def test_long_first_sentence_gives_a_shortened_title():
    words = " ".join(f"word{i}" for i in range(30))
    assert parse_document(words + ".").title.endswith("…")


def test_curly_quotes_are_kept_verbatim():
    doc = parse_document("China’s minister said “yes”.")
    assert "China’s" in doc.text


@pytest.mark.parametrize(
    "text,message",
    [
        ("   \n\n  ", "empty"),
        ("date 2023-02-30 Body.", "not a real date"),
        ("date 2023-01-01", "no article text"),
    ],
)
def test_unreadable_documents_say_why(text, message):
    with pytest.raises(ParseError, match=message):
        parse_document(text)
