#!/usr/bin/env python3
"""Align a file of document pairs with `wasl stream` as a PySpark job.

Each partition of the input is piped through one `wasl stream` process
(`RDD.pipe`); wasl is stateless per record, so the result is the same as
one process over the whole file, whatever the partitioning. Input is JSON
Lines (one `{"id", "src", "tgt"}` record per line): Spark splits text
files anywhere, so records must not depend on a header line.

Usage:
    scripts/spark-stream.py [--partitions N] [--master URL] INPUT OUTPUT_DIR WASL [ARGS...]

    scripts/spark-stream.py docs.jsonl aligned/ wasl stream --output jsonl

INPUT and OUTPUT_DIR may be any path Spark reads and writes (hdfs://,
s3a://); on a cluster, WASL must be installed on every worker at the same
path (or shipped with `--files`). Locally the master is `local[*]`.

WASL is resolved to an absolute path here, on the driver, before Spark
sees it: `RDD.pipe` starts its command with an empty environment, so a
bare `wasl` that `cargo install` put in ~/.cargo/bin would not be found
on the workers. If the job fails, an OUTPUT_DIR this run created is
removed (Spark would leave `_temporary` behind).
"""

import argparse
import os
import shlex
import shutil
import sys
import urllib.parse

from pyspark.sql import SparkSession


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--partitions", type=int, default=None,
                        help="minimum number of input partitions")
    parser.add_argument("--master", default="local[*]")
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
    command = [os.path.abspath(program)] + args.command[1:]

    # A local output folder this run creates is removed if the job fails.
    local = urllib.parse.urlparse(args.output).scheme in ("", "file")
    output_path = urllib.parse.urlparse(args.output).path if local else None
    created = local and not os.path.exists(output_path)

    spark = (SparkSession.builder.master(args.master)
             .appName("wasl stream").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    try:
        records = spark.sparkContext.textFile(args.input, args.partitions)
        # checkCode: a failing wasl process fails the job instead of
        # silently yielding a short partition.
        aligned = records.pipe(shlex.join(command), checkCode=True)
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
