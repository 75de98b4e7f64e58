"""Learned decisions over the hedge lexicon's candidates, and sentence uncertainty.

The lexicons (``hedge_cues.yaml``, ``estimative.yaml`` ...) stay the source of
candidates, categories and ICD 203 levels; two small logistic models trained by
``python -m geotext.training hedges`` (see ``docs/cards/hedge_disambiguator.rst``)
decide what the lexicon cannot:

* the **cue model** reads one hedge or estimative candidate ("may", "suggest",
  "could", "either ... or" ...) in its sentence (lexicon entry, holder, lemma, form,
  POS, neighbouring lemmas and POS) and gives the probability that this occurrence
  is a hedge.
  It was trained on BioScope's speculation cues, so it decides only for lexicon
  entries it saw often enough in training; every other candidate keeps the
  lexicon's decision, with its probability still reported.
* the **sentence model** reads a whole sentence (the lexicon's candidates with their
  categories and holders, word n-grams and skip-bigrams such as "some _ argue")
  and gives the probability that the sentence is uncertain in the sense
  of the CoNLL-2010 Wikipedia labels: hedged, weaselly ("some people say", "it is
  believed", "many") or peacock. Those labels are about discourse, not only about
  epistemic cues, which is why a cue-level model alone did poorly there.

Both read only features every backend computes alike (``shared=True``: lemma and POS
guessed from the word forms as the rules backend guesses them, no parse), so one
model file serves the rules and the stanza backend.

:func:`disambiguate` is applied by :func:`geotext.hedges.detect` (``learned=True``,
the default); :func:`uncertainty` returns one :class:`SentenceUncertainty` per sentence.

Example:
    >>> from geotext.backends import annotate
    >>> doc = annotate(["Some critics say the plan may fail."], backend="rules")[0]
    >>> u = uncertainty(doc)[0]
    >>> u.uncertain, 0.5 < u.probability <= 1.0
    (True, True)
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from attrs import evolve, field, frozen
from attrs.validators import ge, instance_of

from geotext.backends._rules import surface_tags
from geotext.errors import DataError
from geotext.hedges._handling import handling
from geotext.hedges._sentence_rnn import SentenceRnn, Token, build_network
from geotext.hedges.records import Hedge
from geotext.learn.weights import table_strings
from geotext.model import Document, Sentence, Word

__all__ = [
    "MODEL",
    "SPECULATION",
    "SentenceUncertainty",
    "cue_features",
    "disambiguate",
    "sentence_features",
    "uncertainty",
]

MODEL = "hedge_disambiguator"
"""The packaged model file (``geotext/data/models/hedge_disambiguator.pt``)."""

SPECULATION = frozenset({"hedge", "estimative"})
"""Categories the cue model decides for: the epistemic cues BioScope's guidelines
annotate. Attribution ("some experts say", "according to"), evidential
("reportedly") and reporting-verb cues are news and Wikipedia devices that biomedical
abstracts rarely use and BioScope does not mark, so the lexicon keeps deciding them."""

_MODALS = frozenset({"may", "might", "could", "can", "would", "should", "must", "will", "shall"})
_VAGUE = frozenset(
    {
        "some",
        "many",
        "several",
        "few",
        "most",
        "various",
        "numerous",
        "certain",
        "other",
        "others",
        "people",
        "critic",
        "expert",
        "scholar",
        "observer",
        "historian",
        "researcher",
        "analyst",
        "commentator",
        "fan",
        "source",
    }
)
_SUBJECT = frozenset({"nsubj", "nsubj:pass", "expl", "csubj", "csubj:pass"})


def _decides(h: Hedge) -> bool:
    return h.category in SPECULATION


def _low(w: Word) -> str:
    return (w.lemma or w.text).lower()


def _cue_words(s: Sentence, h: Hedge) -> list[Word]:
    return [w for w in s.words if any(w.start < p.end and p.start < w.end for p in h.cue)]


def _tags(s: Sentence, i: int, shared: bool) -> tuple[str, str]:
    """``(lemma, upos)`` of word ``i`` of ``s``: the backend's, or with ``shared`` the
    rules backend's guesses from the form, the same on every backend."""
    w = s.words[i]
    if not shared:
        return _low(w), w.upos
    lem, upos = surface_tags(w.text, i == 0)
    return lem.lower(), upos


