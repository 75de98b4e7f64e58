"""Resolve every actor mention of a document to one canonical actor.

The passes, in order (each documented on its function):

1. gazetteer names (:func:`_names`): KB aliases, abbreviations, adjectives,
   demonyms and metonyms; metonyms after a locative preposition are places;
2. candidates (:mod:`geotext.actors.candidates`): NER entities and capitalised
   word runs the gazetteer missed: surnames and given names of people named
   before, misspelt people (fuzzy), near-miss organisation names (token
   overlap), organisations named after a state ("Statistics Norway"), unknown
   people, organisations and places;
3. abbreviations defined in the text (:func:`_abbreviations`);
4. document entities (:mod:`geotext.actors.entities`): roles and affiliations
   from titles and appositions, then descriptions ("the mayor", "the union",
   "the city") resolved to the entity holding that role or type;
5. KB titles, relation descriptions and pronouns (:mod:`geotext.actors.coref`),
   pronoun antecedents chosen by a learned ranker (:mod:`geotext.actors.ranking`).

Unknown actors are document entities: their canonical name is the fullest name
form in the text and their id its slug (``unk:person:hana-ilves``).

Works on both backends: without NER, capitalised runs are the candidates;
without a parse, the first mention of a sentence stands in for its subject.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterable, Sequence

from geotext.actors import coref, entities
from geotext.actors.candidates import candidates
from geotext.actors.context import Context, Work
from geotext.actors.fuzzy import match_org
from geotext.actors.gazetteer import Entry, Gazetteer, Match, stream
from geotext.actors.kb import KnowledgeBase
from geotext.actors.names import strip_invisible
from geotext.actors.normalize import slug
from geotext.actors.records import Actor, Mention
from geotext.data import load_yaml
from geotext.model import Document

__all__ = ["actors_in_span", "resolve", "run_passes"]


@functools.cache
def _place_context() -> dict[str, frozenset[str]]:
    """``data/place_context.yaml``: the contexts that make a capital the place."""
    data = load_yaml("place_context.yaml")
    if not isinstance(data, dict):
        raise TypeError("place_context.yaml must hold a mapping")
    keys = ("locatives", "directional", "motion_verbs", "location_object_verbs")
    return {k: frozenset(str(w) for w in data[k]) for k in keys}


# Dateline separators: "WASHINGTON (AP) -", "MOSCOW, Dec. 20 -".
_DATELINE = frozenset("-(,\u2014\u2013")


def resolve(
    doc: Document,
    *,
    date: datetime.date | None = None,
    kb: KnowledgeBase | None = None,
    quotes: Sequence[coref.QuoteSite] = (),
) -> tuple[Actor, ...]:
    """Find and resolve every actor mention of ``doc``.

    Args:
        doc: An annotated document (either backend).
        date: The date for dated roles; default ``doc.date``, else today.
        kb: The knowledge base; default the shipped one.
        quotes: Where the document's quotes and their speaker phrases are
            (:func:`geotext.quotes.sites`), for the quote-sequence rule of pronoun
            speakers (:mod:`geotext.actors.coref`).

    Returns:
        The actors in order of first mention, each with all its mentions.

    >>> from geotext.actors.kb import KnowledgeBase
    >>> from geotext.actors.records import ActorRecord
    >>> from geotext.backends import annotate
    >>> kb = KnowledgeBase([ActorRecord(id="person:ada-example", type="person",
    ...     name="Ada Example", aliases=("Example",), gender="female")])
    >>> doc = annotate(["Ada Example spoke. Later Example said she agreed."],
    ...                backend="rules")[0]
    >>> [(m.text, m.kind) for m in resolve(doc, kb=kb)[0].mentions]
    [('Ada Example', 'name'), ('Example', 'name'), ('she', 'pronoun')]
    """
    return _assemble(*run_passes(doc, date=date, kb=kb, quotes=quotes))


def run_passes(
    doc: Document,
    *,
    date: datetime.date | None = None,
    kb: KnowledgeBase | None = None,
    collect: coref.Collect | None = None,
    quotes: Sequence[coref.QuoteSite] = (),
) -> tuple[Context, dict[str, entities.Profile]]:
    """Run every pass of :func:`resolve` and return its working state (for the
    ``coref`` trainer, whose ``collect`` hook sees each pronoun decision)."""
    kb = KnowledgeBase.default() if kb is None else kb
    day = date or doc.date or datetime.date.today()
    if isinstance(day, datetime.datetime):
        day = day.date()  # roles hold dates; datetimes do not compare with them
    toks = stream(doc)
    ctx = Context.start(doc, kb, day, toks, Gazetteer.for_kb(kb).scan(toks))
    _names(ctx)
    candidates(ctx)
    _abbreviations(ctx)
    profiles = entities.profile(ctx)
    ctx.mark_subjects()
    entities.descriptions(ctx, profiles)
    coref.titles(ctx)
    ctx.mark_subjects()
    coref.pronouns(ctx, collect, tuple(quotes))
    return ctx, profiles


def actors_in_span(actors: Iterable[Actor], start: int, end: int) -> list[Actor]:
    """Actors with a mention overlapping ``[start, end)``, best cover first.

    The actor whose mention overlaps most of the span comes first; on a tie,
    people before others (for speaker lookup: "The Kremlin boss" names Putin,
    and the Russian government only through "Kremlin").

    >>> m = Mention(text="Ada", start=0, end=3, kind="name", evidence="", sentence=0)
    >>> a = Actor(id="unk:person:ada", name="Ada", type="person", record=None, mentions=(m,))
    >>> [x.id for x in actors_in_span([a], 0, 10)], actors_in_span([a], 5, 10)
    (['unk:person:ada'], [])
    """
    scored = []
    for actor in actors:
        best = actor.overlap(start, end)
        if best > 0:
            scored.append((-best, actor.type != "person", actor.start, actor))
    scored.sort(key=lambda t: t[:3])
    return [t[3] for t in scored]


# -- pass 1: gazetteer names -------------------------------------------------------


def _always(day: datetime.date) -> bool:
    return True


def _pick(ctx: Context, match: Match) -> Entry | None:
    """Choose among a match's entries: earlier mention, then role holder, then rank."""
    entries = match.actor_entries
    targets = list(dict.fromkeys(e.target for e in entries))
    if len(targets) > 1:
        # A historical state's names and metonyms only win in text of its time,
        # and there they win ("the Kremlin" in 1985 is the Soviet government).
        alive = [t for t in targets if getattr(ctx.kb.get(t), "exists_on", _always)(ctx.day)]
        dated = [t for t in alive if getattr(ctx.kb.get(t), "end", None) is not None]
        alive = dated or alive
        if alive and len(alive) < len(targets):
            entries = tuple(e for e in entries if e.target in alive)
            targets = alive
    if len(targets) == 1:
        return entries[0]
    seen = [(ctx.last_seen[t], t) for t in targets if t in ctx.last_seen]
    if seen:
        return next(e for e in entries if e.target == max(seen)[1])
    people = [t for t in targets if ctx.actor_type(t) == "person"]
    active = [t for t in people if any(r.holds_on(ctx.day) for r in getattr(ctx.kb.get(t), "roles", ()))]
    if len(active) == 1:
        return next(e for e in entries if e.target == active[0])
    if people and len(people) == len(targets):
        return None  # two people share the name and nothing tells them apart
    return entries[0]


