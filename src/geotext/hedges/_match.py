"""Find lexicon cues in a sentence: lemma keys per word, patterns, context guards.

A sentence is seen as a list of :class:`Unit`, one per word (both backends split
``cannot`` into ``can`` + ``not``). Each unit carries the lemma keys it may match.
With a tagger those are the lemma and the lower-cased form; without one (rules
backend) the form and, for closed-class words, the lemma, while the dictionary
lemmas of :mod:`geotext.language.morphology` (``seemed`` -> ``seem``) are guesses
that only verb entries may use, so ``cleared`` never matches the booster ``clear``.
"""

from __future__ import annotations

import functools

import regex
from attrs import define, frozen

from geotext.data import word_set
from geotext.hedges._lexicon import GAP, Entry, Lexicon
from geotext.language import morphology
from geotext.language.view import View
from geotext.model import Sentence, Word

__all__ = ["Match", "Unit", "find", "units"]

_STRAIGHT = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"'})

_CLOSED_UPOS = frozenset({"AUX", "PART", "DET", "PRON", "ADP", "CCONJ", "SCONJ"})
_NUMERIC = regex.compile(r"^(?:[$€£¥]?\d[\d.,]*%?|\d+(?:st|nd|rd|th))$")
NUMBER_WORDS = word_set("closed_class.yaml", "hedges", "number_words")
# Marks after which a capital letter starts a new stretch of text, not a name.
_OPENERS = frozenset({'"', "“", "‘", "'", ":", "-", "–", "—", "("})
_MONTH_CONTEXT = word_set("closed_class.yaml", "hedges", "month_context")
_MIGHT_NOUN_BEFORE = word_set("closed_class.yaml", "hedges", "might_noun_before")
_LINKING = word_set("closed_class.yaml", "hedges", "linking_verbs")
_DEGREE = word_set("closed_class.yaml", "hedges", "degree")


@define(kw_only=True, unsafe_hash=True)
class Unit:
    """One matchable word: its keys, offsets and (when there is one) its parsed word.

    Not frozen (but never changed, and hashable as if it were): a sentence makes one
    per word, and frozen attrs classes are about twice as slow to build.
    """

    index: int
    """Position in the unit list."""
    word: Word
    """The model word (shared by both halves of a split rules word)."""
    form: str
    """The lower-cased, straightened surface form of this unit."""
    keys: frozenset[str]
    """Lemma and form: match any entry."""
    guesses: frozenset[str]
    """Surface-form lemma guesses: match verb entries only."""
    start: int
    end: int
    lookup: tuple[str, ...] = ()
    """``keys | guesses`` in sorted order: the lexicon look-up keys (sorted, so output
    does not depend on ``PYTHONHASHSEED``)."""

    @property
    def numeric(self) -> bool:
        """Whether the unit is a number (digits or a number word)."""
        return _numeric_form(self.form) or self.word.upos == "NUM"

    @property
    def punct(self) -> bool:
        """Whether the unit is punctuation."""
        return self.word.upos == "PUNCT" or not any(c.isalnum() for c in self.form)


@functools.lru_cache(maxsize=65536)
def _numeric_form(form: str) -> bool:
    """Whether ``form`` is digits or a number word (cached per form: the guards ask it
    of the words around many cues)."""
    return bool(_NUMERIC.match(form)) or form in NUMBER_WORDS


@frozen(kw_only=True)
class Match:
    """A lexicon entry matched on some units of a sentence."""

    entry: Entry
    units: tuple[Unit, ...]
    """The units the pattern's words matched (not the gap between them)."""


def units(view: View) -> list[Unit]:
    """Return the matchable units of the sentence ``view`` shows, one per word
    (``units(view)[i].word is view.words[i]``).

    Words of a multi-word token get their own slice of the token when their forms
    spell it out (``won’t`` -> ``wo`` + ``n’t``), so cue offsets are exact.
    """
    sentence, has_parse = view.sentence, view.has_parse
    out: list[Unit] = []
    cache = _KEYS
    new = object.__new__
    for token in sentence.tokens:
        words = token.words
        if len(words) == 1 and words[0].form == token.text:
            # One word spelling its token (most tokens): its piece is exact
            # (straightening keeps the length).
            w = words[0]
            one: tuple[tuple[Word, int, int], ...] = ((w, token.start, token.start + len(w.form)),)
        else:
            pieces = [_straight(w.form) for w in words]
            exact = "".join(pieces).lower() == _straight(token.text).lower()
            offset = token.start
            cut = []
            for w, piece in zip(words, pieces, strict=True):
                cut.append((w, offset, offset + len(piece)) if exact else (w, w.start, w.end))
                offset += len(piece)
            one = tuple(cut)
        for w, start, end in one:
            lower = not w.text[:1].isupper()
            # The straightened piece is a function of the form: the form keys the cache.
            cache_key = (w.form, w.lemma, w.upos, has_parse, lower)
            got = cache.get(cache_key)
            if got is None:
                got = cache[cache_key] = _keys(_straight(w.form), w.lemma, w.upos, has_parse, lower)
                if len(cache) > _KEYS_MAX:
                    cache.clear()
                    cache[cache_key] = got
            # Unit(index=..., word=w, form=, keys=, guesses=, start=, end=, lookup=)
            # with the slots set directly (a sentence makes one per word).
            u: Unit = new(Unit)
            u.index, u.word, u.start, u.end = len(out), w, start, end
            u.form, u.keys, u.guesses, u.lookup = got
            out.append(u)
    return out


