"""pdf-oxide (MIT OR Apache-2.0) weighed as a second source of the reader's characters and ruling lines.

The reader takes a :class:`yusuan.read.pdf.extract.Page` per page: runs of text with PDFium's loose
boxes (font ascent/descent) and the visible axis-aligned strokes, both on the page as displayed. A second
backend may serve it only if it gives the same Page on every page, so this measures, on every page of
``../shared/corpus/*.pdf`` and ``../shared/corpus/real/*.pdf``:

- characters: the same non-blank characters per page (as a multiset, and in the same order);
- runs: pdf-oxide's characters glued by the reader's own rule (``extract._walk``), compared with the
  reader's runs — same texts, same x within 1 pt, same top/bottom within 1 pt (pdf-oxide gives a
  baseline and the font size, not the font's ascent/descent, so top/bottom use SimSun's 0.86/0.14);
- ruling segments: pdf-oxide's paths through the rules of ``ruling.py``, compared exactly (0.1 pt);
- speed per page, and what each library does with damaged copies of corpus files (each read in its
  own process, so a crash or a hang is seen as such).

pdf-oxide is the ``bench`` extra; nothing in ``src/`` imports it.
"""

from __future__ import annotations

import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from itertools import pairwise
from pathlib import Path

import pypdfium2 as pdfium

from yusuan.read.pdf import extract
from yusuan.read.pdf.ruling import _MIN_LENGTH, _THIN, MAX_SEGMENTS_PER_PAGE, _add, page_segments

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
_SKIP = set(" \t\r\n" + extract._BLANKS)
_ASCENT, _DESCENT = 0.86, 0.14  # SimSun's, the commonest font of the corpus


def oxide_runs(chars, display: extract.Display) -> list[extract.Run]:
    """pdf-oxide's characters in stream order, glued as ``extract._walk`` glues PDFium's."""
    runs: list[extract.Run] = []
    text: list[str] = []
    x0 = x1 = top = bottom = 0.0
    for char in chars:
        c = char.char
        if c in _SKIP or c < " ":
            if text:
                runs.append(extract.Run("".join(text), x0, top, x1, bottom))
                text = []
            continue
        bx, by, bw, bh = char.bbox  # x, baseline, advance, font size
        cx0, ctop, cx1, cbottom = display.box(bx, by - _DESCENT * bh, bx + bw, by + _ASCENT * bh)
        if cbottom - ctop <= 0.1:
            continue
        if text:
            h = bottom - top
            if top - 0.3 * h <= (ctop + cbottom) / 2 <= bottom + 0.3 * h and -h < cx0 - x1 < extract._GAP * h:
                text.append(c)
                x1 = max(x1, cx1)
                continue
            runs.append(extract.Run("".join(text), x0, top, x1, bottom))
        text = [c]
        x0, x1, top, bottom = cx0, cx1, ctop, cbottom
    if text:
        runs.append(extract.Run("".join(text), x0, top, x1, bottom))
    return runs


def _light(colour) -> bool:
    return all(v * 255 > 240 for v in colour[:3])


def _subpaths(operations) -> list[list[tuple[float, float]]] | None:
    subpaths: list[list[tuple[float, float]]] = []
    for o in operations:
        op = o["op"]
        if op == "curve_to":
            return None
        if op == "rectangle":
            x, y, w, h = o["x"], o["y"], o["width"], o["height"]
            subpaths.append([(x, y), (x + w, y), (x + w, y + h), (x, y + h), (x, y)])
        elif op == "move_to" or (op == "line_to" and not subpaths):
            subpaths.append([(o["x"], o["y"])])
        elif op == "line_to":
            subpaths[-1].append((o["x"], o["y"]))
        elif op == "close_path" and subpaths and len(subpaths[-1]) > 1:
            subpaths[-1].append(subpaths[-1][0])
    return subpaths


def oxide_segments(paths) -> list:
    """pdf-oxide's paths through the rules of ``ruling.py`` (visible, axis-aligned, thin fills as lines)."""
    found: list = []
    for path in paths:
        filled = path["fill_color"] is not None and not _light(path["fill_color"])
        stroked = path["stroke_color"] is not None and not _light(path["stroke_color"])
        subpaths = _subpaths(path["operations"]) if filled or stroked else None
        for points in subpaths or []:
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            if filled and min(max(xs) - min(xs), max(ys) - min(ys)) < _THIN and \
                    max(max(xs) - min(xs), max(ys) - min(ys)) >= _MIN_LENGTH:
                _add(found, min(xs), min(ys), max(xs), max(ys), thin=True)
                continue
            for (x0, y0), (x1, y1) in pairwise(points):
                _add(found, x0, y0, x1, y1)
        if len(found) > MAX_SEGMENTS_PER_PAGE:
            return []
    return found


def _seg_key(display: extract.Display, segments) -> list[tuple[float, ...]]:
    return sorted((s.x0, s.y0, s.x1, s.y1) for s in map(display.segment, segments))


def _run_key(runs, with_y: bool) -> Counter:
    return Counter((r.text, round(r.x0), round(r.x1)) + ((round(r.top), round(r.bottom)) if with_y else ())
                   for r in runs)