def cue_features(doc: Document, h: Hedge, *, shared: bool = True) -> list[str]:
    """The cue model's features for candidate ``h`` (a hedge of ``doc``).

    Args:
        doc: The annotated document.
        h: One of its lexicon candidates (``detect(doc, learned=False)``).
        shared: Only features every backend computes the same way (the shipped
            model's setting): lemma and POS are the rules backend's guesses from the
            word forms, and the dependency parse is not read. ``False`` uses the
            backend's own lemmas and POS and, with a parse, its relations.

    Example:
        >>> from geotext.backends import annotate
        >>> from geotext.hedges import detect
        >>> doc = annotate(["It may rain."], backend="rules")[0]
        >>> h = detect(doc, learned=False)[0]
        >>> "lemma|upos=may|AUX" in cue_features(doc, h)
        True
    """
    s = doc.sentences[h.sentence]
    ws = _cue_words(s, h)
    feats = [
        "bias",
        f"rule={h.rule}",
        f"cat={h.category}",
        f"holder={h.holder.kind}",
        f"parts={len(h.cue)}",
    ]
    if h.negated:
        feats.append("negated")
    if h.stance:
        feats.append(f"stance={h.stance}")
    if not ws:
        return feats
    w = ws[0]
    i = s.words.index(w)
    lem, upos = _tags(s, i, shared)
    prev = _tags(s, i - 1, shared)[0] if i > 0 else "<s>"
    nxt_i = s.words.index(ws[-1]) + 1
    nxt, nxt_pos = _tags(s, nxt_i, shared) if nxt_i < len(s.words) else ("</s>", "</s>")
    feats += [
        f"lemma={lem}",
        f"form={w.text.lower()}",
        f"upos={upos}",
        f"lemma|upos={lem}|{upos}",
        f"prev={prev}",
        f"next={nxt}",
        f"lemma|prev={lem}|{prev}",
        f"lemma|next={lem}|{nxt}",
        f"lemma|next_pos={lem}|{nxt_pos}",
        f"words={len(ws)}",
        f"first={i == 0}",
    ]
    if w.text[:1].isupper() and i > 0:
        feats.append("capitalised")
    if doc.has_parse and not shared:
        head = s.head_of(w)
        hl = _low(head) if head is not None else "<root>"
        hp = head.upos if head is not None else "<root>"
        kids = sorted({c.deprel for c in s.children(w)})
        feats += [
            f"deprel={w.deprel}",
            f"lemma|deprel={lem}|{w.deprel}",
            f"head={hl}",
            f"head_upos={hp}",
            f"lemma|head_upos={lem}|{hp}",
            f"lemma|head={lem}|{hl}",
            *(f"lemma|child={lem}|{k}" for k in kids),
        ]
        if lem in _MODALS and head is not None:
            # "may be involved" (epistemic) against "can bind" / "may use" (root).
            aux = sorted(_low(c) for c in s.children(head) if c.deprel in {"aux", "aux:pass", "cop"})
            feats += [
                f"modal|head={lem}|{hl}",
                f"modal|aux={lem}|{'+'.join(aux)}",
                f"modal|head_feats={lem}|{head.feats.split('|')[0] if head.feats else '_'}",
            ]
            subj = next((c for c in s.children(head) if c.deprel in _SUBJECT), None)
            if subj is not None:
                feats.append(f"modal|subj_upos={lem}|{subj.upos}")
    return feats


def _ngrams(words: Sequence[Word]) -> list[str]:
    # Surface forms, not lemmas: the same on both backends.
    toks = [w.text.lower() for w in words if any(c.isalnum() for c in w.text)]
    padded = ["<s>", *toks, "</s>"]
    out = [f"w={t}" for t in toks]
    out += [f"b={a}_{b}" for a, b in itertools.pairwise(padded)]
    # Skip-bigrams ("some _ say", "it _ believed") generalise over the middle word.
    out += [f"s={a}__{c}" for a, c in zip(padded, padded[2:], strict=False)]
    return out


def _tag_ngrams(s: Sentence, shared: bool) -> list[str]:
    """Lemma unigrams and bigrams (words with a letter or digit), POS bigrams and
    trigrams and lemma x next-POS bigrams (all words), from :func:`_tags`."""
    tags = [_tags(s, i, shared) for i in range(len(s.words))]
    lemmas = [lem for (lem, _), w in zip(tags, s.words, strict=True) if any(c.isalnum() for c in w.text)]
    out = [f"l={a}" for a in lemmas]
    out += [f"lb={a}_{b}" for a, b in itertools.pairwise(["<s>", *lemmas, "</s>"])]
    padded = [("<s>", "<s>"), *tags, ("</s>", "</s>")]
    out += [f"pb={a[1]}_{b[1]}" for a, b in itertools.pairwise(padded)]
    out += [f"pt={a[1]}_{b[1]}_{c[1]}" for a, b, c in zip(padded, padded[1:], padded[2:], strict=False)]
    out += [f"lp={a[0]}_{b[1]}" for a, b in itertools.pairwise(padded)]
    return out


