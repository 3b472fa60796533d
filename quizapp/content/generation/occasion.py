"""Name the day or year a sentence means by "yesterday", "on Sunday", "last year" or "that
December day", so a question read alone, months later, still says when.

A report says "yesterday" and "on Sunday" from the day it was written (the document's
`date` header); a history says "that December day", "the same year" or "eight years
later" from the date it gave before. Each such phrase of a sentence is found with the
date it stands for:

- from the document's date: "yesterday", "today", "tonight", "last night", "this
  morning", "on Sunday", "last Wednesday", "last year", "this month";
- from the nearest earlier date of the text (a date the parse found, at most
  `WINDOW` sentences back): "that December day", "that day", "that year", "the same
  year", "the following year", "eight years later";
- a relative phrase the text dates itself ("Eight years later, in 1779, ...") is only
  dropped.

A phrase with no anchor is found with no date: the question keeps it, and the ranker's
features see it (see `time_phrases`).
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass

from .analysis import DocFacts, Sentence
from .references import sentences_holding

# English names, as distractors.py reads them too (no locale is set, so `calendar` speaks C).
MONTHS = tuple(calendar.month_name[1:])
WEEKDAYS = tuple(calendar.day_name)  # Monday first, as date.weekday() counts
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
}  # fmt: skip
# An earlier date anchors "that day" or "the same year" only this many sentences back.
WINDOW = 3
# Words after which a date needs no "on" or "in" ("since 1952", "until 6 May 1994").
PREPOSITIONS = frozenset(
    ("on", "in", "at", "since", "until", "till", "by", "before", "after", "from", "during")
    + ("of", "to", "for")
)

_MONTH = "|".join(MONTHS)
_WEEKDAY = "|".join(WEEKDAYS)
_COUNT = r"(?:\d+|" + "|".join(NUMBER_WORDS) + r")"
_PART = r"(?:morning|afternoon|evening|night)"
_EXPLICIT = rf"(?:\d{{1,2}} (?:{_MONTH})(?: \d{{4}})?|(?:{_MONTH}) \d{{1,2}}(?:, \d{{4}})?|\d{{4}})"

# Each pattern: (name, compiled). Matched case-insensitively on a sentence's text.
PATTERNS = [
    # "Eight years later, in 1779," / "Three years later, on 19 April 1906,": the date
    # that follows says it; the relative phrase only leans on the sentence before.
    (
        "dated_relative",
        rf"\b(?:some |about |only |(?:less|more|fewer) than |almost |nearly |just |over )?"
        rf"{_COUNT} (?:years?|months?|weeks?|days?|decades?) "
        rf"(?:later|earlier|afterwards|before), (?=(?:in|on) {_EXPLICIT}\b)",
    ),
    # "last Wednesday, 16 July,": the weekday with the date the text gives it.
    (
        "weekday",
        rf"\b(?:(?:on|last|this|next) (?:{_WEEKDAY})(?: {_PART})?|(?:{_WEEKDAY}) {_PART})\b"
        rf"(?!'s)(?:,? (?:\d{{1,2}} (?:{_MONTH})|(?:{_MONTH}) \d{{1,2}})\b)?",
    ),
    ("last_night", rf"\b(?:last night|tonight|this {_PART})\b"),
    # "yesterday, 19 September,": the day with the date the text gives it
    (
        "day_word",
        rf"\b(?:yesterday|today)(?: {_PART})?\b"
        rf"(?:,? (?:\d{{1,2}} (?:{_MONTH})|(?:{_MONTH}) \d{{1,2}})\b(?!,? \d{{4}}))?",
    ),
    ("calendar", r"\b(?:last|this|next) (?:year|month)\b"),
    (
        "relative_years",
        rf"\b{_COUNT} (?:years?|decades?) (?:later|afterwards|earlier|before)\b",
    ),
    ("following_year", r"\bthe (?:following|next|previous) year\b"),
    ("same_year", r"\b(?:that|the same) year\b"),
    ("that_day", rf"\bthat (?:(?:{_MONTH}) )?(?:day|{_PART})\b"),
]
COMPILED = [(name, re.compile(pattern, re.IGNORECASE)) for name, pattern in PATTERNS]
_PARTS = {"morning", "afternoon", "evening", "night"}
# A lower-case abbreviation's full stops ("a.m.", "e.g."), which end no sentence.
ABBREVIATION_END = re.compile(r"(?<![\w.])(?:[a-z]\.){2,}$")
# Words one of which each pattern needs: a text with none of them is not searched.
NEEDS = {
    "dated_relative": {"later", "earlier", "afterwards", "before"},
    "weekday": {w.casefold() for w in WEEKDAYS},
    "last_night": _PARTS | {"tonight"},
    "day_word": {"yesterday", "today"},
    "calendar": {"year", "month"},
    "relative_years": {"later", "afterwards", "earlier", "before"},
    "following_year": {"year"},
    "same_year": {"year"},
    "that_day": _PARTS | {"day"},
    "leaning": _PARTS
    | {"time", "soon", "shortly", "long", "later", "earlier", "next", "previous"}
    | {"following", "day", "week", "weekend", "month"}
    | {w.casefold() for w in WEEKDAYS},
}
_LETTERS = re.compile(r"[a-z]+")


def _searched(text: str) -> set[str]:
    """The names of the patterns worth searching `text` for."""
    words = set(_LETTERS.findall(text.casefold()))
    return {name for name, needed in NEEDS.items() if not needed.isdisjoint(words)}


DAY_FIRST = re.compile(rf"\b(\d{{1,2}}) ({_MONTH})\b(?:,? (\d{{4}}))?")
MONTH_FIRST = re.compile(rf"\b({_MONTH}) (\d{{1,2}})\b(?:,? (\d{{4}}))?")
MONTH_YEAR = re.compile(rf"\b({_MONTH}),? (\d{{4}})\b")
YEAR = re.compile(r"(?<![\d,.])(1[0-9]{3}|20[0-9]{2})(?![\d,])")


@dataclass(frozen=True)
class Dating:
    """One time phrase of a sentence and what a question says instead ("" when nothing
    anchors it); `drop` phrases are removed whole ("Eight years later, ")."""

    phrase: str  # as written
    replacement: str
    drop: bool = False

    @property
    def forms(self) -> tuple[str, ...]:
        """The phrase, and without the date set beside it ("last Wednesday" of "last
        Wednesday, 16 July"), for a prompt whose blank took that date."""
        head = self.phrase.split(",")[0]
        return (self.phrase, head) if head != self.phrase else (self.phrase,)


def written_on(facts: DocFacts) -> dt.date | None:
    """The day the document was written (its `date` header), if it has one."""
    value = facts.doc.user_data.get("quizapp_date")
    return dt.date.fromisoformat(value) if value else None


def datings_in(facts: DocFacts, sentence: Sentence) -> list[Dating]:
    """The time phrases of `sentence` that lean on a date outside it, in order, each with
    the date it means when one anchors it."""
    doc = facts.doc
    text = sentence.text
    offset = doc[sentence.start].idx
    written = written_on(facts)
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, Dating]] = []
    searched = _searched(text)
    for name, pattern in COMPILED:
        if name not in searched:
            continue
        for match in pattern.finditer(text):
            span = (match.start(), match.end())
            if any(a < span[1] and span[0] < b for a, b in taken):
                continue
            phrase = match.group(0)
            if _quoted(text, match.start()) or _dated_beside(text, match.end()):
                continue  # a speaker's "today", or "on Sunday, 8 July 2018"
            before = text[: match.start()].split()
            after_preposition = bool(before) and before[-1].casefold() in PREPOSITIONS
            if name == "dated_relative":
                dating = Dating(phrase, "", drop=True)
            elif name in ("weekday", "last_night", "day_word", "calendar"):
                if (
                    name == "day_word"
                    and phrase.casefold() == "today"
                    and not _past_day(doc, sentence, offset + match.start(), before)
                ):
                    continue  # "remains in force today", "35 years ago today"
                future = _ahead(doc, sentence, offset + match.start())
                said = _from_written(name, phrase, written, future, after_preposition, facts)
                dating = Dating(phrase, said)
            else:
                anchor = _earlier_dates(facts, sentence, offset + match.start())
                said = _from_text(name, phrase, anchor, after_preposition, facts)
                dating = Dating(phrase, said)
            taken.append(span)
            found.append((match.start(), dating))
    return [dating for _, dating in sorted(found, key=lambda item: item[0])]


