"""MinHash LSH bands: which (start, end) slices of a signature make the bands for a similarity threshold, and an
index of signatures by band.

Two signatures are candidates when one band of theirs is equal. The number of bands b and rows r (b * r at most
the signature's length) are those that minimise the equally weighted areas of false positives (below the
threshold) and false negatives (above it) under the S-curve 1 - (1 - s^r)^b, as the LSH of ``datasketch`` chooses
them; the curve is a polynomial of degree at most the signature's length, so a Gauss–Legendre rule of that many
nodes integrates it exactly, with numpy alone (no SciPy to import: one article's ingest pays no second of it).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np


@lru_cache(maxsize=8)
def band_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows per band) for a Jaccard ``threshold`` and signatures of ``num_perm`` values.

    E.g. 0.8 with 64 values -> (5, 11); 0.3 -> (21, 3).
    """
    nodes, weights = np.polynomial.legendre.leggauss(num_perm // 2 + 1)

    def area(lo: float, hi: float, r: int, b: int, above: bool) -> float:
        s = (hi - lo) / 2 * nodes + (hi + lo) / 2
        p = 1.0 - (1.0 - s**r) ** b
        return float((hi - lo) / 2 * np.dot(weights, 1.0 - p if above else p))

    best, opt = float("inf"), (0, 0)
    for b in range(1, num_perm + 1):
        for r in range(1, num_perm // b + 1):
            error = 0.5 * area(0.0, threshold, r, b, False) + 0.5 * area(threshold, 1.0, r, b, True)
            if error < best:
                best, opt = error, (b, r)
    return opt


def band_ranges(threshold: float, num_perm: int) -> tuple[tuple[int, int], ...]:
    """The (start, end) of each band of a signature."""
    b, r = band_params(threshold, num_perm)
    return tuple((i * r, (i + 1) * r) for i in range(b))


class BandIndex:
    """Signatures under their bands: ``candidates`` are the keys sharing at least one band with a signature."""

    def __init__(self, threshold: float, num_perm: int):
        self.ranges = band_ranges(threshold, num_perm)
        self.tables: list[dict[bytes, list[str]]] = [{} for _ in self.ranges]

    def _bands(self, sig: np.ndarray) -> list[bytes]:
        return [np.ascontiguousarray(sig[lo:hi]).tobytes() for lo, hi in self.ranges]

    def candidates(self, sig: np.ndarray) -> list[str]:
        found: set[str] = set()
        for table, band in zip(self.tables, self._bands(sig), strict=True):
            found.update(table.get(band, ()))
        return sorted(found)

    def insert(self, key: str, sig: np.ndarray) -> None:
        for table, band in zip(self.tables, self._bands(sig), strict=True):
            table.setdefault(band, []).append(key)
