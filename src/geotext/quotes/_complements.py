"""What a reporting verb reports: its complement after it (``that`` clause, ``wh``
clause, ``to`` infinitive, zero-``that`` clause, object) or, in a comment clause
(``…, he said``, ``As Reuters reported, …``), the clause around it."""

from __future__ import annotations

from geotext.language.reporting import Cue
from geotext.language.view import (
    ADJUNCT_ADP,
    DETERMINERS,
    NP_INNER_ADP,
    SUBJECT_PRONOUNS,
    SUBORDINATORS,
    View,
)
from geotext.quotes._clauses import clause_spans, head_of, trimmed_span
from geotext.quotes._shape import (
    ADDRESSEE_VERBS,
    TEMPORAL,
    plausible_speaker,
    skip_adjuncts,
    subject_and_verb,
)
from geotext.quotes._state import State

# Words that open an interrogative complement ("asked whether …").
WH_WORDS = frozenset({"whether", "if", "why", "how", "what", "when", "where", "who"})


def complement(st: State, view: View, j: int, cue: Cue) -> tuple[list[tuple[int, int]], str, float] | None:
    """The complement of the verb ending before word ``j``."""
    n = len(view)
    k = j
    if cue.lemma in ADDRESSEE_VERBS and k < n:
        f = view.forms[k]
        if f in ("him", "her", "them", "us", "me", "you"):
            k += 1
        elif f not in ("that", "to") and not view.is_punct(k):
            np = view.np_starting_at(k, max_words=5)
            after = n if np is None else np.end
            if after < n and view.forms[after] != "to":  # "ordered the troops to …"
                after = skip_adjuncts(st, view, after)
            if (
                np is not None
                and after < n
                and (
                    view.forms[after] in ("that", "to", ":")
                    or view.forms[after] in WH_WORDS
                    or ("that" in cue.frames and subject_and_verb(st, view, after))
                )
            ):
                k = np.end
    while k < n and view.forms[k] in TEMPORAL:
        k += 1
    # "said in a call with the ambassadors last week that …", "told reporters on Friday that …"
    past = skip_adjuncts(st, view, k)
    if past > k and past < n and (view.forms[past] in ("that", ":") or st.is_opening(view, past)):
        k = past
    if k >= n:
        return None
    f = view.forms[k]
    mark = st.in_marks(view.words[k].start)
    if mark is not None and mark.start == view.words[k].start and cue.frames & {"quote", "that"}:
        # 'says “the game has become soft” because …': the clause opens with a quote
        return clause_spans(st, view, k, None), "quote-clause", 0.75
    if f == "that" and not complementiser(st, view, k):
        return None
    if (
        f == "that"
        and "that" in cue.frames
        and k + 1 < n
        and (not view.is_punct(k + 1) or view.forms[k + 1] in (",", "—", "–", "--"))
    ) or (f == "that" and k + 1 < n and st.in_marks(view.words[k + 1].start)):
        if view.forms[k + 1] in ("—", "–", "--"):
            # "indicate that — for the time being — the coalition leads": the aside and the clause
            close = next(
                (d for d in range(k + 2, min(n, k + 14)) if view.forms[d] == view.forms[k + 1]), None
            )
            if close is not None and close + 1 < n:
                rest = clause_spans(st, view, close + 1, head_of(st, view, k))
                return [(view.words[k + 2].start, rest[-1][1])], "that-clause", 0.8
        return clause_spans(st, view, k + 1, head_of(st, view, k)), "that-clause", 0.8
    if f in WH_WORDS and "wh" in cue.frames:
        return clause_spans(st, view, k, head_of(st, view, k)), "wh-clause", 0.7
    if f == ":" and k + 1 < n and not st.in_marks(view.words[k + 1].start) and "that" in cue.frames:
        return clause_spans(st, view, k + 1, None), "colon-clause", 0.6
    if "to" in cue.frames and cue.cls == "cognition" and cue.lemma not in ADDRESSEE_VERBS:
        # "Experts expect the summit to be staged": the object is the subject of
        # the infinitive, part of what is expected (Quirk et al. 1985, 16.50)
        np = view.np_starting_at(k, max_words=6) if f not in ("to", "that") else None
        if (
            np is not None
            and np.end + 1 < n
            and view.forms[np.end] == "to"
            and infinitive(st, view, np.end + 1)
        ):
            return clause_spans(st, view, k, None, "infinitive"), "object-infinitive", 0.55
    if f == "to" and "to" in cue.frames and k + 1 < n and infinitive(st, view, k + 1):
        return clause_spans(st, view, k + 1, head_of(st, view, k), "infinitive"), "to-infinitive", 0.6
    if "that" in cue.frames and cue.cls != "perception" and zero_that(st, view, j - 1, k):
        comp = [c.id - 1 for c in view.sentence.children(view.words[j - 1]) if c.deprel == "ccomp"]
        return clause_spans(st, view, k, comp[0] if comp else None), "zero-that", 0.65
    if (
        "object" in cue.frames
        and view.forms[k] in ("this", "it", "so", "that")
        and (k + 1 >= n or view.is_punct(k + 1) or view.forms[k + 1] in NP_INNER_ADP)
    ):
        s = view.words[k]
        return [(s.start, s.end)], "object", 0.5
    words = cue.lemma.split()
    if (
        "object" in cue.frames
        and len(words) > 1
        and words[-1] in ADJUNCT_ADP
        and k == j
        and view.np_starting_at(k, max_words=12) is not None
    ):  # "called for a ban on …": the object of the cue's own preposition
        return clause_spans(st, view, k, None, "object"), "object", 0.5
    if "object" in cue.frames and view.has_parse and k == j:
        # "announced his resignation", "dismissed the report as “absurd”"
        verb = view.words[j - 1]
        # a noun object, not "said nothing"
        obj = [c for c in view.sentence.children(verb) if c.deprel == "obj" and c.upos in ("NOUN", "PROPN")]
        obj = [c for c in obj if c.id - 1 >= k]
        if obj and view.forms[j - 1] in st.lex.light_verbs and noun_with_clause(st, view, obj[0].id - 1):
            return None  # "expressed concern that …": the noun cue takes it
        if obj and view.sentence.subtree(obj[0])[0].id - 1 == k:
            return clause_spans(st, view, k, obj[0].id - 1, "object"), "object", 0.5
    return None


