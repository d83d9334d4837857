"""Writers: every format as the CLI writes it, from beads that may have
been filtered, pickled or round-tripped through pandas."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

import wasl
from conftest import BILINGUAL, run_cli


@pytest.fixture(scope="module")
def beads() -> list[wasl.Bead]:
    return wasl.align_file(BILINGUAL)


@pytest.mark.parametrize("fmt", ["csv", "tmx", "beads", "jsonl"])
def test_each_format_as_the_cli(cli: Path, tmp_path: Path, beads: list, fmt: str) -> None:
    run_cli(cli, "align", BILINGUAL, "-o", tmp_path / f"cli.{fmt}")
    expected = (tmp_path / f"cli.{fmt}").read_text(encoding="utf-8")
    stats = wasl.write(beads, tmp_path / f"py.{fmt}")
    assert (tmp_path / f"py.{fmt}").read_text(encoding="utf-8") == expected
    assert wasl.dumps(beads, fmt) == expected
    assert stats["beads"] == len(beads) and stats["docs"] == 1
    getattr(wasl, f"write_{fmt}")(beads, tmp_path / "again")
    assert (tmp_path / "again").read_text(encoding="utf-8") == expected


def test_text_is_two_files_as_the_cli(cli: Path, tmp_path: Path, beads: list) -> None:
    run_cli(cli, "align", BILINGUAL, "-f", "text", "-o", tmp_path / "cli")
    wasl.write_text(beads, tmp_path / "py")
    for lang in ("ar", "en"):
        assert (tmp_path / f"py.{lang}").read_bytes() == (tmp_path / f"cli.{lang}").read_bytes()
    with pytest.raises(ValueError, match="two files"):
        wasl.dumps(beads, "text")


def test_pairs_only_formats_count_what_they_leave_out() -> None:
    beads = [
        wasl.Bead([0], [0], "أ.", "A.", 0.9),
        wasl.Bead([1], [], "ب.", "", 0.2),
        wasl.Bead([2], [1], "ج.", "C.", 0.8),
    ]
    tmx = wasl.dumps(beads, "tmx")
    assert tmx.count("<tu ") == 2
    stats = wasl.write(beads, "/dev/null", format="tmx")
    assert (stats["written"], stats["one_sided"], stats["src_sentences_left_out"]) == (2, 1, 1)


def test_filtered_beads_and_documents(beads: list) -> None:
    # Above the median score: some beads kept, some not (the sample's
    # beads are all probable, so a fixed threshold such as 0.9 keeps all).
    median = sorted(b.score for b in beads)[len(beads) // 2]
    confident = [b for b in beads if b.score > median]
    assert 0 < len(confident) < len(beads)
    lines = wasl.dumps(confident, "beads").splitlines()
    assert lines == [f"{b.src_ids}:{b.tgt_ids}:{b.score:.4f}" for b in confident]
    # Beads of several documents: one CSV, each row with its document.
    other = [wasl.Bead([0], [0], "نص.", "Text.", 0.5, doc="other")]
    csv = wasl.dumps(beads + other, "csv").splitlines()
    assert csv[-1].startswith("other,0,0,") and len(csv) == len(beads) + 2


def test_two_documents_with_one_id_stay_two() -> None:
    """Regression: beads of two alignments, both with the default id "",
    were once written as one document, the second's texts over the
    first's."""
    a = wasl.align(["Un chat.", "Un chien."], ["A cat.", "A dog."], src_lang="fr", tgt_lang="en")
    b = wasl.align(["Une maison."], ["A house."], src_lang="fr", tgt_lang="en")
    expected = wasl.dumps(a, "jsonl") + wasl.dumps(b, "jsonl")
    assert wasl.dumps(a + b, "jsonl") == expected
    # The same for beads made by hand (here: through pickle).
    again = pickle.loads(pickle.dumps(a + b))
    assert wasl.dumps(again, "jsonl") == expected


def test_pandas_round_trip(tmp_path: Path, beads: list) -> None:
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame([b.to_dict() for b in beads])
    assert list(df.columns) == [
        "doc", "src_ids", "tgt_ids", "src", "tgt", "score", "kind", "src_lang", "tgt_lang",
    ]
    assert len(df) == len(beads) and df["score"].between(0, 1).all()
    again = [wasl.Bead(**row) for row in df.to_dict("records")]
    assert again == beads
    # Filtered in pandas, written by wasl: as if filtered in Python.
    kept = [wasl.Bead(**row) for row in df[df.score > 0.9].to_dict("records")]
    assert kept == [b for b in beads if b.score > 0.9]
    assert wasl.dumps(again, "tmx") == wasl.dumps(beads, "tmx")


def test_pickle(beads: list) -> None:
    assert pickle.loads(pickle.dumps(beads)) == beads
    s = wasl.segment("One. Two.", "en")
    assert pickle.loads(pickle.dumps(s)) == s


def test_errors(tmp_path: Path, beads: list) -> None:
    with pytest.raises(ValueError, match="unknown format 'xml'"):
        wasl.write(beads, tmp_path / "x", format="xml")
    with pytest.raises(TypeError, match=r"beads\[1\]: expected a wasl.Bead, not str"):
        wasl.dumps([beads[0], "x"])
    with pytest.raises(FileNotFoundError, match="no such directory"):
        wasl.write(beads, tmp_path / "none" / "out.csv")
    with pytest.raises(IsADirectoryError):
        wasl.write(beads, tmp_path)
