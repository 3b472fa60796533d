"""Made-up texts parsed and analysed as ingest does, with the spaCy model loaded once."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from quizapp.content.generation.analysis import DocFacts, analyse, facts_of
from quizapp.content.parsing import ParsedDocument, parse_document


@dataclass(frozen=True)
class Read:
    """One text as the generators see it: the parsed document, its spaCy Doc, its facts."""

    document: ParsedDocument
    doc: object
    facts: DocFacts


@pytest.fixture(scope="session")
def read():
    """`read(text, ...)` -> one `Read` per text, all analysed in one batch."""

    def read_texts(*texts: str) -> list[Read]:
        documents = [parse_document(text) for text in texts]
        docs = analyse(documents)
        return [Read(d, doc, facts_of(doc)) for d, doc in zip(documents, docs, strict=True)]

    return read_texts
