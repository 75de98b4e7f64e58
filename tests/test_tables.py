"""Tables (geotext.to_frame, tables.records) and the JSONL writer."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import geotext
from geotext.tables import COLUMNS, KINDS, records

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_b5ed231f78873f5b.txt"


@pytest.fixture(scope="module")
def seed() -> geotext.Analysis:
    return geotext.analyze(SEED.read_text(encoding="utf-8"), backend="rules", date="2022-12-20")


def test_one_row_per_record_with_exact_offsets(seed: geotext.Analysis) -> None:
    text = seed.text
    counts = {
        "quotes": len(seed.quotes),
        "hedges": len(seed.hedges),
        "actors": len(seed.actors),
        "mentions": sum(len(a.mentions) for a in seed.actors),
        "claims": len(seed.claims),
    }
    for kind in KINDS:
        rows = records(seed, kind)
        assert len(rows) == counts[kind] > 0, kind
        assert all(tuple(r) == COLUMNS[kind] for r in rows)
        for r in rows:
            assert r["document"] == 0
            if kind in ("mentions", "actors", "claims") or (kind == "quotes" and r["parts"] == 1):
                assert text[r["start"] : r["end"]] == r["text"], (kind, r)
    for r in records(seed, "quotes"):
        if r["cue"] is not None:
            assert text[r["cue_start"] : r["cue_end"]] == r["cue"]
        if r["speaker"] is not None:
            assert text[r["speaker_start"] : r["speaker_end"]] == r["speaker"]
    estimative = [r for r in records(seed, "hedges") if r["category"] == "estimative"]
    assert estimative and all(0 <= r["probability_low"] < r["probability_high"] <= 1 for r in estimative)


def test_records_from_json_equal_records_from_objects(seed: geotext.Analysis) -> None:
    data = json.loads(seed.to_json())
    for kind in KINDS:
        assert records([data], kind) == records([seed], kind)


def test_document_ids() -> None:
    a = geotext.analyze("Putin spoke.", backend="rules")
    b = geotext.analyze("NATO met.", backend="rules")
    assert [r["document"] for r in records([a, b], "actors")] == [0, 1]
    assert [r["document"] for r in records({"x.txt": a, "y.txt": b}, "actors")] == ["x.txt", "y.txt"]
    saved = [{"source": "p.txt", **a.to_dict()}]
    assert [r["document"] for r in records(saved, "actors")] == ["p.txt"]


def test_to_frame(seed: geotext.Analysis) -> None:
    pd = pytest.importorskip("pandas", reason="pandas is the [frames] extra")
    df = geotext.to_frame([seed, seed], "quotes")
    assert isinstance(df, pd.DataFrame)
    assert list(df.columns) == list(COLUMNS["quotes"])
    assert len(df) == 2 * len(seed.quotes) and set(df["document"]) == {0, 1}
    ids = {a.id for a in seed.actors}
    assert set(df["actor_id"].dropna()) <= ids
    empty = geotext.to_frame(geotext.analyze("", backend="rules"), "hedges")
    assert len(empty) == 0 and list(empty.columns) == list(COLUMNS["hedges"])


def test_to_frame_without_pandas(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now fails
    with pytest.raises(geotext.MissingExtraError, match=r"geotext\[frames\]"):
        geotext.to_frame(geotext.analyze("Hi.", backend="rules"), "quotes")


def test_bad_arguments() -> None:
    a = geotext.analyze("Hi.", backend="rules")
    with pytest.raises(geotext.InputError, match="kind must be one of"):
        records(a, "quote")
    with pytest.raises(geotext.InputError, match="analyses must be"):
        records("text", "quotes")
    with pytest.raises(geotext.InputError, match=r"analyses\[1\]"):
        records([a, "text"], "quotes")


def test_write_jsonl_streams(tmp_path: Path) -> None:
    texts = ["One.", "“No,” Putin said.", "", "It is likely."]
    seen: list[int] = []

    def lazily() -> Iterator[str]:
        for i, t in enumerate(texts):
            seen.append(i)
            yield t

    lines_at: list[int] = []

    class Probe(io.StringIO):
        """Records how many inputs had been read when each line was written."""

        def write(self, s: str) -> int:
            lines_at.append(len(seen))
            return super().write(s)

    out = Probe()
    n = geotext.write_jsonl(geotext.analyze_many(lazily(), backend="rules", batch_size=1), out)
    assert n == 4
    assert lines_at[0] < len(texts)  # the first line went out before the last input was read
    got = [json.loads(x) for x in out.getvalue().splitlines()]
    want = [geotext.analyze(t, backend="rules").to_dict() for t in texts]
    assert [r.pop("source") for r in got] == [0, 1, 2, 3] and got == want
    path = tmp_path / "c.jsonl"
    assert geotext.write_jsonl({"a": geotext.analyze("One.", backend="rules")}, path, words=True) == 1
    rec = json.loads(path.read_text(encoding="utf-8"))
    assert rec["source"] == "a" and rec["sentences"][0]["words"][0]["text"] == "One"
