"""Issue 13: learned cue disambiguation, sentence uncertainty, inference holders."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from geotext.backends import annotate
from geotext.hedges import SentenceUncertainty, detect, uncertainty
from geotext.hedges.disambiguate import _models, cue_features, sentence_features
from geotext.learn import load_weights
from geotext.model import Document
from geotext.quotes import extract

BACKENDS = ["rules", pytest.param("stanza", marks=pytest.mark.stanza)]


@functools.cache
def _doc(text: str, backend: str) -> Document:
    return annotate([text], backend=backend)[0]


def _holders(text: str, backend: str) -> dict[str, tuple[str, str | None]]:
    doc = _doc(text, backend)
    return {h.text: (h.holder.kind, h.holder.name) for h in detect(doc, quotes=extract(doc))}


@pytest.mark.parametrize("backend", BACKENDS)
def test_author_inference_over_a_report_is_the_authors(backend: str) -> None:
    text = "A source reported heavy shelling near the city, indicating that forces likely took the bridge."
    holders = _holders(text, backend)
    assert holders["likely"] == ("author", None)
    assert holders["indicating"][0] == "author"


@pytest.mark.parametrize("backend", BACKENDS)
def test_hedge_inside_reported_speech_is_the_speakers(backend: str) -> None:
    for text in (
        "Russia would likely need six months to rebuild, said a commander.",
        "Russia would likely need six months to rebuild, a commander said.",
    ):
        assert _holders(text, backend)["likely"] == ("source", "a commander")


@pytest.mark.parametrize("backend", BACKENDS)
def test_inference_without_a_report_changes_nothing(backend: str) -> None:
    text = "Officials said the army would probably withdraw."
    assert _holders(text, backend)["probably"][0] == "source"


@pytest.mark.parametrize("backend", BACKENDS)
def test_learned_cues_carry_a_probability(backend: str) -> None:
    doc = _doc("These results suggest that the protein may be involved in repair.", backend)
    learned = detect(doc)
    assert {h.text for h in learned} >= {"suggest", "may"}
    for h in learned:
        assert h.cue_probability is not None and 0.0 <= h.cue_probability <= 1.0
        assert "hedge_disambiguator cue model" in h.evidence
    assert all(h.cue_probability is None for h in detect(doc, learned=False))
    assert detect(doc)[0].to_dict()["cue_probability"] == learned[0].cue_probability


@pytest.mark.parametrize("backend", BACKENDS)
def test_model_drops_exactly_what_it_rejects(backend: str) -> None:
    m = _models()
    texts = [
        "The protein can bind DNA, and either form may be active.",
        "It is possible that the drug could reduce the risk, but whether it does is unclear.",
        "The attack was apparently not planned, and the army may withdraw.",
    ]
    for text in texts:
        doc = _doc(text, backend)
        kept = {h.start for h in detect(doc)}
        for h in detect(doc, learned=False):
            if h.category not in {"hedge", "estimative"}:
                assert h.start in kept
                continue
            p = m.cue.probability(cue_features(doc, h, shared=m.shared))
            decided = m.support.get(h.rule, 0) >= m.min_support
            assert (h.start in kept) == (p >= m.cue.threshold or not decided)


@pytest.mark.parametrize("backend", BACKENDS)
def test_news_cues_the_biomedical_model_cannot_judge_survive(backend: str) -> None:
    doc = _doc("Some experts say the talks failed, according to diplomats.", backend)
    cats = {h.text: h.category for h in detect(doc)}
    assert cats.get("Some experts") == "attribution"
    assert cats.get("according to") == "attribution"
    assert "apparently" in {h.text for h in detect(_doc("The attack was apparently not planned.", backend))}


@pytest.mark.parametrize("backend", BACKENDS)
def test_sentence_uncertainty(backend: str) -> None:
    text = "Some critics argue that the treaty is widely considered a failure. The bridge opened in 1932."
    doc = _doc(text, backend)
    out = uncertainty(doc)
    assert [u.sentence for u in out] == [0, 1]
    weasel, fact = out
    assert isinstance(weasel, SentenceUncertainty)
    assert text[weasel.start : weasel.end] == weasel.text
    assert weasel.uncertain and not fact.uncertain
    assert weasel.probability > fact.probability
    assert "hedge_disambiguator sentence model" in weasel.evidence
    assert weasel.to_dict()["probability"] == weasel.probability


def test_uncertainty_of_an_empty_document_is_empty() -> None:
    assert uncertainty(_doc("", "rules")) == ()
    assert uncertainty(_doc("   \n ", "rules")) == ()


def test_sentence_uncertainty_validates_probability() -> None:
    with pytest.raises(ValueError, match="probability"):
        SentenceUncertainty(sentence=0, text="x", start=0, end=1, probability=1.5, uncertain=True)


@pytest.mark.stanza
def test_shared_features_are_the_same_on_both_backends() -> None:
    # The shipped model reads only features both backends compute alike, so the same
    # words give the same features whichever backend annotated them.
    assert _models().shared
    for text in (
        "These results suggest that the protein may be involved in repair.",
        "The talks could possibly resume, officials said.",
    ):
        docs = [_doc(text, b) for b in ("rules", "stanza")]
        cues = [{h.start: cue_features(d, h) for h in detect(d, learned=False)} for d in docs]
        both = cues[0].keys() & cues[1].keys()
        assert both
        for start in both:
            rules_f, stanza_f = (
                set(c[start]) - {f for f in c[start] if f.startswith("holder=")} for c in cues
            )
            assert rules_f == stanza_f
        sents = [sentence_features(d, d.sentences[0], [], shared=True) for d in docs]
        assert sents[0] == sents[1]
        assert any(
            f.startswith("subj|head=")
            for f in sentence_features(docs[1], docs[1].sentences[0], [], shared=False)
        )


def test_model_file_can_be_read_from_a_path(tmp_path: Path) -> None:
    from geotext.errors import DataError
    from geotext.hedges.disambiguate import _use_weights
    from geotext.learn import save_weights, weights_path

    packaged = _models()
    meta = dict(load_weights("hedge_disambiguator").meta)
    meta["cue"] = {**meta["cue"], "threshold": 0.99}
    path = save_weights(tmp_path / "m.pt", dict(load_weights("hedge_disambiguator").tensors), meta)
    try:
        _use_weights(path)
        assert _models().cue.threshold == 0.99
        _use_weights(tmp_path / "absent.pt")
        with pytest.raises(DataError, match="missing"):
            _models()
    finally:
        _use_weights(None)
    assert _models().cue.threshold == packaged.cue.threshold
    assert weights_path("hedge_disambiguator").is_file()


def _tiny_data(root: Path) -> Path:
    """Our own sentences in the two files' layouts: 40 Wikipedia-style rows, 40 abstracts."""
    import json

    hedged = ["Some critics argue that the plan may fail.", "It is believed that the army might withdraw."]
    plain = ["The bridge opened in 1932.", "The council met on Monday."]
    wiki = [{"text": (hedged if i % 2 else plain)[i % 4 // 2], "uncertain": bool(i % 2)} for i in range(40)]
    bio = []
    for i in range(40):
        text = "These data suggest that the protein may bind DNA. The cells can grow in serum."
        start = text.index("may")
        cues = [
            {
                "type": "speculation",
                "text": "may",
                "parts": [[start, start + 3]],
                "scope": [[start, text.index(".")]],
                "sentence_id": "S1",
            }
        ]
        bio.append(
            {
                "id": str(i),
                "text": text,
                "sentences": [{"id": "S1", "start": 0, "end": len(text)}],
                "cues": cues,
            }
        )
    for name, rows in (("wikiweasel_train.jsonl", wiki), ("bioscope_abstracts.jsonl", bio)):
        (root / name).write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return root


def test_trainer_dev_only_fits_on_train_and_records_the_features(tmp_path: Path) -> None:
    from geotext.learn import read_weights
    from geotext.training import main

    data = _tiny_data(tmp_path)
    args = [
        "hedges",
        "--data",
        str(data),
        "--seed",
        "13",
        "--backend",
        "rules",
        "--cache",
        str(tmp_path / "c"),
    ]
    assert main([*args, "--out", str(tmp_path / "dev"), "--dev-only"]) == 0
    dev = read_weights(tmp_path / "dev" / "hedge_disambiguator.pt")
    assert (dev.meta["features"], dev.meta["fitted_on"]) == ("shared", "train")
    assert "test_f1" not in dev.meta["sentence"]["scores"]
    assert set(dev.meta["sentence"]["examples"]) == {"train", "dev"}
    assert main([*args, "--out", str(tmp_path / "full")]) == 0
    full = read_weights(tmp_path / "full" / "hedge_disambiguator.pt")
    assert full.meta["fitted_on"] == "train+dev" and "test_f1" in full.meta["sentence"]["scores"]
    assert full.meta["training_seconds"] > 0
    with pytest.raises(SystemExit, match="--features shared"):
        main([*args, "--out", str(tmp_path / "x"), "--backend", "both", "--features", "full"])


def test_sentence_features_add_lemma_and_pos_ngrams() -> None:
    doc = _doc("Officials may have fled.", "rules")
    assert not any(f.startswith(("l=", "pb=")) for f in sentence_features(doc, doc.sentences[0], []))
    feats = sentence_features(doc, doc.sentences[0], [], tag_ngrams=True)
    # Shared tags: lemma and POS guessed from the forms, so the same on every backend.
    assert {"l=official", "lb=<s>_official", "lb=official_may", "pb=<s>_X", "lp=official_AUX"} <= set(feats)
    assert any(f.startswith("pt=") for f in feats)
    # Punctuation counts for POS n-grams, not for lemma n-grams.
    assert "lb=flee_</s>" in feats and "pb=PUNCT_</s>" in feats


@pytest.mark.parametrize("backend", BACKENDS)
def test_sentence_tokens_mark_the_lexicons_decisions(backend: str) -> None:
    from geotext.hedges.disambiguate import _sentence_tokens

    m = _models()
    doc = _doc("Some critics say the plan may fail.", backend)
    hedges = detect(doc, learned=False)
    tokens = _sentence_tokens(doc, doc.sentences[0], hedges, m.cue, m.shared)
    assert [t[0] for t in tokens] == [w.text.lower() for w in doc.sentences[0].words]
    tags = dict((form, tag) for form, _, tag in tokens)
    may = next(h for h in hedges if h.text == "may")
    p = m.cue.probability(cue_features(doc, may, shared=m.shared))
    assert tags["may"] == may.category + ("+" if p >= m.cue.threshold else "-")
    assert tags["fail"] == "O" and tags["."] == "O"
    # Hedges from detect(doc) carry their probability: the same tags.
    assert _sentence_tokens(doc, doc.sentences[0], detect(doc), m.cue, m.shared)[5] == tokens[5]


def test_blob_round_trip() -> None:
    from geotext.learn.weights import string_table as blob
    from geotext.learn.weights import table_strings as unblob

    assert unblob(blob(["war", "paix", "戦争"])) == ["war", "paix", "戦争"]
    assert unblob(blob([])) == []


def test_sentence_rnn_reads_unknown_words_and_empty_sentences() -> None:
    import torch

    from geotext.hedges._sentence_rnn import SentenceRnn, build_network

    torch.manual_seed(0)
    net = build_network({"words": 4, "upos": 3, "tags": 3}, {"dim": 4, "tag_dim": 2, "hidden": 3})
    rnn = SentenceRnn(net, {"words": ["may", "rain"], "upos": ["AUX"], "tags": ["hedge+"]})
    assert rnn.ids([("it", "PRON", "O"), ("may", "AUX", "hedge+")]) == [(1, 1, 1), (2, 2, 2)]
    assert rnn.ids([]) == [(1, 1, 1)]
    one = rnn.probabilities([[("it", "PRON", "O"), ("may", "AUX", "hedge+"), ("rain", "VERB", "O")]])
    # Padding in a batch with a longer sentence does not change a sentence's probability.
    both = rnn.probabilities(
        [[("it", "PRON", "O"), ("may", "AUX", "hedge+"), ("rain", "VERB", "O")], [("x", "X", "O")] * 7]
    )
    assert one[0] == pytest.approx(both[0], abs=1e-6)


def _saved(tmp_path: Path, meta_change: dict[str, object], drop: str = "") -> Path:
    from geotext.learn import save_weights

    w = load_weights("hedge_disambiguator")
    meta = dict(w.meta)
    meta["sentence"] = {**meta["sentence"], **meta_change}
    tensors = {k: v for k, v in w.tensors.items() if not (drop and k.startswith(drop))}
    return save_weights(tmp_path / "m.pt", tensors, meta)


def test_a_model_file_missing_its_network_is_a_data_error(tmp_path: Path) -> None:
    from geotext.errors import DataError
    from geotext.hedges.disambiguate import _use_weights

    settings = {"dim": 50, "tag_dim": 16, "hidden": 64, "dropout": 0.5}
    path = _saved(tmp_path, {"rnn": settings, "mix": 0.5}, drop="sentence_rnn.net.")
    try:
        _use_weights(path)
        with pytest.raises(DataError, match="not a hedge disambiguator"):
            _models()
    finally:
        _use_weights(None)


@pytest.fixture(scope="module")
def mixed_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A mixed sentence model (logistic + BiLSTM, lemma and POS n-grams) fitted on our
    own sentences, with the logistic weight fixed at 0.5 so the BiLSTM is kept."""
    from geotext.training import hedges as trainer
    from geotext.training import main

    root = tmp_path_factory.mktemp("mixed")
    data = _tiny_data(root)
    grid = trainer._MIX_GRID
    trainer._MIX_GRID = (0.5,)
    try:
        args = ["hedges", "--data", str(data), "--out", str(root / "out"), "--backend", "rules"]
        args += ["--cache", str(root / "c"), "--sentence", "mixed", "--sentence-features", "words+tags"]
        assert main(args) == 0
    finally:
        trainer._MIX_GRID = grid
    return root / "out" / "hedge_disambiguator.pt"


@pytest.mark.parametrize("backend", BACKENDS)
def test_sentence_probability_mixes_the_two_models(backend: str, mixed_model: Path) -> None:
    from geotext.hedges.disambiguate import _sentence_tokens, _use_weights
    from geotext.learn import read_weights

    meta = read_weights(mixed_model).meta["sentence"]
    assert (meta["features"], meta["mix"], meta["rnn"]["seed"]) == ("words+tags", 0.5, 13)
    doc = _doc("Many believe the ceasefire could collapse. The talks ended on Friday.", backend)
    hedges = detect(doc, learned=False)
    try:
        _use_weights(mixed_model)
        m = _models()
        assert m.rnn is not None and m.tag_ngrams and m.mix == 0.5
        for s, u in zip(doc.sentences, uncertainty(doc, hedges), strict=True):
            mine = [h for h in hedges if h.sentence == s.index]
            lr = m.sentence.probability(sentence_features(doc, s, mine, shared=m.shared, tag_ngrams=True))
            q = m.rnn.probabilities([_sentence_tokens(doc, s, mine, m.cue, m.shared)])[0]
            assert u.probability == pytest.approx(0.5 * lr + 0.5 * q, abs=1e-4)
            assert u.uncertain == (m.mixed(lr, q) >= m.threshold)
            assert "BiLSTM p=" in u.evidence
    finally:
        _use_weights(None)
    # The packaged file is the logistic model alone, on word n-grams.
    assert _models().rnn is None and not _models().tag_ngrams
    assert "BiLSTM" not in uncertainty(doc, hedges)[0].evidence


def test_fit_rnn_is_seeded(tmp_path: Path) -> None:
    from geotext.training.hedges import _fit_rnn

    seqs = [
        ([("some", "DET", "O"), ("say", "VERB", "attribution"), ("so", "ADV", "O")], 1),
        ([("it", "PRON", "O"), ("rained", "VERB", "O")], 0),
    ] * 6
    a = _fit_rnn(seqs, 2, 13, 2)
    b = _fit_rnn(seqs, 2, 13, 2)
    sents = [t for t, _ in seqs[:2]]
    assert a.probabilities(sents) == b.probabilities(sents)
    assert a.index["words"] == {"it": 2, "rained": 3, "say": 4, "so": 5, "some": 6}


def test_mixed_dev_only_keeps_the_fit_on_train(tmp_path: Path) -> None:
    from geotext.learn import read_weights
    from geotext.training import hedges as trainer
    from geotext.training import main

    data = _tiny_data(tmp_path)
    grid = trainer._MIX_GRID
    trainer._MIX_GRID = (0.5,)
    try:
        args = ["hedges", "--data", str(data), "--out", str(tmp_path / "dev"), "--backend", "rules"]
        args += ["--cache", str(tmp_path / "c"), "--sentence", "mixed", "--dev-only"]
        assert main(args) == 0
    finally:
        trainer._MIX_GRID = grid
    w = read_weights(tmp_path / "dev" / "hedge_disambiguator.pt")
    sent = w.meta["sentence"]
    assert w.meta["fitted_on"] == "train" and "test_f1" not in sent["scores"]
    assert set(sent["examples"]) == {"train", "dev"} and sent["features"] == "words"
    assert 1 <= sent["rnn"]["epochs"] <= sent["rnn"]["max_epochs"]
    import torch

    assert {v.dtype for k, v in w.tensors.items() if k.startswith("sentence_rnn.net.")} == {torch.float16}
