"""Titles, descriptions and pronouns: mentions that do not name their actor.

* **Titles** ("the Russian President", "Kremlin spokesman", "The Kremlin boss",
  "the Belarusian counterpart", "Russia's former foreign minister"): a role noun
  from ``data/roles.yaml`` with a modifier naming a state, government metonym,
  organisation or person. Followed by a name, the title joins the named actor;
  otherwise the KB's dated roles give the holder on the document date. A bare
  "the president" joins the most recent person in the text holding that role.
* **Descriptions** ("his friend Alexander Lukashenko", "his friend"): before a
  name they join it; alone they join the nearest preceding person other than
  the possessor.
* **Pronouns** (he/him/his/himself, she/her/hers/herself, they/them/their/
  themselves; "both" standing alone means the two people mentioned last): the
  compatible preceding mentions within three sentences (names, resolved
  descriptions such as "the city", and pronouns already resolved, so chains carry
  on); he/she with nothing compatible that near look ten sentences back for a
  person whose gender agrees ("Collins ... I told him ... he agreed", with short
  turns between). Gender
  for he/she from the KB, an honorific or the given name (accents folded:
  "Siméon"), else from a pronoun already resolved to that person; unknown people
  fit both. For they: collectives and armed groups, or a state named by a plural
  demonym ("the Russians"), never a state or organisation named in the singular
  ("Russia ... them" stays unresolved: English refers to those as "it").
  Subjects are preferred (parse ``nsubj``; without a parse, the first mention of
  the sentence); object pronouns avoid the subject of their own clause (with a
  parse: the verb reached before any verb with a subject of its own; "Putin
  accepted Lukashenko's arguments without convincing him": him = Lukashenko, but
  "Reyes disliked the job, which left him tired": him = Reyes). Reflexives take
  the subject of their sentence, else the nearest compatible mention before
  them. Mentions inside a quotation are not antecedents for a pronoun outside it,
  a third-person pronoun inside a direct quote is not that quote's speaker ("“We
  keep it until he leaves,” Stan said": he is not Stan), and "they" does not
  reach past an indefinite such as "someone". An expletive "it" ("it seemed
  that", "it is unclear whether", "it was hard to"; the parse's ``expl``) has no
  antecedent. Among the candidates left, the
  learned ranker of :mod:`geotext.actors.ranking` chooses.
* **Quote sequences**: a pronoun that is the speaker of a quote ("… ,” she said")
  continues the speaker of the previous quote when that speaker agrees with it and
  no other compatible actor is mentioned between the two quotes ("Darla Quinn said …
  “…,” she said": she = Darla Quinn), whatever the ranker prefers; the quotes come
  from :mod:`geotext.quotes` as :class:`QuoteSite` records.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable

from attrs import frozen
from rapidfuzz.distance import Levenshtein

from geotext.actors.context import Context, Work
from geotext.actors.fuzzy import FUZZY_THRESHOLD
from geotext.actors.gazetteer import Match
from geotext.actors.names import HONORIFIC_GENDER, given_name_gender
from geotext.actors.normalize import normalize
from geotext.actors.ranking import Candidate, features, ranker
from geotext.actors.records import ACTOR_TYPES, ActorRecord
from geotext.language.view import is_subject

__all__ = ["QuoteSite", "pronouns", "titles"]

_MALE = {"he": "nom", "him": "obj", "his": "poss", "himself": "refl"}
_FEMALE = {"she": "nom", "her": "poss", "hers": "poss", "herself": "refl"}
_PLURAL = {"they": "nom", "them": "obj", "their": "poss", "theirs": "poss", "themselves": "refl"}
_NEUTER = {"it": "nom", "its": "poss", "itself": "refl"}
_PRONOUNS = frozenset({*_MALE, *_FEMALE, *_PLURAL, *_NEUTER, "both"})
_AUXILIARIES = frozenset(
    {"are", "were", "have", "had", "will", "would", "can", "could", "did", "do", "said", "say", "also"}
)
_POSSESSIVES = frozenset({"his", "her", "their", "its"})
_INDEFINITES = frozenset(
    {"someone", "somebody", "anyone", "anybody", "everyone", "everybody", "nobody", "people"}
)
# Actor types a plural pronoun ("they", "their") can refer to: every type of group,
# i.e. all but individuals and places.
_GROUP_TYPES = ACTOR_TYPES - {"person", "place", "historical_state"}
# Groups referred to as "they" whatever their grammatical number.
_PLURAL_TYPES = frozenset({"collective", "armed_group"})
# Relaxed surname similarity when a title already names the person.
_TITLED_THRESHOLD = FUZZY_THRESHOLD - 0.15


def _scope(ctx: Context, work: Work) -> tuple[str | None, str]:
    """The scope a modifier gives a title: (country ISO3 or org id, modifier type)."""
    record = ctx.kb.get(work.actor)
    if record is None:
        return None, ctx.actor_type(work.actor)
    if record.type in ("state", "historical_state"):
        return record.iso3, "state"
    if record.type == "government":
        return record.country, "state"
    if record.type == "person":
        roles = [r for r in record.roles if r.country and r.holds_on(ctx.day)]
        return (roles[0].country if roles else record.country), "state"
    if record.type in ("collective", "place"):
        return None, record.type
    return record.id, "org"


def _holder(ctx: Context, role: str, scope: str, former: bool) -> ActorRecord | None:
    if former:
        return ctx.kb.former_holder(role, scope, ctx.day)
    found = ctx.kb.holders(role, scope, ctx.day)
    return found[0] if found else None


def _role_for(ctx: Context, vocab: Match, scope: str, mod_type: str) -> str | None:
    entry = vocab.vocab
    assert entry is not None
    if mod_type == "org":
        if entry.kind in ("leader", "counterpart") or entry.target == "head_of_state":
            return "leader_of_organization"
        return entry.target if entry.kind == "role" else None
    if entry.kind in ("leader", "counterpart"):
        state = ctx.kb.state_for(scope)
        return (state.leader_role if state else None) or "head_of_state"
    return entry.target if entry.kind == "role" else None


def titles(ctx: Context) -> None:
    """Resolve role nouns and description nouns (see the module docstring)."""
    toks = ctx.toks
    for vocab in ctx.matches:
        entry = vocab.vocab
        if entry is None or vocab.actor_entries or entry.kind in ("former", "blocking"):
            continue
        if ctx.covering(vocab.i) is not None:
            continue  # already a description of a document entity (geotext.actors.entities)
        left, former, blocked, mod = vocab.i, False, False, None
        k = vocab.i - 1
        while k >= 0 and ctx.joined(k, k + 1):
            qualifier = ctx.vocab_at(k)
            work = ctx.covering(k)
            q_entry = qualifier.vocab if qualifier else None
            if qualifier and q_entry and q_entry.kind in ("former", "blocking"):
                former |= q_entry.kind == "former"
                blocked |= q_entry.kind == "blocking"
                left = k = qualifier.i
            elif mod is None and work is not None and work.kind != "pronoun":
                mod = work
                left = k = work.i
            elif toks[k].key in ("the", "a", "an") or toks[k].key in _POSSESSIVES:
                left = k
                break
            else:
                break
            k -= 1
        right = vocab.j
        if mod is None and right + 1 < len(toks) and toks[right].key == "of":
            # "the President of Russia", "the Secretary General of the UN"
            k = right + 2 if toks[right + 1].key == "the" else right + 1
            after = ctx.covering(k)
            joined = all(ctx.joined(n - 1, n) for n in range(right, k + 1))
            if after is not None and joined and after.i in (right + 1, k):
                mod, right = after, after.j
        named = ctx.covering(right) if right < len(toks) and ctx.joined(right - 1, right) else None
        if named is not None and named.i != right:
            named = None
        start = toks[left].start
        if entry.kind == "description":
            _description(ctx, vocab, left, named)
            continue
        if named is not None and ctx.actor_type(named.actor) == "person":
            ctx.add(vocab.i, right, named.actor, "title", "title before name", start=start, claim=False)
            _confirm(ctx, vocab, mod, named, former)
            continue
        if blocked:
            continue
        holder = None
        if mod is not None:
            scope, mod_type = _scope(ctx, mod)
            role = _role_for(ctx, vocab, scope, mod_type) if scope else None
            if scope and role:
                holder = _holder(ctx, role, scope, former)
                evidence = f"dated role {role} of {scope} on {ctx.day.isoformat()}"
        elif entry.kind == "role" and toks[left].key == "the" and left < vocab.i:
            holder, evidence = _bare(ctx, vocab, entry.target)
        if holder is not None:
            ctx.add(vocab.i, right, holder.id, "title", evidence, start=start, claim=False)


def _confirm(ctx: Context, vocab: Match, mod: Work | None, named: Work, former: bool) -> None:
    """An unknown name after a resolvable title may be a misspelling of the holder."""
    if not named.actor.startswith("unk:person:") or mod is None or vocab.vocab is None:
        return
    scope, mod_type = _scope(ctx, mod)
    role = _role_for(ctx, vocab, scope, mod_type) if scope else None
    holder = _holder(ctx, role, scope, former) if scope and role else None
    if holder is None:
        return
    last = ctx.toks[named.j - 1].key
    for form in (holder.name, *holder.aliases):
        other = normalize(form).split()[-1:]
        if other and other[0][0] == last[0]:
            score = Levenshtein.normalized_similarity(last, other[0])
            if score >= _TITLED_THRESHOLD:
                old = named.actor
                for work in ctx.mentions:
                    if work.actor == old:
                        work.actor = holder.id
                        work.evidence = f"title holder; surname {last!r} ~ {other[0]!r} ({score:.2f})"
                ctx.unknown.pop(old, None)
                return


def _bare(ctx: Context, vocab: Match, role: str) -> tuple[ActorRecord | None, str]:
    """'the president': the most recent person mentioned who holds the role.

    The noun must also occur in the role's title when the KB gives one, so that
    "the prime minister" does not go to a president who heads a government.
    """
    noun = " ".join(t.key for t in ctx.toks[vocab.i : vocab.j])
    for work in reversed(ctx.mentions[-200:]):
        if work.i >= vocab.i:
            continue
        record = ctx.kb.get(work.actor)
        if record and any(
            r.role == role and r.holds_on(ctx.day) and (not r.title or noun in normalize(r.title))
            for r in record.roles
        ):
            return record, f"bare title: {role} held by a person mentioned before"
    return None, ""


def _description(ctx: Context, vocab: Match, left: int, named: Work | None) -> None:
    start = ctx.toks[left].start
    if named is not None and ctx.actor_type(named.actor) == "person":
        ctx.add(
            vocab.i, vocab.j, named.actor, "description", "description before name", start=start, claim=False
        )
        return
    if ctx.toks[left].key not in _POSSESSIVES and ctx.covering(left) is None:
        return
    owner = ctx.covering(left)
    table = _MALE if ctx.toks[left].key == "his" else _FEMALE
    possessor = owner.actor if owner else _nearest(ctx, left, table)
    for work in reversed(_window(ctx, ctx.toks[left].sentence)):
        if work.i >= left:
            continue
        if ctx.actor_type(work.actor) == "person" and work.actor != possessor:
            evidence = "description: nearest other person before it"
            ctx.add(vocab.i, vocab.j, work.actor, "description", evidence, start=start, claim=False)
            return


def _compatible(ctx: Context, work: Work, table: dict[str, str], genders: dict[str, str | None]) -> bool:
    actor = work.actor
    kind = ctx.actor_type(actor)
    if table is _PLURAL:
        return kind in _PLURAL_TYPES or (work.plural and kind in _GROUP_TYPES)
    if table is _NEUTER:
        # it/its: a state, place or organisation named in the singular
        return kind != "person" and kind not in _PLURAL_TYPES and not work.plural
    if kind != "person":
        return False
    gender = genders.get(actor)
    return gender is None or gender == ("male" if table is _MALE else "female")


def genders(ctx: Context) -> dict[str, str | None]:
    """Each person's gender: the KB's, else an honorific before a mention ("Mrs
    Lind"), else the given name of their fullest name ("Darla Quinn": female)."""
    return {a: g for a, (g, _) in _genders(ctx).items()}


def _genders(ctx: Context) -> dict[str, tuple[str | None, str]]:
    """Gender and where it comes from, per person (see :func:`genders`)."""
    out: dict[str, tuple[str | None, str]] = {}
    fullest: dict[str, Work] = {}
    toks = ctx.toks
    for work in ctx.mentions:
        if ctx.actor_type(work.actor) != "person":
            continue
        record = ctx.kb.get(work.actor)
        if record is not None:
            out[work.actor] = (record.gender, "KB")
            continue
        if work.kind != "name":
            continue
        before = toks[work.i - 1].key if work.i > 0 and not toks[work.i].brk else ""
        if before in HONORIFIC_GENDER:
            out[work.actor] = (HONORIFIC_GENDER[before], f"honorific {toks[work.i - 1].surface!r}")
        best = fullest.get(work.actor)
        if best is None or work.j - work.i > best.j - best.i:
            fullest[work.actor] = work
    for actor, work in fullest.items():
        if actor not in out and work.j - work.i >= 2:
            gender = given_name_gender(toks[work.i].surface)
            out[actor] = (gender, f"{gender} given name" if gender else "")
    return out


def _window(ctx: Context, sentence: int, reach: int | None = None) -> list[Work]:
    """Mentions of the sentence and the ``reach`` (default three) before it, in text order."""
    index = ctx.by_sentence()
    back = _REACH if reach is None else reach
    return [w for s in range(sentence - back, sentence + 1) for w in index.get(s, ())]


# How many sentences back a pronoun looks (through earlier pronouns of a chain too).
_REACH = 3
# How far back he/she looks when nothing compatible is within _REACH: the
# person a chain is about may have been named a while ago ("Collins ... I told
# him ... he agreed", with short turns of dialogue between).
_FAR_REACH = 10
# How many sentences back the previous quote of a sequence may be.
_SEQUENCE_REACH = 8


@frozen(kw_only=True)
class QuoteSite:
    """Where a quote and its speaker phrase are (character offsets), for the
    quote-sequence rule; :func:`geotext.quotes.sites` makes them from the quotes.

    >>> QuoteSite(start=1, end=9, source=(12, 15), heads=((12, 15),)).source
    (12, 15)
    """

    start: int
    """Start of the quote's content."""
    end: int
    """End of the quote's content."""
    source: tuple[int, int]
    """The speaker phrase as written."""
    heads: tuple[tuple[int, int], ...] = ()
    """Its head words (where the speaker's actor is looked up)."""


class _Sequence:
    """The quotes of a document in text order and the actor each one's speaker is."""

    def __init__(self, ctx: Context, sites: tuple[QuoteSite, ...]) -> None:
        self.ctx = ctx
        seen: set[tuple[int, int]] = set()
        self.sites: list[QuoteSite] = []
        for site in sorted(sites, key=lambda q: (q.source[0], q.start)):
            if site.source not in seen:  # a floating quote repeats its speaker's phrase
                seen.add(site.source)
                self.sites.append(site)
        self.sources = [q.source[0] for q in self.sites]
        self.tok_starts = [t.start for t in ctx.toks]
        self.contents = sorted(sites, key=lambda q: q.start)
        self.content_starts = [q.start for q in self.contents]
        # The furthest end of contents[0..n]: the walk back in `voice` stops where no
        # earlier quote reaches the token (else it visits every earlier quote).
        self.content_reach = list(itertools.accumulate((q.end for q in self.contents), max))

    def voice(self, k: int) -> str | None:
        """The actor whose quote holds token ``k``, if its speaker is resolved: a
        third-person pronoun in X's own words is not X ("We will wait until he
        leaves," Stan said: he is not Stan)."""
        tok = self.ctx.toks[k]
        n = bisect.bisect_right(self.content_starts, tok.start) - 1
        while n >= 0 and self.contents[n].start <= tok.start and self.content_reach[n] >= tok.end:
            site = self.contents[n]
            if tok.end <= site.end:
                work = self.speaker(site)
                return work.actor if work is not None else None
            n -= 1
        return None

    def own(self, k: int) -> QuoteSite | None:
        """The quote whose speaker phrase is the pronoun at token ``k``."""
        tok = self.ctx.toks[k]
        n = bisect.bisect_left(self.sources, tok.start)
        if n < len(self.sites) and self.sites[n].source == (tok.start, tok.end):
            return self.sites[n]
        return None

    def previous(self, k: int) -> tuple[QuoteSite, Work] | None:
        """The latest quote whose speaker phrase ends before token ``k`` and the
        mention that names its speaker, within reach."""
        tok = self.ctx.toks[k]
        n = bisect.bisect_left(self.sources, tok.start) - 1
        while n >= 0 and self.sites[n].source[1] > tok.start:
            n -= 1
        if n < 0:
            return None
        site = self.sites[n]
        work = self.speaker(site)
        if work is None or tok.sentence - work.sentence > _SEQUENCE_REACH:
            return None
        return site, work

    def speaker(self, site: QuoteSite) -> Work | None:
        """The mention over the head of a quote's speaker phrase (a person first, then
        the longest)."""
        ctx = self.ctx
        n = bisect.bisect_right(self.tok_starts, site.source[0]) - 1
        if n < 0:
            return None
        spans = site.heads or (site.source,)
        found = [
            w
            for w in ctx.by_sentence().get(ctx.toks[n].sentence, ())
            if any(w.start < e and s < w.end for s, e in spans)
            and site.source[0] <= w.start
            and w.end <= site.source[1]
        ]
        if not found:
            return None
        return max(found, key=lambda w: (ctx.actor_type(w.actor) == "person", w.end - w.start, w.start))


Collect = Callable[[int, list[tuple[str, list[float]]]], "int | None"]
"""Training hook: (pronoun token, [(candidate actor, features)]) for every decision;
it may return the index of the candidate to choose (else the recency rule chooses)."""


class _Stats:
    """Mention counts per actor (start offsets kept sorted: all mentions, and those
    that are not pronouns) and the text's first person."""

    def __init__(self, ctx: Context) -> None:
        self.starts: dict[str, list[int]] = {}
        self.named: dict[str, list[int]] = {}
        for work in ctx.mentions:
            self.starts.setdefault(work.actor, []).append(work.start)
            if work.kind != "pronoun":
                self.named.setdefault(work.actor, []).append(work.start)
        for starts in (*self.starts.values(), *self.named.values()):
            starts.sort()
        people = [w for w in ctx.mentions if ctx.actor_type(w.actor) == "person"]
        self.first_person = min(people, key=lambda w: w.start).actor if people else None

    def add(self, actor: str, start: int) -> None:
        bisect.insort(self.starts.setdefault(actor, []), start)

    def before(self, actor: str, offset: int) -> int:
        return bisect.bisect_left(self.starts.get(actor, []), offset)

    def named_before(self, actor: str, offset: int) -> int:
        return bisect.bisect_left(self.named.get(actor, []), offset)


def _candidates(
    ctx: Context,
    k: int,
    role: str,
    table: dict[str, str],
    genders: dict[str, str | None],
    stats: _Stats | None = None,
    sequence: _Sequence | None = None,
) -> list[Candidate]:
    """The actors a pronoun at token ``k`` may refer to (the rules of the module docstring)."""
    tok = ctx.toks[k]
    previous = sequence.previous(k) if sequence is not None else None
    speaker = previous[1].actor if previous is not None else None
    is_speaker = sequence is not None and sequence.own(k) is not None
    # only in quotation marks: in reported speech ("X said that he ...") he is often X
    voice = sequence.voice(k) if sequence is not None and ctx.in_quote(tok.start) else None
    quote = ctx.in_quote(tok.start)
    if table is _NEUTER and quote is not None:
        return []  # inside a quotation "it" is almost never an actor named outside it
    if table is _NEUTER and _pleonastic(ctx, k):
        return []  # "it seemed that ...", "it is unclear why ...": no referent
    latest: dict[str, Work] = {}
    subject: set[str] = set()
    in_window: dict[str, int] = {}
    reaches = (_REACH, _FAR_REACH) if table in (_MALE, _FEMALE) and role != "refl" else (_REACH,)
    for reach in reaches:
        for work in _window(ctx, tok.sentence, reach):
            if work.start >= tok.start:
                continue
            if ctx.in_quote(work.start) not in (None, quote):
                continue
            if work.actor == voice or not _compatible(ctx, work, table, genders):
                continue
            if table is _NEUTER and tok.sentence - work.sentence > 1:
                continue  # "it" reaches one sentence back: most "it"s are not actors
            if reach > _REACH and genders.get(work.actor) is None:
                continue  # that far back, only a person whose gender agrees
            latest[work.actor] = work
            in_window[work.actor] = in_window.get(work.actor, 0) + 1
            if work.subject:
                subject.add(work.actor)
        if latest:
            break
    if table is _PLURAL:
        latest = {a: w for a, w in latest.items() if tok.sentence - w.sentence < 2}
        last = max((w.j for w in latest.values()), default=k)
        if any(t.key in _INDEFINITES for t in ctx.toks[last:k]):
            return []
    if role == "refl":
        same = [w for w in latest.values() if w.sentence == tok.sentence]
        subjects = [w for w in same if w.subject]
        # an emphatic "herself" with nobody in its sentence ("She herself ..." split
        # off by the parser) takes the nearest compatible mention before it
        nearest = sorted(latest.values(), key=lambda w: w.start)[-1:]
        keep = subjects[-1:] or same[-1:] or nearest
        latest = {w.actor: w for w in keep}
    order = sorted(latest.values(), key=lambda w: w.start, reverse=True)
    starts = role == "nom" and tok.first
    stats = stats or _Stats(ctx)
    first_person = stats.first_person
    counts = {w.actor: stats.before(w.actor, tok.start) for w in order}
    out = []
    for rank, work in enumerate(order):
        own_subject = work.sentence == tok.sentence and work.subject and _clause_mate(ctx, work, k)
        if role == "obj" and own_subject and len(order) > 1:
            continue  # "Putin ... without convincing him": him is not the subject
        out.append(
            Candidate(
                actor=work.actor,
                sentence_distance=tok.sentence - work.sentence,
                token_distance=k - work.j,
                last_is_subject=work.subject,
                subject_in_window=work.actor in subject,
                recency_rank=rank,
                last_kind=work.kind,
                mentions_before=counts.get(work.actor, 0),
                first_person=work.actor == first_person,
                gender_known=genders.get(work.actor) is not None,
                same_clause_subject=own_subject,
                same_quote=quote is not None and ctx.in_quote(work.start) == quote,
                type=ctx.actor_type(work.actor),
                last_start=work.start,
                previous_speaker=work.actor == speaker,
                pronoun_is_speaker=is_speaker,
                last_role="subject" if work.subject else _role(ctx, work),
                mentions_in_window=in_window.get(work.actor, 0),
                pronoun_starts_sentence=starts,
                names_before=stats.named_before(work.actor, tok.start),
            )
        )
    return out


_OBJECTS = frozenset({"obj", "iobj"})
_MODIFIERS = frozenset({"nmod", "nmod:poss", "obl", "compound", "nmod:tmod", "obl:agent"})


def _role(ctx: Context, work: Work) -> str:
    """``object``, ``modifier`` or ``""``: the parse relation of a mention's head
    (empty without a parse; subjects are marked on the mention itself)."""
    deprels = set(ctx.head_deprels(work.i, work.j))
    if deprels & _OBJECTS:
        return "object"
    if deprels & _MODIFIERS:
        return "modifier"
    return ""


_WEATHER_VERBS = frozenset(
    {"seem", "seems", "seemed", "appear", "appears", "appeared", "happens", "happened"}
    | {"took", "takes", "rains", "rained"}
)
_BE = frozenset({"is", "was", "'s", "be", "been", "becomes", "became", "remains", "remained"})
_BE_LEAD = frozenset({"has", "had", "have", "will", "would", "may", "might", "could", "should", "must"})
_NOUN_LEADS = frozenset({"a", "an", "the", "this", "that", "his", "her", "its", "their", "one", "our", "my"})
_CLAUSE_WORDS = frozenset({"that", "to", "whether", "if", "why", "how", "when", "what", "who"})


def _pleonastic(ctx: Context, k: int) -> bool:
    """Whether the "it" at token ``k`` is expletive: the parse says so, or "it"
    is followed by "seem(ed)"/"appear(ed)"/"took", or by a form of "be", a word
    that opens no noun phrase and a clause word ("it is unclear why", "it was
    clear that", "it is hard to"; not "it is a city that")."""
    toks = ctx.toks
    if toks[k].key != "it":
        return False
    if ctx.head_deprels(k, k + 1) == ["expl"]:
        return True
    n = k + 1
    while (
        n < len(toks) and toks[n].sentence == toks[k].sentence and toks[n].key in _BE_LEAD | {"not", "also"}
    ):
        n += 1
    if n >= len(toks) or toks[n].sentence != toks[k].sentence:
        return False
    if toks[n].key in _WEATHER_VERBS:
        return True
    if toks[n].key not in _BE:
        return False
    ahead = [t.key for t in toks[n + 1 : n + 4] if t.sentence == toks[k].sentence]
    if not ahead or ahead[0] in _NOUN_LEADS:
        return False  # "it is a city that ...": a relative clause, "it" refers
    if ahead[0].endswith("ed") and "to" in ahead[1:2]:
        return False  # "it is considered to be ...": raised, "it" refers
    return any(word in _CLAUSE_WORDS for word in ahead[1:3])


def _clause_mate(ctx: Context, work: Work, k: int) -> bool:
    """Whether the subject mention ``work`` is the subject of the clause of token ``k``.

    With a parse: going up from the word at ``k``, the subject's verb is reached
    before a verb with a subject of its own ("Putin accepted ... without convincing
    him": yes; "Gordon disliked the service, which left him ...": no, "left" has its
    own subject). Without a parse, any subject of the same sentence counts.
    """
    if not ctx.doc.has_parse:
        return True
    words = ctx.doc.sentences[ctx.toks[k].sentence].words
    ids = {t.word for t in ctx.toks[work.i : work.j]}
    verbs = {w.head for w in words if w.id in ids and w.head not in ids}
    subjects = {w.head for w in words if is_subject(w.deprel)}
    word, seen = ctx.toks[k].word, set()
    while 0 < word <= len(words) and word not in seen:
        seen.add(word)
        head = words[word - 1].head
        if head in verbs:
            return True
        if head in subjects:
            return False
        word = head
    return False


def _nearest(ctx: Context, k: int, table: dict[str, str]) -> str | None:
    """The recency rule alone: nearest sentence, subjects first, latest."""
    found = _candidates(ctx, k, "poss", table, genders(ctx))
    best = min(
        found, key=lambda c: (c.sentence_distance, not c.last_is_subject, c.recency_rank), default=None
    )
    return best.actor if best else None


def _choose(
    ctx: Context,
    k: int,
    role: str,
    table: dict[str, str],
    found: list[Candidate],
    collect: Collect | None,
    sources: dict[str, tuple[str | None, str]],
) -> tuple[str, str] | None:
    """Pick the antecedent among the candidates: the learned ranker's best (or, when
    collecting training data, the recency rule: nearest sentence, subjects first)."""
    if not found:
        return None
    tok = ctx.toks[k]
    plural = table is _PLURAL
    in_quote = ctx.in_quote(tok.start) is not None
    rows = [(c, features(c, role, plural, in_quote, len(found))) for c in found]
    if collect is not None:
        pick = collect(k, [(c.actor, x) for c, x in rows])
        if pick is not None:
            return found[pick].actor, f"{role} pronoun: chosen by the training hook"
        best = min(found, key=lambda c: (c.sentence_distance, not c.last_is_subject, c.recency_rank))
        return best.actor, f"{role} pronoun: nearest compatible antecedent"
    model = ranker()
    scored = sorted(((model.probability(x), c) for c, x in rows), key=lambda t: -t[0])
    p, best = scored[0]
    why = [f"{role} pronoun"]
    if best.type == "person":
        gender, source = sources.get(best.actor, (None, ""))
        why.append(f"{source} gender" if source == "KB" else source if gender else "gender unknown")
    else:
        why.append(best.type.replace("_", " "))
    if best.last_is_subject:
        why.append("subject")
    if best.last_kind == "pronoun":
        why.append("continues the chain")
    if best.previous_speaker:
        why.append("the previous quote's speaker")
    back = best.sentence_distance
    why.append("same sentence" if back == 0 else f"{back} sentence{'s' if back > 1 else ''} back")
    return best.actor, f"{', '.join(why)}; ranker p={p:.2f} among {len(found)} candidates"


def _both(ctx: Context, k: int) -> list[str]:
    """The two people "both" refers to, if it stands alone ("both refrained").

    "both" is a pronoun when no noun follows it: the next word is a verb (the
    parse's VERB/AUX/ADV, or without a parse an auxiliary or an ``-ed`` form), or
    "of". It then means the two people mentioned last, within two sentences.
    """
    toks = ctx.toks
    if k + 1 >= len(toks) or toks[k + 1].brk or toks[k + 1].shape != "lower":
        return []
    following = toks[k + 1]
    sentence = ctx.doc.sentences[following.sentence]
    word = sentence.words[following.word - 1] if 0 < following.word <= len(sentence.words) else None
    if ctx.doc.has_parse and word is not None:
        verb = word.upos in ("VERB", "AUX", "ADV")
    else:
        verb = following.key.endswith("ed") or following.key in _AUXILIARIES
    if not (verb or following.key == "of"):
        return []
    people: list[str] = []
    for work in reversed(_window(ctx, toks[k].sentence)):
        if work.start < toks[k].start and work.actor not in people and ctx.actor_type(work.actor) == "person":
            people.append(work.actor)
    return people[:2] if len(people) >= 2 else []


def _continues(
    ctx: Context,
    k: int,
    table: dict[str, str],
    found: list[Candidate],
    genders: dict[str, str | None],
    sequence: _Sequence,
) -> str | None:
    """The quote-sequence rule: the actor a pronoun speaker continues, or ``None``.

    The pronoun at ``k`` must be the speaker phrase of a quote; the previous quote's
    speaker must agree with it, and no other compatible actor (a candidate) may be
    mentioned after the previous quote's speaker phrase and content.
    """
    if sequence.own(k) is None:
        return None
    previous = sequence.previous(k)
    if previous is None:
        return None
    site, work = previous
    if not _compatible(ctx, work, table, genders):
        return None
    boundary = max(site.end, site.source[1])
    if any(c.actor != work.actor and c.last_start >= boundary for c in found):
        return None
    return work.actor


def _sequence_evidence(
    role: str, actor: str, ctx: Context, sources: dict[str, tuple[str | None, str]]
) -> str:
    why = [f"{role} pronoun"]
    if ctx.actor_type(actor) == "person":
        gender, source = sources.get(actor, (None, ""))
        why.append(f"{source} gender" if source == "KB" else source if gender else "gender unknown")
    else:
        why.append(ctx.actor_type(actor).replace("_", " "))
    why.append("speaker of the previous quote, no other compatible actor since")
    return ", ".join(why)


def pronouns(ctx: Context, collect: Collect | None = None, quotes: tuple[QuoteSite, ...] = ()) -> None:
    """Resolve third-person pronouns to the actors they refer to.

    ``collect`` is the training hook of ``geotext.training.coref``: it receives the
    candidates and features of every decision the ranker would make and may return
    the index of the one to choose (else the recency rule decides); the
    quote-sequence rule applies as at run time. ``quotes`` are the document's
    quotes, for the quote-sequence rule.
    """
    sources = _genders(ctx)
    table_of = {a: g for a, (g, _) in sources.items()}
    stats = _Stats(ctx)
    sequence = _Sequence(ctx, quotes)
    for k, tok in enumerate(ctx.toks):
        if tok.key not in _PRONOUNS or tok.shape == "upper" or ctx.covering(k) is not None:
            continue
        if tok.key == "both":
            for person in _both(ctx, k):
                ctx.add(k, k + 1, person, "pronoun", "both: the two people mentioned last", claim=False)
            continue
        for table in (_MALE, _FEMALE, _PLURAL, _NEUTER):
            role = table.get(tok.key)
            if role is None:
                continue
            found = _candidates(ctx, k, role, table, table_of, stats, sequence)
            continued = _continues(ctx, k, table, found, table_of, sequence)
            if continued is not None:
                chosen: tuple[str, str] | None = (
                    continued,
                    _sequence_evidence(role, continued, ctx, sources),
                )
            else:
                chosen = _choose(ctx, k, role, table, found, collect, sources)
            if chosen is not None:
                work = ctx.add(k, k + 1, chosen[0], "pronoun", chosen[1])
                stats.add(work.actor, work.start)
                work.subject = role == "nom"
                if table in (_MALE, _FEMALE) and table_of.get(work.actor) is None:
                    # a person of unknown gender takes the gender of the pronoun resolved to them
                    gender = "male" if table is _MALE else "female"
                    table_of[work.actor] = gender
                    sources[work.actor] = (gender, f"{gender} by an earlier {tok.surface!r}")
            break
