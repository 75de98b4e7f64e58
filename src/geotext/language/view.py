"""The one sentence view: words, noun-phrase chunks, clauses, subjects and objects.

Every capability reads a sentence through :class:`View`: the words with their
lower-cased forms, lemma, UPOS, head and relation, the noun phrases ending or
starting at a word, the clause a word opens, and the parse subject of a verb.

These patterns work on every backend: with a parse they read ``upos``, and
without one (the ``rules`` backend) they fall back on closed-class word lists and
capitalisation. The parse is used where it helps (telling a verb from a noun) and
never trusted alone: the shipped parser gets about one word in five wrong.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Collection, Iterator, Sequence
from operator import attrgetter

from attrs import frozen

from geotext.data import load_schema, word_set
from geotext.errors import DataError
from geotext.model import Sentence, Word

__all__ = ["NP", "MarkInventory", "View", "dateline_end", "is_subject", "mark_inventory", "quote_marks"]


def _words(key: str) -> frozenset[str]:
    return word_set("closed_class.yaml", "view", key)


SUBJECT_PRONOUNS = _words("subject_pronouns")
# Object forms stand for a speaker after a preposition: "according to him".
OBJECT_PRONOUNS = _words("object_pronouns")
# Quantifiers that stand alone as a plural subject ("both refrained ..., noting").
STANDALONE = _words("standalone")
DETERMINERS = _words("determiners")
REFLEXIVES = word_set("closed_class.yaml", "reflexives")
# Prepositions that may attach inside a noun phrase ("the head of the IMF").
NP_INNER_ADP = word_set("closed_class.yaml", "prepositions", "attaching")
# Prepositions that open an adjunct between a cue and its content ("said during …").
ADJUNCT_ADP = NP_INNER_ADP | word_set("closed_class.yaml", "prepositions", "adjunct")
AUX_FORMS = _words("auxiliaries")
# Words that may sit between a subject and its reporting verb ("X has also said").
BETWEEN = _words("between")
# Subordinating conjunctions that open an adverbial clause ("that if he wins, …").
SUBORDINATORS = _words("subordinators")
CONJ_START = _words("clause_openers")
PUNCT_FORMS = frozenset([*".,;:!?()[]{}-–—…\"'`", "''", "``", "--", "..."])
CLAUSE_STOP = frozenset({";", ":"})
_CLOSED_NON_NOMINAL = _words("non_nominal")
SUBJECT_DEPRELS = frozenset({"nsubj", "nsubj:outer"})
"""UD relations of an active clause's subject."""
PASSIVE_SUBJECT_DEPRELS = frozenset({"nsubj", "nsubj:pass"})
"""UD relations of a subject, active or passive."""
CONTROL_DEPRELS = frozenset({"advcl", "xcomp", "conj", "acl"})
"""Relations through which a verb shares its head's subject."""


def is_subject(deprel: str) -> bool:
    """Whether a word with relation ``deprel`` is a clause's subject in the parse
    (``nsubj``, ``nsubj:pass``, ``nsubj:outer``)."""
    return deprel.startswith("nsubj")


@frozen(kw_only=True)
class NP:
    """A noun phrase: word indices ``[start, end)`` and the indices of its head(s)."""

    start: int
    end: int
    heads: tuple[int, ...]


_DASHES = frozenset({"\u2014", "\u2013", "-", "--"})