def noun_with_clause(st: State, view: View, i: int) -> bool:
    """Whether word ``i`` is a reporting noun followed by "that"."""
    cue = st.lex.nouns.get(view.forms[i])
    return (
        cue is not None
        and i + 1 < len(view)
        and view.forms[i + 1] == "that"
        and "that" in (cue.frames or frozenset({"that"}))
    )


def complementiser(st: State, view: View, k: int) -> bool:
    """Whether "that" at ``k`` introduces a clause (not "that settles it").

    What follows decides first, whatever the parse says: a demonstrative or
    pronoun "that" is never followed by a subject pronoun, a determiner, a
    proper name, a subordinator, a comma or a dash ("that she would", "that the
    talks", "that Putin", "that if he wins", "that, in the end, …")."""
    if k + 1 < len(view):
        nxt = view.forms[k + 1]
        if (
            nxt in SUBJECT_PRONOUNS - {"who"}
            or nxt in SUBORDINATORS
            or nxt in ("there", ",", "—", "–", "--")
            or (nxt in DETERMINERS and nxt not in ("that", "this", "these", "those"))
            or (view.is_capitalized(k + 1) and not view.is_punct(k + 1))
        ):
            return True
    if view.has_parse:
        return view.words[k].deprel not in ("nsubj", "obj", "nsubj:pass", "det")
    return k + 1 < len(view) and not view.is_aux(k + 1)


def infinitive(st: State, view: View, k: int) -> bool:
    """Whether word ``k`` (after "to") is a verb, not the noun of a phrase; an
    opening quote mark before it is looked past ('vowed to “take our fight”')."""
    if st.is_opening(view, k) and k + 1 < len(view):
        k += 1
    if view.has_parse:
        return view.words[k].upos in ("VERB", "AUX")
    f = view.forms[k]
    return not (f in DETERMINERS or f in ("him", "her", "them", "us", "me") or view.is_capitalized(k))


