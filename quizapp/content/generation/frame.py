"""What a text is about, said in one dated clause, to set before a question that leans on it.

A report's later sentences lean on the event its lead tells: "the disaster", "the hoard",
"the target", "the first quake". Out of the report, such a question asks about nothing
it names; a teacher sets the scene first ("The largest hoard of Anglo-Saxon gold ever
found has been dug up in Staffordshire. Who declared the hoard to be treasure?"). The
frame is the lead sentence's main clause: the lead cut at the first comma after its
verb (before a trailing "with thousands more feared trapped" or "describing ..."), its
relative times dated ("on Sunday" -> "on 16 July 2023"). A lead too long to read before
every question gives no frame.

A news report is one event told from its opening on: "Heathrow fell silent", "Gatwick and
Stansted also closed" say nothing of the ash cloud or the day they belong to, though no
phrase in them leans on it. A text whose lead, or the sentence after it, tells what
happened on a day it names from the day it was written ("yesterday", "last night", "on
Sunday") is such a report (`tells_news`), and each of its questions is read after that
sentence's main clause. A lead that speaks to its reader ("Press your hands against your
back.") sets no scene.

A textbook's lead often sets a scene of no one day ("Every living thing needs nitrogen.",
"In the 14th century one of the richest states ..."), while its later sentences lean on
the thing the text is about ("the site", "the southern shore", "his forgotten papers").
Its frame is the first of its opening sentences whose subject is a name the text comes
back to, said without the asides about that name ("Lake Baikal, in southern Siberia, is
a lake of superlatives." -> "Lake Baikal is a lake of superlatives."), set before each
question that does not say the name (`subject_frame`); a sentence that leans on a time it
does not name ("By nightfall the King of England lay dead") sets no scene. A text with
no such sentence frames, with its lead, only the questions that lean on it.
"""

from __future__ import annotations

import re

from .analysis import COMPLEMENTS, DocFacts
from .candidates import says_whole
from .occasion import WEEKDAYS, apply_datings, datings_for, time_phrases

# A frame longer than this is a paragraph, not a scene set before a question.
MAX_FRAME_WORDS = 32
# Shorter than this, a cut lead no longer says what happened.
MIN_FRAME_WORDS = 6


# The opening sentences searched for the one that tells a report's event.
NEWS_SENTENCES = 2
PAST_DAY = re.compile(r"\b(?:yesterday|last night|" + "|".join(WEEKDAYS) + r")\b", re.I)
# The opening sentences searched for one whose subject names what the text is about.
OPENING_SENTENCES = 3
# Clauses that hang on a verb and may be left out of a frame whole.
SUBORDINATE = frozenset({"advcl", "relcl", "acl"})
# The words of a noun phrase written before its noun.
PRE_MODIFIERS = frozenset({"amod", "compound", "nummod", "det", "poss", "advmod"})
# Words before the subject that lean on an earlier sentence: "At its height, the League".
LEANING_WORDS = frozenset({"it", "its", "they", "their", "them", "he", "his", "she", "her"})
# A name the text says in this many sentences is what it is about.
MIN_NAMED_SENTENCES = 3
# Words of a name too common to show that a prompt says it ("The", "Lake", "of").
MIN_NAME_WORD = 4


def report_frame(facts: DocFacts) -> str:
    """The main clause of the sentence that tells the report's event (see `news_sentence`),
    or else of the lead, dated, ending in a full stop; "" when it has none short enough or the
    lead speaks to the reader (see the module's docstring). Worked out once per document."""
    cached = facts.doc.user_data.get("quizapp_frame")
    if cached is None:
        cached = ""
        if facts.sentences and not _speaks_to_reader(facts, facts.sentences[0]):
            for sentence in (news_sentence(facts), facts.sentences[0]):
                if sentence is None:
                    continue
                subject = _main_subject(facts, sentence)
                skip = _asides(facts, subject) if subject is not None else set()
                cached = _main_clause(facts, sentence, skip=skip)
                if cached:
                    break
        facts.doc.user_data["quizapp_frame"] = cached
    return cached