def apply_datings(prompt: str, datings: list[Dating], answer: str) -> str:
    """The prompt with each dated phrase it holds replaced by its date (or dropped), unless
    the date would give the answer away; phrases with no date are left as they are."""
    possessed = False  # a day's or year's possession became "the <date>"
    for dating in datings:
        if not dating.drop and not dating.replacement:
            continue
        match = None
        for form in dating.forms:
            match = _phrase_pattern(form).search(prompt)
            if match is not None:
                break
        if match is None:
            continue
        replacement = dating.replacement
        if answer and replacement and _says(replacement, answer):
            continue
        if match.start() == 0 or _sentence_ends(prompt[: match.start()]):
            replacement = replacement[:1].upper() + replacement[1:]
            if dating.drop:
                rest = prompt[match.end() :]
                prompt = prompt[: match.start()] + rest[:1].upper() + rest[1:]
                continue
        end = match.end()
        if "," in match.group(0) and prompt[end : end + 1] == ",":
            end += 1  # "last Wednesday, 16 July, from": the date's closing comma goes too
        bare = re.sub(r"^(?:[Ii]n|[Oo]n) (?=\d)", "", replacement)
        if prompt[end : end + 2] in ("'s", "\u2019s") and bare[:1].isdigit():
            # "yesterday's closing price" -> "the 19 August 2004 closing price",
            # "Last year's winner" -> "The 2003 winner"
            the = "The" if replacement[:1].isupper() else "the"
            replacement, end = f"{the} {bare}", end + 2
            possessed = True
        prompt = prompt[: match.start()] + replacement + prompt[end:]
    prompt = MONTH_THEN_YEAR.sub(r"\1 \2", prompt)  # "in July in 1985" -> "in July 1985"
    if possessed:  # "the captain of this year's team in 1997" -> "of the 1997 team"
        prompt = YEAR_SAID_AGAIN.sub(r"\1", prompt)
    return re.sub(r" {2,}", " ", prompt)


