"""Hedge detection: cues, scopes, negation, estimative probability, holders, stance."""

from __future__ import annotations

import functools
from collections.abc import Sequence

from attrs import evolve

from geotext.data import word_set
from geotext.hedges._handling import handling
from geotext.hedges._inference import author_inferences
from geotext.hedges._lexicon import Entry, Lexicon, level_for, lexicon
from geotext.hedges._match import Match, Unit, find, units
from geotext.hedges._scope import boundaries, scope_span
from geotext.hedges._sources import (
    ActorLike,
    QuoteLike,
    holder_at,
    holder_for_source,
    np_span,
    per_sentence,
    quote_holder,
)
from geotext.hedges.records import CATEGORIES, Category, Hedge, Holder, TextSpan
from geotext.language import reporting
from geotext.language.reporting import frame_filled
from geotext.language.view import View
from geotext.model import Document, Sentence

__all__ = ["MAX_CUES_PER_SENTENCE", "detect"]

MAX_CUES_PER_SENTENCE = 32
"""Most cues kept in one sentence (the first ones in text order). Real sentences have
a handful; a run such as ``"said " * 20000`` would otherwise give one hedge (and one
scope) per word, and the claims repeat every hedge of their sentence. Cues beyond
the cap are counted in a warning (:attr:`geotext.Analysis.warnings`)."""

_MODALS = word_set("closed_class.yaml", "hedges", "modals")
_NEG_BRIDGE = word_set("closed_class.yaml", "hedges", "negation_bridge")
_STANCE_MODALITY = {"factive": "CT", "strengthening": "CT", "counterfactive": "Uu"}
_COMPLEMENT = frozenset({"ccomp", "xcomp"})
_BETWEEN_SUBJECT_AND_VERB = frozenset({"AUX", "ADV", "PART"})
_CATEGORY: dict[str, Category] = {c: c for c in CATEGORIES}


@functools.cache
def _reporting_entry(lemma: str, stance: str) -> Entry:
    return Entry(
        name=f"reporting_verbs.yaml:{lemma}",
        slots=(frozenset({lemma}),),
        category="reporting_stance",
        strength="moderate",
        modality=_STANCE_MODALITY.get(stance, "Uu"),
        priority=3,
        stance=stance,
        scope="complement",
        sources=("sauri2009",),
    )


def _reporting_at(run: _SentenceRun, u: Unit, framed: bool = False) -> tuple[str, str] | None:
    """``(lemma, stance)`` when the word at ``u`` is used as a reporting verb.

    The one-word verb cues of :mod:`geotext.language.reporting`, used as reports
    there (:func:`~geotext.language.reporting.frame_filled`) or as a quote's cue; a
    stance wrapper before the verb (``framed``) is evidence enough.
    """
    lemma = u.word.lemma.lower() if run.doc.has_parse else None
    rlex = run.rlex
    if run.view.forms[u.index] not in rlex.starts and (lemma is None or (lemma,) not in rlex.verb_forms):
        return None  # most words start no cue (the test ``cues_at`` begins with)
    hit = next((h for h in run.rlex.cues_at(run.view.forms, u.index, lemma) if h.kind == "verb"), None)
    if hit is None or hit.end != u.index + 1 or " " in hit.cue.lemma:
        return None  # phrasal reporting verbs ("point out") are left to quotes
    cue = hit.cue
    if framed or any(q.cue is not None and q.cue.start <= u.start < q.cue.end for _, q in run.quotes):
        return cue.lemma, cue.stance
    return (cue.lemma, cue.stance) if frame_filled(run.view, u.index, cue) else None


def _span(doc: Document, start: int, end: int) -> TextSpan:
    return TextSpan(text=doc.text[start:end], start=start, end=end)


def _cue_parts(doc: Document, m: Match) -> tuple[TextSpan, ...]:
    """Contiguous runs of the matched units, one span each."""
    parts: list[tuple[int, int]] = []
    prev: Unit | None = None
    for u in m.units:
        if prev is not None and u.index == prev.index + 1 and parts:
            parts[-1] = (parts[-1][0], u.end)
        else:
            parts.append((u.start, u.end))
        prev = u
    return tuple(_span(doc, s, e) for s, e in parts)


