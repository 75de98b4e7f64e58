"""Read the GUM coreference layer (WebAnno TSV 3.2) into mentions and entities.

Shared by ``benchmarks/coref.py`` (scoring) and the ``coref`` trainer. Each file is
one document; its text is the ``#Text=`` sentences joined by newlines (token offsets
index that text). A mention is a run of tokens sharing one bracketed id in the
entity column (an unbracketed tag is a one-token mention). Mentions linked by
``coref``, ``ana``, ``cata``, ``appos`` or ``pred`` belong to one entity (GUM's chains
run through predicatives: "Norton ... proclaimed himself Emperor ... the Emperor");
bridging and discourse-deixis links do not join entities.

Mention classes used for scoring and training (see :func:`mention_class`):

* ``name``: its words up to the first comma, bracket or relative pronoun are all
  capitalised (connectors such as "of" allowed; a leading "the" skipped) and the
  first of them is not capitalised only because it opens the sentence (GUM's
  Wikipedia identities mark every mention of a named entity, so they cannot tell
  a name from a description);
* ``pronoun``: a single third-person personal or possessive pronoun;
* ``description``: a definite or possessive noun phrase ("the mayor", "his father");
* ``other``: anything else (indefinites, first and second person, clauses).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from attrs import define, field

__all__ = ["PRONOUNS", "GoldDocument", "GoldMention", "mention_class", "read_corpus", "read_tsv"]

# Links that make two mentions one entity.
_IDENTITY_LINKS = frozenset({"coref", "ana", "cata", "appos", "pred"})
PRONOUNS = frozenset(
    {
        *("he", "him", "his", "himself", "she", "her", "hers", "herself"),
        *("it", "its", "itself", "they", "them", "their", "theirs", "themselves"),
    }
)
_DETERMINERS = frozenset({"the", "this", "that", "these", "those", "his", "her", "its", "their"})
_CONNECTORS = frozenset({"of", "for", "the", "and", "de", "&", "-", "on", "in", "du", "von", "van"})
_STOPS = frozenset({",", "(", "'s", "'", "who", "which", "that", "whose", "whom", "--", ":", ";"})
# Capitalised words that never start a name.
_NOT_NAMES = frozenset({"i", "me", "my", "we", "us", "our", "you", "your", "a", "an", "this", "these"})
_TAG = re.compile(r"([^\[|]+)(?:\[(\d+)\])?")


@define(kw_only=True)
class GoldMention:
    """One annotated mention: character span, entity type, its entity, its class."""

    key: str
    start: int
    end: int
    type: str
    tokens: list[str] = field(factory=list)
    token_starts: list[int] = field(factory=list)
    identity: str = ""
    entity: int = -1
    cls: str = "other"
    name_end: int = 0
    """For a name: the end of its name part (before a comma or relative clause)."""


@define(kw_only=True)
class GoldDocument:
    """One GUM document: its text, mentions in text order, entity of each mention."""

    name: str
    text: str
    mentions: list[GoldMention]
    sentence_starts: list[int]

    def entity_type(self, entity: int) -> str:
        """The most frequent type among the entity's mentions."""
        types = Counter(m.type for m in self.mentions if m.entity == entity)
        return types.most_common(1)[0][0] if types else ""


