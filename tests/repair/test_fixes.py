from __future__ import annotations

import pytest

from geotext.repair import repair
from geotext.repair.fixes import fix_characters, fix_paragraph_breaks, split_glued_words


def _split_points(text: str) -> list[str]:
    return [text[: e.start].split()[-1] + "|" + text[e.start :].split()[0] for e in split_glued_words(text)]


def test_seed_glued_words_are_split(seed_text: str) -> None:
    m = repair(seed_text)
    assert "from the Institute for War Studies Lukashenko's aid" in m.repaired
    start = m.repaired.index("Lukashenko's aid")
    s, e = m.span(start, start + len("Lukashenko's"))
    assert seed_text[s:e] == "Lukashenko’s"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("fromMoscow", ["from|Moscow"]),
        ("Kremlin spokesman", []),
        ("YouTube McDonald DeSantis iPhone eBay", []),
        ("NATO USA", []),
        ("StudiesLukashenko", ["Studies|Lukashenko"]),
        ("it ended.Then", ["ended.|Then"]),
        ("U.S.Army", []),
    ],
)
def test_split_glued_words(text: str, expected: list[str]) -> None:
    assert _split_points(text) == expected


def test_characters_are_normalised_one_for_one() -> None:
    text = "«Oui» „Ja“ ‘so’ it’s\u00a0a\u200bb\x00c\r\nd"
    m = repair(text)
    assert m.repaired == '"Oui" "Ja" \'so\' it\'s ab c\nd'  # lower-case next line: a wrap, not a paragraph
    # every repaired word maps back to the caller's characters
    for word in ("Oui", "Ja", "so", "it's"):
        i = m.repaired.index(word)
        s, e = m.span(i, i + len(word))
        assert text[s:e].replace("’", "'") == word


def test_lone_surrogate_becomes_space() -> None:
    edits = fix_characters("a\udcffb")
    assert [(e.start, e.replacement, e.rule) for e in edits] == [(1, " ", "surrogates")]


def test_paragraph_breaks_only_without_blank_lines() -> None:
    assert len(fix_paragraph_breaks("Title\nBody one.\nBody two.")) == 2
    # a break inside a clause is a wrap, not a paragraph
    assert fix_paragraph_breaks("Putin said that the\ntalks failed.") == []
    assert fix_paragraph_breaks("He met the\nPresident, then left,\nKyiv said.") == []
    assert len(fix_paragraph_breaks("Ukraine: the latest\nIt took place.")) == 1
    assert fix_paragraph_breaks("A wrapped\nline.\n\nNext para.") == []
    assert repair("Title\nBody.").repaired == "Title\n\nBody."


@pytest.mark.parametrize("mark", ["\u200c", "\u200d", "\u2060", "\u00ad", "\u200b"])
def test_invisible_characters_inside_names_are_removed(mark: str) -> None:
    text = f"Mira Tal{mark}ent met Olena{mark} Kovalenko."
    m = repair(text)
    assert m.repaired == "Mira Talent met Olena Kovalenko."
    i = m.repaired.index("Kovalenko")
    s, e = m.span(i - 6, i + len("Kovalenko"))
    assert text[s:e] == f"Olena{mark} Kovalenko"


def test_joiners_kept_inside_shaping_scripts() -> None:
    persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"
    assert repair(persian).repaired == persian
