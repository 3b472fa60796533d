"""Moodle XML, Moodle's own question format (https://docs.moodle.org/en/Moodle_XML_format).

Written: a `<quiz>` with a category named after the bank, then one `<question>` each:
`multichoice` (one right answer at fraction 100), `truefalse`, `shortanswer` (every
accepted answer at fraction 100) and `cloze`, whose text holds the blank as an embedded
`{1:SHORTANSWER:=answer~%100%other}`. The explanation is the `generalfeedback`; the
stable identifier (`identifiers`) is the `idnumber`, so importing the file again here
updates the questions. Texts are written as HTML, escaped, as Moodle keeps them.

Read: the same types, from this app or from Moodle's own export; other types (essay,
matching, numerical...) are reported by line and nothing is saved.
"""

from __future__ import annotations

import html
import re

from lxml import etree
from lxml import html as lxml_html

from . import xml
from .identifiers import parse_identifier, question_identifier
from .model import (
    BLANK,
    BLANK_PATTERN,
    CLOZE,
    MULTIPLE_CHOICE,
    SHORT_ANSWER,
    TRUE_FALSE,
    ExchangeQuestion,
    check,
)

BINARY = False
EXTENSION = "xml"
MEDIA_TYPE = "application/xml"
SUPPORTED = "use multichoice, truefalse, shortanswer or cloze (one short-answer gap)"
# Characters with a meaning inside an embedded cloze answer, escaped with a backslash.
CLOZE_SPECIAL = re.compile(r'([\\}#~/"])')
EMBEDDED = re.compile(r"\{(\d*):(SHORTANSWER|SA|MW|SHORTANSWER_C|SAC|MWC):((?:\\.|[^\\}])*)\}")
ANY_EMBEDDED = re.compile(r"\{\d*:[A-Z_]+:")


# --- Writing -----------------------------------------------------------------


def render(questions: list[ExchangeQuestion], *, title: str = "Questions") -> tuple[str, list]:
    """Moodle XML for the questions; every supported kind is written, so nothing is skipped."""
    root = etree.Element("quiz")
    category = etree.SubElement(root, "question", type="category")
    # A slash would start a subcategory; Moodle reads a doubled one as the character.
    name = (title or "Questions").replace("/", "//")
    _text(etree.SubElement(category, "category"), f"$course$/top/{name}")
    for position, question in enumerate(questions):
        root.append(_question(question, position))
    return xml.to_bytes(root).decode("utf-8"), []


def _text(parent, value: str) -> None:
    etree.SubElement(parent, "text").text = xml.clean(value)


def _html(value: str) -> str:
    return html.escape(value, quote=False).replace("\n", "<br>")


def _gap_text(value: str) -> str:
    # A gap is one line of the question's text: an answer's line breaks become spaces.
    return html.escape(" ".join(value.split()), quote=False)


def _rich(parent, tag: str, value: str, **attributes):
    element = etree.SubElement(parent, tag, format="html", **attributes)
    _text(element, _html(value))
    return element


def _question(q: ExchangeQuestion, position: int):
    kinds = {
        MULTIPLE_CHOICE: "multichoice",
        TRUE_FALSE: "truefalse",
        SHORT_ANSWER: "shortanswer",
        CLOZE: "cloze",
    }
    element = etree.Element("question", type=kinds[q.kind])
    _text(etree.SubElement(element, "name"), _name(q.prompt))
    blank = BLANK_PATTERN.search(q.prompt) if q.kind == CLOZE else None
    if blank:
        gap = (
            "{1:SHORTANSWER:"
            + "~".join(
                ("=" if i == 0 else "%100%") + CLOZE_SPECIAL.sub(r"\\\1", _gap_text(text))
                for i, text in enumerate([q.answer, *q.alternatives])
            )
            + "}"
        )
        text = _html(q.prompt[: blank.start()]) + gap + _html(q.prompt[blank.end() :])
        questiontext = etree.SubElement(element, "questiontext", format="html")
        _text(questiontext, text)
    else:
        _rich(element, "questiontext", q.prompt)
    _rich(element, "generalfeedback", q.explanation)
    etree.SubElement(element, "defaultgrade").text = "1"
    etree.SubElement(element, "penalty").text = "0" if q.kind == TRUE_FALSE else "0.3333333"
    etree.SubElement(element, "hidden").text = "0"
    identifier = question_identifier(q.document, q.key) if q.key else ""
    etree.SubElement(element, "idnumber").text = identifier
    if q.kind == MULTIPLE_CHOICE:
        etree.SubElement(element, "single").text = "true"
        etree.SubElement(element, "shuffleanswers").text = "true"
        etree.SubElement(element, "answernumbering").text = "abc"
        for choice in q.choices:
            _answer(element, choice, 100 if choice == q.answer else 0)
    elif q.kind == TRUE_FALSE:
        _answer(element, "true", 100 if q.answer == "True" else 0, fmt="moodle_auto_format")
        _answer(element, "false", 0 if q.answer == "True" else 100, fmt="moodle_auto_format")
    elif q.kind == SHORT_ANSWER:
        etree.SubElement(element, "usecase").text = "0"
        for text in [q.answer, *q.alternatives]:
            _answer(element, text, 100, fmt="moodle_auto_format")
    return element


