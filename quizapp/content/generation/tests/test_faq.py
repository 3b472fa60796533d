"""An FAQ section gives verbatim flashcards, short answers and term cards."""

from quizapp.content.generation.faq import faq_items, first_sentence, term_of
from quizapp.content.parsing import parse_document

GLAZE = (
    "Potters fire their work twice.\n\n"
    "FAQ\n\n"
    "What is a glaze?\n\n"
    "A glassy coat fused to pottery in the kiln. It seals the clay.\n\n"
    "Why do pots crack in the kiln?\n\n"
    "Trapped water turns to steam."
)


def test_every_pair_gives_a_verbatim_card_and_a_short_answer():
    items = list(faq_items(parse_document(GLAZE)))
    cards = [(i.kind, i.front, i.back) for i in items if hasattr(i, "front")]
    questions = [(q.kind, q.prompt, q.answer) for q in items if hasattr(q, "prompt")]
    assert (
        "faq",
        "What is a glaze?",
        "A glassy coat fused to pottery in the kiln. It seals the clay.",
    ) in cards
    assert ("faq", "Why do pots crack in the kiln?", "Trapped water turns to steam.") in cards
    assert questions == [
        (
            "short_answer",
            "What is a glaze?",
            "A glassy coat fused to pottery in the kiln. It seals the clay.",
        ),
        ("short_answer", "Why do pots crack in the kiln?", "Trapped water turns to steam."),
    ]
    source = next(q.source_text for q in items if getattr(q, "prompt", "") == "What is a glaze?")
    assert source.startswith("What is a glaze?\n\nA glassy coat")


def test_a_what_is_question_gives_a_term_card_with_the_first_sentence():
    items = list(faq_items(parse_document(GLAZE)))
    terms = [(c.front, c.back) for c in items if getattr(c, "kind", "") == "term"]
    assert terms == [("Glaze", "A glassy coat fused to pottery in the kiln.")]


def test_a_document_without_an_faq_gives_nothing():
    assert list(faq_items(parse_document("Potters fire their work twice."))) == []


def test_term_of_takes_short_noun_phrases_only():
    assert term_of("What is a kiln?") == "Kiln"
    assert term_of("What are the stoneware clays?") == "Stoneware clays"
    assert term_of("What was the role of the guild in the town?") is None
    assert term_of("How hot is a kiln?") is None


def test_first_sentence_of_an_answer():
    assert first_sentence("Fired clay. It rings when struck.") == "Fired clay."
    assert first_sentence("One line only") == "One line only"
    assert first_sentence("Fired clay\n\nMore later.") == "Fired clay"
