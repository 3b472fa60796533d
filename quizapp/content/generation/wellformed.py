"""A last check on every generated prompt: what reads as a garbled fragment stays a draft.

The generators build prompts from the parse; when the parse is wrong the words come out in
shapes no teacher would write. These are checked on the prompt's own words: a stray
hyphen from a cut title ("the -Foreign Minister"), a clause spliced on after a comma,
a dangling preposition ("Who had suspended after?"), a relative pronoun as a question's
subject ("When did whose four engines fail?"), the same kind of phrase twice in a
row ("in 1864 in 1866"), unbalanced quotes or brackets, a doubled word.
"""

from __future__ import annotations

import re

# Closed-class words a question may not end on (a question may end on "by", "with", "to",
# "for", "from", "as" and "about": "Who was it invented by?").
DANGLING = {
    "of", "in", "on", "at", "after", "before", "during", "since", "until", "into", "onto",
    "and", "or", "but", "nor", "the", "a", "an", "that", "which", "who", "whose", "than",
    "its", "his", "her", "their", "is", "was", "were", "are", "be", "been", "being", "has",
    "had", "have", "not", "then", "also", "so", "such", "very",
}  # fmt: skip
WH = re.compile(r"^(?:who|whom|whose|what|where|when|which|how)\b", re.I)
DOUBLED_PHRASE = re.compile(
    r"\b(in|on|at|from|by|during)\s+(?:the\s+)?([\w’'.,-]+)\s+\1\s+(?:the\s+)?[\w’'.,-]+", re.I
)
STRAY_DASH = re.compile(r"(?:^|\s)[-\u2013\u2014](?=\w)|\w[-\u2013](?:\s|$)")
DOUBLED_WORD = re.compile(r"\b(\w+)\s+\1\b", re.I)
NOT_A_WORD = re.compile(r"[^\w’']")
QUOTED = re.compile(r"[\u201c\"][^\u201d\"]*[\u201d\"]")
# A relative pronoun where a question's subject belongs: "When did whose four engines fail?"
RELATIVE_SUBJECT = re.compile(
    r"^(?:who|whom|what|where|when|which|how(?:\s+many|\s+much)?)\s+"
    r"(?:did|does|do|was|is|were|are|had|has|have|will|would|could|can)\s+"
    r"(?:whose|which|who|whom)\b",
    re.I,
)
# "Who was the whose president ...?": an article never stands before a relative pronoun.
ARTICLE_BEFORE_RELATIVE = re.compile(r"\b(?:the|a|an) (?:whose|which|who|whom)\b", re.I)
SPLICED_CLAUSE = re.compile(r",\s+(?:and\s+|but\s+)?[a-z]")
MIN_WORDS = 3
MAX_WORDS = 32


def is_well_formed(prompt: str) -> bool:
    """True when a prompt reads as a whole question or statement."""
    text = prompt.strip()
    words = text.rstrip("?.!").split()
    if not MIN_WORDS <= len(words) <= MAX_WORDS:
        return False
    if STRAY_DASH.search(text):
        return False  # "the -Foreign Minister", "then- Foreign"
    if not _balanced(text):
        return False
    if DOUBLED_WORD.search(text):
        return False
    last = NOT_A_WORD.sub("", words[-1]).lower()
    if last in DANGLING and (WH.match(text) or last not in ("is", "was", "are", "were", "be")):
        return False
    if RELATIVE_SUBJECT.match(text) or ARTICLE_BEFORE_RELATIVE.search(text):
        return False
    if WH.match(text):
        outside_quotes = QUOTED.sub("", text)
        if SPLICED_CLAUSE.search(outside_quotes):
            return False  # a clause spliced on: "..., finished 3-3 after extra time?"
    return not (DOUBLED_PHRASE.search(text) and _doubled(text))


def reads_whole(sentence: str) -> bool:
    """A sentence of the text shown as it is (a blank, a statement to judge) reads whole:
    not cut inside a quotation ('... gave him the advice "Why think?') nor before what a
    colon or semicolon announces ("both his grandfathers were well known:")."""
    text = sentence.strip()
    return _balanced(text) and not text.endswith((":", ";", ","))


def _balanced(text: str) -> bool:
    if text.count("(") != text.count(")") or text.count('"') % 2:
        return False
    return text.count("\u201c") == text.count("\u201d")


def _doubled(text: str) -> bool:
    """ "in 1864 in 1866", "in Paris in London": two phrases of one kind side by side."""
    for match in DOUBLED_PHRASE.finditer(text):
        first = match.group(2)
        second = match.group(0).split()[-1]
        if (
            first[:1].isdigit() == second[:1].isdigit()
            and first[:1].isupper() == second[:1].isupper()
        ):
            return True
    return False