class _SentenceRun:
    """Everything found in one sentence, before negation and holders are applied."""

    def __init__(
        self,
        doc: Document,
        s: Sentence,
        lex: Lexicon,
        quotes: Sequence[tuple[int, QuoteLike]],
        actors: Sequence[ActorLike],
    ):
        """``quotes`` and ``actors`` are the ones touching sentence ``s`` (see
        :func:`~geotext.hedges._sources.per_sentence`); quotes keep their
        document-wide index."""
        self.doc, self.s, self.quotes, self.actors = doc, s, quotes, actors
        self.view = View(s, doc.has_parse)
        self.rlex = reporting.lexicon()
        self.us = units(self.view)
        self.matches = find(lex, s, self.us, doc.has_parse)
        self.attributions: list[tuple[int, int, Holder]] = []
        self.reporting: list[tuple[int, int, Holder]] = []
        self.source_ids: set[int] = set()
        self._bounds: tuple[list[int], list[int]] | None = None

    @handling(
        "holder:according-to",
        stage="holders",
        category="attribution",
        cue="According to",
        example="According to officials, the bridge fell.",
        marker="holder: according-to",
    )
    def attribution_sources(self) -> None:
        """Find "according to X": X holds the sentence."""
        doc, s = self.doc, self.s
        for m in self.matches:
            if m.entry.category != "attribution" or "according" not in m.entry.slots[0]:
                continue
            last = m.units[-1]
            head = s.head_of(m.units[0].word) if doc.has_parse else None
            if head is not None and head.upos != "PUNCT" and head.start >= last.end:
                # The source is the noun phrase "according to" governs, without the cue.
                lo, hi = np_span(s, head)
                span = (max(lo, next(u.start for u in self.us if u.start >= last.end)), hi)
                self.source_ids |= {w.id for w in s.words if span[0] <= w.start and w.end <= span[1]}
            else:
                # No parse, or a parse that hangs "according to" elsewhere: the words
                # after the cue up to punctuation (at most eight).
                k = last.index + 1
                while k < len(self.us) and not self.us[k].punct and k - last.index <= 8:
                    k += 1
                if k == last.index + 1:
                    continue
                span = (self.us[last.index + 1].start, self.us[k - 1].end)
            self.attributions.append(
                (s.start, s.end, holder_for_source(doc, span, self.actors, "according-to"))
            )

    @handling(
        "holder:quote-cue",
        stage="holders",
        category="reporting_stance",
        cue="claimed",
        example="He claimed that the bridge fell.",
        marker="holder: quote-cue",
    )
    def reporter(self, u: Unit) -> Holder:
        """Who does the reporting with the verb at ``u``."""
        doc, s = self.doc, self.s
        for i, q in self.quotes:
            if q.cue is not None and q.cue.start <= u.start < q.cue.end:
                return evolve(quote_holder(doc, q, i), evidence="quote-cue")
        if doc.has_parse:
            subj = self.view.subject_of(u.index)
            if subj is not None:
                return holder_for_source(doc, np_span(s, s.words[subj]), self.actors, "reporting-subject")
        if self.attributions:
            return evolve(self.attributions[0][2], evidence="reporting-according-to")
        # Without a parse subject, an actor counts as the reporter only when its mention
        # stands right before the verb, with at most auxiliaries or adverbs between
        # ("Putin has also said"): "a senior US official told" is not the US speaking.
        before = [
            (m.start, a)
            for a in self.actors
            for m in a.mentions
            if s.start <= m.start
            and m.end <= u.start
            and all(
                w.upos in _BETWEEN_SUBJECT_AND_VERB for w in s.words if m.end <= w.start and w.end <= u.start
            )
        ]
        if before:
            start, actor = max(before, key=lambda t: t[0])
            mention = next(m for m in actor.mentions if m.start == start)
            return holder_for_source(
                doc, (mention.start, mention.end), self.actors, "reporting-nearest-actor"
            )
        return Holder(kind="source", evidence="reporting-subject-unknown")

    @handling(
        "reporting:verb",
        stage="reporting",
        category="reporting_stance",
        cue="claimed",
        example="He claimed that the bridge fell.",
        marker="reporting_verbs.yaml:claim matched",
    )
    def reporting_cues(self) -> list[tuple[Match, Holder]]:
        """Reporting verbs (and wrappers around them) with their stance and reporter."""
        taken = {u.index for m in self.matches for u in m.units}
        out: list[tuple[Match, Holder]] = []
        wrapped: dict[int, Match] = {}
        for m in self.matches:
            if m.entry.category == "reporting_stance":
                wrapped[m.units[-1].index + 1] = m
        forms, rlex, has_parse = self.view.forms, self.rlex, self.doc.has_parse
        for u in self.us:
            if u.index in taken and u.index not in wrapped:
                continue
            if forms[u.index] not in rlex.starts and (
                not has_parse or (u.word.lemma.lower(),) not in rlex.verb_forms
            ):
                continue  # the first test of _reporting_at, without a call per word
            wrapper = wrapped.get(u.index)
            # A stance wrapper ("limited himself to") is evidence enough that the
            # verb after it reports.
            hit = _reporting_at(self, u, framed=wrapper is not None)
            if hit is None:
                continue
            lemma, stance = hit
            if wrapper is not None:
                m = Match(entry=evolve(wrapper.entry, scope="complement"), units=(*wrapper.units, u))
            elif u.index in taken:
                continue
            else:
                m = Match(entry=_reporting_entry(lemma, stance), units=(u,))
            holder = self.reporter(u)
            out.append((m, holder))
            self._complement(u, holder)
        return out

    def _complement(self, u: Unit, holder: Holder) -> None:
        """Record the reported content of the verb at ``u`` for holder decisions."""
        s = self.s
        if self.doc.has_parse:
            for c in s.children(u.word):
                if c.deprel in _COMPLEMENT:
                    sub = s.subtree(c)
                    self.reporting.append((sub[0].start, sub[-1].end, holder))
        elif holder.span is not None and u.index + 1 < len(self.us) and self.us[u.index + 1].form == "that":
            self.reporting.append((self.us[u.index + 1].start, s.end, holder))

    def hedge(self, m: Match, holder: Holder | None = None) -> Hedge:
        """Build the hedge for ``m`` (negation relations come later)."""
        e = m.entry
        if self._bounds is None:
            self._bounds = boundaries(self.us)
        span, how = scope_span(self.s, self.us, m, self.doc.has_parse, self.source_ids, self._bounds)
        parts = _cue_parts(self.doc, m)
        if holder is None:
            holder = holder_at(
                self.doc, parts[0].start, parts[-1].end, self.quotes, self.attributions, self.reporting
            )
            if e.category == "attribution" and "according" in e.slots[0] and self.attributions:
                holder = next(
                    (h for lo, hi, h in self.attributions if h.span and h.span.start >= parts[-1].end), holder
                )
        stance = e.stance
        if stance is None and e.category != "negation":
            stance = next((h[1] for u in m.units if (h := _reporting_at(self, u))), None)
        return Hedge(
            cue=parts,
            category=_CATEGORY[e.category],
            strength=e.strength,
            modality=e.modality,
            probability=e.probability,
            level=e.level,
            polarity="negative" if e.category == "negation" else "positive",
            scope=_span(self.doc, *span) if span else None,
            holder=holder,
            stance=stance,
            sentence=self.s.index,
            rule=e.name,
            evidence=f"{e.name} matched {' '.join(u.form for u in m.units)!r}; {how}; holder: {holder.evidence}",
            sources=e.sources,
        )


