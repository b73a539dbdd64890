"""Write the seed disclosure in every format (json, xlsx, docx, html, pdf); target under 2 s median.

Baseline, measured in the same run: writing the Document JSON alone (what ``yusuan parse -o`` does).
Each format is also timed alone, rendering in memory; "all formats" writes the files to a folder.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from common import median_seconds, report
from yusuan.read import read_path
from yusuan.write import FORMATS, renderer, write_document

SEED = Path(__file__).resolve().parent.parent / "examples" / "jiangmen-2024" / "published.txt"


def main() -> None:
    document = read_path(SEED)
    with tempfile.TemporaryDirectory() as folder:
        base = median_seconds(lambda: write_document(document, folder, ("json",)), repeat=50, warmup=5)
        report("baseline: write JSON alone", base, base, "baseline")
        for fmt in FORMATS[1:]:
            render = renderer(fmt)
            seconds = median_seconds(lambda render=render: render(document), repeat=9, warmup=1)
            report(f"render {fmt}", seconds, base, "baseline")
        every = median_seconds(lambda: write_document(document, folder), repeat=9, warmup=1)
        report("write all formats (seed)", every, base, "baseline", "< 2 s")


if __name__ == "__main__":
    main()
