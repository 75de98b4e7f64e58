"""The reporting clause next to a pair of quote marks: ``"…," said X`` /
``"…," X said`` / ``"…," X, a doctor, said`` after the marks, ``X said: "…"`` /
``X told reporters: "…"`` before them."""

from __future__ import annotations

from geotext.language.reporting import Cue
from geotext.language.view import (
    ADJUNCT_ADP,
    NP,
    View,
)
from geotext.quotes._marks import MarkSpan
from geotext.quotes._shape import (
    has_alnum,
    np_speaker,
    skippable,
    speaker_cue,
    subject_and_verb,
    tail_ends,
)
from geotext.quotes._state import Speaker, State


def loose_tail(st: State, view: View, k: int) -> tuple[int, int, Cue, Speaker | None] | None:
    """A reporting clause at word ``k`` whose end the tail pattern could not
    read: ``said X …`` or ``X said …``, unless the verb has its own complement
    clause ('“Briefing,” Kallas said Moscow’s …')."""
    n = len(view)
    while k < n and view.forms[k] in (",", "--", "-", "—"):
        k += 1
    hit = st.lex.verb_at(view.forms, k) if k < n else None
    if hit is not None and (speaker_cue(st, hit[0]) or "inversion" in hit[0].frames):
        after = k + hit[1]
        np = view.subject_after(after) or view.np_starting_at(after, max_words=8)
        return k, after, hit[0], np_speaker(view, np) if np is not None else None
    found = np_then_verb(st, view, k)
    if found is None:
        return None
    np, j, hit = found
    if hit is None or not (hit[0].frames & {"quote", "inversion"}):
        return None
    after = j + hit[1]
    if after < n and (view.forms[after] == "that" or subject_and_verb(st, view, after)):
        return None
    return j, after, hit[0], np_speaker(view, np)


def np_then_verb(st: State, view: View, k: int) -> tuple[NP, int, tuple[Cue, int] | None] | None:
    """``X[,] (adverbs) VERB`` at word ``k``: the speaker phrase (apposition
    allowed), where the verb would start, and the reporting verb found there."""
    np = np_with_apposition(st, view, k)
    if np is None:
        return None
    n = len(view)
    j = np.end + 1 if np.end < n and view.forms[np.end] == "," else np.end
    while j < n and view.is_between(j):
        j += 1
    return np, j, st.lex.verb_at(view.forms, j) if j < n else None


def tail_at(st: State, view: View, k: int) -> tuple[int, int, Cue, Speaker, int] | None:
    """Match ``[,] X said`` / ``[,] said X`` at word ``k``: (cue start, cue end,
    cue, speaker, end of the match)."""
    n = len(view)
    while k < n and view.forms[k] in (",", "--", "-", "—"):
        k += 1
    if k >= n:
        return None
    hit = st.lex.verb_at(view.forms, k)
    if hit is not None and (speaker_cue(st, hit[0]) or "inversion" in hit[0].frames):
        np = view.subject_after(k + hit[1])
        parsed = inverted_subject(st, view, k + hit[1] - 1)
        if parsed is not None:  # "says a diplomat involved in the alliance’s founding"
            return k, k + hit[1], hit[0], np_speaker(view, parsed), parsed.end
        if np is not None and tail_ends(st, view, np.end, hit[0]):
            return k, k + hit[1], hit[0], np_speaker(view, np), np.end
    found = np_then_verb(st, view, k)
    if found is None:
        return None
    np, j, hit = found
    if hit is None or not (hit[0].frames & {"quote", "inversion", "that"}):
        return None
    if not tail_ends(st, view, j + hit[1], hit[0]):
        return None  # '“Briefing,” Kallas said Moscow’s …': a main clause, not a tail
    return j, j + hit[1], hit[0], np_speaker(view, np), j + hit[1]


def ends_sentence(st: State, view: View, k: int) -> bool:
    """Whether only punctuation follows word ``k - 1`` in its sentence."""
    return all(view.is_punct(j) for j in range(k, len(view)))


