"""Mention ranking: which of the compatible actors a pronoun refers to.

The rules of :mod:`geotext.actors.coref` decide which actors a pronoun *may* refer
to (gender and number agreement, quotation boundaries, reflexive and object
binding); when several remain, a logistic model scores each (pronoun, actor) pair on
the features below and the best one wins. Its probability goes into the mention's
evidence. The model (``data/models/coref_ranker.pt``) is trained on GUM train by
``python -m geotext.training coref`` (see ``docs/cards/coref_ranker.rst``); it is
loaded lazily, once, on first use.

>>> len(FEATURES) == len(set(FEATURES))
True
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence

from attrs import frozen

from geotext.errors import DataError

__all__ = ["FEATURES", "Candidate", "Ranker", "features", "ranker"]

FEATURES: tuple[str, ...] = (
    "bias",
    "same_sentence",
    "previous_sentence",
    "two_back",
    "further_back",
    "last_is_subject",
    "subject_in_window",
    "log_token_distance",
    "recency_rank",
    "last_is_pronoun",
    "last_is_name",
    "log_mentions_before",
    "first_person_of_text",
    "gender_known",
    "pronoun_nominative",
    "pronoun_possessive",
    "pronoun_object",
    "object_of_own_subject",
    "pronoun_in_quote",
    "same_quote",
    "type_person",
    "type_group",
    "type_place",
    "plural_pronoun",
    "candidates",
    "previous_speaker",
    "speaker_after_speaker",
    "last_is_object",
    "last_is_modifier",
    "parallel_role",
    "log_mentions_in_window",
    "last_is_description",
    "sentence_start_after_subject",
    "log_names_before",
    "clause_subject",
)
"""Feature names, in the order of the model's weight vector."""


@frozen(kw_only=True)
class Candidate:
    """What the rules know about one compatible actor for one pronoun."""

    actor: str
    sentence_distance: int
    token_distance: int
    last_is_subject: bool
    subject_in_window: bool
    recency_rank: int
    last_kind: str
    mentions_before: int
    first_person: bool
    gender_known: bool
    same_clause_subject: bool
    same_quote: bool
    type: str
    last_start: int = -1
    """Start offset of the candidate's latest mention before the pronoun."""
    previous_speaker: bool = False
    """The candidate is the speaker of the latest quote before the pronoun."""
    pronoun_is_speaker: bool = False
    """The pronoun is itself the speaker phrase of a quote ("…,” she said)."""
    last_role: str = ""
    """Syntactic role of the candidate's latest mention: ``subject``, ``object``,
    ``modifier`` (possessor, nominal modifier, oblique) or ``""`` (other, or no parse)."""
    mentions_in_window: int = 0
    """How many of the candidate's mentions lie in the pronoun's window."""
    pronoun_starts_sentence: bool = False
    """The pronoun is the subject at the start of its sentence ("He ...")."""
    names_before: int = 0
    """How many times the candidate is named (not by a pronoun) before the pronoun."""


def features(c: Candidate, role: str, plural: bool, in_quote: bool, n_candidates: int) -> list[float]:
    """The feature vector of a (pronoun, candidate) pair, in :data:`FEATURES` order."""
    d = c.sentence_distance
    group = c.type not in ("person", "place", "state", "historical_state")
    return [
        1.0,
        float(d == 0),
        float(d == 1),
        float(d == 2),
        float(d >= 3),
        float(c.last_is_subject),
        float(c.subject_in_window),
        math.log1p(c.token_distance) / 5,
        min(c.recency_rank, 5) / 5,
        float(c.last_kind == "pronoun"),
        float(c.last_kind in ("name", "alias", "abbreviation")),
        math.log1p(c.mentions_before) / 3,
        float(c.first_person),
        float(c.gender_known),
        float(role == "nom"),
        float(role == "poss"),
        float(role == "obj"),
        float(role == "obj" and c.same_clause_subject),
        float(in_quote),
        float(c.same_quote),
        float(c.type == "person"),
        float(group),
        float(c.type in ("place", "state", "historical_state")),
        float(plural),
        math.log1p(n_candidates) / 2,
        float(c.previous_speaker),
        float(c.previous_speaker and c.pronoun_is_speaker),
        float(c.last_role == "object"),
        float(c.last_role == "modifier"),
        float((role == "nom" and c.last_is_subject) or (role == "obj" and c.last_role == "object")),
        math.log1p(c.mentions_in_window) / 2,
        float(c.last_kind == "description"),
        float(c.pronoun_starts_sentence and d == 1 and c.last_is_subject),
        math.log1p(c.names_before) / 3,
        float(c.same_clause_subject and role != "obj"),
    ]


class Ranker:
    """A logistic scorer over :data:`FEATURES` (weights from the shipped model)."""

    def __init__(self, weights: Sequence[float], name: str = "coref_ranker") -> None:
        if len(weights) != len(FEATURES):
            raise DataError(
                f"geotext model {name!r} has {len(weights)} weights for {len(FEATURES)} features; "
                "retrain it with `python -m geotext.training coref`"
            )
        self.weights = tuple(float(w) for w in weights)
        self.name = name

    def probability(self, x: Sequence[float]) -> float:
        """P(the candidate is the antecedent)."""
        z = sum(w * v for w, v in zip(self.weights, x, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@functools.cache
def ranker() -> Ranker:
    """The shipped ranker, loaded once (raises :class:`~geotext.errors.DataError` when
    the model file is missing or damaged)."""
    from geotext.learn import load_weights

    model = load_weights("coref_ranker")
    names = list(model.meta.get("features", ()))
    if names != list(FEATURES):
        raise DataError(
            "geotext model 'coref_ranker' was trained on other features; "
            "retrain it with `python -m geotext.training coref`"
        )
    return Ranker(model.tensors["weight"].reshape(-1).tolist())
