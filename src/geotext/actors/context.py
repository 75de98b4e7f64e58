"""Working state of one resolution run, shared by the resolver's passes.

:class:`Context` holds the document, its name-token stream, the gazetteer
matches and the mentions found so far (mutable while the passes run; the
public records are built from it at the end). Nothing here is public API.
"""

from __future__ import annotations

import bisect
import datetime

import regex
from attrs import define, field

from geotext.actors.gazetteer import Match, Tok
from geotext.actors.kb import KnowledgeBase
from geotext.actors.names import strip_invisible
from geotext.actors.normalize import slug
from geotext.language.view import is_subject
from geotext.model import Document

__all__ = ["Context", "Work"]

# Quoted stretches: a pronoun outside a quotation does not look inside one.
_QUOTED = regex.compile(
    r"\u201c[^\u201c\u201d]*\u201d|\u201e[^\u201e\u201c\u201d]*[\u201c\u201d]|\"[^\"]*\"|\u00ab[^\u00ab\u00bb]*\u00bb"
)


@define(kw_only=True)
class Work:
    """A mention while resolution runs: token range, target actor, how found."""

    i: int
    j: int
    start: int
    end: int
    actor: str
    kind: str
    evidence: str
    sentence: int
    metonymic: bool = False
    subject: bool = False
    plural: bool = False