def sentence_features(
    doc: Document, s: Sentence, hedges: Iterable[Hedge], *, shared: bool = True, tag_ngrams: bool = False
) -> list[str]:
    """The sentence model's features for sentence ``s`` given the lexicon's candidates
    in it (from ``detect(doc, learned=False)``).

    With ``shared`` (the shipped model's setting) the parse is not read, so the
    features are the same on every backend: word n-grams and the candidates; without
    it, a parsed document adds subject x head, vague-subject and impersonal-passive
    patterns. ``tag_ngrams`` adds lemma unigrams and bigrams, POS bigrams and trigrams
    and lemma x next-POS bigrams (with ``shared``, lemma and POS guessed from the forms
    as for the cue model); the shipped file does not use them (see the model card).

    Example:
        >>> from geotext.backends import annotate
        >>> doc = annotate(["It is believed that he fled."], backend="rules")[0]
        >>> "b=it_is" in sentence_features(doc, doc.sentences[0], [])
        True
    """
    feats = ["bias", *_ngrams(s.words)]
    n = len(s.words)
    feats.append(f"len={min(n // 10, 5)}")
    if tag_ngrams:
        feats += _tag_ngrams(s, shared)
    for h in hedges:
        feats += [
            f"rule={h.rule}",
            f"cat={h.category}",
            f"cat|holder={h.category}|{h.holder.kind}",
            f"cat|negated={h.category}|{h.negated}",
        ]
        if h.stance:
            feats.append(f"stance={h.stance}")
    if doc.has_parse and not shared:
        for w in s.words:
            if w.deprel not in _SUBJECT:
                continue
            head = s.head_of(w)
            if head is None:
                continue
            hl = _low(head)
            wl = _low(w)
            dets = {_low(c) for c in s.children(w) if c.deprel in {"det", "amod", "nummod"}}
            vague = wl in _VAGUE or bool(dets & _VAGUE)
            feats.append(f"subj|head={wl}|{hl}")
            if vague:
                # "some critics argue", "many believe", "others say".
                feats += [f"vague_subj|head={hl}", f"vague_subj|head_upos={head.upos}"]
            if w.deprel == "expl" or (wl == "it" and w.deprel == "nsubj:pass"):
                # "it is believed", "it has been suggested".
                feats.append(f"impersonal|head={hl}")
            if w.deprel == "nsubj:pass" and not any(c.deprel.startswith("obl") for c in s.children(head)):
                feats.append(f"agentless_passive|head={hl}")
    return feats


def _sentence_tokens(
    doc: Document, s: Sentence, hedges: Iterable[Hedge], cue: _Linear, shared: bool
) -> list[Token]:
    """What the sentence model's BiLSTM reads of sentence ``s``: each word's lower-cased
    form, its POS (shared: guessed from the form) and the lexicon's decision on it, ``O``
    or the category of the first candidate covering it, with ``+`` or ``-`` for a hedge
    or estimative candidate the cue model keeps or rejects (by its threshold alone)."""
    mine = [h for h in hedges if h.sentence == s.index]
    decided: dict[int, str] = {}
    for k, h in enumerate(mine):
        if _decides(h):
            p = h.cue_probability
            if p is None:
                p = cue.probability(cue_features(doc, h, shared=shared))
            decided[k] = "+" if p >= cue.threshold else "-"
    out: list[Token] = []
    for i, w in enumerate(s.words):
        tag = "O"
        for k, h in enumerate(mine):
            if any(w.start < part.end and part.start < w.end for part in h.cue):
                tag = h.category + decided.get(k, "")
                break
        out.append((w.text.lower(), _tags(s, i, shared)[1], tag))
    return out


class _Linear:
    """One logistic model: feature -> weight, read from the model file."""

    def __init__(self, vocab: Sequence[str], weights: Sequence[float], threshold: float):
        self.weights = dict(zip(vocab, weights, strict=True))
        self.threshold = threshold

    def logit(self, feats: Iterable[str]) -> float:
        """The model's log-odds for ``feats``, clipped to [-30, 30]."""
        return max(-30.0, min(30.0, sum(self.weights.get(f, 0.0) for f in set(feats))))

    def probability(self, feats: Iterable[str]) -> float:
        return 1.0 / (1.0 + math.exp(-self.logit(feats)))

    def top(self, feats: Iterable[str], k: int = 3) -> list[str]:
        """The ``k`` features that pushed the probability up most."""
        scored = sorted(((self.weights.get(f, 0.0), f) for f in set(feats) if f != "bias"), reverse=True)
        return [f for wt, f in scored[:k] if wt > 0]