YEAR_SAID_AGAIN = re.compile(r"(\bthe (\d{4}) [^?.]*?) in \2(?=[?.])")
MONTH_THEN_YEAR = re.compile(r"\b(in (?:" + "|".join(MONTHS) + r")) in (\d{4})\b")


def _sentence_ends(text: str) -> bool:
    """`text` ends a sentence: on a full stop, not on one of "7 a.m." or "e.g."."""
    text = text.rstrip()
    return text.endswith(("!", "?")) or (text.endswith(".") and not ABBREVIATION_END.search(text))


@functools.lru_cache(maxsize=4096)
def _phrase_pattern(form: str) -> re.Pattern:
    """`form` as whole words, any case, compiled once."""
    end = r"(?!\w)" if form[-1:].isalnum() else ""
    return re.compile(r"(?<!\w)" + re.escape(form) + end, re.IGNORECASE)


def _says(text: str, answer: str) -> bool:
    return answer.casefold() in text.casefold()


def _quoted(text: str, at: int) -> bool:
    """Whether character `at` of a sentence lies inside a quotation (a speaker's "today"
    is the day they spoke)."""
    before = text[:at]
    return before.count('"') % 2 == 1 or before.count("\u201c") > before.count("\u201d")


def _dated_beside(text: str, end: int) -> bool:
    """Whether the phrase ending at `end` is followed by a date with its year."""
    return re.match(rf",? (?:{_EXPLICIT}),? \d{{4}}\b|,? \d{{4}}\b", text[end:]) is not None


def _ahead(doc, sentence: Sentence, at: int) -> bool:
    """Whether the verb a time phrase at character `at` belongs to lies ahead of the day of
    writing: "will land on Thursday", "are due to splash down on Thursday"."""
    token = _token_at(doc, sentence, at)
    if token is not None:
        token = _verb_of(token)
    if token is not None and token.tag_ in ("VBZ", "VBP") and token.lower_ not in ("is", "are"):
        return True  # "which falls on Monday"
    while token is not None:
        if _will(token):
            return True
        if any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children):
            # "are due to splash down on Thursday", not "had been unable to reach ... on Friday"
            return not _told_in_the_past(token.head)
        if token.dep_ not in ("xcomp", "conj", "advcl") or token.head.i == token.i:
            return False
        token = token.head
    return False


def _token_at(doc, sentence: Sentence, at: int):
    """The first token of `sentence` at or after character `at`, or None."""
    return next((t for t in doc[sentence.start : sentence.end] if t.idx >= at), None)


