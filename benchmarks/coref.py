"""Score geotext's actor resolution against the GUM coreference layer (issue 11).

Each GUM document's text goes through :func:`geotext.resolve_actors` (the full
analysis, so a pass that uses quotes counts too); predicted mentions are aligned to
gold mentions by offsets and scored, for gold person / organisation / place
entities that have a proper-name mention earlier in the text:

* **pronoun**: a third-person pronoun (he, she, it, they and their forms) is
  correct when the actor geotext put it in is that entity;
* **description**: a definite or possessive noun phrase ("the mayor", "his
  father"), likewise;
* **name variant**: a later name mention whose form differs from the entity's
  fullest name ("Ilves" after "Hana Ilves") is correct when its actor is the entity
  and that actor also holds a longer name form of it (or is linked to the KB);
* **false merges**: predicted actors whose mentions align to two or more gold
  entities, as a share of predicted actors with at least one aligned mention --
  over name mentions only (names, aliases, abbreviations: two entities fused by
  name) and over all mentions (pronoun and description links included).

Which actor is "the entity": an actor's entity is the gold entity most of its name
mentions align to (all of its mentions when it has no name). A predicted mention
aligns to the smallest gold mention containing it (an adjective or demonym only to a
gold mention of exactly its span: "Australian" in "Australian salt" is not a mention
of Australia in GUM). A gold mention without an
aligned predicted mention counts as wrong (accuracy is over all gold mentions of
the class). See ``geotext/training/_gum.py`` for how mentions are classed.

GUM's texts are tokenised (tokens joined by spaces, e.g. ``daughter 's``); geotext
reads them as they are. Stanza parses are cached (``--cache``) as pickled
documents. The documented split: train on ``gum/train``, report on ``gum/dev``.
Usage::

    python benchmarks/coref.py --backend stanza --cache /work/cache/i11-actors/gum
    python benchmarks/coref.py --backend rules --split dev --details
"""

from __future__ import annotations

import argparse
import pickle
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

import geotext
from geotext.actors import Actor
from geotext.backends import annotate
from geotext.model import Document
from geotext.training._gum import GoldDocument, GoldMention, read_corpus

ROOT = Path(__file__).resolve().parents[1]
_CANDIDATES = (ROOT.parent / "shared", ROOT.parents[1] / "shared", Path("/work/shared"))
DEFAULT_DATA = next((p for p in _CANDIDATES if p.is_dir()), _CANDIDATES[0]) / "data" / "coref" / "gum"
TYPES = ("person", "organization", "place")
CLASSES = ("pronoun", "description", "variant")
_NAME_KINDS = frozenset({"name", "alias", "abbreviation", "metonym"})


def documents(gold: Sequence[GoldDocument], backend: str, cache: Path | None, split: str) -> list[Document]:
    """Annotate the gold texts (or load their cached annotations)."""
    out: list[Document | None] = []
    todo: list[int] = []
    folder = cache / backend / split if cache else None
    for n, g in enumerate(gold):
        path = folder / f"{g.name}.pkl" if folder else None
        if path is not None and path.exists():
            with path.open("rb") as fh:
                out.append(pickle.load(fh))
        else:
            out.append(None)
            todo.append(n)
    for n in todo:
        doc = annotate([gold[n].text], backend=backend)[0]
        out[n] = doc
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
            with (folder / f"{gold[n].name}.pkl").open("wb") as fh:
                pickle.dump(doc, fh)
    return [d for d in out if d is not None]


def _align(gold: GoldDocument, start: int, end: int) -> GoldMention | None:
    """The smallest gold mention containing ``[start, end)``."""
    best: GoldMention | None = None
    for m in gold.mentions:
        if m.start > start:
            break
        if m.end >= end and (best is None or m.end - m.start < best.end - best.start):
            best = m
    return best


class Tally:
    """Correct / total counts per (class, entity type)."""

    def __init__(self) -> None:
        self.counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
        self.merges = {"names": [0, 0], "all": [0, 0]}
        self.errors: list[str] = []

    def add(self, cls: str, kind: str, ok: bool) -> None:
        c = self.counts[(cls, kind)]
        c[0] += ok
        c[1] += 1

    def score(self, cls: str, kind: str | None = None) -> tuple[float, int]:
        keys = [(cls, t) for t in TYPES] if kind is None else [(cls, kind)]
        ok = sum(self.counts[k][0] for k in keys if k in self.counts)
        total = sum(self.counts[k][1] for k in keys if k in self.counts)
        return (ok / total if total else 0.0), total


def _fullness(text: str, m: GoldMention) -> tuple[bool, int]:
    """Rank name forms: a personal name ("Joshua Abraham Norton") before a title with
    "of" ("Emperor of the United States"), then more words."""
    words = text[m.start : m.name_end].split()
    return ("of" not in words, len(words))


