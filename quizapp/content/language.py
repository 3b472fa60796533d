"""The app's spaCy analysis: generation's `analyse` with the model the settings name."""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings

from .generation import analysis
from .parsing import ParsedDocument


def analyse(documents: Sequence[ParsedDocument], *, year: int | None = None) -> list:
    """One spaCy `Doc` per document, with `QUIZAPP_SPACY_MODEL` (`year`: see
    `generation.analysis.analyse`)."""
    return analysis.analyse(documents, model_name=settings.QUIZAPP_SPACY_MODEL, year=year)
