"""Evaluation: strict and lax P/R/F1, as `wasl eval` computes them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import wasl
from conftest import run_cli


def test_links_of_every_kind() -> None:
    gold = [([0], [0]), ([1, 2], [1])]
    test = ["[0]:[0]:0.9", wasl.Bead([1], [1], "", "", 0.5), ([2], [])]
    e = wasl.evaluate(gold, test)
    assert e.strict.precision == pytest.approx(1 / 3)
    assert e.lax.precision == pytest.approx(2 / 3)
    assert (e.strict.recall, e.lax.recall) == (0.5, 1.0)
    assert e.strict.f1 == pytest.approx(2 * (1 / 3) * 0.5 / (1 / 3 + 0.5))
    assert e.documents == 1 and e.missing == []
    assert e.to_dict()["strict"]["recall"] == 0.5


def test_documents_by_name_and_missing_ones() -> None:
    gold = {"a": [([0], [0])], "b": [([0], [0]), ([1], [1])]}
    e = wasl.evaluate(gold, {"a": [([0], [0])]})
    assert e.documents == 2 and e.missing == ["b"]
    assert e.strict.precision == 1.0 and e.strict.recall == pytest.approx(1 / 3)


def test_folders_as_the_cli(cli: Path, tmp_path: Path) -> None:
    (tmp_path / "gold").mkdir()
    (tmp_path / "test").mkdir()
    (tmp_path / "gold" / "d1").write_text("[0]:[0]\n[1, 2]:[1]\n[3]:[]\n")
    (tmp_path / "test" / "d1").write_text("[0]:[0]:0.9\n[1]:[1]:0.5\n[2]:[]:0.1\n[3]:[]\n")
    (tmp_path / "gold" / "d2").write_text("[0]:[0, 1]\n")
    expected = json.loads(run_cli(cli, "eval", "--json", tmp_path / "gold", tmp_path / "test"))
    e = wasl.evaluate(tmp_path / "gold", str(tmp_path / "test"))
    d = e.to_dict()
    for kind in ("strict", "lax"):
        for k, v in expected[kind].items():
            assert round(d[kind][k], 4) == v
    assert (e.documents, e.missing) == (expected["documents"], expected["missing"])


def test_a_path_against_links(tmp_path: Path) -> None:
    beads = [wasl.Bead([0], [0], "a", "b", 0.9), wasl.Bead([1, 2], [1], "c", "d", 0.8)]
    (tmp_path / "gold.beads").write_text("[0]:[0]\n[1, 2]:[1]\n")
    assert wasl.evaluate(tmp_path / "gold.beads", beads).strict.f1 == 1.0
    (tmp_path / "g").mkdir()
    (tmp_path / "g" / "d").write_text("[0]:[0]\n[1]:[1]\n")
    e = wasl.evaluate(tmp_path / "g", {"d": beads, "other": []})
    assert (e.documents, e.strict.precision, e.lax.recall) == (1, 0.5, 1.0)


def test_errors(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="not a bead"):
        wasl.evaluate(["[0]-[0]"], [])
    bad = tmp_path / "bad"
    bad.write_text("[0]:[0]\n[x]:[1]\n")
    with pytest.raises(ValueError, match=f"{bad}:2: not a bead"):
        wasl.evaluate(bad, bad)
    with pytest.raises(FileNotFoundError):
        wasl.evaluate(tmp_path / "none", tmp_path / "none")
    (tmp_path / "empty").mkdir()
    with pytest.raises(TypeError, match="the same kind"):
        wasl.evaluate(tmp_path / "empty", [])
    with pytest.raises(TypeError, match="a link is"):
        wasl.evaluate([3], [])