@handling(
    "negation:cue",
    stage="negation",
    category="estimative",
    cue="likely",
    example="Russia is not likely to attack.",
    marker="cue negated by",
)
def _negates_cue(run: _SentenceRun, neg: Match, cue: Match) -> str | None:
    """How the negation ``neg`` bears on ``cue``: ``cue`` (the cue itself is
    negated), ``event`` (only the cue's proposition is), or ``None``."""
    n, c = neg.units[0], cue.units[0]
    if cue.entry.category == "negation":
        return None
    modal = c.form in _MODALS or "may" in c.keys or "might" in c.keys
    if modal and n.index == cue.units[-1].index + 1:
        return cue.entry.negation
    if run.doc.has_parse:
        if n.word.head == c.word.id and n.index < c.index:
            return "cue"
        head = run.s.head_of(c.word)
        if (
            head is not None
            and c.word.deprel in {"advmod", "amod"}
            and n.word.head == head.id
            and n.index < c.index
        ):
            return (
                "cue"
                if all(u.form in _NEG_BRIDGE or u.word.deprel == "cop" for u in run.us[n.index + 1 : c.index])
                else None
            )
        return None
    between = run.us[n.index + 1 : c.index]
    if (
        n.index < c.index
        and len(between) <= 2
        and all(u.form in _NEG_BRIDGE or u.keys & {"be"} for u in between)
    ):
        return "cue"
    return None


