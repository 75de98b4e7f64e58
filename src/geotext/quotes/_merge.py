"""The combine step's merge policy: the rules' drafts completed part by part by the tagger.

:func:`geotext.quotes._tagger.candidates` scores every rule draft by the tagger's
marginals and reads the tagger's own relations; :func:`merge` decides what
``method="combined"`` returns:

1. A rule draft is kept when its calibrated probability reaches the model's
   threshold, or when its construction is one of :data:`KEPT`: the fixed surface
   forms the tagger has hardly seen in training ("This was reported by X", a dash
   and a name after a quote, "Source: content" lines, "according to X") and the
   rules' surest constructions (a cue right after or before the marks,
   ``direct:cue-after`` / ``direct:cue-before``, and a comment clause after its
   clause, ``indirect:clause-before``) and its that-clause, reporting-noun and object
   reports (``indirect:that-clause``, ``indirect:noun-that-clause``,
   ``indirect:object``); a protected draft keeps its calibrated probability as its
   ``confidence``, however low.
2. A kept draft takes parts from the tagger relation whose content overlaps it most
   (token overlap, at least :attr:`Policy.min_overlap`; only a relation the vetoes
   of step 3 let through), one relation per draft:

   * the **cue**, when the draft has none (a floating or unattributed quote) and no
     other kept draft holds that cue (:attr:`Policy.shared_cue`); with
     :attr:`Policy.extend_cue` (off by default) also a tagger cue that contains the
     rule's (PolNeAR's cues, and the tagger's, take in auxiliaries, adverbs and a
     following colon: "has said", "also said", "said:");
   * the **source**, when the draft has none, or a tagger source that contains the
     draft's and holds no relative clause ("the defence minister" for "minister",
     never "Theresa" for "Theresa May");
   * the **content**, for a draft without quote marks whose content the rules
     read from a ``that``/``to`` complement the tagger's content starts at too,
     when the tagger's ends earlier (the two agree on the clause; the tagger places
     its end);

   content between quote marks is always the marks'. Drafts of :data:`FIXED`
   constructions take nothing from the tagger.
3. A tagger relation no kept draft overlaps is added when its calibrated
   probability reaches the threshold, unless :func:`vetoed` gives one of the rules'
   reasons for "no report here": no source, a source naming no one, no content
   word, a verbless content beside a report the rules already read in the sentence
   (with a parse), scare quotes after a naming verb, an evidential passive ("troops
   said to be from Chechnya") or a yes/no question ("Did the president say the war
   was over?").

``evidence`` names what made the quote: a rule draft keeps its construction (with
its ``+split`` / ``+inherited``), followed by ``+tagger-`` and the parts the tagger
gave, e.g. ``direct:unattributed+tagger-cue-source`` reads "the marks are the rules'
quote, the tagger gave its cue and its source"; a kept draft that took nothing keeps
its construction alone (whether the probability or the protection kept it is
:attr:`Merged.decided`). Tagger relations keep ``tagger`` (or
``tagger:that-clause`` ...). Every ``confidence`` is a calibrated probability
(isotonic maps fitted on PolNeAR dev, see ``docs/cards/quote_bilstm.rst``).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from attrs import evolve, frozen

from geotext.data import word_set
from geotext.language.morphology import verb_lemmas
from geotext.language.reporting import lexicon
from geotext.language.view import View
from geotext.model import Document, Sentence, Word
from geotext.quotes._indirect import yes_no_question
from geotext.quotes._marks import MarkSpan
from geotext.quotes._state import Draft

__all__ = ["FIXED", "KEPT", "Merged", "Policy", "merge", "vetoed"]

FIXED: frozenset[str] = frozenset(
    {
        "according-to:before",
        "according-to:after",
        "according-to:inside",
        "indirect:colon-source",
        "indirect:reported-by",
        "direct:dash-source",
    }
)
"""Constructions whose drafts take no part from the tagger."""

KEPT: frozenset[str] = FIXED | {
    "direct:cue-after",
    "direct:cue-before",
    "indirect:clause-before",
    "indirect:that-clause",
    "indirect:noun-that-clause",
    "indirect:object",
}
"""Constructions whose drafts are kept whatever the tagger's probability (the
:data:`FIXED` ones, three high-confidence rule constructions, and the rules'
that-clause, reporting-noun and object reports, which the 2026-12-04 stanza tagger
with word vectors scored under its threshold on hand-written reports: "Moscow's
claim that ...", "X confirmed this")."""