def dateline_end(forms: Sequence[str]) -> int:
    """The index of the word after a dateline that opens these words (0 if none).

    A dateline is a place name in capitals, then only capitalised words, commas
    and a bracketed agency, then a dash followed by a capitalised word:
    "WASHINGTON (AP) — The Pentagon …", "KYIV, Ukraine — Ukraine's …". "NATO —
    which …" is none (lower case after the dash), nor "NATO, which … —". A day
    and year may stand among the words ("LONDON, March 3 (Reuters) - Aid …").

    >>> from geotext.language.view import dateline_end
    >>> dateline_end(["KYIV", ",", "Ukraine", "\u2014", "The", "minister", "said"])
    4
    >>> dateline_end(["LONDON", ",", "March", "3", "(", "Reuters", ")", "-", "Aid", "arrived"])
    8
    >>> dateline_end(["NATO", "\u2014", "which", "has", "32", "members"])
    0
    """
    if len(forms) < 3:
        return 0
    first = forms[0]
    if len(first) < 3 or not first.isupper() or not any(ch.isalpha() for ch in first):
        return 0
    for k in range(1, min(len(forms) - 1, 9)):
        f = forms[k]
        if f in _DASHES:
            nxt = forms[k + 1]
            return k + 1 if nxt[:1].isupper() or nxt[:1].isdigit() else 0
        if f in (",", "(", ")") or f[:1].isupper() or (f.isdigit() and len(f) <= 4):
            continue
        return 0
    return 0


@functools.lru_cache(maxsize=65536)
def _has_alnum(form: str) -> bool:
    """Whether ``form`` has a letter or digit (cached: words repeat, and the quote and
    hedge rules ask this of every word, often more than once)."""
    return any(c.isalnum() for c in form)


