"""Running measurements in fresh processes and keeping the best of a few.

`best_of(job, repeats)` starts `python -m benchmarks.worker` `repeats` times, one process per
measurement, and keeps the fastest result: the least disturbed by whatever else the machine
was doing. `best_of_each(jobs, repeats)` does so for jobs that take turns (ours, the reference,
ours...), so that a busy spell on the machine slows both sides of a ratio, not one. A process
that fails (the reference crashing, for instance) is reported as a `Measurement` with
`crashed=True` and the last line it wrote on stderr.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Generous: the slowest full-size job takes about half a minute.
JOB_TIMEOUT_SECONDS = 600


@dataclass
class Measurement:
    """The best result of a job over its runs (`seconds` is None when it crashed)."""

    seconds: float | None
    result: dict = field(default_factory=dict)
    crashed: bool = False
    error: str = ""


def run_in_fresh_process(job: dict) -> dict:
    """The JSON result of one job run by a new Python process; raises `JobFailed` if it fails."""
    env = dict(os.environ, TIKTOKEN_CACHE_DIR="", PYTHONHASHSEED="0")
    try:
        done = subprocess.run(
            [sys.executable, "-m", "benchmarks.worker", json.dumps(job)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=JOB_TIMEOUT_SECONDS,
        )
    except subprocess.TimeoutExpired:
        raise JobFailed(f"no result after {JOB_TIMEOUT_SECONDS} s") from None
    if done.returncode != 0:
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        raise JobFailed(lines[-1] if lines else f"exit code {done.returncode}")
    return json.loads(done.stdout.strip().splitlines()[-1])


class JobFailed(Exception):
    """A measurement process ended without a result."""


def best_of(job: dict, repeats: int) -> Measurement:
    """The fastest of `repeats` fresh-process runs of `job` (by its `seconds`)."""
    return best_of_each([job], repeats)[0]


def best_of_each(jobs: list[dict], repeats: int) -> list[Measurement]:
    """For each job, the fastest of `repeats` fresh-process runs, the jobs taking turns."""
    results: list[list[dict]] = [[] for _ in jobs]
    failures: list[str | None] = [None] * len(jobs)
    for _ in range(max(1, repeats)):
        for index, job in enumerate(jobs):
            if failures[index] is not None:
                continue  # a crash is deterministic for a given input: no point in trying again
            try:
                results[index].append(run_in_fresh_process(job))
            except JobFailed as failure:
                failures[index] = str(failure)
    return [_best(runs, failure) for runs, failure in zip(results, failures)]


def _best(runs: list[dict], failure: str | None) -> Measurement:
    if failure is not None:
        return Measurement(None, crashed=True, error=failure)
    best = min(runs, key=lambda result: result["seconds"])
    warm = [result["warm_seconds"] for result in runs if "warm_seconds" in result]
    if warm:
        best = dict(best, warm_seconds=min(warm))
    return Measurement(best["seconds"], best)
