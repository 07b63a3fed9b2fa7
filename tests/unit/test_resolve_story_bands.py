"""The LSH buckets of story clustering find exactly the candidates datasketch's MinHashLSH finds."""

from __future__ import annotations

import numpy as np
from datasketch import MinHash, MinHashLSH

from tradetalks.resolve.bands import BandIndex
from tradetalks.resolve.stories import DUPLICATE, NUM_PERM, RELATED, Shingler, _permutations, signature


def _texts() -> list[str]:
    words = [f"tu{n}" for n in range(60)]
    rng = np.random.RandomState(7)
    base = [" ".join(rng.choice(words, 40)) for _ in range(12)]
    out = list(base)
    for text in base:  # lightly and heavily edited copies
        parts = text.split()
        for cut in (2, 8, 20):
            out.append(" ".join(parts[cut:] + [f"moi{cut}"] * cut))
    return out


def test_story_bands_meet_the_candidates_of_minhash_lsh() -> None:
    shingler = Shingler()
    sigs = {f"a{n}": signature(shingler.hashes(t)) for n, t in enumerate(_texts())}
    for threshold in (DUPLICATE, RELATED):
        bands = BandIndex(threshold, NUM_PERM, sigs)
        lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        met = 0
        for key, sig in sigs.items():
            mh = MinHash(num_perm=NUM_PERM, hashvalues=sig, permutations=_permutations(), scheme="legacy")
            assert bands.query(key) == set(lsh.query(mh)), key
            met += len(bands.query(key))
            bands.insert(key)
            lsh.insert(key, mh)
        assert met > 0, "some texts meet (the test would prove nothing otherwise)"