class View:
    """A sentence's words with the predicates the quote rules need."""

    def __init__(self, sentence: Sentence, has_parse: bool, verb_forms: frozenset[str] = frozenset()) -> None:
        self.sentence = sentence
        self.words: tuple[Word, ...] = sentence.words
        self.forms = [w.form.lower() for w in sentence.words]
        self.has_parse = has_parse
        # without a parse, a reporting-verb form not after a determiner is a verb
        self.verb_forms = verb_forms

    def __len__(self) -> int:
        return len(self.words)

    # --- word classes -----------------------------------------------------------
    def is_punct(self, i: int) -> bool:
        """Whether word ``i`` is punctuation (quote marks included)."""
        w = self.words[i]
        return w.upos == "PUNCT" or self.forms[i] in PUNCT_FORMS or not _has_alnum(w.form)

    def is_aux(self, i: int) -> bool:
        """Whether word ``i`` is an auxiliary or modal."""
        return self.words[i].upos == "AUX" or self.forms[i] in AUX_FORMS

    def is_verb(self, i: int) -> bool:
        """Whether word ``i`` is (likely) a verb; without a parse, only auxiliaries are known."""
        if self.has_parse:
            return self.words[i].upos in ("VERB", "AUX")
        return self.is_aux(i)

    def is_between(self, i: int) -> bool:
        """Whether word ``i`` may stand between a subject and its verb."""
        f = self.forms[i]
        if i > 0 and self.words[i].text[:1].isupper():
            # Capitalised inside a sentence: a name ("Theresa May said"), not the modal.
            return False
        if f in BETWEEN or self.is_aux(i):
            return True
        if self.has_parse:
            return self.words[i].upos in ("ADV", "PART") and f not in ("'s", "to")
        return f.endswith("ly") and f not in ("only", "family", "italy", "july", "ally")

    def is_nominal(self, i: int) -> bool:
        """Whether word ``i`` can be part of a noun phrase."""
        w, f = self.words[i], self.forms[i]
        if f in ("-", "/") and 0 < i < len(self.words) - 1:
            # a word-internal hyphen the tokenizer split off ("two-term", "pro-Israel")
            before, after = self.words[i - 1], self.words[i + 1]
            if before.end == w.start and w.end == after.start and not self.is_punct(i + 1):
                return True
        if self.is_punct(i) and f not in ("'s", "'"):
            return False
        if f in ("'s", "'"):
            return True
        if len(w.text) >= 2 and w.text.isalpha() and w.text.isupper():
            return True  # an abbreviation ("US", "UN"), not the pronoun "us"
        if f in SUBJECT_PRONOUNS or f in REFLEXIVES:
            return False
        if i > 0 and w.text[:1].isupper() and w.text.isalpha() and not self.is_punct(i - 1):
            return True  # capitalised inside a sentence: a name ("Theresa May"), not the modal
        if f in _CLOSED_NON_NOMINAL:
            return False
        if self.has_parse:
            if w.upos in ("NOUN", "PROPN", "ADJ", "NUM", "DET"):
                return True
            if w.upos == "PRON":
                return w.feats.find("Poss=Yes") >= 0
            return w.upos in ("VERB", "X") and w.deprel in ("amod", "compound", "flat", "nmod:poss")
        if self.is_aux(i) or w.upos in ("ADP", "CCONJ", "SCONJ", "PART", "PRON") or f in ADJUNCT_ADP:
            return f in ("his", "her", "its", "their", "our", "my", "your")
        if f in self.verb_forms and not (i > 0 and self.forms[i - 1] in DETERMINERS):
            return False
        if f.endswith("ed") and w.text[:1].islower() and i > 0 and self.is_capitalized(i - 1):
            return False  # "Erdogan changed his position": a past tense after a name
        return not (f.endswith("ly") and w.text[:1].islower())

    def is_capitalized(self, i: int) -> bool:
        """Whether word ``i`` starts with a capital letter."""
        return self.words[i].text[:1].isupper()

    # --- offsets ----------------------------------------------------------------
    def first_at_or_after(self, offset: int) -> int:
        """Index of the first word starting at or after ``offset`` (``len`` if none)."""
        return bisect.bisect_left(self.words, offset, key=attrgetter("start"))  # words are in text order

    def last_before(self, offset: int) -> int:
        """Index of the last word ending at or before ``offset`` (``-1`` if none)."""
        return bisect.bisect_right(self.words, offset, key=attrgetter("end")) - 1

    # --- noun phrases -------------------------------------------------------------
    def _heads(self, start: int, end: int) -> tuple[int, ...]:
        """Heads of the NP ``[start, end)``: the last nominal before any preposition,
        comma or reflexive, plus the heads of ``and``-coordinated names."""
        heads: list[int] = []
        last = -1
        for i in range(start, end):
            f = self.forms[i]
            if f in NP_INNER_ADP or f == "," or f in REFLEXIVES:
                break
            if f == "and":
                if last >= 0:
                    heads.append(last)
                last = -1
                continue
            if f not in ("'s", "'") and (self.is_nominal(i) or f in SUBJECT_PRONOUNS or f in STANDALONE):
                last = i
        if last >= 0:
            heads.append(last)
        return tuple(heads) or (end - 1,)

    def np_ending_at(self, end: int, *, max_words: int = 10) -> NP | None:
        """The noun phrase whose last word is ``end - 1`` (a pronoun, a name, a
        description, with ``of``-style attachments and ``X and Y`` coordination)."""
        i = end - 1
        if i < 0:
            return None
        f = self.forms[i]
        if f in REFLEXIVES and i > 0:  # "the Kremlin boss himself"
            inner = self.np_ending_at(i, max_words=max_words)
            return None if inner is None else NP(start=inner.start, end=end, heads=inner.heads)
        if f in SUBJECT_PRONOUNS and f != "who":
            return NP(start=i, end=end, heads=(i,))
        if f in STANDALONE and (i == 0 or not self.is_nominal(i - 1)):
            return NP(start=i, end=end, heads=(i,))
        if not self.is_nominal(i) or f in ("'s", "'"):
            return None
        start = i
        while start - 1 >= 0 and end - (start - 1) <= max_words:
            j = start - 1
            fj = self.forms[j]
            if fj in DETERMINERS:
                start = j
                if self.words[j].upos != "PRON" and fj not in ("his", "her", "its", "their"):
                    # "The Prime Minister of | the UK": a determiner after an attaching
                    # preposition opens the phrase's complement, not the phrase
                    if (
                        j - 2 >= 0
                        and self.forms[j - 1] in NP_INNER_ADP
                        and self.is_nominal(j - 2)
                        and self.forms[j - 2] not in ("'s", "'")
                        and end - (j - 2) <= max_words
                    ):
                        start = j - 1
                        continue
                    break
                continue
            if self.is_nominal(j):
                start = j
                continue
            if (fj in NP_INNER_ADP or fj == "and") and j - 1 >= 0 and self.is_nominal(j - 1):
                if fj == "and" and not (self.is_capitalized(j - 1) and self.is_capitalized(j + 1)):
                    break
                start = j
                continue
            break
        while start < i and (self.forms[start] in NP_INNER_ADP or self.forms[start] == "and"):
            start += 1
        return NP(start=start, end=end, heads=self._heads(start, end))

    def np_starting_at(self, start: int, *, max_words: int = 10, split_possessive: bool = False) -> NP | None:
        """The noun phrase that starts at word ``start`` (for "according to X",
        inverted "said X").

        With ``split_possessive``, a possessive name after a complete phrase starts a
        new phrase ("experts from the Institute for War Studies | Lukashenko’s aid").
        """
        n = len(self.words)
        if start >= n:
            return None
        f = self.forms[start]
        if (f in SUBJECT_PRONOUNS and f != "who") or f in OBJECT_PRONOUNS:
            return NP(start=start, end=start + 1, heads=(start,))
        partitive = f in ("one", "some", "none", "any") and start + 1 < n and self.forms[start + 1] == "of"
        if not (self.is_nominal(start) or f in STANDALONE or partitive) or f in ("'s", "'"):
            return None  # ("one of the officials" is a phrase; "one" alone is not)
        if f in STANDALONE and start + 1 < n:
            nxt = start + 1
            noun_next = self.words[nxt].upos in ("NOUN", "PROPN", "NUM") if self.has_parse else False
            if not (
                noun_next or self.forms[nxt] in ("of", "the", "these", "those") or self.is_capitalized(nxt)
            ):
                return NP(start=start, end=start + 1, heads=(start,))
        end = start + 1
        while end < n and end - start < max_words:
            f = self.forms[end]
            possessive_next = end + 1 < n and self.forms[end + 1] in ("'s", "'")
            prev = self.forms[end - 1]
            if (
                split_possessive
                and possessive_next
                and end - start >= 2
                and prev not in NP_INNER_ADP | DETERMINERS
            ):
                break
            new_phrase = f in DETERMINERS and prev not in NP_INNER_ADP and prev != "and"
            possessive = f in ("his", "her", "its", "their", "our", "my", "your")
            if new_phrase and (self.words[end].upos == "DET" or not self.has_parse or possessive):
                break  # a new phrase starts: "according to officials the talks ..."
            if self.is_nominal(end):
                end += 1
                continue
            if (f in NP_INNER_ADP or f == "and") and end + 1 < n and self.is_nominal(end + 1):
                if f == "and" and not (self.is_capitalized(end - 1) and self.is_capitalized(end + 1)):
                    break
                end += 1
                continue
            break
        while end - 1 > start and (self.forms[end - 1] in NP_INNER_ADP or self.forms[end - 1] in DETERMINERS):
            end -= 1
        return NP(start=start, end=end, heads=self._heads(start, end))

    def subject_before(self, verb: int) -> NP | None:
        """The subject phrase right before ``verb`` (skipping "has also" and the like),
        taking in up to two asides set off by commas or dashes: an apposition ("Hugh
        Hill, a doctor, said"), an age ("Amira Haddad, 58, says") or a relative
        clause ("Omar Nasser, who heads the delegation, says")."""
        i = verb
        while i - 1 >= 0 and self.is_between(i - 1) and self.forms[i - 1] not in SUBJECT_PRONOUNS:
            i -= 1
        if i - 1 > 0 and self.forms[i - 1] == ")":  # "Governor Ellen Marsh (R-TX) said"
            opener = next((j for j in range(i - 2, max(-1, i - 8), -1) if self.forms[j] == "("), None)
            if opener is not None and opener > 0:
                head = self.np_ending_at(opener, max_words=8)
                return None if head is None else NP(start=head.start, end=i, heads=head.heads)
        end = i
        for _ in range(2):
            if i - 1 < 0 or self.forms[i - 1] not in (",", "—", "–", "--"):
                break
            delimiter = self.forms[i - 1]
            opener = next((j for j in range(i - 2, max(-1, i - 16), -1) if self.forms[j] == delimiter), None)
            if opener is None or opener == 0:
                return None
            aside = range(opener + 1, i - 1)
            first = self.forms[opener + 1]
            relative = first in ("who", "which", "whose", "where")
            # "Donald Tusk, celebrating a victory in Warsaw, is pledging"
            relative = relative or (
                first.endswith(("ing", "ed"))
                and (not self.has_parse or self.words[opener + 1].upos == "VERB")
            )
            nominal = all(self.is_nominal(j) or self.forms[j] in NP_INNER_ADP | {"and"} for j in aside)
            if not (relative or nominal) or not aside:
                return None
            i = opener
        head = self.np_ending_at(i, max_words=8)
        if head is None or self.forms[head.start] in ("'s",):
            return None
        if i == end:
            return head
        return NP(start=head.start, end=end - 1, heads=head.heads)

    def subject_after(self, verb_end: int) -> NP | None:
        """The subject of an inverted reporting clause (``said the minister``),
        with an apposition up to the next comma or the sentence end."""
        head = self.np_starting_at(verb_end)
        if head is None:
            return None
        end = head.end
        if end + 1 < len(self.words) and self.forms[end] == ",":
            appos = self.np_starting_at(end + 1)
            if appos is not None and self.forms[appos.start] in DETERMINERS:
                after = appos.end
                if after >= len(self.words) or self.is_punct(after):
                    end = appos.end
        return NP(start=head.start, end=end, heads=head.heads)

    # --- subjects and objects in the parse -------------------------------------------
    def subject_child(
        self, verb: int, deprels: Collection[str] = SUBJECT_DEPRELS, *, before: bool = False
    ) -> int | None:
        """Index of the parse subject of word ``verb`` (a dependent with one of
        ``deprels``; with ``before``, only one standing before the verb)."""
        w = self.words[verb]
        for c in self.sentence.children(w):
            if c.deprel in deprels and (not before or c.id < w.id):
                return c.id - 1
        return None

    def verb_chain(self, verb: int, steps: int, through: Collection[str] | None = None) -> Iterator[int]:
        """Word ``verb`` and then its heads, at most ``steps`` words; with ``through``,
        climbing only from a word whose relation is in it (a participle or infinitive
        shares its head's subject: ``advcl``, ``xcomp``, ``conj``, ``acl``)."""
        i: int | None = verb
        for _ in range(steps):
            if i is None:
                return
            yield i
            w = self.words[i]
            if w.head == 0 or (through is not None and w.deprel not in through):
                return
            i = w.head - 1

    def subject_of(self, verb: int) -> int | None:
        """The parse subject of ``verb``, or of the verb it depends on as a participle
        or infinitive ("limited himself to announcing", "..., noting that"). An
        intensive reflexive ("the Kremlin boss himself") stands for the noun before it.

        Example:
            >>> from geotext.model import Sentence, Token, Word
            >>> from geotext.language.view import View
            >>> def w(i, t, head, rel, upos):
            ...     return Word(id=i, text=t, form=t, lemma=t, upos=upos, xpos="_", feats="_",
            ...                 head=head, deprel=rel, start=0, end=0)
            >>> ws = (w(1, "Putin", 2, "nsubj", "PROPN"), w(2, "said", 0, "root", "VERB"))
            >>> s = Sentence(index=0, text="", start=0, end=0, tokens=(), words=ws)
            >>> View(s, True).subject_of(1)
            0
        """
        for i in self.verb_chain(verb, 3, CONTROL_DEPRELS):
            subj = self.subject_child(i, PASSIVE_SUBJECT_DEPRELS)
            if subj is not None:
                if (
                    self.forms[subj] in REFLEXIVES
                    and subj > 0
                    and self.words[subj - 1].upos in ("NOUN", "PROPN")
                ):
                    return subj - 1
                return subj
        return None

    def object_child(self, verb: int) -> int | None:
        """Index of the parse object (``obj``) of word ``verb``, if any."""
        w = self.words[verb]
        return next((c.id - 1 for c in self.sentence.children(w) if c.deprel == "obj"), None)

    # --- clauses ------------------------------------------------------------------
    def clause_start(self, before: int) -> int:
        """The start of the clause that ends before word ``before``: after a
        complementiser, a semicolon or colon, ", but", or an initial conjunction."""
        i = before - 1
        while i >= 0:
            f = self.forms[i]
            if f in CLAUSE_STOP:
                return i + 1
            complementiser = f == "that" and i > 0 and not (self.has_parse and self.words[i].deprel == "det")
            if complementiser and self.forms[i - 1] not in CONJ_START and not self.is_punct(i - 1):
                return i + 1
            coordinated = f in ("but", "and") and i > 0 and self.forms[i - 1] == "," and i + 1 < before
            verb_next = coordinated and (
                self.is_aux(i + 1) or (self.has_parse and self.words[i + 1].upos == "VERB")
            )
            if coordinated and not verb_next:
                return i + 1  # ", and Minsk agreed": a new clause, not "…, and should be freed"
            i -= 1
        start = 0
        if before > 2:
            start = dateline_end([w.form for w in self.words[: min(before, 10)]])
        while start < before and (self.forms[start] in CONJ_START or self.forms[start] == ","):
            start += 1
        return start