@define(kw_only=True)
class Context:
    """Everything the passes share for one document."""

    doc: Document
    kb: KnowledgeBase
    day: datetime.date
    toks: list[Tok]
    matches: list[Match]
    mentions: list[Work]
    owner: list[int]
    """For each token, the index in ``mentions`` of the name mention covering it, or -1."""
    unknown: dict[str, tuple[str, str]]
    """Unknown actors: id -> (name, type)."""
    quoted: list[tuple[int, int]]
    vocab: list[int]
    last_seen: dict[str, int] = field(factory=dict, init=False)
    """Actor id -> start offset of its latest mention so far."""
    cache: dict[str, object] = field(factory=dict, init=False)
    """Per-document values computed once by a pass (by name)."""
    _index: dict[int, list[Work]] | None = field(default=None, init=False)
    """For each token, the index in ``matches`` of the vocabulary match covering it, or -1."""

    @classmethod
    def start(
        cls,
        doc: Document,
        kb: KnowledgeBase,
        day: datetime.date,
        toks: list[Tok],
        matches: list[Match],
    ) -> Context:
        """Set up an empty run."""
        vocab = [-1] * len(toks)
        for n, m in enumerate(matches):
            if m.vocab is not None and not m.actor_entries:
                vocab[m.i : m.j] = [n] * (m.j - m.i)
        return cls(
            vocab=vocab,
            doc=doc,
            kb=kb,
            day=day,
            toks=toks,
            matches=matches,
            mentions=[],
            owner=[-1] * len(toks),
            unknown={},
            quoted=[(m.start(), m.end()) for m in _QUOTED.finditer(doc.text)],
        )

    def add(
        self,
        i: int,
        j: int,
        actor: str,
        kind: str,
        evidence: str,
        *,
        metonymic: bool = False,
        start: int | None = None,
        claim: bool = True,
    ) -> Work:
        """Record a mention over tokens ``i``..``j``; ``claim`` marks them covered."""
        work = Work(
            i=i,
            j=j,
            start=self.toks[i].start if start is None else start,
            end=self.toks[j - 1].end,
            actor=actor,
            kind=kind,
            evidence=evidence,
            sentence=self.toks[i].sentence,
            metonymic=metonymic,
        )
        self.mentions.append(work)
        self.last_seen[actor] = max(work.start, self.last_seen.get(actor, -1))
        if self._index is not None:
            bucket = self._index.setdefault(work.sentence, [])
            bucket.append(work)
            bucket.sort(key=lambda w: w.start)
        if claim:
            for k in range(i, j):
                self.owner[k] = len(self.mentions) - 1
        return work

    def matches_at(self, k: int) -> Match | None:
        """The gazetteer match starting at token ``k``, if any."""
        starts = self.cache.get("match-starts")
        if not isinstance(starts, dict):
            starts = {m.i: m for m in self.matches}
            self.cache["match-starts"] = starts
        found = starts.get(k)
        return found if isinstance(found, Match) else None

    def drop(self, indices: set[int]) -> None:
        """Remove the mentions at ``indices`` (absorbed into a longer mention)."""
        keep = [n for n in range(len(self.mentions)) if n not in indices]
        new_index = {old: new for new, old in enumerate(keep)}
        self.mentions = [self.mentions[n] for n in keep]
        self.owner = [new_index.get(n, -1) if n >= 0 else -1 for n in self.owner]
        self._index = None

    def covering(self, k: int) -> Work | None:
        """The name mention covering token ``k``, if any."""
        if 0 <= k < len(self.toks) and self.owner[k] >= 0:
            return self.mentions[self.owner[k]]
        return None

    def vocab_at(self, k: int) -> Match | None:
        """The role/description vocabulary match covering token ``k``, if any."""
        if 0 <= k < len(self.toks) and self.vocab[k] >= 0:
            return self.matches[self.vocab[k]]
        return None

    def joined(self, a: int, b: int) -> bool:
        """Whether tokens ``a`` < ``b`` are adjacent with no punctuation between."""
        return a >= 0 and b < len(self.toks) and b == a + 1 and not self.toks[b].brk

    def glued(self, k: int) -> bool:
        """Whether token ``k`` continues the previous token's word (nothing or a
        hyphen between them: "Holtz-Eakin", "StudiesLukashenko")."""
        if k <= 0 or k >= len(self.toks) or self.toks[k].sentence != self.toks[k - 1].sentence:
            return False
        gap = self.doc.text[self.toks[k - 1].end : self.toks[k].start]
        return gap == "" or (len(gap) == 1 and gap in "-\u2010\u2011")

    def actor_type(self, actor: str) -> str:
        """The type of a KB or unknown actor id."""
        record = self.kb.get(actor)
        if record is not None:
            return record.type
        return self.unknown.get(actor, ("", "person"))[1]

    def new_unknown(self, i: int, j: int, kind: str) -> str:
        """Create (or reuse) the unknown actor named by tokens ``i``..``j``."""
        name = " ".join(strip_invisible(self.doc.text[self.toks[i].start : self.toks[j - 1].end]).split())
        prefix = {"person": "person", "place": "place"}.get(kind, "org")
        actor = f"unk:{prefix}:{slug(name)}"
        self.unknown.setdefault(actor, (name, kind))
        return actor

    def in_quote(self, offset: int) -> tuple[int, int] | None:
        """The quoted stretch holding ``offset``, if any."""
        n = bisect.bisect_right(self.quoted, (offset, len(self.doc.text) + 1)) - 1
        if n >= 0 and self.quoted[n][0] <= offset < self.quoted[n][1]:
            return self.quoted[n]
        return None

    def by_sentence(self) -> dict[int, list[Work]]:
        """Mentions grouped by sentence, in text order (kept up to date by :meth:`add`)."""
        if self._index is None:
            index: dict[int, list[Work]] = {}
            for work in sorted(self.mentions, key=lambda w: w.start):
                index.setdefault(work.sentence, []).append(work)
            self._index = index
        return self._index

    def head_deprels(self, i: int, j: int) -> list[str]:
        """Dependency relations of the head words of tokens ``i``..``j`` (the words
        whose head lies outside the span); empty without a parse."""
        if not self.doc.has_parse:
            return []
        sentence = self.doc.sentences[self.toks[i].sentence]
        ids = {t.word for t in self.toks[i:j]}
        return [w.deprel for w in sentence.words if w.id in ids and w.head not in ids]

    def mark_subjects(self) -> None:
        """Set ``subject`` on mentions.

        With a parse: the mention's head word is ``nsubj``/``nsubj:pass``.
        Without: the sentence's first mention stands in for its subject.
        """
        first_in: set[int] = set()
        for work in sorted(self.mentions, key=lambda w: w.start):
            if self.doc.has_parse:
                work.subject = any(is_subject(d) for d in self.head_deprels(work.i, work.j))
            elif work.sentence not in first_in:
                work.subject = True
            first_in.add(work.sentence)
