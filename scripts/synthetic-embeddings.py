#!/usr/bin/env python3
"""Synthetic sentence embeddings for a speed workload (README, "Speed"):
the aligner's time with embeddings, without an encoder's.

usage: scripts/synthetic-embeddings.py DIR [SRC TGT]   (a scripts/workload.sh output;
       SRC and TGT its languages, ar and en by default)

Writes DIR/emb.SRC.npy and DIR/emb.TGT.npy (float32, 384 dimensions, one
row a sentence of DIR/seg/doc.*): the sentences of each gold bead share a
random vector plus noise of their own, normalised; sentences in no bead
get a random vector. Needs NumPy. Seeded: the same files every time.
"""
import os
import sys

import numpy as np

DIM = 384


def ids(field):
    return [int(x) for x in field.strip().strip("[]").split(",") if x.strip()]


def main():
    if len(sys.argv) not in (2, 4):
        sys.exit(__doc__)
    d = sys.argv[1]
    langs = sys.argv[2:] or ["ar", "en"]
    paths = [os.path.join(d, "seg", f"doc.{lang}") for lang in langs]
    counts = [sum(1 for _ in open(p, encoding="utf-8")) for p in paths]
    gold = [tuple(map(ids, line.split(":")[:2])) for line in open(os.path.join(d, "gold", "doc"))]
    rng = np.random.default_rng(7)
    src, tgt = (np.zeros((n, DIM), np.float32) for n in counts)
    for s, t in gold:
        base = rng.standard_normal(DIM).astype(np.float32)
        for i in s:
            src[i] = base + 0.7 * rng.standard_normal(DIM)
        for j in t:
            tgt[j] = base + 0.7 * rng.standard_normal(DIM)
    for m, lang in ((src, langs[0]), (tgt, langs[1])):
        empty = np.all(m == 0, axis=1)
        m[empty] = rng.standard_normal((int(empty.sum()), DIM))
        m /= np.linalg.norm(m, axis=1, keepdims=True)
        out = os.path.join(d, f"emb.{lang}.npy")
        np.save(out, m)
        print(out, m.shape)


if __name__ == "__main__":
    main()
