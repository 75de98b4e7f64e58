"""Indirect speech: a reporting cue and the clause it reports.

A verb from the lexicon takes its content from its complement (a ``that`` clause,
a zero-``that`` clause from the parse, a ``to`` infinitive, a pronoun object), or,
in a comment clause (``…, he said``, ``As Reuters reported, …``), from the clause
around it. ``according to X`` takes the clause before, after or around it; a
reporting noun with a possessor (``Moscow's claim that …``) takes its ``that``
clause. Quote marks inside the content make the quote ``mixed``.
"""

from __future__ import annotations

from geotext.language.reporting import Cue
from geotext.language.view import (
    ADJUNCT_ADP,
    DETERMINERS,
    NP,
    NP_INNER_ADP,
    SUBJECT_PRONOUNS,
    SUBORDINATORS,
    View,
)
from geotext.quotes._base import (
    ADDRESSEE_VERBS,
    BE_FORMS,
    DETACH_ADVERBS,
    TEMPORAL,
    Draft,
    Speaker,
    np_speaker,
)
from geotext.quotes._clauses import ClauseRules

__all__ = ["IndirectRules"]

# Words that open an interrogative complement ("asked whether …").
WH_WORDS = frozenset({"whether", "if", "why", "how", "what", "when", "where", "who"})


# Auxiliaries that open a yes/no question.
_QUESTION_AUX = frozenset(
    {
        "do",
        "does",
        "did",
        "will",
        "would",
        "can",
        "could",
        "should",
        "is",
        "are",
        "was",
        "were",
        "has",
        "have",
        "had",
    }
)
# Penn tags of finite verbs (past, present, modal).
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _plausible_speaker(view: View, np: NP) -> bool:
    """Whether a phrase right before a reporting verb can be its speaker: not a verb
    for the tagger ("…, drew protests."); without a tagger, a one-word phrase must
    be a name, a pronoun or a plural noun ("…, officials said.")."""
    if view.has_parse:
        return view.words[np.end - 1].upos not in ("VERB", "AUX")
    w = view.forms[np.start]
    return np.end - np.start > 1 or view.is_capitalized(np.start) or w in SUBJECT_PRONOUNS or w.endswith("s")