@frozen(kw_only=True)
class MarkInventory:
    """The quote marks of ``data/quote_marks.yaml``."""

    families: dict[str, str]
    """Glyph -> family; marks pair only within a family."""
    opening: frozenset[str]
    """Glyphs whose shape says they open."""
    closing: frozenset[str]
    """Glyphs whose shape says they close."""
    double: frozenset[str]
    """Glyphs of the families that set off a quotation in running text."""


def _glyphs(data: dict[str, object], key: str) -> frozenset[str]:
    value = data.get(key)
    if not isinstance(value, list):
        raise DataError(f"quote_marks.yaml: {key!r} must be a list")
    return frozenset(str(g) for g in value)


@functools.cache
def mark_inventory() -> MarkInventory:
    """Load ``data/quote_marks.yaml`` once.

    Example:
        >>> from geotext.language.view import mark_inventory
        >>> inv = mark_inventory()
        >>> inv.families["«"], "“" in inv.opening, "”" in inv.closing
        ('guillemet', True, True)
    """
    data = load_schema("quote_marks.yaml")
    families = data.get("families")
    if not isinstance(families, dict):
        raise DataError("quote_marks.yaml: 'families' must be a mapping")
    fams = {str(g): str(f) for g, f in families.items()}
    double = _glyphs(data, "double_families")
    return MarkInventory(
        families=fams,
        opening=_glyphs(data, "opening"),
        closing=_glyphs(data, "closing"),
        double=frozenset(g for g, f in fams.items() if f in double),
    )


def quote_marks() -> frozenset[str]:
    """The glyphs of the double-quote families (the marks that set off a quotation
    in running text).

    Example:
        >>> from geotext.language.view import quote_marks
        >>> sorted(quote_marks() & set('"“”«'))
        ['"', '«', '“', '”']
    """
    return mark_inventory().double
