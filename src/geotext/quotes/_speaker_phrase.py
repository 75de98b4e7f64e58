"""Who speaks: the speaker phrase of a reporting cue.

:func:`speaker_of` reads, in order: a participle's inherited or own subject
("…, noting that", "with Boris Johnson tweeting that"), the shared subject of
coordinated cues ("said A and warned that B"), the parse's own subject, the
phrase right before the verb (past a time adjunct), a relative pronoun
("allies who had hoped that"), an inverted subject ("…, said the minister") and
last the subject higher up the parse's verb chain.
"""

from __future__ import annotations

from geotext.language.view import (
    ADJUNCT_ADP,
    NP,
    REFLEXIVES,
    STANDALONE,
    View,
)
from geotext.quotes._shape import (
    DETACH_ADVERBS,
    PARTICIPLE_INTRO,
    np_speaker,
    tail_ends,
    time_phrase,
)
from geotext.quotes._state import Speaker, State


def speaker_of(st: State, view: View, cs: int, ce: int) -> Speaker | None:
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
    wrapped = st.lex.wrapper_before(view.forms, verb) is not None or (
        verb > cs and st.lex.wrapper_before(view.forms, cs + 1) is not None
    )
    participle = view.forms[cs].endswith("ing") and not wrapped and (j < 0 or not view.is_aux(j))
    participle = participle and (i == 0 or view.forms[i - 1] in PARTICIPLE_INTRO or view.is_nominal(i - 1))
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
                st.in_marks(view.words[k].start) for k in range(main.start, main.end)
            ):
                return np_speaker(view, main)
        return inherited(st, view, cs)
    if j >= 0 and view.forms[j] in ("and", "but") and j + 1 <= cs:
        # "He said A and warned that B": the second verb shares the subject
        shared = shared_subject(st, view, cs)
        if shared is not None:
            return shared
    if view.has_parse:
        own = parse_nsubj(st, view, cs)
        if own is not None:
            return own
    np = view.subject_before(cs)
    if np is not None and time_phrase(view, np):
        np = before_time(st, view, np)
    if np is not None and view.forms[np.start] not in ("who", "which", "that"):
        return np_speaker(view, np)
    rel = cs - 1
    while rel >= 0 and view.is_between(rel) and view.forms[rel] not in ("who", "which"):
        rel -= 1
    if np is None and rel >= 1 and view.forms[rel] in ("who", "which"):
        return relative_speaker(st, view, rel)  # "allies who had hoped that"
    if i == 0 or view.is_punct(i - 1):
        after = view.subject_after(ce)
        if after is not None and tail_ends(st, view, after.end, st.lex.verb_forms[("say",)]):
            return np_speaker(view, after)
    return parse_subject(st, view, cs if cs < verb else verb)


def before_time(st: State, view: View, np: NP) -> NP | None:
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


def relative_speaker(st: State, view: View, rel: int) -> Speaker:
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


def parse_nsubj(st: State, view: View, verb: int) -> Speaker | None:
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
    while start < idx and (view.words[start].upos in ("SCONJ", "CCONJ", "ADP") or view.forms[start] == "as"):
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


def parse_subject(st: State, view: View, verb: int) -> Speaker | None:
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
                return relative_speaker(st, view, idx)
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
        before = before_time(st, view, before)
    if before is None or any(st.in_marks(view.words[k].start) for k in range(before.start, before.end)):
        return None  # a pronoun inside a quote is the quote's, not the speaker
    return np_speaker(view, before)


def shared_subject(st: State, view: View, cs: int) -> Speaker | None:
    """The speaker of a reporting verb coordinated with an earlier one in its
    sentence ("said A and warned that B"): that attribution's speaker."""
    cue_start = view.words[cs].start
    for d in reversed(st.drafts):
        if (
            d.sentence == view.sentence.index
            and d.cue
            and d.cue[0] < cue_start
            and d.source
            and d.source[1] <= cue_start
        ):
            return Speaker(source=d.source, heads=d.heads, pp_start=d.pp_start, inherited=True)
    return None


def inherited(st: State, view: View, cs: int) -> Speaker | None:
    """A participle ("…, noting that") speaks for the attribution before it in
    its sentence, else for the subject of the clause it hangs on."""
    cue_start = view.words[cs].start
    for d in reversed(st.drafts):
        if d.sentence == view.sentence.index and d.cue and d.cue[0] < cue_start and d.source:
            return Speaker(source=d.source, heads=d.heads, pp_start=d.pp_start, inherited=True)
    if view.has_parse:
        found = parse_subject(st, view, cs)
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
