"""The Budget a department has before it publishes, and the files it is entered in.

``read_budget(path)`` reads an Excel workbook, a folder of CSV files or a YAML file (the layout is
declared once in :mod:`yusuan.budget.schema` and documented in ``docs/budget-input.md``);
``write_template(path)`` writes the blank workbook finance staff fill in.
"""

from __future__ import annotations

from pathlib import Path

from yusuan.budget.convert import to_budget
from yusuan.budget.inputs import read_raw
from yusuan.budget.model import Assets, Budget, LineItem, PriorYear, Procurement, Profile, Project
from yusuan.budget.raw import InputProblems

__all__ = ["Assets", "Budget", "InputProblems", "LineItem", "PriorYear", "Procurement", "Profile", "Project",
           "read_budget"]


def read_budget(path: str | Path) -> Budget:
    """Read and validate a budget input; every problem is reported in one :class:`InputProblems`."""
    return to_budget(read_raw(path))
