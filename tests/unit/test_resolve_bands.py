"""MinHash LSH bands (resolve/bands.py): the bands and rows chosen for a threshold are those of datasketch's LSH,
without importing SciPy, and the band index finds exactly the signatures sharing a band."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from tradetalks.resolve.bands import BandIndex, band_params, band_ranges
from tradetalks.resolve.stories import DUPLICATE, NUM_PERM, RELATED


@pytest.mark.parametrize("num_perm", [16, 64, 128])
def test_band_params_are_those_of_datasketch(num_perm: int) -> None:
    from datasketch import MinHashLSH

    compared = 0
    for threshold in [x / 20 for x in range(1, 20)]:
        try:
            lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        except ValueError:  # datasketch refuses a single band
            continue
        assert band_params(threshold, num_perm) == (lsh.b, lsh.r), threshold
        compared += 1
    assert compared >= 10


def test_story_thresholds_give_the_known_bands() -> None:
    assert band_params(DUPLICATE, NUM_PERM) == (5, 11)
    assert band_params(RELATED, NUM_PERM) == (21, 3)
    assert band_ranges(RELATED, NUM_PERM)[:2] == ((0, 3), (3, 6))


def test_index_finds_signatures_sharing_a_band_and_no_other() -> None:
    """Built over every signature up front, the index keeps only band values two of them share: a signature
    sharing one band with another finds it (and itself), one sharing none finds nothing."""
    base = np.arange(NUM_PERM, dtype=np.uint64)
    one_band = base.copy()
    one_band[11:] += np.uint64(2000)  # the first band (rows 0-10) kept, every other changed
    none = base + np.uint64(1000)
    index = BandIndex(DUPLICATE, NUM_PERM, {"a": base, "b": one_band, "c": none})
    for key in "abc":
        index.insert(key)
    assert index.query("a") == {"a", "b"} and index.query("b") == {"a", "b"}
    assert index.query("c") == set()


def test_resolution_imports_no_scipy() -> None:
    code = "import sys, tradetalks.resolve.incremental; print('scipy' in sys.modules, 'datasketch' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]
