"""Actor resolution: KB load time, resolver throughput and peak memory.

Usage::

    python benchmarks/actors.py [--mb 2] [--stanza-docs 0] [--cameo]
                                [--gum rules|stanza] [--gum-cache DIR]

Figures printed:

* KB load: the shipped YAML files parsed, pycountry merged, governments derived
  (cold, caches cleared), then the gazetteer automaton and fuzzy indexes built;
* resolver alone: mentions/second and MB/second of :func:`geotext.actors.resolve`
  on a large text already annotated by the rules backend (annotation not timed).
  The text is the PolNeAR training articles read in place from
  ``../shared/data/polnear`` (US election news) when present, else the seed
  article, joined and repeated up to ``--mb`` megabytes;
* optionally the same on ``--stanza-docs`` stanza-annotated articles (NER and
  parse: more candidates, subjects from the parse), and a merge of the Phoenix
  CAMEO dictionaries (``--cameo``, read in place);
* peak traced Python memory of each step (tracemalloc) and the process's peak RSS;
* with ``--gum BACKEND``, entity linking on GUM (``../shared/data/coref/gum``, train
  and dev, read in place; never trained on by the KB): for the named mentions of
  people, organisations and places that carry an English Wikipedia title (GUM's
  ``identity`` column), KB coverage (the title names a KB record) and the share
  linked to the right record, overall and for the titles the KB covers. A title
  names a record when, decoded, with underscores as spaces and its disambiguator
  (", Oklahoma", " (musician)") removed, or in full but for a parenthesised
  disambiguator ("Washington, D.C."), it equals the record's name or an alias
  after normalisation, or when it is the record's ``wikipedia`` title (shipped for
  the people matched to EveryPolitician data). When a comma disambiguator names a
  KB state or place ("Savannah, Georgia", "Mérida, Yucatán"), a record named by the
  name part counts only if it lies in that place (its country or a ``parent`` on
  the way up), so a Ghanaian "Savannah" region is not the Georgian city's title. Stanza parses are cached as pickles with ``--gum-cache``.
"""

from __future__ import annotations

import argparse
import datetime
import os
import resource
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_b5ed231f78873f5b.txt"
SHARED = ROOT.parent / "shared"
POLNEAR = SHARED / "data" / "polnear" / "train" / "text"
PHOENIX = SHARED / "data" / "phoenix"
T = TypeVar("T")


def measure(label: str, fn: Callable[[], T], *, trace: bool = False) -> tuple[T, float]:
    """Run ``fn`` once and print its wall time; with ``trace``, run it again under
    tracemalloc (which slows Python down severalfold) for its peak memory."""
    t0 = time.perf_counter()
    result = fn()
    elapsed = time.perf_counter() - t0
    extra = ""
    if trace:
        tracemalloc.start()
        fn()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        extra = f"   peak {peak / 2**20:7.1f} MiB"
    print(f"{label:<48} {elapsed:8.3f} s{extra}")
    return result, elapsed


