"""Find and read source files, refusing bad ones with a message that says what to do."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# File names a folder is searched for: the formats read (see `extract/`), and the Word
# formats refused with advice, so a teacher hears about those rather than nothing.
DOCUMENT_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx")
REFUSED_SUFFIXES = (".doc", ".docm")


class SourceError(ValueError):
    """A path or file that cannot be ingested; the message names it and says why."""

    def __init__(self, source: str, message: str):
        super().__init__(f"{source}: {message}")
        self.source = source
        self.message = message


@dataclass(frozen=True)
class SourceFile:
    """The decoded text of one source file; `note` says if it needed a fallback encoding."""

    path: Path
    text: str
    note: str = ""

    @property
    def name(self) -> str:
        return self.path.name


def collect_paths(paths: list[str]) -> tuple[list[Path], list[SourceError]]:
    """Expand files and folders into document files (sorted, each once) and path errors."""
    files: list[Path] = []
    errors: list[SourceError] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            wanted = DOCUMENT_SUFFIXES + REFUSED_SUFFIXES
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() in wanted and p.is_file())
            if not found:
                errors.append(
                    SourceError(
                        raw,
                        "the folder has no documents to ingest "
                        "(.txt, .md, .html, .htm, .pdf or .docx files)",
                    )
                )
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            errors.append(SourceError(raw, "no such file or folder; check the path"))
    unique = list(dict.fromkeys(p.resolve() for p in files))
    return unique, errors


def too_large(name: str, size: int, max_bytes: int) -> SourceError:
    """The refusal of a file over the size limit."""
    return SourceError(
        name,
        f"the file is {size / 1_048_576:.1f} MB, over the {max_bytes / 1_048_576:.1f} MB "
        "limit (QUIZAPP_MAX_DOCUMENT_BYTES); split it or raise the limit",
    )


def decode_source(path: Path, raw: bytes) -> SourceFile:
    """Decode a file's bytes (from disk or an upload). Raises `SourceError` if empty or binary.

    Text that is not UTF-8 is decoded as Windows-1252 (the usual culprit) and says so.
    """
    if not raw.strip():
        raise SourceError(path.name, "the file is empty; add the article text")
    if b"\x00" in raw[:8192]:
        raise SourceError(path.name, "this is a binary file, not plain text; save it as .txt")
    try:
        return SourceFile(path=path, text=raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
        return SourceFile(
            path=path,
            text=text,
            note="not valid UTF-8; decoded as Windows-1252 (save it as UTF-8 to be sure)",
        )
