"""Hedges, boosters, estimative probability, negation and reporting stance.

:func:`detect` finds the cues of (un)certainty in a document, each with its scope
(the clause or phrase it governs), its holder (the author, or the quoted or
attributed source) and, for estimative language, an ICD 203 probability range.
:func:`claims` combines the cues into one certainty value per sentence or quoted
claim, on a FactBank-style scale. Learned models (:mod:`geotext.hedges.disambiguate`)
decide which lexicon candidates are hedges in their sentence (``Hedge.cue_probability``)
and how uncertain each sentence is (:func:`uncertainty`). The lexicons are data files:
``hedge_cues.yaml``, ``estimative.yaml`` and ``negation_cues.yaml`` (reporting-verb
stance comes from ``reporting_verbs.yaml``, shared with :mod:`geotext.quotes`).

Example:
    >>> from geotext.backends import annotate
    >>> doc = annotate(["The attack was apparently not planned."], backend="rules")[0]
    >>> [(h.text, h.category) for h in detect(doc)]
    [('apparently', 'hedge'), ('not', 'negation')]
    >>> [c.certainty for c in claims(doc, detect(doc))]
    ['improbable']
"""

from geotext.hedges._claims import claims
from geotext.hedges._detect import MAX_CUES_PER_SENTENCE, detect
from geotext.hedges._lexicon import Level, lexicon
from geotext.hedges.disambiguate import SentenceUncertainty, uncertainty
from geotext.hedges.records import (
    CATEGORIES,
    CERTAINTY,
    STANCES,
    Category,
    Certainty,
    Claim,
    Hedge,
    Holder,
    TextSpan,
)

__all__ = [
    "CATEGORIES",
    "CERTAINTY",
    "MAX_CUES_PER_SENTENCE",
    "STANCES",
    "Category",
    "Certainty",
    "Claim",
    "Hedge",
    "Holder",
    "Level",
    "SentenceUncertainty",
    "TextSpan",
    "claims",
    "detect",
    "icd203",
    "lexicon",
    "uncertainty",
]


def icd203() -> tuple[Level, ...]:
    """Return the ICD 203 likelihood table, least likely first.

    Example:
        >>> [(lv.term, lv.lo, lv.hi) for lv in icd203()][2]
        ('unlikely', 0.2, 0.45)
    """
    return tuple(sorted(lexicon().levels.values(), key=lambda lv: lv.lo))
