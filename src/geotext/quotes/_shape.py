"""Surface shapes the quote constructions test: what may stand between a cue and
its content, a clause's subject-then-verb shape, a passive, a time phrase, and the
closed-class word lists they read (all from ``data/closed_class.yaml``)."""

from __future__ import annotations

import regex

from geotext.data import word_set
from geotext.language import morphology
from geotext.language.reporting import Cue
from geotext.language.view import (
    ADJUNCT_ADP,
    AUX_FORMS,
    DETERMINERS,
    NP,
    NP_INNER_ADP,
    SUBJECT_PRONOUNS,
    View,
)
from geotext.quotes._state import Speaker, State

__all__ = [
    "ADDRESSEE_VERBS",
    "BE_FORMS",
    "DETACH_ADVERBS",
    "PARTICIPLE_INTRO",
    "TEMPORAL",
    "has_alnum",
    "np_speaker",
    "passive",
    "plausible_speaker",
    "skip_adjuncts",
    "skippable",
    "spaced",
    "speaker_cue",
    "subject_and_verb",
    "tail_ends",
    "time_phrase",
]

# What may stand before a participle cue that shares its clause's speaker
# ("…, noting that", "… – saying", "while adding").
PARTICIPLE_INTRO = word_set("closed_class.yaml", "quotes", "participle_intro")
# Verbs whose object is the hearer, not the content ("told reporters that").
ADDRESSEE_VERBS = word_set("closed_class.yaml", "quotes", "addressee_verbs")
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
        >>> from geotext.language.view import View
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


def plausible_speaker(view: View, np: NP) -> bool:
    """Whether a phrase right before a reporting verb can be its speaker: not a verb
    for the tagger ("…, drew protests."); without a tagger, a one-word phrase must
    be a name, a pronoun or a plural noun ("…, officials said.")."""
    if view.has_parse:
        return view.words[np.end - 1].upos not in ("VERB", "AUX")
    w = view.forms[np.start]
    return np.end - np.start > 1 or view.is_capitalized(np.start) or w in SUBJECT_PRONOUNS or w.endswith("s")


def speaker_cue(st: State, cue: Cue) -> bool:
    return cue.cls == "speech" and bool(cue.frames & {"quote", "inversion"})


def tail_ends(st: State, view: View, k: int, cue: Cue) -> bool:
    """Whether the reporting clause ends at word ``k``: only adjuncts ("in a
    statement", "on Monday", "told reporters") up to the sentence end, a comma
    or a mark."""
    n = len(view)
    end = k
    while end < n and view.forms[end] not in (",", ";", ":", ".", "!", "?", "—", "–"):
        if st.in_marks(view.words[end].start):
            break
        end += 1
    return skippable(st, view, k, end, cue)


def skippable(st: State, view: View, a: int, b: int, cue: Cue) -> bool:
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


def subject_and_verb(st: State, view: View, k: int) -> bool:
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
        if st.is_opening(view, j) and j > k:
            j += 1
            continue  # 'the deployment “will not go unanswered”': a quote opens before the verb
        if view.is_punct(j) and fj not in ("'s", "'"):
            return False
        if fj in ("who", "which", "that", "whose", "whom", "to"):
            return False
        if view.is_aux(j) and fj not in ("'s",):
            return j > k
        if view.has_parse:
            if w.upos == "VERB" and w.deprel not in ("amod", "acl", "acl:relcl", "compound"):
                return True
        elif (fj.endswith("ed") or st.lex.verb_at(view.forms, j) is not None) and w.text[:1].islower():
            return True  # a past form, or a reporting verb ("Kremlin aides later said")
        if fj in DETERMINERS and view.forms[j - 1] not in NP_INNER_ADP | {"and"}:
            return False  # a second phrase starts: "told reporters the …" is an addressee
        j += 1
    return False


def passive(st: State, view: View, i: int) -> bool:
    j = i - 1
    while j >= 0 and view.is_between(j) and view.forms[j] not in BE_FORMS:
        j -= 1
    if j < 0 or view.forms[j] not in BE_FORMS or view.forms[i].endswith("ing"):
        return False
    if view.forms[j] == "'s":
        # "he's said" is "he has said"; "it's said that" and "he's said to be"
        # are passives (the parse's lemma for "'s" is unreliable)
        nxt = view.forms[i + 1] if i + 1 < len(view) else ""
        return nxt == "to" or (j > 0 and view.forms[j - 1] in ("it", "that", "this", "what"))
    return True


def skip_adjuncts(st: State, view: View, k: int) -> int:
    """The first word after the prepositional phrases and time words at ``k``."""
    n = len(view)
    while k < n:
        f = view.forms[k]
        if f in TEMPORAL:
            k += 1
            continue
        if (
            f in ("last", "this", "next")
            and k + 1 < n
            and view.forms[k + 1] in ("week", "month", "year", "night")
        ):
            k += 2
            continue
        if f in ADJUNCT_ADP:
            np = view.np_starting_at(k + 1, max_words=10)
            if np is None:
                return k
            k = np.end
            continue
        return k
    return k


def spaced(st: State, view: View, j: int) -> bool:
    w = view.words[j]
    text = st.doc.text
    return text[w.start - 1 : w.start].isspace() and text[w.end : w.end + 1].isspace()


_ALNUM = regex.compile(r"[\p{L}\p{N}]")


def has_alnum(text: str) -> bool:
    """``any(c.isalnum() for c in text)`` in one C-level scan (marks are many, and
    a per-character Python loop over each mark's sentence was most of their cost)."""
    return _ALNUM.search(text) is not None