def corpus(megabytes: float) -> list[str]:
    """Articles (PolNeAR if present, else the seed) repeated to the size asked."""
    if POLNEAR.is_dir():
        articles = [p.read_text(encoding="utf-8") for p in sorted(POLNEAR.glob("*.txt"))]
    else:
        articles = [SEED.read_text(encoding="utf-8")]
    out: list[str] = []
    size = 0
    while size < megabytes * 1e6:
        for a in articles:
            out.append(a)
            size += len(a)
            if size >= megabytes * 1e6:
                break
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, default=2.0, help="size of the rules-backend text")
    ap.add_argument("--stanza-docs", type=int, default=0, help="stanza-annotated articles")
    ap.add_argument("--cameo", action="store_true", help="also merge the Phoenix dictionaries")
    ap.add_argument("--gum", choices=("rules", "stanza"), help="also score entity linking on GUM")
    ap.add_argument("--gum-cache", type=Path, help="keep GUM annotations here (pickles)")
    ap.add_argument("--gum-splits", default="train,dev", help="GUM parts to score (comma-separated)")
    args = ap.parse_args()

    from geotext import data
    from geotext.actors import KnowledgeBase, load_cameo, resolve
    from geotext.actors import kb as kb_module
    from geotext.actors.fuzzy import match_person
    from geotext.actors.gazetteer import Gazetteer
    from geotext.backends import annotate
    from geotext.data import load_yaml

    def cold_load() -> KnowledgeBase:
        # getattr: the script also measures older checkouts (before/after figures).
        for cached in (load_yaml, getattr(data, "load_json", None), getattr(kb_module, "_handwritten", None)):
            if cached is not None:
                cached.cache_clear()
        kb_module._default.cache_clear()
        return KnowledgeBase.default()

    kb, _ = measure("KB load, cold (YAML + JSON + pycountry + derived)", cold_load, trace=True)
    gazetteer, _ = measure("gazetteer automaton build", lambda: Gazetteer.build(kb), trace=True)
    measure("fuzzy index build", lambda: match_person(["x", "y"], kb))
    people = sum(1 for r in kb if r.type == "person")
    qids = sum(1 for r in kb if r.wikidata)
    print(
        f"KB: {len(kb)} actors ({people} people, {qids} with a Wikidata id), {len(gazetteer)} gazetteer keys"
    )

    texts = corpus(args.mb)
    source = "PolNeAR train" if POLNEAR.is_dir() else "seed"
    # One large document: many articles joined by blank lines.
    big = "\n\n".join(texts)
    [doc] = annotate([big], backend="rules", date=datetime.date(2016, 11, 1))
    Gazetteer.for_kb(kb)  # built once per KB, as in use
    actors, elapsed = measure(
        f"resolve, rules, {len(big) / 1e6:.2f} MB ({source})", lambda: resolve(doc, kb=kb), trace=True
    )
    mentions = sum(len(a.mentions) for a in actors)
    print(
        f"  {mentions} mentions of {len(actors)} actors: {mentions / elapsed:,.0f} mentions/s, "
        f"{len(big) / 1e6 / elapsed:.2f} MB/s"
    )

    if args.stanza_docs:
        os.environ.setdefault("GEOTEXT_STANZA_DIR", str(SHARED / "stanza_resources"))
        docs = annotate(texts[: args.stanza_docs], backend="stanza", date=datetime.date(2016, 11, 1))

        def run_all() -> int:
            return sum(len(a.mentions) for d in docs for a in resolve(d, kb=kb))

        count, elapsed = measure(f"resolve, stanza, {len(docs)} articles", run_all)
        chars = sum(len(d.text) for d in docs)
        print(f"  {count} mentions: {count / elapsed:,.0f} mentions/s, {chars / 1e6 / elapsed:.2f} MB/s")

    if args.cameo and PHOENIX.is_dir():
        files = sorted(PHOENIX.glob("*.actors.txt"))
        cameo, _ = measure("CAMEO import (Phoenix actor files)", lambda: load_cameo(*files))
        merged, _ = measure("merge into the shipped KB", lambda: kb.merge(cameo))
        measure("gazetteer build, merged KB", lambda: Gazetteer.for_kb(merged))  # cached for the run
        _, elapsed = measure("resolve, rules, merged KB", lambda: resolve(doc, kb=merged))
        print(f"  merged KB: {len(merged)} actors")

    if args.gum:
        gum_linking(kb, args.gum, args.gum_cache, tuple(args.gum_splits.split(",")))

    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    return 0


def title_key(title: str, *, comma: bool = True) -> str:
    """A GUM identity (Wikipedia title) as a name: decoded, spaces, no disambiguator
    (with ``comma``, also none after a comma: "Tulsa, Oklahoma" is Tulsa, but
    "Washington, D.C." is also a name in full).

    >>> title_key("Tulsa%2C_Oklahoma"), title_key("Prince_%28musician%29")
    ('Tulsa', 'Prince')
    >>> title_key("Washington%2C_D.C.", comma=False)
    'Washington, D.C.'
    """
    import re
    from urllib.parse import unquote

    text = unquote(title).replace("_", " ")
    text = re.sub(r"\s*\([^)]*\)$", "", text)
    return text.split(", ")[0].strip() if comma else text.strip()


