"""Shared fixtures: the repository's sample data, the CLI to compare with,
and the evaluation sets.

The CLI is `target/release/wasl` (built by `cargo build --release`), or
`$WASL_BIN`. The evaluation sets are in `$WASL_EVAL_DIR` (`.ci/run` sets it
to `../shared/eval`). Outside CI a test that needs either is skipped when
it is missing; in CI (`CI=true`) it fails instead, so a broken setup
cannot pass by skipping.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "data"
BILINGUAL = DATA / "003_18ef8cb601dfb36a.txt"
ARABIC_ONLY = DATA / "001_5420158eb8b6de07.txt"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def missing(what: str) -> None:
    """Skips the test, or fails it in CI."""
    if IN_CI:
        pytest.fail(f"{what} (required in CI)")
    pytest.skip(what)


@pytest.fixture(scope="session")
def cli() -> Path:
    """The wasl command-line binary."""
    path = Path(os.environ.get("WASL_BIN", REPO / "target" / "release" / "wasl"))
    if not path.is_file():
        missing(f"no wasl binary at {path}: run `cargo build --release` or set WASL_BIN")
    return path


def run_cli(cli: Path, *args: object, cwd: Path = REPO) -> str:
    """Runs the CLI and returns its standard output."""
    out = subprocess.run(
        [str(cli), *map(str, args)], cwd=cwd, capture_output=True, check=False
    )
    assert out.returncode == 0, out.stderr.decode()
    return out.stdout.decode()


@pytest.fixture(scope="session")
def eval_dir() -> Path:
    """The evaluation sets (`$WASL_EVAL_DIR`)."""
    value = os.environ.get("WASL_EVAL_DIR")
    if not value:
        missing("WASL_EVAL_DIR is not set")
    path = Path(value)
    if not path.is_dir():
        missing(f"WASL_EVAL_DIR={value} is not a folder")
    return path


def split_bilingual(path: Path) -> tuple[str, str]:
    """The Arabic and English lines of a bilingual file, as two texts."""
    ar, en = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        arabic = any("\u0600" <= c <= "\u06ff" for c in line)
        (ar if arabic else en).append(line)
    return "\n".join(ar) + "\n", "\n".join(en) + "\n"


def file_lines(path: Path) -> list[str]:
    """A presegmented file's lines as `wasl align --presegmented` reads
    them: split at "\\n" only (not at the other characters
    `str.splitlines` breaks at), without the empty line after a final
    newline."""
    text = path.read_text(encoding="utf-8")
    if text.endswith("\n"):
        text = text[:-1]
    return text.split("\n") if text else []
