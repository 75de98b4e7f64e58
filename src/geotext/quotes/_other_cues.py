"""Cues that are not reporting verbs: ``according to X``, a reporting noun
(``Moscow's claim that …``), an attitude adjective (``X is confident that …``) and
the colon of ``Source: content``."""

from __future__ import annotations

from geotext.language.reporting import Cue
from geotext.language.view import (
    NP,
    View,
)
from geotext.quotes._clauses import clause_spans, detached_after, governor, head_of, trimmed_span
from geotext.quotes._complements import Span, complement, complementiser
from geotext.quotes._constructions import construction
from geotext.quotes._shape import (
    BE_FORMS,
    DETACH_ADVERBS,
    np_speaker,
    passive,
)
from geotext.quotes._speaker_phrase import speaker_of
from geotext.quotes._state import Speaker, State, make_indirect


@construction(
    "indirect:colon-source",
    confidence=0.5,
    example="Zelensky: the army will hold the line in the east.",
    kind="indirect",
    stage="indirect",
    unparsed_penalty=0.1,
)
def colon_source(st: State, view: View) -> None:
    """``Putin: the West is to blame.`` A sentence made of a noun phrase, a colon
    and a clause (the headline and interview convention, Pareti 2015's colon
    cues). Whether the phrase names someone is left to the speaker's actors:
    :func:`geotext.quotes.extract` keeps the quote only when the phrase resolves
    to an actor or is a person's name for the NER."""
    n = len(view)
    p = next((k for k in range(n) if view.forms[k] == ":"), None)
    if p is None or p == 0 or p + 3 >= n:
        return
    start = 0
    while start < p and view.is_punct(start):
        start += 1
    np = view.np_ending_at(p, max_words=8)
    if np is None or np.start != start or st.in_marks(view.words[p + 1].start):
        return
    if any(st.claimed(view.words[k].start) for k in range(p + 1, n)):
        return
    spans = clause_spans(st, view, p + 1, None)
    words = [w for a, b in spans for w in st.doc.text[a:b].split()]
    if len(words) < 3:
        return
    make_indirect(
        st,
        view,
        spans,
        (p, p + 1),
        "colon",
        None,
        np_speaker(view, np),
        "indirect:colon-source",
        cue_class="speech",
    )


def adjective_cue(st: State, view: View, i: int, cue: Cue) -> int | None:
    """``X is confident that …``, ``X was adamant that …``, ``X is eager to …``: an
    attitude adjective after a form of "be" (adverbs and "not" may come between),
    with its complement clause; the cue is the copula with the adjective."""
    if view.has_parse and view.words[i].upos not in ("ADJ", "VERB"):
        return None
    b = i - 1
    while b >= 0 and view.is_between(b) and view.forms[b] not in BE_FORMS:
        b -= 1
    if b < 0 or view.forms[b] not in BE_FORMS:
        return None
    found = complement(st, view, i + 1, cue)
    if found is None:
        return None
    spans, name = found
    spans = [sp for sp in spans if sp[1] > sp[0]]
    speaker = speaker_of(st, view, b, b + 1)
    if not spans or speaker is None:
        return None
    d = make_indirect(st, view, spans, (b, i + 1), "adjective", cue.stance, speaker, name, cue_class=cue.cls)
    return max(i + 1, view.first_at_or_after(d.content[-1][1]))


