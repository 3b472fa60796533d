"""Terms a text introduces: the things expository text asks about that are not names.

A term is a noun phrase headed by a common noun (no determiner, no count):
- named by the text: "a wall of muscle called the septum", "known as the Iron Gates";
- defined beside another noun phrase: "the aorta, the largest artery in the body",
  "a sturdier design, the junction transistor";
- a kind of something the text repeats: "the tricuspid valve" and "the mitral valve" in a
  text about valves.
Terms read from the parse, never from lists of words.
"""

from __future__ import annotations

from collections import Counter

from .entities import Entity, token_positions

# Verbs of naming: "called", "named", "known as", "nicknamed", "dubbed", "termed".
NAMING_VERBS = {"call", "name", "know", "nickname", "dub", "term", "title"}
MAX_TERM_WORDS = 4
MODIFIER_DEPS = {"compound", "amod", "punct"}
# Adjectives that work like determiners: "other", "single", "same" pick out, not name.
DETERMINER_ADJECTIVES = {"other", "single", "same", "such", "whole", "entire", "own", "certain"}


def find_terms(doc, taken: set[int], sentence_of) -> list[Entity]:
    """Terms of a parsed text, as entities of kind "term", outside the tokens `taken`."""
    nouns, bare, kinds = _noun_facts(doc)
    found: dict[int, Entity] = {}
    for chunk in _noun_phrases(doc):
        root = chunk.root
        if any(i in taken for i in range(chunk.start, chunk.end)):
            continue
        if root.pos_ != "NOUN" and not (root.pos_ in ("PROPN", "X") and is_named_by_text(root)):
            continue
        tokens = _term_tokens(chunk)
        if not tokens or len(tokens) > MAX_TERM_WORDS:
            continue
        if not any(t.is_alpha and len(t.text) > 2 for t in tokens):
            continue
        modified = len(tokens) > 1
        named = is_named_by_text(root) and not _is_description(chunk)
        defined = _is_defined(root) and not _is_description(chunk)
        # "the tricuspid valve" and "the mitral valve": kinds of a thing the text names
        # more than one of; "a future meeting" alone is just a description.
        repeated = (
            modified
            and nouns[root.lemma_.lower()] >= 2
            and _specific(tokens)
            and (_compound(tokens) or len(kinds[root.lemma_.lower()]) >= 2)
        )
        repeated = repeated or (not modified and root.lemma_.lower() in bare)
        if not (named or defined or repeated):
            continue
        start, end = tokens[0].i, tokens[-1].i + 1
        found[start] = Entity(
            text=doc[start:end].text,
            kind="term",
            label="NAMED" if named else "DEFINED" if defined else "TERM",
            start=start,
            end=end,
            sentence=sentence_of(start).index,
            fine=f"term:{root.lemma_.lower()}",
        )
    # "The event has been named GW150914": a coined name the tagger took for an adjective.
    for i in token_positions(doc, "ADJ", "X", "NUM"):
        token = doc[i]
        if (
            token.i not in taken
            and token.i not in found
            and token.pos_ in ("ADJ", "X", "NUM")
            and is_named_by_text(token)
            and token.text[:1].isupper()
            and any(ch.isdigit() for ch in token.text)
        ):
            found[token.i] = Entity(
                text=token.text,
                kind="term",
                label="NAMED",
                start=token.i,
                end=token.i + 1,
                sentence=sentence_of(token.i).index,
                fine="term:name",
            )
    return list(found.values())


