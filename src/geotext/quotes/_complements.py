"""What a reporting verb reports: its complement after it (``that`` clause, ``wh``
clause, ``to`` infinitive, zero-``that`` clause, object) or, in a comment clause
(``…, he said``, ``As Reuters reported, …``), the clause around it."""

from __future__ import annotations

from collections.abc import Callable

from geotext.data import word_set
from geotext.language.reporting import Cue
from geotext.language.view import (
    ADJUNCT_ADP,
    DETERMINERS,
    NP_INNER_ADP,
    SUBJECT_PRONOUNS,
    SUBORDINATORS,
    View,
)
from geotext.quotes._clauses import clause_spans, head_of
from geotext.quotes._constructions import construction
from geotext.quotes._shape import (
    ADDRESSEE_VERBS,
    TEMPORAL,
    skip_adjuncts,
    subject_and_verb,
)
from geotext.quotes._state import State

# Words that open an interrogative complement ("asked whether …"; data/closed_class.yaml).
WH_WORDS = word_set("closed_class.yaml", "quotes", "wh_words")


Span = tuple[int, int]
Complement = Callable[[State, View, int, int, Cue], "list[Span] | None"]


def complement(st: State, view: View, j: int, cue: Cue) -> tuple[list[Span], str] | None:
    """The complement of the verb ending before word ``j``: its spans and the name
    of the construction that read it. The readers of :data:`COMPLEMENTS` are tried
    in order at the first word past the cue's addressee and adjuncts; the first
    that answers decides (an empty answer: no complement at all)."""
    k = complement_start(st, view, j, cue)
    if k is None:
        return None
    for name, read in COMPLEMENTS:
        spans = read(st, view, j, k, cue)
        if spans is not None:
            return (spans, name) if spans else None
    return None


def complement_start(st: State, view: View, j: int, cue: Cue) -> int | None:
    """Where the complement of the cue ending before word ``j`` may start: past an
    addressee ("told reporters that"), time words and adjuncts ("said in a call
    last week that"); ``None`` at the sentence end."""
    n = len(view)
    k = skip_addressee(st, view, j, cue)
    while k < n and view.forms[k] in TEMPORAL:
        k += 1
    # "said in a call with the ambassadors last week that …", "told reporters on Friday that …"
    past = skip_adjuncts(st, view, k)
    if past > k and past < n and (view.forms[past] in ("that", ":") or st.is_opening(view, past)):
        k = past
    return k if k < n else None


def skip_addressee(st: State, view: View, k: int, cue: Cue) -> int:
    """The first word after the hearer of an addressee verb ("told them", "warned
    the troops to …"; ``data/closed_class.yaml`` ``quotes.addressee_verbs``)."""
    n = len(view)
    if cue.lemma not in ADDRESSEE_VERBS or k >= n:
        return k
    f = view.forms[k]
    if f in ("him", "her", "them", "us", "me", "you"):
        return k + 1
    if f in ("that", "to") or view.is_punct(k):
        return k
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
        return np.end
    return k


@construction(
    "indirect:quote-clause",
    confidence=0.75,
    example="The minister says “the game has become soft” because of the rules.",
    kind="mixed",
    stage="indirect",
    unparsed_penalty=0.1,
)
def quote_clause(st: State, view: View, j: int, k: int, cue: Cue) -> list[Span] | None:
    """'says “the game has become soft” because …': the clause opens with a quote."""
    mark = st.in_marks(view.words[k].start)
    if mark is not None and mark.start == view.words[k].start and cue.frames & {"quote", "that"}:
        return clause_spans(st, view, k, None)
    return None


def demonstrative_that(st: State, view: View, j: int, k: int, cue: Cue) -> list[Span] | None:
    """Not a construction but a stop: a "that" that is no complementiser ("said
    that settles it") opens no complement at all (an empty answer)."""
    return [] if view.forms[k] == "that" and not complementiser(st, view, k) else None


@construction(
    "indirect:that-clause",
    confidence=0.8,
    example="The minister said that the talks had failed.",
    kind="indirect",
    stage="indirect",
    unparsed_penalty=0.1,
)
def that_clause(st: State, view: View, j: int, k: int, cue: Cue) -> list[Span] | None:
    """``said that …`` (also ``indicate that — for the time being — …``)."""
    n = len(view)
    if view.forms[k] != "that" or k + 1 >= n:
        return None
    if not (
        ("that" in cue.frames and (not view.is_punct(k + 1) or view.forms[k + 1] in (",", "—", "–", "--")))
        or st.in_marks(view.words[k + 1].start)
    ):
        return None
    if view.forms[k + 1] in ("—", "–", "--"):
        # "indicate that — for the time being — the coalition leads": the aside and the clause
        close = next((d for d in range(k + 2, min(n, k + 14)) if view.forms[d] == view.forms[k + 1]), None)
        if close is not None and close + 1 < n:
            rest = clause_spans(st, view, close + 1, head_of(st, view, k))
            return [(view.words[k + 2].start, rest[-1][1])]
    return clause_spans(st, view, k + 1, head_of(st, view, k))


@construction(
    "indirect:wh-clause",
    confidence=0.7,
    example="The senator asked whether the troops would stay.",
    kind="indirect",
    stage="indirect",
    unparsed_penalty=0.1,
)
def wh_clause(st: State, view: View, j: int, k: int, cue: Cue) -> list[Span] | None:
    """``asked whether …``, ``explained why …``."""
    if view.forms[k] in WH_WORDS and "wh" in cue.frames:
        return clause_spans(st, view, k, head_of(st, view, k))
    return None


