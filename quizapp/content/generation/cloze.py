"""Cloze: a key sentence with one name, place, date or number blanked out.

A blank is only made where the rest of the sentence still says what is asked: the sentence
is long enough, the blanked words appear nowhere else in it (not even as a shorter form),
and the blank is the thing itself, not a qualifier of another name ("Boca Chica, _____").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from quizapp.content.rules import BLANK

from .analysis import (
    YEAR,
    DocFacts,
    Entity,
    antecedent,
    facts_of,
    head_of,
    points_back,
    sentence_before,
)
from .arguments import cut_short
from .asking import says_name as mentions
from .candidates import QuestionCandidate, fold
from .distractors import NUMBER, is_alias
from .gazetteer import country_code, country_of_city, is_capital_of
from .salience import mention_counts, salience
from .short_answer import alternatives_for

GENERATOR = "cloze"
MIN_WORDS_LEFT = 7
MAX_SENTENCE_WORDS = 45
BASE_SCORE = {
    "person": 0.72,
    "number": 0.73,
    "time": 0.72,
    "place": 0.7,
    "date": 0.68,
    "org": 0.6,
    "name": 0.63,
    "group": 0.5,
    "thing": 0.62,
    "term": 0.7,
}
# Terms the text names or defines are its point; a repeated kind of thing a little less.
TERM_LABEL_BONUS = {"NAMED": -0.02, "DEFINED": 0.02, "TERM": -0.12}  # named: see salience
# A measurement (a length, a sum, a share, a span of time) is more often the point of its
# sentence than a count of people or things.
NUMBER_LABEL_BONUS = {"QUANTITY": 0.03, "MONEY": 0.03, "PERCENT": 0.03, "DATE": 0.02}
NUMBER_LABEL_DEFAULT = -0.03
# A blank whose sentence leans on "it" may be read after the sentence before it, when that
# one names what "it" is (see `analysis.antecedent`); the longer prompt costs a little.
LEAD_IN_COST = 0.03
# Prepositions that say where a thing is or comes from ("territory in _____").
LOCATING_PREPS = ("in", "from", "across", "within", "outside", "throughout")
OPENING_QUOTES = "\u201c\u2018\"'"
# The words that multiply a figure ("$1.1 million").
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
# Smaller figures add up by chance ("three wins ... one draw ... two defeats").
MIN_COMPUTED = 10
WORD = re.compile(r"\w+")


def cloze_items(document, analysis=None, context=None) -> Iterator[QuestionCandidate]:
    """One cloze per worthwhile entity of each sentence; ranking keeps the best few."""
    if analysis is None:
        return
    facts = facts_of(analysis)
    for sentence in facts.sentences:
        words = sentence.text.split()
        if len(words) > MAX_SENTENCE_WORDS:
            continue
        lead = ""
        if _unanchored(facts, sentence):
            lead = _lead_in(facts, sentence)
            if not lead:
                continue  # "it became known as ___" names nothing it could refer to
        elif _says_there(facts, sentence):
            before = sentence_before(facts, sentence)
            if before is None:
                continue  # "Delegates met there": where, the blank could not say
            lead = before.text
        # "It is divided into four chambers." is short, but not after what "it" is.
        if len(words) + len(lead.split()) < MIN_WORDS_LEFT + 1:
            continue
        for entity in facts.in_sentence(sentence.index):
            candidate = _cloze(facts, sentence, entity, lead)
            if candidate is not None:
                yield candidate
        pair = _pair_cloze(facts, sentence, lead)
        if pair is not None:
            yield pair


def _cloze(facts: DocFacts, sentence, entity: Entity, lead: str = "") -> QuestionCandidate | None:
    base = BASE_SCORE.get(entity.kind)
    if base is None:
        return None
    head = facts.doc[entity.end - 1]
    if entity.kind == "org" and head.dep_ == "pobj" and head.head.lower_ in ("at", "in"):
        base = BASE_SCORE["place"]  # "at the Dolby Theatre": where something happened
    if entity.kind == "person" and entity.text != entity.answer:
        return None  # a short form ("Biden") is asked where the full name is written
    doc = facts.doc
    start_char = doc[entity.start].idx
    end_char = doc[entity.end - 1].idx + len(doc[entity.end - 1].text)
    sentence_start = facts.text.find(sentence.text, doc[sentence.start].idx)
    if sentence_start < 0:
        return None
    a, b = start_char - sentence_start, end_char - sentence_start
    if _inside_quote(sentence.text, a) and not _is_whole_quote(sentence.text, a, b):
        return None  # a piece of a quotation is not a fact to learn
    if _listed(facts, entity):
        return None  # "such as ___, Y and Z" is open
    if _a_role(facts, entity):
        return None  # "X has been _____ since 2019": a role, asked with its organisation
    if _a_label(facts, entity):
        return None  # "on page _____": a number that labels a thing, not an amount
    if _part_of_a_name(facts, entity):
        return None  # "three _____ SEALs", "2 _____": the blank is a piece of a longer name
    if _owned_name(facts, entity):
        return None  # "UNESCO's _____": the owner names its own list or product
    if cut_short(facts, entity) or _modifier_left_out(facts, entity):
        return None  # "a second physics _____", "won best _____": half a name
    if _an_age(facts, entity):
        return None  # "Ms Sheinbaum, _____, said": a person's age, said in passing
    if _incidental_place(facts, entity) or _reference_point(facts, entity):
        return None  # "_____'s Sony", "a few blocks from the _____": a place said in passing
    if _explained_beside(facts, entity):
        return None  # "over _____, from 17 to 19 September": the sentence says it again
    prompt = sentence.text[:a] + BLANK + sentence.text[b:]
    rest = sentence.text[:a] + " " + sentence.text[b:]
    if lead:
        # "It passes through the _____": the sentence before says what "it" is.
        prompt, rest = f"{lead} {prompt}", f"{lead} {rest}"
    answer = entity.text
    if _still_named(rest, answer, facts, entity) or _guessable(rest, facts, entity):
        return None
    if len(WORD.findall(rest)) < MIN_WORDS_LEFT:
        return None
    score = base + _importance(facts, sentence, entity) - (LEAD_IN_COST if lead else 0.0)
    return QuestionCandidate(
        kind="cloze",
        prompt=prompt,
        answer=answer,
        alternatives=alternatives_for(answer, entity.kind, facts),
        source_text=sentence.text,
        explanation=f"{lead} {sentence.text}" if lead else sentence.text,
        generator=GENERATOR,
        score=round(min(score, 0.95), 3),
        fact=(
            "blank",
            fold(answer),
            str(sentence.index),
            entity.kind,
            *_site_of_act(facts, entity),
        ),
    )


def _modifier_left_out(facts: DocFacts, entity: Entity) -> bool:
    """A term whose phrase begins with a word left out of it ("won best supporting actress"
    with "supporting actress" blanked): the blank would hold part of a name."""
    if entity.kind != "term" or entity.start == 0:
        return False
    before = facts.doc[entity.start - 1]
    return before.dep_ in ("amod", "advmod", "compound") and (
        entity.start <= before.head.i < entity.end
    )


def _site_of_act(facts: DocFacts, entity: Entity) -> tuple[str, ...]:
    """("site",) for a building, cave or stadium where the sentence's act takes place ("went
    into the Tham Luang cave"), not one that only locates something else ("at the foot of
    the Eiffel Tower")."""
    if entity.kind != "place" or entity.label != "FAC":
        return ()
    head = head_of(facts.doc, entity)
    if head.dep_ == "compound" and head.head.pos_ == "NOUN":
        head = head.head  # "the Tham Luang cave"
    prep = head.head
    if head.dep_ == "pobj" and prep.dep_ == "prep" and prep.head.pos_ == "VERB":
        return ("site",)
    return ()


