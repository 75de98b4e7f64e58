"""Pronoun resolution (issue 11): candidate reach, binding, agreement, ranking.

Our own sentences; both backends where the backend can support the rule.
"""

from __future__ import annotations

import pytest

import geotext
from geotext.actors import Actor

BACKENDS = ["rules", pytest.param("stanza", marks=pytest.mark.stanza)]


def _actors(text: str, backend: str) -> list[Actor]:
    return list(geotext.analyze(text, backend=backend, date="2024-06-01").actors)


def _pronouns(actors: list[Actor], actor_id: str) -> list[str]:
    found = [a for a in actors if a.id == actor_id]
    assert found, [a.id for a in actors]
    return [m.text for m in found[0].mentions if m.kind == "pronoun"]


@pytest.mark.parametrize("backend", BACKENDS)
def test_he_reaches_past_short_turns_of_dialogue(backend: str) -> None:
    text = (
        "Matthew Collins hired me in May. I did the job. It was hard. "
        "The pay was low. I asked for more. Then he paid me."
    )
    assert _pronouns(_actors(text, backend), "unk:person:matthew-collins") == ["he"]


@pytest.mark.parametrize("backend", BACKENDS)
def test_far_back_only_a_person_whose_gender_agrees(backend: str) -> None:
    text = (
        "Dr Oluwaseun Tane hired me in May. I did the job. It was hard. "
        "The pay was low. I asked for more. Then he paid me."
    )
    assert _pronouns(_actors(text, backend), "unk:person:oluwaseun-tane") == []


@pytest.mark.stanza
def test_object_pronoun_in_a_relative_clause_takes_the_main_subject() -> None:
    text = "Ivan Petrov hired Tomas Reyes in May. Tomas Reyes disliked the job, which left him tired."
    actors = _actors(text, "stanza")
    assert _pronouns(actors, "unk:person:tomas-reyes") == ["him"]
    assert _pronouns(actors, "unk:person:ivan-petrov") == []


@pytest.mark.parametrize("backend", BACKENDS)
def test_object_pronoun_avoids_the_subject_of_its_own_clause(backend: str) -> None:
    text = "Ivan Petrov met Tomas Reyes in May. Tomas Reyes thanked him warmly."
    actors = _actors(text, backend)
    assert _pronouns(actors, "unk:person:ivan-petrov") == ["him"]


@pytest.mark.parametrize("backend", BACKENDS)
def test_given_name_gender_folds_accents(backend: str) -> None:
    text = "Siméon Roux met Marta Lind in Lyon on Monday. She said the talks went well."
    actors = _actors(text, backend)
    assert _pronouns(actors, "unk:person:marta-lind") == ["She"]
    assert _pronouns(actors, "unk:person:simeon-roux") == []


@pytest.mark.parametrize("backend", BACKENDS)
def test_person_takes_the_gender_of_a_pronoun_resolved_to_them(backend: str) -> None:
    text = (
        "Dr Oluwaseun Tane founded the firm in 1990. He ran it for ten years. "
        "Dr Tane hired Marta Lind in 2001. She said the firm was growing."
    )
    actors = _actors(text, backend)
    assert _pronouns(actors, "unk:person:oluwaseun-tane") == ["He"]
    assert _pronouns(actors, "unk:person:marta-lind") == ["She"]


@pytest.mark.parametrize("backend", BACKENDS)
def test_pronoun_takes_a_resolved_description_as_antecedent(backend: str) -> None:
    text = (
        "We spent a week in Athens last spring. The weather was hot. "
        "The food was good. The city is proud of its history."
    )
    actors = _actors(text, backend)
    athens = next(a for a in actors if a.id == "place:athens")
    assert [(m.text, m.kind) for m in athens.mentions][-2:] == [
        ("The city", "description"),
        ("its", "pronoun"),
    ]


def test_training_hook_may_choose_the_candidate() -> None:
    from geotext.actors.resolve import run_passes
    from geotext.backends import annotate

    doc = annotate(["Ivan Petrov met Tomas Reyes in May. He smiled."], backend="rules")[0]
    seen: list[list[str]] = []

    def last(k: int, rows: list[tuple[str, list[float]]]) -> int:
        seen.append([actor for actor, _ in rows])
        return len(rows) - 1

    ctx, _ = run_passes(doc, collect=last)
    he = next(w for w in ctx.mentions if w.kind == "pronoun")
    assert len(seen) == 1 and len(seen[0]) == 2
    assert he.actor == seen[0][-1]
    assert "training hook" in he.evidence


