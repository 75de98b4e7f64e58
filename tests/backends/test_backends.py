from __future__ import annotations

import os
from pathlib import Path

import pytest

import geotext
from geotext.backends import _chunks, annotate, get_backend
from geotext.backends._stanza import resolve_models_dir
from geotext.errors import BackendError, ModelNotFoundError

MODELS = os.environ.get("GEOTEXT_STANZA_DIR", "")


def _check_offsets(doc: geotext.Document) -> None:
    for s in doc.sentences:
        assert doc.text[s.start : s.end] == s.text
        for t in s.tokens:
            assert doc.text[t.start : t.end] == t.text
            for w in t.words:
                assert doc.text[w.start : w.end] == w.text
        for e in s.entities:
            assert doc.text[e.start : e.end] == e.text
            assert s.start <= e.start <= e.end <= s.end


@pytest.mark.stanza
def test_stanza_seed_sentences_and_offsets(seed_doc: geotext.Document) -> None:
    assert 17 <= len(seed_doc.sentences) <= 23
    assert seed_doc.has_parse and seed_doc.has_ner
    _check_offsets(seed_doc)
    roots = [w for s in seed_doc.sentences for w in s.words if w.head == 0]
    assert len(roots) == len(seed_doc.sentences)


@pytest.mark.stanza
def test_stanza_multiword_tokens_get_word_offsets(seed_doc: geotext.Document) -> None:
    tok = next(t for s in seed_doc.sentences for t in s.tokens if t.text == "Putin’s")
    assert [(w.text, w.form) for w in tok.words] == [("Putin", "Putin"), ("’s", "'s")]


@pytest.mark.stanza
def test_stanza_sees_repaired_glued_words(seed_doc: geotext.Document) -> None:
    words = [w.text for s in seed_doc.sentences for w in s.words]
    i = words.index("Studies")
    assert words[i - 3 : i + 2] == ["Institute", "for", "War", "Studies", "Lukashenko"]


@pytest.mark.stanza
def test_stanza_chunking_keeps_offsets(monkeypatch: pytest.MonkeyPatch, seed_text: str) -> None:
    import geotext.backends as backends

    monkeypatch.setattr(backends, "MAX_CHUNK", 600)
    doc = annotate([seed_text], backend="stanza")[0]
    _check_offsets(doc)
    assert 17 <= len(doc.sentences) <= 26


def test_rules_backend_on_seed(seed_text: str) -> None:
    doc = annotate([seed_text], backend="rules")[0]
    assert not doc.has_parse and not doc.has_ner
    assert 15 <= len(doc.sentences) <= 23
    _check_offsets(doc)
    words = [w.text for s in doc.sentences for w in s.words]
    assert "Lukashenko" in words and "Studies" in words


def test_rules_backend_abbreviations_and_clitics() -> None:
    doc = annotate(["Mr. Putin met U.S. officials. He doesn't agree. Next one."], backend="rules")[0]
    assert [s.text for s in doc.sentences] == [
        "Mr. Putin met U.S. officials.",
        "He doesn't agree.",
        "Next one.",
    ]
    assert [w.text for w in doc.sentences[1].words] == ["He", "does", "n't", "agree", "."]
    # An abbreviation keeps its full stop, as stanza's tokenizer has it.
    assert [w.text for w in doc.sentences[0].words][:2] == ["Mr.", "Putin"]


def test_rules_backend_abbreviation_before_speaker_name() -> None:
    (quote,) = geotext.extract_quotes("“We will not give up,” Mr. Obama said.", backend="rules")
    assert quote.source is not None and quote.source.text == "Mr. Obama"


def test_unknown_backend() -> None:
    with pytest.raises(BackendError, match="choose one of stanza, rules"):
        get_backend("spacy")


def test_model_dir_resolution_order(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    if not MODELS:
        pytest.fail("GEOTEXT_STANZA_DIR must point at the shared models for this test")
    monkeypatch.setenv("GEOTEXT_STANZA_DIR", MODELS)
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path / "other"))
    assert resolve_models_dir() == (Path(MODELS), False)
    assert resolve_models_dir(MODELS) == (Path(MODELS), False)
    with pytest.raises(ModelNotFoundError):
        resolve_models_dir(tmp_path / "argument-wins")
    monkeypatch.delenv("GEOTEXT_STANZA_DIR")
    with pytest.raises(ModelNotFoundError, match=r"\$STANZA_RESOURCES_DIR"):
        resolve_models_dir()
    monkeypatch.delenv("STANZA_RESOURCES_DIR")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert resolve_models_dir() == (tmp_path / "stanza_resources", True)


def test_missing_and_incomplete_model_dirs(tmp_path: Path) -> None:
    with pytest.raises(ModelNotFoundError, match="does not exist") as exc:
        geotext.analyze("Text.", models=tmp_path / "nope")
    assert exc.value.directory == str(tmp_path / "nope")
    (tmp_path / "resources.json").write_text("{}")
    (tmp_path / "en" / "tokenize").mkdir(parents=True)
    (tmp_path / "en" / "tokenize" / "combined.pt").write_bytes(b"")
    with pytest.raises(ModelNotFoundError, match="has no pos, lemma, depparse, ner"):
        geotext.analyze("Text.", models=tmp_path)


def test_default_dir_without_network_fails_fast(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import geotext.backends._stanza as st

    monkeypatch.delenv("GEOTEXT_STANZA_DIR", raising=False)
    monkeypatch.delenv("STANZA_RESOURCES_DIR", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setattr(st, "_network_reachable", lambda *a, **k: False)
    with pytest.raises(ModelNotFoundError, match="not reachable"):
        geotext.analyze("Text.")


def test_chunks_prefer_paragraphs_then_sentences() -> None:
    text = "A" * 50 + ".\n\n" + "B b. " * 30
    spans = _chunks(text, 80)
    assert spans[0] == (0, 53)
    assert "".join(text[s:e] for s, e in spans) == text
    assert all(e - s <= 80 for s, e in spans)
    assert _chunks("x" * 200, 80) == [(0, 80), (80, 160), (160, 200)]
