"""Aligning: the sample article, raw and presegmented input, the options,
and the errors, each checked against the CLI on the same input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import wasl
from conftest import ARABIC_ONLY, BILINGUAL, REPO, run_cli, split_bilingual


def cli_jsonl(cli: Path, *args: object) -> list[dict]:
    out = run_cli(cli, "align", "-f", "jsonl", *args)
    return [json.loads(line) for line in out.splitlines()]


def as_rows(beads: list[wasl.Bead]) -> list[dict]:
    """Beads as the CLI's JSON Lines rows (score to the CLI's 4 decimals)."""
    return [json.loads(line) for line in wasl.dumps(beads, "jsonl").splitlines()]


def test_sample_article_has_the_clis_beads(cli: Path) -> None:
    beads = wasl.align_file(BILINGUAL)
    expected = cli_jsonl(cli, BILINGUAL)
    assert len(beads) == len(expected) == 18
    assert as_rows(beads) == expected
    for b, row in zip(beads, expected):
        assert b.src_ids == row["src_ids"] and b.tgt_ids == row["tgt_ids"]
        assert b.src == row["src"] and b.tgt == row["tgt"]
        assert b.kind == row["bead"]
        assert round(b.score, 4) == row["score"]
        assert b.doc == "003_18ef8cb601dfb36a"
        assert (b.src_lang, b.tgt_lang) == ("ar", "en")


def test_every_sentence_once_in_order() -> None:
    beads = wasl.align_file(BILINGUAL)
    src = [i for b in beads for i in b.src_ids]
    tgt = [i for b in beads for i in b.tgt_ids]
    assert src == list(range(len(src))) and tgt == list(range(len(tgt)))
    assert all(0.0 <= b.score <= 1.0 for b in beads)


def test_bilingual_str_is_split_by_script_like_the_file() -> None:
    text = BILINGUAL.read_text(encoding="utf-8")
    beads = wasl.align(text, doc="003_18ef8cb601dfb36a")
    assert beads == wasl.align_file(BILINGUAL)


def test_raw_text_two_sides_as_the_cli_two_files(cli: Path, tmp_path: Path) -> None:
    ar, en = split_bilingual(BILINGUAL)
    (tmp_path / "doc.ar").write_text(ar, encoding="utf-8")
    (tmp_path / "doc.en").write_text(en, encoding="utf-8")
    expected = cli_jsonl(cli, tmp_path / "doc.ar", tmp_path / "doc.en")
    assert as_rows(wasl.align(ar, en, doc="doc")) == expected
    assert as_rows(wasl.align_file(tmp_path / "doc.ar", tmp_path / "doc.en")) == expected


def test_presegmented_lists_as_the_cli(cli: Path, tmp_path: Path) -> None:
    ar_text, en_text = split_bilingual(BILINGUAL)
    ar = [s.text for s in wasl.segment(ar_text, "ar")]
    en = [s.text for s in wasl.segment(en_text, "en")]
    # An indented line continues the paragraph before it, in both.
    en[3] = "  " + en[3]
    (tmp_path / "doc.ar").write_text("\n".join(ar) + "\n", encoding="utf-8")
    (tmp_path / "doc.en").write_text("\n".join(en) + "\n", encoding="utf-8")
    expected = cli_jsonl(cli, "--presegmented", tmp_path / "doc.ar", tmp_path / "doc.en")
    beads = wasl.align(ar, en, doc="doc")
    assert as_rows(beads) == expected
    # Line N is sentence N.
    for b in beads:
        assert b.src == " ".join(ar[i] for i in b.src_ids)
    # The same text as one str with presegmented=True.
    same = wasl.align("\n".join(ar), "\n".join(en), presegmented=True, doc="doc")
    assert same == beads
    assert as_rows(
        wasl.align_file(tmp_path / "doc.ar", tmp_path / "doc.en", presegmented=True)
    ) == expected


def test_blank_sentences_keep_their_ids() -> None:
    beads = wasl.align(["A cat.", "", "A dog.", ""], ["Un chat.", "Un chien."],
                       src_lang="en", tgt_lang="fr")
    assert sorted(i for b in beads for i in b.src_ids) == [0, 1, 2, 3]


@pytest.mark.parametrize(
    "kwargs,flags",
    [
        ({"passes": 0}, ["--passes", "0"]),
        ({"max_bead": 3}, ["--max-bead", "3"]),
        ({"anchors": False, "learned_lexicon": False}, ["--no-anchors", "--no-learned-lexicon"]),
        ({"paragraphs": False, "exact": True}, ["--no-paragraphs", "--exact"]),
    ],
)
def test_options_are_the_clis(cli: Path, kwargs: dict, flags: list[str]) -> None:
    assert as_rows(wasl.align_file(BILINGUAL, **kwargs)) == cli_jsonl(cli, *flags, BILINGUAL)


def test_dictionary_as_path_or_loaded(cli: Path, tmp_path: Path) -> None:
    dic = tmp_path / "ar-en.dic"
    dic.write_text("president @ الرئيس\nleader @ الزعيم\nmeeting @ لقاء\n", encoding="utf-8")
    expected = cli_jsonl(cli, "--dict", dic, BILINGUAL)
    assert as_rows(wasl.align_file(BILINGUAL, dict=dic)) == expected
    loaded = wasl.Dictionary(dic)
    assert len(loaded) == 3
    assert as_rows(wasl.align_file(BILINGUAL, dict=loaded)) == expected
    with pytest.raises(ValueError, match="dictionary is for ar → en"):
        wasl.align("Hallo.", "Bonjour.", src_lang="de", tgt_lang="fr", dict=loaded)


def test_a_corpus_model_aligns_as_the_clis_model(cli: Path, tmp_path: Path) -> None:
    model = tmp_path / "news.model"
    run_cli(cli, "learn", BILINGUAL, "-o", model)
    expected = cli_jsonl(cli, "--model", model, BILINGUAL)
    assert as_rows(wasl.align_file(BILINGUAL, model=model)) == expected
    # One pass by default with a model; passes= still counts.
    assert as_rows(wasl.align_file(BILINGUAL, model=model, passes=1)) == cli_jsonl(
        cli, "--model", model, "--passes", "1", BILINGUAL
    )
    src, tgt = split_bilingual(BILINGUAL)
    assert len(wasl.align(src, tgt, model=str(model))) > 10
    with pytest.raises(ValueError, match="model is for"):
        wasl.align("Hallo.", "Bonjour.", src_lang="de", tgt_lang="fr", model=model)
    broken = tmp_path / "broken.model"
    broken.write_text("{", encoding="utf-8")
    with pytest.raises(ValueError, match="broken.model"):
        wasl.align_file(BILINGUAL, model=broken)


def test_batch_is_the_clis_batch(cli: Path, tmp_path: Path) -> None:
    ar, en = split_bilingual(BILINGUAL)
    ar_lines, en_lines = ar.splitlines(), en.splitlines()
    docs = {
        "a": ("\n".join(ar_lines[:6]) + "\n", "\n".join(en_lines[:6]) + "\n"),
        "b": ("\n".join(ar_lines[6:]) + "\n", "\n".join(en_lines[6:]) + "\n"),
        "c": (ar, en),
    }
    folder = tmp_path / "in"
    folder.mkdir()
    for name, (s, t) in docs.items():
        (folder / f"{name}.ar").write_text(s, encoding="utf-8")
        (folder / f"{name}.en").write_text(t, encoding="utf-8")
    run_cli(cli, "align", "--batch", folder, "-f", "jsonl", "-o", tmp_path / "out")
    got = wasl.align_batch(list(docs.values()), ids=list(docs))
    assert len(got) == 3
    for name, beads in zip(docs, got):
        expected = (tmp_path / "out" / f"{name}.jsonl").read_text(encoding="utf-8")
        assert wasl.dumps(beads, "jsonl") == expected
    # Numbered ids by default; any iterable of pairs.
    assert [b[0].doc for b in wasl.align_batch(iter(docs.values()))] == ["0", "1", "2"]
    assert wasl.align_batch([]) == []


def test_arabic_only_file_is_refused() -> None:
    with pytest.raises(ValueError) as e:
        wasl.align_file(ARABIC_ONLY)
    assert str(e.value) == (
        f"{ARABIC_ONLY}: no English section found "
        "(1 paragraph in Arabic letters, none in Latin-script letters)"
    )
    with pytest.raises(ValueError, match="^text: no English section found"):
        wasl.align(ARABIC_ONLY.read_text(encoding="utf-8"))


def test_bad_input_is_a_python_exception(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="nope.txt: No such file"):
        wasl.align_file(tmp_path / "nope.txt")
    with pytest.raises(IsADirectoryError):
        wasl.align_file(tmp_path, tmp_path)
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("caf\xe9\n".encode("latin-1"))
    with pytest.raises(ValueError, match="invalid UTF-8 at byte 3 \\(line 1\\)"):
        wasl.align_file(bad, bad)
    with pytest.raises(ValueError, match="^tgt: the text is empty: nothing to align"):
        wasl.align("نص.", "  \n")
    with pytest.raises(ValueError, match="^src: the text is empty"):
        wasl.align([], ["One."])
    with pytest.raises(ValueError, match="NUL byte"):
        wasl.align("a\0b", "c")
    with pytest.raises(ValueError, match=r"src\[1\]: a sentence holds a line break"):
        wasl.align(["One.", "Two.\nThree."], ["Un."])
    with pytest.raises(TypeError, match=r"tgt\[0\]: sentences must be str, not int"):
        wasl.align(["One."], [1])
    with pytest.raises(TypeError, match="bytes, not str"):
        wasl.align(b"One.", "Un.")
    with pytest.raises(ValueError, match="max_bead must be from 1 to 16"):
        wasl.align("One.", "Un.", max_bead=0)
    with pytest.raises(ValueError, match="presegmented needs two"):
        wasl.align("One.", presegmented=True)
    with pytest.raises(TypeError, match="dict must be a path or a wasl.Dictionary"):
        wasl.align("One.", "Un.", dict=3)
    with pytest.raises(FileNotFoundError):
        wasl.align("One.", "Un.", dict=tmp_path / "none.dic")
    with pytest.raises(ValueError, match="ids has 1 names for 2 pairs"):
        wasl.align_batch([("a", "b"), ("c", "d")], ids=["x"])


def test_bead_value_semantics() -> None:
    b = wasl.Bead([3, 4], [2], "x y", "z", 0.5, doc="d")
    assert (b.src_ids, b.tgt_ids, b.kind, b.src_lang, b.tgt_lang) == ([3, 4], [2], "2-1", "ar", "en")
    assert b == wasl.Bead(**b.to_dict())
    assert b != wasl.Bead([3, 4], [2], "x y", "z", 0.6, doc="d")
    assert "kind='2-1'" in repr(b)
    with pytest.raises(ValueError, match="consecutive"):
        wasl.Bead([1, 3], [2], "", "", 0.5)
    with pytest.raises(ValueError, match="does not match"):
        wasl.Bead([1], [2], "", "", 0.5, kind="2-1")


def test_version() -> None:
    cargo = (REPO / "python" / "Cargo.toml").read_text(encoding="utf-8")
    assert f'version = "{wasl.__version__}"' in cargo
