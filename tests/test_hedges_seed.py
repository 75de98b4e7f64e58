"""Issue 5 acceptance on the seed article (stanza backend, with quotes and actors)."""

from __future__ import annotations

import pytest

from geotext.hedges import Hedge, claims, detect
from geotext.model import Document

pytestmark = pytest.mark.stanza


@pytest.fixture(scope="session")
def seed_quotes(seed_doc: Document):  # type: ignore[no-untyped-def]
    from geotext.actors import resolve
    from geotext.quotes import extract

    actors = resolve(seed_doc, date=seed_doc.date)
    return actors, extract(seed_doc, actors)


@pytest.fixture(scope="session")
def seed_hedges(seed_doc: Document, seed_quotes) -> tuple[Hedge, ...]:  # type: ignore[no-untyped-def]
    actors, quotes = seed_quotes
    return detect(seed_doc, quotes=quotes, actors=actors)


def _at(doc: Document, hedges: tuple[Hedge, ...], cue: str, before: str = "", after: str = "") -> list[Hedge]:
    """Hedges whose cue text is ``cue``, preceded by ``before`` and followed by ``after``."""
    return [
        h
        for h in hedges
        if h.text == cue
        and doc.text[h.start - len(before) : h.start] == before
        and doc.text[h.end : h.end + len(after)] == after
    ]


def test_both_remains_unlikely_are_isw_estimates(seed_doc: Document, seed_hedges: tuple[Hedge, ...]) -> None:
    found = _at(seed_doc, seed_hedges, "unlikely", before="remains ")
    assert len(found) == 2
    for h in found:
        assert h.category == "estimative"
        assert h.probability == (0.2, 0.45)
        assert h.holder.actor_id == "org:isw"


def test_seems_to_have_accepted_is_isws_hedge_inside_its_quote(
    seed_doc: Document, seed_hedges: tuple[Hedge, ...]
) -> None:
    (h,) = _at(seed_doc, seed_hedges, "seems", after=" to have accepted")
    assert h.category == "hedge"
    assert h.holder.actor_id == "org:isw"
    assert h.holder.quote is not None
    assert h.holder.evidence == "quote-content"


def test_indirectly_supports_is_a_hedge(seed_doc: Document, seed_hedges: tuple[Hedge, ...]) -> None:
    (h,) = _at(seed_doc, seed_hedges, "indirectly", after=" supports")
    assert h.category == "hedge"


def test_possible_use_is_the_authors_hedge(seed_doc: Document, seed_hedges: tuple[Hedge, ...]) -> None:
    (h,) = _at(seed_doc, seed_hedges, "possible", after=" use")
    assert h.category == "hedge"
    assert h.holder.kind == "author"
    assert h.scope is not None and h.scope.text.startswith("possible use of ammunition")


def test_apparent_failure_is_attributed_to_isw(seed_doc: Document, seed_hedges: tuple[Hedge, ...]) -> None:
    (h,) = _at(seed_doc, seed_hedges, "apparent", after=" failure")
    assert h.category == "hedge"
    assert h.holder.actor_id == "org:isw"


@pytest.mark.parametrize(
    ("cue", "after", "stance"),
    [
        ("confirmed", " this", "factive"),
        ("emphasizing", " that", "strengthening"),
        ("stated", " that", "neutral"),
        ("noting", " that Belarus", "neutral"),
        ("noting", " that such", "neutral"),
        ("limited himself to announcing", "", "restricting"),
    ],
)
def test_reporting_stance(
    seed_doc: Document, seed_hedges: tuple[Hedge, ...], cue: str, after: str, stance: str
) -> None:
    (h,) = _at(seed_doc, seed_hedges, cue, after=after)
    assert (h.category, h.stance) == ("reporting_stance", stance)


def test_confirmed_is_putins(seed_doc: Document, seed_hedges: tuple[Hedge, ...]) -> None:
    (h,) = _at(seed_doc, seed_hedges, "confirmed", after=" this")
    assert h.holder.actor_id == "person:vladimir-putin"


@pytest.mark.parametrize(
    ("cue", "scope_start"),
    [
        ("not", "did not go to Belarus"),
        ("not", "cannot do without them"),
        ("n’t", "won’t succeed"),
        ("no", "has no interest"),
        ("n’t", "doesn’t make sense"),
    ],
)
def test_negations_with_scope(
    seed_doc: Document, seed_hedges: tuple[Hedge, ...], cue: str, scope_start: str
) -> None:
    found = [
        h
        for h in seed_hedges
        if h.category == "negation"
        and h.text == cue
        and h.scope is not None
        and h.scope.text.startswith(scope_start)
    ]
    assert len(found) == 1


def test_double_negative_in_cannot_do_without(seed_doc: Document, seed_hedges: tuple[Hedge, ...]) -> None:
    (inner,) = _at(seed_doc, seed_hedges, "without", after=" them")
    assert inner.category == "negation" and inner.negated


def test_quoted_claims_belong_to_their_speakers(seed_doc: Document, seed_hedges, seed_quotes) -> None:  # type: ignore[no-untyped-def]
    _, quotes = seed_quotes
    cs = claims(seed_doc, seed_hedges, quotes=quotes)
    peskov = [c for c in cs if c.text.startswith("Putin did not go to Belarus")]
    assert [(c.certainty, c.holder.actor_id) for c in peskov] == [("negated", "person:dmitry-peskov")]
    isw = [c for c in cs if c.text.startswith("Belarus’ involvement in Putin’s war")]
    assert [(c.certainty, c.holder.actor_id, c.probability) for c in isw] == [
        ("improbable", "org:isw", (0.2, 0.45))
    ]


def test_every_span_slices_the_original(seed_doc: Document, seed_hedges: tuple[Hedge, ...]) -> None:
    for h in seed_hedges:
        for part in h.cue:
            assert seed_doc.text[part.start : part.end] == part.text
        if h.scope is not None:
            assert seed_doc.text[h.scope.start : h.scope.end] == h.scope.text


@pytest.fixture(scope="session")
def short_docs() -> dict[str, Document]:
    """Short texts annotated by stanza in one batch (parse-based rules)."""
    from geotext.backends import annotate

    texts = [
        "The summit took place in May 2022.",
        "Russia showed its military might in the parade.",
        "The crown prince is the heir apparent.",
        "The talks are unlikely to fail.",
        "Moscow may not retaliate.",
        "An attack is not likely.",
    ]
    return dict(zip(texts, annotate(texts, backend="stanza"), strict=True))


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The summit took place in May 2022.", "May"),
        ("Russia showed its military might in the parade.", "might"),
        ("The crown prince is the heir apparent.", "apparent"),
    ],
)
def test_false_friends_with_a_parse(short_docs: dict[str, Document], text: str, word: str) -> None:
    assert [h.text for h in detect(short_docs[text]) if h.text == word] == []


def test_estimative_negation_with_a_parse(short_docs: dict[str, Document]) -> None:
    (fail,) = detect(short_docs["The talks are unlikely to fail."])
    assert (fail.probability, fail.polarity, fail.positive_probability) == (
        (0.2, 0.45),
        "negative",
        (0.55, 0.8),
    )
    likely = next(h for h in detect(short_docs["An attack is not likely."]) if h.text == "likely")
    assert (likely.negated, likely.probability) == (True, (0.2, 0.45))
    may = next(h for h in detect(short_docs["Moscow may not retaliate."]) if h.text == "may")
    assert (may.negated, may.polarity) == (False, "negative")