@handling(
    "negation:event",
    stage="negation",
    category="hedge",
    cue="may",
    example="The plan may not work.",
    marker="in scope",
)
def _event_negation(run: _SentenceRun, neg: Match, cue: Match, h: Hedge) -> bool:
    """Whether ``neg`` negates the proposition ``cue`` governs ("may not go",
    "unlikely to fail"), not just a phrase inside it ("seems ... without convincing")."""
    n = neg.units[0]
    if h.scope is None or not (h.scope.start <= n.start and n.end <= h.scope.end and n.start >= h.end):
        return False
    if run.doc.has_parse:
        c = cue.units[0].word
        pred = run.s.head_of(c) if c.deprel in {"aux", "advmod", "cop", "mark", "discourse"} else c
        if pred is None:
            return False
        targets = {pred.id} | {d.id for d in run.s.children(pred) if d.deprel in {"xcomp", "ccomp"}}
        return n.word.head in targets or n.word.id in targets
    return n.form != "without" and n.index - cue.units[-1].index <= 4


@handling(
    "negation:inherent",
    stage="negation",
    category="hedge",
    cue="may",
    example="The plan may fail.",
    marker="is inherently negative",
)
def _negative_event(run: _SentenceRun, lex: Lexicon, cue: Match) -> str | None:
    """The inherently negative predicate ("fail") the cue's event is, if any."""
    last = cue.units[-1]
    if run.doc.has_parse:
        c = cue.units[0].word
        pred = run.s.head_of(c) if c.deprel in {"aux", "advmod", "cop", "mark", "discourse"} else c
        if pred is None:
            return None
        events = [pred, *(d for d in run.s.children(pred) if d.deprel in {"xcomp", "ccomp"})]
        hit = next((w for w in events if w.lemma.lower() in lex.negative_events and w.id != c.id), None)
        return hit.text if hit else None
    for u in run.us[last.index + 1 : last.index + 4]:
        if u.keys & lex.negative_events or u.guesses & lex.negative_events:
            return u.word.text
        if u.form not in {"to", "be", "have", "been", "not", "also", "still", "ultimately", "eventually"}:
            return None
    return None


@handling(
    "negation:mirrored-probability",
    stage="negation",
    category="estimative",
    cue="likely",
    example="Russia is not likely to attack.",
    marker="probability mirrored to",
)
def _negated_probability(lex: Lexicon, lo: float, hi: float) -> tuple[tuple[float, float], str]:
    """ "not likely" -> the mirror level; "not unlikely" (litotes) -> at least even odds."""
    if lo + hi < 1:
        rng = (0.45, round(1 - lo, 2))
        return rng, level_for(lex.levels, *rng)
    rng = (round(1 - hi, 2), round(1 - lo, 2))
    return rng, level_for(lex.levels, *rng)


def _scopes_over(outer: Hedge, inner: Hedge) -> bool:
    """Whether cue ``inner`` lies in the scope of ``outer`` (another cue)."""
    return (
        outer.scope is not None
        and outer.scope.start <= inner.start
        and inner.end <= outer.scope.end
        and outer.start != inner.start
    )