def _pair_cloze(facts: DocFacts, sentence, lead: str = "") -> QuestionCandidate | None:
    """ "written and directed by _____": two people the sentence joins with "and", who did
    the thing together, blanked as one answer ("Daniel Kwan and Daniel Scheinert")."""
    people = [e for e in facts.in_sentence(sentence.index) if e.kind == "person"]
    doc = facts.doc
    for first, second in zip(people, people[1:], strict=False):
        between = doc[first.end : second.start]
        if len(between) != 1 or between[0].lower_ != "and":
            continue
        head, other = head_of(doc, first), head_of(doc, second)
        if (
            other.dep_ != "conj"
            or other.head != head
            or any(c.dep_ == "conj" and c != other for c in head.children)
        ):
            continue  # "A, B and C": a list, or names the parse does not join
        if head.dep_ not in ("pobj", "dobj"):
            continue  # "Wang Yi and Sergey Lavrov emphasized": each is asked on their own
        if first.text != first.answer or second.text != second.answer:
            continue  # a short form is asked where the full names are written
        start = doc[first.start].idx - doc[sentence.start].idx
        end = doc[second.end - 1].idx + len(doc[second.end - 1].text) - doc[sentence.start].idx
        if _inside_quote(sentence.text, start):
            return None
        answer = sentence.text[start:end]
        prompt = sentence.text[:start] + BLANK + sentence.text[end:]
        rest = sentence.text[:start] + " " + sentence.text[end:]
        if any(mentions(rest, form) for e in (first, second) for form in facts.forms_of(e.answer)):
            return None
        if len(re.findall(r"\w+", rest)) < MIN_WORDS_LEFT:
            return None
        if lead:
            prompt = f"{lead} {prompt}"
        score = (
            BASE_SCORE["person"]
            + _importance(facts, sentence, first)
            - (LEAD_IN_COST if lead else 0.0)
        )
        return QuestionCandidate(
            kind="cloze",
            prompt=prompt,
            answer=answer,
            alternatives=(f"{second.answer} and {first.answer}",),
            source_text=sentence.text,
            explanation=f"{lead} {sentence.text}" if lead else sentence.text,
            generator=GENERATOR,
            score=round(min(score, 0.95), 3),
            fact=("blank", fold(answer), str(sentence.index), "people"),
        )
    return None


