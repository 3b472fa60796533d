"""What a text is about, said in one dated clause, to set before a question that leans on it.

A report's later sentences lean on the event its lead tells: "the disaster", "the hoard",
"the target", "the first quake". Out of the report, such a question asks about nothing
it names; a teacher sets the scene first ("The largest hoard of Anglo-Saxon gold ever
found has been dug up in Staffordshire. Who declared the hoard to be treasure?"). The
frame is the lead sentence's main clause: the lead cut at the first comma after its
verb (before a trailing "with thousands more feared trapped" or "describing ..."), its
relative times dated ("on Sunday" -> "on 16 July 2023"). A lead too long to read before
every question gives no frame.

A news report is one event told from its lead on: "Heathrow fell silent", "Gatwick and
Stansted also closed" say nothing of the ash cloud or the day they belong to, though no
phrase in them leans on it. A text whose lead tells what happened on a day it names from
the day it was written ("yesterday", "last night", "on Sunday") is such a report
(`tells_news`), and each of its questions is read after its frame. A textbook's lead sets
a scene of no one day ("In the 14th century one of the richest states ..."), and its
questions are framed only where they lean on it.
"""

from __future__ import annotations

from .analysis import DocFacts
from .occasion import apply_datings, datings_for

# A frame longer than this is a paragraph, not a scene set before a question.
MAX_FRAME_WORDS = 32
# Shorter than this, a cut lead no longer says what happened.
MIN_FRAME_WORDS = 6


def report_frame(facts: DocFacts) -> str:
    """The lead's main clause, dated, ending in a full stop; "" when it has none short
    enough (see the module's docstring). Worked out once per document."""
    cached = facts.doc.user_data.get("quizapp_frame")
    if cached is None:
        cached = _frame(facts)
        facts.doc.user_data["quizapp_frame"] = cached
    return cached


def tells_news(facts: DocFacts) -> bool:
    """The lead tells what happened on a day it names from the day the text was written
    (see the module's docstring). Worked out once per document."""
    cached = facts.doc.user_data.get("quizapp_tells_news")
    if cached is None:
        cached = bool(facts.sentences) and any(
            dating.replacement for dating in datings_for(facts, facts.sentences[0].text)
        )
        facts.doc.user_data["quizapp_tells_news"] = cached
    return cached


def _frame(facts: DocFacts) -> str:
    if not facts.sentences:
        return ""
    lead = facts.sentences[0]
    doc = facts.doc
    tokens = doc[lead.start : lead.end]
    roots = [t for t in tokens if t.dep_ == "ROOT"]
    if not roots or roots[0].pos_ not in ("VERB", "AUX"):
        return ""
    root = roots[0]
    end = lead.end
    for token in doc[root.i + 1 : lead.end]:
        if token.text == "," and token.i - lead.start >= MIN_FRAME_WORDS and not _in_list(token):
            end = token.i
            break
    if end - lead.start > MAX_FRAME_WORDS + 1:
        return ""
    offset = doc[lead.start].idx
    text = facts.text[offset : doc[end - 1].idx + len(doc[end - 1].text)].strip()
    text = text.rstrip(".,;:!?") + "."
    if text.count('"') % 2 or text.count("\u201c") != text.count("\u201d"):
        return ""  # cut inside a quotation
    return apply_datings(text, datings_for(facts, lead.text), "")


def _in_list(comma) -> bool:
    """A comma between the items of a list ("bacteria, viruses, fungi") or of a score."""
    following = comma.doc[comma.i + 1] if comma.i + 1 < len(comma.doc) else None
    if following is None:
        return False
    return following.dep_ in ("conj", "cc") or following.like_num


def framed(prompt: str, answer: str, facts: DocFacts) -> str | None:
    """The prompt with the text's frame: set before a sentence with a blank, after a
    question in brackets (a question opens on what it asks: "Where was the find made?
    (The largest hoard ...)"). None when there is no frame or it would say the answer."""
    frame = report_frame(facts)
    if not frame or frame in prompt:
        return None
    if answer and answer.casefold() in frame.casefold():
        return None
    if prompt.endswith("?"):
        return f"{prompt} ({frame})"
    return f"{frame} {prompt}"


def without_frame(prompt: str, facts: DocFacts) -> str:
    """The question as asked without its frame: what the ranker reads for what it leans on."""
    frame = report_frame(facts)
    if frame and prompt.startswith(frame + " "):
        return prompt[len(frame) + 1 :]
    if frame and prompt.endswith(f" ({frame})"):
        return prompt[: -len(frame) - 3]
    return prompt