def _verb_of(token):
    """The verb that governs `token` ("unable" -> "been"), or the root it hangs on."""
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token


def _told_in_the_past(token) -> bool:
    """The verb governing `token` ("unable" -> "had been") is in the past tense."""
    verb = _verb_of(token)
    return verb.tag_ == "VBD" or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in verb.children
    )


def _told_ahead(token) -> bool:
    """The verb governing `token` is in the future ("will resign")."""
    return _will(_verb_of(token))


def _will(verb) -> bool:
    """The verb has "will", "shall" or "'ll" among its auxiliaries."""
    return any(c.dep_ == "aux" and c.lower_ in ("will", "shall", "'ll") for c in verb.children)


def _past_day(doc, sentence: Sentence, at: int, before: list[str]) -> bool:
    """Whether a "today" at character `at` names the day of writing: the clause it is in
    tells of that day in the past tense ("was opened today") or the future ("will resign
    at noon today"), not of the present ("remains in force today", "an answer that is
    still taught today") nor of an anniversary ("35 years ago today")."""
    token = _token_at(doc, sentence, at)
    if token is None or (before and before[-1].casefold() == "ago"):
        return False
    return _told_in_the_past(token) or _told_ahead(token)


def _from_written(name, phrase, written, future, after_preposition, facts) -> str:
    """The date a phrase counted from the day of writing means, written as the text
    writes dates; "" without a date header."""
    if written is None:
        return ""
    words = phrase.split(",")[0].casefold().split()
    on = "" if after_preposition else "on "
    if name == "calendar":
        step = {"last": -1, "this": 0, "next": 1}[words[0]]
        if words[1] == "year":
            return f"{'' if after_preposition else 'in '}{written.year + step}"
        month = (written.year * 12 + written.month - 1) + step
        return f"{'' if after_preposition else 'in '}{MONTHS[month % 12]} {month // 12}"
    if name == "day_word":
        day = written - dt.timedelta(days=1) if words[0] == "yesterday" else written
        if words[-1] in _PARTS:  # "yesterday morning"
            return f"{on}the {words[-1]} of {_spell(day, facts)}"
        return on + _spell(day, facts)
    if name == "last_night":
        day = written - dt.timedelta(days=1) if words[0] == "last" else written
        part = "night" if words[-1] in ("night", "tonight") else words[-1]
        return f"{on}the {part} of {_spell(day, facts)}"
    # A weekday: the last one before the day of writing (the next one for "next" or a
    # sentence in the future tense).
    weekday = next(WEEKDAYS.index(w.title()) for w in words if w.title() in WEEKDAYS)
    part = words[-1] if words[-1] in ("morning", "afternoon", "evening", "night") else ""
    if words[0] == "next" or (future and words[0] != "last"):
        day = written + dt.timedelta(days=(weekday - written.weekday()) % 7 or 7)
    else:
        back = (written.weekday() - weekday) % 7
        if words[0] == "last" and back == 0:
            back = 7
        day = written - dt.timedelta(days=back)
    if words[0] == "on" or (words[0] in ("last", "this", "next") and not after_preposition):
        on = "on "  # "last Wednesday" -> "on 16 July", "from next Monday" -> "from 12 January"
    spelled = _spell(day, facts)
    return f"{on}the {part} of {spelled}" if part else on + spelled


def _from_text(name, phrase, anchor, after_preposition, facts) -> str:
    """The date a phrase counted from the text's earlier date means; "" when none. A
    month's day ("that December day") may be any one day of that month the text gave
    before."""
    years, days, earlier_days = anchor
    words = phrase.casefold().split()
    into = "" if after_preposition else "in "
    if name in ("same_year", "following_year", "relative_years"):
        if not years:
            return ""
        year = years[-1]
        if name == "following_year":
            year += -1 if words[1] == "previous" else 1
        elif name == "relative_years":
            count = int(words[0]) if words[0].isdigit() else NUMBER_WORDS[words[0]]
            count *= 10 if words[1].startswith("decade") else 1
            year += count if words[2] in ("later", "afterwards") else -count
        return f"{into}{year}"
    # "that day", "that December day", "that morning"
    month = next((MONTHS.index(w.title()) + 1 for w in words if w.title() in MONTHS), None)
    fitting = [d for d in days if month is None or d.month == month]
    if month is not None and len(set(fitting)) != 1:
        fitting = [d for d in set(earlier_days) if d.month == month]
        if len(fitting) != 1:
            return ""  # no day, or two of that month: which one is not clear
    if not fitting:
        return ""
    on = "" if after_preposition else "on "
    part = words[-1] if words[-1] in ("morning", "afternoon", "evening", "night") else ""
    spelled = _spell(fitting[-1], facts)
    return f"{on}the {part} of {spelled}" if part else on + spelled