def np_with_apposition(st: State, view: View, k: int) -> NP | None:
    """The noun phrase at ``k`` with an apposition set off by commas ("X, a
    doctor," / "the opposition leader, Donald Tusk," / "Pavel Novak, director of
    the Border Security Project at the Central European Policy Institute,"), without
    the closing comma. An apposition is a noun phrase, with any
    prepositional attachments, and holds no verb."""
    n = len(view)
    np = view.np_starting_at(k, max_words=12)
    if np is None:
        return None
    j = np.end
    if j < n and view.forms[j] == ",":
        close = next((c for c in range(j + 1, min(n, j + 17)) if view.forms[c] == ","), None)
        appos = view.np_starting_at(j + 1, max_words=8)
        if close is not None and appos is not None and nominal_run(st, view, appos.end, close):
            return NP(start=np.start, end=close, heads=np.heads)
    return np


def nominal_run(st: State, view: View, a: int, b: int) -> bool:
    """Whether words ``[a, b)`` only attach to a noun phrase (prepositional
    phrases, "and"), with no verb."""
    for j in range(a, b):
        f = view.forms[j]
        if view.is_verb(j) or st.lex.verb_at(view.forms, j) is not None or view.is_punct(j):
            return False
        if not (view.is_nominal(j) or f in ADJUNCT_ADP or f == "and"):
            return False
    return True


def inverted_subject(st: State, view: View, verb: int) -> NP | None:
    """The parse's subject after an inverted reporting verb, taken whole when
    it runs to the end of the sentence or a comma."""
    if not view.has_parse:
        return None
    w = view.words[verb]
    subj = next((c for c in view.sentence.children(w) if c.deprel == "nsubj" and c.id > w.id), None)
    if subj is None:
        return None
    ids = [x.id - 1 for x in view.sentence.subtree(subj)]
    start, end = min(ids), max(ids) + 1
    while end > start + 1 and view.is_punct(end - 1):
        end -= 1
    if start != verb + 1 or not (end >= len(view) or view.is_punct(end)):
        return None
    head = subj.id - 1
    return NP(start=start, end=end, heads=(head,))


def cue_before(st: State, view: View, p: int) -> tuple[int, int, Cue] | None:
    """A reporting verb that ends before word ``p`` (the word before the opening
    mark) with nothing but an addressee and adjuncts between."""
    end = p + 1
    if view.forms[p] in (":", ","):
        end = p
    for c in range(end - 1, max(-1, end - 10), -1):
        hit = st.lex.verb_at(view.forms, c)
        if hit is None:
            continue
        cue, n = hit
        if c + n > end or not (cue.frames & {"quote", "that"}):
            continue
        if st.doc.has_parse and view.words[c].upos not in ("VERB", "AUX"):
            continue
        if view.forms[p] not in (":", ","):
            if end - (c + n) > 0:
                return None  # "called the plan “a disaster”": a fragment, not a quote
            if not quote_ends_clause(st, view, p):
                return None  # 'said “it makes us angry” every time …': the clause goes on
        if skippable(st, view, c + n, end, cue):
            return c, c + n, cue
        return None
    return None


def quote_ends_clause(st: State, view: View, p: int) -> bool:
    """Whether the marks opening after word ``p`` close at the end of the clause."""
    m = st.in_marks(view.words[p + 1].start) if p + 1 < len(view) else None
    if m is None:
        return False
    close = st.view_at(m.end - 1)
    if close is None:
        return False
    after = st.doc.text[m.end : close.sentence.end]
    return not has_alnum(after)


def has_cue_after(st: State, m: MarkSpan) -> bool:
    """Whether a reporting clause follows the marks (then they are a new quote)."""
    view = st.view_at(m.end - 1)
    if view is None:
        return False
    t = view.first_at_or_after(m.end)
    return t < len(view) and tail_at(st, view, t) is not None
