"""spaCy analysis of documents: the model loads once per process, on first use."""

from __future__ import annotations

import functools
from collections.abc import Sequence

from django.conf import settings

from quizapp.content.parsing import ParsedDocument

BATCH_SIZE = 32


@functools.cache
def get_nlp(model_name: str | None = None):
    """The spaCy pipeline named by `QUIZAPP_SPACY_MODEL` (or `model_name`), loaded once."""
    import spacy

    return spacy.load(model_name or settings.QUIZAPP_SPACY_MODEL)


def analysis_text(document: ParsedDocument) -> str:
    """The text spaCy reads: the article body (the FAQ is used verbatim, not analysed)."""
    return document.body


def analyse(documents: Sequence[ParsedDocument]) -> list:
    """One spaCy `Doc` per document, parsed in batches with `nlp.pipe`."""
    nlp = get_nlp()
    return list(nlp.pipe((analysis_text(d) for d in documents), batch_size=BATCH_SIZE))
