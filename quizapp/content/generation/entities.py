"""The named things a sentence holds, and token positions read from spaCy's arrays.

Shared by the clause reading (`analysis`) and the terms a text introduces (`terms`).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Entity:
    """A named thing in a sentence: its words (no leading "the", no possessive), kind, tokens."""

    text: str
    kind: str
    label: str
    start: int
    end: int
    sentence: int
    full_name: str = ""  # people: the longest form of the name the document uses
    # The answer's fine kind, which its distractors must share: a number's unit
    # ("number:kilometre"), a date's shape ("date:year"), a place's tagger label.
    fine: str = ""

    @property
    def answer(self) -> str:
        """How a question names it: a person's full name, anything else as written."""
        return self.full_name or self.text


def token_positions(doc, *parts_of_speech: str) -> list[int]:
    """Token positions with one of these parts of speech, read from the array (no Token
    objects)."""
    from spacy.attrs import POS

    tags = doc.user_data.get("quizapp_pos")
    if tags is None:
        tags = doc.user_data["quizapp_pos"] = doc.to_array([POS]).tolist()
    wanted = {doc.vocab.strings[p] for p in parts_of_speech}
    return [i for i, pos in enumerate(tags) if pos in wanted]
