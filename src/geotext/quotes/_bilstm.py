"""A BiLSTM-CRF quote tagger: the CRF's feature strings, embedded, plus a character CNN.

Trained on PolNeAR by ``python -m geotext.training quotes_bilstm`` (model card
``docs/cards/quote_bilstm.rst``). Each word's input is the sum of
the embeddings of its feature strings (the same strings the feature CRF reads:
form, lemma, UPOS, deprel, relation to the nearest lexicon cue, inside quote marks,
the rules' decision...; see :mod:`._features`) next to a character CNN over its
form and, for a model trained with them, the word's frozen pretrained vector (a
table of :mod:`geotext.learn.vectors`, named in the model's metadata); a
bidirectional LSTM (one layer or more) reads the paragraph and a linear layer gives
each word's tag scores. Tags and marginals come from the same linear-chain
decoding as the feature CRF (Viterbi and forward-backward, numpy), so the rest of
the combine step (:func:`._tagger.combine`) does not know which tagger it has.

The model file (``data/models/quote_bilstm_<backend>.pt``) holds the tensors of the
network, the feature and character vocabularies (UTF-8 blobs) and the isotonic
calibration maps; torch is imported when the model is first used.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from geotext.errors import DataError
from geotext.learn.vectors import WordVectors, word_vectors
from geotext.learn.weights import ModelWeights, table_strings
from geotext.quotes._tagger import CrfTagger, Isotonic

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    import torch

__all__ = ["BATCH_CELLS", "MAX_CHARS", "BiLstmTagger", "build_network", "char_ids", "decode", "model_name"]

MAX_CHARS = 16
"""Characters of a word's form the character CNN reads (the first ones)."""

BATCH_CELLS = 32768
"""At most this many padded word slots (sequences x longest length) in one forward
pass of :meth:`BiLstmTagger.tag_many`: a news article's paragraphs go through in
one pass; a very long paragraph does not pad a batch of short ones to its length."""


def model_name(backend: str) -> str:
    """The packaged model file stem of the BiLSTM tagger for ``backend``."""
    return f"quote_bilstm_{backend}"


def build_network(
    n_features: int, n_chars: int, settings: dict[str, Any], vectors: torch.Tensor | None = None
) -> torch.nn.Module:
    """The network (untrained), its sizes from ``settings`` (``dim``, ``char_dim``,
    ``filters``, ``hidden``, ``labels``, ``dropout``; optional ``layers``, default 1,
    and ``vectors``, the name of a pretrained word-vector table).

    With ``vectors`` (the table's ``[words + 1, dim]`` rows, row 0 zeros) each word's
    pretrained vector, frozen, joins its input; the table is a non-persistent buffer,
    so it is not part of the network's state (it ships once, in its own file).
    """
    import torch
    from torch import nn

    if settings.get("vectors") and vectors is None:
        raise ValueError(f"the network reads the word vectors {settings['vectors']!r}; none given")

    class Net(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            dim, cdim, filters, hidden = (int(settings[k]) for k in ("dim", "char_dim", "filters", "hidden"))
            self.feats = nn.EmbeddingBag(n_features + 1, dim, mode="sum", padding_idx=n_features)
            self.chars = nn.Embedding(n_chars + 2, cdim, padding_idx=0)
            self.conv = nn.Conv1d(cdim, filters, kernel_size=3, padding=1)
            self.drop = nn.Dropout(float(settings.get("dropout", 0.0)))
            self.vec_dim = 0
            if settings.get("vectors") and vectors is not None:
                self.register_buffer("vectors", vectors.float(), persistent=False)
                self.vec_dim = int(vectors.shape[1])
            layers = int(settings.get("layers", 1))
            self.lstm = nn.LSTM(
                dim + filters + self.vec_dim,
                hidden,
                num_layers=layers,
                batch_first=True,
                bidirectional=True,
                dropout=float(settings.get("dropout", 0.0)) if layers > 1 else 0.0,
            )
            self.out = nn.Linear(2 * hidden, int(settings["labels"]))
            self.transitions = nn.Parameter(torch.zeros(int(settings["labels"]), int(settings["labels"])))

        def forward(
            self,
            ids: torch.Tensor,
            offsets: torch.Tensor,
            chars: torch.Tensor,
            lengths: torch.Tensor,
            which: torch.Tensor | None = None,
            vecs: torch.Tensor | None = None,
        ) -> torch.Tensor:
            """Tag scores ``[sequences, width, labels]`` for the words of a batch:
            ``ids``/``offsets`` their feature ids (EmbeddingBag layout), ``chars``
            ``[words, MAX_CHARS]`` and ``lengths`` each sequence's word count; or,
            with ``which``, ``chars`` holds distinct forms and ``which`` gives each
            word's row (the character CNN then runs once per distinct form).
            ``vecs``, one per row of ``chars``, are the forms' rows in the word-vector
            table (needed when the network reads vectors)."""
            words = self.feats(ids, offsets)
            c = self.chars(chars).transpose(1, 2)
            c = torch.relu(self.conv(c)).max(dim=2).values
            if self.vec_dim:
                if vecs is None:
                    raise ValueError("this network reads word vectors: pass vecs")
                c = torch.cat([c, self.vectors[vecs]], dim=1)  # type: ignore[index]
            if which is not None:
                c = c[which]
            x = self.drop(torch.cat([words, c], dim=1))
            width = int(lengths.max())
            mask = torch.arange(width)[None, :] < lengths[:, None]
            padded = x.new_zeros((len(lengths), width, x.shape[1]))
            padded[mask] = x
            packed = nn.utils.rnn.pack_padded_sequence(
                padded, lengths, batch_first=True, enforce_sorted=False
            )
            h, _ = self.lstm(packed)
            h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=width)
            return self.out(self.drop(h))  # type: ignore[no-any-return]

    return Net()


