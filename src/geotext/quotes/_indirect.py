"""Indirect speech: a reporting cue and the clause it reports.

A verb from the lexicon takes its content from its complement (a ``that`` clause,
a zero-``that`` clause from the parse, a ``to`` infinitive, a pronoun object), or,
in a comment clause (``…, he said``, ``As Reuters reported, …``), from the clause
around it. ``according to X`` takes the clause before, after or around it; a
reporting noun with a possessor (``Moscow's claim that …``) takes its ``that``
clause. Quote marks inside the content make the quote ``mixed``.
"""

from __future__ import annotations

from geotext.data import word_set
from geotext.language.reporting import Cue
from geotext.language.view import (
    View,
)
from geotext.quotes._comment_clauses import content_before
from geotext.quotes._complements import complement
from geotext.quotes._other_cues import according_to, adjective_cue, colon_source, noun_cue
from geotext.quotes._shape import (
    passive,
    plausible_speaker,
    skip_adjuncts,
)
from geotext.quotes._speaker_phrase import speaker_of
from geotext.quotes._state import Speaker, State, make_indirect

# Auxiliaries that open a yes/no question (data/closed_class.yaml).
_QUESTION_AUX = word_set("closed_class.yaml", "quotes", "question_auxiliaries")
# Penn tags of finite verbs (past, present, modal).
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})


def indirect_cues(st: State) -> None:
    starts = st.lex.starts
    for view in st.views:
        forms = view.forms
        n = len(forms)
        i = 0
        while i < n:
            # most words start no cue: skip them without a call (see ``cue_at``)
            i = (forms[i] in starts and cue_at(st, view, i)) or i + 1
    for view in st.views:
        colon_source(st, view)


def cue_at(st: State, view: View, i: int) -> int | None:
    if view.forms[i] not in st.lex.starts:
        return None  # most words start no cue (``cues_at`` would find none): skip the look-ups
    w = view.words[i]
    if st.claimed(w.start) or st.in_marks(w.start):
        return None
    hits = st.lex.cues_at(view.forms, i)
    verb = next((h for h in hits if h.kind == "verb"), None)
    for hit in hits:
        if hit.kind == "phrase":
            return according_to(st, view, i, hit.end, hit.cue)
        if hit.kind == "adjective":
            found_adj = adjective_cue(st, view, i, hit.cue)
            if found_adj is not None:
                return found_adj
        if hit.kind == "noun" and (not view.has_parse or w.upos == "NOUN"):
            after_noun = noun_cue(st, view, i, hit.cue)
            if after_noun is not None or view.has_parse or verb is None:
                return after_noun
            # without a parse "fear" may be the verb: "analysts fear that …"
    if verb is None:
        return None
    return verb_cue(st, view, i, verb.cue, verb.end - i)


def verb_cue(st: State, view: View, i: int, cue: Cue, n: int) -> int | None:
    """A reporting verb at words ``[i, i + n)``: its content and speaker."""
    w = view.words[i]
    if view.forms[i] == "said" and i + 1 < len(view) and view.forms[i + 1] == "to":
        return None  # "troops said to be from Chechnya": the evidential passive, no speaker
    if question(st, view):
        return None  # "Did the president say the war was over?" asserts no report
    if (
        view.has_parse
        and (w.upos != "VERB" or w.deprel in ("amod", "compound"))
        and not final_comment_clause(st, view, i, i + n, cue)
    ):
        return None
    prev = view.forms[i - 1] if i else ""
    wrap = st.lex.wrapper_before(view.forms, i)
    if not view.has_parse and wrap is None and prev in ("the", "a", "an", "his", "her", "their", "its", "to"):
        return None
    cs = i
    stance = cue.stance
    if wrap is not None:
        cs, stance = i - wrap[1], wrap[0].stance
    elif passive(st, view, i):
        return None
    found = None
    evidence_kind = "indirect"
    if parenthetical(st, view, cs, i + n):
        found = content_before(st, view, cs, i + n, cue)
        evidence_kind = "indirect:cue-after"
    if found is None:
        found = complement(st, view, i + n, cue)
        evidence_kind = "indirect"
    if found is None:
        found = content_before(st, view, cs, i + n, cue)
        evidence_kind = "indirect:cue-after"
        if found is None:
            return None
    spans, name = found
    spans = [sp for sp in spans if sp[1] > sp[0]]
    if not spans:  # a cue with nothing to report ("<<,he said")
        return None
    speaker = speaker_of(st, view, cs, i + n)
    if speaker is None and (evidence_kind == "indirect:cue-after" or name == "indirect:colon-clause"):
        return None  # no one reports: "Warning: the video …", "Note: the figures …"
    if speaker is None and wrap is None and all(view.is_punct(k) for k in range(cs)):
        return None  # an imperative or a noun opens the sentence: "Tell me …", "Hopes that …"
    if speaker is not None and evidence_kind == "indirect":
        spans = within_aside(st, view, speaker, spans)
    d = make_indirect(st, view, spans, (cs, i + n), "verb", stance, speaker, name, cue_class=cue.cls)
    return max(i + n, view.first_at_or_after(d.content[-1][1]))


