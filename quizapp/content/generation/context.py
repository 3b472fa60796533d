"""What generators may know beyond one document: entities of other ingested documents.

Distractors come from the same document first and from these pools second. An ingest run
keeps one `RunContext`: the documents of the run add their entities as they are analysed,
and the pools of documents stored before the run (`stored`, a function the caller gives)
are read once, on first use.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

from .analysis import facts_of

POOL_KINDS = ("person", "place", "org", "date", "number", "time", "title")
# Kinds whose distractors may come from other documents, pooled by fine kind ("place:GPE").
FINE_POOL_KINDS = ("place", "org", "thing")
# Enough to find three distractors that are not aliases, without carrying whole corpora.
POOL_SIZE = 40


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

    def __init__(self, *, stored: Callable[[], dict[str, dict[str, list[str]]]] | None = None):
        self._read_stored = stored
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
        if self._stored is not None or self._read_stored is None:
            return
        self._stored = self._read_stored()
        for source, pools in self._stored.items():
            self._add_pools(source, pools)
