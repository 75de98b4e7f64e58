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
  nearest compatible preceding mention within two sentences:
  gender from the KB for he/she (unknown people fit both); for they,
  collectives and armed groups, or a state named by a plural demonym ("the
  Russians"), never a state or organisation named in the singular ("Russia
  ... them" stays unresolved: English refers to those as "it"). Subjects are
  preferred (parse ``nsubj``; without a parse, the first mention of the
  sentence) except for object pronouns, which avoid their own clause's subject
  ("Putin accepted Lukashenko's arguments without convincing him": him =
  Lukashenko). Reflexives take the subject of their sentence. Mentions inside a
  quotation are not antecedents for a pronoun outside it, and "they" does not
  reach past an indefinite such as "someone".
"""

from __future__ import annotations

from rapidfuzz.distance import Levenshtein

from geotext.actors.context import Context, Work
from geotext.actors.fuzzy import FUZZY_THRESHOLD
from geotext.actors.gazetteer import Match
from geotext.actors.normalize import normalize
from geotext.actors.records import ACTOR_TYPES, ActorRecord

__all__ = ["pronouns", "titles"]

_MALE = {"he": "nom", "him": "obj", "his": "poss", "himself": "refl"}
_FEMALE = {"she": "nom", "her": "poss", "hers": "poss", "herself": "refl"}
_PLURAL = {"they": "nom", "them": "obj", "their": "poss", "theirs": "poss", "themselves": "refl"}
_PRONOUNS = frozenset({*_MALE, *_FEMALE, *_PLURAL, "both"})
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
    possessor = owner.actor if owner else _antecedent(ctx, left, "poss", table)
    for work in reversed(_window(ctx, ctx.toks[left].sentence)):
        if work.i >= left:
            continue
        if ctx.actor_type(work.actor) == "person" and work.actor != possessor:
            evidence = "description: nearest other person before it"
            ctx.add(vocab.i, vocab.j, work.actor, "description", evidence, start=start, claim=False)
            return


def _compatible(ctx: Context, work: Work, table: dict[str, str]) -> bool:
    actor = work.actor
    kind = ctx.actor_type(actor)
    if table is _PLURAL:
        return kind in _PLURAL_TYPES or (work.plural and kind in _GROUP_TYPES)
    if kind != "person":
        return False
    record = ctx.kb.get(actor)
    gender = record.gender if record else None
    return gender is None or gender == ("male" if table is _MALE else "female")


def _window(ctx: Context, sentence: int) -> list[Work]:
    """Mentions of the sentence and the two before it, in text order."""
    index = ctx.by_sentence()
    return [w for s in (sentence - 2, sentence - 1, sentence) for w in index.get(s, ())]


def _antecedent(ctx: Context, k: int, role: str, table: dict[str, str]) -> str | None:
    """The actor a pronoun at token ``k`` refers to (see the module docstring)."""
    tok = ctx.toks[k]
    quote = ctx.in_quote(tok.start)
    found: dict[int, list[Work]] = {}
    for work in _window(ctx, tok.sentence):
        if work.start >= tok.start or (work.kind == "pronoun" and role != "refl"):
            continue
        if ctx.in_quote(work.start) not in (None, quote):
            continue
        if _compatible(ctx, work, table):
            found.setdefault(tok.sentence - work.sentence, []).append(work)
    if table is _PLURAL:
        found.pop(2, None)
        last = max((w.j for ws in found.values() for w in ws), default=k)
        if any(t.key in _INDEFINITES for t in ctx.toks[last:k]):
            return None
    for distance in sorted(found):
        works = sorted(found[distance], key=lambda w: w.start)
        subjects = [w for w in works if w.subject]
        if role == "refl":
            return (subjects or works)[-1].actor if distance == 0 else None
        if role == "obj" and distance == 0:
            others = [w for w in works if not w.subject]
            if others:
                return others[-1].actor
            continue
        return (subjects or works)[-1].actor
    return None


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


def pronouns(ctx: Context) -> None:
    """Resolve third-person pronouns to the actors they refer to."""
    for k, tok in enumerate(ctx.toks):
        if tok.key not in _PRONOUNS or tok.shape == "upper" or ctx.covering(k) is not None:
            continue
        if tok.key == "both":
            for person in _both(ctx, k):
                ctx.add(k, k + 1, person, "pronoun", "both: the two people mentioned last", claim=False)
            continue
        for table in (_MALE, _FEMALE, _PLURAL):
            role = table.get(tok.key)
            if role is None:
                continue
            actor = _antecedent(ctx, k, role, table)
            if actor is not None:
                evidence = f"{role} pronoun: nearest compatible antecedent"
                work = ctx.add(k, k + 1, actor, "pronoun", evidence)
                work.subject = role == "nom"
            break
