"""Exceptions raised by geotext.

Every exception geotext raises on purpose is a :class:`GeotextError`, so callers can
catch one class. Messages name the input at fault and the fix.
"""

from __future__ import annotations

__all__ = [
    "BackendError",
    "DataError",
    "GeotextError",
    "InputError",
    "MissingExtraError",
    "ModelNotFoundError",
]


class GeotextError(Exception):
    """Base class of every error geotext raises on purpose."""


class InputError(GeotextError, TypeError, ValueError):
    """The input is not something geotext can analyse (``None``, ``bytes``, a bad date ...).

    It is also a :class:`TypeError` and a :class:`ValueError`, so code that already
    catches either for bad arguments keeps working.
    """


class ModelNotFoundError(GeotextError):
    """No usable stanza model directory was found.

    Attributes:
        directory: The directory that was searched, if any.
    """

    def __init__(self, message: str, directory: str | None = None) -> None:
        super().__init__(message)
        self.directory = directory


class BackendError(GeotextError):
    """A backend could not be created or failed on a text (unknown name, stanza
    missing, a model file that does not load)."""


class DataError(GeotextError):
    """A data file (lexicon, actor knowledge base, CAMEO dictionary) is missing or
    malformed. The message names the file and, where known, the line."""


class MissingExtraError(GeotextError, ImportError):
    """A feature needs an optional dependency that is not installed (pandas for
    :func:`geotext.to_frame`, Dask for :mod:`geotext.dask`). The message names the
    ``pip install`` that brings it. It is also an :class:`ImportError`."""