def news_sentence(facts: DocFacts):
    """The first of the opening sentences of the lead's paragraph that tells what happened
    on a day it names from the day the text was written ("yesterday", "on Sunday"), or
    None: "San Francisco is burning. An earthquake that struck at 5:12 yesterday morning
    ..." tells its event in the second. Worked out once per document."""
    cache = facts.doc.user_data
    if "quizapp_news_sentence" not in cache:
        found = None
        for index, sentence in enumerate(facts.sentences[:NEWS_SENTENCES]):
            if sentence.paragraph != facts.sentences[0].paragraph:
                break
            if _speaks_to_reader(facts, sentence):
                break  # "The water you drank this morning ...": a textbook's reader
            datings = [d for d in datings_for(facts, sentence.text) if d.replacement]
            # after the lead, only a day just past tells news ("today" may mean nowadays)
            if datings and (index == 0 or any(PAST_DAY.search(d.phrase) for d in datings)):
                found = sentence
                break
        cache["quizapp_news_sentence"] = found
    return cache["quizapp_news_sentence"]


def _speaks_to_reader(facts: DocFacts, sentence) -> bool:
    """ "Press your hands against your back.", "The water you drank ...", "Why do children
    resemble their parents?": a sentence that speaks to its reader, or asks, sets no scene
    of its own."""
    if sentence.text.rstrip().endswith("?"):
        return True
    words = facts.doc[sentence.start : sentence.end]
    return any(t.lower_ in ("you", "your") for t in words)


def subject_frame(facts: DocFacts) -> tuple[str, str, str]:
    """(frame, name, sentence): the first opening sentence whose main clause's subject
    holds a name, as its main clause without the asides about that subject, the name, and
    the sentence as written; ("", "", "") when none has. Worked out once per document."""
    cached = facts.doc.user_data.get("quizapp_subject_frame")
    if cached is None:
        cached = ("", "", "")
        for sentence in facts.sentences[:OPENING_SENTENCES]:
            subject = _named_subject(facts, sentence)
            if subject is None:
                continue
            before = facts.doc[sentence.start : subject.i]
            if any(t.lower_ in LEANING_WORDS for t in before):
                break  # "At its height, the League"
            if time_phrases(facts, sentence.text):
                break  # "By nightfall the King of England lay dead": which night?
            name = _name_in(facts, subject)
            if not _recurs(facts, name):
                continue  # "the Bank of England" of one sentence is not what the text is about
            frame = _main_clause(facts, sentence, skip=_asides(facts, subject))
            if frame:
                cached = (frame, name, sentence.text)
            break
        facts.doc.user_data["quizapp_subject_frame"] = cached
    return cached


def scene_for(facts: DocFacts, prompt: str, source_text: str, *, leans: bool) -> str:
    """The frame a question is read after (see the module's docstring), or ""."""
    if tells_news(facts) and report_frame(facts):
        return "" if news_sentence(facts).text in source_text else report_frame(facts)
    frame, name, sentence = subject_frame(facts)
    if frame and sentence not in source_text and not says_name(prompt, name):
        return frame
    return report_frame(facts) if leans else ""


def says_name(prompt: str, name: str) -> bool:
    """The prompt says one of the name's longer capitalised words ("Ramanujan")."""
    words = [w for w in re.findall(r"[\w'’-]+", name) if len(w) >= MIN_NAME_WORD]
    words = [w for w in words if w[:1].isupper()] or words
    return any(says_whole(w, prompt) for w in words)


def _main_subject(facts: DocFacts, sentence):
    """The head of the main clause's one subject, or None."""
    roots = [t for t in facts.doc[sentence.start : sentence.end] if t.dep_ == "ROOT"]
    if not roots:
        return None
    subjects = [c for c in roots[0].children if c.dep_ in ("nsubj", "nsubjpass")]
    return subjects[0] if len(subjects) == 1 else None


