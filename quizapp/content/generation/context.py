"""What generators may know beyond one document: entities of other ingested documents.

Distractors come from the same document first and from these pools second. An ingest run
keeps one `RunContext`: the documents of the run add their entities as they are analysed,
and the documents stored before the run are read once, on first use, their entity lists
cached by content hash so that no later run parses them again.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import DatabaseError

from .analysis import facts_of

POOL_KINDS = ("person", "place", "org", "date", "number", "time", "title")
# Kinds whose distractors may come from other documents, pooled by fine kind ("place:GPE").
FINE_POOL_KINDS = ("place", "org", "thing")
# Enough to find three distractors that are not aliases, without carrying whole corpora.
POOL_SIZE = 40
STORED_DOCUMENTS = 50
CACHE_SECONDS = 7 * 24 * 3600


@dataclass(frozen=True)
class GenerationContext:
    """Entity texts by kind (person, place, org, date, number) from other documents."""

    pools: dict[str, tuple[str, ...]] = field(default_factory=dict)


def entity_pools(doc) -> dict[str, list[str]]:
    """One analysed document's entities by kind, in order of first mention, each once."""
    from .people import roles_of

    facts = facts_of(doc)
    pools: dict[str, list[str]] = {kind: facts.of_kind(kind) for kind in POOL_KINDS}
    pools["title"] = list(dict.fromkeys(r.title for r in roles_of(facts)))
    for kind in FINE_POOL_KINDS:
        for entity in facts.entities:
            if entity.kind == kind and entity.fine:
                pools.setdefault(entity.fine, [])
                if entity.answer not in pools[entity.fine]:
                    pools[entity.fine].append(entity.answer)
    return pools


class RunContext:
    """Entity pools for one ingest run: this run's documents first, then stored ones."""

    def __init__(self, *, read_stored: bool = True):
        self._read_stored = read_stored
        self._stored: dict[str, dict[str, list[str]]] | None = None
        # kind -> text -> the sources that mention it (insertion order is mention order)
        self._merged: dict[str, OrderedDict[str, set[str]]] = {k: OrderedDict() for k in POOL_KINDS}

    def add(self, source: str, doc) -> None:
        """Remember the entities of one analysed document of this run."""
        self._add_pools(source, entity_pools(doc))

    def context_for(self, source: str) -> GenerationContext:
        """The pools a document may borrow distractors from: everything but itself."""
        self._load_stored()
        pools = {}
        only_this = {source}
        for kind, texts in list(self._merged.items()):
            picked = []
            for text, sources in texts.items():
                if sources != only_this:
                    picked.append(text)
                    if len(picked) >= POOL_SIZE:
                        break
            pools[kind] = tuple(picked)
        return GenerationContext(pools=pools)

    def _add_pools(self, source: str, pools: dict[str, list[str]]) -> None:
        for kind, texts in pools.items():
            merged = self._merged.setdefault(kind, OrderedDict())
            for text in texts:
                merged.setdefault(text, set()).add(source)

    def _load_stored(self) -> None:
        if self._stored is not None or not self._read_stored:
            return
        self._stored = stored_pools()
        for source, pools in self._stored.items():
            self._add_pools(source, pools)


def stored_pools(limit: int = STORED_DOCUMENTS) -> dict[str, dict[str, list[str]]]:
    """Entity pools of the most recently updated stored documents, by source name."""
    from quizapp.content.models import Document
    from quizapp.content.parsing import ParseError, parse_document

    from .analysis import analyse

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
            parsed.append((source, digest, parse_document(text)))
        except ParseError:
            continue
    for (source, digest, _), doc in zip(parsed, analyse([p for _, _, p in parsed]), strict=True):
        pools = entity_pools(doc)
        cache.set(_cache_key(digest), pools, CACHE_SECONDS)
        found[source] = pools
    return found


def _cache_key(digest: str) -> str:
    return f"quizapp:entity-pools:v2:{digest}"


def build_context(*, exclude_source: str = "", run: RunContext | None = None) -> GenerationContext:
    """The context for generating one document's items (from `run` when one is going on)."""
    if run is None:
        run = RunContext()
    return run.context_for(exclude_source)
