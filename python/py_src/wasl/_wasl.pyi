"""Type stubs for wasl's extension module (re-exported by `wasl`)."""

from __future__ import annotations

import os
from typing import Any, Iterable, Mapping, Sequence, Tuple, Union, final

import numpy
import numpy.typing

__all__ = [
    "__version__",
    "Bead",
    "Dictionary",
    "Evaluation",
    "Prf",
    "Sentence",
    "align",
    "align_batch",
    "align_file",
    "dumps",
    "evaluate",
    "overlaps",
    "segment",
    "write",
]

__version__: str

_Path = Union[str, os.PathLike[str]]
# A side of a document pair: raw text, or its sentences (one per item).
_Text = Union[str, Sequence[str]]
# Sentence embeddings of one side: a 2-D NumPy array (sentences or
# `overlaps` blocks, dimension), float32 or float16.
_Embeddings = numpy.typing.NDArray[Union[numpy.float32, numpy.float16, numpy.float64]]
# A link of an alignment, for `evaluate`.
_Link = Union["Bead", str, Tuple[Sequence[int], Sequence[int]]]
_Links = Union[_Path, Sequence[_Link], Mapping[str, Sequence[_Link]]]

@final
class Bead:
    """One bead: consecutive source sentences paired with consecutive target
    sentences (either side may be empty: an omission or an insertion)."""

    def __new__(
        cls,
        src_ids: Sequence[int],
        tgt_ids: Sequence[int],
        src: str,
        tgt: str,
        score: float,
        doc: str = "",
        src_lang: str = "ar",
        tgt_lang: str = "en",
        kind: str | None = None,
    ) -> Bead: ...
    @property
    def src_ids(self) -> list[int]:
        """Source sentence ids (0-based, consecutive; empty for an insertion)."""
    @property
    def tgt_ids(self) -> list[int]:
        """Target sentence ids (0-based, consecutive; empty for an omission)."""
    @property
    def src(self) -> str:
        """The source sentences' text, joined with one space."""
    @property
    def tgt(self) -> str:
        """The target sentences' text, joined with one space."""
    @property
    def score(self) -> float:
        """Confidence in [0, 1] that the bead is right."""
    @property
    def kind(self) -> str:
        """The bead type, `m-n`: `1-1`, `2-1`, `1-0` (an omission), …"""
    @property
    def doc(self) -> str:
        """The document's id (a file's stem, or the id given to `align`)."""
    @property
    def src_lang(self) -> str: ...
    @property
    def tgt_lang(self) -> str: ...
    def to_dict(self) -> dict[str, Any]:
        """The bead as a dict (keys `doc`, `src_ids`, `tgt_ids`, `src`, `tgt`,
        `score`, `kind`, `src_lang`, `tgt_lang`): a row for
        `pandas.DataFrame`, and the keyword arguments of `Bead`."""
    def __eq__(self, other: object, /) -> bool: ...

@final
class Sentence:
    """One sentence of a text: `text[s.start:s.end] == s.text`."""

    def __new__(cls, text: str, start: int, end: int, paragraph: int = 0) -> Sentence: ...
    @property
    def text(self) -> str: ...
    @property
    def start(self) -> int:
        """Offset of its first character in the segmented string."""
    @property
    def end(self) -> int:
        """Offset one past its last character."""
    @property
    def paragraph(self) -> int:
        """The paragraph (non-blank line) it is in, counted from 0."""
    def __eq__(self, other: object, /) -> bool: ...

@final
class Dictionary:
    """A bilingual dictionary loaded once, for many calls: a hunalign
    dictionary (`target @ source` per line) or a FreeDict/dictd database by
    its `.index` file, as `wasl align --dict` takes."""

    def __new__(cls, path: _Path, src_lang: str = "ar", tgt_lang: str = "en") -> Dictionary: ...
    def __len__(self) -> int: ...

@final
class Prf:
    """Precision, recall and F1."""

    @property
    def precision(self) -> float: ...
    @property
    def recall(self) -> float: ...
    @property
    def f1(self) -> float: ...
    def to_dict(self) -> dict[str, float]: ...

