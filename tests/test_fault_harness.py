"""A short, seeded run of ``benchmarks/fault_harness.py``: the real desk in tmux, killed
with SIGKILL inside each kind of moment, loses nothing it showed as done.

The full harness (200 trials and more) is run by hand; this keeps one trial of each
moment in CI so that the harness itself cannot rot unnoticed.
"""

from __future__ import annotations

import shutil
import signal
from pathlib import Path

import pytest

from benchmarks import fault_harness

pytestmark = [
    pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux"),
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL"),
]


def test_a_few_seeded_kills_lose_nothing(tmp_path: Path) -> None:
    result = fault_harness.run(5, seed=7, keep=tmp_path, moments=fault_harness.MOMENTS, cycle=True)
    assert result["trials"] == {moment: 1 for moment in fault_harness.MOMENTS}
    assert result["losses"] == {moment: 0 for moment in fault_harness.MOMENTS}, result["details"]
