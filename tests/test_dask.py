"""geotext.dask on a real local Dask cluster: 2 worker processes, rules backend."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import geotext

db = pytest.importorskip("dask.bag", reason="Dask is the [dask] extra")
distributed = pytest.importorskip("distributed", reason="Dask's distributed scheduler is the [dask] extra")
gd = pytest.importorskip("geotext.dask")

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_b5ed231f78873f5b.txt"


def _corpus() -> list[dict[str, Any]]:
    """Sentences of the seed and a few of our own, as separate documents."""
    seed = SEED.read_text(encoding="utf-8")
    paragraphs = [p for p in seed.split("\n") if p.strip()]
    extra = ["", "“We will not give up,” Zelensky said.", "NATO met in Brussels. It is likely to last."]
    return [{"source": f"doc{i:02d}", "text": t} for i, t in enumerate(paragraphs + extra + [seed])]


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    env = {"PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    os.environ.update(env)  # worker processes inherit it
    cluster = distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        worker_dashboard_address=None,
    )
    with distributed.Client(cluster) as c:
        c.register_plugin(gd.worker_plugin("rules"))
        yield c
    cluster.close()


def _expected(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    analyses = geotext.analyze_many([it["text"] for it in items], backend="rules")
    return {it["source"]: a.to_dict() for it, a in zip(items, analyses, strict=True)}


def _by_source(records: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    sources = [r["source"] for r in records]
    assert len(sources) == len(set(sources)), "a document was analysed twice"
    return {r.pop("source"): r for r in records}


def test_bag_on_two_workers_matches_analyze_many(client: Any) -> None:
    items = _corpus()
    bag = db.from_sequence(items, npartitions=5)
    records = gd.analyze_bag(bag, backend="rules", batch_size=3).compute()
    assert _by_source(records) == _expected(items)  # complete, nothing extra, identical
    # Both workers did work, and each built its pipeline once.
    info = client.run(
        lambda: __import__("geotext.backends", fromlist=["x"])._cached_backend.cache_info().misses
    )
    assert len(info) == 2 and all(n == 1 for n in info.values())


def test_dataframe_partitions(client: Any) -> None:
    pd = pytest.importorskip("pandas")
    dd = pytest.importorskip("dask.dataframe")
    items = _corpus()
    pdf = pd.DataFrame({"id": [it["source"] for it in items], "body": [it["text"] for it in items]})
    frame = dd.from_pandas(pdf, npartitions=3)
    records = gd.analyze_frame(frame, text="body", source="id", backend="rules").compute()
    assert _by_source(records) == _expected(items)
    with pytest.raises(geotext.InputError, match="no column 'text'"):
        gd.analyze_frame(frame, backend="rules").compute()


def test_jsonl_per_partition(client: Any, tmp_path: Path) -> None:
    items = _corpus()
    paths = gd.to_jsonl(
        gd.analyze_bag(db.from_sequence(items, npartitions=4), backend="rules"), tmp_path / "out"
    )
    assert [Path(p).name for p in paths] == [f"part-{i:05d}.jsonl" for i in range(4)]
    records = [json.loads(line) for p in paths for line in Path(p).read_text(encoding="utf-8").splitlines()]
    assert _by_source(records) == _expected(items)


def test_files_are_read_on_the_workers(client: Any, tmp_path: Path) -> None:
    items = _corpus()[:4]
    paths = []
    for it in items:
        p = tmp_path / f"{it['source']}.txt"
        p.write_text(it["text"], encoding="utf-8")
        paths.append(str(p))
    records = gd.analyze_bag(gd.from_files(paths, npartitions=2), backend="rules").compute()
    got = _by_source(records)
    want = _expected(items)
    assert {Path(k).stem: v for k, v in got.items()} == want


def test_bad_partition_items() -> None:
    with pytest.raises(geotext.InputError, match="no 'text' key"):
        gd.analyze_partition([{"body": "x"}], backend="rules")
    with pytest.raises(geotext.InputError, match="must be a str"):
        gd.analyze_partition([3], backend="rules")
