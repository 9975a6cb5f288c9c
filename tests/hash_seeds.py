"""Run a script under several PYTHONHASHSEED values: results must not depend on string hashing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def outputs_under_hash_seeds(script: str, *args: str, seeds: tuple[str, ...] = ("1", "2", "3")) -> dict[str, str]:
    """The standard output of ``python -c script *args`` (from the checkout's root) per hash seed."""

    def run(seed: str) -> str:
        env = {**os.environ, "PYTHONHASHSEED": seed}
        return subprocess.run([sys.executable, "-c", script, *args], env=env, capture_output=True, text=True, check=True, cwd=ROOT).stdout

    return {seed: run(seed) for seed in seeds}
