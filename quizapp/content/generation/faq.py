"""Flashcards and short-answer questions from a document's FAQ section."""

from __future__ import annotations

import re
from collections.abc import Iterator

from quizapp.content.parsing import ParsedDocument

from .candidates import CardCandidate, QuestionCandidate

GENERATOR = "faq"
# "What is X?" / "What are X?" / "What was X?" name a term worth a card of its own.
TERM_QUESTION = re.compile(r"^\s*what\s+(?:is|are|was|were)\s+(?:an?\s+|the\s+)?(.+?)\s*\?$", re.I)
# A term is a short noun phrase, not a clause: "the main issues in the talks between ..."
# reads as a question, not a term.
MAX_TERM_WORDS = 5
CLAUSE_WORD = re.compile(r"\b(?:between|in|for|about|that|which|with)\b", re.I)


def faq_items(document: ParsedDocument, analysis=None, context=None) -> Iterator:
    """Every FAQ pair gives a flashcard (verbatim) and a short-answer question.

    A "What is X?" question also gives a term card: front X, back the answer's first sentence.
    """
    for pair in document.faq:
        yield CardCandidate(
            kind="faq",
            front=pair.question,
            back=pair.answer,
            source_text=pair.source_text,
            generator=GENERATOR,
            score=1.0,
        )
        yield QuestionCandidate(
            kind="short_answer",
            prompt=pair.question,
            answer=pair.answer,
            source_text=pair.source_text,
            generator=GENERATOR,
            # Long free-text answers are hard to grade by typing; a teacher may publish them.
            score=0.5,
            explanation=pair.answer,
        )
        term = term_of(pair.question)
        if term:
            yield CardCandidate(
                kind="term",
                front=term,
                back=first_sentence(pair.answer),
                source_text=pair.source_text,
                generator="faq_term",
                score=0.9,
            )


def term_of(question: str) -> str | None:
    """The X of a "What is X?" question, when X is a short noun phrase."""
    match = TERM_QUESTION.match(question)
    if not match:
        return None
    term = match.group(1).strip()
    if len(term.split()) > MAX_TERM_WORDS or CLAUSE_WORD.search(term):
        return None
    return term[0].upper() + term[1:]


def first_sentence(text: str) -> str:
    """The first sentence of a paragraph (the whole of it if there is only one)."""
    first_paragraph = text.split("\n\n", 1)[0]
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", first_paragraph, maxsplit=1)
    return parts[0].strip()
