"""Straighten a scan fed askew: a page turned by a degree puts a wide table's rows on slanted lines,
and the reader groups runs into lines by their height on the page.

The angle is the one under which the page's ink, projected onto the vertical, gives the sharpest
profile (text lines and ruling lines become narrow peaks, the gaps between them empty): the classic
projection-profile method, which needs neither ruling lines nor text boxes. It is searched on the
ink's coordinates (no image is turned while searching), coarse then fine.
"""

from __future__ import annotations

import numpy as np

MAX_DEGREES = 5.0  # a page askew by more is turned on purpose (landscape), not fed badly
_MIN_DEGREES = 0.05  # less than this moves a line end by under a pixel: leave the page as it is
_SAMPLE = 200_000  # ink pixels looked at: enough for the profile, bounded work on a dark page


def skew_degrees(grey: np.ndarray) -> float:
    """How far the page's lines are turned, in degrees (counter-clockwise positive, as the page shows)."""
    ys, xs = np.nonzero(grey < 128)
    if len(xs) < 100:
        return 0.0
    if len(xs) > _SAMPLE:
        pick = np.random.default_rng(0).choice(len(xs), _SAMPLE, replace=False)
        xs, ys = xs[pick], ys[pick]
    xs = xs.astype(np.float64) - grey.shape[1] / 2
    ys = ys.astype(np.float64)
    best = 0.0
    for step, span in ((0.25, MAX_DEGREES), (0.05, 0.25), (0.01, 0.05)):
        angles = np.arange(best - span, best + span + step / 2, step)
        best = float(max(angles, key=lambda a: _sharpness(xs, ys, a)))
    return best


def _sharpness(xs: np.ndarray, ys: np.ndarray, degrees: float) -> float:
    """Sum of squared counts of the ink's rows once the page is turned back by ``degrees``."""
    radians = np.deg2rad(degrees)
    rows = np.round(ys + xs * np.tan(radians)).astype(np.int64)
    counts = np.bincount(rows - rows.min())
    return float(np.dot(counts, counts))


def deskew(grey: np.ndarray) -> tuple[np.ndarray, float]:
    """The page turned upright, and the angle it was turned by (0 when it was straight)."""
    import cv2

    degrees = skew_degrees(grey)
    if abs(degrees) < _MIN_DEGREES:
        return grey, 0.0
    height, width = grey.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), -degrees, 1.0)
    turned = cv2.warpAffine(grey, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=255)
    return turned, degrees
