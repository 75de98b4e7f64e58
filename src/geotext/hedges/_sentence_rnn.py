"""The sentence model's recurrent half: a small BiLSTM over words, POS and lexicon cues.

Each word's input is three embeddings side by side: its lower-cased form, its shared
POS guess (:func:`geotext.backends._rules.surface_tags`, the same on every backend)
and the lexicon's decision on it (``O``, or the category of the candidate covering
it, with ``+``/``-`` for the hedge and estimative candidates the cue model keeps or
rejects). A one-layer bidirectional LSTM reads the sentence, its states are
max-pooled, and a linear layer gives the log-odds that the sentence is uncertain
(after Katerenchuk & Levitan 2024, a non-transformer RNN over words and POS tags).
:mod:`geotext.hedges.disambiguate` averages its probability with the logistic
model's. torch is imported when the model is first used.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import torch

__all__ = ["SentenceRnn", "Token", "build_network"]

Token = tuple[str, str, str]
"""One word as the network reads it: ``(form, upos, cue tag)``."""

PAD = 0
UNKNOWN = 1


def build_network(sizes: Mapping[str, int], settings: Mapping[str, Any]) -> torch.nn.Module:
    """The network (untrained): vocabulary ``sizes`` (``words``, ``upos``, ``tags``,
    each counting the padding and unknown ids) and ``settings`` (``dim``,
    ``tag_dim``, ``hidden``, ``dropout``)."""
    import torch
    from torch import nn

    dim, tag_dim, hidden = (int(settings[k]) for k in ("dim", "tag_dim", "hidden"))

    class Net(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.words = nn.Embedding(int(sizes["words"]), dim, padding_idx=PAD)
            self.upos = nn.Embedding(int(sizes["upos"]), tag_dim, padding_idx=PAD)
            self.tags = nn.Embedding(int(sizes["tags"]), tag_dim, padding_idx=PAD)
            self.drop = nn.Dropout(float(settings.get("dropout", 0.0)))
            self.lstm = nn.LSTM(dim + 2 * tag_dim, hidden, batch_first=True, bidirectional=True)
            self.out = nn.Linear(2 * hidden, 1)

        def forward(self, ids: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
            """Log-odds ``[sentences]`` for ``ids`` ``[sentences, width, 3]`` (word, POS,
            tag ids, 0-padded) of sentences of ``lengths`` words (each at least 1)."""
            x = torch.cat([self.words(ids[..., 0]), self.upos(ids[..., 1]), self.tags(ids[..., 2])], -1)
            packed = nn.utils.rnn.pack_padded_sequence(
                self.drop(x), lengths, batch_first=True, enforce_sorted=False
            )
            h, _ = self.lstm(packed)
            h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=ids.shape[1])
            mask = (ids[..., 0] != PAD).unsqueeze(-1)
            pooled = h.masked_fill(~mask, -1e4).max(1).values
            out: torch.Tensor = self.out(self.drop(pooled)).squeeze(-1)
            return out

    return Net()


class SentenceRnn:
    """The trained network and its vocabularies; :meth:`probabilities` scores sentences.

    Args:
        net: The network of :func:`build_network`, weights loaded.
        vocab: ``words``, ``upos`` and ``tags``: the strings of ids 2, 3, ... (ids 0 and
            1 are padding and unknown).
    """

    def __init__(self, net: torch.nn.Module, vocab: Mapping[str, Sequence[str]]) -> None:
        self.net = net.eval()
        self.index = {k: {s: i + 2 for i, s in enumerate(v)} for k, v in vocab.items()}

    def ids(self, tokens: Sequence[Token]) -> list[tuple[int, int, int]]:
        """The ids of each token (an empty sentence reads as one unknown word)."""
        w, u, t = self.index["words"], self.index["upos"], self.index["tags"]
        out = [(w.get(f, UNKNOWN), u.get(p, UNKNOWN), t.get(c, UNKNOWN)) for f, p, c in tokens]
        return out or [(UNKNOWN, UNKNOWN, UNKNOWN)]

    def logits(self, sentences: Sequence[Sequence[Token]], train: bool = False) -> torch.Tensor:
        """Log-odds of each sentence (one forward pass; with ``train``, dropout on and
        gradients kept)."""
        import torch

        rows = [self.ids(s) for s in sentences]
        width = max(len(r) for r in rows)
        ids = torch.tensor([r + [(PAD, PAD, PAD)] * (width - len(r)) for r in rows], dtype=torch.long)
        lengths = torch.tensor([len(r) for r in rows], dtype=torch.long)
        self.net.train(train)
        if train:
            out: torch.Tensor = self.net(ids, lengths)
            return out
        with torch.no_grad():
            out = self.net(ids, lengths)
        return out

    def probabilities(self, sentences: Sequence[Sequence[Token]], batch: int = 64) -> list[float]:
        """Probability that each sentence is uncertain.

        Example:
            >>> net = build_network({"words": 3, "upos": 2, "tags": 2}, {"dim": 4, "tag_dim": 2, "hidden": 3})
            >>> rnn = SentenceRnn(net, {"words": ["may"], "upos": [], "tags": []})
            >>> [0.0 < p < 1.0 for p in rnn.probabilities([[("it", "PRON", "O"), ("may", "AUX", "hedge+")], []])]
            [True, True]
        """
        import torch

        out: list[float] = []
        for i in range(0, len(sentences), batch):
            part = sentences[i : i + batch]
            if part:
                out += torch.sigmoid(self.logits(part)).tolist()
        return out
