"""Sentence embeddings from NumPy arrays: `src_embeddings`/`tgt_embeddings`
take what `wasl align --src-embed/--tgt-embed` reads from `.npy` files,
with the same beads; embeddings decide where lengths and words cannot;
arrays that do not fit are a clear error naming the argument."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import wasl
from conftest import run_cli

np = pytest.importorskip("numpy")

DIM = 32


def document(n: int = 40, omitted: int = 12, inserted_after: int = 27, seed: int = 7):
    """A document pair of `n` meanings whose words share nothing (disjoint
    alphabets) and whose lengths are drawn independently: the source leaves
    out meaning `omitted`, the target has an extra sentence after meaning
    `inserted_after`. Returns both sides' sentences, their embeddings (a
    random vector per meaning, plus noise on each side) and the gold links."""
    rng = np.random.default_rng(seed)
    meanings = rng.uniform(-0.5, 0.5, size=(n + 1, DIM))

    def sentence(letters: str) -> str:
        words = ["".join(rng.choice(list(letters), size=rng.integers(3, 9)))
                 for _ in range(rng.integers(3, 15))]
        return " ".join(words) + "."

    def noisy(v):
        return v + 0.15 * rng.uniform(-0.5, 0.5, size=v.shape)

    src, tgt, se, te, gold = [], [], [], [], []
    for k in range(n):
        if k != omitted:
            gold.append(([len(src)], [len(tgt)]))
            src.append(sentence("abcdefghijklm"))
            se.append(noisy(meanings[k]))
        else:
            gold.append(([], [len(tgt)]))
        tgt.append(sentence("nopqrstuvwxyz"))
        te.append(noisy(meanings[k]))
        if k == inserted_after:
            gold.append(([], [len(tgt)]))
            tgt.append(sentence("nopqrstuvwxyz"))
            te.append(noisy(meanings[n]))
    return src, tgt, np.array(se, dtype=np.float32), np.array(te, dtype=np.float32), gold


def links(beads: list[wasl.Bead]) -> list[tuple[list[int], list[int]]]:
    return [(b.src_ids, b.tgt_ids) for b in beads]


KW = dict(src_lang="de", tgt_lang="fr")


def test_embeddings_find_what_lengths_and_words_cannot() -> None:
    src, tgt, se, te, gold = document()
    with_emb = wasl.align(src, tgt, **KW, src_embeddings=se, tgt_embeddings=te)
    assert links(with_emb) == gold
    blind = wasl.align(src, tgt, **KW)
    assert wasl.evaluate(gold, blind).strict.f1 < 0.8, "the test document is too easy"


def test_arrays_give_the_clis_beads_from_the_same_npy_files(cli: Path, tmp_path: Path) -> None:
    src, tgt, se, te, _ = document(30, 5, 20, seed=3)
    (tmp_path / "d.de").write_text("\n".join(src) + "\n", encoding="utf-8")
    (tmp_path / "d.fr").write_text("\n".join(tgt) + "\n", encoding="utf-8")
    np.save(tmp_path / "d.de.npy", se)
    np.save(tmp_path / "d.fr.npy", te)
    out = run_cli(cli, "align", "-f", "jsonl", "--presegmented", "--force",
                  "--src-lang", "de", "--tgt-lang", "fr", tmp_path / "d.de", tmp_path / "d.fr",
                  "--src-embed", tmp_path / "d.de.npy", "--tgt-embed", tmp_path / "d.fr.npy")
    expected = [json.loads(line) for line in out.splitlines()]
    beads = wasl.align(src, tgt, **KW, doc="d", src_embeddings=se, tgt_embeddings=te)
    got = [json.loads(line) for line in wasl.dumps(beads, "jsonl").splitlines()]
    assert got == expected
    # A file on disk and its text read by the binding: the same.
    from_files = wasl.align_file(tmp_path / "d.de", tmp_path / "d.fr", presegmented=True, **KW,
                                 src_embeddings=se, tgt_embeddings=te)
    assert links(from_files) == links(beads)


def test_float16_and_strided_arrays_are_read_as_their_values() -> None:
    src, tgt, se, te, gold = document()
    half = wasl.align(src, tgt, **KW, src_embeddings=se.astype(np.float16),
                      tgt_embeddings=te.astype(np.float16))
    assert links(half) == gold
    # A transposed copy's transpose: not C-contiguous, same rows.
    strided = np.ascontiguousarray(se.T).T
    assert not strided.flags["C_CONTIGUOUS"]
    assert links(wasl.align(src, tgt, **KW, src_embeddings=strided, tgt_embeddings=te)) == gold


def test_overlaps_lists_blocks_and_their_embeddings_are_taken() -> None:
    assert wasl.overlaps(["A.", "B.", "", "C."], max=2) == [
        "A.", "B.", "", "C.", "A. B.", "B.", "C."]
    assert wasl.overlaps(["A.", "B."], max=4) == ["A.", "B.", "A. B."]
    src, tgt, se, te, gold = document()
    # Rows for every block of up to 3 sentences: a block's row the mean of
    # its sentences' (what an encoder of concatenations might give).
    blocks = wasl.overlaps(src, max=3)
    index = {}
    for size in (1, 2, 3):
        for i in range(len(src) - size + 1):
            index[len(index)] = (i, size)
    assert len(blocks) == len(index)
    rows = np.array([se[i:i + size].mean(axis=0) for i, size in index.values()], dtype=np.float32)
    assert links(wasl.align(src, tgt, **KW, src_embeddings=rows, tgt_embeddings=te)) == gold
    with pytest.raises(ValueError, match="max must be from 1"):
        wasl.overlaps(src, max=0)


def test_embeddings_that_do_not_fit_are_a_clear_error() -> None:
    src, tgt, se, te, _ = document(20, 3, 10)

    def run(s, t=te):
        return wasl.align(src, tgt, **KW, src_embeddings=s, tgt_embeddings=t)

    with pytest.raises(ValueError, match=r"src_embeddings: 18 rows, but the source side has 19"):
        run(se[:-1])
    with pytest.raises(ValueError, match=r"src_embeddings: shape \[.*\]: want a 2-D array"):
        run(se[0])
    with pytest.raises(ValueError, match=r"tgt_embeddings: dimension 16, but the source side"):
        run(se, te[:, :16])
    bad = se.copy()
    bad[3, 1] = np.nan
    with pytest.raises(ValueError, match=r"src_embeddings: row 3 \(sentence 4\)"):
        run(bad)
    with pytest.raises(TypeError, match=r"src_embeddings: dtype int64"):
        run(np.ones(se.shape, dtype=np.int64))
    with pytest.raises(TypeError, match="src_embeddings: expected a NumPy array"):
        run(se.tolist())
    with pytest.raises(ValueError, match="src_embeddings and tgt_embeddings go together"):
        wasl.align(src, tgt, **KW, src_embeddings=se)


def test_batch_takes_one_pair_of_arrays_or_none_per_document() -> None:
    a_src, a_tgt, a_se, a_te, a_gold = document(30, 5, 20, seed=3)
    b_src, b_tgt, _, _, _ = document(25, 4, 15, seed=5)
    docs = wasl.align_batch([(a_src, a_tgt), (b_src, b_tgt)], **KW,
                            embeddings=[(a_se, a_te), None])
    assert links(docs[0]) == a_gold
    assert [i for b in docs[1] for i in b.src_ids] == list(range(len(b_src)))
    with pytest.raises(ValueError, match="embeddings has 1 entries for 2 pairs"):
        wasl.align_batch([(a_src, a_tgt), (b_src, b_tgt)], **KW, embeddings=[(a_se, a_te)])
    with pytest.raises(ValueError, match=r"embeddings\[0\].src: 29 rows, but the source side has 24"):
        wasl.align_batch([(b_src, b_tgt)], **KW, embeddings=[(a_se, a_te)])
