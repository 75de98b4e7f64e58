"""Attributions that point at other text: "This was reported by Reuters." and pull
quotes (``“to hold the line” – General Staff``).

* **Reported by** (:meth:`ReportedRules._reported_by`): a sentence that is only an
  anaphoric subject ("This", "That", "It", "The report"), a form of "be", a reporting
  verb's past participle and ``by`` + a noun phrase ("This was announced by the
  ministry.") attributes the sentence before it, in the same paragraph, to that
  phrase.
* **Pull quotes** (:meth:`ReportedRules._pull_quotes`): quote marks followed by a dash
  and a capitalised noun phrase that ends the sentence or line (the caption
  convention of pull quotes and social cards) attribute the quoted words to that
  phrase.
"""

from __future__ import annotations

from geotext.language.view import View
from geotext.quotes._base import BE_FORMS, Base, Draft, Speaker, cueless_draft, np_speaker

__all__ = ["ReportedRules"]

# Subjects that point back at the previous sentence.
_ANAPHORIC = frozenset({"this", "that", "it"})
_REPORT_NOUNS = frozenset({"news", "report", "information", "announcement", "claim", "statement", "figure"})
_ADVERBS = frozenset(
    {"also", "first", "later", "earlier", "already", "initially", "previously", "officially"}
)
_DASHES = frozenset({"\u2013", "\u2014", "-", "--", "\u2012", "\u2015"})


class ReportedRules(Base):
    """The reported-by and pull-quote rules (see the module docstring)."""

    def _reported_by(self) -> None:
        for view in self.views:
            if view.sentence.index > 0:
                self._reported_by_at(view)

    def _reported_by_at(self, view: View) -> None:
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
        hit = self.lex.verb_at(view.forms, k) if k < n else None
        if hit is None or not view.forms[k].endswith(("ed", "en", "id", "wn")):
            return
        cue, size = hit
        by = k + size
        if by >= n or view.forms[by] != "by" or cue.cls not in ("speech", "evidence"):
            return
        np = view.np_starting_at(by + 1, max_words=8)
        if np is None or any(not view.is_punct(j) for j in range(np.end, n)):
            return
        before = self.views[view.sentence.index - 1]
        if not len(before) or "\n\n" in self.doc.text[before.sentence.end : view.sentence.start]:
            return
        first = 0
        last = len(before)
        while last > first and before.is_punct(last - 1):
            last -= 1
        if last <= first:
            return
        start, end = before.words[first].start, before.words[last - 1].end
        if any(self._claimed(w.start) for w in before.words[first:last]) or self._in_marks(start):
            return
        self._make_reported(view, (start, end), (k, by), np_speaker(view, np), cue.stance, cue.cls)

    def _make_reported(
        self,
        view: View,
        content: tuple[int, int],
        cue_words: tuple[int, int],
        speaker: Speaker,
        stance: str | None,
        cue_class: str | None,
    ) -> None:
        words = view.words
        inside = self._marks_within(*content)
        for m in inside:
            self.used_marks.add(self.mark_index[m.start])
        self.drafts.append(
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
        self._claim(*content)

    def _pull_quotes(self) -> None:
        unattributed = {d.marks[-1].start: d for d in self.drafts if d.source is None and d.marks}
        for k, m in enumerate(self.marks):
            draft = unattributed.get(m.start)
            if k in self.used_marks and draft is None:
                continue
            found = self._dash_source(m.end)
            if found is None:
                continue
            view, dash, speaker = found
            if draft is None:
                self.used_marks.add(k)
                draft = cueless_draft(m, view.sentence.index, "")
                self.drafts.append(draft)
                self._claim(m.start, m.end)
            w = view.words[dash]
            draft.cue, draft.cue_type, draft.cue_class = (w.start, w.end), "colon", "speech"
            draft.source, draft.heads, draft.pp_start = speaker.source, speaker.heads, speaker.pp_start
            draft.confidence, draft.evidence, draft.floating = 0.6, "direct:dash-source", False

    def _dash_source(self, end: int) -> tuple[View, int, Speaker] | None:
        """After closing marks at ``end``: a dash and a capitalised phrase ending its
        sentence or line; (view, the dash's word, the speaker)."""
        view = self._view_at(end) or self._view_at(end + 1)
        if view is None:
            return None
        d = view.first_at_or_after(end)
        if d >= len(view) or view.forms[d] not in _DASHES or "\n" in self.doc.text[end : view.words[d].start]:
            return None
        if d + 1 >= len(view) or not view.is_capitalized(d + 1):
            return None
        np = view.np_starting_at(d + 1, max_words=8)
        if np is None or not all(view.is_capitalized(h) for h in np.heads):
            return None
        tail = np.end
        while tail < len(view) and view.is_punct(tail) and view.forms[tail] not in _DASHES:
            tail += 1
        line_end = (
            tail < len(view) and "\n" in self.doc.text[view.words[np.end - 1].end : view.words[tail].start]
        )
        if tail < len(view) and not line_end:
            return None
        return view, d, np_speaker(view, np)