def _names(ctx: Context) -> None:
    """Turn gazetteer matches of actor aliases into mentions."""
    toks = ctx.toks
    for match in ctx.matches:
        entry = _pick(ctx, match) if match.actor_entries else None
        if entry is None:
            continue
        text = " ".join(t.surface for t in toks[match.i : match.j])
        if entry.kind == "metonym":
            place = f"place:{slug(entry.form)}"
            why = _place_reading(ctx, match, entry.target, entry.form)
            if why and place in ctx.kb:
                ctx.add(match.i, match.j, place, "name", f"place: {text!r} {why}")
                continue
            ctx.add(match.i, match.j, entry.target, "metonym", f"metonym {entry.form!r}", metonymic=True)
            continue
        kind = entry.kind if entry.kind in ("name", "abbreviation") else "alias"
        evidence = f"{entry.kind} {entry.form!r}"
        work = ctx.add(match.i, match.j, entry.target, kind, evidence)
        work.plural = entry.kind == "demonym" and toks[match.j - 1].key.endswith("s")


def _place_reading(ctx: Context, match: Match, gov: str, form: str) -> str:
    """Why a metonym names the place rather than the government ('' if it does not).

    After a locative preposition ("in Minsk", "at the Kremlin"); as an all-capitals
    dateline opening a sentence ("WASHINGTON -"); and, with a parse, a capital
    city used as a noun modifier ("the Paris attacks": deprel ``compound``).
    """
    toks = ctx.toks
    words = _place_context()
    k = match.i - 1
    if k >= 0 and toks[k].key == "the" and ctx.joined(k, match.i):
        k -= 1
    if k >= 0 and not toks[k + 1].brk:
        before = toks[k].key
        if before in words["locatives"]:
            return f"after {toks[k].surface!r}"
        if before in words["location_object_verbs"]:
            return f"as the location object of {toks[k].surface!r}"
        if before in words["directional"]:
            # "flew (back) to Minsk" is the city; "aid to Moscow" is the government.
            for v in range(k - 1, max(-1, k - 3), -1):
                if toks[v].key in words["motion_verbs"]:
                    return f"after {toks[v].surface!r} … {toks[k].surface!r}"
    first = toks[match.i]
    if first.first and first.shape == "upper" and match.j < len(toks):
        gap = ctx.doc.text[toks[match.j - 1].end : toks[match.j].start]
        if not _DATELINE.isdisjoint(gap):
            return "as a dateline"
    record = ctx.kb.get(gov)
    state = ctx.kb.state_for(record.country) if record and record.country else None
    if state is not None and state.capital == form and "compound" in ctx.head_deprels(match.i, match.j):
        return "as a noun modifier"
    return ""