def agreement(paths: list[Path]) -> None:
    import pdf_oxide

    pdf_oxide.disable_logging()
    n = Counter()
    seconds = Counter()
    for path in paths:
        data = path.read_bytes()
        start = time.perf_counter()
        ours = extract.extract_pages(data)
        seconds["reader extract_pages (PDFium)"] += time.perf_counter() - start
        start = time.perf_counter()
        oxide = pdf_oxide.PdfDocument.from_bytes(data)
        for index in range(oxide.page_count()):
            oxide.extract_chars(index)
        seconds["pdf-oxide characters only"] += time.perf_counter() - start
        pdf = pdfium.PdfDocument(data)
        for index, page in enumerate(ours):
            view = pdf[index]
            display = extract.Display(view.get_rotation(), page.width, page.height)
            start = time.perf_counter()
            chars = oxide.extract_chars(index)
            runs = oxide_runs(chars, display)
            seconds["pdf-oxide characters → runs"] += time.perf_counter() - start
            start = time.perf_counter()
            segments = oxide_segments(oxide.extract_paths(index))
            seconds["pdf-oxide paths → segments"] += time.perf_counter() - start
            start = time.perf_counter()
            theirs = page_segments(view.raw)
            seconds["PDFium segments (ruling.py)"] += time.perf_counter() - start
            textpage = view.get_textpage()
            text = textpage.get_text_range()
            textpage.close()
            view.close()
            mine = "".join(c for c in text if c not in _SKIP and c >= " ")
            other = "".join(c.char for c in chars if c.char not in _SKIP and c.char >= " ")
            n["pages"] += 1
            n["rotated pages"] += display.rotation != 0
            n["same characters (multiset)"] += Counter(mine) == Counter(other)
            n["same characters in the same order"] += mine == other
            n["same run texts"] += Counter(r.text for r in page.runs) == Counter(r.text for r in runs)
            n["same runs, x within 1 pt"] += _run_key(page.runs, False) == _run_key(runs, False)
            n["same runs, x and top/bottom within 1 pt"] += _run_key(page.runs, True) == _run_key(runs, True)
            n["rotated pages with the same runs (x)"] += display.rotation != 0 and \
                _run_key(page.runs, False) == _run_key(runs, False)
            n["same ruling segments (0.1 pt)"] += _seg_key(display, theirs) == _seg_key(display, segments)
            n["pages where pdf-oxide finds no segment but PDFium does"] += bool(theirs) and not segments
        pdf.close()
    pages = n["pages"]
    print(f"{len(paths)} PDFs, {pages} pages ({n['rotated pages']} displayed rotated)")
    for name, count in n.items():
        if name not in ("pages", "rotated pages"):
            print(f"  {name:<58} {count:5d} pages ({count / pages:6.1%})")
    for name, total in seconds.items():
        print(f"  time: {name:<40} {total / pages * 1000:7.3f} ms/page")


_OPEN = {
    "PDFium (reader)": "from yusuan.read.pdf.extract import extract_pages as f; f(data)",
    "pdf-oxide": "import pdf_oxide; d = pdf_oxide.PdfDocument.from_bytes(data); "
                 "[(d.extract_chars(i), d.extract_paths(i)) for i in range(d.page_count())]",
}


def damaged(data: bytes, seed: int) -> bytes:
    rng = random.Random(seed)
    kind = seed % 3
    if kind == 0:
        return data[: rng.randint(len(data) // 4, len(data) - 1)]  # truncated
    buffer = bytearray(data)
    for _ in range(64 if kind == 1 else 4096):  # a few bytes or many flipped
        buffer[rng.randrange(len(buffer))] = rng.randrange(256)
    return bytes(buffer)


def robustness(paths: list[Path], copies: int = 30) -> None:
    """Each library reads damaged copies in a child process: clean error, read, crash or hang (20 s)."""
    outcomes = {name: Counter() for name in _OPEN}
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(copies):
            file = Path(tmp) / f"damaged-{n}.pdf"
            file.write_bytes(damaged(paths[n % len(paths)].read_bytes(), n))
            for name, code in _OPEN.items():
                script = f"import pathlib; data = pathlib.Path({str(file)!r}).read_bytes()\n{code}"
                try:
                    done = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=20)
                except subprocess.TimeoutExpired:
                    outcomes[name]["hang (> 20 s)"] += 1
                    continue
                error = done.stderr.decode(errors="replace").strip().splitlines()
                if done.returncode < 0:
                    outcomes[name][f"crash (signal {-done.returncode})"] += 1
                elif done.returncode:
                    last = error[-1] if error else ""
                    outcomes[name]["raised " + last.split(":")[0][:40]] += 1
                else:
                    outcomes[name]["read"] += 1
    print(f"{copies} damaged copies (truncated, 64 or 4096 bytes overwritten):")
    for name, counts in outcomes.items():
        print(f"  {name:<16} " + ", ".join(f"{k}: {v}" for k, v in sorted(counts.items())))


def main() -> None:
    try:
        import pdf_oxide  # noqa: F401
    except ImportError:
        print("pdf-oxide not installed (pip install -e '.[bench]'): skipped")
        return
    paths = sorted(CORPUS.glob("*.pdf")) + sorted((CORPUS / "real").glob("*.pdf"))
    if not paths:
        print(f"skipped: no PDFs in {CORPUS}")
        return
    readable = []
    for path in paths:
        try:
            extract.extract_pages(path.read_bytes())
            readable.append(path)
        except Exception:  # only files the reader reads can be compared page by page
            print(f"  (not compared: the reader refuses {path.name})")
    agreement(readable)
    robustness(readable)


if __name__ == "__main__":
    main()