@frozen
class _Models:
    cue: _Linear
    sentence: _Linear
    support: Mapping[str, int]
    min_support: int
    date: str
    shared: bool
    rnn: SentenceRnn | None = None
    """The sentence model's BiLSTM (files since 2026-12-04 evening; ``None`` before)."""
    mix: float = 1.0
    """Weight of the logistic model in the sentence probability; the BiLSTM has the rest."""
    threshold: float = 0.5
    """Decision threshold of the mixed sentence probability."""
    tag_ngrams: bool = False
    """The sentence model reads lemma and POS n-grams (``sentence_features(tag_ngrams=True)``)."""

    def mixed(self, p: float, q: float | None) -> float:
        """The sentence probability from the logistic model's ``p`` and the BiLSTM's ``q``."""
        return p if q is None else self.mix * p + (1.0 - self.mix) * q


_WEIGHTS: Path | None = None
"""A model file to read in place of the packaged one (:func:`_use_weights`)."""


def _use_weights(path: Path | None) -> None:
    """Read the models from ``path`` from now on (``None``: the packaged file); for
    ``benchmarks/hedges.py --model``, which scores a model fitted on train alone on dev."""
    global _WEIGHTS
    _WEIGHTS = path
    _models.cache_clear()


@functools.cache
def _models() -> _Models:
    from geotext.learn import load_weights, read_weights

    w = read_weights(_WEIGHTS, MODEL) if _WEIGHTS is not None else load_weights(MODEL)
    meta = w.meta

    def linear(key: str) -> _Linear:
        part = meta[key]
        # Vocabularies are UTF-8 blobs since 2026-12-04 evening, lists in the metadata before.
        vocab = table_strings(w.tensors[f"{key}.vocab"]) if f"{key}.vocab" in w.tensors else part["vocab"]
        return _Linear(vocab, w.tensors[f"{key}.weight"].tolist(), float(part["threshold"]))

    try:
        sent = meta["sentence"]
        rnn = None
        if "rnn" in sent:
            settings = sent["rnn"]
            vocab = {k: table_strings(w.tensors[f"sentence_rnn.{k}"]) for k in ("words", "upos", "tags")}
            net = build_network({k: len(v) + 2 for k, v in vocab.items()}, settings)
            prefix = "sentence_rnn.net."
            net.load_state_dict(
                {k[len(prefix) :]: v.float() for k, v in w.tensors.items() if k.startswith(prefix)}
            )
            rnn = SentenceRnn(net, vocab)
        return _Models(
            cue=linear("cue"),
            sentence=linear("sentence"),
            # An entry counts as seen when it had at least min_support training candidates
            # of each class: the model saw it used both ways.
            support={str(k): min(int(v[0]), int(v[1])) for k, v in meta["cue"]["support"].items()},
            min_support=int(meta["cue"]["min_support"]),
            date=str(meta.get("date", "")),
            # Files before 2026-12-04 read each backend's own lemmas, POS and parse.
            shared=meta.get("features", "full") == "shared",
            rnn=rnn,
            mix=float(sent.get("mix", 1.0)),
            threshold=float(sent["threshold"]),
            tag_ngrams=sent.get("features", "words") == "words+tags",
        )
    except (KeyError, TypeError, ValueError, RuntimeError, UnicodeDecodeError) as exc:
        raise DataError(
            f"geotext model {MODEL!r} is not a hedge disambiguator ({type(exc).__name__}: {str(exc)[:200]}); "
            "retrain it with `python -m geotext.training hedges`"
        ) from None


@handling(
    "learned:cue-model",
    stage="learned",
    category="hedge",
    cue="may",
    example="The plan may fail.",
    marker="hedge_disambiguator cue model p=",
)
def disambiguate(doc: Document, hedges: Sequence[Hedge]) -> tuple[Hedge, ...]:
    """Give each hedge and estimative candidate its ``cue_probability``; drop the ones the cue
    model rejects among the lexicon entries it was trained on enough.

    Other categories (attribution, evidential, reporting stance, boosters, negation,
    approximators, weasel and peacock words)
    pass through unchanged, as do candidates of entries seen fewer than the model's
    ``min_support`` times as a hedge or as a non-hedge in training: for them the
    lexicon decides.

    Example:
        >>> from geotext.backends import annotate
        >>> from geotext.hedges import detect
        >>> doc = annotate(["These results suggest that X may bind Y."], backend="rules")[0]
        >>> [(h.text, h.cue_probability is not None) for h in disambiguate(doc, detect(doc, learned=False))]
        [('suggest', True), ('may', True)]
    """
    if not any(_decides(h) and h.cue_probability is None for h in hedges):
        return tuple(hedges)  # nothing to decide: the model (and torch) stay unloaded
    m = _models()
    out: list[Hedge] = []
    for h in hedges:
        if not _decides(h) or h.cue_probability is not None:
            out.append(h)
            continue
        p = m.cue.probability(cue_features(doc, h, shared=m.shared))
        seen = m.support.get(h.rule, 0)
        keep = p >= m.cue.threshold or seen < m.min_support
        note = (
            f"; {MODEL} cue model p={p:.2f}"
            + (
                ""
                if seen >= m.min_support
                else " (entry not seen used both ways in training: lexicon decides)"
            )
            + ("" if keep else ": not a hedge here")
        )
        if keep:
            out.append(evolve(h, cue_probability=round(p, 4), evidence=h.evidence + note))
    return tuple(out)


