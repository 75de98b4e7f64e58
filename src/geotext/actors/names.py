"""Personal names: given-name gender, honorifics, name forms of one person.

The gender of a person the KB does not know comes from an honorific before one of
their mentions ("Mr", "Mrs", "Ms") or from their given name, looked up in
``data/actors/given_names.tsv`` (derived from public-domain US SSA counts; see
that file's header). A person whose given name is missing or evenly shared keeps
no gender and agrees with both "he" and "she".

>>> given_name_gender("Darla"), given_name_gender("Tomas"), given_name_gender("Xq")
('female', 'male', None)
"""

from __future__ import annotations

import functools
import unicodedata

from geotext.data import load_text_lines

__all__ = ["HONORIFIC_GENDER", "given_name_gender", "strip_invisible"]

HONORIFIC_GENDER = {
    **dict.fromkeys(("mr", "sir", "lord", "king", "prince", "father", "brother", "uncle"), "male"),
    **dict.fromkeys(("mrs", "ms", "miss", "madam", "lady", "queen", "princess", "sister"), "female"),
    **dict.fromkeys(("dame", "aunt", "mother", "mme", "mlle"), "female"),
    **dict.fromkeys(("monsieur", "herr", "senor", "signor"), "male"),
}
"""Courtesy titles that tell a person's gender (lower case, no dot)."""

# Zero-width and soft-hyphen characters that can sit inside a word without showing.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff\u180e"), None)


def strip_invisible(text: str) -> str:
    """Remove invisible format characters (soft hyphen, zero-width joiners, word joiner).

    >>> strip_invisible("Olena\\u200c Kovalenko")
    'Olena Kovalenko'
    """
    return text.translate(_INVISIBLE)


@functools.cache
def _table() -> dict[str, str]:
    out = {}
    for line in load_text_lines("actors/given_names.tsv"):
        name, _, sex = line.partition("\t")
        out[name] = "female" if sex == "f" else "male"
    return out


def given_name_gender(name: str) -> str | None:
    """The gender most people with this given name have (``None`` if unknown).

    Accents are folded when the name as written is not in the table ("Siméon" is
    looked up as "simeon").

    >>> given_name_gender("Siméon")
    'male'
    """
    key = strip_invisible(name).casefold()
    found = _table().get(key)
    if found is None:
        folded = "".join(c for c in unicodedata.normalize("NFKD", key) if not unicodedata.combining(c))
        found = _table().get(folded)
    return found
