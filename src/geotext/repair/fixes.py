"""Text repairs, each a small function ``str -> list[Edit]``.

Every fix reads the ORIGINAL text and returns edits in its coordinates; :func:`repair`
runs them all and builds one :class:`~geotext.repair.offsets.OffsetMap`. Fixes never
overlap by construction: each touches a different class of characters, and the only
insertions (glue splits, paragraph breaks) sit between characters.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping

import regex

from geotext.data import load_yaml
from geotext.repair.offsets import Edit, OffsetMap

__all__ = [
    "FIXES",
    "fix_characters",
    "fix_joiners",
    "fix_paragraph_breaks",
    "repair",
    "split_glued_words",
]


@functools.cache
def _tables() -> Mapping[str, object]:
    data = load_yaml("repair.yaml")
    assert isinstance(data, dict)
    return data


@functools.cache
def _char_table() -> dict[str, tuple[str, str]]:
    """character -> (replacement, rule) for the one-character fixes."""
    t = _tables()
    table: dict[str, tuple[str, str]] = {}
    quotes = t["quote_marks"]
    assert isinstance(quotes, dict)
    for ch, rep in quotes.items():
        table[str(ch)] = (str(rep), "quote_marks")
    for key, rep, rule in (
        ("spaces", " ", "spaces"),
        ("deleted", "", "invisible_characters"),
        ("line_breaks", "\n", "line_breaks"),
    ):
        chars = t[key]
        assert isinstance(chars, list)
        for ch in chars:
            table[str(ch)] = (rep, rule)
    # C0/C1 control characters (NUL included) other than tab and newline become spaces:
    # stanza's tokenizer and JSON consumers both choke on them, and a space keeps the
    # surrounding words apart.
    for code in [*range(0x00, 0x20), *range(0x7F, 0xA0)]:
        ch = chr(code)
        if ch not in "\t\n\r" and ch not in table:
            table[ch] = (" ", "control_characters")
    return table


@functools.cache
def _char_pattern() -> regex.Pattern[str]:
    chars = "".join(regex.escape(c) for c in _char_table())
    # \r\n and lone \r are normalised to \n; lone surrogates (from surrogateescape
    # decoding) become spaces so the text can be encoded again.
    return regex.compile(f"\r\n?|[{chars}]|[\ud800-\udfff]")


def fix_characters(text: str) -> list[Edit]:
    """Straighten quote marks and normalise spaces, controls and invisible characters.

    Example:
        >>> from geotext.repair.fixes import fix_characters
        >>> [(e.start, e.replacement) for e in fix_characters("It’s “ok”\\u00a0now")]
        [(2, "'"), (5, '"'), (8, '"'), (9, ' ')]
    """
    table = _char_table()
    edits: list[Edit] = []
    for m in _char_pattern().finditer(text):
        s = m.group()
        if s[0] == "\r":
            edits.append(Edit(start=m.start(), end=m.end(), replacement="\n", rule="line_breaks"))
        elif s in table:
            rep, rule = table[s]
            edits.append(Edit(start=m.start(), end=m.end(), replacement=rep, rule=rule))
        else:
            edits.append(Edit(start=m.start(), end=m.end(), replacement=" ", rule="surrogates"))
    return edits


@functools.cache
def _glue_patterns() -> tuple[regex.Pattern[str], frozenset[str], frozenset[str]]:
    t = _tables()
    left = t["glue_left_words"]
    camel = t["camel_case_words"]
    assert isinstance(left, list) and isinstance(camel, list)
    # A lower-case letter directly followed by an upper-case letter that starts a
    # capitalised word (upper + lower): "theInstitute", "StudiesLukashenko".
    boundary = regex.compile(r"(?<=\p{Ll})(?=\p{Lu}\p{Ll})")
    return boundary, frozenset(str(w) for w in left), frozenset(str(w).casefold() for w in camel)


_WORD = regex.compile(r"[\p{L}\p{M}]+")
# Name prefixes that legitimately precede a capital: McDonald, MacArthur, DeSantis,
# O'Neill is not affected (apostrophe), LaGuardia, DiCaprio, VanDyke, FitzGerald.
_NAME_PREFIX = regex.compile(r"^(?:Mc|Mac|De|Di|Da|La|Le|Van|Von|Fitz|Du|Al|El)$")
_PUNCT_GLUE = regex.compile(r"(?<=\p{Ll}{2}[.!?;:,])(?=[\"'“‘]?\p{Lu}\p{Ll})")


def split_glued_words(text: str) -> list[Edit]:
    """Insert spaces where scraping glued two words together.

    A split is made at a lower->upper case boundary inside a letter run when the left
    part is a function word (``theInstitute``) or a capitalised word of at least four
    letters (``StudiesLukashenko``), unless the run is a known camel-case word
    (``YouTube``) or the left part is a name prefix (``McDonald``). A space is also
    inserted after sentence punctuation glued to a capitalised word (``end.The``).

    Example:
        >>> from geotext.repair.fixes import split_glued_words
        >>> t = "theInstitute for War StudiesLukashenko’s McDonald YouTube"
        >>> [t[:e.start].split()[-1] for e in split_glued_words(t)]
        ['the', 'Studies']
    """
    boundary, left_words, camel = _glue_patterns()
    edits: list[Edit] = []
    for m in _WORD.finditer(text):
        word = m.group()
        # Cheapest tests first; a word whose letters after the first are all lower
        # case has no lower-to-upper boundary to split at ("Putin").
        if word.islower() or word.isupper() or word[1:].islower() or word.casefold() in camel:
            continue
        prev = 0
        for b in boundary.finditer(word):
            cut = b.start()
            left = word[prev:cut]
            ok = left in left_words or (len(left) >= 4 and left[0].isupper() and left[1:].islower())
            if ok and not _NAME_PREFIX.match(left):
                edits.append(
                    Edit(start=m.start() + cut, end=m.start() + cut, replacement=" ", rule="glued_words")
                )
            prev = cut
    for m in _PUNCT_GLUE.finditer(text):
        edits.append(Edit(start=m.start(), end=m.start(), replacement=" ", rule="glued_words"))
    return edits


# A zero-width (non-)joiner is needed only between letters of the scripts that shape
# with it (Arabic, Persian, the Indic scripts...); next to a Latin, Cyrillic or Greek
# letter, a digit, a space or punctuation it is residue ("Olena\u200c Kovalenko").
_JOINER = regex.compile(r"[\u200c\u200d]+")
_SHAPING = regex.compile(r"[\p{L}\p{M}](?<![\p{Latin}\p{Cyrillic}\p{Greek}])")


def fix_joiners(text: str) -> list[Edit]:
    """Delete zero-width joiners and non-joiners that do not sit inside a shaping script.

    Example:
        >>> from geotext.repair.fixes import fix_joiners
        >>> [(e.start, e.rule) for e in fix_joiners("Olena\u200c Kovalenko")]
        [(5, 'invisible_characters')]
        >>> fix_joiners("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645")  # Persian keeps it
        []
    """
    edits = []
    for m in _JOINER.finditer(text):
        before = text[m.start() - 1 : m.start()]
        after = text[m.end() : m.end() + 1]
        if before and after and _SHAPING.fullmatch(before) and _SHAPING.fullmatch(after):
            continue
        edits.append(Edit(start=m.start(), end=m.end(), replacement="", rule="invisible_characters"))
    return edits


_BLANK_LINE = regex.compile(r"\n[ \t]*\n")
_NEWLINE = regex.compile(r"(?<![\n\r])(?:\r\n|\r|\n)(?![\r\n])")
# Looked up on the last character of a line (end-anchored regex searches backtrack
# quadratically on long lines: "a" * 20000 + "1" took seconds).
_ENDS_PARAGRAPH = frozenset(".!?:;\"'”’»)]…")
_CONTINUES = frozenset(",-–—/&")
_NEXT_START = regex.compile(r"(?<![ \t])[ \t]*+(\S)")  # linear even when searched


def _last_word(line: str) -> str:
    """The letters at the very end of ``line`` ('' if it ends otherwise), found by a
    backward scan that costs the word's length, not the line's."""
    j = len(line)
    while j > 0 and line[j - 1].isalpha():
        j -= 1
    return line[j:]


def fix_paragraph_breaks(text: str) -> list[Edit]:
    """Make single line breaks paragraph breaks when the text has no blank lines.

    Scraped news usually puts one paragraph per line; stanza only splits sentences at
    blank lines, so a headline with no final full stop would merge with the next line.
    Text that separates paragraphs with blank lines is hard-wrapped: left alone. In
    text without blank lines, a line break is a paragraph break when the line before
    ends a sentence, or when the next line starts with something other than a
    lower-case letter and the line before does not visibly continue (a comma, a
    hyphen, or a function word such as "the" or "of" at its end); a break inside a
    clause (``said that the`` at the end of a line, ``talks failed`` on the next) stays a space.

    Example:
        >>> from geotext.repair.fixes import fix_paragraph_breaks
        >>> [e.start for e in fix_paragraph_breaks("Headline\\nBody.")]
        [8]
        >>> fix_paragraph_breaks("Para one\\nwrapped.\\n\\nPara two.")
        []
        >>> fix_paragraph_breaks("Putin said that the\\ntalks failed. He met the\\nPresident.")
        []
    """
    if _BLANK_LINE.search(text.replace("\r", "")):
        return []
    _, left_words, _ = _glue_patterns()
    edits = []
    for m in _NEWLINE.finditer(text):
        line_start = max(text.rfind("\n", 0, m.start()), text.rfind("\r", 0, m.start())) + 1
        before = text[line_start : m.start()]
        nxt = _NEXT_START.match(text, m.end())
        if nxt is None:
            continue
        before = before.rstrip()
        end = before[-1:]
        if end in _ENDS_PARAGRAPH:
            pass
        elif nxt.group(1).islower() or end in _CONTINUES or _last_word(before).lower() in left_words:
            continue
        edits.append(Edit(start=m.start(), end=m.start(), replacement="\n", rule="paragraph_breaks"))
    return edits


FIXES: tuple[Callable[[str], list[Edit]], ...] = (
    fix_characters,
    fix_joiners,
    split_glued_words,
    fix_paragraph_breaks,
)
"""The repairs :func:`repair` applies, in order."""


def repair(text: str) -> OffsetMap:
    """Run every fix on ``text`` and return the offset map holding the repaired text.

    Example:
        >>> from geotext.repair import repair
        >>> m = repair("theInstitute for War StudiesLukashenko’s aid")
        >>> m.repaired
        "the Institute for War Studies Lukashenko's aid"
        >>> s, e = m.span(30, 42)
        >>> "theInstitute for War StudiesLukashenko’s aid"[s:e]
        'Lukashenko’s'
    """
    edits: list[Edit] = []
    for fix in FIXES:
        edits.extend(fix(text))
    return OffsetMap(text, edits)