# The keys of a word depend on its form, lemma, tag and capital only, and words
# repeat: one computation per distinct word (cleared when it grows past the bound).
_KEYS: dict[
    tuple[str, str, str, bool, bool], tuple[str, frozenset[str], frozenset[str], tuple[str, ...]]
] = {}
_KEYS_MAX = 200_000


def _keys(
    piece: str, lemma_: str, upos: str, has_parse: bool, lower: bool
) -> tuple[str, frozenset[str], frozenset[str], tuple[str, ...]]:
    """``(form, keys, guesses, lookup)`` of one word (see :class:`Unit`)."""
    form = piece.lower()
    lemma = lemma_.lower().translate(_STRAIGHT)
    # Without a tagger only a closed-class word's lemma is sure ("was" ->
    # "be"); an open-class lemma is a guess ("cleared" -> "clear").
    sure = has_parse or upos in _CLOSED_UPOS
    keys = {form, lemma} if sure else {form}
    if form in {"n't", "nt"}:
        keys.add("not")
    # A dictionary lemmatizer leaves unseen words as they are ("refrained"):
    # guess for those too.
    unseen = not sure or lemma == form
    guesses = frozenset(morphology.all_lemmas(form, lower) - keys) if unseen else frozenset()
    return form, frozenset(keys), guesses, tuple(sorted(keys | guesses))


def _straight(text: str) -> str:
    """``text`` with curly quotes and backticks straightened (ASCII text without a
    backtick is returned as it is: ``str.translate`` costs a look-up per character)."""
    return text if text.isascii() and "`" not in text else text.translate(_STRAIGHT)


def _accepts(slot: frozenset[str], unit: Unit, verbal: bool) -> bool:
    return bool(slot & unit.keys) or (verbal and bool(slot & unit.guesses))


def _match_at(entry: Entry, us: list[Unit], i: int) -> tuple[Unit, ...] | None:
    matched: list[Unit] = []
    j = i
    k = 0
    slots = entry.slots
    verbal = entry.verbal  # a property: read once, not once per slot
    while k < len(slots):
        slot = slots[k]
        if slot == GAP:
            nxt = slots[k + 1]
            for g in range(j, min(len(us), j + entry.gap + 1)):
                if _accepts(nxt, us[g], verbal):
                    matched.append(us[g])
                    j = g + 1
                    break
            else:
                return None
            k += 2
            continue
        if j >= len(us) or not _accepts(slot, us[j], verbal):
            return None
        matched.append(us[j])
        j += 1
        k += 1
    return tuple(matched)


def _is_numeric_next(us: list[Unit], j: int) -> bool:
    if j >= len(us):
        return False
    if us[j].numeric:
        return True
    if us[j].form in {"a", "an", "the", "$", "€", "£"} and j + 1 < len(us):
        return us[j + 1].numeric
    return False


def _sentence_initial(us: list[Unit], i: int) -> bool:
    return all(u.punct for u in us[:i])


def _month(us: list[Unit], i: int) -> bool:
    """Whether "may" at ``us[i]`` is the month."""
    u = us[i]
    prev = us[i - 1] if i > 0 else None
    nxt = us[i + 1] if i + 1 < len(us) else None
    if (nxt is not None and nxt.numeric) or (prev is not None and prev.numeric):
        return True
    if prev is not None and prev.form in _MONTH_CONTEXT:
        return True
    capital = u.word.text[:1].isupper()
    return capital and not _sentence_initial(us, i) and not (prev is not None and prev.form in _OPENERS)


def _in_name(us: list[Unit], i: int) -> bool:
    """Whether the word at ``us[i]`` is capitalised inside the sentence, i.e. part of a
    name ("Great Britain", "the Popular Front"), not the common adjective."""
    return us[i].word.text[:1].isupper() and not _sentence_initial(us, i) and us[i - 1].form not in _OPENERS


