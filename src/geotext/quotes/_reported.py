"""Attributions that point at other text: "This was reported by Reuters." and pull
quotes (``“to hold the line” – General Staff``).

* **Reported by** (:func:`reported_by`): a sentence that is only an
  anaphoric subject ("This", "That", "It", "The report"), a form of "be", a reporting
  verb's past participle and ``by`` + a noun phrase ("This was announced by the
  ministry.") attributes the sentence before it, in the same paragraph, to that
  phrase.
* **Pull quotes** (:func:`pull_quotes`): quote marks followed by a dash
  and a capitalised noun phrase that ends the sentence or line (the caption
  convention of pull quotes and social cards) attribute the quoted words to that
  phrase.
"""

from __future__ import annotations

from geotext.data import word_set
from geotext.language.view import (
    View,
)
from geotext.quotes._constructions import confidence, construction
from geotext.quotes._shape import (
    BE_FORMS,
    np_speaker,
)
from geotext.quotes._state import Draft, Speaker, State, cueless_draft

# Closed-class words of these constructions (data/closed_class.yaml, ``quotes``):
# subjects that point back at the previous sentence, the nouns that name a report
# there, the adverbs before the participle, the dashes of a pull quote.
_ANAPHORIC = word_set("closed_class.yaml", "quotes", "anaphoric_subjects")
_REPORT_NOUNS = word_set("closed_class.yaml", "quotes", "report_nouns")
_ADVERBS = word_set("closed_class.yaml", "quotes", "reported_by_adverbs")
_DASHES = word_set("closed_class.yaml", "quotes", "pull_quote_dashes")


def reported_by(st: State) -> None:
    for view in st.views:
        if view.sentence.index > 0:
            reported_by_at(st, view)


@construction(
    "indirect:reported-by",
    kind="indirect",
    confidence=0.7,
    example="The talks have failed.  This was announced by the ministry.",
    stage="reported-by",
    unparsed_penalty=0.1,
)
def reported_by_at(st: State, view: View) -> None:
    n = len(view)
    k = 0
    while k < n and view.is_punct(k):
        k += 1
    if k >= n:
        return
    if view.forms[k] in _ANAPHORIC:
        k += 1
    elif view.forms[k] in ("the", "this", "that") and k + 1 < n and view.forms[k + 1] in _REPORT_NOUNS:
        k += 2
    else:
        return
    if k < n and view.forms[k] in ("has", "had", "have"):
        k += 1
    if k >= n or view.forms[k] not in BE_FORMS:
        return
    k += 1
    while k < n and view.forms[k] in _ADVERBS:
        k += 1
    hit = st.lex.verb_at(view.forms, k) if k < n else None
    if hit is None or not view.forms[k].endswith(("ed", "en", "id", "wn")):
        return
    cue, size = hit
    by = k + size
    if by >= n or view.forms[by] != "by" or cue.cls not in ("speech", "evidence"):
        return
    np = view.np_starting_at(by + 1, max_words=8)
    if np is None or any(not view.is_punct(j) for j in range(np.end, n)):
        return
    before = st.views[view.sentence.index - 1]
    if not len(before) or "\n\n" in st.doc.text[before.sentence.end : view.sentence.start]:
        return
    first = 0
    last = len(before)
    while last > first and before.is_punct(last - 1):
        last -= 1
    if last <= first:
        return
    start, end = before.words[first].start, before.words[last - 1].end
    if any(st.claimed(w.start) for w in before.words[first:last]) or st.in_marks(start):
        return
    make_reported(st, view, (start, end), (k, by), np_speaker(view, np), cue.stance, cue.cls)


def make_reported(
    st: State,
    view: View,
    content: tuple[int, int],
    cue_words: tuple[int, int],
    speaker: Speaker,
    stance: str | None,
    cue_class: str | None,
) -> None:
    words = view.words
    inside = st.marks_within(*content)
    for m in inside:
        st.used_marks.add(st.mark_index[m.start])
    st.drafts.append(
        Draft(
            content=[content],
            cue=(words[cue_words[0]].start, words[cue_words[1] - 1].end),
            cue_type="verb",
            stance=stance,
            source=speaker.source,
            heads=speaker.heads,
            pp_start=speaker.pp_start,
            confidence=0.7 - (0.1 if not view.has_parse else 0.0),
            evidence="indirect:reported-by",
            sentence=view.sentence.index,
            marks=inside,
            cue_class=cue_class,
        )
    )
    st.claim(*content)


@construction(
    "direct:dash-source",
    kind="direct",
    confidence=0.6,
    example="“We will hold the line” – General Staff",
    stage="pull-quote",
)
def pull_quotes(st: State) -> None:
    unattributed = {d.marks[-1].start: d for d in st.drafts if d.source is None and d.marks}
    for k, m in enumerate(st.marks):
        draft = unattributed.get(m.start)
        if k in st.used_marks and draft is None:
            continue
        found = dash_source(st, m.end)
        if found is None:
            continue
        view, dash, speaker = found
        if draft is None:
            st.used_marks.add(k)
            draft = cueless_draft(m, view.sentence.index, "")
            st.drafts.append(draft)
            st.claim(m.start, m.end)
        w = view.words[dash]
        draft.cue, draft.cue_type, draft.cue_class = (w.start, w.end), "colon", "speech"
        draft.source, draft.heads, draft.pp_start = speaker.source, speaker.heads, speaker.pp_start
        draft.confidence = confidence("direct:dash-source", view.has_parse)
        draft.evidence, draft.floating = "direct:dash-source", False


def dash_source(st: State, end: int) -> tuple[View, int, Speaker] | None:
    """After closing marks at ``end``: a dash and a capitalised phrase ending its
    sentence or line; (view, the dash's word, the speaker)."""
    view = st.view_at(end) or st.view_at(end + 1)
    if view is None:
        return None
    d = view.first_at_or_after(end)
    if d >= len(view) or view.forms[d] not in _DASHES or "\n" in st.doc.text[end : view.words[d].start]:
        return None
    if d + 1 >= len(view) or not view.is_capitalized(d + 1):
        return None
    np = view.np_starting_at(d + 1, max_words=8)
    if np is None or not all(view.is_capitalized(h) for h in np.heads):
        return None
    tail = np.end
    while tail < len(view) and view.is_punct(tail) and view.forms[tail] not in _DASHES:
        tail += 1
    line_end = tail < len(view) and "\n" in st.doc.text[view.words[np.end - 1].end : view.words[tail].start]
    if tail < len(view) and not line_end:
        return None
    return view, d, np_speaker(view, np)
