"""Questions as CSV, one per row, for spreadsheets.

Columns: kind, prompt, answer, alternatives, choices, explanation. `kind` is one of
multiple_choice, true_false, short_answer, cloze (or mc, tf, short, missing word);
`alternatives` (other accepted answers) and `choices` (all options in order, the right one
spelt exactly as `answer`) are separated by `|`.
"""

from __future__ import annotations

import csv
import io

from .model import (
    CLOZE,
    KINDS,
    MULTIPLE_CHOICE,
    SHORT_ANSWER,
    TRUE_FALSE,
    ExchangeQuestion,
    check,
)

COLUMNS = ("kind", "prompt", "answer", "alternatives", "choices", "explanation")
SEPARATOR = "|"
KIND_ALIASES = {
    "mc": MULTIPLE_CHOICE,
    "multiple choice": MULTIPLE_CHOICE,
    "tf": TRUE_FALSE,
    "true/false": TRUE_FALSE,
    "true false": TRUE_FALSE,
    "short": SHORT_ANSWER,
    "short answer": SHORT_ANSWER,
    "missing word": CLOZE,
    "missing_word": CLOZE,
    **{kind: kind for kind in KINDS},
}


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(SEPARATOR) if part.strip()]


def parse(text: str) -> tuple[list[ExchangeQuestion], list[str]]:
    """Questions read from CSV text (header row first), and one message per bad row."""
    text = text.lstrip("\ufeff")
    reader = csv.reader(io.StringIO(text))
    try:
        header = [h.strip().lower() for h in next(reader, [])]
    except csv.Error as exc:
        return [], [f"line 1: not readable as CSV ({exc})"]
    missing = [c for c in ("kind", "prompt", "answer") if c not in header]
    if missing:
        return [], [
            f"line 1: the header lacks {', '.join(missing)}; the first line must name the "
            f"columns {','.join(COLUMNS)}"
        ]
    questions, errors = [], []
    try:
        for values in reader:
            line = reader.line_num
            if not any(v.strip() for v in values):
                continue
            row = dict(zip(header, values, strict=False))
            kind_text = row.get("kind", "").strip().lower()
            kind = KIND_ALIASES.get(kind_text)
            if kind is None:
                errors.append(
                    f"line {line}: unknown kind '{kind_text}'; use multiple_choice, "
                    "true_false, short_answer or cloze"
                )
                continue
            answer = row.get("answer", "").strip()
            if kind == TRUE_FALSE and answer.lower() in ("true", "false", "t", "f"):
                answer = "True" if answer.lower() in ("true", "t") else "False"
            question = ExchangeQuestion(
                kind=kind,
                prompt=row.get("prompt", "").strip(),
                answer=answer,
                alternatives=_split(row.get("alternatives", "")),
                choices=_split(row.get("choices", "")) if kind == MULTIPLE_CHOICE else [],
                explanation=row.get("explanation", "").strip(),
                line=line,
            )
            problems = check(question)
            messages = [p.message for p in problems]
            if kind == MULTIPLE_CHOICE and question.answer not in question.choices:
                # Then no choice is right because the answer is misspelt: say that instead.
                messages = [
                    f"the answer '{answer}' is not one of the choices; spell it exactly as in "
                    "the choices column"
                ] + [p.message for p in problems if p.code != "not_one_right"]
            if messages:
                errors.append(f"line {line}: " + "; ".join(messages))
                continue
            questions.append(question)
    except csv.Error as exc:
        errors.append(f"line {reader.line_num}: not readable as CSV ({exc})")
    return questions, errors


def render(questions: list[ExchangeQuestion]) -> tuple[str, list[str]]:
    """CSV text with a header row; a question whose answers contain `|` is skipped and named."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    skipped = []
    for q in questions:
        if any(SEPARATOR in part for part in [*q.alternatives, *q.choices]):
            skipped.append(f"'{q.prompt[:60]}': an answer contains '{SEPARATOR}'")
            continue
        writer.writerow(
            [
                q.kind,
                q.prompt,
                q.answer,
                SEPARATOR.join(q.alternatives),
                SEPARATOR.join(q.choices),
                q.explanation,
            ]
        )
    return out.getvalue(), skipped
