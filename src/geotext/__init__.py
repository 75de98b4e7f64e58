"""geotext: quotes, hedges and named actors in geopolitical news text.

The public surface is flat: everything a user needs is importable from ``geotext``.
``import geotext`` does not import stanza or torch; they load on first use of the
stanza backend.

Example:
    >>> import geotext
    >>> a = geotext.analyze("The Kremlin said it would respond.", backend="rules")
    >>> a.sentences[0].text
    'The Kremlin said it would respond.'
"""

from geotext.analysis import SCHEMA, Analysis
from geotext.api import analyze, analyze_many
from geotext.errors import BackendError, DataError, GeotextError, InputError, ModelNotFoundError
from geotext.model import Document, Entity, Sentence, Token, Word

__version__ = "0.1.0"

__all__ = [
    "SCHEMA",
    "Analysis",
    "BackendError",
    "DataError",
    "Document",
    "Entity",
    "GeotextError",
    "InputError",
    "ModelNotFoundError",
    "Sentence",
    "Token",
    "Word",
    "__version__",
    "analyze",
    "analyze_many",
]