class _Union:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, a: str) -> str:
        self.parent.setdefault(a, a)
        while self.parent[a] != a:
            self.parent[a] = self.parent[self.parent[a]]
            a = self.parent[a]
        return a

    def join(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _tags(column: str) -> list[tuple[str, str]]:
    if column in ("_", ""):
        return []
    return [(m.group(1), m.group(2) or "") for m in _TAG.finditer(column)]


def read_tsv(path: Path) -> GoldDocument:
    """Read one WebAnno TSV 3.2 file."""
    sentences: list[str] = []
    mentions: dict[str, GoldMention] = {}
    links: list[tuple[str, str]] = []
    first_of_sentence: set[int] = set()
    lowercase_seen: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#Text="):
            sentences.append(line[len("#Text=") :])
            continue
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 10 or "." in cols[0]:
            continue
        pos, (s, e), token = cols[0], map(int, cols[1].split("-")), cols[2]
        if pos.endswith("-1"):
            first_of_sentence.add(s)
        if token[:1].islower():
            lowercase_seen.add(token.casefold())
        identities = {mid: ident for ident, mid in _tags(cols[6]) if mid}
        lone_identity = next((ident for ident, mid in _tags(cols[6]) if not mid), "")
        for kind, mid in _tags(cols[3]):
            key = f"m{mid}" if mid else f"t{pos}"
            m = mentions.get(key)
            if m is None:
                m = mentions[key] = GoldMention(key=key, start=s, end=e, type=kind)
                m.identity = identities.get(mid, "") if mid else lone_identity
            m.end = e
            m.tokens.append(token)
            m.token_starts.append(s)
        types = cols[8].split("|") if cols[8] != "_" else []
        targets = cols[9].split("|") if cols[9] != "_" else []
        for link_type, target in zip(types, targets, strict=False):
            if link_type not in _IDENTITY_LINKS:
                continue
            hit = re.fullmatch(r"(\d+-\d+)\[(\d+)_(\d+)\]", target) or re.fullmatch(r"(\d+-\d+)", target)
            if hit is None:
                continue
            target_pos = hit.group(1)
            target_id = hit.group(2) if hit.lastindex and hit.lastindex >= 2 else "0"
            source_id = hit.group(3) if hit.lastindex and hit.lastindex >= 3 else "0"
            source = f"m{source_id}" if source_id != "0" else f"t{pos}"
            dest = f"m{target_id}" if target_id != "0" else f"t{target_pos}"
            links.append((source, dest))
    text = "\n".join(sentences)
    union = _Union()
    for key in mentions:
        union.find(key)
    for a, b in links:
        if a in mentions and b in mentions:
            union.join(a, b)
    roots: dict[str, int] = {}
    ordered = sorted(mentions.values(), key=lambda m: (m.start, -m.end))
    for m in ordered:
        m.entity = roots.setdefault(union.find(m.key), len(roots))
        m.cls, m.name_end = mention_class(m, first_of_sentence, lowercase_seen)
    starts = [0]
    for sentence in sentences[:-1]:
        starts.append(starts[-1] + len(sentence) + 1)
    return GoldDocument(name=path.stem, text=text, mentions=ordered, sentence_starts=starts)


def mention_class(m: GoldMention, first: set[int], lowercase: set[str]) -> tuple[str, int]:
    """Return the mention's class (see the module docstring) and its name part's end."""
    words = [w.casefold() for w in m.tokens]
    if len(words) == 1 and words[0] in PRONOUNS:
        return "pronoun", m.end
    name_end = m.start
    capitals = 0
    pairs = list(zip(m.tokens, m.token_starts, strict=True))
    if len(pairs) > 1 and words[0] == "the":
        pairs = pairs[1:]  # "the United Nations": the article is not part of the name
    for token, start in pairs:
        low = token.casefold()
        if low in _STOPS:
            break
        if token[:1].isupper() or (token[:1].isdigit() and capitals):
            if start in first and low in lowercase and capitals == 0:
                capitals = -1  # a sentence opener capitalised by position only
                break
            capitals += 1
        elif low not in _CONNECTORS:
            capitals = -1
            break
        name_end = start + len(token)
    if capitals > 0 and words[0] not in _NOT_NAMES:
        return "name", name_end
    if words[0] in _DETERMINERS and len(words) > 1:
        return "description", m.end
    return "other", m.end


def read_corpus(directory: Path) -> list[GoldDocument]:
    """Read every ``*.tsv`` file of ``directory`` in file-name order."""
    return [read_tsv(p) for p in sorted(directory.glob("*.tsv"))]
