"""Quote attribution: who said what, how, in which words.

:func:`extract` finds direct quotes (by their marks), partial and mixed quotes
(quoted fragments inside reported speech) and indirect speech (by a reporting cue
from ``data/reporting_verbs.yaml``), and links each to its cue and its speaker. The
speaker's words are kept as written (``source``); the actors they refer to come
from the actor resolver (:mod:`geotext.actors`): a speaker's actor is the actor
with a mention over the head of the source phrase. When the resolver does not
know who a speaker is, ``actors`` stays empty: no guess is made here.

The rules work on both backends; with the ``rules`` backend (no parse) they rely
on the lexicon and surface patterns only, with lower confidence.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

from geotext.actors import Actor, ActorIndex
from geotext.actors.coref import QuoteSite
from geotext.language.view import AUX_FORMS
from geotext.model import Document, Sentence
from geotext.quotes._extract import Draft, find_drafts
from geotext.quotes._speakers import speaker_actors
from geotext.quotes.records import CUE_CLASSES, KINDS, STANCES, ActorRef, Quote, QuoteKind, TextSpan

if TYPE_CHECKING:
    from geotext.quotes._tagger import CrfTagger

__all__ = [
    "CUE_CLASSES",
    "KINDS",
    "METHODS",
    "STANCES",
    "ActorRef",
    "Draft",
    "Method",
    "Quote",
    "QuoteKind",
    "TextSpan",
    "drafts",
    "extract",
    "quotes_from_drafts",
    "resolve_method",
    "sites",
]


def _kind(d: Draft, text: str) -> QuoteKind:
    if not d.marks:
        return "indirect"
    quoted = sum(e - s for m in d.marks for s, e in m.segments)
    said = sum(e - s for s, e in d.content)
    if d.evidence.startswith("direct") or quoted >= 0.9 * said:
        words = [w for m in d.marks for s, e in m.segments for w in text[s:e].split()]
        first = text[d.marks[0].content_start : d.marks[0].content_start + 1]
        clause_like = first[:1].isupper() or len(words) >= 6
        return "direct" if d.evidence.startswith("direct") or clause_like else "partial"
    return "mixed"


def _direct_content(d: Draft, text: str) -> list[tuple[int, int]]:
    """A direct quote's content is the words inside its marks, without the marks
    and without the comma that stands for the full stop before "he said"."""
    segments = [seg for m in d.marks for seg in m.segments]
    return [(s, e - 1) if text[e - 1 : e] == "," and e - 1 > s else (s, e) for s, e in segments]


def _sentence_range(doc: Document, start: int, end: int) -> range:
    """Indices of the sentences that ``[start, end)`` touches."""
    first = doc.sentence_at(start)
    last = doc.sentence_at(max(start, end - 1))
    if first is None or last is None:
        return range(0)
    return range(first.index, last.index + 1)


def _span(text: str, start: int, end: int) -> TextSpan:
    return TextSpan(text=text[start:end], start=start, end=end)


def _quote(doc: Document, d: Draft, actors: ActorIndex) -> Quote:
    text = doc.text
    kind = _kind(d, text)
    content = _direct_content(d, text) if kind in ("direct", "partial") and d.marks else d.content
    sentences = sorted({i for a, b in content for i in _sentence_range(doc, a, b)})
    refs = speaker_actors(actors, d.source, d.heads, d.pp_start) if d.source else ()
    return Quote(
        kind=kind,
        content=tuple(_span(text, a, b) for a, b in content),
        cue=_span(text, *d.cue) if d.cue else None,
        cue_type=d.cue_type,
        stance=d.stance,
        cue_class=d.cue_class,
        source=_span(text, *d.source) if d.source else None,
        actors=refs,
        confidence=round(float(d.confidence), 2),
        evidence=d.evidence,
        sentences=tuple(sentences),
        quote_marks=tuple(m.marks for m in d.marks),
    )


Method = Literal["auto", "combined", "rules", "tagger"]
METHODS: tuple[Method, ...] = ("auto", "combined", "rules", "tagger")
"""How :func:`extract` decides: ``auto`` (the default: ``combined`` on the ``stanza``
backend, ``rules`` on the ``rules`` backend; :func:`resolve_method`), ``combined``
(the rules, checked and completed by the learned tagger), ``rules`` (the hand rules
alone) or ``tagger`` (the learned tagger's relations alone)."""


def resolve_method(method: Method, backend: str) -> Method:
    """The method ``auto`` stands for on ``backend``; any other method as it is.

    ``auto`` is ``combined`` on the ``stanza`` backend (on PolNeAR dev it lifts
    relation F1 from 57.7 to 65.4 over the rules, for a quote step of a few
    percent of the parse's time) and ``rules`` on the ``rules`` backend, whose
    point is speed without models: the tagger would make its analysis several times
    slower and import torch (``combined`` there stays one argument away: relation
    F1 50.6 -> 62.8 on dev). ``auto`` on a backend with no tagger file gets
    ``rules``; an explicit ``combined`` or ``tagger`` never falls back: a missing or
    damaged model file raises :class:`geotext.DataError`.

    Args:
        method: One of :data:`METHODS`.
        backend: The document's backend name (``Document.backend``).

    Returns:
        ``combined``, ``rules`` or ``tagger``: the method that runs, recorded as
        ``Analysis.quote_method`` (never ``auto``).

    Example:
        >>> resolve_method("auto", "rules"), resolve_method("auto", "stanza")
        ('rules', 'combined')
        >>> resolve_method("tagger", "rules")
        'tagger'
    """
    if method != "auto":
        return method
    return "combined" if backend == "stanza" and _tagger_available(backend) else "rules"


def quotes_from_drafts(
    doc: Document, drafts: Sequence[Draft], actors: Sequence[Actor] = ()
) -> tuple[Quote, ...]:
    """Build the quotes of finished drafts (rules' or tagger's), dropping empty ones."""
    index = ActorIndex(actors)  # one index for all speaker look-ups, not a pass per quote
    quotes = (_quote(doc, d, index) for d in drafts)
    # An empty pair of marks ('"" he said'), or marks around nothing but marks,
    # reports nothing: no quote.
    return tuple(
        q for q in quotes if any(ch.isalnum() for c in q.content for ch in c.text) and _names_someone(doc, q)
    )


def _tagger_available(backend: str, stacked: bool = True) -> bool:
    """Whether a tagger file ships for ``backend``: the feature CRF's (``stacked``:
    the one trained with the rules' decisions, else the one without), or for the
    combine step (``stacked``) the BiLSTM-CRF's, which it prefers."""
    from geotext.learn.weights import weights_path
    from geotext.quotes import _bilstm
    from geotext.quotes._tagger import model_name

    return (stacked and _bilstm.available(backend)) or weights_path(model_name(backend, stacked)).is_file()


def _combine_tagger(backend: str, alone: bool) -> CrfTagger:
    """The tagger the combine step uses: the BiLSTM-CRF where it ships for
    ``backend`` (:mod:`._bilstm`), else the feature CRF (``alone``: the CRF trained
    without the rules' decisions)."""
    from geotext.quotes import _bilstm
    from geotext.quotes._tagger import tagger_for

    if not alone and _bilstm.available(backend):
        return _bilstm.bilstm_for(backend)
    return tagger_for(backend, stacked=not alone)


def drafts(doc: Document, method: Method = "auto") -> list[Draft]:
    """The quotes of ``doc`` before their speakers are resolved to actors (neither the
    rules nor the tagger need actors; :func:`extract` turns them into :class:`Quote`
    records). ``method`` as for :func:`extract`."""
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}, not {method!r}")
    method = resolve_method(method, doc.backend)
    found = find_drafts(doc)
    if method == "rules":
        return found
    from geotext.quotes._tagger import combine

    # the tagger alone: the CRF that does not see the rules when it ships, else the
    # stacked CRF's own relations
    alone = method == "tagger" and _tagger_available(doc.backend, stacked=False)
    chosen = combine(doc, found, _combine_tagger(doc.backend, alone), mode=method)
    for c in chosen:
        c.draft.confidence = c.probability
    return [c.draft for c in chosen]