def question(st: State, view: View) -> bool:
    """Whether the sentence is a yes/no question opened by an auxiliary ("Did the
    president say …?", "Do you think …?"): it reports nothing."""
    return yes_no_question(view)


def yes_no_question(view: View) -> bool:
    """:func:`question` on a sentence view alone (the combine step's veto uses it)."""
    k = 0
    while k < len(view) and view.is_punct(k):
        k += 1
    end = len(view) - 1
    while end > k and view.is_punct(end) and view.forms[end] != "?":
        end -= 1
    return k < len(view) and view.forms[end] == "?" and view.forms[k] in _QUESTION_AUX


def parenthetical(st: State, view: View, cs: int, ce: int) -> bool:
    """Whether the cue stands in a comment clause: ", he said," / "As X said,"."""
    k = ce
    while k < len(view) and view.is_between(k):
        k += 1
    k = skip_adjuncts(st, view, k)  # ", he observed this week,"
    if k < len(view) and not view.is_punct(k):
        return False
    np = view.subject_before(cs)
    return (
        np is not None
        and np.start >= 1
        and (view.forms[np.start - 1] in (",", "as") or st.is_mark(view, np.start - 1))
    )


def within_aside(
    st: State, view: View, speaker: Speaker, spans: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """A cue in a non-restrictive relative clause ("Putin, who said that the
    talks failed, left early") reports no further than the comma closing it."""
    text = st.doc.text
    if text[speaker.source[0] : speaker.source[1]].lower() not in ("who", "which"):
        return spans
    if not text[: speaker.source[0]].rstrip().endswith(","):
        return spans
    a, b = spans[0]
    for w in view.words:
        if a < w.start < b and w.form == "," and st.in_marks(w.start) is None:
            return [(a, w.start)]
    return spans


def final_comment_clause(st: State, view: View, cs: int, ce: int, cue: Cue) -> bool:
    """Whether the cue ends its sentence in a comment clause after a comma
    (``…, the Kyiv Independent reports.``): a verb there, whatever the tagger says
    (it often reads "reports" or "notes" as a noun)."""
    if not (cue.frames & {"quote", "inversion"}) or view.forms[ce - 1].endswith("ing"):
        return False
    if any(not view.is_punct(k) for k in range(ce, len(view))):
        return False
    np = view.subject_before(cs)
    if not (
        np is not None
        and np.end == cs
        and np.start >= 1
        and (view.forms[np.start - 1] == "," or st.is_mark(view, np.start - 1))
    ):
        return False
    if st.is_mark(view, np.start - 1):
        return True
    if not plausible_speaker(view, np):
        return False
    # The tagger may miss the cue, but not the clause too: the text before the
    # comma must hold a finite verb ("That being said, the offensive continues."
    # reports nothing).
    return not view.has_parse or any(view.words[k].xpos in _FINITE for k in range(np.start - 1))
