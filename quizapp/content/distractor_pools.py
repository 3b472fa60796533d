"""Distractor pools from the documents already stored: read once per run, cached by hash.

Generation borrows distractors from other documents (see `generation.context`); this module
reads the most recently updated stored documents for it, keeping each one's entity pools in
the cache under its content hash so that no later run parses it again.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db import DatabaseError

from .generation.context import RunContext, entity_pools
from .language import analyse
from .long_documents import document_pools, is_long
from .models import Document
from .parsing import ParseError, parse_document

STORED_DOCUMENTS = 50
CACHE_SECONDS = 7 * 24 * 3600


def stored_pools(limit: int = STORED_DOCUMENTS) -> dict[str, dict[str, list[str]]]:
    """Entity pools of the most recently updated stored documents, by source name."""
    recent = Document.objects.order_by("-updated_at")
    try:
        rows = list(recent.values_list("source_name", "text", "content_hash")[:limit])
    except DatabaseError:
        return {}  # no database yet (a dry run before `migrate`): this run's documents only
    found: dict[str, dict[str, list[str]]] = {}
    missing = []
    for source, text, digest in rows:
        pools = cache.get(_cache_key(digest))
        if pools is None:
            missing.append((source, text, digest))
        else:
            found[source] = pools
    parsed = []
    for source, text, digest in missing:
        try:
            document = parse_document(text)
        except ParseError:
            continue
        if is_long(document):  # a piece at a time, never the whole parse at once
            pools = document_pools(document)
            cache.set(_cache_key(digest), pools, CACHE_SECONDS)
            found[source] = pools
        else:
            parsed.append((source, digest, document))
    for (source, digest, _), doc in zip(parsed, analyse([p for _, _, p in parsed]), strict=True):
        pools = entity_pools(doc)
        cache.set(_cache_key(digest), pools, CACHE_SECONDS)
        found[source] = pools
    return found


def _cache_key(digest: str) -> str:
    return f"quizapp:entity-pools:v2:{digest}"


def new_run() -> RunContext:
    """A run's context that reads the stored documents' pools when first asked."""
    return RunContext(stored=stored_pools)