def sites(found: Sequence[Draft]) -> tuple[QuoteSite, ...]:
    """Where each quote with a speaker phrase is, for the actor resolver's
    quote-sequence rule (:func:`geotext.actors.resolve`).

    Example:
        >>> from geotext.backends import annotate
        >>> doc = annotate(["“We will win,” she said."], backend="rules")[0]
        >>> [(doc.text[slice(*q.source)], q.start, q.end) for q in sites(drafts(doc, "rules"))]
        [('she', 1, 13)]
    """
    return tuple(
        QuoteSite(start=d.content[0][0], end=d.content[-1][1], source=d.source, heads=tuple(d.heads))
        for d in found
        if d.source is not None and d.content
    )


def extract(
    doc: Document,
    actors: Sequence[Actor] = (),
    method: Method = "auto",
    found: Sequence[Draft] | None = None,
) -> tuple[Quote, ...]:
    """Find the quotes of ``doc`` and attribute them to speakers and actors.

    Args:
        doc: An annotated document (any backend).
        actors: The document's resolved actors (from :func:`geotext.actors.resolve`);
            without them every quote keeps its source words but no actor.
        method: ``auto`` (default): ``combined`` on the ``stanza`` backend,
            ``rules`` on the ``rules`` backend (:func:`resolve_method`);
            ``rules``: the hand rules alone, ``confidence`` how sure the rule is;
            ``combined``: the rules' quotes the learned tagger keeps (or the rules'
            surest constructions), completed by it part by part (a cue or a source
            where the rules found none, a longer source, a clause's end), plus the
            relations the tagger finds and no rule does unless the rules veto them
            (:mod:`geotext.quotes._merge`), each with a calibrated probability as
            ``confidence``; a rule quote's ``evidence`` is its construction, with
            ``+tagger-cue``, ``+tagger-source``, ``+tagger-content`` (or several:
            ``+tagger-cue-source``) for the parts the tagger gave, a tagger
            relation's ``tagger``; ``tagger``: the tagger's relations alone. When no
            tagger ships for the document's backend, ``combined`` falls back to the
            rules.
        found: The document's :func:`drafts`, when already made (``method`` is then
            the one they were made with).

    Returns:
        The quotes in text order.

    Raises:
        DataError: If the tagger's model file is damaged.

    Example:
        >>> from geotext.backends import annotate
        >>> doc = annotate(["“We will win,” said the minister."], backend="rules")[0]
        >>> [(q.kind, q.text, q.cue.text, q.source.text) for q in extract(doc)]
        [('direct', 'We will win', 'said', 'the minister')]
    """
    return quotes_from_drafts(doc, drafts(doc, method) if found is None else found, actors)


