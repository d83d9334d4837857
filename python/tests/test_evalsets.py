"""The same beads and scores as the CLI on every evaluation set.

The sets are those `scripts/eval.sh` aligns, from `$WASL_EVAL_DIR` (the
`../shared/eval` layout); each set is aligned as eval.sh aligns it, in one
`wasl align --batch --presegmented` run, and by `wasl.align_batch` with
each document's lines as lists of sentences. The bead files must be
identical (ids, and scores to the CLI's four decimals), and so must the
scores against gold.
"""

from __future__ import annotations

import json
from pathlib import Path

import wasl
from conftest import file_lines, run_cli

# set -> (source language, target language, [(doc, src, tgt, gold)])
Docs = list[tuple[str, Path, Path, Path]]


def eval_sets(root: Path) -> dict[str, tuple[str, str, Docs]]:
    sets: dict[str, tuple[str, str, Docs]] = {}
    b = root / "bleualign_defr_dev"
    if (b / "dev.defr").is_file():
        sets["bleualign_defr"] = ("de", "fr", [("dev", b / "dev.de", b / "dev.fr", b / "dev.defr")])
    for name in ("ntrex128", "ntrex128_perturbed"):
        d = root / "ar_en_dev" / name
        docs = [
            (g.stem, d / f"{g.stem}.ar", d / f"{g.stem}.en", g) for g in sorted(d.glob("*.aren"))
        ]
        if docs:
            sets[name] = ("ar", "en", docs)
    for dom in ("law", "literature"):
        d = root / "ar_en_dev" / "alignar" / dom
        docs = [(g.name, d / "ar" / g.name, d / "en" / g.name, g) for g in sorted((d / "gold").glob("*"))]
        if docs:
            sets[f"alignar_{dom}"] = ("ar", "en", docs)
    return sets


def test_every_eval_set_as_the_cli(cli: Path, eval_dir: Path, tmp_path: Path) -> None:
    sets = eval_sets(eval_dir)
    assert sets, f"no evaluation set found under {eval_dir}"
    for name, (sl, tl, docs) in sets.items():
        staged = tmp_path / name / "in"
        staged.mkdir(parents=True)
        for doc, src, tgt, _ in docs:
            (staged / f"{doc}.{sl}").symlink_to(src)
            (staged / f"{doc}.{tl}").symlink_to(tgt)
        out = tmp_path / name / "out"
        run_cli(
            cli, "align", "--batch", staged, "--presegmented", "--src-lang", sl,
            "--tgt-lang", tl, "--src-ext", sl, "--tgt-ext", tl, "--format", "beads",
            "--out-ext", "", "-o", out,
        )
        got = wasl.align_batch(
            [(file_lines(src), file_lines(tgt)) for _, src, tgt, _ in docs],
            ids=[doc for doc, *_ in docs],
            src_lang=sl,
            tgt_lang=tl,
        )
        assert len(got) == len(docs)
        gold_dir = tmp_path / name / "gold"
        gold_dir.mkdir()
        test = {}
        for (doc, _, _, gold_path), beads in zip(docs, got):
            expected = (out / doc).read_text(encoding="utf-8")
            assert wasl.dumps(beads, "beads") == expected, f"{name}/{doc}"
            (gold_dir / doc).symlink_to(gold_path)
            test[doc] = beads
        # Scored in memory, the same figures as `wasl eval` on the files.
        gold = {doc: [line for line in file_lines(g) if line.strip()] for doc, _, _, g in docs}
        ours = wasl.evaluate(gold, test).to_dict()
        theirs = json.loads(run_cli(cli, "eval", "--json", gold_dir, out))
        for kind in ("strict", "lax"):
            assert {k: round(v, 4) for k, v in ours[kind].items()} == theirs[kind], name
        assert ours["documents"] == theirs["documents"] == len(docs)