@final
class Evaluation:
    """Scores of an alignment against gold."""

    @property
    def strict(self) -> Prf: ...
    @property
    def lax(self) -> Prf: ...
    @property
    def documents(self) -> int: ...
    @property
    def missing(self) -> list[str]:
        """Gold documents with no test alignment (scored as empty)."""
    def to_dict(self) -> dict[str, object]:
        """The keys of `wasl eval --json` and score.py (not rounded)."""

def align(
    src: _Text,
    tgt: _Text | None = None,
    *,
    src_lang: str = "ar",
    tgt_lang: str = "en",
    presegmented: bool = False,
    doc: str = "",
    dict: _Path | Dictionary | None = None,
    model: _Path | None = None,
    max_bead: int = 8,
    passes: int | None = None,
    learned_lexicon: bool = True,
    anchors: bool = True,
    paragraphs: bool = True,
    exact: bool = False,
    src_embeddings: _Embeddings | None = None,
    tgt_embeddings: _Embeddings | None = None,
) -> list[Bead]:
    """Aligns a source text with its translation.

    `src` and `tgt` are each raw text (`str`, segmented by wasl; each line a
    paragraph) or sentences (a list of `str`; an item that begins with white
    space continues the paragraph of the item before, as in `wasl align
    --presegmented`). With `presegmented=True` a `str` is one sentence per
    line. Without `tgt`, `src` is one bilingual text whose languages are
    found by script. `src_embeddings` and `tgt_embeddings` (both or
    neither) are sentence embeddings, one more kind of evidence: 2-D arrays,
    row k for sentence k, or one row per block `overlaps` lists. Raises
    `ValueError` for input wasl cannot align (embeddings of the wrong shape
    included).
    """

def align_file(
    path: _Path,
    tgt_path: _Path | None = None,
    *,
    src_lang: str = "ar",
    tgt_lang: str = "en",
    presegmented: bool = False,
    dict: _Path | Dictionary | None = None,
    model: _Path | None = None,
    max_bead: int = 8,
    passes: int | None = None,
    learned_lexicon: bool = True,
    anchors: bool = True,
    paragraphs: bool = True,
    exact: bool = False,
    src_embeddings: _Embeddings | None = None,
    tgt_embeddings: _Embeddings | None = None,
) -> list[Bead]:
    """Aligns one bilingual file, or a source file and its translation, as
    `wasl align` does. Raises `OSError` when a file cannot be read."""

def align_batch(
    pairs: Iterable[Tuple[_Text, _Text]],
    *,
    ids: Sequence[str] | None = None,
    src_lang: str = "ar",
    tgt_lang: str = "en",
    presegmented: bool = False,
    dict: _Path | Dictionary | None = None,
    model: _Path | None = None,
    max_bead: int = 8,
    passes: int | None = None,
    learned_lexicon: bool = True,
    anchors: bool = True,
    paragraphs: bool = True,
    exact: bool = False,
    embeddings: Iterable[Tuple[_Embeddings, _Embeddings] | None] | None = None,
) -> list[list[Bead]]:
    """Aligns many document pairs in one run, as `wasl align --batch`: the
    model is estimated from all of them, and they are aligned in parallel.
    `embeddings` holds one `(src, tgt)` pair of arrays (or None) per pair.
    Returns one list of beads per pair."""

def segment(text: str, lang: str) -> list[Sentence]:
    """Splits `text` into sentences with the rules of `lang`; offsets are
    Python string indices."""

def overlaps(sentences: Sequence[str], max: int = 4) -> list[str]:
    """The blocks of 1 to `max` consecutive sentences, in the order
    `wasl overlaps` lists them (every sentence, then every pair joined by a
    space, …): embed these, one row each, for embeddings of blocks."""

def evaluate(gold: _Links, test: _Links) -> Evaluation:
    """Strict and lax precision, recall and F1 of `test` against `gold`,
    as `wasl eval` computes them. Each is a bead file or one document's
    links (a `Bead`, `"[1, 2]:[3]"` or `([1, 2], [3])` each), or a folder
    or a dict of documents by name."""

def write(beads: Iterable[Bead], path: _Path, *, format: str | None = None) -> dict[str, int]:
    """Writes beads as csv, tmx, beads, jsonl or text (two files); returns
    the counts written and left out."""

def dumps(beads: Iterable[Bead], format: str = "csv") -> str:
    """The beads written in `format` (csv, tmx, beads, jsonl), as a string."""
