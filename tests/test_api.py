"""Bad and unusual input: a clear exception or a correct result, never a deep traceback."""

from __future__ import annotations

import datetime
import json

import pytest

import geotext
from geotext import InputError


@pytest.mark.parametrize("bad", [None, b"bytes", bytearray(b"x"), 42, ["a list"], object()])
def test_non_str_input_is_rejected_clearly(bad: object) -> None:
    with pytest.raises(InputError, match="must be str"):
        geotext.analyze(bad, backend="rules")  # type: ignore[arg-type]


def test_bytes_message_says_how_to_fix() -> None:
    with pytest.raises(TypeError, match=r"decode it first"):
        geotext.analyze(b"\xff\xfe", backend="rules")  # type: ignore[arg-type]


@pytest.mark.parametrize("backend", ["rules", pytest.param("stanza", marks=pytest.mark.stanza)])
@pytest.mark.parametrize("text", ["", "   ", "\n\n\t \u00a0\u200b"])
def test_empty_and_whitespace_give_empty_results(text: str, backend: str) -> None:
    a = geotext.analyze(text, backend=backend)
    assert a.sentences == ()
    d = a.to_dict()
    assert d["sentences"] == [] and d["quotes"] == [] and d["hedges"] == [] and d["actors"] == []


@pytest.mark.parametrize("backend", ["rules", pytest.param("stanza", marks=pytest.mark.stanza)])
@pytest.mark.parametrize(
    "text",
    [
        "Putin\x00met\x00Lukashenko.\x00",  # NUL bytes
        "قال الرئيس إن المحادثات كانت مثمرة. Putin agreed.",  # RTL Arabic + Latin
        "הוא אמר שהשיחות היו טובות.",  # Hebrew
        "普京与卢卡申科在明斯克会面。他们讨论了合作。",  # CJK
        "“Unbalanced quote. He said ‘partly” and «never.",  # unbalanced marks
        "Mixed Кремль and 中国 and Ελλάδα in one line!",
        "\ufeffBOM first. \udcff lone surrogate.",
        "a" * 5000,  # one enormous token
    ],
)
def test_odd_text_keeps_exact_offsets(text: str, backend: str) -> None:
    a = geotext.analyze(text, backend=backend)
    for s in a.sentences:
        assert text[s.start : s.end] == s.text
        for w in s.words:
            assert text[w.start : w.end] == w.text
    json.loads(a.to_json())  # serialisable, whatever the input
    visible = [c for c in text if not c.isspace() and c not in "\x00\ufeff\udcff"]
    covered = "".join(t.text for s in a.sentences for t in s.tokens)
    assert sorted(c for c in covered if not c.isspace()) == sorted(visible)


def test_five_megabyte_text_rules_backend() -> None:
    para = "Russian President Vladimir Putin said on Monday that talks “went well”. "
    text = (para * 12 + "\n\n") * (5_000_000 // (len(para) * 12 + 2) + 1)
    assert len(text) >= 5_000_000
    a = geotext.analyze(text, backend="rules")
    assert len(a.sentences) >= 60_000
    last = a.sentences[-1]
    assert text[last.start : last.end] == last.text
    assert last.end == len(text.rstrip())


def test_dates() -> None:
    a = geotext.analyze("Text.", backend="rules", date="2024-05-07")
    assert a.document.date == datetime.date(2024, 5, 7)
    assert geotext.analyze("Text.", backend="rules", date=datetime.datetime(2020, 1, 2, 3)).document.date == (
        datetime.date(2020, 1, 2)
    )
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        geotext.analyze("Text.", backend="rules", date="20/01/2024")
    with pytest.raises(InputError, match="date must be"):
        geotext.analyze("Text.", backend="rules", date=20240101)  # type: ignore[arg-type]


def test_analyze_many_order_dates_and_bad_items() -> None:
    items = ["One. Two.", ("Three.", "2023-01-01"), ""]
    out = list(geotext.analyze_many(items, backend="rules", batch_size=2, date="2022-02-02"))
    assert [len(a.sentences) for a in out] == [2, 1, 0]
    assert [a.document.date for a in out] == [
        datetime.date(2022, 2, 2),
        datetime.date(2023, 1, 1),
        datetime.date(2022, 2, 2),
    ]
    with pytest.raises(InputError, match=r"texts\[1\] must be str"):
        list(geotext.analyze_many(["ok", None], backend="rules"))  # type: ignore[list-item]
    with pytest.raises(InputError, match="not a single str"):
        list(geotext.analyze_many("one article", backend="rules"))
    with pytest.raises(InputError, match="batch_size"):
        list(geotext.analyze_many(["ok"], backend="rules", batch_size=0))


def test_analyze_many_worker_processes_match_serial() -> None:
    texts = [f"Sentence {i}. Another one." for i in range(10)]
    serial = [a.to_dict() for a in geotext.analyze_many(texts, backend="rules")]
    parallel = [a.to_dict() for a in geotext.analyze_many(texts, backend="rules", n_process=2, batch_size=3)]
    assert parallel == serial


@pytest.mark.stanza
def test_analyze_many_stanza_batches_match_single(seed_text: str) -> None:
    texts = [seed_text[:600], "Kremlin spokesman Dmitry Peskov said talks went well.", seed_text[600:1300]]
    batch = [a.document for a in geotext.analyze_many(texts, batch_size=3)]
    single = [geotext.analyze(t).document for t in texts]
    assert [[w.form for s in d.sentences for w in s.words] for d in batch] == [
        [w.form for s in d.sentences for w in s.words] for d in single
    ]


def test_json_layout() -> None:
    a = geotext.analyze("Hello world. Bye.", backend="rules", date="2024-01-01")
    d = a.to_dict(words=True)
    assert d["schema"] == geotext.SCHEMA
    assert {"quotes", "hedges", "actors", "sentences"} <= set(d)
    assert d["date"] == "2024-01-01"
    s0 = d["sentences"][0]
    assert (s0["text"], s0["start"], s0["end"]) == ("Hello world.", 0, 12)
    assert [w["text"] for w in s0["words"]] == ["Hello", "world", "."]
    assert json.loads(a.to_json(words=True)) == d


def test_import_geotext_does_not_import_torch() -> None:
    import subprocess
    import sys

    code = "import geotext, sys; geotext.analyze('A b.', backend='rules'); print('torch' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_capability_functions_reuse_or_redo_an_analysis() -> None:
    text = "The Russian President said that talks failed."
    a = geotext.analyze(text, backend="rules", date="2024-06-01")
    assert geotext.extract_quotes(a) == list(a.quotes)
    now = [x.id for x in geotext.resolve_actors(a)]
    then = [x.id for x in geotext.resolve_actors(a, date="2010-01-01")]
    assert "person:vladimir-putin" in now and "person:vladimir-putin" not in then
    assert "person:dmitry-medvedev" in then


def test_quote_method_is_checked_and_recorded() -> None:
    with pytest.raises(geotext.InputError, match=r"^method must be one of"):
        geotext.analyze("A b.", backend="rules", method="crf")  # type: ignore[arg-type]
    with pytest.raises(geotext.InputError, match=r"^method must be one of"):
        list(geotext.analyze_many(["A b."], backend="rules", method=3))  # type: ignore[arg-type]
    a = geotext.analyze("“We will win,” the minister said.", backend="rules", method="rules")
    assert a.quote_method == "rules" and a.to_dict()["quote_method"] == "rules"
    assert geotext.extract_quotes(a) == list(a.quotes)
    with pytest.raises(geotext.InputError, match=r"^method must be one of"):
        geotext.extract_quotes(a, method="best")  # type: ignore[arg-type]
