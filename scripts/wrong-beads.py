#!/usr/bin/env python3
"""Classify an alignment's wrong beads against gold (README, "Where the
Bleualign document is lost").

usage: scripts/wrong-beads.py GOLD OUT [--min-score 0.9]

GOLD and OUT are files in the beads format (`[i, j]:[k]`, OUT with a
third field, the score). A bead of OUT that is not a bead of GOLD is
wrong, and is
  a piece     if it lies inside one gold bead,
  a merge     if it is exactly the union of two or more gold beads,
  a null      if one of its sides is empty (an omission or insertion
              gold does not have),
  crossing    otherwise.
Prints the counts, and in brackets those scored at least --min-score.
"""
import argparse


def ids(field):
    field = field.strip().strip("[]")
    return frozenset(int(x) for x in field.split(",") if x.strip())


def beads(path):
    out = []
    for line in open(path, encoding="utf-8"):
        parts = line.strip().split(":")
        if len(parts) < 2:
            continue
        score = float(parts[2]) if len(parts) > 2 else 1.0
        out.append((ids(parts[0]), ids(parts[1]), score))
    return out


def kind(bead, gold):
    s, t, _ = bead
    if not s or not t:
        return "null"
    inside = [g for g in gold if s <= g[0] and t <= g[1]]
    if inside:
        return "piece"
    covered = [g for g in gold if (g[0] or g[1]) and g[0] <= s and g[1] <= t]
    if len(covered) >= 2:
        union_s = frozenset().union(*(g[0] for g in covered))
        union_t = frozenset().union(*(g[1] for g in covered))
        if union_s == s and union_t == t:
            return "merge"
    return "crossing"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold")
    ap.add_argument("out")
    ap.add_argument("--min-score", type=float, default=0.9)
    a = ap.parse_args()
    gold = [(s, t) for s, t, _ in beads(a.gold)]
    exact = set(gold)
    kinds = ["piece", "merge", "null", "crossing"]
    count = {k: [0, 0] for k in kinds}
    for b in beads(a.out):
        if (b[0], b[1]) in exact:
            continue
        k = kind(b, gold)
        count[k][0] += 1
        count[k][1] += b[2] >= a.min_score
    total = [sum(c[0] for c in count.values()), sum(c[1] for c in count.values())]
    print(f"wrong {total[0]} ({total[1]})", *(f"{k} {c[0]} ({c[1]})" for k, c in count.items()))


if __name__ == "__main__":
    main()
