"""Long documents are generated a piece at a time, so no process holds a whole chapter's parse.

A document of more than `QUIZAPP_SECTION_WORDS` words is cut into pieces: one per section
(its headings, see `ParsedDocument.parts`), a section longer than that limit into runs of
whole paragraphs of at most that many words, and a document without headings into such
runs alone. Each piece is analysed, generated and dropped before the next one is parsed:
its spaCy `Doc`, and the caches generation keeps on it, go with it. What a piece yields is
kept as plain candidates, and an item two pieces make (the same key) is kept once.

Each piece is generated as a document of its own (the whole document's title, date and
year, the piece's paragraphs), so it gets its own density budget: selection's budget of
the piece's words, not of the chapter's. The FAQ goes with the first piece. Pieces lend
their names to the pieces after them as distractors. A shorter document is one block.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.conf import settings

from .generation.analysis import year_written
from .generation.context import GenerationContext, RunContext, entity_pools
from .generation.pipeline import Explanation, GeneratedItems, explain, generate, status_for
from .language import analyse
from .parsing import ParsedDocument, Part
from .progress import section_label


@dataclass(frozen=True)
class Piece:
    """One piece of a long document: a section's heading ("" without headings) and a
    document of its own holding that piece's paragraphs."""

    heading: str
    document: ParsedDocument


@dataclass(frozen=True)
class Step:
    """Generation has started on piece `number` of `total`."""

    number: int
    total: int
    heading: str = ""

    def __str__(self) -> str:
        return section_label(self.number, self.total, self.heading)


OnStep = Callable[[Step], None]


def is_long(document: ParsedDocument) -> bool:
    """Whether `document` is generated a piece at a time."""
    return document.word_count > settings.QUIZAPP_SECTION_WORDS


def pieces_of(document: ParsedDocument, max_words: int) -> list[Piece]:
    """The pieces a document is generated in, in reading order; [] for one block."""
    if document.word_count <= max_words:
        return []
    parts = document.parts() or [Part("", 0, document.paragraphs)]
    runs = [(part.heading, run) for part in parts for run in _runs(part.paragraphs, max_words)]
    return [
        Piece(heading, _piece_document(document, paragraphs, with_faq=(index == 0)))
        for index, (heading, paragraphs) in enumerate(runs)
    ]


def _runs(paragraphs: tuple[str, ...], max_words: int) -> Iterator[tuple[str, ...]]:
    """Consecutive paragraphs of at most `max_words` words (a longer paragraph alone)."""
    run: list[str] = []
    words = 0
    for paragraph in paragraphs:
        size = len(paragraph.split())
        if run and words + size > max_words:
            yield tuple(run)
            run, words = [], 0
        run.append(paragraph)
        words += size
    if run:
        yield tuple(run)


def _piece_document(
    document: ParsedDocument, paragraphs: tuple[str, ...], *, with_faq: bool
) -> ParsedDocument:
    faq = document.faq if with_faq else ()
    return ParsedDocument(
        text="\n\n".join([*paragraphs, *(pair.source_text for pair in faq)]),
        title=document.title,
        date=document.date,
        paragraphs=paragraphs,
        faq=faq,
    )


def generate_items(
    document: ParsedDocument,
    *,
    name: str,
    run: RunContext,
    analysis=None,
    on_step: OnStep | None = None,
) -> GeneratedItems:
    """The flashcards and questions of one document: as one block (with `analysis`, its
    parse, when the caller has it), or a piece at a time when it is long, calling
    `on_step` as each piece starts."""
    threshold = settings.QUIZAPP_PUBLISH_THRESHOLD
    pieces = pieces_of(document, settings.QUIZAPP_SECTION_WORDS)
    if not pieces:
        if analysis is None:
            [analysis] = analyse([document])
        return generate(document, analysis, run.context_for(name), threshold=threshold)
    cards: dict = {}
    questions: dict = {}

    def generate_piece(piece: ParsedDocument, doc, context) -> None:
        items = generate(piece, doc, context, threshold=threshold)
        _keep(cards, items.flashcards, threshold)
        _keep(questions, items.questions, threshold)

    _each_piece(document, pieces, generate_piece, name=name, run=run, on_step=on_step)
    return GeneratedItems(
        flashcards=sorted(cards.values(), key=lambda c: -c.score),
        questions=sorted(questions.values(), key=lambda q: -q.score),
    )


def explain_items(document: ParsedDocument, *, name: str, run: RunContext) -> list[Explanation]:
    """What generation made of every candidate of one document and why (see
    `generation.pipeline.explain`), section by section for a long one."""
    threshold = settings.QUIZAPP_PUBLISH_THRESHOLD
    pieces = pieces_of(document, settings.QUIZAPP_SECTION_WORDS)
    if not pieces:
        [doc] = analyse([document])
        return explain(document, doc, run.context_for(name), threshold=threshold)
    rows: list[Explanation] = []

    def explain_piece(piece: ParsedDocument, doc, context) -> None:
        rows.extend(explain(piece, doc, context, threshold=threshold))

    _each_piece(document, pieces, explain_piece, name=name, run=run)
    return rows


def _each_piece(
    document: ParsedDocument,
    pieces: list[Piece],
    use: Callable[[ParsedDocument, object, GenerationContext], None],
    *,
    name: str,
    run: RunContext,
    on_step: OnStep | None = None,
) -> None:
    """Parse each piece and `use` it with its distractor context, then drop the parse
    before the next piece is read: one parse alive at a time (`use` must keep none)."""
    year = year_written(document)
    for number, piece in enumerate(pieces, 1):
        if on_step is not None:
            on_step(Step(number, len(pieces), piece.heading))
        [doc] = analyse([piece.document], year=year)
        use(piece.document, doc, run.context_for(name))
        run.add(f"{name}#{number}", doc)  # the pieces after it borrow its names
        del doc


def _keep(found: dict, items, threshold: float) -> None:
    """Add items by key: the first piece's wins, unless a later piece publishes it."""
    for item in items:
        known = found.get(item.key)
        if known is None or (
            status_for(item, threshold) == "published"
            and status_for(known, threshold) != "published"
        ):
            found[item.key] = item


def document_pools(document: ParsedDocument) -> dict[str, list[str]]:
    """The entity pools of one stored document (see `generation.context`), parsed a piece
    at a time when it is long."""
    pieces = pieces_of(document, settings.QUIZAPP_SECTION_WORDS)
    if not pieces:
        [doc] = analyse([document])
        return entity_pools(doc)
    pools: dict[str, list[str]] = {}
    year = year_written(document)
    for piece in pieces:
        [doc] = analyse([piece.document], year=year)
        for kind, texts in entity_pools(doc).items():
            merged = pools.setdefault(kind, [])
            merged.extend(t for t in texts if t not in merged)
        del doc
    return pools
