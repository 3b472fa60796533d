"""Import and export of questions: Moodle's GIFT and Aiken formats, CSV, and for learning
platforms a QTI 2.1 content package and Moodle XML.

Each format module offers `parse(data) -> (questions, errors)` and
`render(questions) -> (data, skipped)` over `ExchangeQuestion`, plain data with no
database; `services` saves parsed questions into a document's bank and reads them back.
The text formats read and write `str`; QTI, a `.zip`, reads and writes `bytes`.
"""

import re

from .model import ExchangeQuestion, ParseError

FORMATS = ("gift", "aiken", "csv", "qti", "moodle")
# What a download of each format is called and sent as.
EXTENSIONS = {"gift": "gift", "aiken": "txt", "csv": "csv", "qti": "zip", "moodle": "xml"}
MEDIA_TYPES = {
    "gift": "text/plain; charset=utf-8",
    "aiken": "text/plain; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "qti": "application/zip",
    "moodle": "application/xml; charset=utf-8",
}

__all__ = ["FORMATS", "ExchangeQuestion", "ParseError", "detect_format", "format_module"]


def format_module(name: str):
    """The module that reads and writes format `name` (one of `FORMATS`)."""
    from . import aiken, csv_format, gift, moodle, qti

    modules = {"gift": gift, "aiken": aiken, "csv": csv_format, "qti": qti, "moodle": moodle}
    try:
        return modules[name]
    except KeyError:
        raise ValueError(f"unknown format '{name}'; use one of {', '.join(FORMATS)}") from None


def detect_format(data: bytes) -> str | None:
    """The format `data` is in when its content tells: a `.zip` is a QTI package, XML
    whose root is `<quiz>` Moodle XML and `<assessmentItem>` a QTI item. None otherwise
    (the text formats look alike, so their file's extension tells)."""
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return "qti"
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith(b"<"):
        return None
    # The first element after any declaration and comments.
    for match in re.finditer(rb"<([A-Za-z_][-\w.:]*)", head):
        name = match.group(1).split(b":")[-1]
        if name == b"quiz":
            return "moodle"
        if name in (b"assessmentItem", b"questestinterop"):
            return "qti"
        return None
    return None
