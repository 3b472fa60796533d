"""GIFT, Moodle's text format for questions (https://docs.moodle.org/en/GIFT_format).

Supported: multiple choice `{=right ~wrong}`, true/false `{T}` / `{F}`, short answer
`{=answer =other accepted}`, and missing word, where the braces sit inside the sentence
(`Lavrov met {=Wang Yi} in Beijing.`), read as a cloze question with `_____` for the blank
(or as multiple choice with a blank when the braces hold `~` wrong answers). General
feedback `####...` becomes the explanation. Titles `::...::`, comments `//`, categories and
per-answer feedback are read and dropped. Numerical, matching and essay questions are
reported as unsupported.
"""

from __future__ import annotations

import re

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

# Escaped characters are swapped for private-use code points while parsing, so plain
# string searches never mistake an escaped `=` or `}` for syntax.
ESCAPES = {
    "\\\\": "\ue000",
    "\\~": "\ue001",
    "\\=": "\ue002",
    "\\#": "\ue003",
    "\\{": "\ue004",
    "\\}": "\ue005",
    "\\:": "\ue006",
    "\\n": "\ue007",
}
RESTORE = {
    "\ue000": "\\",
    "\ue001": "~",
    "\ue002": "=",
    "\ue003": "#",
    "\ue004": "{",
    "\ue005": "}",
    "\ue006": ":",
    "\ue007": "\n",
}
TRUE_WORDS = {"T": "True", "TRUE": "True", "F": "False", "FALSE": "False"}
SUPPORTED = "use multiple choice, true/false, short answer or missing word"


def parse(text: str) -> tuple[list[ExchangeQuestion], list[str]]:
    """Questions read from GIFT text, and one message per question that could not be read."""
    questions, errors = [], []
    for line, block in _blocks(text):
        try:
            question = _parse_block(block)
        except ValueError as exc:
            errors.append(f"line {line}: {exc}")
            continue
        question.line = line
        problems = check(question)
        if problems:
            errors.append(f"line {line}: " + "; ".join(_gift_wording(p) for p in problems))
            continue
        questions.append(question)
    return questions, errors


def _gift_wording(problem) -> str:
    if problem.code == "not_one_right":
        return "multiple choice needs exactly one correct answer (marked with =)"
    return problem.message


