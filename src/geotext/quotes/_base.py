"""Shared state of the quote rules: the document, the marks, what is claimed, and
the speaker of a reporting verb.

:class:`Base` holds one document's views and marks; the rule mixins
(:mod:`._direct`, :mod:`._clauses`, :mod:`._indirect`) add their methods to it and
:class:`geotext.quotes._extract.Extractor` puts them together.
"""

from __future__ import annotations

import bisect

from attrs import define, field

from geotext.data import word_set
from geotext.language import morphology
from geotext.language.reporting import Cue, Lexicon
from geotext.language.view import (
    ADJUNCT_ADP,
    AUX_FORMS,
    DETERMINERS,
    NP,
    NP_INNER_ADP,
    REFLEXIVES,
    STANDALONE,
    View,
)
from geotext.model import Document
from geotext.quotes._marks import MarkSpan, find_marks

__all__ = [
    "ADDRESSEE_VERBS",
    "BE_FORMS",
    "DETACH_ADVERBS",
    "PARTICIPLE_INTRO",
    "TEMPORAL",
    "Base",
    "Draft",
    "Speaker",
    "np_speaker",
    "time_phrase",
]

# What may stand before a participle cue that shares its clause's speaker
# ("…, noting that", "… – saying", "while adding").
PARTICIPLE_INTRO = word_set("closed_class.yaml", "quotes", "participle_intro")
# Verbs whose object is the hearer, not the content ("told reporters that").
ADDRESSEE_VERBS = frozenset(
    {
        *("tell", "inform", "assure", "warn", "ask", "urge", "advise", "caution", "promise", "remind"),
        *("answer", "order", "encourage", "instruct", "notify", "alert", "reassure", "implore", "beg"),
        "call on",
    }
)
# Adverbs that may precede a detached cue (", even emphasizing", "again according to").
DETACH_ADVERBS = word_set("closed_class.yaml", "quotes", "detach_adverbs")
# Forms of "be" that make a past participle passive ("was announced").
BE_FORMS = frozenset(f for f in AUX_FORMS if morphology.verb_lemmas(f) == {"be"})
# Adjuncts that may sit between a cue and its content or quote ("said yesterday").
TEMPORAL = word_set("closed_class.yaml", "calendar", "weekdays") | word_set(
    "closed_class.yaml", "quotes", "temporal"
)

# Words of a time expression ("March 3", "the day", "last week"): never a speaker.
_TIME_WORDS = word_set("closed_class.yaml", "calendar", "weekdays") | word_set(
    "closed_class.yaml", "calendar", "months"
)
_TIME_NOUNS = word_set("closed_class.yaml", "calendar", "time_nouns")
_TIME_MODIFIERS = word_set("closed_class.yaml", "calendar", "time_modifiers")


def time_phrase(view: View, np: NP) -> bool:
    """Whether a noun phrase is a time expression ("March 3", "on the day", "last
    week"): its words are month and weekday names, time nouns, numbers and their
    modifiers, with at least one name or noun.

    Example:
        >>> from geotext.backends import annotate
        >>> view = View(annotate(["On March 3 the day ended."], backend="rules")[0].sentences[0], False)
        >>> time_phrase(view, NP(start=1, end=3, heads=(2,))), time_phrase(view, NP(start=3, end=5, heads=(4,)))
        (True, True)
    """
    forms = view.forms[np.start : np.end]
    if not any(f in _TIME_WORDS or f in _TIME_NOUNS for f in forms):
        return False
    return all(
        f in _TIME_WORDS
        or f in _TIME_NOUNS
        or f in _TIME_MODIFIERS
        or f.rstrip("stndrh").isdigit()
        or f == ","
        for f in forms
    )


@define
class Draft:
    """A quote under construction (character offsets into ``doc.text``)."""

    content: list[tuple[int, int]]
    cue: tuple[int, int] | None
    cue_type: str
    stance: str | None
    source: tuple[int, int] | None
    heads: list[tuple[int, int]]
    pp_start: int | None
    confidence: float
    evidence: str
    sentence: int
    marks: list[MarkSpan] = field(factory=list)
    floating: bool = False
    cue_class: str | None = None
    """The lexicon class of the cue (speech, cognition, evidence); ``speech`` for a
    colon; ``None`` without a cue."""


