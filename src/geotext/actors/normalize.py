"""One normalisation for knowledge-base aliases and input text.

Names are matched word by word. :func:`name_tokens` cuts a string into word
tokens with offsets and a *key* per token; :func:`normalize` joins the keys of a
whole string. The same functions run on KB aliases at load time and on document
words at resolution time, so every folding below works in both directions:

* case folding, diacritics stripped (``Lukašenka`` -> ``lukasenka``), and the
  letters NFKD does not decompose (``ł``, ``ø``, ``æ`` ...) spelled out;
* apostrophes and dashes unified; possessive ``'s`` / ``'`` dropped;
  periods inside abbreviations dropped (``U.S.`` -> ``us``);
* hyphens split words (``Union-designed`` -> ``union`` + ``designed``) and so
  does a lower-to-upper case change inside a word, which is how words glued by
  scraping look (``StudiesLukashenko`` -> ``studies`` + ``lukashenko``), except
  after name prefixes such as ``Mc`` or ``De``;
* transliteration variants from ``data/actors/variants.yaml`` (``Wladimir`` ->
  ``vladimir``, ``Zelenskyy`` -> ``zelensky``).
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterator

import regex
from attrs import frozen

from geotext.data import load_yaml

__all__ = ["NameToken", "clean_name", "fold_word", "name_tokens", "normalize", "pieces", "slug", "stem"]

# One-to-one character replacements, so offsets survive the translation.
_CHAR_MAP = str.maketrans(
    {
        **dict.fromkeys("\u2019\u2018\u201b`\u00b4\u02bc\u02b9\u2032\uff07", "'"),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d", "-"),
    }
)
# Letters that NFKD leaves alone but that readers treat as the base letter.
_SPELLED_OUT = str.maketrans(
    {"ł": "l", "đ": "d", "ø": "o", "æ": "ae", "œ": "oe", "ı": "i", "ð": "d", "þ": "th"}
)
# A word: letters/digits, with inner apostrophes and periods (O'Brien, U.S).
_WORD = regex.compile(r"\w+(?:['.]\w+)*")
# Lower-to-upper change inside a word: the trace of two words glued together.
_SLUG_WORD = regex.compile(r"[a-z0-9]+")  # compiled once: regex.findall(str, ...) costs ~10 µs a call
_CAMEL = regex.compile(r"(?<=\p{Ll}{2})(?=\p{Lu}\p{Ll})|(?<=\p{Ll})(?=\p{Lu}{2,}\b)")
# Surname prefixes written glued to a capital (McDonald, DeSantis, LeBron): no split.
_NAME_PREFIXES = frozenset({"mc", "mac", "de", "di", "da", "du", "la", "le", "van", "von"})


@frozen(kw_only=True)
class NameToken:
    """A word of a name or a text: its key, its surface and its offsets.

    ``start``/``end`` index the string that was tokenised; ``shape`` is
    ``upper`` (two or more letters, all capitals), ``cap`` (starts with a
    capital), ``lower`` or ``other`` (no letters), read from the surface.
    """

    key: str
    surface: str
    start: int
    end: int
    shape: str


@functools.cache
def _variants() -> tuple[dict[str, str], tuple[tuple[regex.Pattern[str], str], ...], int]:
    data = load_yaml("actors/variants.yaml")
    if not isinstance(data, dict):
        raise TypeError("actors/variants.yaml must hold a mapping")
    tokens = {str(k): str(v) for k, v in dict(data.get("tokens") or {}).items()}
    rules = tuple((regex.compile(str(pattern)), str(repl)) for pattern, repl in data.get("rules") or ())
    return tokens, rules, int(data.get("min_length", 4))


@functools.lru_cache(maxsize=65536)
def fold_word(word: str) -> str:
    """Return the matching key of one word.

    >>> fold_word("Wladimir"), fold_word("Zelenskyy"), fold_word("Lukašenka")
    ('vladimir', 'zelensky', 'lukasenka')
    >>> fold_word("Putin\u2019s"), fold_word("U.S.")
    ('putin', 'us')
    """
    text = word.translate(_CHAR_MAP).casefold().translate(_SPELLED_OUT)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    if text.endswith("'s"):
        text = text[:-2]
    text = text.replace(".", "").strip("'")
    tokens, rules, min_length = _variants()
    text = tokens.get(text, text)
    if len(text) >= min_length and text.isalpha():
        for pattern, repl in rules:
            text = pattern.sub(repl, text)
        text = tokens.get(text, text)
    return text


def _shape(surface: str) -> str:
    letters = [c for c in surface if c.isalpha()]
    if not letters:
        return "other"
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return "upper"
    return "cap" if letters[0].isupper() else "lower"


def _pieces(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Split one word at glue points (lower-to-upper case changes)."""
    cut = start
    for m in _CAMEL.finditer(text, start, end):
        piece = text[cut : m.start()]
        if piece.casefold() in _NAME_PREFIXES or len(piece) < 2:
            continue
        yield cut, m.start()
        cut = m.start()
    yield cut, end