def _guessable(rest: str, facts: DocFacts, entity: Entity) -> bool:
    """The rest of the sentence points at the answer: it shares a word with it ("Golden
    Boot" beside "Golden Glove", "Pest" inside "Budapest", "Palace of Versailles" beside
    "Treaty of Versailles"), spells its initials ("the United States" beside "US"), names
    a place beside a place, a list to count, the other share of a whole, or a date of the
    same shape ("four on _____, four on Monday 9 July")."""
    words = WORD.findall(entity.text)
    rest_words = [w.casefold() for w in WORD.findall(rest)]
    for word in words if entity.kind != "number" else ():  # "5 litres" beside "70 millilitres"
        folded = word.casefold()
        if len(word) >= 4 and not word.isdigit() and any(folded in w for w in rest_words):
            return True
    capitals = [w for w in words if w[:1].isupper()]
    if len(capitals) >= 2 and "".join(w[0] for w in capitals) in WORD.findall(rest):
        return True  # "the United States" beside "the US Senate"
    if _the_topic(facts, entity):
        return True  # "An _____ weighs roughly 300 grams" in a text about the heart
    others = [e for e in facts.in_sentence(entity.sentence) if e.start != entity.start]
    if entity.kind == "place" and any(_gives_away_place(facts, entity, e) for e in others):
        return True  # "in _____ ... India’s Prime Minister", "Brazil ... in Rio de Janeiro"
    if entity.kind == "date" and any(
        e.fine == entity.fine or e.kind == "date" and e.start == entity.end + 1 for e in others
    ):
        return True
    if entity.kind in ("number", "date") and _computed(entity, others):
        return True  # "$1.1 million, of which $700,000 ... and _____": the rest of the sum
    if entity.kind == "number":
        if not any(ch.isdigit() for ch in entity.text) and any(
            len(facts.siblings.get(e.answer, ())) >= 2 for e in others
        ):
            return True  # "flows through _____: Germany, Austria, ..." can be counted
        if "cent" in entity.text or "%" in entity.text:
            shares = [e for e in others if e.fine == entity.fine]
            if len(shares) == 1 or any(_makes_a_whole(entity.text, e.text) for e in shares):
                return True  # "58.5 per cent against _____": the other share of a whole
    return False