def cueless_draft(m: MarkSpan, sentence: int, evidence: str, floating: bool = False) -> Draft:
    """A direct quote of the marks ``m`` with no cue and no speaker yet (confidence 0.3):
    a floating or unattributed quote, or one a later rule gives a speaker."""
    return Draft(
        content=list(m.segments),
        cue=None,
        cue_type="none",
        stance=None,
        source=None,
        heads=[],
        pp_start=None,
        confidence=0.3,
        evidence=evidence,
        sentence=sentence,
        marks=[m],
        floating=floating,
    )


@define
class Speaker:
    """A speaker phrase: its characters, its head words, where a PP starts in it."""

    source: tuple[int, int]
    heads: list[tuple[int, int]]
    pp_start: int | None
    inherited: bool = False


def np_speaker(view: View, np: NP) -> Speaker:
    """The :class:`Speaker` of a noun phrase of ``view``."""
    words = view.words
    # a non-restrictive relative clause is no part of the name ("Kuleba, who met
    # Blinken in Washington, said"): the source ends before its comma
    end = next(
        (
            i
            for i in range(np.start + 1, np.end - 1)
            if view.forms[i] == "," and view.forms[i + 1] in ("who", "which", "whose", "whom")
        ),
        np.end,
    )
    if end < np.end:
        np = NP(start=np.start, end=end, heads=tuple(h for h in np.heads if h < end) or (end - 1,))
    # a preposition inside an apposition ("Pavel Novak, director of CEPI") does not
    # make the speaker speak for its object: only one before the first comma does
    comma = next((i for i in range(np.start, np.end) if view.forms[i] == ","), np.end)
    pp = next((i for i in range(np.start, comma) if view.forms[i] in NP_INNER_ADP), None)
    return Speaker(
        source=(words[np.start].start, words[np.end - 1].end),
        heads=[(words[h].start, words[h].end) for h in np.heads],
        pp_start=words[pp].start if pp is not None else None,
    )


