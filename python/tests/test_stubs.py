"""The `.pyi` stubs describe the module as it is (mypy's stubtest)."""

from __future__ import annotations

import subprocess
import sys

import pytest


def test_stubs_match_the_extension_module() -> None:
    pytest.importorskip("mypy.stubtest")
    out = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "wasl"], capture_output=True, text=True
    )
    assert out.returncode == 0, out.stdout + out.stderr
