"""MinHash LSH bands: which (start, end) slices of a signature make the bands for a similarity threshold, and an
index of signatures by band.

Two signatures are candidates when one band of theirs is equal. The number of bands b and rows r (b * r at most
the signature's length) are those that minimise the equally weighted areas of false positives (below the
threshold) and false negatives (above it) under the S-curve 1 - (1 - s^r)^b, as the LSH of ``datasketch`` chooses
them; the curve is a polynomial of degree at most the signature's length, so a Gauss–Legendre rule of that many
nodes integrates it exactly, with numpy alone (no SciPy to import: one article's ingest pays no second of it).
"""

from __future__ import annotations

from collections.abc import Mapping
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
    """MinHash LSH: articles sharing a band of their signatures, with the bands ``datasketch.MinHashLSH`` would use for
    ``threshold`` (the same candidates as that index). Every signature is known up front, so each article's band
    values are numbered once (-1 for a value no other article shares, most of them) and the buckets hold only the
    shared ones."""

    def __init__(self, threshold: float, num_perm: int, sigs: Mapping[str, np.ndarray]) -> None:
        ranges = band_ranges(threshold, num_perm)
        matrix = np.empty((len(sigs), num_perm), dtype=np.uint32)  # MinHash values are below 2**32
        for row, sig in enumerate(sigs.values()):
            matrix[row] = sig
        self.rows = {key: row for row, key in enumerate(sigs)}
        self.groups = np.full((len(sigs), len(ranges)), -1, dtype=np.int64)  # article row, band -> value number
        self.tables: list[dict[int, list[str]]] = [{} for _ in ranges]
        for n, (lo, hi) in enumerate(ranges):
            band = np.ascontiguousarray(matrix[:, lo:hi])
            values = band.view(np.dtype((np.void, band.dtype.itemsize * (hi - lo)))).ravel()
            _, group, counts = np.unique(values, return_inverse=True, return_counts=True)
            group = group.ravel()
            self.groups[:, n] = np.where(counts[group] > 1, group, -1)

    def query(self, key: str) -> set[str]:
        out: set[str] = set()
        for table, group in zip(self.tables, self.groups[self.rows[key]].tolist(), strict=True):
            if group >= 0 and group in table:
                out.update(table[group])
        return out

    def insert(self, key: str) -> None:
        for table, group in zip(self.tables, self.groups[self.rows[key]].tolist(), strict=True):
            if group >= 0:
                table.setdefault(group, []).append(key)