_COMPLEMENTS = ("that-clause", "to-infinitive")
_NAMING = word_set("closed_class.yaml", "quotes", "naming_verbs")
_RELATIVE = frozenset({"who", "whom", "whose", "which", "that"})
_NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM", "X"})
"""A speaker phrase names someone with one of these (``X``: the rules backend's open class)."""
_CONTENT_WORDS = frozenset({"NOUN", "PROPN", "VERB", "AUX", "NUM", "X"})


@frozen
class Policy:
    """The settings of :func:`merge` (chosen on PolNeAR dev; see the module docstring)."""

    min_overlap: float = 0.3
    """Least token overlap (shared words over the longer content) for a tagger
    relation to give parts to a rule draft."""
    take_cue: bool = True
    """Whether a draft may take the tagger's cue at all."""
    cue_for_cueless: bool = True
    """Whether a draft with no cue (floating, unattributed) takes the tagger's."""
    extend_cue: bool = False
    """Whether a draft's cue is replaced by a tagger cue that contains it ("has
    said", "said:": PolNeAR's convention, not geotext's bare verb)."""
    take_source: bool = True
    """Whether a draft with no source takes the tagger's."""
    replace_source: bool = True
    """Whether a draft's source is replaced by a tagger source that contains it
    (``source_contains``) and holds no relative clause."""
    source_contains: bool = True
    """Whether only a tagger source containing the draft's replaces it (never a
    shorter one: "Theresa" for "Theresa May")."""
    take_content: bool = True
    """Whether an unmarked that/to draft takes the tagger's content (see above)."""
    shorter_content: bool = True
    """Whether the tagger's content is taken only when it ends before the rule's."""
    donor_vetted: bool = True
    """Whether parts come only from a tagger relation the vetoes let through."""
    veto: bool = True
    """Whether the vetoes of :func:`vetoed` apply to the tagger's own relations."""
    veto_phrase: bool = True
    """Whether the ``no-clause`` veto applies (see :func:`vetoed`)."""
    protect: bool = True
    """Whether :data:`KEPT` drafts are kept under the threshold."""
    shared_cue: bool = False
    """Whether a draft with no cue may take a tagger cue another kept draft already
    holds (a floating quote after "“…,” said X." would take X's "said": geotext
    gives a floating quote its inherited speaker and no cue)."""


@frozen
class Merged:
    """One quote of ``method="combined"``: its draft, probability and what decided."""

    draft: Draft
    probability: float
    decided: str
    """``rules+tagger``, ``rules`` (protected, kept whatever the tagger says) or ``tagger``."""


def construction(draft: Draft) -> str:
    """The construction name of a rule draft's evidence (without ``+split`` ...)."""
    return draft.evidence.split("+", 1)[0]