def _gives_away_place(facts: DocFacts, entity: Entity, other: Entity) -> bool:
    """Another place of the sentence points at a blanked place: a town the text or the
    gazetteer puts inside it ("Vilnius, the capital of _____", "Agra, in northern _____"),
    a capital beside its country ("_____, Jamaica"),
    a city beside a country that may hold it ("Brazil ... Rio de Janeiro", "in _____ ...
    India’s Prime Minister"), or a people ("the Turkish parliament"). Where the text says
    what holds the blanked place ("the _____ in Qatar"), other places only say where it
    is; two countries or two sites say nothing of each other."""
    if other.kind == "group":
        # A people is spelled like its country: "the Thai Navy" beside "_____".
        return other.text[:2].casefold() == entity.answer[:2].casefold()
    code = country_code(entity.answer)
    if code and other.kind in ("place", "org") and country_of_city(other.text) == code:
        return True  # "Agra, in northern _____": the gazetteer puts the city in the country
    if is_capital_of(entity.answer, other.text):
        return True  # "_____, Jamaica": a country's capital is the city a reader names
    if other.kind != "place":
        return False
    if other.label != "GPE":
        return False  # a site ("the Lusail Stadium", "the Mount Washington Hotel") is no clue
    if entity.answer in facts.containers.get(other.answer, ()):
        return True  # the answer holds the other place
    if entity.label != "GPE" or facts.containers.get(entity.answer):
        return False  # a site, or a place the text says where it is: "the _____ in Qatar"
    state = {e.answer: e.fine.endswith(":state") for e in (entity, other)}
    return state[entity.answer] != state[other.answer]


def _owned_name(facts: DocFacts, entity: Entity) -> bool:
    """A name right after its owner's possessive ("added to UNESCO's _____", "Sony's
    _____"): the owner's best-known list, prize or product is what a reader fills in, so
    the blank tests the owner's name, not the text. A person's work ("Achebe's _____") is
    still asked."""
    if entity.kind in ("person", "number", "date", "time", "vague", "place"):
        return False
    doc = facts.doc
    if entity.start < 2 or doc[entity.start - 1].tag_ != "POS":
        return False
    owner = doc[entity.start - 2]
    named = facts.entity_at(owner.i)
    if named is not None:
        return named.kind != "person"
    return owner.pos_ == "PROPN" and owner.ent_type_ != "PERSON"


AGE = re.compile(r"^\d{1,3}-year-old$")


def _an_age(facts: DocFacts, entity: Entity) -> bool:
    """A bare number set off by commas after a person's name ("Terry Herbert, 55, from
    Burntwood"), or "a 41-year-old": a person's age, a detail no teacher asks."""
    doc = facts.doc
    if AGE.match(entity.text):
        return True
    if not (entity.text.isdigit() and len(entity.text) <= 3) or entity.start < 2:
        return False  # the tagger calls an age a number or a date
    before = facts.entity_at(entity.start - 2)
    return (
        doc[entity.start - 1].text == ","
        and entity.end < len(doc)
        and doc[entity.end].text == ","
        and before is not None
        and before.kind == "person"
    )