@construction(
    "indirect:noun-that-clause",
    confidence=0.6,
    example="Moscow's claim that the drones came from Ukraine was denied.",
    kind="indirect",
    stage="indirect",
    unparsed_penalty=0.1,
)
def noun_cue(st: State, view: View, i: int, cue: Cue) -> int | None:
    """``Moscow's claim that …``, ``expressed concern that …``: a reporting noun
    with its ``that`` clause and a holder, who is the speaker: a possessor, or
    the subject of a light verb whose object the noun is (then the cue is the
    light verb with the noun). Without a holder ("the fear that …") nobody is
    named, so no quote is made."""
    k = i + 1
    n = len(view)
    frames = cue.frames or frozenset({"that"})
    if k + 1 >= n:
        return None
    if not (view.forms[k] == "that" and "that" in frames and complementiser(st, view, k)):
        return None
    if view.has_parse and view.words[k].head and view.sentence.word(view.words[k].head).head != i + 1:
        return None  # "that" belongs to some other clause than the noun's
    j = i - 1
    while j >= 0 and (
        view.words[j].upos == "ADJ" if view.has_parse else view.forms[j].endswith(("al", "ous", "ic"))
    ):
        j -= 1
    if j < 0:
        return None
    cs = i
    speaker: Speaker | None = None
    if view.forms[j] in ("his", "her", "their", "its", "our", "my", "your"):
        speaker = np_speaker(view, NP(start=j, end=j + 1, heads=(j,)))
    elif view.forms[j] in ("'s", "'") and j > 0:
        np = view.np_ending_at(j, max_words=6)
        if np is not None:
            speaker = np_speaker(view, NP(start=np.start, end=j + 1, heads=np.heads))
    else:
        lv = j - 1 if view.forms[j] in ("a", "an", "the", "some", "no") else j
        if lv >= 0 and view.forms[lv] in st.lex.light_verbs and not passive(st, view, lv):
            cs = lv
            speaker = speaker_of(st, view, lv, lv + 1)
    if speaker is None:
        return None
    spans = clause_spans(st, view, k + 1, head_of(st, view, k))
    if not spans or spans[0][1] <= spans[0][0]:
        return None
    d = make_indirect(
        st,
        view,
        spans,
        (cs, i + 1),
        "noun",
        cue.stance,
        speaker,
        "indirect:noun-that-clause",
        cue_class=cue.cls,
    )
    return max(i + 1, view.first_at_or_after(d.content[-1][1]))


def according_to(st: State, view: View, i: int, j: int, cue: Cue) -> int | None:
    """``According to X, …`` / ``…, according to X`` / ``A, according to X, B``: the
    cue at words ``[i, j)``; the shape of the sentence picks the construction."""
    np = view.np_starting_at(j, max_words=12, split_possessive=True)
    if np is None:
        return None
    k = i
    while k - 1 >= 0 and view.forms[k - 1] in DETACH_ADVERBS:
        k -= 1
    if view.clause_start(k) >= k:
        found = according_before(st, view, i, np)
    else:
        found = according_after(st, view, k, np)
    if found is None:
        return None
    spans, name = found
    spans = [s for s in spans if s[1] > s[0]]
    if not spans:
        return None
    make_indirect(
        st, view, spans, (i, j), "according_to", cue.stance, np_speaker(view, np), name, cue_class=cue.cls
    )
    return np.end


@construction(
    "according-to:before",
    confidence=0.8,
    example="According to the ministry, the talks have failed.",
    kind="indirect",
    stage="indirect",
    unparsed_penalty=0.1,
)
def according_before(st: State, view: View, i: int, np: NP) -> tuple[list[Span], str] | None:
    """``According to X, CLAUSE``: the clause after the phrase."""
    after, n = np.end, len(view)
    c = after + 1 if after < n and view.forms[after] == "," else after
    if c >= n:
        return None
    return clause_spans(st, view, c, governor(st, view, i)), "according-to:before"


@construction(
    "according-to:after",
    confidence=0.8,
    example="The talks have failed, according to the ministry.",
    kind="indirect",
    stage="indirect",
    unparsed_penalty=0.1,
)
def according_after(st: State, view: View, k: int, np: NP) -> tuple[list[Span], str] | None:
    """``CLAUSE, according to X``: the clause before the cue, or, when the sentence
    goes on after the phrase, :func:`according_inside`."""
    comma = k - 1 if k - 1 >= 0 and view.forms[k - 1] == "," else k
    left = view.clause_start(comma)
    if left >= comma:
        return None
    spans = [trimmed_span(st, view, left, comma)]
    after, n = np.end, len(view)
    if after < n and view.forms[after] == "," and after + 1 < n and not detached_after(st, view, after + 1):
        return according_inside(st, view, spans, after + 1)
    return spans, "according-to:after"


@construction(
    "according-to:inside",
    confidence=0.8,
    example="The talks, according to the ministry, have failed.",
    kind="indirect",
    stage="indirect",
    unparsed_penalty=0.1,
)
def according_inside(st: State, view: View, before: list[Span], c: int) -> tuple[list[Span], str]:
    """``A, according to X, B``: the clause parts on both sides of the cue."""
    return before + clause_spans(st, view, c, None), "according-to:inside"