def gum_linking(
    kb: object, backend: str, cache: Path | None, splits: tuple[str, ...] = ("train", "dev")
) -> None:
    """Print KB coverage and linking accuracy of GUM's titled named mentions."""
    import re
    import sys
    from collections import Counter
    from urllib.parse import unquote

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from coref import DEFAULT_DATA, documents  # the GUM annotation cache of benchmarks/coref.py

    from geotext.actors import KnowledgeBase, resolve
    from geotext.actors.normalize import normalize
    from geotext.training._gum import read_corpus

    assert isinstance(kb, KnowledgeBase)
    if not DEFAULT_DATA.is_dir():
        print(f"GUM data not found at {DEFAULT_DATA}: linking skipped")
        return
    forms: dict[str, set[str]] = {}
    for record in kb:
        for form in (record.name, *record.aliases):
            forms.setdefault(normalize(form), set()).add(record.id)
    titles: dict[str, set[str]] = {}
    for record in kb:
        if record.wikipedia:
            titles.setdefault(record.wikipedia, set()).add(record.id)
    places = {r.id: r for r in kb if r.type in ("state", "place")}

    def inside(rid: str, area: str) -> bool:
        """Whether KB record ``rid`` lies in the state or place ``area`` (its country's
        state, or a ``parent`` on its way up)."""
        record, seen = kb.get(rid), set()
        if record is None:
            return False
        area_record = places[area]
        if area_record.type == "state" and record.country and record.country == area_record.iso3:
            return True
        while record is not None and record.parent and record.parent not in seen:
            if record.parent == area:
                return True
            seen.add(record.parent)
            record = kb.get(record.parent)
        return False

    def within(ids: set[str], title: str) -> set[str]:
        """Of the records a title's name part names, those in the place its comma
        disambiguator names ("Savannah, Georgia" is no Ghanaian region, "Mérida,
        Yucatán" not Venezuela's); all of them when no qualifier names a KB place."""
        parts = unquote(title).replace("_", " ").split(", ")[1:]
        areas = {
            a for q in parts for a in forms.get(normalize(re.sub(r"\s*\(.*\)$", "", q)), ()) if a in places
        }
        if not areas:
            return ids
        return {i for i in ids if any(i == a or inside(i, a) for a in areas)}

    total, covered, linked, linked_all, wrong = Counter(), Counter(), Counter(), Counter(), Counter()
    t0 = time.perf_counter()
    for split in splits:
        gold = read_corpus(DEFAULT_DATA / split)
        docs = documents(gold, backend, cache, split)
        for g, doc in zip(gold, docs, strict=True):
            spans = [
                (m.start, m.end, a.record.id) for a in resolve(doc, kb=kb) if a.record for m in a.mentions
            ]
            for m in g.mentions:
                if m.cls != "name" or not m.identity or m.type not in ("person", "organization", "place"):
                    continue
                end = m.name_end or m.end
                right = within(forms.get(normalize(title_key(m.identity)), set()), m.identity)
                right = right | forms.get(normalize(title_key(m.identity, comma=False)), set())
                right = right | titles.get(unquote(m.identity).replace("_", " "), set())
                got = {rid for s, e, rid in spans if s < end and e > m.start}
                total[m.type] += 1
                covered[m.type] += bool(right)
                hit = bool(got & right)
                linked_all[m.type] += hit
                if right:
                    linked[m.type] += hit
                    wrong[m.type] += bool(got) and not hit
    print(f"GUM entity linking ({backend}; {'+'.join(splits)}, {time.perf_counter() - t0:.1f} s)")
    print(
        f"{'type':<14}{'titled':>8}{'in KB':>8}{'coverage':>10}{'linked|KB':>11}{'wrong|KB':>10}{'linked':>8}"
    )
    for kind in (*sorted(total), "all"):
        n = sum(total.values()) if kind == "all" else total[kind]
        c = sum(covered.values()) if kind == "all" else covered[kind]
        ok = sum(linked.values()) if kind == "all" else linked[kind]
        bad = sum(wrong.values()) if kind == "all" else wrong[kind]
        every = sum(linked_all.values()) if kind == "all" else linked_all[kind]
        print(
            f"{kind:<14}{n:>8}{c:>8}{c / max(n, 1):>10.3f}{ok / max(c, 1):>11.3f}{bad / max(c, 1):>10.3f}"
            f"{every / max(n, 1):>8.3f}"
        )


if __name__ == "__main__":
    raise SystemExit(main())