def _incidental_place(facts: DocFacts, entity: Entity) -> bool:
    """A place that only qualifies another word: the owner of another name ("behind
    China's Tencent and _____'s Sony") or the object of a preposition that hangs on a
    common noun, not on the verb ("its territory in _____", "criticism from the _____",
    "went on sale in the _____"), when that place is a country or a region. Blanked, it
    asks a detail the sentence is not about, and its other words point at it."""
    if entity.kind != "place":
        return False
    head = head_of(facts.doc, entity)
    if any(
        c.dep_ == "appos" and c.pos_ == "NOUN" and not any(d.dep_ == "det" for d in c.children)
        for c in head.children
    ):
        return True  # "the _____, California, company": the home of the noun that follows
    if head.dep_ in ("poss", "compound"):
        return head.head.pos_ == "PROPN" or facts.entity_at(head.head.i) is not None
    # Only a country or a region: a town, a site or a sea is where something happened.
    wide = entity.fine.endswith(":state") or (entity.label == "LOC" and " " not in entity.text)
    return (
        wide
        and head.dep_ == "pobj"
        and head.head.lower_ in LOCATING_PREPS
        and head.head.head.pos_ == "NOUN"
        and facts.entity_at(head.head.head.i) is None
    )


QUANTIFIERS = ("few", "several", "many", "some")


def _reference_point(facts: DocFacts, entity: Entity) -> bool:
    """The place a distance is measured from ("a few blocks from the White House", "two
    miles from the harbour"): the distance is the fact, the landmark only points to it."""
    head = head_of(facts.doc, entity)
    prep = head.head
    if head.dep_ != "pobj" or prep.lower_ != "from" or prep.head.pos_ != "NOUN":
        return False
    return any(
        c.dep_ == "nummod" or (c.dep_ == "amod" and c.lower_ in QUANTIFIERS)
        for c in prep.head.children
    )


def _inside_quote(text: str, at: int) -> bool:
    """True when position `at` of `text` is inside quotation marks."""
    before = text[:at]
    curly = before.count("\u201c") > before.count("\u201d")
    straight = before.count('"') % 2 == 1
    single = before.count("\u2018") > before.count("\u2019") - len(
        re.findall(r"\w\u2019\w", before)
    )
    return curly or straight or single


def _lead_in(facts: DocFacts, sentence) -> str:
    """The sentence before `sentence`, when it says what its "it" or "they" is."""
    doc = facts.doc
    pronoun = next(
        t
        for t in doc[sentence.start : sentence.end]
        if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"
    )
    if antecedent(facts, pronoun) is None:
        return ""
    return facts.sentences[sentence.index - 1].text


def _says_there(facts: DocFacts, sentence) -> bool:
    """ "Delegates from 44 countries met there": a place named only before."""
    if "there" not in sentence.text.lower():
        return False  # no token of it can be "there"
    return any(
        t.lower_ == "there" and points_back(t) for t in facts.doc[sentence.start : sentence.end]
    )


def _unanchored(facts: DocFacts, sentence) -> bool:
    """The sentence's subject is "it", "this" or "they": out of its paragraph, the blank
    asks about something the prompt never names."""
    return any(
        t.dep_ in ("nsubj", "nsubjpass")
        and t.head.dep_ == "ROOT"
        and t.lower_ in ("it", "this", "that", "these", "those", "they")
        for t in facts.doc[sentence.start : sentence.end]
    )


def _the_topic(facts: DocFacts, entity: Entity) -> bool:
    """A repeated term that is only the text's subject with a modifier ("adult heart" in
    a text that opens "The human heart is ..."): a reader guesses it without the sentence."""
    if entity.kind != "term" or entity.label != "TERM" or not facts.sentences:
        return False
    doc = facts.doc
    first = facts.sentences[0]
    subjects = [
        t
        for t in doc[first.start : first.end]
        if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT" and t.pos_ == "NOUN"
    ]
    tokens = doc[entity.start : entity.end]
    return (
        len(subjects) == 1
        and tokens[-1].lemma_.lower() == subjects[0].lemma_.lower()
        and all(t.pos_ in ("ADJ", "NOUN") for t in tokens[:-1])
    )