def _check_probability(instance: object, attribute: object, value: float) -> None:
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"probability must be in [0, 1], got {value}")


@frozen(kw_only=True)
class SentenceUncertainty:
    """How uncertain one sentence is, by the sentence model.

    Attributes:
        sentence: Index of the sentence.
        text: The sentence as written.
        start: Start offset in the original text.
        end: End offset.
        probability: Probability that the sentence is uncertain (hedged, weaselly or
            peacock, in the sense of the CoNLL-2010 Wikipedia labels).
        uncertain: ``probability`` at or above the model's threshold.
        cues: The lexicon candidates in the sentence the model read.
        evidence: The features that pushed the probability up most, and the model.
    """

    sentence: int = field(validator=[instance_of(int), ge(0)])
    text: str
    start: int = field(validator=[instance_of(int), ge(0)])
    end: int = field(validator=instance_of(int))
    probability: float = field(validator=_check_probability)
    uncertain: bool
    cues: tuple[Hedge, ...] = ()
    evidence: str = ""

    def to_dict(self) -> dict[str, object]:
        """Return a JSON-ready dict (cues as the hedges' dicts).

        Example:
            >>> SentenceUncertainty(sentence=0, text="It rains.", start=0, end=9,
            ...                     probability=0.1, uncertain=False).to_dict()["uncertain"]
            False
        """
        return {
            "sentence": self.sentence,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "probability": self.probability,
            "uncertain": self.uncertain,
            "cues": [h.to_dict() for h in self.cues],
            "evidence": self.evidence,
        }


def uncertainty(doc: Document, hedges: Sequence[Hedge] | None = None) -> tuple[SentenceUncertainty, ...]:
    """Return one :class:`SentenceUncertainty` per sentence of ``doc``.

    Args:
        doc: An annotated document.
        hedges: The lexicon's candidates, from ``detect(doc, learned=False)``
            (computed when not given; hedges from ``detect(doc)`` work too).

    Example:
        >>> from geotext.backends import annotate
        >>> doc = annotate(["The bridge opened in 1932."], backend="rules")[0]
        >>> uncertainty(doc)[0].uncertain
        False
    """
    from geotext.hedges._detect import detect

    if hedges is None:
        hedges = detect(doc, learned=False)
    m = _models()
    by_sentence: dict[int, list[Hedge]] = {}
    for h in hedges:
        by_sentence.setdefault(h.sentence, []).append(h)
    feats = [
        sentence_features(doc, s, by_sentence.get(s.index, []), shared=m.shared, tag_ngrams=m.tag_ngrams)
        for s in doc.sentences
    ]
    rnn: list[float | None] = [None] * len(doc.sentences)
    if m.rnn is not None and doc.sentences:
        tokens = [
            _sentence_tokens(doc, s, by_sentence.get(s.index, []), m.cue, m.shared) for s in doc.sentences
        ]
        rnn = list(m.rnn.probabilities(tokens))
    out = []
    for s, f, q in zip(doc.sentences, feats, rnn, strict=True):
        cues = by_sentence.get(s.index, [])
        lr = m.sentence.probability(f)
        p = m.mixed(lr, q)
        top = ", ".join(m.sentence.top(f)) or "none"
        parts = "" if q is None else f" ({m.mix:g} x logistic p={lr:.2f} + {1 - m.mix:g} x BiLSTM p={q:.2f})"
        out.append(
            SentenceUncertainty(
                sentence=s.index,
                text=s.text,
                start=s.start,
                end=s.end,
                probability=round(p, 4),
                uncertain=p >= m.threshold,
                cues=tuple(cues),
                evidence=f"{MODEL} sentence model{parts}; strongest features: {top}",
            )
        )
    return tuple(out)
