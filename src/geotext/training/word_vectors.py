"""Build the pruned word-vector table geotext ships (``data/models/glove50_v1.pt``).

Command::

    python -m geotext.training word_vectors --glove STANZA_DIR/en/pretrain/glove50.pt \\
        --data ../shared/data/polnear/train --out DIR --top 20000

Reads a stanza pretrain file (``{"vocab": {"_id2unit": [...]}, "emb": tensor}``, read
with ``torch.load(weights_only=True)``; stanza's ``glove50`` is GloVe 6B 50d,
lower-cased, its 150,000 most frequent words) and keeps the words of the PolNeAR
train articles (0-680, the rules backend's tokens, lower-cased) that have a vector,
plus the ``--top`` most frequent words of the file (its rows are in frequency order);
dev and held-out articles are not read. Vectors are stored as float16, with the
source, licence and pruning in the metadata and a provenance note
(``<name>.md``) next to the file. ``--seed`` is accepted for the common trainer
interface; nothing here is random.
"""

from __future__ import annotations

import argparse
import datetime
from collections import Counter
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from geotext.training.polnear import load_corpus, split

if TYPE_CHECKING:
    import torch

__all__ = ["LICENCE", "SOURCE", "add_arguments", "prune", "run"]

SOURCE = (
    "GloVe 6B 50d (Pennington, Socher & Manning 2014, https://nlp.stanford.edu/projects/glove/, "
    "glove.6B.zip: Wikipedia 2014 + Gigaword 5, 400k lower-cased words), as the 150,000 most frequent "
    "words of stanza's English pretrain file en/pretrain/glove50.pt"
)
LICENCE = (
    "PDDL-1.0 (Open Data Commons Public Domain Dedication and License; "
    "https://opendatacommons.org/licenses/pddl/1-0/), as stated on the GloVe project page"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the builder's options to ``parser``."""
    parser.add_argument("--glove", type=Path, required=True, help="stanza pretrain file (glove50.pt)")
    parser.add_argument("--data", type=Path, required=True, help="PolNeAR train directory")
    parser.add_argument("--out", type=Path, required=True, help="where to write the table and its note")
    parser.add_argument("--name", default="glove50_v1", help="file stem")
    parser.add_argument("--top", type=int, default=20000, help="most frequent words kept besides train")
    parser.add_argument("--cache", type=Path, default=None, help="directory of parsed documents")
    parser.add_argument("--seed", type=int, default=12, help="unused (nothing is random)")


def _train_words(data: Path, cache: Path | None) -> Counter[str]:
    from geotext.training.quotes import _documents

    train = split(load_corpus(data))["train"]
    return Counter(w.form.lower() for _, doc in _documents(train, "rules", cache) for _, w in doc.words)


def prune(
    vocab: Sequence[str], emb: torch.Tensor, train: Collection[str], top: int
) -> tuple[list[str], torch.Tensor]:
    """The words kept and their float16 vectors, in the source's row order: the ``top``
    first words of ``vocab`` (stanza's special rows ``<PAD>``, ``<UNK>``... left out)
    and every word of ``train`` that has a row.

    Example:
        >>> import torch
        >>> words, vecs = prune(["<PAD>", "the", "said", "zika"], torch.ones(4, 2), {"zika", "covfefe"}, 1)
        >>> words, vecs.dtype
        (['the', 'zika'], torch.float16)
    """
    import torch

    rows = [i for i, w in enumerate(vocab) if not (w.startswith("<") and w.endswith(">") and i < 4)]
    first = set(rows[:top])
    keep = [i for i in rows if i in first or vocab[i] in train]
    words = [vocab[i] for i in keep]
    if any("\n" in w or not w for w in words):
        raise ValueError("a word is empty or holds a line break")
    return words, emb[torch.tensor(keep, dtype=torch.long)].to(torch.float16)


def run(args: argparse.Namespace) -> int:
    """Prune the table, write ``<name>.pt`` and ``<name>.md`` to ``--out``."""
    import hashlib

    import torch

    from geotext.learn.weights import save_weights, string_table

    raw = args.glove.read_bytes()
    md5 = hashlib.md5(raw).hexdigest()  # identifies the file, as stanza's resources.json does
    pretrain = torch.load(args.glove, map_location="cpu", weights_only=True)
    vocab: list[str] = list(pretrain["vocab"]["_id2unit"])
    emb: torch.Tensor = pretrain["emb"]
    counts = _train_words(args.data, args.cache)
    words, vectors = prune(vocab, emb, counts, args.top)
    kept = set(words)
    covered = sum(c for w, c in counts.items() if w in kept)
    meta = {
        "model": "word_vectors",
        "name": args.name,
        "source": SOURCE,
        "licence": LICENCE,
        "source_file_md5": md5,
        "dim": int(emb.shape[1]),
        "words": len(words),
        "pruning": (
            f"the {args.top} most frequent words of the file plus every word of PolNeAR train articles "
            "0-680 (rules-backend tokens, lower-cased) that has a vector; float16"
        ),
        "train_token_coverage": round(covered / max(1, sum(counts.values())), 4),
        "date": datetime.date.today().isoformat(),
    }
    tensors = {
        "words": string_table(words),
        "vectors": vectors,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    path = save_weights(args.out / f"{args.name}.pt", tensors, meta)
    note = [
        f"# {args.name}.pt: pruned pretrained word vectors",
        "",
        f"- Source: {SOURCE} (md5 {md5}).",
        f"- Licence: {LICENCE}. Compatible with geotext's MIT licence; no attribution required,",
        "  given here as a courtesy: Jeffrey Pennington, Richard Socher and Christopher D. Manning,",
        "  GloVe: Global Vectors for Word Representation, EMNLP 2014.",
        f"- Pruning: {meta['pruning']}; {len(words)} words x {meta['dim']} dimensions "
        f"({100 * float(meta['train_token_coverage']):.1f}% of train tokens covered).",
        f"- Built {meta['date']} by `python -m geotext.training word_vectors --top {args.top}`.",
        "- Used by the BiLSTM-CRF quote taggers (docs/cards/quote_bilstm.rst); row order as in the source.",
    ]
    (args.out / f"{args.name}.md").write_text("\n".join(note) + "\n", encoding="utf-8")
    print("\n".join(note), flush=True)
    print(f"wrote {path} ({path.stat().st_size // 1024} KiB)", flush=True)
    return 0
