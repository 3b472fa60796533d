"""Read a class roster (CSV of students) into checked rows, without touching the database.

The CSV has a header row naming its columns; `username` is required, `first_name`,
`last_name` and `email` are optional ("first name", "First Name" and "firstname" all work).
Row numbers in messages are the line numbers a spreadsheet shows, header included.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

COLUMNS = ("username", "first_name", "last_name", "email")
MAX_ROWS = 2000


@dataclass(frozen=True)
class RosterRow:
    """One student line of a roster, already checked."""

    line: int
    username: str
    first_name: str = ""
    last_name: str = ""
    email: str = ""


def _column_name(header: str) -> str:
    return (
        header.strip()
        .lower()
        .replace(" ", "_")
        .replace("-", "_")
        .replace("firstname", "first_name")
        .replace("lastname", "last_name")
    )


def parse_roster(csv_text: str) -> tuple[list[RosterRow], list[str]]:
    """Split a roster into good rows and messages naming each bad line."""
    text = csv_text.lstrip("\ufeff")  # spreadsheets often save a byte-order mark
    if not text.strip():
        return [], ["the roster is empty; add a header row (username,first_name,last_name,email)"]
    reader = csv.reader(io.StringIO(text))
    try:
        header = [_column_name(h) for h in next(reader)]
    except csv.Error as exc:
        return [], [f"line 1: not readable as CSV ({exc})"]
    if "username" not in header:
        return [], [
            "line 1: the header has no 'username' column; the first line must name the columns, "
            "e.g. username,first_name,last_name,email"
        ]
    unknown = [h for h in header if h and h not in COLUMNS]
    if unknown:
        return [], [f"line 1: unknown column(s) {', '.join(unknown)}; use {', '.join(COLUMNS)}"]

    rows: list[RosterRow] = []
    errors: list[str] = []
    seen: dict[str, int] = {}
    validate_username = UnicodeUsernameValidator()
    try:
        for values in reader:
            line = reader.line_num
            if not any(v.strip() for v in values):
                continue  # blank lines are harmless
            if len(rows) + len(errors) >= MAX_ROWS:
                errors.append(f"line {line}: a roster holds at most {MAX_ROWS} students")
                break
            if len(values) > len(header):
                errors.append(
                    f"line {line}: {len(values)} values but the header names {len(header)} "
                    "columns; quote values that contain commas"
                )
                continue
            record = {name: value.strip() for name, value in zip(header, values, strict=False)}
            row_errors = _check(record, validate_username)
            username = record.get("username", "")
            if username and username.lower() in seen:
                row_errors.append(f"'{username}' is already on line {seen[username.lower()]}")
            if row_errors:
                errors.append(f"line {line}: " + "; ".join(row_errors))
                continue
            seen[username.lower()] = line
            rows.append(
                RosterRow(
                    line=line,
                    username=username,
                    first_name=record.get("first_name", ""),
                    last_name=record.get("last_name", ""),
                    email=record.get("email", ""),
                )
            )
    except csv.Error as exc:
        errors.append(f"line {reader.line_num}: not readable as CSV ({exc})")
    return rows, errors


def _check(record: dict[str, str], validate_username) -> list[str]:
    problems = []
    username = record.get("username", "")
    if not username:
        problems.append("the username is empty")
    elif len(username) > 150:
        problems.append("the username is longer than 150 characters")
    else:
        try:
            validate_username(username)
        except ValidationError:
            problems.append(f"username '{username}' may hold only letters, digits and @ . + - _")
    for name in ("first_name", "last_name"):
        if len(record.get(name, "")) > 150:
            problems.append(f"{name.replace('_', ' ')} is longer than 150 characters")
    email = record.get("email", "")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            problems.append(f"'{email}' is not an email address")
    return problems