def _answer(parent, text: str, fraction: int, fmt: str = "html") -> None:
    answer = etree.SubElement(parent, "answer", fraction=str(fraction), format=fmt)
    _text(answer, _html(text) if fmt == "html" else text)
    feedback = etree.SubElement(answer, "feedback", format="html")
    _text(feedback, "")


def _name(prompt: str) -> str:
    prompt = " ".join(prompt.split())
    return prompt if len(prompt) <= 60 else prompt[:59].rstrip() + "…"


# --- Reading -----------------------------------------------------------------


class QuestionProblem(ValueError):
    def __init__(self, message: str, element):
        super().__init__(message)
        self.line = getattr(element, "sourceline", None) or 1


def parse(data: bytes | str) -> tuple[list[ExchangeQuestion], list[str]]:
    """Questions read from Moodle XML, and one message (with its line) per bad question."""
    try:
        root = xml.parse(data)
    except xml.XMLProblem as exc:
        return [], [str(exc)]
    if xml.local(root) != "quiz":
        return [], [
            f"line {root.sourceline}: the file's root is <{xml.local(root)}>, not Moodle XML's "
            "<quiz>; export the questions as Moodle XML"
        ]
    questions, errors = [], []
    for element in xml.children(root, "question"):
        kind = element.get("type", "")
        if kind == "category":
            continue
        try:
            question = read_question(element)
        except QuestionProblem as exc:
            errors.append(f"line {exc.line}: {exc}")
            continue
        question.line = element.sourceline or 0
        problems = check(question)
        if problems:
            errors.append(f"line {question.line}: " + "; ".join(p.message for p in problems))
            continue
        questions.append(question)
    return questions, errors


def _plain(element, *, strip: bool = True) -> str:
    """The text of a `<text>` holder as plain text: HTML formats lose their tags."""
    if element is None:
        return ""
    value = xml.text_of(xml.child(element, "text"))
    if element.get("format", "html") == "html":
        value = _html_to_text(value)
    return value.strip() if strip else value


def _html_to_text(value: str) -> str:
    # A line break in HTML source is a space; <br> and paragraphs are the breaks that count.
    value = re.sub(r"[ \t]*[\r\n]\s*", " ", value)
    if "<" not in value:
        return html.unescape(value)
    value = re.sub(r"<br\s*/?>", "\n", value, flags=re.IGNORECASE)
    value = re.sub(r"</p>\s*<p[^>]*>", "\n", value, flags=re.IGNORECASE)
    if "<" not in value:
        return html.unescape(value)
    fragment = lxml_html.fragment_fromstring(value, create_parent="div")
    return fragment.text_content()