def _names_someone(doc: Document, q: Quote) -> bool:
    """A ``Source: content`` line is a quote only when the source is a person (an
    actor the resolver knows as a person, or a name the NER tagged PER) and what
    follows the colon is a clause with a finite verb. Headline labels are not
    quotes: "Update: the vote …", "Russia: a timeline of the war", "Kyiv: the
    capital remained calm", "Biden: a life in politics"."""
    if q.evidence.split("+", 1)[0] != "indirect:colon-source":
        return True
    src = q.source
    if src is None:
        return False
    person = (bool(q.actors) and all(a.id.startswith("person:") for a in q.actors)) or (
        not q.actors
        and any(
            e.label == "PER" and e.start < src.end and src.start < e.end
            for sent in _sentences_over(doc, src.start, src.end)
            for e in sent.entities
        )
    )
    return person and _finite_clause(doc, q.content[0].start, q.content[-1].end)


def _sentences_over(doc: Document, start: int, end: int) -> Sequence[Sentence]:
    """The sentences that overlap ``[start, end)`` (by bisection: a scan of the whole
    document per colon quote was quadratic in texts of many ``Source: content`` lines)."""
    sents = doc.sentences
    lo = bisect.bisect_right(sents, start, key=_sentence_end)
    hi = bisect.bisect_left(sents, end, key=_sentence_start)
    return sents[lo:hi]


def _sentence_start(s: Sentence) -> int:
    return s.start


def _sentence_end(s: Sentence) -> int:
    return s.end


def _finite_clause(doc: Document, start: int, end: int) -> bool:
    """Whether ``doc.text[start:end]`` holds a finite verb: a finite Penn tag when
    the backend tags, else an auxiliary or modal ("is", "will", "has", "can")."""
    words = [
        w for s in _sentences_over(doc, start, end) for w in s.words if start <= w.start and w.end <= end
    ]
    if doc.has_parse:
        return any(w.xpos in ("VBD", "VBZ", "VBP", "MD") for w in words)
    return any(w.form.lower() in AUX_FORMS for w in words)