def _earlier_dates(facts: DocFacts, sentence: Sentence, before: int) -> tuple:
    """(years, full days) the parse found as dates in the `WINDOW` sentences before
    character `before`, in order, and every full day before it in the text; a day without
    its year takes the year named before it."""
    first = facts.sentences[max(0, sentence.index - WINDOW)].start
    doc = facts.doc
    years: list[int] = []
    days: list[dt.date] = []
    every_day: list[dt.date] = []
    last_year = None
    for entity in facts.entities:
        if entity.kind != "date" or doc[entity.start].idx >= before:
            continue
        near = entity.start >= first
        for match in YEAR.finditer(entity.text):
            last_year = int(match.group(1))
            if near:
                years.append(last_year)
        day = _day_in(entity.text, last_year)
        if day is not None:
            every_day.append(day)
            if near:
                days.append(day)
    return years, days, every_day


def _day_in(text: str, year: int | None) -> dt.date | None:
    match = DAY_FIRST.search(text)
    if match:
        day, month, written_year = int(match.group(1)), match.group(2), match.group(3)
    else:
        match = MONTH_FIRST.search(text)
        if not match:
            return None
        month, day, written_year = match.group(1), int(match.group(2)), match.group(3)
    year = int(written_year) if written_year else year
    if year is None:
        return None
    try:
        return dt.date(year, MONTHS.index(month.title()) + 1, day)
    except ValueError:
        return None


def _spell(day: dt.date, facts: DocFacts) -> str:
    """A date as the document writes its dates: "6 May 1994" or "May 6, 1994"."""
    style = facts.doc.user_data.get("quizapp_date_style")
    if style is None:
        day_first = len(DAY_FIRST.findall(facts.text))
        month_first = len(MONTH_FIRST.findall(facts.text))
        style = "month" if month_first > day_first else "day"
        facts.doc.user_data["quizapp_date_style"] = style
    if style == "month":
        return f"{day:%B} {day.day}, {day.year}"
    return f"{day.day} {day:%B} {day.year}"


# Time phrases no rule dates: they stay in a question only when nothing anchored them.
_LEANING_TIME = re.compile(
    rf"\b(?:during the night|at the time|(?:soon|shortly|long) (?:afterwards|after|before that)"
    rf"|(?:later|earlier) that (?:day|week|month|year)|that (?:week|month)|(?:{_WEEKDAY})'s"
    rf"|the (?:day|week|month) (?:before|after)|the (?:next|previous|following) (?:day|week|month)"
    rf"|(?:last|this|next) week(?:end)?|(?:later|earlier) this (?:week|month|year))\b",
    re.IGNORECASE,
)


def datings_for(facts: DocFacts, source_text: str) -> list[Dating]:
    """`datings_in` of every sentence a question's source holds, worked out once per
    source of a document."""
    cache = facts.doc.user_data.setdefault("quizapp_datings", {})
    if source_text not in cache:
        cache[source_text] = [
            dating
            for sentence in sentences_holding(facts, source_text)
            for dating in _datings_once(facts, sentence)
        ]
    return cache[source_text]


def _datings_once(facts: DocFacts, sentence: Sentence) -> list[Dating]:
    cache = facts.doc.user_data.setdefault("quizapp_sentence_datings", {})
    if sentence.index not in cache:
        cache[sentence.index] = datings_in(facts, sentence)
    return cache[sentence.index]


def time_phrases(facts: DocFacts, source_text: str) -> list[str]:
    """The time phrases of a question's source that lean on a date it may not give, as
    written: those `datings_in` finds ("yesterday", "that day", "eight years later") and
    those no rule dates ("during the night", "soon afterwards", "Wednesday's"). A question
    that still says one after the rules says a time nothing anchored."""
    found = [d.phrase for d in datings_for(facts, source_text)]
    if "leaning" in _searched(source_text):
        found += [m.group(0) for m in _LEANING_TIME.finditer(source_text)]
    return found