class IndirectRules(ClauseRules):
    """The indirect-speech rules."""

    def _indirect(self) -> None:
        for view in self.views:
            i = 0
            while i < len(view):
                i = self._cue_at(view, i) or i + 1
        for view in self.views:
            self._colon_source(view)

    def _colon_source(self, view: View) -> None:
        """``Putin: the West is to blame.`` A sentence made of a noun phrase, a colon
        and a clause (the headline and interview convention, Pareti 2015's colon
        cues). Whether the phrase names someone is left to the speaker's actors:
        :func:`geotext.quotes.extract` keeps the quote only when the phrase resolves
        to an actor or is a person's name for the NER."""
        n = len(view)
        p = next((k for k in range(n) if view.forms[k] == ":"), None)
        if p is None or p == 0 or p + 3 >= n:
            return
        start = 0
        while start < p and view.is_punct(start):
            start += 1
        np = view.np_ending_at(p, max_words=8)
        if np is None or np.start != start or self._in_marks(view.words[p + 1].start):
            return
        if any(self._claimed(view.words[k].start) for k in range(p + 1, n)):
            return
        spans = self._clause(view, p + 1, None)
        words = [w for a, b in spans for w in self.doc.text[a:b].split()]
        if len(words) < 3:
            return
        self._make(
            view,
            spans,
            (p, p + 1),
            "colon",
            None,
            np_speaker(view, np),
            0.5,
            "colon-source",
            cue_class="speech",
        )

    def _cue_at(self, view: View, i: int) -> int | None:
        w = view.words[i]
        if self._claimed(w.start) or self._in_marks(w.start):
            return None
        hits = self.lex.cues_at(view.forms, i)
        verb = next((h for h in hits if h.kind == "verb"), None)
        for hit in hits:
            if hit.kind == "phrase":
                return self._according(view, i, hit.end, hit.cue)
            if hit.kind == "adjective":
                found_adj = self._adjective_cue(view, i, hit.cue)
                if found_adj is not None:
                    return found_adj
            if hit.kind == "noun" and (not view.has_parse or w.upos == "NOUN"):
                after_noun = self._noun_cue(view, i, hit.cue)
                if after_noun is not None or view.has_parse or verb is None:
                    return after_noun
                # without a parse "fear" may be the verb: "analysts fear that …"
        if verb is None:
            return None
        return self._verb_cue(view, i, verb.cue, verb.end - i)

    def _verb_cue(self, view: View, i: int, cue: Cue, n: int) -> int | None:
        """A reporting verb at words ``[i, i + n)``: its content and speaker."""
        w = view.words[i]
        if view.forms[i] == "said" and i + 1 < len(view) and view.forms[i + 1] == "to":
            return None  # "troops said to be from Chechnya": the evidential passive, no speaker
        if self._question(view):
            return None  # "Did the president say the war was over?" asserts no report
        if (
            view.has_parse
            and (w.upos != "VERB" or w.deprel in ("amod", "compound"))
            and not self._final_comment_clause(view, i, i + n, cue)
        ):
            return None
        prev = view.forms[i - 1] if i else ""
        wrap = self.lex.wrapper_before(view.forms, i)
        if (
            not view.has_parse
            and wrap is None
            and prev in ("the", "a", "an", "his", "her", "their", "its", "to")
        ):
            return None
        cs = i
        stance = cue.stance
        if wrap is not None:
            cs, stance = i - wrap[1], wrap[0].stance
        elif self._passive(view, i):
            return None
        found = None
        evidence_kind = "indirect"
        if self._parenthetical(view, cs, i + n):
            found = self._content_before(view, cs, i + n, cue)
            evidence_kind = "indirect:cue-after"
        if found is None:
            found = self._content(view, i + n, cue)
            evidence_kind = "indirect"
        if found is None:
            found = self._content_before(view, cs, i + n, cue)
            evidence_kind = "indirect:cue-after"
            if found is None:
                return None
        spans, evidence, confidence = found
        spans = [sp for sp in spans if sp[1] > sp[0]]
        if not spans:  # a cue with nothing to report ("<<,he said")
            return None
        speaker = self._speaker(view, cs, i + n)
        if speaker is None and (evidence_kind == "indirect:cue-after" or evidence == "colon-clause"):
            return None  # no one reports: "Warning: the video …", "Note: the figures …"
        if speaker is None and wrap is None and all(view.is_punct(k) for k in range(cs)):
            return None  # an imperative or a noun opens the sentence: "Tell me …", "Hopes that …"
        if speaker is not None and evidence_kind == "indirect":
            spans = self._within_aside(view, speaker, spans)
        d = self._make(
            view, spans, (cs, i + n), "verb", stance, speaker, confidence, evidence, cue_class=cue.cls
        )
        return max(i + n, view.first_at_or_after(d.content[-1][1]))

    def _adjective_cue(self, view: View, i: int, cue: Cue) -> int | None:
        """``X is confident that …``, ``X was adamant that …``, ``X is eager to …``: an
        attitude adjective after a form of "be" (adverbs and "not" may come between),
        with its complement clause; the cue is the copula with the adjective."""
        if view.has_parse and view.words[i].upos not in ("ADJ", "VERB"):
            return None
        b = i - 1
        while b >= 0 and view.is_between(b) and view.forms[b] not in BE_FORMS:
            b -= 1
        if b < 0 or view.forms[b] not in BE_FORMS:
            return None
        found = self._content(view, i + 1, cue)
        if found is None:
            return None
        spans, evidence, confidence = found
        spans = [sp for sp in spans if sp[1] > sp[0]]
        speaker = self._speaker(view, b, b + 1)
        if not spans or speaker is None:
            return None
        d = self._make(
            view, spans, (b, i + 1), "adjective", cue.stance, speaker, confidence, evidence, cue_class=cue.cls
        )
        return max(i + 1, view.first_at_or_after(d.content[-1][1]))

    def _noun_cue(self, view: View, i: int, cue: Cue) -> int | None:
        """``Moscow's claim that …``, ``expressed concern that …``: a reporting noun
        with its ``that`` clause and a holder, who is the speaker: a possessor, or
        the subject of a light verb whose object the noun is (then the cue is the
        light verb with the noun). Without a holder ("the fear that …") nobody is
        named, so no quote is made."""
        k = i + 1
        n = len(view)
        frames = cue.frames or frozenset({"that"})
        if k + 1 >= n:
            return None
        if view.forms[k] == "that" and "that" in frames and self._complementiser(view, k):
            if view.has_parse and view.words[k].head and view.sentence.word(view.words[k].head).head != i + 1:
                return None  # "that" belongs to some other clause than the noun's
            evidence = "noun-that-clause"
        else:
            return None
        j = i - 1
        while j >= 0 and (
            view.words[j].upos == "ADJ" if view.has_parse else view.forms[j].endswith(("al", "ous", "ic"))
        ):
            j -= 1
        if j < 0:
            return None
        cs = i
        speaker: Speaker | None = None
        if view.forms[j] in ("his", "her", "their", "its", "our", "my", "your"):
            speaker = np_speaker(view, NP(start=j, end=j + 1, heads=(j,)))
        elif view.forms[j] in ("'s", "'") and j > 0:
            np = view.np_ending_at(j, max_words=6)
            if np is not None:
                speaker = np_speaker(view, NP(start=np.start, end=j + 1, heads=np.heads))
        else:
            lv = j - 1 if view.forms[j] in ("a", "an", "the", "some", "no") else j
            if lv >= 0 and view.forms[lv] in self.lex.light_verbs and not self._passive(view, lv):
                cs = lv
                speaker = self._speaker(view, lv, lv + 1)
        if speaker is None:
            return None
        spans = self._clause(view, k + 1, self._head_of(view, k))
        if not spans or spans[0][1] <= spans[0][0]:
            return None
        d = self._make(
            view, spans, (cs, i + 1), "noun", cue.stance, speaker, 0.6, evidence, cue_class=cue.cls
        )
        return max(i + 1, view.first_at_or_after(d.content[-1][1]))

    def _according(self, view: View, i: int, j: int, cue: Cue) -> int | None:
        """``According to X, …`` / ``…, according to X`` / ``A, according to X, B``."""
        np = view.np_starting_at(j, max_words=12, split_possessive=True)
        if np is None:
            return None
        k = i
        while k - 1 >= 0 and view.forms[k - 1] in DETACH_ADVERBS:
            k -= 1
        initial = view.clause_start(k) >= k
        after = np.end
        n = len(view)
        if initial:
            c = after + 1 if after < n and view.forms[after] == "," else after
            if c >= n:
                return None
            spans = self._clause(view, c, self._governor(view, i))
            evidence = "according-to:before"
        else:
            comma = k - 1 if k - 1 >= 0 and view.forms[k - 1] == "," else k
            left = view.clause_start(comma)
            if left >= comma:
                return None
            spans = [self._span(view, left, comma)]
            if (
                after < n
                and view.forms[after] == ","
                and after + 1 < n
                and not self._detached_after(view, after + 1)
            ):
                spans += self._clause(view, after + 1, None)
                evidence = "according-to:inside"
            else:
                evidence = "according-to:after"
        spans = [s for s in spans if s[1] > s[0]]
        if not spans:
            return None
        speaker = np_speaker(view, np)
        self._make(view, spans, (i, j), "according_to", cue.stance, speaker, 0.8, evidence, cue_class=cue.cls)
        return np.end

    def _make(
        self,
        view: View,
        spans: list[tuple[int, int]],
        cue_words: tuple[int, int],
        cue_type: str,
        stance: str | None,
        speaker: Speaker | None,
        confidence: float,
        evidence: str,
        *,
        cue_class: str | None,
    ) -> Draft:
        words = view.words
        inside = [m for s, e in spans for m in self._marks_within(s, e)]
        for m in inside:
            self.used_marks.add(self.mark_index[m.start])
        d = Draft(
            content=spans,
            cue=(words[cue_words[0]].start, words[cue_words[1] - 1].end),
            cue_type=cue_type,
            stance=stance,
            source=speaker.source if speaker else None,
            heads=speaker.heads if speaker else [],
            pp_start=speaker.pp_start if speaker else None,
            confidence=confidence - (0.1 if not view.has_parse else 0.0),
            evidence=evidence if evidence.startswith("according") else f"indirect:{evidence}",
            sentence=view.sentence.index,
            marks=inside,
            cue_class=cue_class,
        )
        if speaker is not None and speaker.inherited:
            d.evidence += "+inherited"
        self.drafts.append(d)
        for s, e in spans:
            self._claim(s, e)
        return d

    def _question(self, view: View) -> bool:
        """Whether the sentence is a yes/no question opened by an auxiliary ("Did the
        president say …?", "Do you think …?"): it reports nothing."""
        k = 0
        while k < len(view) and view.is_punct(k):
            k += 1
        end = len(view) - 1
        while end > k and view.is_punct(end) and view.forms[end] != "?":
            end -= 1
        return k < len(view) and view.forms[end] == "?" and view.forms[k] in _QUESTION_AUX

    def _parenthetical(self, view: View, cs: int, ce: int) -> bool:
        """Whether the cue stands in a comment clause: ", he said," / "As X said,"."""
        k = ce
        while k < len(view) and view.is_between(k):
            k += 1
        k = self._skip_adjuncts(view, k)  # ", he observed this week,"
        if k < len(view) and not view.is_punct(k):
            return False
        np = view.subject_before(cs)
        return (
            np is not None
            and np.start >= 1
            and (view.forms[np.start - 1] in (",", "as") or self._is_mark(view, np.start - 1))
        )

    def _within_aside(
        self, view: View, speaker: Speaker, spans: list[tuple[int, int]]
    ) -> list[tuple[int, int]]:
        """A cue in a non-restrictive relative clause ("Putin, who said that the
        talks failed, left early") reports no further than the comma closing it."""
        text = self.doc.text
        if text[speaker.source[0] : speaker.source[1]].lower() not in ("who", "which"):
            return spans
        if not text[: speaker.source[0]].rstrip().endswith(","):
            return spans
        a, b = spans[0]
        for w in view.words:
            if a < w.start < b and w.form == "," and self._in_marks(w.start) is None:
                return [(a, w.start)]
        return spans

    def _final_comment_clause(self, view: View, cs: int, ce: int, cue: Cue) -> bool:
        """Whether the cue ends its sentence in a comment clause after a comma
        (``…, the Kyiv Independent reports.``): a verb there, whatever the tagger says
        (it often reads "reports" or "notes" as a noun)."""
        if not (cue.frames & {"quote", "inversion"}) or view.forms[ce - 1].endswith("ing"):
            return False
        if any(not view.is_punct(k) for k in range(ce, len(view))):
            return False
        np = view.subject_before(cs)
        if not (
            np is not None
            and np.end == cs
            and np.start >= 1
            and (view.forms[np.start - 1] == "," or self._is_mark(view, np.start - 1))
        ):
            return False
        if self._is_mark(view, np.start - 1):
            return True
        if not _plausible_speaker(view, np):
            return False
        # The tagger may miss the cue, but not the clause too: the text before the
        # comma must hold a finite verb ("That being said, the offensive continues."
        # reports nothing).
        return not view.has_parse or any(view.words[k].xpos in _FINITE for k in range(np.start - 1))

    def _passive(self, view: View, i: int) -> bool:
        j = i - 1
        while j >= 0 and view.is_between(j) and view.forms[j] not in BE_FORMS:
            j -= 1
        if j < 0 or view.forms[j] not in BE_FORMS or view.forms[i].endswith("ing"):
            return False
        if view.forms[j] == "'s":
            # "he's said" is "he has said"; "it's said that" and "he's said to be"
            # are passives (the parse's lemma for "'s" is unreliable)
            nxt = view.forms[i + 1] if i + 1 < len(view) else ""
            return nxt == "to" or (j > 0 and view.forms[j - 1] in ("it", "that", "this", "what"))
        return True

    def _content(self, view: View, j: int, cue: Cue) -> tuple[list[tuple[int, int]], str, float] | None:
        """The complement of the verb ending before word ``j``."""
        n = len(view)
        k = j
        if cue.lemma in ADDRESSEE_VERBS and k < n:
            f = view.forms[k]
            if f in ("him", "her", "them", "us", "me", "you"):
                k += 1
            elif f not in ("that", "to") and not view.is_punct(k):
                np = view.np_starting_at(k, max_words=5)
                after = n if np is None else np.end
                if after < n and view.forms[after] != "to":  # "ordered the troops to …"
                    after = self._skip_adjuncts(view, after)
                if (
                    np is not None
                    and after < n
                    and (
                        view.forms[after] in ("that", "to", ":")
                        or view.forms[after] in WH_WORDS
                        or ("that" in cue.frames and self._subject_and_verb(view, after))
                    )
                ):
                    k = np.end
        while k < n and view.forms[k] in TEMPORAL:
            k += 1
        # "said in a call with the ambassadors last week that …", "told reporters on Friday that …"
        past = self._skip_adjuncts(view, k)
        if past > k and past < n and (view.forms[past] in ("that", ":") or self._is_opening(view, past)):
            k = past
        if k >= n:
            return None
        f = view.forms[k]
        mark = self._in_marks(view.words[k].start)
        if mark is not None and mark.start == view.words[k].start and cue.frames & {"quote", "that"}:
            # 'says “the game has become soft” because …': the clause opens with a quote
            return self._clause(view, k, None), "quote-clause", 0.75
        if f == "that" and not self._complementiser(view, k):
            return None
        if (
            f == "that"
            and "that" in cue.frames
            and k + 1 < n
            and (not view.is_punct(k + 1) or view.forms[k + 1] in (",", "—", "–", "--"))
        ) or (f == "that" and k + 1 < n and self._in_marks(view.words[k + 1].start)):
            if view.forms[k + 1] in ("—", "–", "--"):
                # "indicate that — for the time being — the coalition leads": the aside and the clause
                close = next(
                    (d for d in range(k + 2, min(n, k + 14)) if view.forms[d] == view.forms[k + 1]), None
                )
                if close is not None and close + 1 < n:
                    rest = self._clause(view, close + 1, self._head_of(view, k))
                    return [(view.words[k + 2].start, rest[-1][1])], "that-clause", 0.8
            return self._clause(view, k + 1, self._head_of(view, k)), "that-clause", 0.8
        if f in WH_WORDS and "wh" in cue.frames:
            return self._clause(view, k, self._head_of(view, k)), "wh-clause", 0.7
        if f == ":" and k + 1 < n and not self._in_marks(view.words[k + 1].start) and "that" in cue.frames:
            return self._clause(view, k + 1, None), "colon-clause", 0.6
        if "to" in cue.frames and cue.cls == "cognition" and cue.lemma not in ADDRESSEE_VERBS:
            # "Experts expect the summit to be staged": the object is the subject of
            # the infinitive, part of what is expected (Quirk et al. 1985, 16.50)
            np = view.np_starting_at(k, max_words=6) if f not in ("to", "that") else None
            if (
                np is not None
                and np.end + 1 < n
                and view.forms[np.end] == "to"
                and self._infinitive(view, np.end + 1)
            ):
                return self._clause(view, k, None, "infinitive"), "object-infinitive", 0.55
        if f == "to" and "to" in cue.frames and k + 1 < n and self._infinitive(view, k + 1):
            return self._clause(view, k + 1, self._head_of(view, k), "infinitive"), "to-infinitive", 0.6
        if "that" in cue.frames and cue.cls != "perception" and self._zero_that(view, j - 1, k):
            comp = [c.id - 1 for c in view.sentence.children(view.words[j - 1]) if c.deprel == "ccomp"]
            return self._clause(view, k, comp[0] if comp else None), "zero-that", 0.65
        if (
            "object" in cue.frames
            and view.forms[k] in ("this", "it", "so", "that")
            and (k + 1 >= n or view.is_punct(k + 1) or view.forms[k + 1] in NP_INNER_ADP)
        ):
            s = view.words[k]
            return [(s.start, s.end)], "object", 0.5
        words = cue.lemma.split()
        if (
            "object" in cue.frames
            and len(words) > 1
            and words[-1] in ADJUNCT_ADP
            and k == j
            and view.np_starting_at(k, max_words=12) is not None
        ):  # "called for a ban on …": the object of the cue's own preposition
            return self._clause(view, k, None, "object"), "object", 0.5
        if "object" in cue.frames and view.has_parse and k == j:
            # "announced his resignation", "dismissed the report as “absurd”"
            verb = view.words[j - 1]
            # a noun object, not "said nothing"
            obj = [
                c for c in view.sentence.children(verb) if c.deprel == "obj" and c.upos in ("NOUN", "PROPN")
            ]
            obj = [c for c in obj if c.id - 1 >= k]
            if (
                obj
                and view.forms[j - 1] in self.lex.light_verbs
                and self._noun_with_clause(view, obj[0].id - 1)
            ):
                return None  # "expressed concern that …": the noun cue takes it
            if obj and view.sentence.subtree(obj[0])[0].id - 1 == k:
                return self._clause(view, k, obj[0].id - 1, "object"), "object", 0.5
        return None

    def _noun_with_clause(self, view: View, i: int) -> bool:
        """Whether word ``i`` is a reporting noun followed by "that"."""
        cue = self.lex.nouns.get(view.forms[i])
        return (
            cue is not None
            and i + 1 < len(view)
            and view.forms[i + 1] == "that"
            and "that" in (cue.frames or frozenset({"that"}))
        )

    def _is_opening(self, view: View, k: int) -> bool:
        m = self._in_marks(view.words[k].start)
        return m is not None and m.start == view.words[k].start

    def _skip_adjuncts(self, view: View, k: int) -> int:
        """The first word after the prepositional phrases and time words at ``k``."""
        n = len(view)
        while k < n:
            f = view.forms[k]
            if f in TEMPORAL:
                k += 1
                continue
            if (
                f in ("last", "this", "next")
                and k + 1 < n
                and view.forms[k + 1] in ("week", "month", "year", "night")
            ):
                k += 2
                continue
            if f in ADJUNCT_ADP:
                np = view.np_starting_at(k + 1, max_words=10)
                if np is None:
                    return k
                k = np.end
                continue
            return k
        return k

    def _complementiser(self, view: View, k: int) -> bool:
        """Whether "that" at ``k`` introduces a clause (not "that settles it").

        What follows decides first, whatever the parse says: a demonstrative or
        pronoun "that" is never followed by a subject pronoun, a determiner, a
        proper name, a subordinator, a comma or a dash ("that she would", "that the
        talks", "that Putin", "that if he wins", "that, in the end, …")."""
        if k + 1 < len(view):
            nxt = view.forms[k + 1]
            if (
                nxt in SUBJECT_PRONOUNS - {"who"}
                or nxt in SUBORDINATORS
                or nxt in ("there", ",", "—", "–", "--")
                or (nxt in DETERMINERS and nxt not in ("that", "this", "these", "those"))
                or (view.is_capitalized(k + 1) and not view.is_punct(k + 1))
            ):
                return True
        if view.has_parse:
            return view.words[k].deprel not in ("nsubj", "obj", "nsubj:pass", "det")
        return k + 1 < len(view) and not view.is_aux(k + 1)

    def _infinitive(self, view: View, k: int) -> bool:
        """Whether word ``k`` (after "to") is a verb, not the noun of a phrase; an
        opening quote mark before it is looked past ('vowed to “take our fight”')."""
        if self._is_opening(view, k) and k + 1 < len(view):
            k += 1
        if view.has_parse:
            return view.words[k].upos in ("VERB", "AUX")
        f = view.forms[k]
        return not (f in DETERMINERS or f in ("him", "her", "them", "us", "me") or view.is_capitalized(k))

    def _zero_that(self, view: View, verb: int, k: int) -> bool:
        """Whether a finite clause without "that" starts at ``k`` ("said the talks
        failed"): the parse's clausal complement, else the surface pattern."""
        if view.has_parse:
            w = view.words[verb]
            comp = [c for c in view.sentence.children(w) if c.deprel == "ccomp"]
            if any(view.sentence.subtree(c)[0].id - 1 == k for c in comp):
                return True
        return self._subject_and_verb(view, k)

    def _content_before(
        self, view: View, cs: int, ce: int, cue: Cue
    ) -> tuple[list[tuple[int, int]], str, float] | None:
        """``The war will end, he said.`` / ``The war, he said, will end.`` /
        ``As Reuters reported, the war …`` / ``…, as he said.``"""
        if not (cue.frames & {"quote", "inversion", "that"}) or view.forms[ce - 1].endswith("ing"):
            return None
        np = view.subject_before(cs)
        if np is not None and not _plausible_speaker(view, np):
            return None
        start = np.start if np is not None else cs
        if start >= 1 and view.forms[start - 1] == "as" and np is not None:
            return self._as_clause(view, start - 1, ce)
        if not (cue.frames & {"quote", "inversion"}) and np is None:
            return None  # "…, the reports show." needs its subject before the verb
        after = ce
        if np is None:
            inverted = view.subject_after(ce)
            if inverted is None:
                return None
            after = inverted.end
        if start >= 2 and self._is_mark(view, start - 1) and view.forms[start - 2] == ",":
            left_end = start  # '… a “red file,” the Guardian reported': the comma sits inside the marks
        elif start >= 2 and view.forms[start - 1] == ",":
            left_end = start - 1
        else:
            return None
        n = len(view)
        after = self._skip_adjuncts(view, after)
        left_start = self._clause_start_outside_marks(view, left_end)
        opening = self._in_marks(view.words[left_start].start)
        if left_start >= left_end - 1 or (
            opening is not None
            and (
                opening.start != view.words[left_start].start
                or self.mark_index[opening.start] in self.used_marks
                or opening.end > view.words[left_end - 1].end
            )
        ):
            return None  # a quote the direct rules took, or one running past the clause
        spans = [self._span(view, left_start, left_end)]
        if after < n and view.forms[after] == ",":
            spans.extend(self._clause(view, after + 1, None))
        elif after < n and not view.is_punct(after):
            return None
        return [s for s in spans if s[1] > s[0]], "clause-before", 0.7

    def _clause_start_outside_marks(self, view: View, before: int) -> int:
        """:meth:`View.clause_start`, where a boundary word inside a pair of marks
        that closes before ``before`` ('leaders “who understand that …,”') does
        not count: the clause starts before the marks."""
        start = view.clause_start(before)
        for _ in range(3):
            m = self._in_marks(view.words[start].start)
            if m is None or m.start == view.words[start].start or m.end > view.words[before - 1].end:
                return start
            opening = view.first_at_or_after(m.start)
            if opening >= start:
                return start
            start = view.clause_start(opening)
        return start

    def _as_clause(
        self, view: View, as_word: int, ce: int
    ) -> tuple[list[tuple[int, int]], str, float] | None:
        """A comment clause (Quirk et al. 15.53): ``As X observed, CLAUSE`` and
        ``CLAUSE, as X said.``"""
        n = len(view)
        after = ce
        while after < n and view.is_between(after):
            after += 1
        initial = view.clause_start(as_word) >= as_word
        if initial and after < n and view.forms[after] == ",":
            spans = self._clause(view, after + 1, None)
            return ([s for s in spans if s[1] > s[0]] or None) and (spans, "as-clause", 0.7)
        if (
            not initial
            and as_word >= 1
            and view.forms[as_word - 1] == ","
            and (after >= n or view.is_punct(after))
        ):
            left = view.clause_start(as_word - 1)
            if left < as_word - 1:
                return [self._span(view, left, as_word - 1)], "as-clause", 0.7
        return None