def _computed(entity: Entity, others: list[Entity]) -> bool:
    """A figure that two other figures of its sentence make by adding or taking away: the
    rest of a sum ("$1.5 million, of which $900,000 ... and _____"), a year from another
    year and an age ("born in _____ ... in 2024, aged 61", give or take the birthday)."""
    value = _figure(entity)
    if value is None or value < MIN_COMPUTED:
        return False
    figures = [v for v in map(_figure, others) if v is not None]
    for i, a in enumerate(figures):
        for b in figures[i + 1 :]:
            years = _a_year(value) or _a_year(a) or _a_year(b)
            slack = 1.0 if years else 0.0
            if any(abs(value - made) <= slack for made in (a + b, abs(a - b))):
                return True
    return False


def _figure(entity: Entity) -> float | None:
    """The amount a number or date says: a year for a date, "$1.1 million" as 1,100,000."""
    if entity.kind == "date":
        year = YEAR.search(entity.text)
        if year or not entity.text.isdigit():
            return float(year.group(1)) if year else None  # a day of a month is no amount
    elif entity.kind != "number":
        return None
    match = NUMBER.search(entity.text)
    if match is None:
        return None
    after = entity.text[match.end() :].split()
    scale = SCALES.get(after[0].casefold(), 1.0) if after else 1.0
    return float(match.group().replace(",", "")) * scale


def _a_year(value: float) -> bool:
    return value.is_integer() and 1000 <= value <= 2100


def _makes_a_whole(share: str, other: str) -> bool:
    """Two shares that add up to 100 per cent: one gives the other away."""
    values = [re.match(r"[\d.]+", text.replace(",", "")) for text in (share, other)]
    if not all(values):
        return False
    try:
        return abs(sum(float(v.group()) for v in values) - 100) < 0.01
    except ValueError:
        return False


def _listed(facts: DocFacts, entity: Entity) -> bool:
    """One of three or more names this sentence lists together ("the Chilia, the Sulina and
    the St George"), whatever kinds the tagger gave them; people who did something together
    are each a fact."""
    beside = facts.siblings.get(entity.answer, set())
    if sum(e.answer in beside for e in facts.in_sentence(entity.sentence)) >= 2:
        return True
    if entity.kind == "person":
        return False  # "founded by A, B and C": each of the people is a fact
    head = facts.doc[entity.end - 1]
    while head.dep_ == "conj":
        head = head.head
    members = [head, *(t for t in head.subtree if t.dep_ == "conj" and t.head.i in _chain(head))]
    named = {id(facts.entity_at(t.i)) for t in members if facts.entity_at(t.i) is not None}
    return len(named) >= 3


def _chain(head) -> set[int]:
    """The token positions of a list's members: the first and each one joined to it."""
    found = {head.i}
    frontier = [head]
    while frontier:
        token = frontier.pop()
        for child in token.children:
            if child.dep_ == "conj":
                found.add(child.i)
                frontier.append(child)
    return found


