"""Import and export of questions in Moodle's GIFT and Aiken formats and in CSV.

Each format module offers `parse(text) -> (questions, errors)` and
`render(questions) -> (text, skipped)` over `ExchangeQuestion`, plain data with no
database; `services` saves parsed questions into a document's bank and reads them back.
"""

from .model import ExchangeQuestion, ParseError

FORMATS = ("gift", "aiken", "csv")

__all__ = ["FORMATS", "ExchangeQuestion", "ParseError", "format_module"]


def format_module(name: str):
    """The module that reads and writes format `name` (gift, aiken or csv)."""
    from . import aiken, csv_format, gift

    modules = {"gift": gift, "aiken": aiken, "csv": csv_format}
    try:
        return modules[name]
    except KeyError:
        raise ValueError(f"unknown format '{name}'; use one of {', '.join(FORMATS)}") from None
