"""The one reporting-cue lexicon and cue detector, shared by quotes and hedges.

``data/reporting_verbs.yaml`` holds the cues (verbs, nouns, adjectives, phrases,
stance wrappers) with their class, stance and frames. :func:`lexicon` reads it once;
:meth:`Lexicon.cues_at` finds the cues a word may start (the lexical step both
capabilities share) and :func:`frame_filled` tells whether a verb is used as a
report here (a dependent fills one of its frames, or without a parse, the surface
shape of one).

Example:
    >>> from geotext.language.reporting import lexicon
    >>> [(h.kind, h.cue.lemma, h.cue.stance) for h in lexicon().cues_at(["she", "denied", "it"], 1)]
    [('verb', 'deny', 'counterfactive')]
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence

from attrs import frozen

from geotext.data import load_schema, word_set
from geotext.errors import DataError
from geotext.language import morphology
from geotext.language.view import View, quote_marks

__all__ = ["CUE_CLASSES", "STANCES", "Cue", "CueHit", "Lexicon", "frame_filled", "lexicon"]

STANCES: tuple[str, ...] = (
    "neutral",
    "factive",
    "distancing",
    "strengthening",
    "tentative",
    "counterfactive",
    "restricting",
)
"""Reporting-verb stances (``Quote.stance``, and ``Hedge.stance`` of reporting cues),
as in ``reporting_verbs.yaml``."""

CUE_CLASSES: tuple[str, ...] = ("speech", "cognition", "evidence", "perception")
"""What a cue reports (``Quote.cue_class``), the classes of ``reporting_verbs.yaml``:
words said or written, a mental state or act, a finding, a perceived or learnt fact."""


@frozen(kw_only=True)
class Cue:
    """One lexicon entry: a verb, noun, phrase or wrapper."""

    lemma: str
    cls: str
    stance: str
    frames: frozenset[str] = frozenset()


@frozen(kw_only=True)
class CueHit:
    """A cue found at words ``[start, end)``: a ``verb``, ``noun``, ``adjective`` or
    ``phrase`` entry of the lexicon."""

    cue: Cue
    kind: str
    start: int
    end: int


@frozen(kw_only=True)
class Lexicon:
    """Lookup tables built once from the YAML file."""

    verb_forms: Mapping[tuple[str, ...], Cue]
    """Lower-cased word sequences ("said", "pointed out", "made it clear") -> verb."""
    nouns: Mapping[str, Cue]
    adjectives: Mapping[str, Cue]
    light_verbs: frozenset[str]
    """Forms of the light verbs that make a reporting noun a predicate ("expressed
    concern that")."""
    """Predicative adjectives with a clause ("confident that", "eager to")."""
    phrases: Mapping[tuple[str, ...], Cue]
    """Multi-word cues whose speaker follows them ("according to")."""
    wrappers: Mapping[tuple[str, ...], Cue]
    """Word patterns ("limited", "@refl", "to") that embed a reporting verb."""
    wrapper_patterns: tuple[tuple[tuple[str, ...], Cue], ...]
    """The wrappers as written, first word a lemma ("limit", "@refl", "to")."""
    reflexives: frozenset[str]
    max_verb_len: int
    first_words: frozenset[str]
    """First words of ``phrases``, to skip most words fast."""
    last_words: frozenset[str]
    """Last words of ``wrappers``."""
    starts: frozenset[str]
    """Every word a cue may start with (verb forms, nouns, adjectives, phrases)."""

    def cues_at(self, forms: Sequence[str], i: int, lemma: str | None = None) -> list[CueHit]:
        """Every cue the lower-cased words ``forms`` may have starting at word ``i``, in
        the order attribution tries them: phrase ("according to"), adjective, noun,
        verb (the longest: "pointed out" before "pointed").

        Args:
            forms: The sentence's lower-cased word forms.
            i: The word to look at.
            lemma: The word's lemma, when a tagger gave one: a one-word verb cue is
                found by it too (an unusual spelling of a known verb).
        """
        if forms[i] not in self.starts and (lemma is None or (lemma,) not in self.verb_forms):
            return []  # most words start no cue
        out: list[CueHit] = []
        phrase = self.phrase_at(forms, i)
        if phrase is not None:
            out.append(CueHit(cue=phrase[0], kind="phrase", start=i, end=i + phrase[1]))
        for kind, table in (("adjective", self.adjectives), ("noun", self.nouns)):
            cue = table.get(forms[i])
            if cue is not None:
                out.append(CueHit(cue=cue, kind=kind, start=i, end=i + 1))
        verb = self.verb_at(forms, i)
        if verb is None and lemma is not None and (by_lemma := self.verb_forms.get((lemma,))) is not None:
            verb = (by_lemma, 1)
        if verb is not None:
            out.append(CueHit(cue=verb[0], kind="verb", start=i, end=i + verb[1]))
        return out

    def verb_at(self, forms: Sequence[str], i: int) -> tuple[Cue, int] | None:
        """Return the longest verb cue starting at ``forms[i]`` and its word count."""
        if 0 <= i < len(forms) and forms[i] not in self.starts:
            return None  # no cue starts with this word (``starts`` holds every verb form's first word)
        for n in range(min(self.max_verb_len, len(forms) - i), 0, -1):
            cue = self.verb_forms.get(tuple(forms[i : i + n]))
            if cue is not None:
                return cue, n
        return None

    def phrase_at(self, forms: Sequence[str], i: int) -> tuple[Cue, int] | None:
        """Return the phrase cue ("according to") starting at ``forms[i]`` and its length."""
        if forms[i] not in self.first_words:
            return None
        for phrase, cue in self.phrases.items():
            if tuple(forms[i : i + len(phrase)]) == phrase:
                return cue, len(phrase)
        return None

    def wrapper_before(self, forms: Sequence[str], i: int) -> tuple[Cue, int] | None:
        """Return a wrapper ending right before ``forms[i]`` and its word count."""
        if i == 0 or forms[i - 1] not in self.last_words:
            return None
        for pattern, cue in self.wrappers.items():
            n = len(pattern)
            if i - n < 0:
                continue
            window = forms[i - n : i]
            if all(
                (p == "@refl" and w in self.reflexives) or p == w
                for p, w in zip(pattern, window, strict=True)
            ):
                return cue, n
        return None


def _forms(entry: Mapping[str, object]) -> list[tuple[str, ...]]:
    lemma = str(entry["lemma"])
    listed = entry.get("forms")
    words = lemma.split()
    if isinstance(listed, list):
        return [tuple(str(f).split()) for f in listed]
    return [(form, *words[1:]) for form in morphology.verb_forms(words[0])]


def _cue(entry: Mapping[str, object], lemma: str) -> Cue:
    frames = entry.get("frames", [])
    cls = str(entry.get("class", "speech"))
    stance = str(entry.get("stance", "neutral"))
    if stance not in STANCES:
        raise DataError(
            f"reporting_verbs.yaml: {lemma!r} has unknown stance {stance!r}; known: {', '.join(STANCES)}"
        )
    if cls not in CUE_CLASSES:
        raise DataError(
            f"reporting_verbs.yaml: {lemma!r} has unknown class {cls!r}; known: {', '.join(CUE_CLASSES)}"
        )
    return Cue(
        lemma=lemma,
        cls=cls,
        stance=stance,
        frames=frozenset(str(f) for f in frames) if isinstance(frames, list) else frozenset(),
    )


def _entries(data: Mapping[str, object], key: str) -> list[Mapping[str, object]]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(e, dict) for e in value):
        raise DataError(f"reporting_verbs.yaml: {key!r} must be a list of mappings")
    return value


