"""Aiken, Moodle's plain format for multiple-choice questions (https://docs.moodle.org/en/Aiken_format).

    What is the capital of Lithuania?
    A. Riga
    B. Vilnius
    ANSWER: B

A question whose options are exactly True and False is read as a true/false question.
Aiken holds only choice questions and no feedback: exporting skips short-answer and
cloze questions (and says so) and leaves explanations out.
"""

from __future__ import annotations

import re

from .model import MULTIPLE_CHOICE, TRUE_FALSE, TRUE_FALSE_CHOICES, ExchangeQuestion, check

OPTION = re.compile(r"^([A-Z])[.)]\s+(.*\S)\s*$")
ANSWER = re.compile(r"^ANSWER:\s*(\S*)\s*$", re.IGNORECASE)
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def parse(text: str) -> tuple[list[ExchangeQuestion], list[str]]:
    """Questions read from Aiken text, and one message per question that could not be read."""
    questions, errors = [], []
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    prompt_lines: list[str] = []
    options: list[tuple[str, str]] = []
    start = 0
    skipping = False  # after an error, skip to the next blank line

    def reset():
        nonlocal prompt_lines, options, skipping
        prompt_lines, options, skipping = [], [], False

    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if not line:
            if (prompt_lines or options) and not skipping:
                errors.append(
                    f"line {start}: the question has no 'ANSWER:' line; end it with e.g. ANSWER: B"
                )
            reset()
            continue
        if skipping:
            continue
        if not prompt_lines and not options:
            start = number
        answer = ANSWER.match(line)
        option = OPTION.match(line)
        if answer:
            result = _finish(start, number, prompt_lines, options, answer.group(1).upper())
            if isinstance(result, str):
                errors.append(result)
            else:
                questions.append(result)
            reset()
        elif option and prompt_lines:
            letter = option.group(1)
            expected = LETTERS[len(options)]
            if letter != expected:
                errors.append(
                    f"line {number}: option {letter} where {expected} was expected; "
                    "letter the options A, B, C, … in order"
                )
                skipping = True
                continue
            options.append((letter, option.group(2)))
        elif options:
            errors.append(
                f"line {number}: expected the next option ({LETTERS[len(options)]}. …) or "
                "the ANSWER: line"
            )
            skipping = True
        else:
            prompt_lines.append(line)
    if (prompt_lines or options) and not skipping:
        errors.append(
            f"line {start}: the question has no 'ANSWER:' line; end it with e.g. ANSWER: B"
        )
    return questions, errors


def _finish(start, number, prompt_lines, options, letter) -> ExchangeQuestion | str:
    if not prompt_lines:
        return f"line {number}: 'ANSWER:' without a question before it"
    if len(options) < 2:
        return f"line {start}: multiple choice needs at least two options (A. …, B. …)"
    letters = [opt for opt, _ in options]
    if letter not in letters:
        return (
            f"line {number}: ANSWER: {letter or '(nothing)'} is not one of the options "
            f"{letters[0]}–{letters[-1]}"
        )
    texts = [text for _, text in options]
    answer = texts[letters.index(letter)]
    if tuple(texts) == TRUE_FALSE_CHOICES:
        question = ExchangeQuestion(kind=TRUE_FALSE, prompt=" ".join(prompt_lines), answer=answer)
    else:
        question = ExchangeQuestion(
            kind=MULTIPLE_CHOICE, prompt=" ".join(prompt_lines), answer=answer, choices=texts
        )
    question.line = start
    problems = check(question)
    if problems:
        return f"line {start}: " + "; ".join(p.message for p in problems)
    return question


def render(questions: list[ExchangeQuestion]) -> tuple[str, list[str]]:
    """Aiken text for the choice questions, and a note for each question it cannot hold."""
    blocks, skipped = [], []
    for q in questions:
        if q.kind == TRUE_FALSE:
            choices = list(TRUE_FALSE_CHOICES)
        elif q.kind == MULTIPLE_CHOICE:
            choices = q.choices
        else:
            skipped.append(f"'{q.prompt[:60]}': Aiken holds only choice questions")
            continue
        if len(choices) > len(LETTERS):
            skipped.append(f"'{q.prompt[:60]}': more than {len(LETTERS)} choices")
            continue
        lines = [" ".join(q.prompt.split())]
        lines += [f"{LETTERS[i]}. {' '.join(c.split())}" for i, c in enumerate(choices)]
        lines.append(f"ANSWER: {LETTERS[choices.index(q.answer)]}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + ("\n" if blocks else ""), skipped
