"""The GIL is released while aligning (threads run, and align at once),
`multiprocessing` works (also after fork), and Ctrl-C interrupts a call."""

from __future__ import annotations

import multiprocessing
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import wasl
from conftest import BILINGUAL, split_bilingual

AR, EN = split_bilingual(BILINGUAL)


def big_pair(copies: int) -> tuple[str, str]:
    """The sample's two sides, repeated: a long document."""
    return AR * copies, EN * copies


def test_threads_align_at_once_with_the_same_results() -> None:
    pairs = [big_pair(k) for k in (1, 5, 10, 20)]
    serial = [wasl.align(s, t) for s, t in pairs]
    with ThreadPoolExecutor(4) as pool:
        parallel = list(pool.map(lambda p: wasl.align(*p), pairs))
    assert parallel == serial


def test_other_threads_run_while_aligning() -> None:
    src, tgt = big_pair(150)
    ticks = 0
    done = threading.Event()

    def count() -> None:
        nonlocal ticks
        while not done.is_set():
            ticks += 1
            time.sleep(0.001)

    counter = threading.Thread(target=count)
    counter.start()
    start = time.perf_counter()
    try:
        wasl.align(src, tgt)
    finally:
        done.set()
        counter.join()
    elapsed = time.perf_counter() - start
    # Holding the GIL for the whole call would leave the counter at a
    # handful of ticks; released, it ticks about once a millisecond.
    assert ticks > 0.2 * elapsed * 1000, (ticks, elapsed)


def _align_count(pair: tuple[str, str]) -> list[wasl.Bead]:
    return wasl.align(*pair)


def test_multiprocessing_after_fork() -> None:
    pairs = [big_pair(k) for k in (1, 2, 30)]
    # The parent aligns first, so its threads exist before the fork: a
    # child that inherited a thread pool without its threads would hang.
    expected = [wasl.align(*p) for p in pairs]
    methods = multiprocessing.get_all_start_methods()
    for method in ["fork", "spawn"]:
        if method not in methods:
            continue
        with multiprocessing.get_context(method).Pool(2) as pool:
            got = pool.map_async(_align_count, pairs).get(timeout=300)
        assert got == expected, method


CHILD = """
import sys, time, wasl
sys.path.insert(0, {tests!r})
from conftest import BILINGUAL, split_bilingual
ar, en = split_bilingual(BILINGUAL)
src, tgt = ar * {copies}, en * {copies}
start = time.perf_counter()
wasl.align(src, tgt)
full = time.perf_counter() - start
print("ready", full, flush=True)
start = time.perf_counter()
try:
    wasl.align(src, tgt)
    print("finished", time.perf_counter() - start, flush=True)
except KeyboardInterrupt:
    print("interrupted", time.perf_counter() - start, flush=True)
"""


def test_ctrl_c_interrupts_a_long_call(tmp_path) -> None:
    code = CHILD.format(tests=str(BILINGUAL.parents[1] / "python" / "tests"), copies=1500)
    child = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None
        first = child.stdout.readline().split()
        assert first[0] == "ready", first
        full = float(first[1])
        time.sleep(min(0.2, full / 4))
        child.send_signal(signal.SIGINT)
        second = child.stdout.readline().split()
        child.wait(timeout=60)
    finally:
        child.kill()
    assert second[0] == "interrupted", (second, full)
    # Interrupted within a few polls of the signal, well before the call
    # would have ended.
    assert float(second[1]) < full * 0.8, (second, full)
