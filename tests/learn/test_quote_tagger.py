"""The learned quote tagger: decoding as crfsuite does, calibration, gold tags, the
shipped models and how extraction uses them."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import torch

from geotext.backends import annotate
from geotext.errors import DataError
from geotext.learn.weights import ModelWeights, read_weights, save_weights
from geotext.quotes._features import LABELS, paragraph_features, paragraphs
from geotext.quotes._tagger import CrfTagger, fit_isotonic
from geotext.training.polnear import SPLIT, Article, GoldAttribution, part_of

pycrfsuite = pytest.importorskip("pycrfsuite")


def _toy_crf(tmp_path: Path) -> Path:
    rng = random.Random(3)
    trainer = pycrfsuite.Trainer(verbose=False)
    vocab = [f"w={i}" for i in range(12)]
    for _ in range(60):
        n = rng.randint(1, 9)
        feats = [[rng.choice(vocab), f"p={rng.randint(0, 2)}"] for _ in range(n)]
        tags = [LABELS[int(f[0][2:]) % len(LABELS)] if rng.random() < 0.8 else "O" for f in feats]
        trainer.append(feats, tags)
    trainer.set_params({"c1": 0.01, "c2": 0.01, "max_iterations": 40, "feature.possible_transitions": True})
    path = tmp_path / "toy.crfsuite"
    trainer.train(str(path))
    return path


def test_decoding_matches_crfsuite(tmp_path: Path) -> None:
    from geotext.training.quotes import crf_to_tagger

    path = _toy_crf(tmp_path)
    ours = crf_to_tagger(path, stacked=False)
    theirs = pycrfsuite.Tagger()
    theirs.open(str(path))
    rng = random.Random(5)
    sequences = [
        [[f"w={rng.randint(0, 13)}", f"p={rng.randint(0, 2)}"] for _ in range(rng.randint(1, 12))]
        for _ in range(20)
    ]
    for seq, (tags, marg) in zip(sequences, ours.tag_many(sequences), strict=True):
        assert tags == theirs.tag(seq)
        for t, tag in enumerate(tags):
            assert marg[t, LABELS.index(tag)] == pytest.approx(theirs.marginal(tag, t), abs=1e-4)
        assert marg.sum(axis=1) == pytest.approx([1.0] * len(seq))
    # one sequence alone decodes as in a batch
    assert ours.tag(sequences[3])[0] == theirs.tag(sequences[3])


def test_isotonic_is_monotone_and_fits_rates() -> None:
    rng = random.Random(1)
    scores = [rng.random() for _ in range(400)]
    labels = [int(rng.random() < s) for s in scores]
    iso = fit_isotonic(scores, labels)
    grid = [i / 20 for i in range(21)]
    values = [iso(x) for x in grid]
    assert values == sorted(values)
    assert iso(0.05) < 0.3 < 0.7 < iso(0.95)


def test_split_is_disjoint_and_complete() -> None:
    covered = [i for a, b in SPLIT.values() for i in range(a, b)]
    assert covered == list(range(840))
    assert (part_of(680), part_of(681), part_of(755), part_of(756), part_of(839)) == (
        "train",
        "dev",
        "dev",
        "heldout",
        "heldout",
    )
    with pytest.raises(ValueError):
        part_of(840)


def test_gold_tags_follow_the_attributions() -> None:
    from geotext.training.quotes import gold_tags

    text = "Officials said the talks failed. It rained."
    doc = annotate([text], backend="rules")[0]
    src, cue, content = (0, 9), (10, 14), (15, 32)
    article = Article(0, "x", text, None, (GoldAttribution((src,), (cue,), (content,)),))
    para = paragraphs(doc)[0]
    tags = gold_tags(para, article)
    words = [w.text for w in para.words]
    assert list(zip(words, tags, strict=True))[:7] == [
        ("Officials", "B-SRC"),
        ("said", "B-CUE"),
        ("the", "B-CON"),
        ("talks", "I-CON"),
        ("failed", "I-CON"),
        (".", "I-CON"),
        ("It", "O"),
    ]


def test_features_see_the_lexicon_and_the_rules() -> None:
    doc = annotate(["“We will win,” said the minister."], backend="rules")[0]
    from geotext.quotes._extract import find_drafts

    para = paragraphs(doc)[0]
    feats = paragraph_features(doc, para, find_drafts(doc))
    said = next(i for i, w in enumerate(para.words) if w.text == "said")
    assert "cue=v:speech" in feats[said]
    assert "r=B-CUE" in feats[said]
    we = next(i for i, w in enumerate(para.words) if w.text == "We")
    assert "inq" in feats[we]
    assert not any(f.startswith("r=") for f in paragraph_features(doc, para, None)[said])


def test_a_foreign_model_file_is_a_data_error(tmp_path: Path) -> None:
    path = save_weights(tmp_path / "quote_tagger_rules.pt", {"w": torch.zeros(2)}, {"labels": list(LABELS)})
    with pytest.raises(DataError, match="not a quote tagger"):
        CrfTagger(read_weights(path))
    bad = ModelWeights(
        name="x",
        tensors={
            "attributes": torch.tensor(list(b"a\nb"), dtype=torch.uint8),
            "state": torch.zeros(3, len(LABELS)),
            "transitions": torch.zeros(len(LABELS), len(LABELS)),
        },
        meta={"labels": list(LABELS), "stacked": True},
    )
    with pytest.raises(DataError, match="wrong shape"):
        CrfTagger(bad)


def test_combine_is_linear_in_the_number_of_quotes() -> None:
    """4,000 quotes in one paragraph: the combine step indexes cues, marks and rule
    spans (it compared every pair before: about 3 minutes here); generous bound."""
    import time

    from geotext.backends import annotate
    from geotext.quotes import drafts

    doc = annotate(["“Yes,” he said. " * 4000], backend="rules")[0]
    drafts(annotate(["“Yes,” he said."], backend="rules")[0], "combined")  # loads the model
    started = time.perf_counter()
    found = drafts(doc, "combined")
    assert time.perf_counter() - started < 60
    assert len(found) == 4000


def test_combine_is_linear_on_long_prose() -> None:
    """0.5 MB of prose (the seed article repeated): 131 s before the combine step was
    made linear; generous bound."""
    import time
    from pathlib import Path

    from geotext.backends import annotate
    from geotext.quotes import drafts

    seed = (Path(__file__).resolve().parents[2] / "seeds" / "000_b5ed231f78873f5b.txt").read_text("utf-8")
    doc = annotate([(seed + "\n\n") * 190], backend="rules")[0]
    drafts(annotate(["“Yes,” he said."], backend="rules")[0], "combined")
    started = time.perf_counter()
    found = drafts(doc, "combined")
    assert time.perf_counter() - started < 90
    # the rules backend splits the repeated text into paragraphs a little differently
    # at the copies' seams, and the BiLSTM tagger reads whole paragraphs: a copy may
    # gain or lose a quote near a seam
    per_copy = len(drafts(annotate([seed], backend="rules")[0], "combined"))
    assert 190 * (per_copy - 1) <= len(found) <= 190 * (per_copy + 1)