# -- pass 3: abbreviations defined in the text ---------------------------------------


def _initials_fit(abbr: str, words: Sequence[str]) -> bool:
    letters = [w[0] for w in words if w]
    pos = 0
    for c in abbr:
        while pos < len(letters) and letters[pos] != c:
            pos += 1
        if pos == len(letters):
            return False
        pos += 1
    return bool(letters) and letters[0] == abbr[0]


def _abbreviations(ctx: Context) -> None:
    """``Name (ABBR)``: later uses of ABBR mean that actor in this document."""
    toks, text = ctx.toks, ctx.doc.text
    defined: dict[str, str] = {}
    for k, tok in enumerate(toks):
        if tok.shape != "upper" or not 2 <= len(tok.key) <= 10 or k == 0:
            continue
        before = text[toks[k - 1].end : tok.start]
        after = text[tok.end : toks[k + 1].start] if k + 1 < len(toks) else text[tok.end :]
        if "(" not in before or ")" not in after[:2]:
            continue
        owner = ctx.covering(k - 1)
        if owner is None:
            i = k - 1
            while i > 0 and not toks[i].brk and toks[i - 1].sentence == tok.sentence:
                i -= 1
            while i < k - 1 and (toks[i].shape not in ("cap", "upper") or toks[i].first):
                i += 1
            words = [t.key for t in toks[i:k]]
            if k - i < 2 or not _initials_fit(tok.key, words):
                continue
            hit = match_org(words, ctx.kb)
            actor = hit.actor if hit else ctx.new_unknown(i, k, "organization")
            ctx.add(i, k, actor, "name", "defined with an abbreviation")
        elif _initials_fit(tok.key, [t.key for t in toks[owner.i : owner.j]]):
            actor = owner.actor
        else:
            continue
        defined[tok.key] = actor
    if not defined:
        return
    for k, tok in enumerate(toks):
        target = defined.get(tok.key)
        if target is None or tok.shape != "upper":
            continue
        work = ctx.covering(k)
        if work is None:
            ctx.add(k, k + 1, target, "abbreviation", "abbreviation defined in the text")
        elif work.j - work.i == 1 and work.actor != target:
            work.actor, work.kind = target, "abbreviation"
            work.evidence = "abbreviation defined in the text"


# -- assembly -----------------------------------------------------------------------------


def _canonical(ctx: Context, actor_id: str, works: Iterable[Work]) -> str:
    """An unknown actor's canonical name: its fullest name form in the text (most
    words, then first), invisible characters removed."""
    forms = [
        " ".join(strip_invisible(ctx.doc.text[w.start : w.end]).split())
        for w in works
        if w.kind in ("name", "alias") and not w.metonymic
    ]
    fallback = ctx.unknown.get(actor_id, ("", ""))[0]
    return max(forms, key=lambda f: len(f.split()), default=fallback) or fallback


def _assemble(ctx: Context, profiles: dict[str, entities.Profile]) -> tuple[Actor, ...]:
    text = ctx.doc.text
    by_actor: dict[str, dict[tuple[int, int], Work]] = {}
    for work in sorted(ctx.mentions, key=lambda w: (w.start, w.end)):
        by_actor.setdefault(work.actor, {}).setdefault((work.start, work.end), work)
    # Unknown actors are document entities: the id derives from the canonical name,
    # so "Ilves ... Hana Ilves" is unk:person:hana-ilves whichever form came first.
    names: dict[str, str] = {}
    renamed: dict[str, str] = {}
    for actor_id, works in by_actor.items():
        if actor_id in ctx.unknown:
            names[actor_id] = _canonical(ctx, actor_id, works.values())
            prefix = actor_id.rsplit(":", 1)[0]
            new_id = f"{prefix}:{slug(names[actor_id])}"
            if new_id not in by_actor and new_id not in renamed.values():
                renamed[actor_id] = new_id
    actors = []
    for actor_id, works in by_actor.items():
        record = ctx.kb.get(actor_id)
        name, kind = (record.name, record.type) if record else ctx.unknown.get(actor_id, ("", ""))
        if not name:
            continue
        name = names.get(actor_id, name)
        mentions = tuple(
            Mention(
                text=text[w.start : w.end],
                start=w.start,
                end=w.end,
                kind=w.kind,
                evidence=w.evidence,
                sentence=w.sentence,
                metonymic=w.metonymic,
            )
            for w in works.values()
        )
        prof = profiles.get(actor_id, entities.Profile())
        actors.append(
            Actor(
                id=renamed.get(actor_id, actor_id),
                name=name,
                type=kind,
                record=record,
                mentions=mentions,
                roles=tuple(prof.roles),
                affiliations=tuple(renamed.get(a, a) for a in prof.affiliations),
            )
        )
    actors.sort(key=lambda a: (a.start, -a.mentions[0].end))
    return tuple(actors)