def test_trainer_labels_the_gold_candidate() -> None:
    from geotext.actors.ranking import FEATURES
    from geotext.backends import annotate
    from geotext.training._gum import GoldDocument, GoldMention
    from geotext.training.coref import examples

    text = "Marta Lind met Darla Quinn in May. She smiled."
    doc = annotate([text], backend="rules")[0]

    def mention(key: str, form: str, entity: int, cls: str) -> GoldMention:
        start = text.index(form)
        end = start + len(form)
        return GoldMention(key=key, start=start, end=end, type="person", entity=entity, cls=cls, name_end=end)

    gold = GoldDocument(
        name="own",
        text=text,
        mentions=[
            mention("m1", "Marta Lind", 1, "name"),
            mention("m2", "Darla Quinn", 2, "name"),
            mention("m3", "She", 2, "pronoun"),
        ],
        sentence_starts=[0, text.index("She")],
    )
    decisions = examples(gold, doc)
    assert len(decisions) == 1
    rows, labels = decisions[0]
    assert sorted(labels) == [0, 1] and all(len(row) == len(FEATURES) for row in rows)
    weights = [0.0] * len(FEATURES)
    assert examples(gold, doc, weights) == decisions


@pytest.mark.parametrize("backend", BACKENDS)
def test_pronoun_in_a_quote_is_not_its_speaker(backend: str) -> None:
    text = (
        "Tomas Reyes opened the bar with Ivan Petrov in May. "
        "\u201cWe will keep the drink on the menu until he leaves,\u201d Tomas Reyes said."
    )
    actors = _actors(text, backend)
    assert _pronouns(actors, "unk:person:ivan-petrov") == ["he"]
    assert _pronouns(actors, "unk:person:tomas-reyes") == []


@pytest.mark.parametrize("backend", BACKENDS)
def test_pronoun_in_reported_speech_may_be_its_speaker(backend: str) -> None:
    text = "Tomas Reyes opened the bar in May. Tomas Reyes said that he would keep the drink on the menu."
    assert _pronouns(_actors(text, backend), "unk:person:tomas-reyes") == ["he"]


@pytest.mark.parametrize("backend", BACKENDS)
def test_reflexive_with_nobody_in_its_sentence_takes_the_nearest_person(backend: str) -> None:
    text = "Marta Lind bought the old boat in May. It was a gift to herself."
    assert _pronouns(_actors(text, backend), "unk:person:marta-lind") == ["herself"]


def test_training_hook_leaves_quote_sequences_to_their_rule() -> None:
    from geotext.actors.resolve import run_passes
    from geotext.backends import annotate
    from geotext.quotes import drafts, sites

    text = (
        "Darla Quinn runs the shelter on the hill. Anna Berg works there too. "
        "\u201cWe turn people away every night,\u201d she said. "
        "The shelter opened in 1990. \u201cWe need help now,\u201d she said."
    )
    doc = annotate([text], backend="rules")[0]
    calls: list[int] = []

    def hook(k: int, rows: list[tuple[str, list[float]]]) -> None:
        calls.append(k)

    ctx, _ = run_passes(doc, collect=hook, quotes=sites(drafts(doc)))
    said = [w for w in ctx.mentions if w.kind == "pronoun"]
    assert len(said) == 2 and len(calls) == 1
    assert "speaker of the previous quote" in said[1].evidence
    assert said[0].actor == said[1].actor


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(
    "second",
    [
        "It seemed that the talks went well.",
        "It is unclear whether the talks went well.",
        "It was hard to say how the talks went.",
    ],
)
def test_expletive_it_has_no_antecedent(backend: str, second: str) -> None:
    actors = _actors(f"NATO held talks in Brussels on Monday. {second}", backend)
    assert _pronouns(actors, "igo:nato") == []


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(
    "second",
    [
        "It is an alliance that meets often.",
        "It is considered to be the largest alliance.",
    ],
)
def test_referring_it_keeps_its_antecedent(backend: str, second: str) -> None:
    actors = _actors(f"NATO held talks in Brussels on Monday. {second}", backend)
    assert _pronouns(actors, "igo:nato") == ["It"]
