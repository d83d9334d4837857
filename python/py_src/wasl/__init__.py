"""wasl — a fast, accurate bilingual sentence aligner (Arabic–English first).

The Rust core does the work; this package converts Python values to its
types and back.

>>> import wasl
>>> beads = wasl.align("Hello world. How are you?", "Bonjour le monde. Comment allez-vous ?",
...                    src_lang="en", tgt_lang="fr")
>>> [(b.src_ids, b.tgt_ids) for b in beads]
[([0], [0]), ([1], [1])]

Functions: `align`, `align_file`, `align_batch`, `segment`, `overlaps`, `evaluate`,
`write` (and `write_csv`, `write_tmx`, `write_beads`, `write_text`,
`write_jsonl`), `dumps`. Classes: `Bead`, `Sentence`, `Dictionary`,
`Evaluation`, `Prf`.
"""

from __future__ import annotations

import os
from typing import Iterable, Union

from ._wasl import (
    Bead,
    Dictionary,
    Evaluation,
    Prf,
    Sentence,
    __version__,
    align,
    align_batch,
    align_file,
    dumps,
    evaluate,
    overlaps,
    segment,
    write,
)

__all__ = [
    "Bead",
    "Dictionary",
    "Evaluation",
    "Prf",
    "Sentence",
    "__version__",
    "align",
    "align_batch",
    "align_file",
    "dumps",
    "evaluate",
    "overlaps",
    "segment",
    "write",
    "write_beads",
    "write_csv",
    "write_jsonl",
    "write_text",
    "write_tmx",
]

_Path = Union[str, "os.PathLike[str]"]


def write_csv(beads: Iterable[Bead], path: _Path) -> dict[str, int]:
    """Writes beads as CSV (RFC 4180, header row); see `write`."""
    return write(beads, path, format="csv")


def write_tmx(beads: Iterable[Bead], path: _Path) -> dict[str, int]:
    """Writes beads as a TMX 1.4b translation memory (pairs only); see `write`."""
    return write(beads, path, format="tmx")


def write_beads(beads: Iterable[Bead], path: _Path) -> dict[str, int]:
    """Writes beads in the `[i, j]:[k]:score` format of gold files; see `write`."""
    return write(beads, path, format="beads")


def write_jsonl(beads: Iterable[Bead], path: _Path) -> dict[str, int]:
    """Writes beads as JSON Lines, one object per bead; see `write`."""
    return write(beads, path, format="jsonl")


def write_text(beads: Iterable[Bead], prefix: _Path) -> dict[str, int]:
    """Writes line-aligned text, `PREFIX.SRC` and `PREFIX.TGT` (pairs only); see `write`."""
    return write(beads, prefix, format="text")