def read_question(element) -> ExchangeQuestion:
    """The question a `<question>` element asks."""
    kind = element.get("type", "")
    explanation = _plain(xml.child(element, "generalfeedback"))
    document, key = parse_identifier(xml.text_of(xml.child(element, "idnumber"))) or ("", "")
    if kind == "cloze":
        question = _read_cloze(element)
    else:
        prompt = _plain(xml.child(element, "questiontext"))
        answers = [(_fraction(a), _plain(a), a) for a in xml.children(element, "answer")]
        if kind == "multichoice":
            question = _read_multichoice(element, prompt, answers)
        elif kind == "truefalse":
            right = [text.lower() for fraction, text, _ in answers if fraction >= 100]
            if right not in (["true"], ["false"]):
                raise QuestionProblem(
                    "a truefalse question needs 'true' or 'false' at fraction 100", element
                )
            question = ExchangeQuestion(kind=TRUE_FALSE, prompt=prompt, answer=right[0].title())
        elif kind == "shortanswer":
            accepted = [text for fraction, text, _ in answers if fraction >= 100 and text]
            if not accepted:
                raise QuestionProblem(
                    "a shortanswer question needs an answer at fraction 100", element
                )
            question = ExchangeQuestion(
                kind=SHORT_ANSWER, prompt=prompt, answer=accepted[0], alternatives=accepted[1:]
            )
        else:
            raise QuestionProblem(
                f'<question type="{kind}"> is not supported; {SUPPORTED}', element
            )
    question.explanation = explanation
    question.document, question.key = document, key
    return question


def _fraction(answer) -> float:
    try:
        return float(answer.get("fraction", "0"))
    except ValueError:
        raise QuestionProblem(
            f"the answer's fraction '{answer.get('fraction')}' is not a number", answer
        ) from None


def _read_multichoice(element, prompt: str, answers) -> ExchangeQuestion:
    if xml.text_of(xml.child(element, "single")).strip().lower() == "false":
        raise QuestionProblem(
            "multichoice with several right answers (single false) is not supported; " + SUPPORTED,
            element,
        )
    right = [text for fraction, text, _ in answers if fraction >= 100]
    if len(right) != 1:
        raise QuestionProblem(
            f"multiple choice needs exactly one answer at fraction 100 (it has {len(right)})",
            element,
        )
    return ExchangeQuestion(
        kind=MULTIPLE_CHOICE,
        prompt=prompt,
        answer=right[0],
        choices=[text for _, text, _ in answers],
    )


def _read_cloze(element) -> ExchangeQuestion:
    holder = xml.child(element, "questiontext")
    raw = xml.text_of(xml.child(holder, "text")) if holder is not None else ""
    gaps = list(EMBEDDED.finditer(raw))
    every = ANY_EMBEDDED.findall(raw)
    if len(gaps) != 1 or len(every) != 1:
        raise QuestionProblem(
            f"a cloze question with {len(every)} gaps ({len(gaps)} short-answer); "
            f"only one short-answer gap is supported; {SUPPORTED}",
            holder if holder is not None else element,
        )
    gap = gaps[0]
    accepted = [text for right, text in _gap_answers(gap.group(3)) if right and text]
    if not accepted:
        raise QuestionProblem("the cloze gap has no answer at 100%", holder)
    before = _html_to_text(raw[: gap.start()])
    after = _html_to_text(raw[gap.end() :])
    prompt = (before + BLANK + after).strip()
    return ExchangeQuestion(
        kind=CLOZE, prompt=prompt, answer=accepted[0], alternatives=accepted[1:]
    )


def _gap_answers(body: str) -> list[tuple[bool, str]]:
    """(is right, text) of each answer of an embedded gap, feedback dropped, escapes undone."""
    answers, current, escaped, feedback = [], [], False, False
    for char in body + "~":
        if escaped:
            if not feedback:
                current.append(char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "~":
            answers.append(current)
            current, feedback = [], False
        elif char == "#":
            feedback = True
        elif not feedback:
            # Markers are only read before any escaped text, so keep them apart.
            current.append("\ue000" + char if char in "=%" and not current else char)
    result = []
    for chars in answers:
        answer = "".join(chars)
        weight = re.match(r"\ue000%(-?\d+(?:\.\d+)?)%", answer)
        if answer.startswith("\ue000="):
            right, answer = True, answer[2:]
        elif weight:
            right, answer = float(weight.group(1)) >= 100, answer[weight.end() :]
        else:
            right = False
        text = html.unescape(answer.replace("\ue000", "")).strip()
        result.append((right, text))
    return result
