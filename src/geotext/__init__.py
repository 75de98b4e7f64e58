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

from geotext.actors import Actor, KnowledgeBase, Mention
from geotext.analysis import SCHEMA, Analysis
from geotext.api import analyze, analyze_many, detect_hedges, extract_quotes, resolve_actors
from geotext.errors import (
    BackendError,
    DataError,
    GeotextError,
    InputError,
    MissingExtraError,
    ModelNotFoundError,
)
from geotext.hedges import Claim, Hedge
from geotext.model import Document, Entity, Sentence, TextSpan, Token, Word
from geotext.quotes import Quote
from geotext.tables import to_frame, write_jsonl

__version__ = "0.1.0"

__all__ = [
    "SCHEMA",
    "Actor",
    "Analysis",
    "BackendError",
    "Claim",
    "DataError",
    "Document",
    "Entity",
    "GeotextError",
    "Hedge",
    "InputError",
    "KnowledgeBase",
    "Mention",
    "MissingExtraError",
    "ModelNotFoundError",
    "Quote",
    "Sentence",
    "TextSpan",
    "Token",
    "Word",
    "__version__",
    "analyze",
    "analyze_many",
    "detect_hedges",
    "extract_quotes",
    "resolve_actors",
    "to_frame",
    "write_jsonl",
]