def zero_that(st: State, view: View, verb: int, k: int) -> bool:
    """Whether a finite clause without "that" starts at ``k`` ("said the talks
    failed"): the parse's clausal complement, else the surface pattern."""
    if view.has_parse:
        w = view.words[verb]
        comp = [c for c in view.sentence.children(w) if c.deprel == "ccomp"]
        if any(view.sentence.subtree(c)[0].id - 1 == k for c in comp):
            return True
    return subject_and_verb(st, view, k)


def content_before(
    st: State, view: View, cs: int, ce: int, cue: Cue
) -> tuple[list[tuple[int, int]], str, float] | None:
    """``The war will end, he said.`` / ``The war, he said, will end.`` /
    ``As Reuters reported, the war …`` / ``…, as he said.``"""
    if not (cue.frames & {"quote", "inversion", "that"}) or view.forms[ce - 1].endswith("ing"):
        return None
    np = view.subject_before(cs)
    if np is not None and not plausible_speaker(view, np):
        return None
    start = np.start if np is not None else cs
    if start >= 1 and view.forms[start - 1] == "as" and np is not None:
        return as_clause(st, view, start - 1, ce)
    if not (cue.frames & {"quote", "inversion"}) and np is None:
        return None  # "…, the reports show." needs its subject before the verb
    after = ce
    if np is None:
        inverted = view.subject_after(ce)
        if inverted is None:
            return None
        after = inverted.end
    if start >= 2 and st.is_mark(view, start - 1) and view.forms[start - 2] == ",":
        left_end = start  # '… a “red file,” the Guardian reported': the comma sits inside the marks
    elif start >= 2 and view.forms[start - 1] == ",":
        left_end = start - 1
    else:
        return None
    n = len(view)
    after = skip_adjuncts(st, view, after)
    left_start = clause_start_outside_marks(st, view, left_end)
    opening = st.in_marks(view.words[left_start].start)
    if left_start >= left_end - 1 or (
        opening is not None
        and (
            opening.start != view.words[left_start].start
            or st.mark_index[opening.start] in st.used_marks
            or opening.end > view.words[left_end - 1].end
        )
    ):
        return None  # a quote the direct rules took, or one running past the clause
    spans = [trimmed_span(st, view, left_start, left_end)]
    if after < n and view.forms[after] == ",":
        spans.extend(clause_spans(st, view, after + 1, None))
    elif after < n and not view.is_punct(after):
        return None
    return [s for s in spans if s[1] > s[0]], "clause-before", 0.7


def clause_start_outside_marks(st: State, view: View, before: int) -> int:
    """:meth:`View.clause_start`, where a boundary word inside a pair of marks
    that closes before ``before`` ('leaders “who understand that …,”') does
    not count: the clause starts before the marks."""
    start = view.clause_start(before)
    for _ in range(3):
        m = st.in_marks(view.words[start].start)
        if m is None or m.start == view.words[start].start or m.end > view.words[before - 1].end:
            return start
        opening = view.first_at_or_after(m.start)
        if opening >= start:
            return start
        start = view.clause_start(opening)
    return start


def as_clause(
    st: State, view: View, as_word: int, ce: int
) -> tuple[list[tuple[int, int]], str, float] | None:
    """A comment clause (Quirk et al. 15.53): ``As X observed, CLAUSE`` and
    ``CLAUSE, as X said.``"""
    n = len(view)
    after = ce
    while after < n and view.is_between(after):
        after += 1
    initial = view.clause_start(as_word) >= as_word
    if initial and after < n and view.forms[after] == ",":
        spans = clause_spans(st, view, after + 1, None)
        return ([s for s in spans if s[1] > s[0]] or None) and (spans, "as-clause", 0.7)
    if (
        not initial
        and as_word >= 1
        and view.forms[as_word - 1] == ","
        and (after >= n or view.is_punct(after))
    ):
        left = view.clause_start(as_word - 1)
        if left < as_word - 1:
            return [trimmed_span(st, view, left, as_word - 1)], "as-clause", 0.7
    return None
