"""What a sentence leans on outside itself, besides pronouns and time: a thing named only
by its sort ("The discovery was made by ...", "The firm's petition"), a demonstrative
("this step", "such ridges", "that story"), "do this" or "one" standing for a noun said
before ("proposed one lit by oil lamps").

The ranker's features read these (see `features`): a question that keeps such a phrase
asks about something it never names. Each is read from the parse of the source sentence
once, as the words a prompt would hold.
"""

from __future__ import annotations

from .analysis import DocFacts
from .references import sentences_holding

# Determiners of a subject that names a thing by its sort alone.
SORT_DETERMINERS = frozenset({"the", "this", "that", "these", "those", "each", "both"})
DEMONSTRATIVES = frozenset({"this", "that", "these", "those", "such"})
# "this morning", "that December day": times, which `occasion` dates or marks.
TIME_NOUNS = frozenset(
    {"day", "morning", "afternoon", "evening", "night", "week", "month", "year", "time"}
    | {"decade", "century", "season", "summer", "winter", "spring", "autumn"}
)


# The roles in which a phrase is what its clause is about.
CORE_ROLES = frozenset({"nsubj", "nsubjpass", "dobj", "poss"})


def unnamed_subjects(facts: DocFacts, sentence) -> list[str]:
    """`_unnamed_subjects`, worked out once per sentence of a document."""
    return _once(_unnamed_subjects, facts, sentence)


def leans_on(facts: DocFacts, source_text: str) -> list[str]:
    """The unnamed subjects and definites of every sentence a question's source holds."""
    return [
        phrase
        for sentence in sentences_holding(facts, source_text)
        for phrase in unnamed_subjects(facts, sentence) + unnamed_definites(facts, sentence)
    ]


def unnamed_definites(facts: DocFacts, sentence) -> list[str]:
    """`_unnamed_definites`, worked out once per sentence of a document."""
    return _once(_unnamed_definites, facts, sentence)


def back_references(facts: DocFacts, sentence) -> list[str]:
    """`_back_references`, worked out once per sentence of a document."""
    return _once(_back_references, facts, sentence)


def _once(reader, facts: DocFacts, sentence) -> list[str]:
    cache = facts.doc.user_data.setdefault("quizapp_leaning_sentences", {})
    key = (reader.__name__, sentence.index)
    if key not in cache:
        cache[key] = reader(facts, sentence)
    return cache[key]


def _unnamed_subjects(facts: DocFacts, sentence) -> list[str]:
    """The subjects of `sentence`'s main clauses that name a thing by its sort only:
    "The discovery", "The firm's petition", "Each team" (no name, number or date in
    them), as written."""
    doc = facts.doc
    found = []
    for token in doc[sentence.start : sentence.end]:
        if token.dep_ not in ("nsubj", "nsubjpass") or token.pos_ != "NOUN":
            continue
        if token.head.dep_ not in ("ROOT", "conj"):
            continue  # a subordinate clause's subject
        words = [t for t in token.subtree if t.i <= token.i]
        if not words or words[0].lower_ not in SORT_DETERMINERS:
            continue
        if any(t.pos_ in ("PROPN", "NUM") or t.like_num or t.ent_type_ for t in words):
            continue  # "The Apollo programme", "The 1903 Flyer"
        found.append(doc[words[0].i : token.i + 1].text)
    return found


def _unnamed_definites(facts: DocFacts, sentence) -> list[str]:
    """Every "the" + common noun of `sentence` that a clause is about (its subject, object
    or owner) and that holds no name, number or date ("the disaster", "the number of
    dead", "the first quake", "the country's"), as written from "the" to the noun: out of
    its report, a reader cannot tell which one it is. A setting ("to the coast") is left
    alone, times are left to `occasion`, and a noun a relative clause defines ("the people
    who farmed its slopes") names itself."""
    doc = facts.doc
    found = []
    for token in doc[sentence.start : sentence.end]:
        if token.pos_ != "NOUN" or token.lemma_ in TIME_NOUNS or token.dep_ not in CORE_ROLES:
            continue
        determiners = [c for c in token.children if c.dep_ == "det" and c.i < token.i]
        if not determiners or determiners[0].lower_ not in ("the", "both"):
            continue
        if any(c.dep_ in ("relcl", "acl") for c in token.children):
            continue
        if any(_names_something(t) for t in token.subtree):
            continue
        found.append(doc[determiners[0].i : token.i + 1].text)
    return found


def _names_something(token) -> bool:
    """A word that ties a phrase to one thing: a proper name, a figure, a named entity."""
    if token.pos_ == "PROPN" or (token.like_num and any(c.isdigit() for c in token.text)):
        return True
    # a nationality does not say which one: "the Indian mission"
    return token.ent_type_ not in ("", "ORDINAL", "CARDINAL", "NORP")


def _back_references(facts: DocFacts, sentence) -> list[str]:
    """Phrases of `sentence` that stand for something said before it: a demonstrative with
    its noun ("this step", "such ridges"), "another German", "each one", "do this" / "do
    so", and "one" standing for a noun ("proposed one"), as written."""
    doc = facts.doc
    found = []
    for token in doc[sentence.start : sentence.end]:
        word = token.lower_
        head = token.head
        if (
            word in DEMONSTRATIVES
            and token.dep_ in ("det", "amod", "predet")
            and head.pos_ == "NOUN"
            and head.i > token.i
            and head.lower_ not in TIME_NOUNS
            and not (word == "that" and token.i > 0 and doc[token.i - 1].pos_ in ("VERB", "AUX"))
        ):
            found.append(doc[token.i : head.i + 1].text)
        elif word == "another" and token.dep_ == "det" and head.i > token.i:
            found.append(doc[token.i : head.i + 1].text)  # "another German", "Another branch"
        elif (
            word == "one"
            and any(c.lower_ == "each" for c in token.children)
            and not any(c.lower_ == "of" for c in token.children)  # "each one of the lamps"
        ):
            found.append(doc[token.i - 1 : token.i + 1].text)  # "each one" of those just named
        elif (
            word in ("this", "that", "so")
            and head.lemma_ == "do"
            and token.dep_ in ("dobj", "advmod")
        ):
            found.append(doc[head.i : token.i + 1].text if head.i < token.i else token.text)
        elif (
            word == "one"
            and token.dep_ == "dobj"
            and not any(c.dep_ in ("det", "amod", "poss", "nummod") for c in token.children)
            and not any(c.lower_ == "of" for c in token.children)
            and (token.i + 1 >= len(doc) or doc[token.i + 1].lower_ != "another")
        ):
            found.append(token.text)
    return found