def _named_subject(facts: DocFacts, sentence):
    """The head of the main clause's one subject, when the subject holds a proper name."""
    subject = _main_subject(facts, sentence)
    if subject is None:
        return None
    return subject if any(t.pos_ == "PROPN" for t in _own_words(subject)) else None


def _recurs(facts: DocFacts, name: str) -> bool:
    """The text comes back to the name: it says one of its words in `MIN_NAMED_SENTENCES`
    sentences or more."""
    return sum(1 for s in facts.sentences if says_name(s.text, name)) >= MIN_NAMED_SENTENCES


def _own_words(subject) -> list:
    """The subject's words and the noun of an "of" phrase after it ("the city of
    Constantinople", "the ruins of Angkor"), without what is said about that noun."""
    words = [t for t in subject.subtree if t.i <= subject.i]
    for prep in subject.children:
        if prep.dep_ == "prep" and prep.lower_ == "of" and prep.i == subject.i + 1:
            for noun in (c for c in prep.children if c.dep_ == "pobj"):
                words += [prep, *(t for t in noun.subtree if t.i <= noun.i)]
            break
    return words


def _name_in(facts: DocFacts, subject) -> str:
    """The name the subject holds: its entity ("NATO leaders" -> "NATO", "the city of
    Constantinople" -> "Constantinople"), else its proper nouns as written."""
    own = _own_words(subject)
    # the subject's own name first, then any but a people's ("The German airship Hindenburg")
    for token in sorted(own, key=lambda t: t.i != subject.i):
        entity = facts.entity_at(token.i)
        if entity is not None and entity.kind != "group":
            return entity.text
    return " ".join(t.text for t in own if t.pos_ == "PROPN")


def _asides(facts: DocFacts, subject) -> set[int]:
    """The words set off by commas after a subject, and those commas: "Lake Baikal, in
    southern Siberia, is" -> ", in southern Siberia,". An aside that names the person the
    subject is ("China's Foreign Minister, Wang Yi, met") is no aside."""
    doc = subject.doc
    verb = subject.head
    if verb.i < subject.i:
        return set()  # "Deep in the forests stand the ruins of Angkor, ...": cut after it
    start = next(
        (t.i for t in doc[subject.i + 1 : verb.i] if t.text == "," and t.head.i >= subject.i),
        None,
    )
    if start is None or _in_list(doc[start]):
        return set()  # "Corals, sponges and eels live": a list, not an aside
    end = max((t.i for t in doc[start + 1 : verb.i] if t.text == ","), default=None)
    if end is None:
        return set()
    if any(
        t.head.i != verb.i or t.dep_ not in ("aux", "auxpass", "neg", "advmod")
        for t in doc[end + 1 : verb.i]
    ):
        return set()  # the verb does not follow the aside: "The Beatles, ..., thumping songs have"
    named = (facts.entity_at(i) for i in range(start, end))
    if any(e is not None and e.kind == "person" for e in named):
        return set()
    return set(range(start, end + 1))


def tells_news(facts: DocFacts) -> bool:
    """The text opens on what happened on a day it names from the day it was written (see
    `news_sentence` and the module's docstring)."""
    return news_sentence(facts) is not None