def name_tokens(text: str, offset: int = 0) -> list[NameToken]:
    """Cut ``text`` into name tokens; offsets are shifted by ``offset``.

    >>> [t.key for t in name_tokens("theInstitute for War StudiesLukashenko’s")]
    ['the', 'institute', 'for', 'war', 'studies', 'lukashenko']
    """
    return [
        NameToken(key=key, surface=surface, start=s + offset, end=e + offset, shape=shape)
        for key, surface, s, e, shape in pieces(text)
    ]


@functools.lru_cache(maxsize=65536)
def pieces(text: str) -> tuple[tuple[str, str, int, int, str], ...]:
    """The name tokens of ``text`` as ``(key, surface, start, end, shape)`` tuples (cached).

    >>> pieces("Putin’s")
    (('putin', 'Putin', 0, 5, 'cap'),)
    """
    flat = text.translate(_CHAR_MAP)
    out = []
    for m in _WORD.finditer(flat):
        if m.group() in ("s", "S") and flat[m.start() - 1 : m.start()] == "'":
            continue  # a possessive split off by the tokenizer ("Putin" "'s")
        for s, e in _pieces(flat, m.start(), m.end()):
            key = fold_word(text[s:e])
            if flat[e - 2 : e] in ("'s", "'S") and e - 2 > s:
                e -= 2  # the mention is "Putin", not "Putin's"
            elif "." in flat[s:e] and flat[e : e + 1] == ".":
                e += 1  # keep the last period of "U.S." in the mention
            if key:
                surface = text[s:e]
                out.append((key, surface, s, e, _shape(surface)))
    return tuple(out)


@functools.lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """Return the matching key of a whole name: folded words joined by spaces.

    >>> normalize("Wladimir Putin\u2019s")
    'vladimir putin'
    >>> normalize("Dmitri Peskov") == normalize("Dmitry Peskov")
    True
    """
    return " ".join(t.key for t in name_tokens(text))


# Control (Cc), format (Cf), surrogate (Cs), private-use (Co) and space characters
# (line breaks and tabs included): none of them belongs inside a canonical name.
_NOT_IN_NAMES = regex.compile(r"[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Z}\s]+")


def clean_name(name: str) -> str:
    r"""Return a canonical name built from text, without control characters.

    The policy for names of actors taken from the text (``Actor.name``, and so
    ``Speaker.name`` and ``Holder.actor_name``): each run of control, format,
    surrogate, private-use or space characters (NUL, BEL, a zero-width space, a lone
    surrogate, a tab, a line break) becomes one space, and the ends are stripped.
    Spans are not touched: a mention's ``text`` stays the slice of the original at
    its offsets (the JSON escapes what it must).

    >>> clean_name("John\x00Smith"), clean_name(" Ada\u200b \x07Lovelace\udcff ")
    ('John Smith', 'Ada Lovelace')
    """
    return _NOT_IN_NAMES.sub(" ", name).strip()


def stem(key: str) -> str:
    """Strip an English plural or verb ``-s`` from a folded word (for overlap tests).

    >>> stem("studies"), stem("forces"), stem("affairs"), stem("us")
    ('study', 'force', 'affair', 'us')
    """
    if len(key) > 4 and key.endswith("ies"):
        return key[:-3] + "y"
    if len(key) > 3 and key.endswith("s") and not key.endswith(("ss", "us", "is")):
        return key[:-1]
    return key


def slug(name: str) -> str:
    """Return an id slug: folded words joined by hyphens (no variant folding).

    >>> slug("Dmitri Pes\u030ckov Jr."), slug("Kyiv")
    ('dmitri-peskov-jr', 'kyiv')
    """
    text = name.translate(_CHAR_MAP).casefold().translate(_SPELLED_OUT)
    if not text.isascii():  # ASCII is its own NFKD form, with no combining marks
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return "-".join(_SLUG_WORD.findall(text.replace("'", ""))) or "x"
