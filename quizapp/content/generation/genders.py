"""Whether a person's name is a man's or a woman's, so that "she" never stands for a man.

The first name decides, as gender-guesser's table of first names (some 40,000, from many
countries) reads it; a title before the name ("Mrs", "Sir", "Queen") decides first. A name
the table does not know, or gives to both, has no gender here, and any pronoun may stand
for it.
"""

from __future__ import annotations

import functools

MALE_TITLES = frozenset({"mr", "sir", "lord", "king", "prince", "emperor", "sultan", "duke"})
FEMALE_TITLES = frozenset({"mrs", "ms", "miss", "lady", "dame", "queen", "princess"})
PRONOUN_GENDER = {
    "he": "male", "him": "male", "his": "male", "himself": "male",
    "she": "female", "her": "female", "hers": "female", "herself": "female",
}  # fmt: skip


@functools.cache
def _detector():
    import gender_guesser.detector

    return gender_guesser.detector.Detector(case_sensitive=False)


@functools.cache
def gender_of(name: str) -> str:
    """ "male", "female" or "" (not known, or given to both) for a person's name."""
    words = [w.strip(".,") for w in name.split()]
    for word in words[:-1]:
        if word.casefold() in MALE_TITLES:
            return "male"
        if word.casefold() in FEMALE_TITLES:
            return "female"
    if len(words) < 2:
        return ""  # a surname alone says nothing
    found = _detector().get_gender(words[0])
    return {"male": "male", "mostly_male": "male"}.get(found) or {
        "female": "female",
        "mostly_female": "female",
    }.get(found, "")


def may_stand_for(pronoun: str, name: str) -> bool:
    """The pronoun ("she", "his") may stand for the person named: their genders agree or
    one of them is not known."""
    wanted = PRONOUN_GENDER.get(pronoun.casefold(), "")
    found = gender_of(name)
    return not wanted or not found or wanted == found
