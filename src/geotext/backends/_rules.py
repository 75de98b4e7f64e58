"""The model-free ``rules`` backend: regex sentences and tokens.

It needs no models and is the fast path for very large corpora. Sentences end at
``.``, ``!`` or ``?`` (plus closing quotes and brackets) before a capital, a digit or
an opening quote, except after known abbreviations and single initials, and always at
a blank line. Tokens split English clitics (``'s``, ``n't``) and one-word contractions
(``cannot``) as stanza does. Words get a surface-form POS guess, a dictionary lemma
(:mod:`geotext.language.morphology`) and no parse.
"""

from __future__ import annotations

import functools

import regex

from geotext.backends._build import RawSentence, RawToken, RawWord
from geotext.data import load_yaml
from geotext.language import morphology

__all__ = ["RulesBackend", "surface_tags"]

_TOKEN = regex.compile(
    r"""
    (?:\p{Lu}\.){2,}                                  # U.S., U.N.
    | \d+(?:[.,:/]\d+)*%?                             # 1,000  3.5%  24/7
    | [\p{L}\p{M}\p{N}]+?(?=n't\b)                   # does|n't
    | n't\b
    | '(?:s|S|re|ve|ll|d|m)\b                         # clitics
    | [\p{L}\p{M}\p{N}]+(?:[-.][\p{L}\p{M}\p{N}]+)*    # words, hyphenated, e.mail
    | \.{2,} | -{2,}                                  # ellipsis, dashes
    | \S                                              # any other character
    """,
    regex.VERBOSE,
)
_PARAGRAPH = regex.compile(r"\n[ \t]*\n\s*")
_END = regex.compile(r"[.!?]+[\"')\]]*")
# Matched right after a sentence end. The lookbehind and the possessive run keep it
# linear even when searched: no retry from inside a run of spaces.
_NEXT_STARTS = regex.compile(r"(?<!\s)\s++[\"'(\[]?[\p{Lu}\p{N}]")
_PUNCT = regex.compile(r"^[\p{P}\p{S}]+$")
_INITIAL = regex.compile(r"\p{L}\.")
_NUM = regex.compile(r"^\d[\d.,:/]*%?$")


@functools.cache
def _lexicon() -> tuple[dict[str, str], frozenset[str]]:
    data = load_yaml("closed_class.yaml")
    assert isinstance(data, dict)
    upos: dict[str, str] = {}
    for tag, words in data["upos"].items():
        for w in words:
            upos.setdefault(str(w), str(tag))
    return upos, frozenset(str(a) for a in data["abbreviations"])


def _guess_upos(form: str, first: bool, closed: dict[str, str]) -> str:
    low = form.lower()
    if low in closed:
        return closed[low]
    if _NUM.match(form):
        return "NUM"
    if _PUNCT.match(form):
        return "PUNCT"
    if form[:1].isupper() and not first:
        return "PROPN"
    return "X"


def surface_tags(form: str, first: bool) -> tuple[str, str]:
    """``(lemma, upos)`` the rules backend gives the word ``form`` (``first``: the
    sentence's first word): a closed-class or shape guess and its dictionary lemma.

    Features computed from these are the same whichever backend annotated the text
    (the hedge disambiguator's shared features).

    Example:
        >>> surface_tags("may", False), surface_tags("officials", False), surface_tags("Putin", False)
        (('may', 'AUX'), ('official', 'X'), ('Putin', 'PROPN'))
    """
    closed, _ = _lexicon()
    upos = _guess_upos(form, first, closed)
    return morphology.lemma(form, upos), upos


def _words(form: str, first: bool, closed: dict[str, str]) -> tuple[RawWord, ...]:
    """The word(s) of one token: two for a one-word contraction ("cannot" -> "can"
    + "not", as stanza has it), each with its POS guess and dictionary lemma."""
    parts = morphology.splits(form)
    if parts is None:
        upos = _guess_upos(form, first, closed)
        return (RawWord(form, morphology.lemma(form, upos), upos, "_", "_", 0, "dep"),)
    out: list[RawWord] = []
    offset = 0
    for part in parts:
        piece = form[offset : offset + len(part)]  # the original case ("Cannot")
        offset += len(part)
        upos = _guess_upos(piece, first and not out, closed)
        out.append(RawWord(piece, morphology.lemma(piece, upos), upos, "_", "_", 0, "dep"))
    return tuple(out)


_WORDS: dict[tuple[str, bool], tuple[RawWord, ...]] = {}
_WORDS_MAX = 200_000


class RulesBackend:
    """Annotate without models: sentences, tokens and surface POS guesses."""

    name = "rules"
    has_parse = False
    has_ner = False

    def annotate(self, texts: list[str]) -> list[list[RawSentence]]:
        """Split each text into sentences and tokens; offsets index each text."""
        return [self._one(t) for t in texts]

    def _one(self, text: str) -> list[RawSentence]:
        closed, abbrevs = _lexicon()
        # Words repeat a lot ("the", ",", "Putin"): one RawWord per (form, position
        # class) is shared across texts, which keeps big corpora and many short
        # articles fast (cleared when it outgrows its bound).
        cache = _WORDS
        if len(cache) > _WORDS_MAX:
            cache.clear()
        out: list[RawSentence] = []
        new_token = tuple.__new__  # RawToken(start, end, words) without its Python __new__
        for s, e in _sentences(text, abbrevs):
            toks: list[RawToken] = []
            first = True
            pos: int | None = s
            while pos is not None:
                restart = None
                for m in _TOKEN.finditer(text, pos, e):
                    form, end = m.group(), m.end()
                    if end < e and text[end] == "." and (form.lower() + ".") in abbrevs:
                        form, end = form + ".", end + 1  # "Mr." is one token, as stanza has it
                        # Go on from the token's end, so the rest of a run such as
                        # "Mr..." is tokenised (".."), never skipped.
                        restart = end
                    key = (form, first)
                    words = cache.get(key)
                    if words is None:
                        words = cache[key] = _words(form, first, closed)
                    toks.append(new_token(RawToken, (m.start(), end, words, "O")))
                    first = False
                    if restart is not None:
                        break
                pos = restart
            if toks:
                out.append(RawSentence(tuple(toks)))
        return out


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    prev = 0
    for sep in _PARAGRAPH.finditer(text):
        spans.append((prev, sep.start()))
        prev = sep.end()
    spans.append((prev, len(text)))
    return spans


def _sentences(text: str, abbrevs: frozenset[str]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for pstart, pend in _paragraphs(text):
        begin = pstart
        for m in _END.finditer(text, pstart, pend):
            nxt = _NEXT_STARTS.match(text, m.end(), pend)
            if nxt is None:
                continue
            # The word before the full stop: an abbreviation or an initial does not
            # end the sentence ("Mr. Putin", "J. Biden").
            # Walk back over the word only (rfind of a space scanned back to the
            # paragraph start, quadratic on tab-separated sentences).
            word_start = m.start()
            while word_start > pstart and not text[word_start - 1].isspace():
                word_start -= 1
            before = text[word_start : m.start() + 1].lower()
            if m.group()[0] == "." and (before in abbrevs or _INITIAL.fullmatch(before)):
                continue
            spans.append((begin, m.end()))
            begin = m.end()
        spans.append((begin, pend))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out