class Base:
    """One document under attribution (see the module docstring)."""

    def __init__(self, doc: Document, lex: Lexicon) -> None:
        self.doc = doc
        self.lex = lex
        single = frozenset(f[0] for f in lex.verb_forms if len(f) == 1)
        self.views = [View(s, doc.has_parse, frozenset() if doc.has_parse else single) for s in doc.sentences]
        spans = find_marks(doc.text)
        # keep the outermost pairs: a pair inside another is part of its content
        self.marks: list[MarkSpan] = []
        reach = -1
        for m in spans:  # sorted by start, longest first
            if m.end <= reach:
                continue
            self.marks.append(m)
            reach = max(reach, m.end)
        # top-level marks do not nest, so they sort by start for bisection
        self.mark_starts = [m.start for m in self.marks]
        self.mark_index = {m.start: k for k, m in enumerate(self.marks)}
        self.drafts: list[Draft] = []
        # one byte per character: constant-time "is this already attributed?"
        self.claimed_mask = bytearray(len(doc.text) + 1)
        self.used_marks: set[int] = set()

    def _view_at(self, offset: int) -> View | None:
        s = self.doc.sentence_at(offset)
        return None if s is None else self.views[s.index]

    def _in_marks(self, offset: int) -> MarkSpan | None:
        """The top-level pair of marks around ``offset``, if any."""
        k = bisect.bisect_right(self.mark_starts, offset) - 1
        # crossed marks of two families can overlap; look at a few neighbours
        for j in range(k, max(-1, k - 3), -1):
            if self.marks[j].start <= offset < self.marks[j].end:
                return self.marks[j]
        return None

    def _marks_within(self, start: int, end: int) -> list[MarkSpan]:
        """The top-level pairs of marks whose words lie inside ``[start, end)``."""
        lo = bisect.bisect_left(self.mark_starts, start - 1)
        hi = bisect.bisect_left(self.mark_starts, end)
        return [m for m in self.marks[lo:hi] if start <= m.content_start and m.content_end <= end]

    def _claim(self, start: int, end: int) -> None:
        self.claimed_mask[start:end] = b"\x01" * max(0, end - start)

    def _claimed(self, offset: int) -> bool:
        return bool(self.claimed_mask[offset])

    def _mark_starting_at(self, offset: int) -> int | None:
        return self.mark_index.get(offset)

    def _speaker_cue(self, cue: Cue) -> bool:
        return cue.cls == "speech" and bool(cue.frames & {"quote", "inversion"})

    def _is_mark(self, view: View, i: int) -> bool:
        """Whether word ``i`` is a quote mark that closes a pair of marks."""
        m = self._in_marks(view.words[i].start)
        return m is not None and m.close == view.words[i].start

    def _tail_ends(self, view: View, k: int, cue: Cue) -> bool:
        """Whether the reporting clause ends at word ``k``: only adjuncts ("in a
        statement", "on Monday", "told reporters") up to the sentence end, a comma
        or a mark."""
        n = len(view)
        end = k
        while end < n and view.forms[end] not in (",", ";", ":", ".", "!", "?", "—", "–"):
            if self._in_marks(view.words[end].start):
                break
            end += 1
        return self._skippable(view, k, end, cue)

    def _skippable(self, view: View, a: int, b: int, cue: Cue) -> bool:
        """Whether words ``[a, b)`` are only an addressee ("told reporters") and
        adjuncts ("in a statement", "on Monday"), never an object or a clause."""
        i = a
        if i < b and cue.lemma in ADDRESSEE_VERBS and view.forms[i] not in NP_INNER_ADP:
            np = view.np_starting_at(i, max_words=5)
            if view.forms[i] in ("him", "her", "them", "us", "me", "you"):
                i += 1
            elif np is not None:
                i = np.end
        while i < b:
            f = view.forms[i]
            if f in TEMPORAL or view.is_punct(i):
                i += 1
                continue
            if f in ADJUNCT_ADP:
                np = view.np_starting_at(i + 1, max_words=8)
                if np is None:
                    return False
                i = np.end
                continue
            return False
        return True

    def _subject_and_verb(self, view: View, k: int) -> bool:
        """The surface shape of a clause (Quirk et al. 1985, 16.32 on the zero
        complementiser): a subject, then its verb. The subject is a personal
        pronoun, or a noun phrase opened by a determiner, a possessive, a number
        or a name; the verb is an auxiliary or modal, a past form ("-ed"), or, with
        a parse, any finite verb (without one, a reporting verb of the lexicon
        counts too). A relative pronoun, a preposition other than an
        ``of``-style attachment, or punctuation before the verb means no clause."""
        n = len(view)
        if k >= n:
            return False
        f = view.forms[k]
        if f in ("he", "she", "we", "they", "i"):
            return k + 1 < n and not view.is_punct(k + 1) and view.forms[k + 1] not in NP_INNER_ADP
        if f in ("it", "you", "there", "this"):
            j = k + 1
            while j < n and view.is_between(j) and not view.is_aux(j):
                j += 1
            return j < n and view.is_aux(j)
        if not (
            f in DETERMINERS
            or view.words[k].upos == "NUM"
            or (view.is_capitalized(k) and not view.is_punct(k))
            or (view.has_parse and view.words[k].upos in ("NOUN", "PROPN", "ADJ"))
        ):
            return False  # without a parse, a bare noun cannot be told from an object
        j = k + 1
        while j < n and j - k <= 10:
            fj = view.forms[j]
            w = view.words[j]
            if view.is_punct(j) and fj not in ("'s", "'"):
                return False
            if fj in ("who", "which", "that", "whose", "whom", "to"):
                return False
            if view.is_aux(j) and fj not in ("'s",):
                return j > k
            if view.has_parse:
                if w.upos == "VERB" and w.deprel not in ("amod", "acl", "acl:relcl", "compound"):
                    return True
            elif (fj.endswith("ed") or self.lex.verb_at(view.forms, j) is not None) and w.text[:1].islower():
                return True  # a past form, or a reporting verb ("Kremlin aides later said")
            if fj in DETERMINERS and view.forms[j - 1] not in NP_INNER_ADP | {"and"}:
                return False  # a second phrase starts: "told reporters the …" is an addressee
            j += 1
        return False

    def _speaker(self, view: View, cs: int, ce: int) -> Speaker | None:
        """The speaker of the reporting verb at words ``[cs, ce)``."""
        verb = ce - 1
        i = cs
        while i - 1 >= 0 and view.forms[i - 1] in DETACH_ADVERBS:
            i -= 1
        j = cs - 1
        while j >= 0 and view.is_between(j) and not view.is_aux(j):
            j -= 1
        # "-ing" with no auxiliary before it: "…, noting that", "an op-ed urging";
        # not "limited himself to announcing", where the wrapper is the finite verb
        wrapped = self.lex.wrapper_before(view.forms, verb) is not None or (
            verb > cs and self.lex.wrapper_before(view.forms, cs + 1) is not None
        )
        participle = view.forms[cs].endswith("ing") and not wrapped and (j < 0 or not view.is_aux(j))
        participle = participle and (
            i == 0 or view.forms[i - 1] in PARTICIPLE_INTRO or view.is_nominal(i - 1)
        )
        if participle:
            if i > 0 and view.forms[i - 1] not in PARTICIPLE_INTRO and view.is_nominal(i - 1):
                # "with Boris Johnson tweeting that", "graphics showing that": the
                # phrase right before the participle is its subject
                before = view.np_ending_at(i, max_words=6)
                if (
                    before is not None
                    and view.forms[before.start] not in ("'s", "'")
                    and not time_phrase(view, before)
                ):
                    return np_speaker(view, before)
            if i >= 2 and view.forms[i - 1] in ("by", "while", "after", "before", "when"):
                # "Scholz continued by saying": the subject of the verb the phrase follows
                main = view.subject_before(i - 2)
                if main is not None and not any(
                    self._in_marks(view.words[k].start) for k in range(main.start, main.end)
                ):
                    return np_speaker(view, main)
            return self._inherited(view, cs)
        if j >= 0 and view.forms[j] in ("and", "but") and j + 1 <= cs:
            # "He said A and warned that B": the second verb shares the subject
            shared = self._shared_subject(view, cs)
            if shared is not None:
                return shared
        if view.has_parse:
            own = self._parse_nsubj(view, cs)
            if own is not None:
                return own
        np = view.subject_before(cs)
        if np is not None and time_phrase(view, np):
            np = self._before_time(view, np)
        if np is not None and view.forms[np.start] not in ("who", "which", "that"):
            return np_speaker(view, np)
        rel = cs - 1
        while rel >= 0 and view.is_between(rel) and view.forms[rel] not in ("who", "which"):
            rel -= 1
        if np is None and rel >= 1 and view.forms[rel] in ("who", "which"):
            return self._relative_speaker(view, rel)  # "allies who had hoped that"
        if i == 0 or view.is_punct(i - 1):
            after = view.subject_after(ce)
            if after is not None and self._tail_ends(view, after.end, self.lex.verb_forms[("say",)]):
                return np_speaker(view, after)
        return self._parse_subject(view, cs if cs < verb else verb)

    def _before_time(self, view: View, np: NP) -> NP | None:
        """The subject before a time adjunct that stands where the subject would
        ("General Ivan Sirko, on March 3 stated"): the phrase before its preposition
        and comma, or nothing (a time expression is never the speaker)."""
        k = np.start
        if k > 0 and view.forms[k - 1] in ADJUNCT_ADP:
            k -= 1
        if k > 0 and view.forms[k - 1] in (",", "—", "–"):
            k -= 1
        if k == np.start or k <= 0:
            return None
        found = view.np_ending_at(k, max_words=8)
        if found is None or time_phrase(view, found) or view.words[found.end - 1].upos == "VERB":
            return None
        return found

    def _relative_speaker(self, view: View, rel: int) -> Speaker:
        """The speaker of a cue in a relative clause: the relative pronoun as
        written ("allies who had hoped that"), like any pronoun, with the head
        of its antecedent as the head the actors are looked up at."""
        j = rel - 1 if rel >= 1 and view.forms[rel - 1] == "," else rel
        antecedent = view.np_ending_at(j, max_words=8) if j > 0 else None
        w = view.words[rel]
        heads = antecedent.heads if antecedent is not None else (rel,)
        return Speaker(
            source=(w.start, w.end),
            heads=[(view.words[h].start, view.words[h].end) for h in heads],
            pp_start=None,
        )

    def _parse_nsubj(self, view: View, verb: int) -> Speaker | None:
        """The verb's own subject in the parse, taken whole ("Omar Nasser, who
        heads the delegation,"), when it stands before the verb and is not a reflexive."""
        s = view.sentence
        w = view.words[verb]
        found = view.subject_child(verb, before=True)
        if found is None or view.forms[found] in REFLEXIVES:
            return None
        idx = found
        subj = view.words[idx]
        if view.forms[idx] in ("who", "which", "that"):
            return None  # the pattern and walk-up rules find the antecedent
        inside = {x.id - 1 for x in s.subtree(subj) if x.id < w.id}
        # left of the head, only an unbroken phrase: a dateline or a fronted clause
        # the parser hung under the subject ("WASHINGTON (AP) — A news report") stays out
        start = idx
        while start - 1 in inside and not view.is_punct(start - 1):
            start -= 1
        while start < idx and (
            view.words[start].upos in ("SCONJ", "CCONJ", "ADP") or view.forms[start] == "as"
        ):
            start += 1  # "As Reuters reported": the conjunction is not part of the name
        ids = [k for k in inside if k >= start]
        end = max(ids) + 1
        while end > start + 1 and view.is_punct(end - 1):
            end -= 1
        if end - start > 30 or any(view.forms[k] == "that" and view.words[k].deprel == "mark" for k in ids):
            return None
        gap = end
        while gap < verb and view.is_between(gap):
            gap += 1
        if gap != verb:
            return None  # not next to the verb: the pattern knows better ("More recently, Putin said")
        heads = [idx] + [c.id - 1 for c in s.children(subj) if c.deprel == "conj" and c.id < w.id]
        if view.forms[idx] in STANDALONE:
            start, end = idx, idx + 1
        if time_phrase(view, NP(start=idx, end=idx + 1, heads=(idx,))):
            return None  # the parser took a time adjunct for the subject
        return np_speaker(view, NP(start=start, end=end, heads=tuple(heads)))

    def _parse_subject(self, view: View, verb: int) -> Speaker | None:
        if not view.has_parse:
            return None
        s = view.sentence
        last_verb = view.words[verb]
        for step, k in enumerate(view.verb_chain(verb, 7)):
            w = view.words[k]
            if k != verb and w.upos in ("VERB", "AUX"):
                last_verb = w
            if step == 6:
                break  # six verbs up: give up on the parse
            found = view.subject_child(k, before=True)
            if found is not None and found > verb:
                break  # the parse hung the cue under a verb whose subject follows it
            if found is not None:
                idx = found
                if k == verb and view.forms[idx] in ("who", "which"):
                    return self._relative_speaker(view, idx)
                if view.forms[idx] in ("who", "which", "that") and w.deprel == "acl:relcl":
                    head = s.head_of(w)
                    if head is None:
                        return None
                    idx = head.id - 1
                np = view.np_ending_at(idx + 1) or NP(start=idx, end=idx + 1, heads=(idx,))
                if view.forms[idx] in STANDALONE:
                    np = NP(start=idx, end=idx + 1, heads=(idx,))
                if time_phrase(view, np):
                    return None
                return np_speaker(view, np)
        # the parser missed the subject: take the phrase right before the head verb
        before = view.subject_before(last_verb.id - 1)
        if before is not None and time_phrase(view, before):
            before = self._before_time(view, before)
        if before is None or any(
            self._in_marks(view.words[k].start) for k in range(before.start, before.end)
        ):
            return None  # a pronoun inside a quote is the quote's, not the speaker
        return np_speaker(view, before)

    def _shared_subject(self, view: View, cs: int) -> Speaker | None:
        """The speaker of a reporting verb coordinated with an earlier one in its
        sentence ("said A and warned that B"): that attribution's speaker."""
        cue_start = view.words[cs].start
        for d in reversed(self.drafts):
            if (
                d.sentence == view.sentence.index
                and d.cue
                and d.cue[0] < cue_start
                and d.source
                and d.source[1] <= cue_start
            ):
                return Speaker(source=d.source, heads=d.heads, pp_start=d.pp_start, inherited=True)
        return None

    def _inherited(self, view: View, cs: int) -> Speaker | None:
        """A participle ("…, noting that") speaks for the attribution before it in
        its sentence, else for the subject of the clause it hangs on."""
        cue_start = view.words[cs].start
        for d in reversed(self.drafts):
            if d.sentence == view.sentence.index and d.cue and d.cue[0] < cue_start and d.source:
                return Speaker(source=d.source, heads=d.heads, pp_start=d.pp_start, inherited=True)
        if view.has_parse:
            found = self._parse_subject(view, cs)
            if found is not None:
                return found
        # the phrase opening the clause the participle hangs on, after a fronted
        # adverbial ("During the meeting, both refrained …, noting that")
        comma = cs - 1
        while comma >= 0 and view.forms[comma] not in (",", "—", "–", "-", "--"):
            comma -= 1
        start = view.clause_start(max(comma, 0))
        first_comma = next((j for j in range(start, max(comma, 0)) if view.forms[j] == ","), None)
        if first_comma is not None:
            start = first_comma + 1
        np = view.np_starting_at(start, max_words=6)
        if np is None or np.end >= comma or view.is_capitalized(np.end) or view.is_punct(np.end):
            return None
        return np_speaker(view, np)
