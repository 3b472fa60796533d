"""Distractor pools across the documents of one ingest run."""

import pytest

from quizapp.content.generation.context import (
    POOL_KINDS,
    GenerationContext,
    RunContext,
    entity_pools,
)

HARBOUR = "Lars Berg met Hugo Laine in Oslo at the Nordic Council."
FERRY = "Tove Lund flew to Helsinki to speak to the Baltic Assembly."


@pytest.fixture(scope="module")
def run(read):
    return read(HARBOUR, FERRY)


def test_a_document_pools_its_entities_by_kind_each_once(run):
    pools = entity_pools(run[0].doc)
    assert set(POOL_KINDS) <= set(pools)
    assert pools["person"] == ["Lars Berg", "Hugo Laine"]
    assert pools["place"] == ["Oslo"]
    assert "Nordic Council" in pools["org"]


def test_a_document_borrows_from_the_others_never_from_itself(run):
    context = RunContext()
    context.add("harbour.md", run[0].doc)
    context.add("ferry.md", run[1].doc)
    harbour = context.context_for("harbour.md")
    assert isinstance(harbour, GenerationContext)
    assert harbour.pools["person"] == ("Tove Lund",)
    assert harbour.pools["place"] == ("Helsinki",)
    assert "Oslo" not in harbour.pools["place"]
    assert context.context_for("ferry.md").pools["place"] == ("Oslo",)


def test_stored_documents_are_read_once_on_first_use(run):
    calls = []

    def stored():
        calls.append(1)
        return {"archive.md": {"person": ["Edda Holm"], "place": ["Bergen"]}}

    context = RunContext(stored=stored)
    context.add("harbour.md", run[0].doc)
    assert calls == []  # nothing read before a document asks
    first = context.context_for("harbour.md")
    context.context_for("archive.md")
    assert calls == [1]
    assert first.pools["person"] == ("Edda Holm",)
    assert first.pools["place"] == ("Bergen",)