@functools.cache
def lexicon() -> Lexicon:
    """Load and index ``reporting_verbs.yaml`` (once per process).

    Example:
        >>> lex = lexicon()
        >>> lex.verb_forms[("said",)].lemma, lex.verb_forms[("said",)].stance
        ('say', 'neutral')
        >>> lex.phrases[("according", "to")].cls
        'speech'
    """
    data = load_schema("reporting_verbs.yaml")
    verbs: dict[tuple[str, ...], Cue] = {}
    for entry in _entries(data, "verbs"):
        cue = _cue(entry, str(entry["lemma"]))
        for form in _forms(entry):
            verbs.setdefault(form, cue)
    nouns = {str(e["lemma"]): _cue(e, str(e["lemma"])) for e in _entries(data, "nouns")}
    for e in list(_entries(data, "nouns")):
        nouns.setdefault(str(e["lemma"]) + "s", nouns[str(e["lemma"])])
    light = frozenset(f[0] for e in _entries(data, "light_verbs") for f in _forms(e))
    adjectives = {str(e["lemma"]): _cue(e, str(e["lemma"])) for e in _entries(data, "adjectives")}
    phrases = {tuple(str(e["text"]).split()): _cue(e, str(e["text"])) for e in _entries(data, "phrases")}
    wrappers: dict[tuple[str, ...], Cue] = {}
    patterns: list[tuple[tuple[str, ...], Cue]] = []
    for e in _entries(data, "wrappers"):
        words = [str(w) for w in e["words"]] if isinstance(e["words"], list) else []
        cue = _cue(e, " ".join(words))
        patterns.append((tuple(words), cue))
        listed = e.get("forms")
        heads = (
            [str(f) for f in listed] if isinstance(listed, list) else list(morphology.verb_forms(words[0]))
        )
        for head in heads:
            key = (head, *words[1:])
            wrappers[key] = cue
    return Lexicon(
        verb_forms=verbs,
        nouns=nouns,
        adjectives=adjectives,
        light_verbs=light,
        phrases=phrases,
        wrappers=wrappers,
        wrapper_patterns=tuple(patterns),
        reflexives=word_set("closed_class.yaml", "reflexives"),
        max_verb_len=max(len(k) for k in verbs),
        first_words=frozenset(p[0] for p in phrases),
        last_words=frozenset(w[-1] for w in wrappers),
        starts=frozenset([*(k[0] for k in verbs), *nouns, *adjectives, *(p[0] for p in phrases)]),
    )