def _overlaps(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def _contains(outer: tuple[int, int], inner: tuple[int, int]) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def _complement(evidence: str) -> str | None:
    for name in _COMPLEMENTS:
        if name in evidence:
            return name
    return None


def _token_overlap(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / max(len(a), len(b))


def _relative_clause(text: str, span: tuple[int, int]) -> bool:
    """Whether a source phrase holds a relative clause ("Kuleba, who met Blinken"):
    geotext's sources end before it."""
    words = [w.strip(",;:()—–-").lower() for w in text[span[0] : span[1]].split()]
    return any(w in _RELATIVE for w in words[1:])


def _take(rule: Draft, tag: Draft, policy: Policy, text: str) -> tuple[Draft, list[str]]:
    """The rule draft with the parts it takes from the tagger's draft ``tag``."""
    parts: list[str] = []
    out = evolve(rule, content=list(rule.content), heads=list(rule.heads), marks=list(rule.marks))
    if (
        policy.take_cue
        and tag.cue is not None
        and (
            (rule.cue is None and policy.cue_for_cueless)
            or (
                policy.extend_cue
                and rule.cue is not None
                and _contains(tag.cue, rule.cue)
                and tag.cue != rule.cue
                and not _overlaps(tag.cue, rule.source)
            )
        )
    ):
        out.cue = tag.cue
        if rule.cue is None:
            out.cue_type, out.stance, out.cue_class = tag.cue_type, tag.stance, tag.cue_class
        parts.append("cue")
    if (
        policy.take_source
        and tag.source is not None
        and (
            rule.source is None
            or (
                policy.replace_source
                and _overlaps(tag.source, rule.source)
                and tag.source != rule.source
                and not _relative_clause(text, tag.source)
                and (not policy.source_contains or _contains(tag.source, rule.source))
            )
        )
        and not _overlaps(tag.source, out.cue)
    ):
        out.source, out.heads, out.pp_start = tag.source, list(tag.heads), None
        parts.append("source")
    kind = _complement(rule.evidence)
    if (
        policy.take_content
        and not rule.marks
        and kind is not None
        and _complement(tag.evidence) == kind
        and tag.content[0][0] == rule.content[0][0]
        and tag.content != rule.content
        and (not policy.shorter_content or tag.content[-1][1] < rule.content[-1][1])
    ):
        out.content, out.marks = list(tag.content), list(tag.marks)
        parts.append("content")
    return out, parts


def _naming_cue(doc: Document, draft: Draft) -> bool:
    """Whether the draft's cue is a naming verb ("called", "has dubbed"; not one of
    the lexicon's reporting cues such as "call for")."""
    if draft.cue is None or draft.cue_class is not None:
        return False
    a, b = draft.cue
    return any(
        w.lemma.lower() in _NAMING
        or w.form.lower() in _NAMING
        or not _NAMING.isdisjoint(verb_lemmas(w.form.lower()))
        for w in _words(doc, a, b)
    )


def _cue_sentence(doc: Document, draft: Draft) -> int:
    """The index of the sentence of the draft's cue (of its content without a cue)."""
    at = draft.cue[0] if draft.cue is not None else draft.content[0][0]
    s = doc.sentence_at(at)
    return -1 if s is None else s.index


def _object_cue(doc: Document, draft: Draft) -> bool:
    """Whether the draft's cue is a lexicon verb that reports through its object
    ("denied the claim", "praised the deal"; its ``object`` frame)."""
    if draft.cue is None:
        return False
    lex = lexicon()
    words = _words(doc, *draft.cue)
    for key in (tuple(w.form.lower() for w in words), tuple(w.lemma.lower() for w in words)):
        for k in range(len(key)):
            entry = lex.verb_forms.get(key[k:])
            if entry is not None:
                return "object" in entry.frames
    return False


def _words(doc: Document, start: int, end: int) -> list[Word]:
    return [w for s in _sentences(doc, start, end) for w in s.words if start <= w.start and w.end <= end]


def _sentences(doc: Document, start: int, end: int) -> list[Sentence]:
    first = doc.sentence_at(start)
    last = doc.sentence_at(max(start, end - 1))
    if first is None or last is None:
        return []
    return list(doc.sentences[first.index : last.index + 1])


def vetoed(
    doc: Document,
    draft: Draft,
    passed_over: Sequence[MarkSpan],
    veto_phrase: bool = True,
    read: frozenset[int] = frozenset(),
    starts: Sequence[int] | None = None,
) -> str | None:
    """Why the rules say a tagger relation reports nothing, or ``None``.

    ``passed_over`` are the top-level quote marks no construction took (sorted by
    start). The reasons are the rules' own, and none needs a parse tree:

    * ``no-source``: no one reports (the rules make no quote without a speaker
      where a cue stands after or before its clause: "Warning: the following
      video contains graphic images.");
    * ``no-speaker``: the source has no noun, name or pronoun ("The fear that the
      war would spread grew": "The" names no one);
    * ``no-content``: the content has no content word ("He said nothing.");
    * ``no-clause`` (with a parse): a content with no verb, from a cue that does
      not report through its object (no ``object`` frame in the lexicon), in a
      sentence where a kept rule draft already reads the report ("While they agree
      that the alliance must act, they differ on the cost": "the cost" is no
      second report); ``read`` are those sentences;
    * ``scare-quotes``: the content holds marks no construction took and the cue
      names rather than reports (``naming_verbs`` of ``data/closed_class.yaml``:
      "The spokesman called the plan “a dangerous provocation”");
    * ``evidential-passive``: "said to" ("Troops said to be from Chechnya crossed
      the river"): no one is reported;
    * ``question``: a yes/no question asserts no report ("Did the president say
      the war was over?").

    Example:
        >>> from geotext.backends import annotate
        >>> from geotext.quotes._merge import Draft, vetoed
        >>> doc = annotate(["Did the president say the war was over?"], backend="rules")[0]
        >>> cue = doc.text.index("say")
        >>> d = Draft([(cue + 4, len(doc.text) - 1)], (cue, cue + 3), "verb", None, (4, 17), [], None, 0.5, "tagger", 0)
        >>> vetoed(doc, d, [])
        'question'
    """
    a, b = draft.content[0][0], draft.content[-1][1]
    if draft.source is None:
        return "no-source"
    if not any(w.upos in _NOMINAL for w in _words(doc, *draft.source)):
        return "no-speaker"
    content = [w for s, e in draft.content for w in _words(doc, s, e)]
    if not any(w.upos in _CONTENT_WORDS for w in content):
        return "no-content"
    if (
        veto_phrase
        and doc.has_parse
        and not any(w.upos in ("VERB", "AUX") for w in content)
        and not _object_cue(doc, draft)
    ):
        sentence = doc.sentence_at(draft.cue[0]) if draft.cue is not None else None
        if sentence is not None and sentence.index in read:
            return "no-clause"
    if starts is None:
        starts = [m.start for m in passed_over]
    k = bisect.bisect_left(starts, a - 1)
    for j in range(k, len(passed_over)):
        m = passed_over[j]
        if m.start >= b + 1:
            break
        if a - 1 <= m.start and m.content_end <= b + 1 and _naming_cue(doc, draft):
            return "scare-quotes"
    if draft.cue is not None:
        sentence = doc.sentence_at(draft.cue[0])
        if sentence is not None:
            view = View(sentence, doc.has_parse)
            last = [i for i, w in enumerate(view.words) if w.start < draft.cue[1]]
            i = last[-1] if last else -1
            if i >= 0 and view.forms[i] == "said" and i + 1 < len(view) and view.forms[i + 1] == "to":
                return "evidential-passive"
            if yes_no_question(view):
                return "question"
    return None


def merge(
    doc: Document,
    rules: Sequence[tuple[Draft, float, frozenset[int]]],
    tagged: Sequence[tuple[Draft, float, frozenset[int]]],
    marks: Sequence[MarkSpan],
    threshold: float,
    policy: Policy = Policy(),
) -> list[Merged]:
    """Merge the rule drafts with the tagger's relations (see the module docstring).

    Args:
        doc: The document.
        rules: The rule drafts, each with its calibrated probability and the word
            indices of its content.
        tagged: The tagger's relations as drafts, likewise.
        marks: The document's top-level quote marks.
        threshold: The model's probability threshold.
        policy: The settings.

    Returns:
        The quotes in text order.
    """
    used_marks = {(m.start, m.end) for d, _, _ in rules for m in d.marks}
    passed_over = sorted((m for m in marks if (m.start, m.end) not in used_marks), key=lambda m: m.start)
    starts = [m.start for m in passed_over]
    out: list[Merged] = []
    kept: list[tuple[Draft, float, frozenset[int], str]] = []
    for d, p, toks in rules:
        if p >= threshold:
            kept.append((d, p, toks, "rules+tagger"))
        elif policy.protect and construction(d) in KEPT:
            kept.append((d, p, toks, "rules"))
    read = frozenset(_cue_sentence(doc, d) for d, _, _, _ in kept) - {-1}
    by_token: dict[int, list[int]] = {}
    for k, (_, _, ttoks) in enumerate(tagged):
        for tok in ttoks:
            by_token.setdefault(tok, []).append(k)
    reasons: dict[int, str | None] = {}

    def veto(k: int) -> str | None:
        if k not in reasons:
            reasons[k] = vetoed(doc, tagged[k][0], passed_over, policy.veto_phrase, read, starts)
        return reasons[k]

    claimed: set[int] = set()
    taken: set[int] = set()
    held = {d.cue for d, _, _, _ in kept if d.cue is not None}
    for d, p, toks, decided in kept:
        claimed.update(toks)
        suffix = ""
        if construction(d) not in FIXED:
            best, best_o = None, policy.min_overlap
            near = sorted({k for tok in toks for k in by_token.get(tok, ())})
            for k in near:
                if k in taken or (policy.donor_vetted and veto(k) is not None):
                    continue
                o = _token_overlap(toks, tagged[k][2])
                if o >= best_o and o > 0:
                    best, best_o = k, o
            if best is not None:
                taken.add(best)
                donor = tagged[best][0]
                if d.cue is None and not policy.shared_cue and donor.cue in held:
                    donor = evolve(donor, cue=None)
                d, parts = _take(d, donor, policy, doc.text)
                if parts:
                    suffix = "+tagger-" + "-".join(parts)
        out.append(Merged(evolve(d, evidence=d.evidence + suffix, confidence=p), p, decided))
    for k, (t, p, ttoks) in enumerate(tagged):
        if p < threshold or not claimed.isdisjoint(ttoks):
            continue
        if policy.veto and veto(k) is not None:
            continue
        out.append(Merged(evolve(t, confidence=p), p, "tagger"))
    out.sort(key=lambda m: m.draft.content[0][0])
    return out
