"""The attribution rules: direct quotes by their marks, indirect speech by its cue.

Order of work, for one document:

1. Pair the quote marks on the original text (:mod:`._marks`).
2. Direct quotes: each top-level pair of marks looks for a cue right after it
   (``"…," said X`` / ``"…," X said``), then right before it (``X said: "…"``,
   ``X: "…"``). A second pair right after the cue clause continues a split quote.
3. Indirect speech: every reporting cue outside the quotes found so far takes its
   content from its complement (``that``/zero-``that`` clause, ``to``-infinitive,
   object) or, for a cue after its clause (``…, he said``), from the clause before
   it; ``according to X`` takes the clause around it. Marks inside such content make
   the quote ``mixed`` instead of standing alone.
4. Attributions pointing elsewhere (:mod:`._reported`): pull quotes
   (``“…” – General Staff``), run after the direct rules, and "This was reported by
   X." for the sentence before it, run after the indirect rules.
5. Full-sentence quotes with no cue inherit the speaker of the quote just before
   them in the same or the previous paragraph (floating quotes); others stay
   unattributed.
"""

from __future__ import annotations

from geotext.language.reporting import lexicon
from geotext.model import Document
from geotext.quotes._base import Draft
from geotext.quotes._direct import DirectRules
from geotext.quotes._indirect import IndirectRules
from geotext.quotes._reported import ReportedRules

__all__ = ["Draft", "Extractor", "find_drafts"]


class Extractor(DirectRules, IndirectRules, ReportedRules):
    """All the rules over one document, run in order by :meth:`run`."""

    def _floating(self) -> None:
        ordered = sorted(self.drafts, key=lambda d: d.content[0][0])
        previous: Draft | None = None
        for d in ordered:
            if d.floating and previous is not None and previous.source is not None:
                # the rest of the previous quote's reporting sentence ("…,” said X,
                # who runs the campaign.) does not part the two quotes
                last = max(previous.content[-1][1], (previous.cue or (0, 0))[1], previous.source[1])
                sentence = self.doc.sentence_at(max(0, last - 1))
                after = max(last, sentence.end) if sentence is not None else last
                between = self.doc.text[min(after, d.content[0][0]) : d.content[0][0]]
                if not self._has_cue_text(between, previous):
                    d.source, d.heads, d.pp_start = previous.source, previous.heads, previous.pp_start
                    d.confidence, d.evidence = 0.6, "direct:floating"
            if d.source is not None:
                previous = d
            elif not d.floating:
                previous = None

    def _has_cue_text(self, between: str, previous: Draft) -> bool:
        """Whether prose other than the previous quote's own cue clause lies between
        (blank lines between paragraphs do not count)."""
        words = [w for w in between[:2000].split() if any(c.isalpha() for c in w)]
        return len(words) > 8

    def run(self) -> list[Draft]:
        self._directs()
        self._pull_quotes()
        self._indirect()
        self._reported_by()
        self._floating()
        return sorted(self.drafts, key=lambda d: d.content[0][0])


def find_drafts(doc: Document) -> list[Draft]:
    """Run every rule over ``doc`` (see the module docstring)."""
    return Extractor(doc, lexicon()).run()