@construction(
    "indirect:colon-clause",
    confidence=0.6,
    example="The minister said: the talks have failed.",
    kind="indirect",
    stage="indirect",
    unparsed_penalty=0.1,
)
def colon_clause(st: State, view: View, j: int, k: int, cue: Cue) -> list[Span] | None:
    """``said: the talks failed`` (a colon and no quote marks)."""
    n = len(view)
    if (
        view.forms[k] == ":"
        and k + 1 < n
        and not st.in_marks(view.words[k + 1].start)
        and "that" in cue.frames
    ):
        return clause_spans(st, view, k + 1, None)
    return None


@construction(
    "indirect:object-infinitive",
    confidence=0.55,
    example="Experts expect the summit to be staged in Geneva.",
    kind="indirect",
    stage="indirect",
    unparsed_penalty=0.1,
)
def object_infinitive(st: State, view: View, j: int, k: int, cue: Cue) -> list[Span] | None:
    """ "Experts expect the summit to be staged": the object is the subject of the
    infinitive, part of what is expected (Quirk et al. 1985, 16.50)."""
    if not ("to" in cue.frames and cue.cls == "cognition" and cue.lemma not in ADDRESSEE_VERBS):
        return None
    n = len(view)
    np = view.np_starting_at(k, max_words=6) if view.forms[k] not in ("to", "that") else None
    if np is not None and np.end + 1 < n and view.forms[np.end] == "to" and infinitive(st, view, np.end + 1):
        return clause_spans(st, view, k, None, "infinitive")
    return None


@construction(
    "indirect:to-infinitive",
    confidence=0.6,
    example="The president promised to send more troops.",
    kind="indirect",
    stage="indirect",
    unparsed_penalty=0.1,
)
def to_infinitive(st: State, view: View, j: int, k: int, cue: Cue) -> list[Span] | None:
    """``promised to …``, ``vowed to “take our fight”``."""
    if view.forms[k] == "to" and "to" in cue.frames and k + 1 < len(view) and infinitive(st, view, k + 1):
        return clause_spans(st, view, k + 1, head_of(st, view, k), "infinitive")
    return None


@construction(
    "indirect:zero-that",
    confidence=0.65,
    example="The minister said the talks had failed.",
    kind="indirect",
    stage="indirect",
    unparsed_penalty=0.1,
)
def zero_that_clause(st: State, view: View, j: int, k: int, cue: Cue) -> list[Span] | None:
    """``said the talks failed``: a finite clause without "that"."""
    if "that" in cue.frames and cue.cls != "perception" and zero_that(st, view, j - 1, k):
        comp = [c.id - 1 for c in view.sentence.children(view.words[j - 1]) if c.deprel == "ccomp"]
        return clause_spans(st, view, k, comp[0] if comp else None)
    return None


@construction(
    "indirect:object",
    confidence=0.5,
    example="The spokesman denied it.",
    kind="indirect",
    stage="indirect",
    unparsed_penalty=0.1,
)
def object_complement(st: State, view: View, j: int, k: int, cue: Cue) -> list[Span] | None:
    """What the cue's object reports: a pronoun ("denied it"), the object of the
    cue's own preposition ("called for a ban on …") or, with a parse, a noun
    object ("announced his resignation")."""
    if "object" not in cue.frames:
        return None
    n = len(view)
    if view.forms[k] in ("this", "it", "so", "that") and (
        k + 1 >= n or view.is_punct(k + 1) or view.forms[k + 1] in NP_INNER_ADP
    ):
        s = view.words[k]
        return [(s.start, s.end)]
    words = cue.lemma.split()
    if (
        len(words) > 1
        and words[-1] in ADJUNCT_ADP
        and k == j
        and view.np_starting_at(k, max_words=12) is not None
    ):
        return clause_spans(st, view, k, None, "object")
    if view.has_parse and k == j:
        return _parsed_object(st, view, j, k)
    return None


def _parsed_object(st: State, view: View, j: int, k: int) -> list[Span] | None:
    """ "announced his resignation", "dismissed the report as “absurd”": the parse's
    noun object (not "said nothing"); an empty answer for "expressed concern that
    …", which the noun cue takes."""
    verb = view.words[j - 1]
    obj = [c for c in view.sentence.children(verb) if c.deprel == "obj" and c.upos in ("NOUN", "PROPN")]
    obj = [c for c in obj if c.id - 1 >= k]
    if obj and view.forms[j - 1] in st.lex.light_verbs and noun_with_clause(st, view, obj[0].id - 1):
        return []
    if obj and view.sentence.subtree(obj[0])[0].id - 1 == k:
        return clause_spans(st, view, k, obj[0].id - 1, "object")
    return None


COMPLEMENTS: tuple[tuple[str, Complement], ...] = (
    ("indirect:quote-clause", quote_clause),
    ("", demonstrative_that),
    ("indirect:that-clause", that_clause),
    ("indirect:wh-clause", wh_clause),
    ("indirect:colon-clause", colon_clause),
    ("indirect:object-infinitive", object_infinitive),
    ("indirect:to-infinitive", to_infinitive),
    ("indirect:zero-that", zero_that_clause),
    ("indirect:object", object_complement),
)
"""The complement readers in the order :func:`complement` tries them."""


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