def _named_before(us: list[Unit], i: int) -> bool:
    """Whether the words before ``us[i]`` name or pick out the noun ("ISW analysts",
    "Russian officials", "the analysts", "Putin's advisers")."""
    j = i - 1
    while (
        j >= 0
        and i - j <= 2
        and us[j].word.upos in {"ADJ", "NOUN", "X"}
        and us[j].word.text[:1].islower()
        and not _sentence_initial(us, j)
    ):
        j -= 1  # lower-case modifiers ("senior analysts", "election officials")
    if j < 0 or us[j].punct:
        return False
    prev = us[j]
    if prev.word.upos in {"DET", "PRON", "PROPN"} or prev.form in {"'s", "’s", "'"}:
        return True
    text = prev.word.text
    if _sentence_initial(us, j):
        return len(text) > 1 and text.isupper()  # "ISW analysts say"; not "Western analysts"
    return text[:1].isupper()


def _participle(u: Unit, lemmas: frozenset[str]) -> bool:
    """Whether ``u`` reads as a past participle of one of ``lemmas`` ("believed",
    "thought", "known"), not a base, -s or -ing form."""
    return u.form not in lemmas and not u.form.endswith(("s", "ing"))


def _noun_might(us: list[Unit], i: int) -> bool:
    """Whether "might" at ``us[i]`` is the noun ("military might")."""
    prev = us[i - 1] if i > 0 else None
    nxt = us[i + 1] if i + 1 < len(us) else None
    if prev is not None and prev.form in _MIGHT_NOUN_BEFORE:
        return True
    return nxt is None or nxt.punct or nxt.form in {"of", "and", "is", "was", "has"}


def _predicative(us: list[Unit], i: int, sentence: Sentence, has_parse: bool) -> bool:
    """Whether the adjective at ``us[i]`` is predicative ("it is clear", "made clear")."""
    w = us[i].word
    if has_parse:
        if any(c.deprel == "cop" for c in sentence.children(w)):
            return True
        head = sentence.head_of(w)
        return w.deprel in {"xcomp", "ccomp"} and head is not None and head.lemma.lower() in _LINKING
    j = i - 1
    while j >= 0 and (us[j].form in _DEGREE or us[j].form.endswith("ly")) and i - j <= 3:
        if us[j].keys & _LINKING or us[j].guesses & _LINKING:
            return True
        j -= 1
    return j >= 0 and bool(us[j].keys & _LINKING or us[j].guesses & _LINKING)


def _allowed(m: Match, us: list[Unit], sentence: Sentence, has_parse: bool) -> bool:
    e = m.entry
    first, last = m.units[0], m.units[-1]
    i, j = first.index, last.index
    if has_parse and e.pos is not None and first.word.upos not in e.pos:
        return False
    if e.not_prev and i > 0 and us[i - 1].keys & e.not_prev:
        return False
    if e.not_next and j + 1 < len(us) and us[j + 1].keys & e.not_next:
        return False
    if e.next == "numeric" and not _is_numeric_next(us, j + 1):
        return False
    if e.next == "not_numeric" and _is_numeric_next(us, j + 1):
        return False
    if e.guard == "lowercase" and _in_name(us, i):
        return False
    if e.guard == "unnamed" and _named_before(us, i):
        return False
    if e.guard == "participle" and not _participle(last, e.slots[-1]):
        return False
    if e.guard == "month" and _month(us, i):
        return False
    if e.guard == "noun_might" and _noun_might(us, i):
        return False
    return not (e.guard == "predicative" and not _predicative(us, i, sentence, has_parse))


def find(lex: Lexicon, sentence: Sentence, us: list[Unit], has_parse: bool) -> list[Match]:
    """Return the non-overlapping cue matches in ``sentence``, in text order.

    Overlaps go to the match with more words, then to the lexicon with the lower
    priority number (estimative, hedge cues, negation, reporting wrappers), so "no
    doubt" is a booster, not a negation, and "almost certainly" is one estimative cue.
    """
    found: list[Match] = []
    by_first = lex.by_first
    for i, u in enumerate(us):
        seen: set[str] = set()
        for key in u.lookup or sorted(u.keys | u.guesses):  # sorted: output must not depend on PYTHONHASHSEED
            if key not in by_first:
                continue  # most words start no entry
            for entry in by_first[key]:
                if entry.name in seen:
                    continue
                seen.add(entry.name)
                got = _match_at(entry, us, i)
                if got is not None:
                    m = Match(entry=entry, units=got)
                    if _allowed(m, us, sentence, has_parse):
                        found.append(m)
    found.sort(key=lambda m: (-len(m.units), m.entry.priority, m.units[0].index))
    taken: set[int] = set()
    kept: list[Match] = []
    for m in found:
        idx = {u.index for u in m.units}
        if idx & taken:
            continue
        taken |= idx
        kept.append(m)
    kept.sort(key=lambda m: m.units[0].index)
    return kept
