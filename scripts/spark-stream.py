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
s3a://); on a cluster, WASL must be installed on every worker (or shipped
with `--files`). Locally the master is `local[*]`.
"""

import argparse
import shlex
import sys

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

    spark = (SparkSession.builder.master(args.master)
             .appName("wasl stream").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    try:
        records = spark.sparkContext.textFile(args.input, args.partitions)
        # checkCode: a failing wasl process fails the job instead of
        # silently yielding a short partition.
        aligned = records.pipe(shlex.join(args.command), checkCode=True)
        aligned.saveAsTextFile(args.output)
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