def char_ids(form: str, index: dict[str, int]) -> list[int]:
    """The character ids of ``form`` (0 pads, 1 is an unknown character)."""
    ids = [index.get(ch, 1) for ch in form[:MAX_CHARS]]
    return ids + [0] * (MAX_CHARS - len(ids))


def decode(
    emissions: Sequence[npt.NDArray[np.float64]], trans: npt.NDArray[Any], labels: Sequence[str]
) -> list[tuple[list[str], npt.NDArray[np.float64]]]:
    """Viterbi tags and forward-backward marginals of sequences of tag scores
    (each ``[words, labels]``) under the transition scores ``trans``."""
    import numpy as np

    k = len(labels)
    lengths = [len(e) for e in emissions]
    if not emissions or max(lengths) == 0:
        return [([], np.zeros((0, k))) for _ in emissions]
    n_seq, width = len(emissions), max(lengths)
    emit = np.zeros((n_seq, width, k))
    for p, e in enumerate(emissions):
        emit[p, : len(e)] = e
    length = np.asarray(lengths)
    active = np.arange(width)[None, :] < length[:, None]
    shortest = min(lengths)  # up to here every sequence is still running
    back = np.zeros((n_seq, width, k), dtype=np.int64)
    delta = emit[:, 0].copy()
    for t in range(1, width):
        scores = delta[:, :, None] + trans[None]
        back[:, t] = scores.argmax(axis=1)
        new = scores.max(axis=1) + emit[:, t]
        delta = new if t < shortest else np.where(active[:, t, None], new, delta)
    rows = np.arange(n_seq)
    cur = delta.argmax(axis=1)
    path = np.zeros((n_seq, width), dtype=np.int64)
    for t in range(width - 1, -1, -1):
        path[:, t] = cur
        if t:
            cur = np.where(t <= length - 1, back[rows, t, cur], cur)
    pe = np.exp(emit - emit.max(axis=2, keepdims=True))
    pt = np.exp(trans - trans.max())
    alpha = np.empty((n_seq, width, k))
    a = pe[:, 0]
    alpha[:, 0] = a / a.sum(axis=1, keepdims=True)
    for t in range(1, width):
        a = (alpha[:, t - 1] @ pt) * pe[:, t]
        alpha[:, t] = a / a.sum(axis=1, keepdims=True)
    beta = np.ones((n_seq, width, k))
    for t in range(width - 2, -1, -1):
        b = (pe[:, t + 1] * beta[:, t + 1]) @ pt.T
        b /= b.sum(axis=1, keepdims=True)
        beta[:, t] = b if t + 1 < shortest else np.where(active[:, t + 1, None], b, 1.0)
    marg = alpha * beta
    marg /= marg.sum(axis=2, keepdims=True)
    return [
        ([labels[i] for i in path[p, : lengths[p]].tolist()], marg[p, : lengths[p]]) for p in range(n_seq)
    ]


