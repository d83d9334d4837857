"""Segmentation: sentences with offsets into the Python string."""

from __future__ import annotations

from pathlib import Path

import pytest

import wasl
from conftest import BILINGUAL, DATA, run_cli


@pytest.mark.parametrize("path", sorted(DATA.glob("*.txt")), ids=lambda p: p.name)
def test_offsets_slice_the_string_back_to_each_sentence(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    sentences = wasl.segment(text, "ar")
    assert sentences
    last = 0
    for s in sentences:
        assert text[s.start : s.end] == s.text
        assert s.start >= last and s.end > s.start
        last = s.end
    # Nothing but white space between and around the sentences.
    rest = "".join(
        text[a.end : b.start] for a, b in zip([wasl.Sentence("", 0, 0)] + sentences, sentences)
    )
    assert rest.strip() == ""


def test_offsets_count_characters_not_bytes() -> None:
    text = "مرحبا بكم. 🙂 أهلا!\nSecond line here. And more."
    got = [(s.text, s.start, s.end, s.paragraph) for s in wasl.segment(text, "ar")]
    assert got[0] == ("مرحبا بكم.", 0, 10, 0)
    for t, a, b, _ in got:
        assert text[a:b] == t
    assert [p for *_, p in got] == [0, 0, 1, 1]


def test_byte_order_mark_is_not_in_the_first_sentence() -> None:
    text = "\ufeffMr. Smith left. He came back."
    s = wasl.segment(text, "en")
    assert [x.text for x in s] == ["Mr. Smith left.", "He came back."]
    assert s[0].start == 1 and text[s[0].start : s[0].end] == s[0].text


def test_same_sentences_as_the_cli(cli: Path) -> None:
    out = run_cli(cli, "segment", "--section", "en", BILINGUAL)
    text = BILINGUAL.read_text(encoding="utf-8")
    english = "\n".join(line for line in text.splitlines() if not any("\u0600" <= c <= "\u06ff" for c in line))
    assert [s.text for s in wasl.segment(english, "en")] == out.splitlines()


def test_rules_by_language() -> None:
    text = "Mr. Smith left. He came back."
    assert len(wasl.segment(text, "en")) == 2
    assert [s.text for s in wasl.segment("قال د. محمد: «انتهى.» ثم غادر., وعاد", "ar")] == [
        "قال د. محمد: «انتهى.»",
        "ثم غادر.,",
        "وعاد",
    ]
    assert wasl.segment("", "en") == []
    s = wasl.segment("One. Two.", "de")[1]
    assert (s.start, s.end, s.paragraph) == (5, 9, 0)
    assert s == wasl.Sentence("Two.", 5, 9, 0)