def _main_clause(facts: DocFacts, lead, *, skip: frozenset[int] | set[int] = frozenset()) -> str:
    """`lead` cut at the first comma after its verb, without the words at `skip`, dated,
    ending in a full stop; "" when too long or cut inside a quotation."""
    doc = facts.doc
    tokens = doc[lead.start : lead.end]
    roots = [t for t in tokens if t.dep_ == "ROOT"]
    if not roots or roots[0].pos_ not in ("VERB", "AUX"):
        return ""
    root = roots[0]
    end = lead.end
    for token in doc[root.i + 1 : lead.end]:
        if token.i - lead.start < MIN_FRAME_WORDS:
            continue
        if token.text in (":", ";") or (token.text == "," and not _in_list(token)):
            end = token.i
            break
    if end < lead.end:
        # a cut between a clause's start and its verb ("... for the first time when ABBA, a
        # pop group, romped home"): the frame ends before that clause instead
        clauses = [
            a
            for a in doc[end].ancestors
            if a.dep_ in SUBORDINATE and a.left_edge.i < end < a.i  # its verb is cut off
        ]
        if clauses:
            end = min(c.left_edge.i for c in clauses)
        end = _before_cut_conjunct(doc, root, end, lead.end)
    needed = [c for c in root.children if c.dep_ in COMPLEMENTS]
    if needed and all(c.i >= end for c in needed):
        return ""  # "proposed that DNA, the molecule ..., was": the cut leaves it unsaid
    if end - lead.start < MIN_FRAME_WORDS:
        return ""
    kept = [t for t in doc[lead.start : end] if t.i not in skip]
    if len(kept) > MAX_FRAME_WORDS + 1:
        return ""
    # a word before a skipped aside keeps a space: "Lake Baikal" + "is"
    text = "".join(t.text + (t.whitespace_ or " " * (t.i + 1 in skip)) for t in kept).strip()
    text = text.rstrip(".,;:!?") + "."
    if text.count('"') % 2 or text.count("\u201c") != text.count("\u201d"):
        return ""  # cut inside a quotation
    return apply_datings(text, datings_for(facts, lead.text), "")


def _before_cut_conjunct(doc, root, end: int, stop: int) -> int:
    """Where a frame cut at `end` ends when it would leave an "and" whose verb comes after
    the cut ("climbed the steps and there, 300 metres up, | unfurled a flag"): before the
    "and"; else `end`."""
    joined = any(
        t.pos_ == "VERB" and t.head.i == root.i and t.dep_ in ("conj", "dep") for t in doc[end:stop]
    )
    # an "and" of the main clause, not one inside a phrase ("a short and sombre address")
    conjunctions = [
        t for t in doc[root.i + 1 : end] if t.dep_ == "cc" and root.i in (t.head.i, t.head.head.i)
    ]
    if not joined or not conjunctions:
        return end
    cc = conjunctions[-1]
    if any(t.pos_ in ("VERB", "AUX") for t in doc[cc.i + 1 : end]):
        return end  # the cut keeps the verb the "and" joins on
    return cc.i


def _in_list(comma) -> bool:
    """A comma between the items of a list ("bacteria, viruses, fungi"), of a score or of a
    noun's modifiers ("the small, icy world"), not one before a clause joined on."""
    following = comma.doc[comma.i + 1] if comma.i + 1 < len(comma.doc) else None
    if following is None:
        return False
    before = comma.doc[comma.i - 1] if comma.i else None
    if before is not None and before.dep_ in PRE_MODIFIERS and before.head.i > comma.i:
        return True  # "the small, icy world": a noun's modifiers, the noun after them
    if following.dep_ in ("conj", "cc"):
        return following.head.pos_ not in ("VERB", "AUX")  # ", and seals live in it": a clause
    return following.like_num


def framed(prompt: str, answer: str, frame: str, *, after: bool = False) -> str | None:
    """The prompt with `frame`: set before a sentence with a blank, after a question (or,
    `after`, a statement to judge) in brackets, since those open on what they ask ("Where
    was the find made? (The largest hoard ...)"). None when there is no frame or it would
    say the answer."""
    if not frame or frame in prompt:
        return None
    if answer and answer.casefold() in frame.casefold():
        return None
    if after or prompt.endswith("?"):
        return f"{prompt} ({frame})"
    return f"{frame} {prompt}"


def without_frame(prompt: str, facts: DocFacts) -> str:
    """The question as asked without its frame: what the ranker reads for what it leans on."""
    for frame in (report_frame(facts), subject_frame(facts)[0]):
        if frame and prompt.startswith(frame + " "):
            return prompt[len(frame) + 1 :]
        if frame and prompt.endswith(f" ({frame})"):
            return prompt[: -len(frame) - 3]
    return prompt
