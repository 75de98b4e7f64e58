"""From a speaker's words to the resolved actors they refer to."""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from geotext.actors import Actor, ActorIndex, Mention, actors_in_span
from geotext.quotes.records import ActorRef

__all__ = ["speaker_actors"]

# An actor named inside the speaker phrase but not at its head ("analysts from
# ISW", "ISW analysts", "a Kremlin spokesman") is who the speaker speaks for. A
# state or person in a pre-modifier is not ("the Belarusian counterpart" is not
# Belarus), so those count only after a preposition.
_NOT_AS_PREMODIFIER = frozenset({"state", "person", "place", "historical_state", "collective"})


def _mentions_within(actor: Actor, start: int, end: int) -> list[Mention]:
    """The actor's mentions that start in ``[start, end)`` (mentions are sorted by
    start, so a quote costs a binary search, not a pass over the whole document)."""
    lo = bisect.bisect_left(actor.mentions, start, key=lambda m: m.start)
    hi = bisect.bisect_left(actor.mentions, end, lo, key=lambda m: m.start)
    return list(actor.mentions[lo:hi])


def speaker_actors(
    actors: Sequence[Actor] | ActorIndex,
    source: tuple[int, int],
    heads: Sequence[tuple[int, int]],
    pp_start: int | None,
) -> tuple[ActorRef, ...]:
    """Return the actors a speaker phrase refers to, in order of mention.

    The actors with a mention over a head word of the phrase come first (the head
    of "Kremlin spokesman Dmitri Peshkov" is "Peshkov"; the head "both" has two
    actors), found with :func:`geotext.actors.actors_in_span`. Only when no head
    is an actor's mention does an actor named elsewhere in the phrase count: after
    a preposition (``pp_start``), before the head unless it is a state, place or
    person, or a person after the head (an apposition: "The foreign minister, Dmytro
    Kuleba"). A person whose name ends the phrase is the speaker of a title + name
    phrase ("Harbor Bank analyst Tomas Reyes"); the title's organisation is not.

    Example:
        >>> from geotext.actors import Actor, Mention
        >>> m = Mention(text="ISW", start=22, end=25, kind="abbreviation", evidence="", sentence=0)
        >>> isw = Actor(id="org:isw", name="ISW", type="think_tank", record=None, mentions=(m,))
        >>> [a.id for a in speaker_actors([isw], (0, 25), [(0, 8)], 18)]
        ['org:isw']
    """
    if not isinstance(actors, ActorIndex):
        actors = ActorIndex(actors)
    found: list[Actor] = []
    for hs, he in heads:
        found.extend(a for a in actors_in_span(actors, hs, he) if a not in found)
    if not found:
        s, e = source
        head_start = min((h[0] for h in heads), default=s)
        head_end = max((h[1] for h in heads), default=e)
        candidates = actors_in_span(actors, s, e)
        for actor in candidates:
            inside = [m for m in _mentions_within(actor, s, e) if m.end <= e]
            # A place named inside an organisation's name ("a poll from Florida Atlantic
            # University") is not a second speaker: only the longer mention counts.
            inside = [m for m in inside if not _nested(m, actor, candidates, s, e)]
            after_pp = pp_start is not None and any(m.start >= pp_start for m in inside)
            premodifier = actor.type not in _NOT_AS_PREMODIFIER and any(m.end <= head_start for m in inside)
            # a person named in an apposition after a title head: "The foreign
            # minister, Dmytro Kuleba, told …"
            appositive = actor.type == "person" and any(m.start > head_end for m in inside)
            if after_pp or premodifier or appositive:
                found.append(actor)
    found = _title_and_name(actors, source, found)
    first = {a.id: min((m.start for m in _mentions_within(a, *source)), default=0) for a in found}
    found.sort(key=lambda a: first[a.id])
    return tuple(_ref(a, source) for a in found)


def _nested(mention: Mention, actor: Actor, others: Sequence[Actor], s: int, e: int) -> bool:
    """Whether another actor has a longer mention in ``[s, e)`` that holds ``mention``."""
    return any(
        m.start <= mention.start and mention.end <= m.end and m.end - m.start > mention.end - mention.start
        for other in others
        if other is not actor
        for m in _mentions_within(other, s, e)
    )


def _title_and_name(actors: ActorIndex, source: tuple[int, int], found: list[Actor]) -> list[Actor]:
    """In "Harbor Bank analyst Tomas Reyes" the person speaks: a person whose name ends
    the speaker phrase wins over the organisations and places of its title (they are
    the person's affiliation, kept on the actor)."""
    s, e = source
    people = [
        a
        for a in actors_in_span(actors, s, e)
        if a.type == "person" and any(m.kind == "name" and m.end == e for m in _mentions_within(a, s, e))
    ]
    if len(people) != 1 or all(a.type == "person" for a in found):
        return found
    return [a for a in found if a.type == "person" and a in people] or people


def _ref(actor: Actor, source: tuple[int, int]) -> ActorRef:
    """The reference with its evidence: the mention in the speaker phrase, how it was
    resolved, and the named mention it leads to."""
    inside = [m for m in _mentions_within(actor, *source) if m.end <= source[1]]
    kb_id = actor.id if actor.record is not None else None
    if not inside:
        return ActorRef(id=actor.id, name=actor.name, kb_id=kb_id)
    m = max(inside, key=lambda m: (m.end - m.start, m.start))
    evidence = f"{m.text} → {actor.name}: {m.kind}; {m.evidence}"
    return ActorRef(id=actor.id, name=actor.name, kb_id=kb_id, evidence=evidence)