class BiLstmTagger(CrfTagger):
    """The BiLSTM-CRF tagger read from a geotext model file; used wherever a
    :class:`CrfTagger` is (``tag_many``, ``stacked``, ``calibration``, ``threshold``).

    A network trained with pretrained word vectors names their table in
    ``meta["network"]["vectors"]``; it is the packaged file of that name
    (:func:`geotext.learn.vectors.word_vectors`) unless ``vectors`` is given (the
    trainer passes the table it trains with).

    Raises:
        DataError: If the model file is not a BiLSTM tagger, or its vector table is
            missing, damaged or not the one it was trained with.
    """

    def __init__(self, weights: ModelWeights, vectors: WordVectors | None = None) -> None:
        import numpy as np

        try:
            names = table_strings(weights.tensors["features"])
            chars = table_strings(weights.tensors["chars"])
            self.labels = tuple(weights.meta["labels"])
            self.stacked = bool(weights.meta["stacked"])
            self.threshold = float(weights.meta.get("threshold", 0.5))
            settings = dict(weights.meta["network"])
            wanted = settings.get("vectors")
            if wanted:
                vectors = vectors if vectors is not None else word_vectors(str(wanted))
                if vectors.name != wanted or vectors.dim != int(settings.get("vec_dim", vectors.dim)):
                    raise DataError(
                        f"geotext model {weights.name!r} was trained with the word vectors {wanted!r} "
                        f"(dimension {settings.get('vec_dim')}), not {vectors.name!r} (dimension {vectors.dim})"
                    )
            else:
                vectors = None
            self.calibration = {
                key: Isotonic(
                    tuple(float(x) for x in weights.tensors[f"cal_{key}_x"].tolist()),
                    tuple(float(y) for y in weights.tensors[f"cal_{key}_y"].tolist()),
                )
                for key in ("rule", "tagger")
                if f"cal_{key}_x" in weights.tensors
            }
            self.net = build_network(
                len(names), len(chars), settings, vectors.table if vectors is not None else None
            )
            state = {k[4:]: v.float() for k, v in weights.tensors.items() if k.startswith("net.")}
            self.net.load_state_dict(state)
        except (KeyError, TypeError, ValueError, RuntimeError, UnicodeDecodeError) as exc:
            raise DataError(
                f"geotext model {weights.name!r} is not a BiLSTM quote tagger ({type(exc).__name__}: "
                f"{str(exc)[:200]}); retrain it with `python -m geotext.training quotes_bilstm`"
            ) from None
        self.net.eval()
        self.index = {name: i for i, name in enumerate(names)}
        self.char_index = {ch: i + 2 for i, ch in enumerate(chars)}
        self.vectors = vectors
        self.trans = self.net.transitions.detach().double().numpy()  # type: ignore[operator]
        self.state = np.zeros((0, len(self.labels)), dtype=np.float32)
        self._padded = None
        self.meta = dict(weights.meta)

    def emissions(self, sequences: Sequence[Sequence[Sequence[str]]], forms: Sequence[Sequence[str]]) -> Any:
        """The network's tag scores for each sequence (a list of ``[words, labels]``
        arrays) from one padded forward pass; ``forms`` are the words' forms for the
        character CNN.

        The feature strings are looked up in one pass over all words (an unknown
        string reads the padding row, which the bag's sum leaves out), and the
        character ids are built once per distinct form.
        """
        import numpy as np
        import torch

        words = [feats for seq in sequences for feats in seq]
        sizes = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
        ids = np.fromiter(
            map(self.index.get, itertools.chain.from_iterable(words), itertools.repeat(len(self.index))),
            dtype=np.int64,
            count=int(sizes.sum()),
        )
        offsets = np.zeros(len(words), dtype=np.int64)
        np.cumsum(sizes[:-1], out=offsets[1:])
        distinct: dict[str, int] = {}
        slot = distinct.setdefault
        which = [slot(form, len(distinct)) for fs in forms for form in fs]
        table = np.asarray([char_ids(form, self.char_index) for form in distinct], dtype=np.int64)
        chars = torch.from_numpy(table.reshape(-1, MAX_CHARS))
        lengths = torch.tensor([len(s) for s in sequences])
        vecs = torch.tensor(self.vectors.ids(list(distinct))) if self.vectors is not None else None
        with torch.inference_mode():
            out = self.net(
                torch.from_numpy(ids), torch.from_numpy(offsets), chars, lengths, torch.tensor(which), vecs
            )
            scores = out.double().numpy()
        return [scores[p, : len(s)] for p, s in enumerate(sequences)]

    def tag_many(
        self, sequences: Sequence[Sequence[Sequence[str]]]
    ) -> list[tuple[list[str], npt.NDArray[np.float64]]]:
        """Tag several sequences (as :meth:`CrfTagger.tag_many`). The network reads
        them, shortest first, in as few padded forward passes as :data:`BATCH_CELLS`
        allows (one for a news article's paragraphs), and each pass's scores are
        decoded together. The word forms are read from the ``w=`` feature."""
        import numpy as np

        out: list[tuple[list[str], npt.NDArray[np.float64]]] = [
            ([], np.zeros((0, len(self.labels)))) for _ in sequences
        ]
        nonempty = sorted((k for k, seq in enumerate(sequences) if len(seq)), key=lambda k: len(sequences[k]))
        lo = 0
        while lo < len(nonempty):
            hi = lo + 1
            while hi < len(nonempty) and (hi + 1 - lo) * len(sequences[nonempty[hi]]) <= BATCH_CELLS:
                hi += 1
            part = nonempty[lo:hi]
            seqs = [sequences[k] for k in part]
            forms = [[_form(f) for f in seq] for seq in seqs]
            decoded = decode(self.emissions(seqs, forms), self.trans, self.labels)
            for k, result in zip(part, decoded, strict=True):
                out[k] = result
            lo = hi
        return out


def _form(feats: Sequence[str]) -> str:
    for f in feats:
        if f.startswith("w="):
            return f[2:]
    return ""


def available(backend: str) -> bool:
    """Whether a BiLSTM tagger ships for ``backend``."""
    from geotext.learn.weights import weights_path

    return weights_path(model_name(backend)).is_file()


@functools.cache
def bilstm_for(backend: str) -> BiLstmTagger:
    """The packaged BiLSTM tagger for ``backend``, loaded once per process.

    Raises:
        DataError: If the model file is missing or damaged.
    """
    from geotext.learn.weights import load_weights

    return BiLstmTagger(load_weights(model_name(backend)))