def _blocks(text: str):
    """(first line number, text) of each question: runs of lines between blank lines."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    start, lines = 0, []
    for number, raw in enumerate(text.split("\n"), start=1):
        stripped = raw.strip()
        if stripped.startswith("//") or stripped.startswith("$CATEGORY"):
            continue
        if not stripped:
            if lines:
                yield start, "\n".join(lines)
            lines = []
            continue
        if not lines:
            start = number
        lines.append(raw)
    if lines:
        yield start, "\n".join(lines)


def _protect(text: str) -> str:
    for sequence, placeholder in ESCAPES.items():
        text = text.replace(sequence, placeholder)
    return text


def _restore(text: str) -> str:
    for placeholder, char in RESTORE.items():
        text = text.replace(placeholder, char)
    return text


def _parse_block(block: str) -> ExchangeQuestion:
    text = _protect(block)
    if text.startswith("::"):
        end = text.find("::", 2)
        if end < 0:
            raise ValueError("the title has no closing '::'")
        text = text[end + 2 :].lstrip()
    text = re.sub(r"^\[(html|markdown|plain|moodle)\]", "", text)
    opening = text.find("{")
    if opening < 0:
        raise ValueError("no answers in braces { }; add e.g. {=right ~wrong} after the question")
    closing = text.find("}", opening)
    if closing < 0:
        raise ValueError("the '{' has no closing '}'")
    if text.find("{", closing) >= 0:
        raise ValueError("one question per paragraph; leave a blank line between questions")
    before, inside, after = text[:opening], text[opening + 1 : closing], text[closing + 1 :]
    # Braces inside the sentence mark a missing word: the blank takes their place.
    inline = bool(after.strip())
    prompt = before + BLANK + after if inline else before
    prompt = _restore(prompt.replace("\n", " ")).strip()

    explanation = ""
    if "####" in inside:
        inside, explanation = inside.split("####", 1)
        explanation = _restore(explanation).strip()
    body = inside.strip()
    if not body:
        raise ValueError(f"essay questions (empty braces) are not supported; {SUPPORTED}")
    if body.startswith("#"):
        raise ValueError(f"numerical questions are not supported; {SUPPORTED}")

    word = body.split("#", 1)[0].strip().upper()
    if word in TRUE_WORDS:
        return ExchangeQuestion(
            kind=TRUE_FALSE, prompt=prompt, answer=TRUE_WORDS[word], explanation=explanation
        )

    answers = _answers(body)
    if any("->" in text for _, text in answers):
        raise ValueError(f"matching questions are not supported; {SUPPORTED}")
    if all(right for right, _ in answers):
        texts = [text for _, text in answers]
        kind = CLOZE if inline or BLANK_PATTERN.search(prompt) else SHORT_ANSWER
        return ExchangeQuestion(
            kind=kind,
            prompt=prompt,
            answer=texts[0],
            alternatives=texts[1:],
            explanation=explanation,
        )
    right = [text for correct, text in answers if correct]
    if len(right) != 1:
        raise ValueError(
            f"multiple choice needs exactly one correct answer (marked with =); it has {len(right)}"
        )
    return ExchangeQuestion(
        kind=MULTIPLE_CHOICE,
        prompt=prompt,
        answer=right[0],
        choices=[text for _, text in answers],
        explanation=explanation,
    )


def _answers(body: str) -> list[tuple[bool, str]]:
    """(is right, text) for each `=` or `~` answer, without weights or per-answer feedback."""
    parts = re.split(r"(?=[=~])", body)
    if parts and parts[0].strip():
        raise ValueError(
            f"text before the first answer in braces: '{_restore(parts[0].strip())}'; "
            "start each answer with = (right) or ~ (wrong)"
        )
    answers = []
    for part in parts[1:]:
        marker, text = part[0], part[1:]
        text = text.split("#", 1)[0]  # per-answer feedback is not kept
        weight = re.match(r"\s*%(-?\d+(?:\.\d+)?)%", text)
        right = marker == "="
        if weight:
            text = text[weight.end() :]
            right = right or float(weight.group(1)) >= 100
        text = _restore(" ".join(text.split())).strip()
        if not text:
            raise ValueError(f"an empty answer after '{marker}'")
        answers.append((right, text))
    return answers


# --- Writing -----------------------------------------------------------------


def _escape(text: str) -> str:
    text = text.replace("\\", "\\\\")
    for char in "~=#{}:":
        text = text.replace(char, "\\" + char)
    return text.replace("\r\n", "\n").replace("\n", "\\n")


def render(questions: list[ExchangeQuestion]) -> tuple[str, list[str]]:
    """GIFT text for the questions; every supported kind is written, so nothing is skipped."""
    blocks = []
    for question in questions:
        blocks.append(_render_one(question))
    return "\n\n".join(blocks) + ("\n" if blocks else ""), []


def _render_one(q: ExchangeQuestion) -> str:
    if q.kind == TRUE_FALSE:
        answers = ["T" if q.answer == "True" else "F"]
    elif q.kind == MULTIPLE_CHOICE:
        answers = [("=" if c == q.answer else "~") + _escape(c) for c in q.choices]
    else:
        answers = ["=" + _escape(a) for a in [q.answer, *q.alternatives]]
    if q.explanation:
        answers.append("####" + _escape(q.explanation))
    braces = "{" + " ".join(answers) + "}"
    blanks = BLANK_PATTERN.findall(q.prompt)
    if q.kind in (CLOZE, MULTIPLE_CHOICE) and blanks == [BLANK]:
        before, after = q.prompt.split(BLANK, 1)
        if after.strip():
            return _escape(before) + braces + _escape(after)
    return _escape(q.prompt) + " " + braces