def _a_role(facts: DocFacts, entity: Entity) -> bool:
    """ "Kristalina Georgieva has been Managing Director": what a person is, blanked, asks a
    title with no organisation to it."""
    if entity.kind in ("person", "place", "date", "time", "number"):
        return False
    head = facts.doc[entity.end - 1]
    if head.dep_ not in ("attr", "oprd") or head.head.lemma_ not in ("be", "become", "remain"):
        return False
    subjects = [c for c in head.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(
        (e := facts.entity_at(s.i)) is not None and e.kind == "person" for s in subjects
    ) or any(s.lower_ in ("he", "she") for s in subjects)


def _a_label(facts: DocFacts, entity: Entity) -> bool:
    """A bare number after the noun it labels: "page 46", "flight 19"."""
    if entity.kind != "number" or entity.end - entity.start != 1:
        return False
    token = facts.doc[entity.start]
    return token.head.i < token.i and token.head.pos_ == "NOUN" and token.dep_ == "nummod"


def _part_of_a_name(facts: DocFacts, entity: Entity) -> bool:
    doc = facts.doc
    before = doc[entity.start - 1] if entity.start else None
    if before is not None and before.like_num and entity.kind != "date":
        return True  # "about three _____": the counted unit, not a fact
    before_two = doc[max(entity.start - 2, 0) : entity.start]
    if (
        len(before_two) == 2
        and before_two[1].text in (",", "and")
        and before_two[0].pos_ == "PROPN"
        and before_two[0].is_title
        and entity.kind in ("org", "name", "thing")
        and facts.entity_at(before_two[0].i) is not None
        # "a judge in San Francisco, Jacqueline Scott Corley": a name set beside a noun
        and not (before_two[1].text == "," and head_of(doc, entity).dep_ == "appos")
    ):
        return True  # "United Nations Monetary and _____"
    if entity.end < len(doc) and re.fullmatch(r"[IVX]+", doc[entity.end].text):
        return True  # "the _____ I hydroelectric plant": a numbered name
    after = doc[entity.end : entity.end + 2]
    if (
        len(after) == 2
        and after[0].text in (",", "and")
        and after[1].pos_ == "PROPN"
        and after[1].is_title
        and entity.kind in ("org", "name", "thing")
    ):
        return True  # "___ and Financial Conference", "___, Ibadan": a piece of one name
    head = doc[entity.end - 1]
    if head.dep_ == "compound" and head.head.pos_ == "PROPN" and head.head.i >= entity.end:
        return True
    # "Ngũgĩ wa _____": the tagger kept only the end of a longer name.
    left = [doc[i] for i in range(max(entity.start - 2, 0), entity.start)]
    titles = title_tokens_of(facts)
    if (
        left
        and left[-1].pos_ == "PROPN"
        and left[-1].is_title
        and not left[-1].is_sent_start
        and left[-1].i not in titles  # "Prime Minister Justin Trudeau": a title, not a name
        and left[-1].ent_type_ == ""
    ):
        return True
    if len(left) == 2 and left[1].is_lower and len(left[1]) <= 3 and left[0].pos_ == "PROPN":
        return not left[1].is_stop  # "Ngũgĩ wa _____"
    before = doc[entity.start - 1] if entity.start else None
    return entity.kind == "date" and before is not None and before.like_num


def _is_whole_quote(text: str, a: int, b: int) -> bool:
    """ "“_____,” a genre-bending story": the blank is a whole quoted title."""
    before, after = text[:a].rstrip(), text[b:].lstrip(",. ")
    return before[-1:] in ("\u201c", '"') and after[:1] in ("\u201d", '"')


def _explained_beside(facts: DocFacts, entity: Entity) -> bool:
    """A blank with an apposition of the same kind next to it names the answer twice
    (not a name joined to it by "and", nor the place around it)."""
    doc = facts.doc
    head = doc[entity.end - 1]
    beside = [t for t in head.children if t.dep_ == "appos"]
    if head.dep_ == "appos":
        beside.append(head.head)
    for token in beside:
        other = facts.entity_at(token.i)
        if other is None or other.start == entity.start or other.kind != entity.kind:
            continue
        if other.answer in facts.containers.get(entity.answer, ()):
            continue  # "in _____, New Jersey": the state says where, not what
        return True
    return False


def _still_named(rest: str, answer: str, facts: DocFacts, entity: Entity) -> bool:
    """True when the sentence without the blank still names the answer (so gives it away)."""
    forms = {answer, *facts.forms_of(entity.answer)}
    if any(mentions(rest, form) for form in forms):
        return True
    for other in facts.in_sentence(entity.sentence):
        if (
            other.start != entity.start
            and other.kind == entity.kind
            and is_alias(other.text, answer)
        ):
            return True
    return False


def _importance(facts: DocFacts, sentence, entity: Entity) -> float:
    """Earlier sentences and heads of phrases matter more; qualifiers and titles less."""
    doc = facts.doc
    head = head_of(doc, entity)
    score = 0.0
    if sentence.paragraph == 0:
        score += 0.04
    if head.dep_ == "appos" and facts.entity_at(head.head.i) is not None:
        score -= 0.15  # "Boca Chica, Texas": Texas only says where Boca Chica is
    if (
        head.dep_ in ("compound", "poss")
        and facts.entity_at(head.head.i) is None
        and not _named_with_its_kind(head)
    ):
        # "China's Foreign Minister", "NASA Administrator": the name qualifies a title
        if head.head.is_title and head.head.pos_ == "PROPN":
            score -= 0.2
        else:
            score -= 0.12  # "three _____ SEALs", "_____’s Sony": a modifier of something else
    score += salience(facts, entity)
    if len(sentence.text.split()) > 35:
        score -= 0.05
    if entity.kind == "term":
        score += TERM_LABEL_BONUS.get(entity.label, 0.0)
    if entity.fine == "date:year" and not _dates_a_verb(head):
        score -= 0.04  # a bare year in passing is rarely the point; dated events are
    if entity.kind == "place" and len(entity.answer.split()) == 1:
        score -= 0.02
    if entity.kind == "number":
        score += NUMBER_LABEL_BONUS.get(entity.label, NUMBER_LABEL_DEFAULT)
        standalone = head.dep_ in ("dobj", "pobj", "nsubj", "attr") and head.pos_ == "NUM"
        in_words = not any(ch.isdigit() for ch in entity.text)
        if in_words and entity.start == entity.end - 1 and not standalone:
            score -= 0.2
        elif in_words and not _close_to_verb(head):
            score -= 0.1  # "between the two _____": a small count on the side
        before = doc[max(entity.start - 2, 0) : entity.start]
        if len(before) == 2 and before[1].lower_ == "of" and before[0].is_title:
            score -= 0.2  # "the Group of _____": a number inside a name
    if not title_tokens_of(facts).isdisjoint(range(entity.start, entity.end)):
        score -= 0.25  # "US Secretary of _____": a word of someone's title
    mentions = mention_counts(facts)[entity.answer]
    score -= min(0.2, 0.04 * max(0, mentions - 2))  # a name on every line is easy to guess
    return score


def _dates_a_verb(token) -> bool:
    """ "a book published in 1628", "was completed in 1972": the year a thing was done, not
    one in passing ("since 1969", "the 1956 Nobel Prize", "In 1921 a commission ...")."""
    prep = token.head
    return (
        token.dep_ == "pobj"
        and prep.lower_ in ("in", "during")
        and prep.head.pos_ == "VERB"
        and prep.head.tag_ == "VBN"
        and prep.i > prep.head.i
    )


def _named_with_its_kind(head) -> bool:
    """ "the Tham Luang cave": a named site or natural place before the common noun for
    its kind is the thing's own name, not a word qualifying something else (a country or an
    organisation before a noun is: "the Ukraine conflict", "the Microsoft deal"), and so is
    any name between an owner and its noun ("the rocket's Super Heavy booster")."""
    noun = head.head
    if head.dep_ != "compound" or noun.pos_ != "NOUN" or noun.tag_ != "NN":
        return False
    # "the rocket's Super Heavy booster": the noun has its owner already, so the name
    # before it is the booster's own name
    owned = any(c.dep_ == "poss" and c.i < head.i for c in noun.children)
    return head.ent_type_ in ("FAC", "LOC") or owned


def _close_to_verb(token) -> bool:
    """The object of a verb, or of a preposition the verb takes ("divided into four
    chambers", "won it with eight goals")."""
    if token.dep_ in ("dobj", "attr", "nsubj", "nsubjpass"):
        return True
    return token.dep_ == "pobj" and token.head.head.pos_ in ("VERB", "AUX")


def title_tokens_of(facts: DocFacts) -> set[int]:
    """Token positions inside role titles ("US Secretary of State")."""
    from .people import roles_of

    found = facts.doc.user_data.get("quizapp_title_tokens")
    if found is None:
        found = facts.doc.user_data["quizapp_title_tokens"] = {
            i for role in roles_of(facts) if role.entity.kind == "person" for i in role.title_tokens
        }
    return found
