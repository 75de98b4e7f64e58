"""The records hedge detection returns: :class:`Hedge`, :class:`Holder`, :class:`Claim`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal, get_args

from attrs import field, frozen
from attrs.validators import ge, in_, instance_of

from geotext.language.reporting import STANCES
from geotext.model import TextSpan

__all__ = [
    "CATEGORIES",
    "CERTAINTY",
    "STANCES",
    "Category",
    "Certainty",
    "Claim",
    "Hedge",
    "Holder",
    "TextSpan",
]

Category = Literal[
    "hedge",
    "booster",
    "estimative",
    "evidential",
    "attribution",
    "approximator",
    "weasel",
    "peacock",
    "negation",
    "reporting_stance",
]
CATEGORIES: tuple[Category, ...] = get_args(Category)
"""The cue categories, in the order the documentation explains them."""


Certainty = Literal["certain", "probable", "possible", "doubtful", "improbable", "negated", "uncommitted"]
CERTAINTY: dict[str, str] = {
    "certain": "CT+",
    "probable": "PR+",
    "possible": "PS+",
    "doubtful": "PS-",
    "improbable": "PR-",
    "negated": "CT-",
    "uncommitted": "Uu",
}
"""Claim certainty values and the FactBank tag each corresponds to (Saurí &
Pustejovsky 2009): certain CT+, probable PR+, possible PS+, doubtful PS- ("possibly
not"), improbable PR- ("probably not"), negated CT-, uncommitted Uu (the holder does
not commit, e.g. the author relaying a claim with "allegedly")."""


def _end_not_before_start(instance: Claim, attribute: object, value: int) -> None:
    start = instance.start
    if value < start:
        raise ValueError(f"end ({value}) must not be before start ({start})")


@frozen(kw_only=True)
class Holder:
    """Whose uncertainty (or stance) a cue expresses.

    Attributes:
        kind: ``author`` (the writer of the text) or ``source`` (someone the text
            quotes or attributes the content to).
        name: The source as written ("ISW analysts", "he"), or ``None`` for the author.
        actor_id: The resolved actor's id (``org:isw``), when actors were given and
            one matched; else ``None``.
        actor_name: The resolved actor's canonical name, else ``None``.
        quote: Index (into the ``quotes`` passed to :func:`detect`) of the quote the
            cue sits in, or ``None``.
        span: Where the source is named in the text, or ``None``.
        evidence: The rule that decided (``quote-content``, ``according-to``,
            ``reporting-clause``, ``reporting-subject``, ``default-author``).
    """

    kind: Literal["author", "source"] = field(validator=in_(("author", "source")))
    name: str | None = None
    actor_id: str | None = None
    actor_name: str | None = None
    quote: int | None = None
    span: TextSpan | None = None
    evidence: str = "default-author"

    def to_dict(self) -> dict[str, object]:
        """Return a JSON-ready dict.

        Example:
            >>> Holder(kind="author").to_dict()["kind"]
            'author'
        """
        return {
            "kind": self.kind,
            "name": self.name,
            "actor_id": self.actor_id,
            "actor_name": self.actor_name,
            "quote": self.quote,
            "span": self.span.to_dict() if self.span else None,
            "evidence": self.evidence,
        }


AUTHOR = Holder(kind="author")


@frozen(kw_only=True)
class Hedge:
    """One cue of (un)certainty, negation or reporting stance, with its scope and holder.

    Attributes:
        cue: The cue's parts in the text: one span, or several for a discontinuous
            cue ("neither ... nor").
        category: One of :data:`CATEGORIES`.
        strength: ``weak``, ``moderate`` or ``strong`` (see docs/hedges.rst).
        modality: The FactBank modality the cue signals for its scope: ``CT``,
            ``PR``, ``PS``, ``Uu`` or ``none`` (approximators); negation cues ``NEG``.
        probability: ``(lo, hi)`` for estimative cues on the ICD 203 scale, after
            negation of the cue itself ("not likely" -> ``(0.2, 0.45)``); else ``None``.
        level: The ICD 203 level name for estimative cues (``unlikely`` ...), else
            ``None``.
        negated: Whether the cue itself is negated ("not likely", "not clear"); for a
            negation cue, whether it sits inside another negation's scope (a double
            negative).
        polarity: ``negative`` when the proposition in the scope is negative as
            written (a negation cue's scope; "unlikely to fail"), else ``positive``.
        scope: The clause or phrase the cue governs, or ``None`` when there is none
            (a bare "No!").
        holder: Whose (un)certainty it is.
        stance: For ``reporting_stance`` cues (and hedges that are also reporting
            verbs), the stance the author signals toward the reported content.
        modifies: For a negation cue, the cue it negates ("not" in "not likely") or
            whose proposition it negates ("not" in "may not go"), else ``None``.
        sentence: Index of the sentence holding the cue.
        rule: The lexicon entry that matched (``hedge_cues.yaml:seem``).
        evidence: How the cue, scope, negation and holder were decided, in words.
        sources: The literature keys behind the lexicon entry.
        cue_probability: The learned cue model's probability that this occurrence
            is a hedge (see :mod:`geotext.hedges.disambiguate`), for hedge and estimative
            categories when ``detect(..., learned=True)``; else ``None``.
    """

    cue: tuple[TextSpan, ...] = field(validator=instance_of(tuple))
    category: Category = field(validator=in_(CATEGORIES))
    strength: str
    modality: str
    probability: tuple[float, float] | None = None
    level: str | None = None
    negated: bool = False
    polarity: Literal["positive", "negative"] = "positive"
    scope: TextSpan | None = None
    holder: Holder = AUTHOR
    stance: str | None = None
    modifies: TextSpan | None = None
    sentence: int = field(default=0, validator=[instance_of(int), ge(0)])
    rule: str = ""
    evidence: str = ""
    sources: tuple[str, ...] = ()
    cue_probability: float | None = None

    @property
    def start(self) -> int:
        """Start of the first cue part."""
        return self.cue[0].start

    @property
    def end(self) -> int:
        """End of the last cue part."""
        return self.cue[-1].end

    @property
    def text(self) -> str:
        """The cue as written; the parts of a discontinuous cue are joined by an ellipsis (``…``)."""
        return " … ".join(p.text for p in self.cue)

    @property
    def positive_probability(self) -> tuple[float, float] | None:
        """The probability of the positive counterpart of the scope's proposition.

        Equal to :attr:`probability` unless the scope is negative ("unlikely to
        fail": the chance of failing is ``(0.2, 0.45)``, of not failing
        ``(0.55, 0.8)``).
        """
        if self.probability is None or self.polarity == "positive":
            return self.probability
        lo, hi = self.probability
        return (round(1 - hi, 2), round(1 - lo, 2))

    def to_dict(self) -> dict[str, object]:
        """Return a JSON-ready dict; spans are objects with text/start/end.

        Example:
            >>> h = Hedge(cue=(TextSpan(text="may", start=3, end=6),), category="hedge",
            ...           strength="moderate", modality="PS")
            >>> d = h.to_dict()
            >>> d["text"], d["category"], d["holder"]["kind"]
            ('may', 'hedge', 'author')
        """
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "cue": [p.to_dict() for p in self.cue],
            "category": self.category,
            "strength": self.strength,
            "modality": self.modality,
            "probability": list(self.probability) if self.probability else None,
            "level": self.level,
            "negated": self.negated,
            "polarity": self.polarity,
            "scope": self.scope.to_dict() if self.scope else None,
            "holder": self.holder.to_dict(),
            "stance": self.stance,
            "modifies": self.modifies.to_dict() if self.modifies else None,
            "sentence": self.sentence,
            "rule": self.rule,
            "evidence": self.evidence,
            "sources": list(self.sources),
            "cue_probability": self.cue_probability,
        }


@frozen(kw_only=True)
class Claim:
    """A sentence, or the part of it one holder is responsible for, with its certainty.

    Attributes:
        text: The claim's text (a sentence, a quote's content inside one sentence,
            or the sentence around a quote).
        start: Start offset in the original text.
        end: End offset.
        sentence: Index of the sentence.
        holder: Who makes the claim (author, or a quoted/attributed source).
        certainty: One of the keys of :data:`CERTAINTY`.
        factbank: The FactBank tag for ``certainty`` (``CT+``, ``PR-`` ...).
        probability: The ICD 203 range when an estimative cue decided, else ``None``.
        author_stance: For a quoted or attributed claim, the stance of the reporting
            cue (``factive``, ``distancing`` ...), else ``None``.
        evidence: The cues that decided, in text order.
        rule: How they were combined, in words.
    """

    text: str
    start: int = field(validator=[instance_of(int), ge(0)])
    end: int = field(validator=[instance_of(int), _end_not_before_start])
    sentence: int
    holder: Holder
    certainty: Certainty = field(validator=in_(tuple(CERTAINTY)))
    factbank: str
    probability: tuple[float, float] | None = None
    author_stance: str | None = None
    evidence: tuple[Hedge, ...] = ()
    rule: str = ""

    def to_dict(self, *, hedge_ref: Callable[[Hedge], object] | None = None) -> dict[str, object]:
        """Return a JSON-ready dict (evidence as the hedges' dicts).

        ``hedge_ref`` turns an evidence hedge into what ``evidence`` lists (default
        :meth:`Hedge.to_dict`): :meth:`geotext.Analysis.to_dict` passes one that gives
        the hedge's index in the analysis's ``hedges`` instead of a copy of it.

        Example:
            >>> c = Claim(text="It rains.", start=0, end=9, sentence=0, holder=Holder(kind="author"),
            ...           certainty="certain", factbank="CT+")
            >>> c.to_dict()["certainty"]
            'certain'
        """
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "sentence": self.sentence,
            "holder": self.holder.to_dict(),
            "certainty": self.certainty,
            "factbank": self.factbank,
            "probability": list(self.probability) if self.probability else None,
            "author_stance": self.author_stance,
            "evidence": [h.to_dict() if hedge_ref is None else hedge_ref(h) for h in self.evidence],
            "rule": self.rule,
        }
