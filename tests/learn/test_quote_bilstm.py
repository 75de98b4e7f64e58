"""The BiLSTM-CRF quote tagger: its decoding agrees with the feature CRF's, a model
file round-trips through save/read, a damaged one is a DataError, and it tags a real
document through the combine step (an untrained, seeded network: no training here)."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest
import torch

from geotext.backends import annotate
from geotext.errors import DataError
from geotext.learn.weights import ModelWeights, read_weights, save_weights
from geotext.quotes._bilstm import BiLstmTagger, build_network, decode
from geotext.quotes._features import LABELS
from geotext.quotes._tagger import CrfTagger, combine
from geotext.training.quotes_bilstm import crf_nll

SETTINGS = {"dim": 8, "char_dim": 4, "filters": 6, "hidden": 5, "labels": len(LABELS), "dropout": 0.0}


def _model(features: list[str], chars: list[str]) -> tuple[dict[str, torch.Tensor], dict[str, object]]:
    torch.manual_seed(0)
    net = build_network(len(features), len(chars), SETTINGS)
    tensors = {"net." + k: v.detach().clone() for k, v in net.state_dict().items()}
    tensors["features"] = torch.tensor(list("\n".join(features).encode()), dtype=torch.uint8)
    tensors["chars"] = torch.tensor(list("\n".join(chars).encode()), dtype=torch.uint8)
    meta: dict[str, object] = {"labels": list(LABELS), "stacked": True, "threshold": 0.0, "network": SETTINGS}
    return tensors, meta


def test_decoding_matches_the_crf_decoder() -> None:
    """With the feature CRF's emissions, :func:`decode` gives the CRF's tags and marginals."""
    rng = np.random.default_rng(4)
    names = [f"f{i}" for i in range(10)]
    state = rng.normal(size=(10, len(LABELS))).astype(np.float32)
    trans = rng.normal(size=(len(LABELS), len(LABELS))).astype(np.float32)
    crf = CrfTagger(
        ModelWeights(
            "toy",
            {
                "attributes": torch.tensor(list("\n".join(names).encode()), dtype=torch.uint8),
                "state": torch.from_numpy(state),
                "transitions": torch.from_numpy(trans),
            },
            {"labels": list(LABELS), "stacked": False},
        )
    )
    pyrng = random.Random(2)
    seqs = [[[pyrng.choice(names)] for _ in range(pyrng.randint(1, 9))] for _ in range(12)]
    emissions = [np.stack([state[names.index(f[0])].astype(np.float64) for f in s]) for s in seqs]
    for (tags, marg), (ctags, cmarg) in zip(
        decode(emissions, trans.astype(np.float64), LABELS), crf.tag_many(seqs), strict=True
    ):
        assert tags == ctags
        assert marg == pytest.approx(cmarg, abs=1e-9)


def test_crf_loss_is_the_log_partition_minus_the_gold_score() -> None:
    torch.manual_seed(1)
    emit = torch.randn(1, 3, 2)
    trans = torch.randn(2, 2)
    tags = torch.tensor([[0, 1, 1]])
    paths = [(a, b, c) for a in range(2) for b in range(2) for c in range(2)]

    def score(p: tuple[int, int, int]) -> torch.Tensor:
        return emit[0, 0, p[0]] + emit[0, 1, p[1]] + emit[0, 2, p[2]] + trans[p[0], p[1]] + trans[p[1], p[2]]

    expected = torch.logsumexp(torch.stack([score(p) for p in paths]), 0) - score((0, 1, 1))
    assert float(crf_nll(emit, tags, torch.tensor([3]), trans)) == pytest.approx(float(expected), abs=1e-5)


def test_round_trip_and_tagging_a_document(tmp_path: Path) -> None:
    tensors, meta = _model(["b", "w=said", "u=VERB", "inq"], list("abcdefghijklmnopqrstuvwxyz"))
    path = save_weights(tmp_path / "quote_bilstm_rules.pt", tensors, meta)
    tagger = BiLstmTagger(read_weights(path))
    doc = annotate(["“We will win,” said the minister. She said taxes would fall."], backend="rules")[0]
    out = combine(doc, [], tagger, mode="tagger")
    assert all(c.decided == "tagger" for c in out)
    tags, marg = tagger.tag([["b", "w=said"], ["w=unknown"], []])
    assert len(tags) == 3 and marg.shape == (3, len(LABELS))
    assert marg.sum(axis=1) == pytest.approx([1.0, 1.0, 1.0])


def test_a_damaged_or_foreign_file_is_a_data_error(tmp_path: Path) -> None:
    tensors, meta = _model(["b"], ["a"])
    del tensors["net.out.weight"]
    path = save_weights(tmp_path / "broken.pt", tensors, meta)
    with pytest.raises(DataError, match="not a BiLSTM quote tagger"):
        BiLstmTagger(read_weights(path))
    junk = tmp_path / "junk.pt"
    junk.write_bytes(b"not a model")
    with pytest.raises(DataError):
        BiLstmTagger(read_weights(junk))


def _toy_tagger(tmp_path: Path) -> BiLstmTagger:
    tensors, meta = _model(
        ["b", "w=said", "w=the", "u=VERB", "u=DET", "inq"], list("abcdefghijklmnopqrstuvwxyz")
    )
    return BiLstmTagger(read_weights(save_weights(tmp_path / "quote_bilstm_rules.pt", tensors, meta)))


def _paragraphs(seed: int, lengths: list[int]) -> list[list[list[str]]]:
    rng = random.Random(seed)
    words = ["said", "the", "minister", "xq"]
    feats = ["u=VERB", "u=DET", "inq", "unknown-feature"]
    return [[["b", "w=" + rng.choice(words), rng.choice(feats)] for _ in range(n)] for n in lengths]


def test_an_article_goes_through_the_network_in_one_pass(tmp_path: Path) -> None:
    """All paragraphs of an article (lengths 1 to 40, empty ones too) are scored in one
    padded forward pass, with the tags and marginals each has when tagged alone."""
    tagger = _toy_tagger(tmp_path)
    seqs = _paragraphs(3, [5, 0, 1, 40, 7, 2, 0, 13, 3, 33, 9, 1])
    calls: list[int] = []
    hook = tagger.net.register_forward_hook(lambda _m, args, _out: calls.append(len(args[3])))
    together = tagger.tag_many(seqs)
    hook.remove()
    assert calls == [10]  # the ten non-empty paragraphs, once
    for seq, (tags, marg) in zip(seqs, together, strict=True):
        alone_tags, alone_marg = tagger.tag(seq)
        assert len(tags) == len(seq) and tags == alone_tags
        assert marg == pytest.approx(alone_marg, abs=1e-6)


def test_a_long_paragraph_does_not_pad_the_short_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Passes hold at most BATCH_CELLS padded word slots (or one longer paragraph alone)."""
    from geotext.quotes import _bilstm

    monkeypatch.setattr(_bilstm, "BATCH_CELLS", 64)
    tagger = _toy_tagger(tmp_path)
    seqs = _paragraphs(5, [2] * 10 + [70, 3])
    passes: list[tuple[int, int]] = []
    hook = tagger.net.register_forward_hook(
        lambda _m, args, _out: passes.append((len(args[3]), int(args[3].max())))
    )
    together = tagger.tag_many(seqs)
    hook.remove()
    assert passes == [(11, 3), (1, 70)]
    for seq, (tags, _marg) in zip(seqs, together, strict=True):
        assert tags == tagger.tag(seq)[0]


def test_the_character_cnn_over_distinct_forms_gives_the_same_scores(tmp_path: Path) -> None:
    tagger = _toy_tagger(tmp_path)
    ids = torch.tensor([0, 1, 3, 0, 2, 0, 1])
    offsets = torch.tensor([0, 3, 5])
    table = torch.tensor([[3, 4, 0, 0], [5, 6, 7, 0]]).repeat(1, 4)
    which = torch.tensor([1, 0, 1])
    with torch.inference_mode():
        per_word = tagger.net(ids, offsets, table[which], torch.tensor([3]))
        distinct = tagger.net(ids, offsets, table, torch.tensor([3]), which)
    assert torch.equal(per_word, distinct)


def test_unknown_feature_strings_add_nothing(tmp_path: Path) -> None:
    """An unknown feature string reads the padding row, which the bag's sum leaves out."""
    tagger = _toy_tagger(tmp_path)
    plain = tagger.emissions([[["b", "w=said"], ["b"]]], [["said", "x"]])[0]
    noisy = tagger.emissions([[["b", "nope", "w=said"], ["zzz", "b"]]], [["said", "x"]])[0]
    assert np.array_equal(plain, noisy)