def score_document(gold: GoldDocument, actors: Sequence[Actor], tally: Tally, details: bool) -> None:
    """Add one document's figures to ``tally``."""
    text = gold.text
    actor_of: dict[str, Actor] = {}
    aligned: dict[str, list[tuple[GoldMention, str]]] = {}
    predicted_at: dict[str, Actor] = {}  # gold mention key -> actor of its first aligned mention
    for actor in actors:
        pairs = []
        for m in actor.mentions:
            g = _align(gold, m.start, m.end)
            if g is None:
                continue
            if m.evidence.startswith(("adjective", "demonym")) and (g.start, g.end) != (m.start, m.end):
                continue  # "Australian" in "Australian salt" modifies another entity's mention
            pairs.append((g, m.kind))
            previous = predicted_at.get(g.key)
            if previous is None or m.kind in _NAME_KINDS:
                predicted_at[g.key] = actor
        aligned[actor.id] = pairs
        actor_of[actor.id] = actor
    entity_of: dict[str, int] = {}
    for actor_id, pairs in aligned.items():
        votes = Counter(g.entity for g, kind in pairs if kind in _NAME_KINDS) or Counter(
            g.entity for g, _ in pairs
        )
        if votes:
            entity_of[actor_id] = votes.most_common(1)[0][0]
        for which, kinds in (("names", _NAME_KINDS), ("all", None)):
            entities = {g.entity for g, kind in pairs if kinds is None or kind in kinds}
            if entities:
                tally.merges[which][1] += 1
                tally.merges[which][0] += len(entities) > 1
                if details and len(entities) > 1 and which == "names":
                    forms = sorted({text[g.start : g.name_end] for g, kind in pairs if kind in _NAME_KINDS})
                    tally.errors.append(f"{gold.name}\tmerge\t{actor_id}\t{forms}")
    types = {m.entity: gold.entity_type(m.entity) for m in gold.mentions}
    names: dict[int, list[GoldMention]] = defaultdict(list)
    for m in gold.mentions:
        if m.cls == "name":
            names[m.entity].append(m)
    fullest = {e: max(ms, key=lambda m: _fullness(text, m)) for e, ms in names.items()}
    for m in gold.mentions:
        kind = types[m.entity]
        earlier = [n for n in names.get(m.entity, ()) if n.start < m.start and n is not m]
        if kind not in TYPES or not earlier:
            continue
        full = fullest[m.entity]
        if m.cls == "name":
            form = text[m.start : m.name_end].casefold()
            if form == text[full.start : full.name_end].casefold():
                continue
            cls = "variant"
        elif m.cls in ("pronoun", "description"):
            cls = m.cls
        else:
            continue
        actor = predicted_at.get(m.key)
        ok = actor is not None and entity_of.get(actor.id) == m.entity
        if ok and cls == "variant" and actor is not None and actor.record is None:
            # joined to a fuller name form of the entity, not merely to itself
            ok = any(
                g.entity == m.entity and g.name_end - g.start > m.name_end - m.start
                for g, _ in aligned[actor.id]
            )
        tally.add(cls, kind, ok)
        if details and not ok:
            got = f"{actor.id} ({actor.name})" if actor else "-"
            want = text[full.start : full.name_end]
            tally.errors.append(
                f"{gold.name}\t{cls}\t{kind}\t{text[m.start : m.end]!r} -> {got}; gold {want!r}"
            )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the gum directory (train/, dev/)")
    parser.add_argument("--split", default="dev", choices=("dev", "train"))
    parser.add_argument("--backend", default="stanza", choices=("stanza", "rules"))
    parser.add_argument("--cache", type=Path, default=None, help="directory to keep annotated documents in")
    parser.add_argument("--details", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    folder = args.data / args.split
    if not folder.is_dir():
        print(f"no GUM data at {folder}; pass --data DIR", file=sys.stderr)
        return 2
    gold = read_corpus(folder)
    started = time.perf_counter()
    docs = documents(gold, args.backend, args.cache, args.split)
    tally = Tally()
    for g, doc in zip(gold, docs, strict=True):
        score_document(g, geotext.resolve_actors(doc), tally, args.details)
    elapsed = time.perf_counter() - started
    print(f"GUM {args.split}, {len(gold)} documents, backend {args.backend} ({elapsed:.0f} s)")
    print(f"{'class':<12} {'all':>12} " + " ".join(f"{t:>14}" for t in TYPES))
    for cls in CLASSES:
        row = [f"{cls:<12}"]
        acc, n = tally.score(cls)
        row.append(f"{acc:6.3f} ({n:3d})")
        for t in TYPES:
            acc, n = tally.score(cls, t)
            row.append(f"  {acc:6.3f} ({n:4d})")
        print(" ".join(row))
    for which, (bad, total) in tally.merges.items():
        share = bad / total if total else 0.0
        print(f"false merges ({which} mentions): {bad}/{total} predicted actors = {share:.1%}")
    if args.details:
        print("\n".join(tally.errors))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
