"""Word-vector tables: pruning, a round trip, clear errors for missing, damaged or
foreign files (read with weights_only=True), and the BiLSTM tagger reading one."""

from __future__ import annotations

import pickle
from pathlib import Path

import numpy as np
import pytest
import torch

from geotext.backends import annotate
from geotext.errors import DataError
from geotext.learn.vectors import WordVectors, word_vectors
from geotext.learn.weights import read_weights, save_weights
from geotext.quotes._bilstm import BiLstmTagger, build_network
from geotext.quotes._features import LABELS
from geotext.quotes._tagger import combine
from geotext.training.word_vectors import prune

SETTINGS = {"dim": 8, "char_dim": 4, "filters": 6, "hidden": 5, "labels": len(LABELS), "dropout": 0.0}


def _table_file(tmp_path: Path, words: list[str], vectors: torch.Tensor, name: str = "toyvec") -> Path:
    tensors = {
        "words": torch.tensor(list("\n".join(words).encode("utf-8")), dtype=torch.uint8),
        "vectors": vectors,
    }
    return save_weights(tmp_path / f"{name}.pt", tensors, {"licence": "test"})


def test_prune_keeps_the_most_frequent_and_the_train_words() -> None:
    vocab = ["<PAD>", "<UNK>", "the", "said", "minister", "ceasefire", "zika"]
    emb = torch.arange(14.0).reshape(7, 2)
    words, vecs = prune(vocab, emb, {"zika", "absent-from-the-file", "the"}, top=2)
    assert words == ["the", "said", "zika"]
    assert vecs.dtype == torch.float16
    assert vecs.tolist() == [[4.0, 5.0], [6.0, 7.0], [12.0, 13.0]]


def test_a_table_round_trips_and_unknown_words_read_zeros(tmp_path: Path) -> None:
    path = _table_file(tmp_path, ["war", "peace", "é"], torch.randn(3, 4).half())
    table = WordVectors.from_weights(read_weights(path))
    assert (table.name, table.dim) == ("toyvec", 4)
    assert table.ids(["peace", "é", "truce"]) == [2, 3, 0]
    assert torch.equal(table.table[0], torch.zeros(4))
    assert table.table.dtype == torch.float32 and table.table.shape == (4, 4)


def test_a_missing_packaged_table_is_a_data_error() -> None:
    with pytest.raises(DataError, match="missing"):
        word_vectors("no_such_vector_table")


def test_damaged_or_foreign_tables_are_data_errors(tmp_path: Path) -> None:
    junk = tmp_path / "junk.pt"
    junk.write_bytes(b"\x00not a vector file" * 20)
    with pytest.raises(DataError, match="damaged"):
        WordVectors.from_weights(read_weights(junk))
    no_vectors = save_weights(tmp_path / "a.pt", {"words": torch.zeros(3, dtype=torch.uint8)}, {})
    with pytest.raises(DataError, match="not a word-vector table"):
        WordVectors.from_weights(read_weights(no_vectors))
    too_few = _table_file(tmp_path, ["war", "peace"], torch.zeros(3, 4), name="b")
    with pytest.raises(DataError, match="2 words for vectors of shape"):
        WordVectors.from_weights(read_weights(too_few))
    bad = _table_file(tmp_path, ["war"], torch.tensor([[float("nan"), 1.0]]), name="c")
    with pytest.raises(DataError, match="non-finite"):
        WordVectors.from_weights(read_weights(bad))
    not_utf8 = save_weights(
        tmp_path / "d.pt",
        {"words": torch.tensor([0xFF, 0xFE], dtype=torch.uint8), "vectors": torch.zeros(1, 2)},
        {},
    )
    with pytest.raises(DataError, match="not a word-vector table"):
        WordVectors.from_weights(read_weights(not_utf8))


class _Payload:
    """Not a tensor: ``torch.load(weights_only=True)`` refuses to build it."""

    def __reduce__(self) -> tuple[type, tuple[str]]:
        return (str, ("ran pickled code",))


def test_a_pickled_object_is_never_unpickled(tmp_path: Path) -> None:
    path = tmp_path / "evil.pt"
    torch.save({"tensors": {"words": _Payload()}, "meta": {"format": 1}}, path, pickle_module=pickle)
    with pytest.raises(DataError, match="damaged or not a model file"):
        read_weights(path)


def _vector_model(
    tmp_path: Path, vectors: WordVectors, name: str
) -> tuple[dict[str, torch.Tensor], dict[str, object], Path]:
    torch.manual_seed(0)
    settings = {**SETTINGS, "vectors": name, "vec_dim": vectors.dim}
    net = build_network(3, 26, settings, vectors.table)
    tensors = {"net." + k: v.detach().clone() for k, v in net.state_dict().items()}
    tensors["features"] = torch.tensor(list(b"b\nw=said\nu=VERB"), dtype=torch.uint8)
    tensors["chars"] = torch.tensor(list("\n".join("abcdefghijklmnopqrstuvwxyz").encode()), dtype=torch.uint8)
    meta: dict[str, object] = {"labels": list(LABELS), "stacked": True, "threshold": 0.0, "network": settings}
    return tensors, meta, save_weights(tmp_path / "quote_bilstm_rules.pt", tensors, meta)


def test_the_bilstm_reads_the_vectors_and_does_not_store_them(tmp_path: Path) -> None:
    vectors = WordVectors.from_weights(
        read_weights(_table_file(tmp_path, ["said", "minister"], 3 * torch.randn(2, 5)))
    )
    tensors, _meta, path = _vector_model(tmp_path, vectors, "toyvec")
    assert not any("vectors" in k for k in tensors)  # the table ships once, in its own file
    tagger = BiLstmTagger(read_weights(path), vectors)
    assert tagger.vectors is vectors
    # the same features and characters; only the pretrained vector differs
    with_vector = tagger.emissions([[["b"], ["b"]]], [["said", "x"]])[0]
    vectors.index["said"] = 0
    without = tagger.emissions([[["b"], ["b"]]], [["said", "x"]])[0]
    assert not np.allclose(with_vector, without)
    doc = annotate(["The minister said taxes would fall."], backend="rules")[0]
    out = combine(doc, [], tagger, mode="tagger")
    assert all(c.decided == "tagger" for c in out)


def test_the_bilstm_needs_the_vectors_it_was_trained_with(tmp_path: Path) -> None:
    vectors = WordVectors.from_weights(read_weights(_table_file(tmp_path, ["said"], torch.ones(1, 5))))
    _, _, path = _vector_model(tmp_path, vectors, "no_such_vector_table")
    with pytest.raises(DataError, match="'no_such_vector_table' is missing"):
        BiLstmTagger(read_weights(path))  # the packaged table of that name
    with pytest.raises(DataError, match="trained with the word vectors 'no_such_vector_table'"):
        BiLstmTagger(read_weights(path), vectors)  # a table of another name
    other = WordVectors.from_words(["said"], torch.ones(1, 3), name="no_such_vector_table")
    with pytest.raises(DataError, match="dimension 5"):
        BiLstmTagger(read_weights(path), other)
    with pytest.raises(ValueError, match="none given"):
        build_network(3, 26, {**SETTINGS, "vectors": "toyvec"})
