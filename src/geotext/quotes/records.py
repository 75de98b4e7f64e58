"""The records quote attribution returns: :class:`Quote` and its parts."""

from __future__ import annotations

from typing import Literal

from attrs import field, frozen
from attrs.validators import in_, instance_of

from geotext.language.reporting import CUE_CLASSES, STANCES
from geotext.model import TextSpan

__all__ = ["CUE_CLASSES", "KINDS", "STANCES", "ActorRef", "Quote", "QuoteKind", "TextSpan"]

QuoteKind = Literal["direct", "partial", "indirect", "mixed"]
KINDS: tuple[QuoteKind, ...] = ("direct", "partial", "indirect", "mixed")
"""The quote kinds: ``direct`` (whole clauses inside quote marks), ``partial`` (a
quoted fragment inside the writer's own words), ``indirect`` (reported speech, no
marks), ``mixed`` (indirect speech containing quoted fragments)."""


@frozen(kw_only=True)
class ActorRef:
    """The resolved actor a speaker refers to (an :class:`~geotext.actors.Actor` id).

    ``id`` is the document entity's id (the KB id when linked, else a stable
    ``unk:`` id from the canonical name), ``name`` its canonical name, ``kb_id`` the
    KB id or ``None``, and ``evidence`` the chain from the speaker's words to the
    entity (``she → Darla Quinn: pronoun; nom pronoun, female given name, ...``).
    """

    id: str
    name: str
    kb_id: str | None = None
    evidence: str = ""

    def to_dict(self) -> dict[str, str | None]:
        """Return ``{"id", "name", "kb_id", "evidence"}``."""
        return {"id": self.id, "name": self.name, "kb_id": self.kb_id, "evidence": self.evidence}


@frozen(kw_only=True)
class Quote:
    """One attribution: what was said (``content``), how (``cue``) and by whom.

    Attributes:
        kind: ``direct``, ``partial``, ``indirect`` or ``mixed`` (see :data:`KINDS`).
        content: The reported words, one span, or several for a split quote
            (``"A," he said, "B."``) or a quote around a parenthetical cue. Spans of
            direct quotes exclude the quote marks themselves.
        cue: The reporting verb or phrase ("said", "limited himself to announcing",
            "according to", a colon), or ``None`` for a floating quote that inherits
            its speaker from the quote before it.
        cue_type: ``verb``, ``according_to``, ``colon``, ``noun``, ``adjective``
            ("is confident that") or ``none``.
        cue_class: What the cue reports, from the lexicon: ``speech`` (words said or
            written; a colon too), ``cognition`` (beliefs, expectations, wishes and
            intentions: "believes", "wants to", "is confident that") or
            ``evidence`` ("the report shows") or ``perception`` ("learned that"), see
            :data:`CUE_CLASSES`; ``None`` without a cue, or for a cue the learned
            tagger found outside the lexicon. Filter on it to keep only
            what people said.
        stance: The cue's stance hint from the lexicon (``neutral``, ``factive``,
            ``distancing``, ``strengthening``, ``tentative``, ``counterfactive``,
            ``restricting``), or ``None`` without a cue.
        source: The words naming the speaker as written ("he", "the Belarusian
            counterpart", "Hugh Hill, a doctor"), or ``None`` when the text names
            no one.
        actors: The resolved actors the source refers to (several for plural
            speakers such as "both"); empty when the resolver could not tell who
            it is: the source then stays as written, with no guess.
        confidence: The probability that the quote is right, in ``[0, 1]``: with
            ``method="combined"`` (what the default ``"auto"`` means on the stanza
            backend) the learned tagger's calibrated score (isotonic on PolNeAR dev
            articles); with ``method="rules"`` (the default on the rules backend, or
            no shipped tagger) how sure the rule is.
        evidence: What made the quote: the rule construction (``direct:cue-after``,
            ``indirect:that-clause``, ``according-to:before`` ...), with
            ``+tagger-cue``, ``+tagger-source``, ``+tagger-content`` (or several:
            ``+tagger-cue-source``) when the learned tagger supplied that part, or
            ``tagger`` for a relation only the tagger found.
        sentences: Indices of the sentences the quote touches.
        quote_marks: The mark pairs around the content as written (``“”``, ``«»``,
            ``""`` ...), empty for indirect speech.
    """

    kind: QuoteKind = field(validator=in_(KINDS))
    content: tuple[TextSpan, ...]
    cue: TextSpan | None
    cue_type: str
    stance: str | None
    source: TextSpan | None
    cue_class: str | None = field(default=None, validator=in_((None, *CUE_CLASSES)))
    actors: tuple[ActorRef, ...] = ()
    confidence: float = field(default=0.5, validator=instance_of(float))
    evidence: str = ""
    sentences: tuple[int, ...] = ()
    quote_marks: tuple[str, ...] = ()

    @property
    def start(self) -> int:
        """Start of the first content span."""
        return self.content[0].start

    @property
    def end(self) -> int:
        """End of the last content span."""
        return self.content[-1].end

    @property
    def text(self) -> str:
        """The content spans' text, joined by `` … `` where they are split."""
        return " … ".join(s.text for s in self.content)

    @property
    def actor(self) -> ActorRef | None:
        """The speaker's actor when exactly one was resolved, else ``None``."""
        return self.actors[0] if len(self.actors) == 1 else None

    def to_dict(self) -> dict[str, object]:
        """Return a JSON-ready dict; every span is an object with text/start/end.

        Example:
            >>> q = Quote(kind="indirect", content=(TextSpan(text="it rains", start=10, end=18),),
            ...           cue=TextSpan(text="said", start=3, end=7), cue_type="verb",
            ...           stance="neutral", source=TextSpan(text="He", start=0, end=2))
            >>> d = q.to_dict()
            >>> d["kind"], d["text"], d["source"], d["actors"]
            ('indirect', 'it rains', {'text': 'He', 'start': 0, 'end': 2}, [])
        """
        return {
            "kind": self.kind,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "content": [s.to_dict() for s in self.content],
            "cue": self.cue.to_dict() if self.cue else None,
            "cue_type": self.cue_type,
            "stance": self.stance,
            "cue_class": self.cue_class,
            "source": self.source.to_dict() if self.source else None,
            "actors": [a.to_dict() for a in self.actors],
            "confidence": self.confidence,
            "evidence": self.evidence,
            "sentences": list(self.sentences),
            "quote_marks": list(self.quote_marks),
        }
