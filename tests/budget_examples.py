"""The two bundled budget examples, and a copy of the Jiangmen one to spoil in tests of bad input."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JIANGMEN = ROOT / "examples" / "jiangmen-2024" / "budget"
SPORTS = ROOT / "examples" / "jiangmen-sports-2024" / "budget.yaml"
EXAMPLES = {"jiangmen": JIANGMEN, "sports": SPORTS}


def jiangmen_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "budget"
    shutil.copytree(JIANGMEN, folder)
    return folder


def edit_csv(folder: Path, sheet: str, old: str, new: str, count: int = 1) -> None:
    """Replace text in one CSV of the copy, failing loudly if the text is not there."""
    path = folder / f"{sheet}.csv"
    text = path.read_text(encoding="utf-8-sig")
    assert old in text, (sheet, old)
    path.write_text(text.replace(old, new, count), encoding="utf-8-sig")
