#!/usr/bin/env python3
"""Align a file of document pairs with `wasl stream` as a PySpark job.

Each partition of the input is piped through one `wasl stream` process;
wasl is stateless per record, so the result is the same as one process
over the whole file, whatever the partitioning. Input is JSON Lines (one
`{"id", "src", "tgt"}` record per line): Spark splits text files anywhere,
so records must not depend on a header line.

Usage:
    scripts/spark-stream.py [--partitions N] [--master URL] [--files FILE ...]
                            INPUT OUTPUT_DIR WASL [ARGS...]

    scripts/spark-stream.py docs.jsonl aligned/ wasl stream --output jsonl

    # two stages: learn a corpus model once, ship it with the job
    wasl learn --jsonl sample.jsonl -o news.model
    scripts/spark-stream.py --files news.model docs.jsonl aligned/ \\
        wasl stream --model news.model

INPUT and OUTPUT_DIR may be any path Spark reads and writes (hdfs://,
s3a://); on a cluster, WASL must be installed on every worker at the same
path. Locally the master is `local[*]`.

`--files FILE` ships FILE to every worker (SparkContext.addFile, as
`spark-submit --files` does); an argument of the command that is FILE's
name is replaced, on each worker, by where the file landed there. So the
model is read from the worker's own copy, on any cluster.

WASL is resolved to an absolute path here, on the driver, before Spark
sees it: a bare `wasl` that `cargo install` put in ~/.cargo/bin would not
be found by a worker started with a minimal environment. If the job fails,
an OUTPUT_DIR this run created is removed (Spark would leave `_temporary`
behind) and the reason is printed in one line.
"""

import argparse
import os
import shutil
import subprocess
import sys
import threading
import urllib.parse

from pyspark import SparkFiles
from pyspark.sql import SparkSession


def pipe_partition(command, shipped):
    """A function for mapPartitions: the partition's lines through one
    process of `command`, whose arguments naming a shipped file are
    replaced by the worker's copy of it."""

    def run(lines):
        argv = [SparkFiles.get(a) if a in shipped else a for a in command]
        proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                env=dict(os.environ))

        def feed():
            try:
                for line in lines:
                    proc.stdin.write(line.encode("utf-8") + b"\n")
            except BrokenPipeError:
                pass
            finally:
                try:
                    proc.stdin.close()
                except BrokenPipeError:
                    pass

        writer = threading.Thread(target=feed, daemon=True)
        writer.start()
        for out in proc.stdout:
            yield out.decode("utf-8").rstrip("\n")
        writer.join()
        # A failing wasl process fails the job instead of silently
        # yielding a short partition.
        if proc.wait() != 0:
            raise RuntimeError(f"{' '.join(argv)} exited with status {proc.returncode}")

    return run


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--partitions", type=int, default=None,
                        help="minimum number of input partitions")
    parser.add_argument("--master", default="local[*]")
    parser.add_argument("--files", action="append", default=[], metavar="FILE",
                        help="ship FILE to every worker; the command names it by its file name")
    parser.add_argument("input")
    parser.add_argument("output")
    parser.add_argument("command", nargs=argparse.REMAINDER,
                        help="the wasl command, e.g. `wasl stream`")
    args = parser.parse_args()
    if not args.command:
        parser.error("give the wasl command to run, e.g. `wasl stream`")
    program = shutil.which(args.command[0])
    if program is None:
        print(f"spark-stream: {args.command[0]}: command not found on PATH "
              "(install wasl with `cargo install --path .`, or give its path)",
              file=sys.stderr)
        return 2
    for f in args.files:
        if not os.path.isfile(f):
            print(f"spark-stream: --files {f}: no such file", file=sys.stderr)
            return 2
    command = [os.path.abspath(program)] + args.command[1:]
    shipped = {os.path.basename(f) for f in args.files}

    # A local output folder this run creates is removed if the job fails.
    local = urllib.parse.urlparse(args.output).scheme in ("", "file")
    output_path = urllib.parse.urlparse(args.output).path if local else None
    created = local and not os.path.exists(output_path)

    spark = (SparkSession.builder.master(args.master)
             .appName("wasl stream").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    try:
        for f in args.files:
            spark.sparkContext.addFile(os.path.abspath(f))
        records = spark.sparkContext.textFile(args.input, args.partitions)
        aligned = records.mapPartitions(pipe_partition(command, shipped))
        aligned.saveAsTextFile(args.output)
    except Exception as e:  # Py4J and Spark errors alike
        if created and os.path.isdir(output_path):
            shutil.rmtree(output_path, ignore_errors=True)
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        print(f"spark-stream: the job failed: {first}", file=sys.stderr)
        return 1
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
