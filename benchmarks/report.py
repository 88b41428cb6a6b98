"""The benchmark table, as aligned plain text or as Markdown (for the README)."""

from __future__ import annotations

import os
import platform
from importlib import metadata

from .suite import Row

HEADER = ["Benchmark", "Encoding", "Ours (s)", "Reference (s)", "Ours / ref", "Target", "Met", "Note"]
NUMERIC_COLUMNS = {2, 3, 4}


def format_seconds(seconds: float | None) -> str:
    """`0.123`, `12.3`; `-` for no time."""
    if seconds is None:
        return "-"
    return f"{seconds:.3f}" if seconds < 10 else f"{seconds:.1f}"


def row_cells(row: Row) -> list[str]:
    """The table cells of one row."""
    if row.reference is None:
        reference = "-"
    elif row.reference.crashed:
        reference = "crashed"
    else:
        reference = format_seconds(row.reference.seconds)
    ours = "failed" if row.ours.crashed else format_seconds(row.ours.seconds)
    ratio = "-" if row.ratio is None else f"{row.ratio:.2f}x"
    if row.target_seconds is not None:
        target = f"<= {row.target_seconds:g} s"
    elif row.target_ratio is not None:
        target = f"<= {row.target_ratio:g}x"
    else:
        target = "(info)"
    met = {True: "yes", False: "NO", None: "-"}[row.met]
    return [row.benchmark, row.encoding, ours, reference, ratio, target, met, row.note]


def plain_table(rows: list[Row]) -> str:
    """Aligned columns for a terminal."""
    table = [HEADER] + [row_cells(row) for row in rows]
    widths = [max(len(line[i]) for line in table) for i in range(len(HEADER))]
    lines = []
    for n, line in enumerate(table):
        cells = [cell.rjust(w) if i in NUMERIC_COLUMNS else cell.ljust(w) for i, (cell, w) in enumerate(zip(line, widths))]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def markdown_table(rows: list[Row]) -> str:
    """A GitHub Markdown table."""
    align = ["---:" if i in NUMERIC_COLUMNS else "---" for i in range(len(HEADER))]
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "|".join(align) + "|"]
    for row in rows:
        cells = [cell.replace("|", "\\|") for cell in row_cells(row)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def machine_summary(repeats_note: str) -> str:
    """One line saying where and against what the figures were measured."""
    versions = []
    for package in ("tiktoken", "tokenizers"):
        try:
            versions.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{package} missing")
    return (
        f"Python {platform.python_version()}, {', '.join(versions)}, {os.cpu_count()} CPUs, "
        f"{platform.machine()}; {repeats_note}."
    )
