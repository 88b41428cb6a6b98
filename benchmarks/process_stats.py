"""Memory and CPU time of a process and its children, read from Linux's `/proc`.

    >>> rss_bytes(os.getpid()) > 0
    True
"""

from __future__ import annotations

import os
from pathlib import Path

_PROC = Path("/proc")
_CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def process_tree(pid: int) -> list[int]:
    """`pid` and every process below it (children, grandchildren, ...) that is still alive."""
    found = [pid]
    for parent in found:
        for task in (_PROC / str(parent) / "task").glob("*"):
            try:
                found.extend(int(child) for child in (task / "children").read_text().split())
            except OSError:
                continue
    return found


def rss_bytes(pid: int) -> int:
    """The resident memory (VmRSS) of `pid` and its children together, in bytes; 0 if it is gone."""
    total = 0
    for member in process_tree(pid):
        try:
            status = (_PROC / str(member) / "status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1]) * 1024
    return total


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) used so far by `pid` and its children alive now, in seconds."""
    total = 0
    for member in process_tree(pid):
        try:
            stat = (_PROC / str(member) / "stat").read_text()
        except OSError:
            continue
        # The command name (field 2) may hold spaces: the numbers start after its ")".
        fields = stat[stat.rindex(")") + 2 :].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return total / _CLOCK_TICKS


def load_average() -> float | None:
    """The machine's one-minute load average, or None where it is not known."""
    try:
        return os.getloadavg()[0]
    except OSError:
        return None
