"""Direct quotes: a pair of marks and the cue right after or before it.

Each top-level pair of marks looks for a reporting clause right after it (``"…,"
said X`` / ``"…," X said`` / ``"…," X, a doctor, said``), then right before it (``X
said: "…"``, ``X told reporters: "…"``, ``X: "…"``). Marks that continue the same
utterance after the cue (``"A," he said, "B."`` or ``"A," he said. "B."`` in one
paragraph) join it as further content spans. A whole-sentence quote with no cue is
kept for the floating-quote rule.
"""

from __future__ import annotations

import regex

from geotext.language.reporting import Cue
from geotext.language.view import ADJUNCT_ADP, NP, SUBJECT_PRONOUNS, View
from geotext.quotes._base import Base, Draft, Speaker, cueless_draft, np_speaker
from geotext.quotes._marks import MarkSpan

__all__ = ["DirectRules"]

_ALNUM = regex.compile(r"[\p{L}\p{N}]")


def _has_alnum(text: str) -> bool:
    """``any(c.isalnum() for c in text)`` in one C-level scan (marks are many, and
    a per-character Python loop over each mark's sentence was most of their cost)."""
    return _ALNUM.search(text) is not None


class DirectRules(Base):
    """The direct-quote rules."""

    def _directs(self) -> None:
        for k, m in enumerate(self.marks):
            if k in self.used_marks:
                continue
            self._direct(k, m)

    def _direct(self, k: int, m: MarkSpan) -> None:
        text = self.doc.text
        close_view = self._view_at(m.end - 1) or self._view_at(m.content_end - 1)
        open_view = self._view_at(m.start)
        if close_view is None or open_view is None:
            return
        tail = None
        t = close_view.first_at_or_after(m.end)
        lead = text[open_view.sentence.start : m.start].rstrip()
        if _has_alnum(lead) and not lead.endswith((":", "—", "–")):
            t = len(close_view)  # 'put it in a “red file,” the Guardian reported': the cue takes the clause
        if t < len(close_view):
            tail = self._tail(close_view, t)
        elif close_view.sentence.index + 1 < len(self.views) and not _has_alnum(lead):
            # the splitter cut after the closing mark: '“… in Vienna!” Tusk said.'
            nxt = self.views[close_view.sentence.index + 1]
            gap = text[m.end : nxt.words[0].start] if len(nxt) else "\n"
            if not gap.strip() and "\n" not in gap:
                tail = self._tail(nxt, 0)
                if tail is not None and (
                    nxt.words[0].text[:1].islower() or self._ends_sentence(nxt, tail[4])
                ):
                    close_view = nxt
                else:
                    tail = None
        if tail is not None:
            cs, ce, cue, speaker, end = tail
            d = self._draft([m], close_view, cs, ce, cue, speaker, 0.9, "direct:cue-after")
            self._split_continuation(d, close_view, end, cue)
            return
        if t < len(close_view) and self._quote_shaped(m, open_view):
            # '“…,” said a senior official who spoke on condition of anonymity': the
            # reporting clause goes on past what the tail pattern reads; the quote
            # stays a direct quote, with its cue and speaker when they are found
            loose = self._loose_tail(close_view, t)
            if loose is not None:
                cs, ce, cue, who = loose
                self._draft([m], close_view, cs, ce, cue, who, 0.7, "direct:cue-after-loose")
                return
            inner = text[m.content_start : m.content_end].rstrip()
            if len(inner.split()) >= 3:  # "''Border Stories,'' whose …" is a title, not an utterance
                self._unattributed(k, m, open_view, floating=inner.endswith((".", "!", "?")))
            return
        p = open_view.last_before(m.start)
        if p < 0 and open_view.sentence.index > 0:
            # the splitter ended the sentence at the colon: 'Scholz continued: | “…”'
            prev = self.views[open_view.sentence.index - 1]
            if len(prev) and prev.forms[-1] == ":" and not text[prev.sentence.end : m.start].strip():
                open_view, p = prev, len(prev) - 1
        if p >= 0:
            if open_view.forms[p] == "that":
                return  # "noted that “…”": the indirect rules take the whole clause
            before = self._cue_before(open_view, p)
            if before is not None:
                cs, ce, cue = before
                who = self._speaker(open_view, cs, ce)
                self._draft([m], open_view, cs, ce, cue, who, 0.85, "direct:cue-before")
                return
            if open_view.forms[p] == ":":
                start = open_view.clause_start(p)
                np = open_view.np_ending_at(p, max_words=6)
                if (
                    np is not None
                    and np.start == start
                    and any(
                        open_view.is_capitalized(h) or open_view.forms[h] in SUBJECT_PRONOUNS
                        for h in np.heads
                    )
                ):
                    d = self._draft(
                        [m], open_view, p, p + 1, None, np_speaker(open_view, np), 0.7, "direct:colon"
                    )
                    d.cue_type = "colon"
                    return
        if self._full_sentences(m, open_view, close_view):
            self._unattributed(k, m, open_view, floating=True)

    def _unattributed(self, k: int, m: MarkSpan, view: View, *, floating: bool) -> None:
        """Keep the marks as a direct quote with no cue: a floating quote (a later
        rule may give it the speaker of the quote before it) or one whose reporting
        clause could not be read."""
        self.used_marks.add(k)
        self.drafts.append(cueless_draft(m, view.sentence.index, "direct:unattributed", floating))
        self._claim(m.start, m.end)

    def _quote_shaped(self, m: MarkSpan, open_view: View) -> bool:
        """Whether the marks hold a quoted utterance, not a fragment: they open the
        sentence and their words end with the punctuation of a sentence or with the
        comma that stands for its full stop before a reporting clause ('“We won,” …')."""
        text = self.doc.text
        lead = text[open_view.sentence.start : m.start]
        inner = text[m.content_start : m.content_end].rstrip()
        return not _has_alnum(lead) and inner.endswith((",", ".", "!", "?"))

    def _loose_tail(self, view: View, k: int) -> tuple[int, int, Cue, Speaker | None] | None:
        """A reporting clause at word ``k`` whose end the tail pattern could not
        read: ``said X …`` or ``X said …``, unless the verb has its own complement
        clause ('“Briefing,” Kallas said Moscow’s …')."""
        n = len(view)
        while k < n and view.forms[k] in (",", "--", "-", "—"):
            k += 1
        hit = self.lex.verb_at(view.forms, k) if k < n else None
        if hit is not None and (self._speaker_cue(hit[0]) or "inversion" in hit[0].frames):
            after = k + hit[1]
            np = view.subject_after(after) or view.np_starting_at(after, max_words=8)
            return k, after, hit[0], np_speaker(view, np) if np is not None else None
        found = self._np_then_verb(view, k)
        if found is None:
            return None
        np, j, hit = found
        if hit is None or not (hit[0].frames & {"quote", "inversion"}):
            return None
        after = j + hit[1]
        if after < n and (view.forms[after] == "that" or self._subject_and_verb(view, after)):
            return None
        return j, after, hit[0], np_speaker(view, np)

    def _np_then_verb(self, view: View, k: int) -> tuple[NP, int, tuple[Cue, int] | None] | None:
        """``X[,] (adverbs) VERB`` at word ``k``: the speaker phrase (apposition
        allowed), where the verb would start, and the reporting verb found there."""
        np = self._np_with_apposition(view, k)
        if np is None:
            return None
        n = len(view)
        j = np.end + 1 if np.end < n and view.forms[np.end] == "," else np.end
        while j < n and view.is_between(j):
            j += 1
        return np, j, self.lex.verb_at(view.forms, j) if j < n else None

    def _tail(self, view: View, k: int) -> tuple[int, int, Cue, Speaker, int] | None:
        """Match ``[,] X said`` / ``[,] said X`` at word ``k``: (cue start, cue end,
        cue, speaker, end of the match)."""
        n = len(view)
        while k < n and view.forms[k] in (",", "--", "-", "—"):
            k += 1
        if k >= n:
            return None
        hit = self.lex.verb_at(view.forms, k)
        if hit is not None and (self._speaker_cue(hit[0]) or "inversion" in hit[0].frames):
            np = view.subject_after(k + hit[1])
            parsed = self._inverted_subject(view, k + hit[1] - 1)
            if parsed is not None:  # "says a diplomat involved in the alliance’s founding"
                return k, k + hit[1], hit[0], np_speaker(view, parsed), parsed.end
            if np is not None and self._tail_ends(view, np.end, hit[0]):
                return k, k + hit[1], hit[0], np_speaker(view, np), np.end
        found = self._np_then_verb(view, k)
        if found is None:
            return None
        np, j, hit = found
        if hit is None or not (hit[0].frames & {"quote", "inversion", "that"}):
            return None
        if not self._tail_ends(view, j + hit[1], hit[0]):
            return None  # '“Briefing,” Kallas said Moscow’s …': a main clause, not a tail
        return j, j + hit[1], hit[0], np_speaker(view, np), j + hit[1]

    def _ends_sentence(self, view: View, k: int) -> bool:
        """Whether only punctuation follows word ``k - 1`` in its sentence."""
        return all(view.is_punct(j) for j in range(k, len(view)))

    def _np_with_apposition(self, view: View, k: int) -> NP | None:
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
            if close is not None and appos is not None and self._nominal_run(view, appos.end, close):
                return NP(start=np.start, end=close, heads=np.heads)
        return np

    def _nominal_run(self, view: View, a: int, b: int) -> bool:
        """Whether words ``[a, b)`` only attach to a noun phrase (prepositional
        phrases, "and"), with no verb."""
        for j in range(a, b):
            f = view.forms[j]
            if view.is_verb(j) or self.lex.verb_at(view.forms, j) is not None or view.is_punct(j):
                return False
            if not (view.is_nominal(j) or f in ADJUNCT_ADP or f == "and"):
                return False
        return True

    def _inverted_subject(self, view: View, verb: int) -> NP | None:
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

    def _cue_before(self, view: View, p: int) -> tuple[int, int, Cue] | None:
        """A reporting verb that ends before word ``p`` (the word before the opening
        mark) with nothing but an addressee and adjuncts between."""
        end = p + 1
        if view.forms[p] in (":", ","):
            end = p
        for c in range(end - 1, max(-1, end - 10), -1):
            hit = self.lex.verb_at(view.forms, c)
            if hit is None:
                continue
            cue, n = hit
            if c + n > end or not (cue.frames & {"quote", "that"}):
                continue
            if self.doc.has_parse and view.words[c].upos not in ("VERB", "AUX"):
                continue
            if view.forms[p] not in (":", ","):
                if end - (c + n) > 0:
                    return None  # "called the plan “a disaster”": a fragment, not a quote
                if not self._quote_ends_clause(view, p):
                    return None  # 'said “it makes us angry” every time …': the clause goes on
            if self._skippable(view, c + n, end, cue):
                return c, c + n, cue
            return None
        return None

    def _quote_ends_clause(self, view: View, p: int) -> bool:
        """Whether the marks opening after word ``p`` close at the end of the clause."""
        m = self._in_marks(view.words[p + 1].start) if p + 1 < len(view) else None
        if m is None:
            return False
        close = self._view_at(m.end - 1)
        if close is None:
            return False
        after = self.doc.text[m.end : close.sentence.end]
        return not _has_alnum(after)

    def _full_sentences(self, m: MarkSpan, open_view: View, close_view: View) -> bool:
        text = self.doc.text
        before = text[open_view.sentence.start : m.start]
        after = text[m.end : close_view.sentence.end]
        return not _has_alnum(before) and not _has_alnum(after)

    def _split_continuation(self, d: Draft, view: View, end: int, cue: Cue) -> None:
        """Join the marks that continue the quote after its cue: '“A,” he said,
        “B.”' and, in the same paragraph, '“A,” he said. “B.” “C.”' (one utterance
        around its reporting clause; a quote-only paragraph after it is a floating
        quote instead)."""
        text = self.doc.text
        if end < len(view) and view.forms[end] in (",", ":") and end + 1 < len(view):
            at = view.words[end + 1].start
        else:
            last = len(view)
            while last > end and view.is_punct(last - 1):
                last -= 1
            if not self._skippable(view, end, last, cue):
                return  # more than adjuncts after the cue: the quote does not resume
            at = view.sentence.end
        joined = ""
        while True:
            gap = text[at:]
            stripped = gap.lstrip(" \t")
            if stripped[:1] == "\n" and not joined:
                return
            pos = at + len(gap) - len(stripped)
            k = self._mark_starting_at(pos)
            if k is None and stripped[:2] in ("''", "``"):
                k = self._mark_starting_at(pos + 1)  # a doubled mark pairs from its second half
            if k is None or k in self.used_marks or self._has_cue_after(self.marks[k]):
                break
            m2 = self.marks[k]
            self.used_marks.add(k)
            d.content.extend(m2.segments)
            d.marks.append(m2)
            self._claim(m2.start, m2.end)
            joined = "+split"
            close = self._view_at(m2.end - 1)
            if close is None or _has_alnum(text[m2.end : close.sentence.end]):
                break
            at = close.sentence.end
        d.evidence += joined

    def _has_cue_after(self, m: MarkSpan) -> bool:
        """Whether a reporting clause follows the marks (then they are a new quote)."""
        view = self._view_at(m.end - 1)
        if view is None:
            return False
        t = view.first_at_or_after(m.end)
        return t < len(view) and self._tail(view, t) is not None

    def _draft(
        self,
        marks: list[MarkSpan],
        view: View,
        cs: int,
        ce: int,
        cue: Cue | None,
        speaker: Speaker | None,
        confidence: float,
        evidence: str,
    ) -> Draft:
        for m in marks:
            idx = self.mark_index[m.start]
            self.used_marks.add(idx)
            self._claim(m.start, m.end)
        words = view.words
        d = Draft(
            content=[seg for m in marks for seg in m.segments],
            cue=(words[cs].start, words[ce - 1].end),
            cue_type="verb" if cue is not None else "colon",
            stance=cue.stance if cue is not None else None,
            cue_class=cue.cls if cue is not None else "speech",
            source=speaker.source if speaker else None,
            heads=speaker.heads if speaker else [],
            pp_start=speaker.pp_start if speaker else None,
            confidence=confidence,
            evidence=evidence + ("+inherited" if speaker and speaker.inherited else ""),
            sentence=view.sentence.index,
            marks=list(marks),
        )
        if speaker is not None:
            self._claim(*speaker.source)
        self._claim(*(d.cue or (0, 0)))
        self.drafts.append(d)
        return d