@handling(
    "negation:double",
    stage="negation",
    category="negation",
    cue="not",
    example="Nobody did not see it.",
    marker="double negative: inside the scope",
)
def _apply_negation(run: _SentenceRun, lex: Lexicon, built: list[tuple[Match, Hedge]]) -> list[Hedge]:
    negs = [(m, h) for m, h in built if h.category == "negation"]
    modified: dict[int, Hedge] = {}
    out: list[Hedge] = []
    for m, h in built:
        notes: list[str] = []
        if h.category == "negation":
            outer = [o for om, o in negs if om is not m and _scopes_over(o, h)]
            inner = [i for im, i in negs if im is not m and _scopes_over(h, i)]
            if outer:
                h = evolve(h, negated=True)
                notes.append(f"double negative: inside the scope of {outer[0].text!r}")
            elif inner:
                notes.append(f"double negative: {inner[0].text!r} in its scope")
        else:
            for nm, nh in negs:
                how = _negates_cue(run, nm, m)
                in_scope = _event_negation(run, nm, m, h)
                if how == "cue" and not h.negated:
                    modified.setdefault(nh.start, h)
                    h = evolve(h, negated=True)
                    notes.append(f"cue negated by {nh.text!r}")
                    if h.probability is not None:
                        prob, level = _negated_probability(lex, *h.probability)
                        h = evolve(h, probability=prob, level=level)
                        notes.append(f"probability mirrored to {level}")
                elif (
                    (how == "event" or in_scope)
                    and h.polarity == "positive"
                    and h.category != "reporting_stance"
                ):
                    modified.setdefault(nh.start, h)
                    h = evolve(h, polarity="negative")
                    notes.append(f"negative event: {nh.text!r} in scope")
        if h.category in {"estimative", "hedge"} and h.polarity == "positive":
            event = _negative_event(run, lex, m)
            if event is not None:
                h = evolve(h, polarity="negative")
                notes.append(f"negative event: {event!r} is inherently negative")
        if notes:
            h = evolve(h, evidence=h.evidence + "; " + "; ".join(notes))
        out.append(h)
    return [
        evolve(h, modifies=TextSpan(text=t.text, start=t.start, end=t.end))
        if h.category == "negation" and (t := modified.get(h.start)) is not None
        else h
        for h in out
    ]


def detect(
    doc: Document,
    *,
    quotes: Sequence[QuoteLike] = (),
    actors: Sequence[ActorLike] = (),
    learned: bool = True,
    warnings: list[str] | None = None,
) -> tuple[Hedge, ...]:
    """Find hedge, booster, estimative, evidential, attribution, approximator,
    weasel, peacock, negation and reporting-stance cues in ``doc``.

    Args:
        doc: An annotated document (any backend; the stanza backend's parse gives
            better scopes and rules out more false cues).
        quotes: Quotes from :func:`geotext.quotes.extract`: a cue inside a quote's
            content belongs to the quote's speaker.
        actors: Actors from :func:`geotext.actors.resolve`: they name the holder
            of an "according to" or reporting-verb source.
        learned: Let the learned cue model (:func:`geotext.hedges.disambiguate.disambiguate`)
            give speculation cues their ``cue_probability`` and drop the
            occurrences it rejects; ``False`` returns the lexicon's candidates.
        warnings: If given, one line is appended when some sentence's cues exceed
            :data:`MAX_CUES_PER_SENTENCE` (only the first ones are kept).

    Returns:
        The cues in text order.

    Example:
        >>> from geotext.backends import annotate
        >>> doc = annotate(["Russia is unlikely to attack in May."], backend="rules")[0]
        >>> [(h.text, h.category, h.probability) for h in detect(doc)]
        [('unlikely', 'estimative', (0.2, 0.45))]
    """
    lex = lexicon()
    hedges: list[Hedge] = []
    quotes_at, actors_at = per_sentence(doc, quotes, actors)
    dropped: list[tuple[int, int]] = []  # (sentence, cues left out)
    for s in doc.sentences:
        run = _SentenceRun(doc, s, lex, quotes_at[s.index], actors_at[s.index])
        run.attribution_sources()
        reporting = run.reporting_cues()
        found: list[tuple[Match, Holder | None]] = [*reporting]
        found += [(m, None) for m in run.matches if m.entry.category != "reporting_stance"]
        if len(found) > MAX_CUES_PER_SENTENCE:
            found.sort(key=lambda t: t[0].units[0].start)
            dropped.append((s.index, len(found) - MAX_CUES_PER_SENTENCE))
            del found[MAX_CUES_PER_SENTENCE:]
        built: list[tuple[Match, Hedge]] = [(m, run.hedge(m, holder)) for m, holder in found]
        built.sort(key=lambda t: t[1].start)
        hedges.extend(_apply_negation(run, lex, built))
    if dropped and warnings is not None:
        where = ", ".join(str(i) for i, _ in dropped[:10]) + (", ..." if len(dropped) > 10 else "")
        warnings.append(
            f"{len(dropped)} sentence(s) had more than {MAX_CUES_PER_SENTENCE} hedge cues; "
            f"{sum(n for _, n in dropped)} later cues left out (sentences {where}; "
            "geotext.hedges.MAX_CUES_PER_SENTENCE)"
        )
    inferred = author_inferences(doc, hedges)
    if learned:
        from geotext.hedges.disambiguate import disambiguate

        return disambiguate(doc, inferred)
    return inferred
