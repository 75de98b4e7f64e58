"""Pretrained word vectors shipped with geotext (a pruned, float16 table).

A vector file is a geotext model file (:mod:`geotext.learn.weights`) with two tensors:
``words`` (the lower-cased words, one per line, as a UTF-8 blob) and ``vectors``
(``[words, dim]``, float16), and metadata naming its source and licence. Row ``i`` of
``vectors`` is the vector of line ``i`` of ``words``. geotext ships one,
``data/models/glove50_v1.pt`` (GloVe 6B 50d, PDDL-1.0, see ``glove50_v1.md`` next to
it); ``python -m geotext.training word_vectors`` builds it. Models that read vectors
name the file in their metadata; the table is loaded once per process, through
``torch.load(..., weights_only=True)``, and needs no stanza directory.

Example:
    >>> from geotext.learn.vectors import WordVectors
    >>> import torch
    >>> table = WordVectors.from_words(["war", "peace"], torch.ones(2, 3), name="toy")
    >>> table.dim, table.id("peace"), table.id("unknown")
    (3, 2, 0)
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING

from geotext.errors import DataError
from geotext.learn.weights import ModelWeights, load_weights, table_strings

if TYPE_CHECKING:
    import torch

__all__ = ["WordVectors", "word_vectors"]


class WordVectors:
    """A word -> vector table; id 0 is the zero vector every unknown word reads.

    Attributes:
        name: The file stem the table was read from.
        dim: The vector size.
        table: ``[words + 1, dim]`` float32 tensor, row 0 zeros, row ``i + 1`` the
            vector of the ``i``-th word.
        meta: The file's metadata (source, licence, date, how it was pruned).
    """

    def __init__(self, name: str, words: Sequence[str], table: torch.Tensor, meta: dict[str, object]) -> None:
        self.name = name
        self.index = {w: i + 1 for i, w in enumerate(words)}
        self.table = table
        self.dim = int(table.shape[1])
        self.meta = meta

    @classmethod
    def from_words(cls, words: Sequence[str], vectors: torch.Tensor, name: str = "vectors") -> WordVectors:
        """A table from a word list and its ``[words, dim]`` vectors (row 0 added)."""
        import torch

        table = torch.cat([torch.zeros(1, vectors.shape[1]), vectors.float()])
        return cls(name, words, table, {})

    @classmethod
    def from_weights(cls, weights: ModelWeights) -> WordVectors:
        """Read a table from a loaded vector file.

        Raises:
            DataError: If the file is not a vector file (tensors missing, shapes or
                word count disagree, words not UTF-8).
        """
        import torch

        fix = "reinstall geotext, or rebuild it with `python -m geotext.training word_vectors`"
        try:
            blob = weights.tensors["words"]
            vectors = weights.tensors["vectors"]
            words = table_strings(blob)
        except (KeyError, TypeError, ValueError, RuntimeError, UnicodeDecodeError) as exc:
            raise DataError(
                f"geotext file {weights.name!r} is not a word-vector table ({type(exc).__name__}); {fix}"
            ) from None
        if blob.dtype != torch.uint8 or vectors.dim() != 2 or not words or len(words) != vectors.shape[0]:
            raise DataError(
                f"geotext file {weights.name!r} is not a word-vector table "
                f"({len(words)} words for vectors of shape {tuple(vectors.shape)}); {fix}"
            )
        if not bool(torch.isfinite(vectors).all()):
            raise DataError(f"geotext file {weights.name!r} holds non-finite vectors; {fix}")
        table = torch.cat([torch.zeros(1, vectors.shape[1]), vectors.float()])
        return cls(weights.name, words, table, dict(weights.meta))

    def id(self, word: str) -> int:
        """The row of ``word`` (lower-cased by the caller) in :attr:`table`; 0 if unknown."""
        return self.index.get(word, 0)

    def ids(self, words: Sequence[str]) -> list[int]:
        """The rows of several words."""
        get = self.index.get
        return [get(w, 0) for w in words]


@functools.cache
def word_vectors(name: str) -> WordVectors:
    """The packaged vector table ``name`` (``data/models/<name>.pt``), loaded once per process.

    Raises:
        DataError: If the file is missing, damaged or not a vector table.

    Example:
        >>> from geotext.learn.vectors import word_vectors
        >>> word_vectors("no_such_vectors")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        geotext.errors.DataError: geotext model 'no_such_vectors' is missing at ...
    """
    return WordVectors.from_weights(load_weights(name))
