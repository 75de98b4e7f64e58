"""Named-actor resolution: knowledge base, gazetteer, roles, metonymy, coreference.

>>> from geotext.backends import annotate
>>> doc = annotate(["The Kremlin said Moscow would not comment."], backend="rules")[0]
>>> kb = KnowledgeBase([ActorRecord(id="state:xxx", type="state", name="Examplia",
...     iso3="XXX", capital="Exampleburg", metonyms=("Kremlin", "Moscow"))])
>>> [(a.id, [m.text for m in a.mentions]) for a in resolve(doc, kb=kb)]
[('gov:xxx', ['Kremlin', 'Moscow'])]
"""

from geotext.actors.cameo import CameoImport, load_cameo, read_cameo, read_cameo_agents
from geotext.actors.fuzzy import FUZZY_THRESHOLD, OVERLAP_THRESHOLD
from geotext.actors.kb import KnowledgeBase, KnowledgeBaseError
from geotext.actors.normalize import normalize
from geotext.actors.records import ACTOR_TYPES, MENTION_KINDS, Actor, ActorRecord, Mention, Role
from geotext.actors.resolve import ActorIndex, actors_in_span, resolve

__all__ = [
    "ACTOR_TYPES",
    "FUZZY_THRESHOLD",
    "MENTION_KINDS",
    "OVERLAP_THRESHOLD",
    "Actor",
    "ActorIndex",
    "ActorRecord",
    "CameoImport",
    "KnowledgeBase",
    "KnowledgeBaseError",
    "Mention",
    "Role",
    "actors_in_span",
    "load_cameo",
    "normalize",
    "read_cameo",
    "read_cameo_agents",
    "resolve",
]