#: Which dependents realise which frame of reporting_verbs.yaml.
_FRAME_DEPRELS = {
    "that": {"ccomp"},
    "wh": {"ccomp"},
    "to": {"xcomp"},
    "object": {"obj"},
    "quote": {"ccomp", "parataxis"},
}


def frame_filled(view: View, i: int, cue: Cue) -> bool:
    """Whether the verb cue at word ``i`` of ``view`` is used as a report.

    With a parse the verb must have a dependent that fills one of its frames (a
    "that" clause, an infinitive, an object, a quotation), so "the expected
    meeting" and "continue to train" are not reports; a verb outside the
    ``speech`` class takes only a pronoun object as content ("confirmed this", but
    not "showed its might"). Without a parse, the next word must be "that" (for
    verbs that take a that-clause), or, for verbs that can introduce a quotation, a
    colon, comma or quote mark, or the previous a comma or quote mark (inversion);
    say and tell need none of these. "signaling," is not a report.

    Example:
        >>> from geotext.backends import annotate
        >>> from geotext.language.reporting import frame_filled, lexicon
        >>> from geotext.language.view import View
        >>> s = annotate(["Officials denied that talks failed."], backend="rules")[0].sentences[0]
        >>> frame_filled(View(s, False), 1, lexicon().verb_forms[("denied",)])
        True
    """
    frames = cue.frames
    w = view.words[i]
    if view.has_parse:
        if w.upos != "VERB":
            return False
        allowed = set().union(*(_FRAME_DEPRELS.get(f, set()) for f in frames))
        pronoun_only = "object" in frames and cue.cls != "speech"
        if pronoun_only:
            allowed.discard("obj")
        if "inversion" in frames or "quote" in frames:
            allowed.add("parataxis")
        filled = any(
            c.deprel in allowed or (c.deprel == "obj" and c.upos == "PRON" and pronoun_only)
            for c in view.sentence.children(w)
        )
        return filled or (w.deprel == "parataxis" and bool(frames & {"quote", "inversion"}))
    nxt = view.forms[i + 1] if i + 1 < len(view) else ""
    prev = view.forms[i - 1] if i > 0 else ""
    quoting = bool(frames & {"quote", "inversion"})
    marks = quote_marks()
    return (
        cue.lemma in {"say", "tell"}
        or (nxt == "that" and bool(frames & {"that", "wh"}))
        or (quoting and (nxt in {":", ","} | marks or prev in {","} | marks))
    )