def _noun_facts(doc) -> tuple[Counter, set[str], dict[str, set[str]]]:
    """In one pass over the text: how often each noun occurs; the singular nouns it repeats
    and never counts or determines ("germanium", "silicon": materials named by themselves);
    and for each head noun the distinct modifiers put before it. Read from the token
    arrays, without building a Token object per word."""
    from spacy.attrs import DEP, HEAD, LEMMA, LOWER, POS, TAG

    strings = doc.vocab.strings
    noun, nn = strings["NOUN"], strings["NN"]
    determiners = {strings[d] for d in ("det", "poss", "nummod")}
    modifiers = {strings[d] for d in ("amod", "compound")}
    heads = doc.to_array([HEAD]).astype("int64").tolist()  # offsets, stored unsigned
    rows = [
        (pos, tag, dep, head, lemma, lower)
        for (pos, tag, dep, lemma, lower), head in zip(
            doc.to_array([POS, TAG, DEP, LEMMA, LOWER]).tolist(), heads, strict=True
        )
    ]
    nouns: Counter = Counter()
    determined: set[str] = set()
    kinds: dict[str, set[str]] = {}
    for i, (pos, tag, dep, head, lemma, lower) in enumerate(rows):
        if pos == noun:
            word = strings[lemma].lower()
            nouns[word] += 1
            if tag != nn:
                determined.add(word)
        if dep in determiners or dep in modifiers:
            h = i + head  # HEAD is stored as an offset
            if rows[h][0] == noun:
                head_word = strings[rows[h][4]].lower()
                if dep in determiners:
                    determined.add(head_word)
                elif i < h:
                    kinds.setdefault(head_word, set()).add(strings[lower])
    bare = {n for n, count in nouns.items() if count >= 2 and len(n) >= 5 and n not in determined}
    return nouns, bare, _Kinds(kinds)


class _Kinds(dict):
    def __missing__(self, key):
        return set()


def _compound(tokens) -> bool:
    """A noun made of nouns: "heart valve", "point-contact transistor"."""
    return any(t.dep_ == "compound" and t.pos_ in ("NOUN", "PROPN") for t in tokens[:-1])


def _noun_phrases(doc):
    """Each noun with the words before it that belong to it ("the tricuspid valve"); read
    straight from the parse, cheaper than spaCy's noun chunks and enough for terms."""
    for i in token_positions(doc, "NOUN", "PROPN"):
        token = doc[i]
        if token.pos_ in ("NOUN", "PROPN") and token.dep_ not in ("compound", "amod", "poss"):
            yield doc[token.left_edge.i : token.i + 1]


def _term_tokens(chunk) -> list:
    """The chunk without determiners, possessives, numbers and hedges: "the tricuspid valve"
    -> "tricuspid valve"."""
    root = chunk.root
    tokens = [t for t in chunk if t.i <= root.i]
    while (
        tokens
        and tokens[0] != root
        and (
            tokens[0].dep_ in ("det", "poss", "nummod", "quantmod", "predet", "case", "advmod")
            or tokens[0].pos_ in ("DET", "PRON", "NUM", "ADV", "PUNCT")
            or not (tokens[0].dep_ in MODIFIER_DEPS and tokens[0].head.i > tokens[0].i)
        )
    ):
        tokens = tokens[1:]
    if any(t.dep_ not in MODIFIER_DEPS and t != root for t in tokens):
        return []
    if any(t.lower_ in DETERMINER_ADJECTIVES for t in tokens):
        return []
    if any(t.pos_ == "ADJ" and t.tag_ in ("JJR", "JJS") for t in tokens):
        return []  # "a sturdier design", "the largest artery": a description, not a term
    return tokens


def is_named_by_text(root) -> bool:
    """ "called the septum", "known as the Iron Gates"."""
    head = root.head
    if root.dep_ in ("oprd", "attr") and head.lemma_.lower() in NAMING_VERBS:
        return True
    if root.dep_ == "pobj" and head.lower_ == "as":
        verb = head.head
        return verb.lemma_.lower() in NAMING_VERBS
    return False


def _is_defined(root) -> bool:
    """ "the aorta, the largest artery": a common noun in apposition to another."""
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        return True
    return any(c.dep_ == "appos" and c.pos_ == "NOUN" and c.i > root.i for c in root.children)


def _is_description(chunk) -> bool:
    """ "a small cluster of cells ...", "the first working device": what defines a term."""
    root = chunk.root
    first = chunk[0]
    if first.lower_ in ("a", "an") or any(t.ent_type_ == "ORDINAL" for t in chunk):
        return True
    return any(c.dep_ in ("prep", "relcl", "acl") for c in root.children)


def _specific(tokens) -> bool:
    """A kind of something ("mitral valve", "point-contact transistor"), not a description
    made of everyday adjectives alone ("left side")."""
    return any(t.dep_ == "compound" or (t.pos_ == "ADJ" and len(t.text) >= 6) for t in tokens[:-1])
